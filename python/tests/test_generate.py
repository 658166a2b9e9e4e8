"""Every generated class against a property it is known for (docs/generate.md), checked with
brink's exact solvers or on the payoff table itself; and seeds, options and refusals."""
import itertools
import math
from fractions import Fraction

import numpy as np
import pytest

import brink


def pure_equilibria(g):
    """The pure equilibria as strategy tuples (enumpure is exact and complete)."""
    r = brink.solve(g, "enumpure")
    assert r.complete
    out = set()
    for p in r:
        k, st = 0, []
        for m in g.shape:
            block = p.exact[k:k + m]
            st.append(block.index(1))
            k += m
        out.add(tuple(st))
    return out


def test_travellers_dilemma_unique_equilibrium():
    g = brink.generate("travellers", low=2, high=14, bonus=2)
    r = brink.solve(g, "enummixed")
    assert r.complete and len(r) == 1
    p = r.profiles[0]
    assert p.exact[0] == 1 and p.exact[13] == 1          # both claim the minimum
    assert p.values_exact == [2, 2]


def test_matching_pennies_value_zero():
    g = brink.generate("pennies", stake=3)
    r = brink.solve(g, "lp")
    assert r.value == 0
    assert r.profiles[0].exact == [Fraction(1, 2)] * 4
    assert brink.solve(g, "enumpure").profiles == []


def test_zero_sum_sums_and_value():
    g = brink.generate("zerosum", actions=4, seed=3)
    pay = g.payoffs_exact()
    assert all(pay[i, j, 0] + pay[i, j, 1] == 0 for i in range(4) for j in range(4))
    v_lp = brink.solve(g, "lp").value
    for p in brink.solve(g, "enummixed"):
        assert p.value == v_lp                             # one value, every equilibrium


def test_prisoners_dilemma_dominant_defection():
    g = brink.generate("pd", temptation=7, reward=4, punishment=2, sucker=1)
    r = brink.solve(g, "enummixed")
    assert r.complete and len(r) == 1
    assert r.profiles[0].exact == [0, 1, 0, 1]


def test_bos_and_chicken_two_pure_one_mixed():
    for kind, kw in [("bos", dict(high=3, low=1)), ("chicken", dict(win=2, lose=-1, crash=-7))]:
        g = brink.generate(kind, **kw)
        r = brink.solve(g, "enummixed")
        assert r.complete and len(r) == 3
        assert len(pure_equilibria(g)) == 2
    # In chicken's mixed equilibrium the opponent's chance q of going straight leaves a
    # player indifferent between swerving and going straight.
    g = brink.generate("chicken", win=2, lose=-1, crash=-7)
    mixed = [p for p in brink.solve(g, "enummixed") if 0 < p.exact[0] < 1][0]
    q = mixed.exact[3]                                     # opponent goes straight
    assert (1 - q) * 0 + q * -1 == (1 - q) * 2 + q * -7   # swerve and straight pay the same


def test_coordination_diagonal_equilibria():
    g = brink.generate("coordination", actions=4, seed=11)
    assert pure_equilibria(g) == {(k, k) for k in range(4)}


def test_dispersion_equilibria_are_the_spread_profiles():
    g = brink.generate("dispersion", players=3, actions=4)
    eq = pure_equilibria(g)
    assert eq == {s for s in itertools.product(range(4), repeat=3) if len(set(s)) == 3}
    assert len(eq) == math.perm(4, 3)


def test_war_of_attrition_one_quits_at_once():
    g = brink.generate("attrition", actions=6, value1=4, value2=3)
    eq = pure_equilibria(g)
    assert (0, 5) in eq and (5, 0) in eq
    assert all(min(s) == 0 for s in eq)                   # someone quits at time 0


def test_bertrand_prices_at_cost():
    g = brink.generate("bertrand", players=2, actions=8, cost=2)
    assert pure_equilibria(g) == {(2, 2), (3, 3)}          # at cost, or one price step above


