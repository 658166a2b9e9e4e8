"""Tester 11's findings on the Python API (F2, F4): a threshold needs watch as in a file,
arguments of the wrong type raise TypeError naming them, every exact number of the results
is a Fraction (the list checked against schema/*.json), irrational numbers have a documented
shape with .exact None, option names are checked before values, and compare takes actor
and at together as `brink compare` does. Inputs: tests/data/tester11/."""
import glob
import json
import os
import re
from fractions import Fraction

import pytest

import brink
from brink import scenario as bs


@pytest.fixture
def data(source_dir):
    return lambda name: os.path.join(source_dir, "tests", "data", "tester11", name)


# ---------------------------------------------------------------- F2

def test_threshold_without_watch_is_refused(data):
    # s2.yaml flips at 1/4 and 3/4; without watch the answer was flips == [] (no error)
    with pytest.raises(brink.BrinkError, match="threshold needs watch"):
        brink.threshold(data("s2.yaml"), "p")
    with pytest.raises(brink.BrinkError, match="threshold needs watch"):
        brink.threshold(data("s2.yaml"), "p", watch="")
    t = brink.threshold(data("s2.yaml"), "p", watch="A@start")
    assert [f.at.exact for f in t.flips] == [Fraction(1, 4), Fraction(3, 4)]


@pytest.mark.parametrize("kw, name", [
    (dict(parameter=None, watch="A@start"), "parameter"),
    (dict(parameter=3, watch="A@start"), "parameter"),
    (dict(parameter="p", watch=3), "watch"),
    (dict(parameter="p", watch=["A@start"]), "watch"),
    (dict(parameter="p", watch="A@start", lo=True), "lo"),
    (dict(parameter="p", watch="A@start", hi=False), "hi"),
    (dict(parameter="p", watch="A@start", lo=[0]), "lo"),
])
def test_threshold_argument_types(data, kw, name):
    with pytest.raises(TypeError, match=r"threshold: %s " % name):
        brink.threshold(data("s2.yaml"), **kw)


# ---------------------------------------------------------------- F4

def _rational_fields():
    """Every property of schema/*.json whose strings are exact rationals or integers."""
    here = os.path.dirname(os.path.abspath(__file__))
    rat, ints = set(), set()
    for f in glob.glob(os.path.join(here, "..", "..", "schema", "*.json")):
        root = json.load(open(f))
        stack, seen = [(root, None)], set()
        while stack:
            s, key = stack.pop()
            if isinstance(s, list):
                stack.extend((x, key) for x in s)
                continue
            if not isinstance(s, dict):
                continue
            ref = s.get("$ref")
            if ref and ref.startswith("#/$defs/"):
                if (ref, key) not in seen:
                    seen.add((ref, key))
                    stack.append((root["$defs"][ref.split("/")[-1]], key))
                continue
            t = s.get("type")
            pat = s.get("pattern")
            if pat and (t == "string" or (isinstance(t, list) and "string" in t)):
                if pat == "^-?[0-9]+(/[0-9]+)?$":
                    rat.add(key)
                elif pat == "^-?[0-9]+$":
                    ints.add(key)
            for k, v in s.get("properties", {}).items():
                stack.append((v, k))
            for kw in ("items", "prefixItems", "additionalProperties", "oneOf", "anyOf",
                       "allOf", "then", "else"):
                if kw in s:
                    stack.append((s[kw], key))
    return rat, ints


def test_exact_field_lists_match_the_schemas():
    rat, ints = _rational_fields()
    assert {"gap_above_numerator", "x_exact", "vertices_exact", "interval"} <= rat
    assert rat <= bs._EXACT, "exact fields not converted: %s" % (rat - bs._EXACT)
    assert ints <= bs._INTEGER, "integer fields not converted: %s" % (ints - bs._INTEGER)


def _strings_left(r, where="r"):
    """Paths of exact-number fields still holding text anywhere in a Record."""
    out = []
    if isinstance(r, list):
        for i, x in enumerate(r):
            out += _strings_left(x, "%s[%d]" % (where, i))
    elif isinstance(r, brink.Record):
        for k in r.data:
            v = getattr(r, k)
            if k in bs._EXACT | bs._INTEGER:
                flat = [v]
                while any(isinstance(x, list) for x in flat):
                    flat = [y for x in flat for y in (x if isinstance(x, list) else [x])]
                if any(isinstance(x, str) for x in flat):
                    out.append("%s.%s" % (where, k))
            out += _strings_left(v, "%s.%s" % (where, k))
    return out


