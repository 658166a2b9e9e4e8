#!/usr/bin/env python3
"""The README's M1 analysis from Python, with a plot.

Summit brinkmanship (scenario M1): at what prior that Kim is resolute should the US stop
holding firm after a demand? The script analyses the scenario at its defaults, prints the
equilibrium and the certified threshold answer from the result objects (exact Fractions),
and plots the US gain from conceding instead of holding firm, g(p_resolute), with the
regions of the answer and the flip.

    PYTHONPATH=python python3 examples/python/m1_analysis.py [--out m1_threshold.png]

(or with the package installed: docs/python.md). Needs python3-matplotlib.
"""
import argparse
from fractions import Fraction

import matplotlib
matplotlib.use("Agg")   # files only: no display needed
import matplotlib.pyplot as plt
import numpy as np

import brink


def poly(coeffs, x):
    """Value of sum c_i x^i (coefficients lowest first)."""
    return sum(c * x ** i for i, c in enumerate(coeffs))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="m1_threshold.png", help="where to write the plot (PNG)")
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

    fig, ax = plt.subplots(figsize=(7, 4))
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
    fig.tight_layout()
    fig.savefig(args.out, dpi=120)
    print("plot: %s" % args.out)


if __name__ == "__main__":
    main()