def test_location_median():
    g = brink.generate("location", actions=9)
    assert pure_equilibria(g) == {(4, 4)}
    g3 = brink.generate("location", players=3, actions=5)
    pay = g3.payoffs_exact()
    for s in itertools.product(range(5), repeat=3):        # every customer is served
        assert sum(pay[s]) == 5


def test_covariant_correlation():
    same = brink.generate("covariant", players=3, actions=3, r=1, seed=4).payoffs_exact()
    assert np.all(same[..., 0] == same[..., 1]) and np.all(same[..., 1] == same[..., 2])
    zs = brink.generate("covariant", actions=3, r=-1, seed=4).payoffs_exact()
    assert np.all(zs[..., 0] + zs[..., 1] == 0)
    # r = 1/2 over many cells: the sample correlation is near 1/2.
    p = brink.generate("covariant", actions=60, r="1/2", seed=2).payoffs()
    c = np.corrcoef(p[..., 0].ravel(), p[..., 1].ravel())[0, 1]
    assert abs(c - 0.5) < 0.05
    with pytest.raises(brink.BrinkError, match="r must lie"):
        brink.generate("covariant", players=3, r="-2/3")


def test_degenerate_has_a_strategy_with_many_best_replies():
    g = brink.generate("degenerate", actions=4, seed=8)
    pay = g.payoffs_exact()
    assert len(set(pay[0, :, 1])) == 1                     # every reply to row 0 is best
    r = brink.solve(g, "enummixed")
    assert r.complete and all(p.verified for p in r)


def test_polymatrix_is_a_sum_of_pair_games():
    g = brink.generate("polymatrix", players=3, actions=3, seed=6)
    u = g.payoffs_exact()
    # Player 0's payoff is f(s0, s1) + h(s0, s2): mixed differences in (s1, s2) vanish.
    for s0, a, b, c, d in itertools.product(range(3), repeat=5):
        assert u[s0, a, c, 0] + u[s0, b, d, 0] == u[s0, a, d, 0] + u[s0, b, c, 0]
    ring = brink.generate("polymatrix", players=4, actions=2, ring=1, seed=6).payoffs_exact()
    assert np.all(ring[:, :, 0, :, 0] == ring[:, :, 1, :, 0])   # 0 and 2 are not linked


def test_random_classes_seeded_and_in_range():
    a = brink.generate("uniform", players=3, actions=3, digits=2, seed=42)
    assert a.text() == brink.generate("uniform", players=3, actions=3, digits=2, seed=42).text()
    assert a.text() != brink.generate("uniform", players=3, actions=3, digits=2, seed=43).text()
    ex = a.payoffs_exact()
    assert all(0 <= x < 1 and (x * 100).denominator == 1 for x in ex.ravel())
    b = brink.generate("integer", actions=5, min=-3, max=3, seed=1).payoffs_exact()
    assert {int(x) for x in b.ravel()} <= set(range(-3, 4))
    assert len({int(x) for x in b.ravel()}) > 3


def test_crisis_size_follows_its_formula():
    for rounds, levels, types in [(1, 1, 1), (2, 3, 2), (3, 2, 3)]:
        t = 2 + 5 * levels
        for _ in range(rounds - 1):
            t = 2 + levels * (2 + t)
        g = brink.generate("crisis", rounds=rounds, levels=levels, types=types)
        assert g.nnodes == 1 + types * t
    r = brink.solve(brink.generate("crisis"), "sequential")
    assert r.profiles[0].verified is True


def test_refusals_name_the_option():
    with pytest.raises(brink.BrinkError, match="unknown kind 'nosuch'"):
        brink.generate("nosuch")
    with pytest.raises(brink.BrinkError, match="unknown option 'hihg'"):
        brink.generate("travellers", hihg=5)
    with pytest.raises(brink.BrinkError, match="actions=0"):
        brink.generate("integer", actions=0)
    with pytest.raises(brink.BrinkError, match="too|cells"):
        brink.generate("integer", players=30, actions=10)
    with pytest.raises(brink.BrinkError, match="temptation > reward"):
        brink.generate("pd", temptation=1)
    kinds = [k for k, _, _ in brink.generators()]
    assert len(kinds) == 20 and "leduc-cards" in kinds
