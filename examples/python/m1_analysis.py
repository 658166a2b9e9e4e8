#!/usr/bin/env python3
"""The README's M1 analysis from Python, with a plot.

Summit brinkmanship (scenario M1): at what prior that Kim is resolute should the US stop
holding firm after a demand? The script analyses the scenario at its defaults, prints the
equilibrium and the certified threshold answer from the result objects (exact Fractions),
and plots the US gain from conceding instead of holding firm, g(p_resolute), with the
regions of the answer and the flip. Then a Monte Carlo over the scenario's declared
uncertainty (p_resolute ~ beta(a, b), read from the scenario file): the share of draws in
which the US holds firm, with its Wilson interval, next to what the certified flip says it
must be, the beta CDF at the flip (exact), plotted beside the threshold.

    PYTHONPATH=python python3 examples/python/m1_analysis.py [--out m1_threshold.png]
        [--samples 1000] [--seed 1]

(or with the package installed: docs/python.md). Needs python3-matplotlib.
"""
import argparse
import math
import os
import re
from fractions import Fraction

import matplotlib
matplotlib.use("Agg")   # files only: no display needed
import matplotlib.pyplot as plt
import numpy as np

import brink


def poly(coeffs, x):
    """Value of sum c_i x^i (coefficients lowest first)."""
    return sum(c * x ** i for i, c in enumerate(coeffs))


def beta_cdf(x, a, b):
    """I_x(a, b) for integer a, b, exact for a Fraction x: P(Bin(a + b - 1, x) >= a)."""
    n = a + b - 1
    return sum(math.comb(n, j) * x ** j * (1 - x) ** (n - j) for j in range(a, n + 1))


