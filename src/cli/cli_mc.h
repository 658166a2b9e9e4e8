/* cli_mc.h — `brink montecarlo` / `brink compare` as a function that another driver can call
 * with the draws shared among processes (src/cli/cli_mpi.c: MPI ranks); a plain start of
 * brink calls it without sharing.
 */
#ifndef BRINK_CLI_MC_H
#define BRINK_CLI_MC_H

#include "brink/uncertainty.h"

/* How the draws are shared (brink_mc_options' fields of the same names). Only part 0
 * prints, writes --csv/--jsonl and the database, and shows progress. `started` is set to 1
 * once the computation begins: a failure after that leaves other parts waiting, which the
 * driver must end (MPI_Abort); before it every part fails alike (usage, loading). */
typedef struct cli_mc_share {
    int nparts, part;
    brink_status (*send)(void *ctx, long block, const void *bytes, size_t len,
                         brink_error *err);
    brink_status (*receive)(void *ctx, long block, int from, void *bytes, size_t len,
                            brink_error *err);
    void *ctx;
    int started;
} cli_mc_share;

/* argv[0] is the command's name; compare: 1 for `compare`. share: NULL for one process.
 * Returns the exit status. */
int cli_montecarlo_run(int argc, char **argv, int compare, cli_mc_share *share);

#endif
