"""Monte Carlo and compare from Python: the same seed gives the same result, any thread count
gives the same result, the per-draw arrays have the documented shapes, and on M1 the share of
draws holding firm equals the beta CDF at the certified flip (computed here from the
threshold result and the declared distribution, not written in)."""
import math
import os
import re
from fractions import Fraction

import numpy as np
import pytest

import brink


def _beta_cdf(x, a, b):
    """I_x(a, b) for integer a, b: the binomial tail P(Bin(a + b - 1, x) >= a)."""
    n = a + b - 1
    return sum(math.comb(n, j) * x ** j * (1 - x) ** (n - j) for j in range(a, n + 1))


def _strip_time(r):
    d = dict(r.data)
    d.pop("seconds", None)
    d.pop("threads", None)
    return d


def test_seed_reproducible_and_threads_invariant():
    a = brink.montecarlo("M1", samples=60, seed=7, threads=1, draws=True)
    b = brink.montecarlo("M1", samples=60, seed=7, threads=1, draws=True)
    c = brink.montecarlo("M1", samples=60, seed=7, threads=2, draws=True)
    d = brink.montecarlo("M1", samples=60, seed=8, threads=1, draws=True)
    assert _strip_time(a) == _strip_time(b)
    assert _strip_time(a) == _strip_time(c)
    assert not np.array_equal(a.draws_x, d.draws_x)
    assert a.samples == 60 and a.seed == 7


def test_draw_arrays_shapes():
    r = brink.montecarlo("M1", samples=25, seed=3, draws=True)
    S, V, A, W = 25, len(r.varied), len(r.values), len(r.watched)
    assert r.draws_x.shape == (S, V) and r.draws_x.dtype == float
    assert r.draws_value.shape == (S, A)
    assert r.draws_equilibria.shape == (S,)
    assert r.draws_outcome.shape == (S,)
    assert r.draws_choice.shape == (S, W)
    # the drawn values lie in the declared range of each parameter
    params = brink.analyze("M1", questions=False).parameters
    for k, v in enumerate(r.varied):
        lo, hi = params[v.param].range
        assert np.all((r.draws_x[:, k] >= lo) & (r.draws_x[:, k] <= hi))
    # without draws=True there are no per-draw arrays
    assert not hasattr(brink.montecarlo("M1", samples=5), "draws_x")


def test_beta_cdf_identity_m1(source_dir):
    # M1 varies one parameter; its declared beta(a, b) is read from the scenario file (the
    # JSON names the family only), its range and certified flip from the analysis.
    n = 400
    r = brink.montecarlo("M1", samples=n, seed=1, threads=2, z=3.29)   # 99.9% intervals
    assert len(r.varied) == 1 and r.varied[0].distribution == "beta"
    name = r.varied[0].name
    with open(os.path.join(source_dir, "scenarios", "m1-summit-brinkmanship.yaml")) as f:
        m = re.search(r"^  %s:\n(?:    .*\n)*?    distribution: beta\(([0-9]+), *([0-9]+)\)" % name,
                      f.read(), re.M)
    assert m, "beta(a, b) of %s not found in the M1 file" % name
    a, b = int(m.group(1)), int(m.group(2))
    an = brink.analyze("M1")
    lo, hi = (Fraction(x) for x in an.parameters[r.varied[0].param].range)
    th = an.answers[0].threshold
    flips = [f for f in th.flips if f.certified]
    assert len(flips) == 1
    f = flips[0]
    expect = _beta_cdf(float((f.at.exact - lo) / (hi - lo)), a, b)
    w = r.watched[0]
    assert w.infoset == f.certificate.infoset
    below = w.actions[f.certificate.action_below].played
    assert below.n == n
    assert below.lo <= expect <= below.hi, (below.data, expect)
    # nothing else happens there: the equilibria neither mix nor disagree
    assert w.mixed.k == 0 and w.ambiguous.k == 0


def test_compare_options():
    r = brink.compare("M1", actor="USA", samples=40, seed=2)
    c = r.compare
    assert c.actor == "USA"
    assert len(c.options) >= 2
    assert 0 < c.n <= 40
    # one option at least is best in each compared draw
    assert sum(o.best.k for o in c.options) >= c.n
    with pytest.raises(ValueError):
        brink.compare("M1", samples=5)


def test_errors_are_brink_errors():
    with pytest.raises(brink.BrinkError):
        brink.montecarlo("M1", samples=0)
    with pytest.raises(brink.BrinkError) as e:
        brink.montecarlo("M1", samples=5, watch="USA@nowhere")
    assert "nowhere" in str(e.value)
    with pytest.raises(brink.BrinkError):
        brink.montecarlo("M1", samples=5, colour="red")


def test_compact_refusal_in_python_words(source_dir):
    # what Monte Carlo on a compact game cannot do yet is refused, located, with the advice
    # in Python's words (tester 14, N6: it said "--compact-above 0 ... --max-nodes")
    sc = brink.Scenario(f"{source_dir}/examples/rubinstein.yaml", compact_above=1)
    for call in (lambda: brink.compare(sc, actor="A", samples=5),
                 lambda: brink.montecarlo(sc, samples=5, method="enumpure")):
        with pytest.raises(brink.BrinkError) as e:
            call()
        assert e.value.status == "unsupported" and e.value.line > 0
        assert "compact_above=0" in e.value.message and "max_nodes" in e.value.message
        assert "--compact-above" not in e.value.message and "--max-nodes" not in e.value.message
