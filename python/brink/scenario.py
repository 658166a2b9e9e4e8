"""Scenarios (the YAML language of docs/scenario-language.md, or a built-in id such as "M1"),
their analysis and threshold questions. Results are Python objects built from the JSON data
the library writes (schema/brink-analysis.schema.json), never from the text report."""
import ctypes
import json
import numbers
from fractions import Fraction

from . import _lib
from ._lib import lib

# Fields holding exact rationals as text ("p/q"; alone or in lists, nested lists for
# vertices_exact); they become Fractions. Every field of schema/*.json whose strings are
# rationals is here (python/tests/test_scenario.py walks the schemas to check it).
_EXACT = {"exact", "sample", "value_at", "value_exact", "gap_numerator", "gap_denominator",
          "gap_above_numerator", "gap_above_denominator", "x_exact", "vertices_exact",
          "interval"}
# Fields holding integers as text (an irrational number's polynomial); they become ints.
_INTEGER = {"polynomial"}
# An exact real number (schema "real": an end of a region, a flip) has every one of these
# attributes: rational (bool), value (nearest float), exact (Fraction, None when irrational),
# polynomial (int coefficients, constant first) and interval ([lo, hi] Fractions) when
# irrational, else None.
_REAL = ("exact", "polynomial", "interval")


class Record:
    """A JSON object as attributes (a.equilibria[0].values[0].exact). Exact-number fields
    (exact, sample, value_at, x_exact, gap_*, vertices_exact, interval) hold Fractions, an
    irrational number's polynomial ints; lists stay lists. An exact real (a region end, a
    flip's .at) always has .rational, .value, .exact, .polynomial and .interval: .exact is
    None when it is irrational (the root of .polynomial in the open .interval), .polynomial
    and .interval None when it is rational. .data is the plain dict; r["key"] works too."""

    def __init__(self, data):
        self.data = data
        for k, v in data.items():
            setattr(self, k if k.isidentifier() else k.replace("-", "_"), _convert(k, v))
        if isinstance(data.get("rational"), bool) and "value" in data:
            for k in _REAL:
                if k not in data:
                    setattr(self, k, None)

    def __getitem__(self, k):
        return getattr(self, k)

    def __repr__(self):
        keys = ", ".join(list(self.data)[:8])
        return "<brink.Record %s%s>" % (keys, ", ..." if len(self.data) > 8 else "")


def _fraction(s):
    try:
        return Fraction(s)
    except (ValueError, TypeError):
        return s


def _convert(key, v):
    if isinstance(v, dict):
        return Record(v)
    if isinstance(v, list):
        return [_convert(key, x) for x in v]
    if key in _EXACT and isinstance(v, str):
        return _fraction(v)
    if key in _INTEGER and isinstance(v, str):
        try:
            return int(v)
        except ValueError:
            return v
    return v


# The library's bounds on Scenario's limits (src/ffi/ffi_scenario.c: the CLI's --max-nodes).
MAX_NODES_LIMIT = 2 ** 40
COMPACT_ABOVE_LIMIT = 10 ** 18


class Scenario:
    """A loaded scenario: Scenario("M1"), Scenario("korea-2018-summit") or a YAML file path.
    Errors in the file raise BrinkError with file:line:column. For a file: max_nodes (the
    game-tree node limit, default 4194304, 1 to 2^40) and compact_above (0 or None: always
    the tree; N, up to 10^18: a perfect-information file whose tree has more than N nodes is
    built as a compact game, each distinct sub-game once, as `brink analyze --compact-above
    N`; analyze() then solves it by backward induction once per sub-game), no_questions
    (True: its questions will not be asked, which lets a file with questions be compact).
    A limit out of range raises ValueError naming it and its value."""

    def __init__(self, file_or_id, max_nodes=None, compact_above=None, no_questions=False):
        self.source = str(file_or_id)   # what was loaded (report() hands it to `brink`)
        for k, v in (("max_nodes", max_nodes), ("compact_above", compact_above)):
            if v is not None and (isinstance(v, bool) or not isinstance(v, numbers.Integral)):
                raise TypeError("Scenario: %s must be a whole number, not %r" % (k, v))
        # one style for every bad value: ValueError naming the argument, its range and value
        if max_nodes is not None and not 1 <= max_nodes <= MAX_NODES_LIMIT:
            raise ValueError("Scenario: max_nodes must be from 1 to 2^40, not %r" % (max_nodes,))
        if compact_above is not None and not 0 <= compact_above <= COMPACT_ABOVE_LIMIT:
            raise ValueError("Scenario: compact_above must be from 0 (never) to 10^18, not %r"
                             % (compact_above,))
        self._h = ctypes.c_void_p(_lib.call(
            lib.brink_ffi_scenario_load, str(file_or_id).encode(), float(max_nodes or 0),
            float(compact_above or 0), 1 if no_questions else 0))

    def __del__(self):
        h = getattr(self, "_h", None)
        if h is not None and h.value:
            lib.brink_scenario_free(h)
            self._h = None

    @property
    def id(self):
        return lib.brink_scenario_id(self._h).decode()

    @property
    def title(self):
        return lib.brink_scenario_title(self._h).decode()

    @property
    def mechanism(self):
        """ "M1".."M8" for the built-in library, "" otherwise."""
        return lib.brink_scenario_mechanism(self._h).decode()

    def __repr__(self):
        return "<brink.Scenario %s %r>" % (self.id, self.title)