def test_every_exact_field_is_a_fraction(data):
    a = brink.analyze(data("t2.yaml"))       # a flip at 1/3 with both sides' gaps
    c = a.answers[0].threshold.flips[0].certificate
    assert all(isinstance(x, Fraction) for x in c.gap_above_numerator + c.gap_above_denominator)
    assert all(isinstance(x, Fraction) for x in c.gap_numerator + c.gap_denominator)
    assert _strings_left(a) == []
    a = brink.analyze(data("t1.yaml"))       # a sweep question: x_exact
    sw = [x for x in a.answers if x.kind == "sweep"][0]
    assert sw.points[1].x_exact == [Fraction(1, 3)]
    assert _strings_left(a) == []


def test_irrational_flip_shape(data):
    # t3.yaml: flips at the roots (2 -+ sqrt 2)/4 of 8p^2 - 8p + 1
    f = brink.analyze(data("t3.yaml")).answers[0].threshold.flips[0]
    assert f.at.rational is False and f.at.exact is None
    assert f.at.polynomial == [1, -8, 8]
    lo, hi = f.at.interval
    assert isinstance(lo, Fraction) and isinstance(hi, Fraction) and lo < hi
    poly = lambda x: sum(c * x ** i for i, c in enumerate(f.at.polynomial))
    assert poly(lo) * poly(hi) < 0       # the root (2 - sqrt 2)/4 lies inside
    assert f.at.value == pytest.approx((2 - 2 ** 0.5) / 4)
    g = brink.threshold(data("s2.yaml"), "p", watch="A@start").flips[0]
    assert g.at.rational is True and g.at.exact == Fraction(1, 4)
    assert g.at.polynomial is None and g.at.interval is None


def test_map_vertices_exact(tmp_path, data):
    q = tmp_path / "s4q.yaml"
    q.write_text(open(data("s4.yaml")).read() + "questions:\n  - id: m\n    sweep: "
                 "{parameters: [x, y], ranges: [[0, 1], [0, 1]], steps: [3, 3], watch: A@start}\n")
    sw = brink.analyze(str(q)).answers[0]
    exact = [p for p in sw.map.polygons if p.exact]
    assert exact, "s4 is affine: its polygons are exact"
    # the boundary x = y/2 + 1/5 meets y = 0 at 1/5 and y = 1 at 7/10
    vs = [v for p in exact for v in p.vertices_exact]
    assert [Fraction(1, 5), 0] in vs and [Fraction(7, 10), 1] in vs
    assert all(isinstance(c, Fraction) for v in vs for c in v)
    assert all(isinstance(l.x_exact, Fraction) for l in sw.lines)


def test_unknown_option_named_before_its_value(data):
    with pytest.raises(brink.BrinkError, match="analyze: unknown option 'set'"):
        brink.analyze(data("t3.yaml"), set={"p": "0.2"})
    with pytest.raises(brink.BrinkError, match="threshold: unknown option 'set'"):
        brink.threshold(data("t3.yaml"), "p", watch="A@start", set={"p": 1})
    with pytest.raises(brink.BrinkError, match="montecarlo: unknown option 'sample'"):
        brink.montecarlo(data("c1.yaml"), sample={"x": 1})
    # a known option with a bad value names the option
    with pytest.raises(TypeError, match="option time_limit: not a number"):
        brink.analyze(data("t3.yaml"), time_limit={"p": 1})


def test_option_names_are_the_librarys():
    assert set(brink._lib.option_names("analyze")) == {
        "method", "refine", "max_equilibria", "questions", "time_limit", "max_solves"}
    assert "samples" in brink._lib.option_names("compare")
    assert brink._lib.option_names("nothing") == []


def test_compare_actor_and_at_together(data):
    both = brink.compare(data("c1.yaml"), actor="A", at="A@start", samples=20)
    one = brink.compare(data("c1.yaml"), at="A@start", samples=20)
    assert both.compare.data == one.compare.data
    with pytest.raises(ValueError, match="different actors"):
        brink.compare(data("c1.yaml"), actor="B", at="A@start", samples=20)
    with pytest.raises(ValueError, match="give actor or at"):
        brink.compare(data("c1.yaml"), samples=20)
    with pytest.raises(TypeError, match="compare: at must be a string"):
        brink.compare(data("c1.yaml"), at=3, samples=20)


def test_compare_reference_matching_parallel_decisions_refused(data):
    # bqu.yaml: S moves after a chance move it sees; S@* matches S@strong and S@weak
    with pytest.raises(brink.BrinkError, match="S@strong, S@weak"):
        brink.compare(data("bqu.yaml"), at="S@*", samples=10)
    r = brink.compare(data("bqu.yaml"), at="S@weak", samples=10)
    assert r.compare.label
    # actor alone: its first decision in the game's order, as --actor
    assert brink.compare(data("bqu.yaml"), actor="S", samples=10).compare.infoset == \
        brink.compare(data("bqu.yaml"), at="S@strong", samples=10).compare.infoset
