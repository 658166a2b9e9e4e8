"""Monte Carlo over a scenario's uncertain parameters, and the comparison of one actor's
options across the draws. Results are Records built from the JSON the library writes
(schema/brink-montecarlo.schema.json, as `brink montecarlo --json`), with the per-draw data
as numpy arrays."""
import json

import numpy as np

from . import _lib
from ._lib import lib
from .scenario import Record, _scenario


def _run(scenario, watch, compare_at, options):
    ka, va, n = _lib.options(options, "compare" if compare_at else "montecarlo")
    sc = _scenario(scenario)   # after the option names are checked (docs/python.md)
    if isinstance(watch, str):
        watch = [watch]
    wa, nw = _lib.strings(list(watch or []))
    data = json.loads(_lib.take_string(_lib.call(
        lib.brink_ffi_montecarlo_json, sc._h, wa, nw,
        compare_at.encode() if compare_at else None, ka, va, n)))
    r = Record(data)
    draws = data.get("draws")
    if draws is not None:
        # null (not agreed / not drawn) becomes NaN; shapes stay (samples, k) when k == 0
        nan = lambda row: [np.nan if v is None else v for v in row]
        nv, npl = len(data.get("varied", [])), len(data.get("values", []))
        r.draws_x = np.array([nan(d["x"]) for d in draws], dtype=float).reshape(len(draws), nv)
        r.draws_value = np.array([nan(d["value"]) for d in draws],
                                 dtype=float).reshape(len(draws), npl)
        r.draws_equilibria = np.array([d["equilibria"] for d in draws], dtype=int)
        r.draws_outcome = np.array([-1 if d["outcome"] is None else d["outcome"]
                                    for d in draws], dtype=int)
        nwd = len(data.get("watched", []))
        r.draws_choice = np.array([d["choice"] for d in draws], dtype=int).reshape(len(draws), nwd)
    return r


def montecarlo(scenario, samples=1000, seed=1, threads=0, watch=None, draws=False,
               sensitivity=False, **options):
    """Draw the parameters that declare a distribution `samples` times (stream `seed`: the
    same seed gives the same draws and the same result for any `threads`; 0: all
    processors), solve every draw as analyze() does, and aggregate.

    watch: decision references ("USA@demand", "USA@*") or one string; None: the decisions the
    scenario's questions watch. draws=True adds per-draw arrays (samples = S, varied
    parameters = V, actors = A, watched decisions = W):
      draws_x (S, V) float, the drawn parameter values (the scenario's units);
      draws_value (S, A) float, each actor's expected payoff (NaN where the draw's
        equilibria disagree on it);
      draws_equilibria (S,) int, equilibria found (-1: the draw failed);
      draws_outcome (S,) int, realised outcome group (-1: none or ambiguous);
      draws_choice (S, W) int, action played for sure, -1 mixed, -2 disagree, -3 none.
    sensitivity=True: standardised regression coefficients with bootstrap intervals.
    Other options: z (normal quantile of the intervals, default 1.959964), method, refine,
    max_equilibria, time_limit (seconds per solve), max_solves.

    Returns a Record with the fields of schema/brink-montecarlo.schema.json: samples, seed,
    threads, seconds, varied, failed, none, unique and several (proportions: k, n, p and the
    Wilson interval lo, hi), outcomes, watched, values (mean estimates), sensitivity, ...
    Errors (bad reference, samples < 1, unknown option) raise BrinkError."""
    return _run(scenario, watch, None, dict(options, samples=samples, seed=seed,
                                            threads=threads, draws=draws,
                                            sensitivity=sensitivity))


def compare(scenario, actor=None, at=None, samples=1000, seed=1, threads=0, **options):
    """Compare the options of `actor`'s first decision (or of decision `at`, e.g.
    "USA@start") across Monte Carlo draws: an option's value in a draw is the actor's
    expected payoff (the scenario's payoff units) when it takes that option and play
    continues as in the draw's equilibrium (the least such value when there are several).
    Returns montecarlo()'s Record with .compare: infoset, actor, label, n (draws compared),
    ambiguous, and options (per action: best, the share of draws where it is best with its
    Wilson interval; value and regret, means with intervals; worst). actor and at may both
    be given when they name the same actor (as `brink compare --actor A --at A@x`); a
    reference `at` matching several decisions none of which comes first ("S@*" where S sees
    a chance move first) is refused. Options as for montecarlo()."""
    for name, v in (("actor", actor), ("at", at)):
        if v is not None and not isinstance(v, str):
            raise TypeError("compare: %s must be a string, not %s" % (name, type(v).__name__))
    if actor is None and at is None:
        raise ValueError("compare: whose options? give actor or at")
    if actor is not None and at is not None:
        who = at.split("@", 1)[0].split(".", 1)[0]   # a reference is ACTOR[.TYPE]@PLACE
        if who != actor:
            raise ValueError("compare: actor %s and at %s name different actors (%r and %r): "
                             "give one of them, or the same actor in both"
                             % (actor, at, actor, who))
    ref = at if at is not None else actor   # an actor: its first decision
    return _run(scenario, options.pop("watch", None), ref,
                dict(options, samples=samples, seed=seed, threads=threads))
