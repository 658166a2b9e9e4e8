"""Solving from Python: values of the poker benchmarks, options as keyword arguments,
verification, refusals."""
from fractions import Fraction

import numpy as np
import pytest

import brink


def test_kuhn_value_by_two_methods():
    g = brink.generate("kuhn")
    lp = brink.solve(g, "seqlp")
    assert lp.value == Fraction(-1, 18)        # Kuhn (1950)
    lcp = brink.solve(g, "seqlcp", all=False)
    assert lcp.profiles[0].verified is True
    assert lcp.value == Fraction(-1, 18)


def test_leduc_value():
    # The done-when line of issue 14: rank-level and card-level Leduc agree exactly, and match
    # the published value (about -0.0856 for player 1).
    rank = brink.solve(brink.generate("leduc"), "seqlp")
    cards = brink.solve(brink.generate("leduc-cards"), "seqlp")
    assert isinstance(rank.value, Fraction)
    assert rank.value == cards.value
    assert abs(float(rank.value) + 0.0856) < 1e-4
    p = rank.profiles[0]
    assert p.verified is True
    assert p.values_exact[0] + p.values_exact[1] == 0


def test_profiles_are_arrays_with_exact_twins():
    g = brink.generate("bos")
    r = brink.solve(g, "enummixed")
    assert r.complete and len(r) == 3
    for p in r:
        assert p.probabilities.shape == (4,)
        assert np.allclose(p.probabilities, [float(x) for x in p.exact])
        assert p.verified is True
    mixed = [p for p in r if 0 < p.exact[0] < 1]
    assert len(mixed) == 1 and mixed[0].exact == [Fraction(2, 3), Fraction(1, 3),
                                                  Fraction(1, 3), Fraction(2, 3)]


def test_options_reach_the_solver():
    g = brink.generate("kuhn")
    r = brink.solve(g, "cfr", iterations=50, threads=1)
    assert r.iterations == 50
    assert r.profiles[0].nashconv > 0          # 50 iterations do not reach an equilibrium
    r2 = brink.solve(g, "cfr", iterations=2000, threads=1)
    assert r2.profiles[0].nashconv < r.profiles[0].nashconv
    one = brink.solve(brink.generate("bos"), "enummixed", all=False)
    assert len(one) >= 1
    # Real-valued options as floats (0.25, 1e-12) or Fractions.
    g = brink.generate("pennies")
    for lam in (0.25, Fraction(1, 4)):
        q = brink.solve(g, "logit", lambda_=lam, tolerance=1e-12)
        assert q.profiles[0].lambda_ == 0.25
    with pytest.raises(ValueError):
        brink.solve(g, "logit", time_limit=float("nan"))
    # number text that is not a number says why (as the CLI's --set does)
    with pytest.raises(Exception, match="zero denominator"):
        brink.solve(g, "logit", lambda_="1/0")


def test_verify():
    g = brink.generate("pd")
    assert brink.verify(g, [0, 1, 0, 1]).verified is True
    bad = brink.verify(g, [1, 0, 1, 0])
    assert bad.verified is False and bad.max_regret == 2
    # Extensive: the players' actions only; chance is filled in.
    k = brink.generate("kuhn")
    eq = brink.solve(k, "seqlp").profiles[0]
    players = sum(k.blocks()[:2])
    assert brink.verify(k, eq.exact[:players]).verified is True


def test_verify_floats_of_a_mixed_equilibrium():
    # 2/3 as a float sums to 1 only up to rounding: checked as the simplest fractions near it
    # (tester 10b: "NOT a Nash equilibrium" with gain 0 and values_exact [0, 0])
    g = brink.generate("bos")
    eq = [p for p in brink.solve(g, "enummixed").profiles if 0 < p.probabilities[0] < 1][0]
    v = brink.verify(g, list(eq.probabilities))
    assert v.verified is True
    assert list(v.exact) == list(eq.exact)
    # a chance entry that is not the game's is refused, not ignored
    k = brink.generate("kuhn")
    full = list(brink.solve(k, "seqlp").profiles[0].exact)
    full[-1] = Fraction(5)
    with pytest.raises(brink.BrinkError, match="chance"):
        brink.verify(k, full)


def test_wrong_types_say_so():
    with pytest.raises(TypeError, match="expected a brink.Game"):
        brink.solve("bos.nfg", "enummixed")
    with pytest.raises(TypeError, match="expected a brink.Game"):
        brink.verify(None, [1, 0])
    with pytest.raises(ValueError, match="format must be one of"):
        brink.generate("pd").text("xyz")


def test_refusals():
    g = brink.generate("pd")
    with pytest.raises(brink.BrinkError, match="unknown method"):
        brink.solve(g, "nosuch")
    with pytest.raises(brink.BrinkError, match="unknown option 'iteration'"):
        brink.solve(g, "enummixed", iteration=3)
    with pytest.raises(brink.BrinkError, match="profile has 3 numbers"):
        brink.verify(g, [1, 0, 1])
    with pytest.raises(brink.BrinkError):
        brink.verify(g, [2, -1, 1, 0])          # not a probability vector
    with pytest.raises(brink.BrinkError):
        brink.solve(brink.generate("integer", players=3), "lp")   # 2-player method


def test_methods_listed():
    names = [m for m, _ in brink.methods()]
    assert "seqlp" in names and "enummixed" in names
