"""The HTML report (docs/report.md) from Python. The chart bundles it embeds live in the
`brink` program, not in libbrink (so the library stays small and prints nothing), hence the
report is written by running that program: BRINK_PROGRAM when set, else the `brink` beside
the loaded library (the build tree), else the one on PATH. docs/python.md says why."""
import os
import shutil
import subprocess
import tempfile

from . import _lib
from .game import Game
from .scenario import Scenario

_IO, _UNSUPPORTED = 5, 6   # brink_status codes (STATUS_NAMES in _lib)


def program():
    """The path of the `brink` program report() runs, or None when none is found."""
    env = os.environ.get("BRINK_PROGRAM")
    if env:
        return env if os.access(env, os.X_OK) else None
    beside = os.path.join(os.path.dirname(os.path.abspath(_lib.path)), "brink")
    if os.path.isfile(beside) and os.access(beside, os.X_OK):
        return beside
    return shutil.which("brink")


def report(what, path, set=None, method=None, questions=True, time_limit=None,
           tree=True, tree_nodes=None):
    """Write the self-contained HTML report of `what` to `path` (a str or path-like).

    what: a Scenario, a built-in scenario id ("M1", "freeze-for-relief"), a scenario YAML
    path, or an extensive-form Game (or a .efg path). set: {name: exact value} parameter
    changes (ints, Fractions, or text "1/2"). method: a registered solver; questions=False
    skips the declared questions; time_limit: seconds per solve; tree=False leaves the game
    tree out (no Graphviz needed); tree_nodes: draw every node up to this many (400).
    Returns path. Raises BrinkError (status "unsupported") when no `brink` program is found,
    and with brink's own message when the report fails."""
    exe = program()
    if exe is None:
        raise _lib.BrinkError(_UNSUPPORTED,
                              "report: the `brink` program was not found (set BRINK_PROGRAM, "
                              "or put brink on PATH); the report's charts are embedded there")
    tmp = None
    try:
        if isinstance(what, Game):
            if what.kind != "efg":
                raise _lib.BrinkError(_UNSUPPORTED,
                                      "report: a strategic-form game has no report; "
                                      "give an extensive-form game")
            fd, tmp = tempfile.mkstemp(suffix=".efg")
            with os.fdopen(fd, "w") as f:
                f.write(what.text())
            src = tmp
        elif isinstance(what, Scenario):
            src = what.source
        else:
            src = os.fspath(what)
        argv = [exe, "report", src, "-o", os.fspath(path)]
        for k, v in (set or {}).items():
            argv += ["--set", "%s=%s" % (k, _lib.exact_text(v))]
        if method:
            argv += ["--method", method]
        if not questions:
            argv.append("--no-questions")
        if time_limit is not None:
            argv += ["--time-limit", repr(float(time_limit))]
        if not tree:
            argv.append("--no-tree")
        if tree_nodes is not None:
            argv += ["--tree-nodes", str(int(tree_nodes))]
        p = subprocess.run(argv, capture_output=True, text=True)
        if p.returncode != 0:
            msg = (p.stderr.strip() or p.stdout.strip() or "exit status %d" % p.returncode)
            raise _lib.BrinkError(_IO, "report: " + msg)
        return path
    finally:
        if tmp:
            os.unlink(tmp)
