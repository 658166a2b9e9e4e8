/* cli_mpi.c — `mpirun -np N brink montecarlo|compare ...`: the same brink binary shares the
 * draws among MPI ranks (docs/montecarlo.md, "Across machines").
 *
 * A plain start never touches MPI: main() first reads the environment (cli_launch_detect),
 * and only a process that an MPI launcher started comes here. brink is not linked with
 * libmpi: linking it would load Open MPI's libraries at every start of every command (about
 * 2 ms; docs/montecarlo.md has the figures). The MPI calls live in a module, brink_mpi.so
 * (src/mpi/), built when CMake finds MPI and loaded here with dlopen: first from the folder
 * of the running brink (the build tree), then from the installed path (BRINK_MPI_MODULE,
 * set by CMake). The work itself is the library's: brink_montecarlo with nparts = ranks,
 * part = rank; the module only moves each block's bytes to rank 0, which merges them in draw
 * order, so the output equals one process's. Rank 0 alone prints and writes files.
 *
 * Messages between a pair of ranks keep their order (MPI's non-overtaking rule) and each
 * rank sends its blocks in draw order, so one tag suffices; rank 0 refuses a block of the
 * wrong size. A failure of any rank, before the draws or during them, ends every rank
 * (MPI_Abort): the others would wait for it forever. Any other command under N > 1 ranks,
 * and montecarlo/compare in a brink built without MPI, are refused rather than run as N
 * identical copies.
 */
#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_mc.h"
#include "cli/cli_mpi.h"
#include "mpi/mpi_module.h"

#define BLOCK_TAG 1

void cli_launch_detect(cli_launch *l)
{
    memset(l, 0, sizeof *l);
    const char *size = getenv("OMPI_COMM_WORLD_SIZE");
    const char *rank = getenv("OMPI_COMM_WORLD_RANK");
    const char *pmix = getenv("PMIX_RANK");
    long v;
    if (size) {
        l->launched = 1;
        l->var = "OMPI_COMM_WORLD_SIZE";
        if (!cli_parse_long(size, &v) && v >= 1)
            l->ranks = v;
    } else if (pmix) {
        l->launched = 1;
        l->var = "PMIX_RANK";
    }
    if (!rank)
        rank = pmix;
    if (rank && !cli_parse_long(rank, &v) && v >= 0)
        l->rank = v;
}

int cli_launch_parallel(const cli_launch *l)
{
    return l->launched && l->ranks != 1;
}

/* Rank 0 speaks for all when it knows there are others; otherwise each rank speaks. */
static int speaks(const cli_launch *l)
{
    return l->rank == 0 || l->ranks == 0;
}

static void describe_launch(const cli_launch *l)
{
    if (l->ranks)
        fprintf(stderr, "started by an MPI launcher with %ld ranks (%s is set)", l->ranks,
                l->var);
    else
        fprintf(stderr, "started by an MPI launcher (%s is set), as rank %ld", l->var,
                l->rank);
}

#ifdef BRINK_MPI_MODULE

static brink_status mpi_failed(const brink_mpi_module *m, int code, const char *what,
                               brink_error *err)
{
    size_t n = m->error_string(code, NULL, 0);
    char *msg = malloc(n + 1);
    if (!msg)
        return brink_error_set(err, BRINK_EIO, "MPI: %s failed (MPI error %d)", what, code);
    m->error_string(code, msg, n + 1);
    brink_status st = brink_error_set(err, BRINK_EIO, "MPI: %s failed: %s", what, msg);
    free(msg);
    return st;
}

static brink_status send_block(void *ctx, long block, const void *bytes, size_t len,
                               brink_error *err)
{
    const brink_mpi_module *m = ctx;
    (void)block;
    if (len > INT_MAX)
        return brink_error_set(err, BRINK_ETOOBIG, "MPI: a block of %zu bytes is too large",
                               len);
    int rc = m->send(bytes, (int)len, 0, BLOCK_TAG);
    return rc == 0 ? BRINK_OK : mpi_failed(m, rc, "sending a block", err);
}

static brink_status receive_block(void *ctx, long block, int from, void *bytes, size_t len,
                                  brink_error *err)
{
    const brink_mpi_module *m = ctx;
    if (len > INT_MAX)
        return brink_error_set(err, BRINK_ETOOBIG, "MPI: a block of %zu bytes is too large",
                               len);
    int got = 0;
    int rc = m->receive(bytes, (int)len, from, BLOCK_TAG, &got);
    if (rc != 0)
        return mpi_failed(m, rc, "receiving a block", err);
    if ((size_t)got != len)
        return brink_error_set(err, BRINK_EINTERNAL, "MPI: block %ld from rank %d has %d "
                               "bytes, not %zu (a different brink build on that rank?)",
                               block, from, got, len);
    return BRINK_OK;
}

