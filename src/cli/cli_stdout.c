/* cli_stdout.c — standard output is checked before brink exits: a full disk, a closed or
 * broken stdout must not lose the output with exit status 0.
 *
 * Commands write stdout through stdio and do not check each call; main() ends every command
 * with cli_stdout_finish, which flushes and closes stdout and turns any write error (sticky in
 * ferror) into "brink: error writing output: ..." and exit status 2. cli_emit, which writes
 * the bulk of every command's output, reports a failed write at once (errno is still the
 * reason then; stdio keeps only the error flag) and sends the rest of the run's output to
 * /dev/null, so the error is reported once. A closed descriptor 0, 1
 * or 2 at start is first re-opened on /dev/null with the opposite access mode, so that no
 * file brink opens later takes its number (output would land in that file) and every write
 * to a closed stdout still fails, and is reported.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

void cli_std_fds_reserve(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        int r = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
        if (r >= 0 && r != fd) { /* lower descriptors were open: move it into place */
            dup2(r, fd);
            close(r);
        }
    }
}

int cli_stdout_failed(void)
{
    int e = errno;
    fprintf(stderr, "brink: error writing output: %s\n", e ? strerror(e) : "write error");
    if (!freopen("/dev/null", "w", stdout))
        clearerr(stdout); /* cannot happen on a working system; the flag is reported already */
    return BRINK_EXIT_INPUT;
}

int cli_stdout_finish(int rc)
{
    errno = 0;
    int failed = fflush(stdout) != 0;
    int e = failed ? errno : 0;
    if (ferror(stdout))
        failed = 1;
    errno = 0;
    if (fclose(stdout) != 0) {
        failed = 1;
        if (!e)
            e = errno;
    }
    if (!failed)
        return rc;
    fprintf(stderr, "brink: error writing output: %s\n", e ? strerror(e) : "write error");
    return rc == BRINK_EXIT_INTERNAL ? rc : BRINK_EXIT_INPUT;
}
