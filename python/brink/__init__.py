"""brink from Python: game-theoretic analysis of negotiations on top of libbrink.

    >>> import brink
    >>> g = brink.generate("kuhn")
    >>> brink.solve(g, "seqlp").value
    Fraction(-1, 18)

Games (read, from_arrays, generate), equilibria (solve, verify, methods), scenarios
(Scenario, analyze, threshold). Payoffs and profiles are numpy arrays; exact values are
fractions.Fraction; errors are BrinkError with brink's located message. Monte Carlo
(montecarlo, compare) and the HTML report (report, through the `brink` program). See
docs/python.md.
"""
from ._version import __version__
from ._lib import BrinkError, path as library_path
from ._lib import lib as _lib_handle
from .game import Game, read, from_arrays, generate, generators
from .solve import Profile, Result, solve, verify, methods
from .scenario import Record, Scenario, analyze, threshold, sweep, scenarios
from .uncertainty import montecarlo, compare
from .report import report, program as report_program


def library_version():
    """The version libbrink reports (brink_version()); equal to __version__."""
    return _lib_handle.brink_version().decode()


__all__ = ["__version__", "BrinkError", "Game", "read", "from_arrays", "generate", "generators",
           "Profile", "Result", "solve", "verify", "methods", "Record", "Scenario", "analyze",
           "threshold", "sweep", "scenarios", "montecarlo", "compare", "report", "report_program",
           "library_version", "library_path"]
