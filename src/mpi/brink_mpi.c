/* brink_mpi.c — brink-mpi: `brink montecarlo` and `brink compare` with the draws shared among
 * MPI ranks (mpirun -np N brink-mpi montecarlo SCENARIO ...; docs/montecarlo.md, "Across
 * machines").
 *
 * A separate binary, built only when CMake finds MPI, so that neither the library nor the
 * brink command needs an MPI library to build or to start (an MPI program run outside
 * mpirun initialises a one-rank MPI world on every start). The work is the library's:
 * brink_montecarlo with nparts = ranks, part = rank; block b of draws is computed by rank
 * b % ranks and sent to rank 0, which merges every block in draw order, so the output equals
 * `brink montecarlo` with the same arguments, draw for draw. Rank 0 alone prints, shows
 * progress and writes --db/--csv/--jsonl.
 *
 * Messages between a pair of ranks keep their order (MPI's non-overtaking rule) and each
 * rank sends its blocks in draw order, so one tag suffices; each block's header names its
 * draws and rank 0 refuses one that is not the block it expects. A failure once the draws
 * have started ends every rank (MPI_Abort): the others would wait for it forever.
 */
#include <limits.h>
#include <mpi.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_mc.h"

#define BLOCK_TAG 1

static brink_status mpi_failed(int rc, const char *what, brink_error *err)
{
    char msg[MPI_MAX_ERROR_STRING];
    int len = 0;
    if (MPI_Error_string(rc, msg, &len) != MPI_SUCCESS)
        len = 0;
    msg[len < MPI_MAX_ERROR_STRING ? len : MPI_MAX_ERROR_STRING - 1] = '\0';
    return brink_error_set(err, BRINK_EIO, "MPI: %s failed: %s", what, msg);
}

static brink_status send_block(void *ctx, long block, const void *bytes, size_t len,
                               brink_error *err)
{
    (void)ctx;
    (void)block;
    if (len > INT_MAX)
        return brink_error_set(err, BRINK_ETOOBIG, "MPI: a block of %zu bytes is too large",
                               len);
    int rc = MPI_Send(bytes, (int)len, MPI_BYTE, 0, BLOCK_TAG, MPI_COMM_WORLD);
    return rc == MPI_SUCCESS ? BRINK_OK : mpi_failed(rc, "sending a block", err);
}

static brink_status receive_block(void *ctx, long block, int from, void *bytes, size_t len,
                                  brink_error *err)
{
    (void)ctx;
    if (len > INT_MAX)
        return brink_error_set(err, BRINK_ETOOBIG, "MPI: a block of %zu bytes is too large",
                               len);
    MPI_Status st;
    int rc = MPI_Recv(bytes, (int)len, MPI_BYTE, from, BLOCK_TAG, MPI_COMM_WORLD, &st);
    if (rc != MPI_SUCCESS)
        return mpi_failed(rc, "receiving a block", err);
    int got = 0;
    MPI_Get_count(&st, MPI_BYTE, &got);
    if ((size_t)got != len)
        return brink_error_set(err, BRINK_EINTERNAL, "MPI: block %ld from rank %d has %d "
                               "bytes, not %zu (a different brink-mpi build on that rank?)",
                               block, from, got, len);
    return BRINK_OK;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: mpirun -np N brink-mpi montecarlo|compare SCENARIO [options]\n"
               "The draws of `brink montecarlo` (or `brink compare`) shared among N MPI ranks;\n"
               "the output is the same as one process's with the same arguments.\n"
               "Options: see 'brink montecarlo --help' and 'brink compare --help'.\n");
}

int main(int argc, char **argv)
{
    cli_std_fds_reserve();
    if (MPI_Init(&argc, &argv) != MPI_SUCCESS) {
        fprintf(stderr, "brink-mpi: MPI_Init failed\n");
        return BRINK_EXIT_INTERNAL;
    }
    int rank = 0, size = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int rc;
    cli_mc_share share = {size, rank, send_block, receive_block, NULL, 0};
    if (argc >= 2 && (!strcmp(argv[1], "montecarlo") || !strcmp(argv[1], "compare"))) {
        rc = cli_montecarlo_run(argc - 1, argv + 1, !strcmp(argv[1], "compare"), &share);
    } else if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        if (rank == 0)
            usage(stdout);
        rc = BRINK_EXIT_OK;
    } else {
        if (rank == 0)
            usage(stderr);
        rc = BRINK_EXIT_INPUT;
    }
    rc = cli_stdout_finish(rc);
    if (rc != BRINK_EXIT_OK && share.started)
        MPI_Abort(MPI_COMM_WORLD, rc);
    MPI_Finalize();
    return rc;
}
