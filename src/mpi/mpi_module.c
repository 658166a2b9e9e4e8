/* mpi_module.c — brink's MPI module (brink_mpi.so): the only code of brink that calls MPI.
 * It moves bytes between ranks and nothing else; what the bytes are, who computes which
 * draws and how rank 0 merges them is the library's (brink_montecarlo's nparts/part and its
 * callbacks, include/brink/uncertainty.h), driven by src/cli/cli_mpi.c, which loads this
 * module only under an MPI launcher (mpi_module.h says why).
 */
#include <mpi.h>
#include <string.h>

#include "mpi/mpi_module.h"

static int init(int *argc, char ***argv, int *rank, int *size)
{
    /* FUNNELED: brink's OpenMP threads solve draws, only the main thread calls MPI */
    int provided = MPI_THREAD_SINGLE;
    int rc = MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
    if (rc == MPI_SUCCESS)
        rc = MPI_Comm_rank(MPI_COMM_WORLD, rank);
    if (rc == MPI_SUCCESS)
        rc = MPI_Comm_size(MPI_COMM_WORLD, size);
    return rc;
}

static int send_bytes(const void *bytes, int len, int to, int tag)
{
    return MPI_Send(bytes, len, MPI_BYTE, to, tag, MPI_COMM_WORLD);
}

static int receive_bytes(void *bytes, int len, int from, int tag, int *got)
{
    MPI_Status st;
    int rc = MPI_Recv(bytes, len, MPI_BYTE, from, tag, MPI_COMM_WORLD, &st);
    if (rc == MPI_SUCCESS)
        rc = MPI_Get_count(&st, MPI_BYTE, got);
    return rc;
}

static void abort_all(int code)
{
    MPI_Abort(MPI_COMM_WORLD, code);
}

static int finalize(void)
{
    return MPI_Finalize();
}

static size_t error_string(int code, char *out, size_t cap)
{
    char msg[MPI_MAX_ERROR_STRING]; /* the size MPI_Error_string requires */
    int len = 0;
    if (MPI_Error_string(code, msg, &len) != MPI_SUCCESS || len < 0)
        len = 0;
    if (len > MPI_MAX_ERROR_STRING - 1)
        len = MPI_MAX_ERROR_STRING - 1;
    if (cap > 0) {
        size_t n = (size_t)len < cap - 1 ? (size_t)len : cap - 1;
        memcpy(out, msg, n);
        out[n] = '\0';
    }
    return (size_t)len;
}

const brink_mpi_module brink_mpi_module_v1 = {
    BRINK_MPI_MODULE_ABI, init, send_bytes, receive_bytes, abort_all, finalize, error_string,
};
