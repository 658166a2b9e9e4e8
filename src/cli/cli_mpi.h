/* cli_mpi.h — brink started by an MPI launcher (mpirun -np N brink ...): how it knows, and
 * `montecarlo`/`compare` with the draws shared among the ranks (cli_mpi.c).
 */
#ifndef BRINK_CLI_MPI_H
#define BRINK_CLI_MPI_H

/* What the environment says about the launch, read without initialising MPI. */
typedef struct cli_launch {
    int launched;     /* an MPI launcher started this process */
    long ranks;       /* processes in the launch; 0: the launcher does not say */
    long rank;        /* this process's rank (0 when not said) */
    const char *var;  /* the variable that told us, for messages */
} cli_launch;

/* Open MPI's mpirun sets OMPI_COMM_WORLD_SIZE and OMPI_COMM_WORLD_RANK in every process it
 * starts; a PMIx launcher (Open MPI 5's prterun, srun --mpi=pmix) sets PMIX_RANK. Neither is
 * set in a plain start, so a plain `brink` never touches MPI. */
void cli_launch_detect(cli_launch *l);

/* 1 when this launch must not run the command as if alone: N > 1 ranks, or an unknown
 * number of which this is not rank 0. */
int cli_launch_parallel(const cli_launch *l);

/* `brink COMMAND ...` under a parallel launch (cli_launch_parallel): montecarlo and compare
 * load the MPI module, share the draws (rank 0 prints) and end MPI; any other command, or a
 * brink built without MPI, is refused on every rank (rank 0 says why) rather than run as N
 * identical copies. Returns the exit status; stdout is finished (cli_stdout_finish). */
int cli_mpi_main(int argc, char **argv, const cli_launch *l);

#endif