def sweep(scenario, vary, watch=None, **options):
    """The equilibrium on a grid of one or two parameters, the others at their defaults, as
    `brink sweep --vary`: vary = {"p": (lo, hi, n)} (one or two parameters; lo or hi None:
    the declared end; n points from 2 to 1001) or a list of (name, lo, hi, n). watch: one
    decision reference, a string ("USA@demand", "USA@*" for all of USA's decisions), whose
    choices to record; None records the number of equilibria.
    Returns the sweep answer as a Record (the fields of a sweep answer in
    schema/brink-analysis.schema.json: points with choice, equilibria, values, outcomes;
    with a watched decision the exact regions between the points, `threshold` for one
    parameter, `lines`/`map` for two). Options as for analyze()."""
    items = list(vary.items()) if isinstance(vary, dict) else list(vary)
    if not 1 <= len(items) <= 2:
        raise ValueError("sweep: vary one or two parameters, not %d" % len(items))
    names, los, his, steps = [], [], [], []
    for it in items:
        if isinstance(vary, dict):
            name, rng = it
        else:
            name, rng = it[0], tuple(it[1:])
        if not isinstance(name, str):
            raise TypeError("sweep: a parameter name must be a string, not %r" % (name,))
        if len(rng) != 3:
            raise ValueError("sweep: %s needs (lo, hi, n), not %r" % (name, rng))
        lo, hi, n = rng
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            raise TypeError("sweep: %s: n must be a whole number, not %r" % (name, n))
        names.append(name.encode())
        los.append(_bound("lo of %s" % name, lo, "sweep"))
        his.append(_bound("hi of %s" % name, hi, "sweep"))
        steps.append(int(n))
    w = None if watch is None else _text("watch", watch, "sweep")
    ka, va, n = _lib.options(options, "sweep")   # names checked before loading
    sc = _scenario(scenario)
    k = len(names)
    pa = (ctypes.c_char_p * k)(*names)
    la = (ctypes.c_char_p * k)(*los)
    ha = (ctypes.c_char_p * k)(*his)
    sa = (ctypes.c_int * k)(*steps)
    data = json.loads(_lib.take_string(_lib.call(
        lib.brink_ffi_sweep_json, sc._h, pa, la, ha, sa, k, w, ka, va, n)))
    return Record(data["answers"][0])


def scenarios():
    """The built-in scenarios' ids ("korea-2018-summit", ...), in the library's order (as
    `brink scenarios` lists them); each loads with Scenario(id). Their mechanisms ("M1")
    and titles: Scenario(id).mechanism, .title."""
    return [Scenario(lib.brink_scenario_builtin_name(i).decode()).id
            for i in range(lib.brink_scenario_builtin_count())]


def _scenario(s):
    return s if isinstance(s, Scenario) else Scenario(s)


def analyze(scenario, **options):
    """Analyse a scenario at its default parameter values: its equilibria (verified,
    sequentially rational unless refine=False), what each actor and type does, outcome
    probabilities, values, and the answers to its questions. Options: method,
    refine (bool), max_equilibria, questions (bool), time_limit (seconds per solve),
    max_solves. Returns a Record with the fields of schema/brink-analysis.schema.json
    (parameters, actors, decisions, equilibria, answers, ...)."""
    ka, va, n = _lib.options(options, "analyze")   # names checked before loading
    sc = _scenario(scenario)
    return Record(json.loads(_lib.take_string(
        _lib.call(lib.brink_ffi_analyze_json, sc._h, ka, va, n))))


def _text(name, v, call="threshold"):
    if not isinstance(v, str):
        raise TypeError("%s: %s must be a string, not %s" % (call, name, type(v).__name__))
    return v.encode()


def _bound(name, v, call="threshold"):
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (str, numbers.Real)):
        raise TypeError("%s: %s must be a number (int, Fraction, float or number "
                        "text), not %r" % (call, name, v))
    try:
        return _lib.exact_text(v).encode()
    except ValueError as e:   # NaN, infinity: say whose
        raise ValueError("%s: %s: %s" % (call, name, e)) from None


def threshold(scenario, parameter, lo=None, hi=None, watch=None, **options):
    """Where the watched choice changes as one parameter moves over [lo, hi] (exact; None:
    the parameter's declared range), the others at their defaults. watch (required, as a
    file's threshold question needs watch:): the decisions whose choice to follow
    ("USA@demand", "DPRK.bluffing@start", "USA@*"); without it BrinkError "threshold needs
    watch". parameter and watch are strings, lo and hi numbers (TypeError otherwise).
    Returns a Record: regions (lo, hi: exact reals, status "certified"/..., states), flips
    (at, certificate), watch, states. A flip or region end may be irrational: test
    .rational; .exact is then None and .polynomial, .interval give it. Options as for
    analyze(). On a compact scenario (Scenario(..., compact_above=N)) it is answered on the
    compact game: watch names one decision point by its path ("A@start", "A@offer/accept");
    one that stands for many ("A@*") raises BrinkError saying so."""
    p = _text("parameter", parameter)
    w = None if watch is None else _text("watch", watch)
    blo, bhi = _bound("lo", lo), _bound("hi", hi)
    ka, va, n = _lib.options(options, "threshold")   # names checked before loading
    sc = _scenario(scenario)
    return Record(json.loads(_lib.take_string(_lib.call(
        lib.brink_ffi_threshold_json, sc._h, p, blo, bhi, w, ka, va, n))))