/* The folder of the running executable, with a trailing '/', into dir (empty if unknown). */
static void exe_dir(brink_buf *dir)
{
    for (size_t cap = 256; cap <= ((size_t)1 << 20); cap *= 2) {
        char *p = malloc(cap);
        if (!p)
            return;
        ssize_t n = readlink("/proc/self/exe", p, cap);
        if (n < 0) {
            free(p);
            return;
        }
        if ((size_t)n < cap) {
            while (n > 0 && p[n - 1] != '/')
                n--;
            brink_buf_append(dir, p, (size_t)n);
            free(p);
            return;
        }
        free(p);
    }
}

/* The module, or NULL with what was tried (and why it failed) in why. Never unloaded: MPI
 * keeps handlers in it until the process ends. RTLD_GLOBAL: Open MPI's own plugins, which
 * libmpi opens, look up libmpi's symbols globally. */
static const brink_mpi_module *load_module(brink_buf *why)
{
    brink_buf path;
    brink_buf_init(&path);
    exe_dir(&path);
    const char *candidates[2] = {NULL, BRINK_MPI_MODULE};
    if (path.len) {
        brink_buf_puts(&path, "brink_mpi.so");
        candidates[0] = path.failed ? NULL : path.data;
    }
    const brink_mpi_module *m = NULL;
    for (int i = 0; i < 2 && !m; i++) {
        if (!candidates[i] || access(candidates[i], F_OK) != 0) {
            if (candidates[i])
                brink_buf_printf(why, "%s%s: no such file", why->len ? "; " : "",
                                 candidates[i]);
            continue;
        }
        void *h = dlopen(candidates[i], RTLD_NOW | RTLD_GLOBAL);
        const char *e = h ? NULL : dlerror();
        if (h) {
            m = dlsym(h, BRINK_MPI_MODULE_SYMBOL);
            if (!m)
                e = "no " BRINK_MPI_MODULE_SYMBOL " in it";
            else if (m->abi != BRINK_MPI_MODULE_ABI) {
                m = NULL;
                e = "a module of another brink version";
            }
        }
        if (!m)
            brink_buf_printf(why, "%s%s: %s", why->len ? "; " : "", candidates[i],
                             e ? e : "cannot be loaded");
    }
    brink_buf_free(&path);
    return m;
}

static int run_shared(int argc, char **argv, int compare, const cli_launch *l)
{
    brink_buf why;
    brink_buf_init(&why);
    const brink_mpi_module *m = load_module(&why);
    if (!m) {
        if (speaks(l)) {
            fprintf(stderr, "brink: ");
            describe_launch(l);
            fprintf(stderr, ", but its MPI module cannot be loaded: %s\n",
                    why.failed ? "out of memory" : why.data);
        }
        brink_buf_free(&why);
        return cli_stdout_finish(BRINK_EXIT_INTERNAL);
    }
    brink_buf_free(&why);
    int rank = 0, size = 1;
    int rc = m->init(&argc, &argv, &rank, &size);
    if (rc != 0) {
        brink_error err;
        brink_error_clear(&err);
        mpi_failed(m, rc, "MPI_Init", &err);
        return cli_stdout_finish(cli_report(&err));
    }
    cli_mc_share share = {size, rank, send_block, receive_block, (void *)m, 0};
    int st = cli_stdout_finish(cli_montecarlo_run(argc - 1, argv + 1, compare, &share));
    /* A rank that fails, even before the draws (a scenario file missing on its machine),
     * ends every rank: rank 0 would wait for its blocks and it for rank 0 in MPI_Finalize. */
    if (st != BRINK_EXIT_OK && size > 1)
        m->abort_all(st);
    m->finalize();
    return st;
}

#endif

int cli_mpi_main(int argc, char **argv, const cli_launch *l)
{
    const char *cmd = argc >= 2 ? argv[1] : NULL;
    int shares = cmd && (!strcmp(cmd, "montecarlo") || !strcmp(cmd, "compare"));
#ifdef BRINK_MPI_MODULE
    if (shares)
        return run_shared(argc, argv, !strcmp(cmd, "compare"), l);
#endif
    if (speaks(l)) {
        fprintf(stderr, "brink: ");
        describe_launch(l);
        if (shares)
            fprintf(stderr, ", but this brink was built without MPI: it would run the same "
                    "draws in every rank. Run it without mpirun (it uses every core of one "
                    "machine with --threads), or rebuild brink with Open MPI installed "
                    "(libopenmpi-dev, scripts/deps.sh).\n");
        else
            fprintf(stderr, ": `brink %s` does not share its work among ranks and would run "
                    "as identical copies; run it without mpirun (montecarlo and compare "
                    "share their draws among MPI ranks).\n", cmd ? cmd : "");
    }
    return cli_stdout_finish(BRINK_EXIT_INPUT);
}
