/* mpi_module.h — what brink's MPI module (brink_mpi.so, built from src/mpi/mpi_module.c when
 * CMake finds MPI) offers to the brink command, which loads it with dlopen only when an MPI
 * launcher started it for a command that shares its draws (src/cli/cli_mpi.c). Keeping MPI
 * in a module keeps libmpi and its libraries out of every other start of brink
 * (docs/montecarlo.md, "Across machines"), and keeps mpi.h out of brink's own sources.
 *
 * The module exports one object, brink_mpi_module_v1, of the type below; `abi` must equal
 * BRINK_MPI_MODULE_ABI (a module from another build is refused). Functions returning int
 * return MPI_SUCCESS (0) or an MPI error code, which error_string describes. All messages
 * travel on MPI_COMM_WORLD.
 */
#ifndef BRINK_MPI_MODULE_H
#define BRINK_MPI_MODULE_H

#include <stddef.h>

#define BRINK_MPI_MODULE_ABI 1
#define BRINK_MPI_MODULE_SYMBOL "brink_mpi_module_v1"

typedef struct brink_mpi_module {
    int abi;
    /* MPI_Init_thread (MPI_THREAD_FUNNELED) with main's arguments, then this process's rank
     * and the number of ranks. */
    int (*init)(int *argc, char ***argv, int *rank, int *size);
    /* len bytes to rank `to`, blocking (MPI_Send). */
    int (*send)(const void *bytes, int len, int to, int tag);
    /* At most len bytes from rank `from` (MPI_Recv); *got: the number received. */
    int (*receive)(void *bytes, int len, int from, int tag, int *got);
    /* End every rank with exit status code (MPI_Abort); does not return. */
    void (*abort_all)(int code);
    int (*finalize)(void);
    /* The description of an error code, snprintf-like: writes at most cap bytes including
     * the terminating NUL and returns the description's full length. */
    size_t (*error_string)(int code, char *out, size_t cap);
} brink_mpi_module;

extern const brink_mpi_module brink_mpi_module_v1;

#endif