def declared_beta(name):
    """(a, b) of `name`'s beta(a, b) in the M1 scenario file (the analysis names the family
    only)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scenarios",
                        "m1-summit-brinkmanship.yaml")
    with open(path) as f:
        m = re.search(r"^  %s:\n(?:    .*\n)*?    distribution: beta\(([0-9]+), *([0-9]+)\)" % name,
                      f.read(), re.M)
    if not m:
        raise SystemExit("beta(a, b) of %s not found in %s" % (name, path))
    return int(m.group(1)), int(m.group(2))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="m1_threshold.png", help="where to write the plot (PNG)")
    ap.add_argument("--samples", type=int, default=1000, help="Monte Carlo draws")
    ap.add_argument("--seed", type=int, default=1, help="Monte Carlo stream")
    args = ap.parse_args()

    a = brink.analyze("M1")
    print("%s (%s)" % (a.title, a.mechanism))
    actors = {x.id: x.label for x in a.actors}
    eq = a.equilibria[0]
    print("equilibrium: verified %s, sequential %s; expected values %s" % (
        eq.verified, eq.sequential,
        ", ".join("%s %s" % (actors[v.actor], v.exact) for v in eq.values)))

    ans = a.answers[0]
    t = ans.threshold
    decision = t.watch[0]
    print("[%s] %s" % (ans.id, ans.ask))
    print("  watching %s:" % ans.watch)
    lo, hi = t.range[0].exact, t.range[1].exact
    print("  %s over [%s, %s]:" % (t.parameter, lo, hi))
    regions = [r for r in t.regions if not r.point]
    for r in regions:
        played = t.states[r.states[0]].played[0]
        print("    [%s, %s]  %s" % (r.lo.exact, r.hi.exact,
                                    " / ".join(decision.actions[k] for k in played)))
    flip = t.flips[0]
    cert = flip.certificate
    below, above = decision.actions[cert.action_below], decision.actions[cert.action_above]
    print("  -> it flips at %s = %s%s: %r below, %r above." % (
        t.parameter, flip.at.exact, " exactly" if flip.exact else "", below, above))
    default = next(x.exact for x in a.parameters if x.name == t.parameter)
    region = t.regions[t.default_region]
    print("  -> at the default %s = %s: %r." % (
        t.parameter, default,
        decision.actions[t.states[region.states[0]].played[0][0]]))

    # The certificate: the gain of `above` over `below` is num(p) / den(p).
    num, den = cert.gap_numerator, cert.gap_denominator
    assert poly(num, flip.at.exact) == 0   # exact: zero at the flip
    xs = np.linspace(float(lo), float(hi), 201)
    gain = [float(poly(num, Fraction(x)) / poly(den, Fraction(x))) for x in xs]

    # Monte Carlo over the declared uncertainty, next to the certified flip: below the flip the
    # US holds firm, so the share of draws holding firm must be P(p < flip), the beta CDF there.
    mc = brink.montecarlo("M1", samples=args.samples, seed=args.seed, draws=True)
    v = mc.varied[0]
    a_, b_ = declared_beta(v.name)
    plo, phi = (Fraction(x) for x in a.parameters[v.param].range)
    cdf = beta_cdf((flip.at.exact - plo) / (phi - plo), a_, b_)
    w = mc.watched[0]
    held = w.actions[cert.action_below].played
    print("Monte Carlo: %d draws of %s ~ beta(%d, %d) on [%s, %s], seed %d" % (
        mc.samples, v.name, a_, b_, plo, phi, mc.seed))
    print("  %s in %d of %d draws = %.4f, 95%% interval [%.4f, %.4f]" % (
        below, held.k, held.n, held.p, held.lo, held.hi))
    print("  certified: P(%s < %s) = beta CDF at the flip = %s = %.4f: %s the interval" % (
        v.name, flip.at.exact, cdf, float(cdf),
        "inside" if held.lo <= cdf <= held.hi else "OUTSIDE"))

    fig, (ax, bx) = plt.subplots(1, 2, figsize=(12, 4))
    colours = ["#dde8f6", "#f6e6dd"]
    for i, r in enumerate(regions):
        played = t.states[r.states[0]].played[0]
        ax.axvspan(float(r.lo.exact), float(r.hi.exact), color=colours[i % 2],
                   label="%s plays %s" % (actors[cert.actor],
                                          "/".join(decision.actions[k] for k in played)))
    ax.plot(xs, gain, color="black",
            label="%s gain from %s over %s" % (actors[cert.actor], above, below))
    ax.axhline(0, color="grey", lw=0.8)
    ax.axvline(float(flip.at.exact), color="red", ls="--",
               label="flip at %s = %s" % (t.parameter, flip.at.exact))
    ax.plot([float(default)], [float(poly(num, default) / poly(den, default))], "o",
            color="navy", label="default %s = %s" % (t.parameter, default))
    ax.set_xlabel("%s (prior that DPRK is resolute)" % t.parameter)
    ax.set_ylabel("gain (utils)")
    ax.set_title("M1: %s" % ans.ask, fontsize=9)
    ax.legend(fontsize=8, loc="upper left")

    # The draws: histogram by what the US played, the declared density, the flip.
    x = mc.draws_x[:, 0]
    choice = mc.draws_choice[:, 0]
    bins = np.linspace(float(plo), float(phi), 41)
    bx.hist([x[choice == cert.action_below], x[choice == cert.action_above]], bins=bins,
            stacked=True, density=True, color=["#9db9e0", "#e8b79d"],
            label=["%s (%d draws)" % (below, np.sum(choice == cert.action_below)),
                   "%s (%d draws)" % (above, np.sum(choice == cert.action_above))])
    grid = np.linspace(float(plo), float(phi), 201)
    u = (grid - float(plo)) / float(phi - plo)
    dens = u ** (a_ - 1) * (1 - u) ** (b_ - 1) / (math.gamma(a_) * math.gamma(b_) / math.gamma(a_ + b_))
    bx.plot(grid, dens / float(phi - plo), color="black", label="beta(%d, %d) density" % (a_, b_))
    bx.axvline(float(flip.at.exact), color="red", ls="--",
               label="flip: P(%s) = %.3f, MC %.3f [%.3f, %.3f]" % (
                   below, float(cdf), held.p, held.lo, held.hi))
    bx.set_xlabel("%s (drawn)" % v.name)
    bx.set_ylabel("density")
    bx.set_title("Monte Carlo, %d draws" % mc.samples, fontsize=9)
    bx.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    fig.savefig(args.out, dpi=120)
    print("plot: %s" % args.out)


if __name__ == "__main__":
    main()
