"""Scenarios (the YAML language of docs/scenario-language.md, or a built-in id such as "M1"),
their analysis and threshold questions. Results are Python objects built from the JSON data
the library writes (schema/brink-analysis.schema.json), never from the text report."""
import ctypes
import json
from fractions import Fraction

from . import _lib
from ._lib import lib

# Fields holding exact numbers as text; they become Fractions.
_EXACT = {"exact", "sample", "value_at", "value_exact", "gap_numerator", "gap_denominator"}


class Record:
    """A JSON object as attributes (a.equilibria[0].values[0].exact). Exact-number fields
    (exact, sample, value_at, ...) hold Fractions; lists stay lists. .data is the plain
    dict; r["key"] works too."""

    def __init__(self, data):
        self.data = data
        for k, v in data.items():
            setattr(self, k if k.isidentifier() else k.replace("-", "_"), _convert(k, v))

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
    return v


class Scenario:
    """A loaded scenario: Scenario("M1"), Scenario("korea-2018-summit") or a YAML file path.
    Errors in the file raise BrinkError with file:line:column."""

    def __init__(self, file_or_id):
        self.source = str(file_or_id)   # what was loaded (report() hands it to `brink`)
        self._h = ctypes.c_void_p(_lib.call(lib.brink_scenario_load, str(file_or_id).encode()))

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


def scenarios():
    """The built-in scenarios' names (ids usable with Scenario)."""
    return [lib.brink_scenario_builtin_name(i).decode()
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
    sc = _scenario(scenario)
    ka, va, n = _lib.options(options)
    return Record(json.loads(_lib.take_string(
        _lib.call(lib.brink_ffi_analyze_json, sc._h, ka, va, n))))


def threshold(scenario, parameter, lo=None, hi=None, watch=None, **options):
    """Where the equilibrium changes as one parameter moves over [lo, hi] (exact; None: the
    parameter's declared range), the others at their defaults. watch: the decisions whose
    choice to follow ("USA@demand", "DPRK.bluffing@start", "USA@*"). Returns a Record:
    regions (lo, hi with .exact Fractions, status "certified"/..., states), flips (at,
    certificate), watch, states. Options as for analyze()."""
    sc = _scenario(scenario)
    ka, va, n = _lib.options(options)
    enc = lambda x: None if x is None else _lib.exact_text(x).encode()
    return Record(json.loads(_lib.take_string(_lib.call(
        lib.brink_ffi_threshold_json, sc._h, parameter.encode(), enc(lo), enc(hi),
        watch.encode() if watch else None, ka, va, n))))
