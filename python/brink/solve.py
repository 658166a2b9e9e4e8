"""Solving and verifying: every registered method (brink solve --list), its options as
keyword arguments, and profiles as numpy arrays with exact values as Fractions."""
import ctypes
import math
from fractions import Fraction

import numpy as np

from . import _lib
from ._lib import lib


class Profile:
    """One verified profile.

    probabilities  float array [game.profile_length]: mixed strategies of every player in
                   turn (strategic games) or the behaviour at every action, chance included
                   (extensive games)
    exact          list of Fractions [profile_length], or None when the method works in
                   doubles and the profile could not be given exactly
    values         float array [nplayers]: each player's expected payoff
    values_exact   list of Fractions [nplayers] or None
    verified       True: checked exactly, no player gains by deviating; False: the exact
                   check failed; None: not checked exactly (game too large), see nashconv
    max_regret     the largest gain any player has from deviating (payoff units, doubles)
    nashconv       the sum of those gains
    lambda_        the QRE precision parameter (logit methods), else None
    component      index of the connected component (all-equilibria methods), else None"""

    def __init__(self, lst, i):
        n = lib.brink_ffi_profile_length(lst, i)
        buf = np.empty(n, dtype=np.float64)
        lib.brink_ffi_profile_doubles(lst, i, buf.ctypes.data_as(ctypes.POINTER(ctypes.c_double)))
        self.probabilities = buf
        ex = [_lib.take_string(lib.brink_ffi_profile_exact(lst, i, k)) for k in range(n)]
        self.exact = None if any(e is None for e in ex) else [Fraction(e) for e in ex]
        vals, vq, p = [], [], 0
        while True:
            v = lib.brink_ffi_profile_value(lst, i, p)
            if math.isnan(v):
                break
            vals.append(v)
            vq.append(_lib.take_string(lib.brink_ffi_profile_value_exact(lst, i, p)))
            p += 1
        self.values = np.array(vals, dtype=np.float64)
        self.values_exact = None if any(e is None for e in vq) or not vq else [Fraction(e) for e in vq]
        ver = lib.brink_ffi_profile_stat(lst, i, b"verified")
        self.verified = True if ver > 0 else False if ver < 0 else None
        self.max_regret = lib.brink_ffi_profile_stat(lst, i, b"max_regret")
        self.nashconv = lib.brink_ffi_profile_stat(lst, i, b"nashconv")
        lam = lib.brink_ffi_profile_stat(lst, i, b"lambda")
        self.lambda_ = None if math.isnan(lam) else lam
        comp = lib.brink_ffi_profile_stat(lst, i, b"component")
        self.component = None if comp < 0 else int(comp)

    @property
    def value(self):
        """Player 1's expected payoff: exact (Fraction) when known, else a float. In a
        two-player zero-sum game at an equilibrium, the value of the game."""
        return self.values_exact[0] if self.values_exact else float(self.values[0])

    def __repr__(self):
        return "<brink.Profile verified=%s values=%s>" % (
            self.verified, [str(v) for v in self.values_exact] if self.values_exact
            else list(self.values))


class Result:
    """What a solve (or verify) returned: method (its name), profiles (a list of Profile),
    complete (True when the method claims ALL equilibria of its kind are listed),
    stopped_at_limit (an iterative method stopped at its budget: best found, not an answer),
    list_capped, iterations, seconds, residual, exact_fallbacks, ncomponents."""

    def __init__(self, handle):
        h = ctypes.c_void_p(handle)
        try:
            self.method = lib.brink_ffi_list_method(h).decode()
            self.profiles = [Profile(h, i) for i in range(lib.brink_ffi_list_count(h))]
            st = lambda name: lib.brink_ffi_list_stat(h, name.encode())
            self.complete = bool(st("complete"))
            self.stopped_at_limit = bool(st("stopped_at_limit"))
            self.list_capped = bool(st("list_capped"))
            self.iterations = int(st("iterations"))
            self.seconds = st("seconds")
            self.residual = st("residual")
            self.exact_fallbacks = int(st("exact_fallbacks"))
            self.ncomponents = int(st("ncomponents"))
        finally:
            lib.brink_ffi_list_free(h)

    @property
    def value(self):
        """The first profile's value for player 1 (Profile.value); ValueError when no
        profile was found."""
        if not self.profiles:
            raise ValueError("no profile found")
        return self.profiles[0].value

    def __len__(self):
        return len(self.profiles)

    def __iter__(self):
        return iter(self.profiles)

    def __getitem__(self, i):
        return self.profiles[i]

    def __repr__(self):
        return "<brink.Result %s: %d profile(s)%s>" % (self.method, len(self.profiles),
                                                       ", complete" if self.complete else "")


def _game(game, what):
    """game as a Game, or TypeError naming what was given (a file name, None ...)."""
    from .game import Game
    if not isinstance(game, Game):
        raise TypeError("%s: expected a brink.Game (brink.read(path), Game.parse(text), "
                        "from_arrays, generate), got %s" % (what, type(game).__name__))
    return game


def solve(game, method=None, **options):
    """Equilibria of game by method (None: chosen by the game, as `brink solve`), every one
    verified. Options (keyword arguments): exact (bool), all (bool, default True: all the
    method can find), iterations, time_limit (seconds), threads, seed, lambda_ (QRE
    precision), tolerance, target_exploitability, path (bool: QRE path points)."""
    if "lambda_" in options:
        options["lambda"] = options.pop("lambda_")
    ka, va, n = _lib.options(options)
    m = method.encode() if method else None
    return Result(_lib.call(lib.brink_ffi_solve, _game(game, "solve")._h, m, ka, va, n))


def verify(game, profile):
    """Check a profile exactly. profile: a sequence of numbers (ints, Fractions, floats read
    as their shortest decimal, or strings "1/3") of length game.profile_length, or for
    extensive games the players' actions only (chance filled in). A player's (or an
    information set's) numbers that sum to 1 only up to rounding (2/3 as a float) are replaced
    by their simplest fractions within 1e-12, and those are checked (the Profile's exact
    probabilities show them); numbers far from a distribution raise. Returns a Profile whose
    verified is True (a Nash equilibrium) or False, with values and regrets."""
    texts = [_lib.exact_text(x) for x in np.asarray(profile, dtype=object).ravel()]
    arr, n = _lib.strings(texts)
    return Result(_lib.call(lib.brink_ffi_verify, _game(game, "verify")._h, arr, n)).profiles[0]


def methods():
    """The registered methods: a list of (name, summary)."""
    out, i = [], 0
    while lib.brink_ffi_method_name(i):
        out.append((lib.brink_ffi_method_name(i).decode(), lib.brink_ffi_method_summary(i).decode()))
        i += 1
    return out
