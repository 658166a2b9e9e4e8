"""Scenarios from Python: the analysis as objects with exact Fractions (the README's M1 flip),
a threshold question asked directly, and located errors in scenario files."""
from fractions import Fraction

import pytest

import brink


def test_m1_analysis_and_flip():
    sc = brink.Scenario("M1")
    assert sc.mechanism == "M1" and sc.id == "korea-2018-summit"
    a = brink.analyze(sc)
    eq = a.equilibria[0]
    assert eq.verified is True and eq.sequential is True
    assert sum(o.probability for o in eq.outcomes) == pytest.approx(1)
    p = {x.name: x.exact for x in a.parameters}
    assert p["p_resolute"] == Fraction(3, 10)
    flip = a.answers[0].threshold.flips[0]
    assert flip.at.exact == Fraction(1, 2) and flip.certified is True
    # The certificate's gain g(p) = -3 + 6 p vanishes at the flip.
    num = flip.certificate.gap_numerator
    assert num[0] + num[1] * flip.at.exact == 0


def test_threshold_question_directly():
    t = brink.threshold("M1", "p_resolute", lo=0, hi="1", watch="USA@demand")
    regions = [r for r in t.regions if not r.point]
    assert [(r.lo.exact, r.hi.exact) for r in regions] == [(0, Fraction(1, 2)),
                                                           (Fraction(1, 2), 1)]
    assert all(r.status == "certified" for r in regions)
    # Below the flip the US holds firm (action 1), above it concedes (action 0).
    played = [t.states[r.states[0]].played[0] for r in regions]
    assert played == [[1], [0]]
    narrow = brink.threshold("M1", "p_resolute", lo="1/10", hi="2/5", watch="USA@demand")
    assert narrow.flips == []


def test_scenario_errors_are_located(tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("id: x\ntitle: [unclosed\n")
    with pytest.raises(brink.BrinkError) as e:
        brink.Scenario(f)
    assert e.value.file == str(f) and e.value.line >= 2
    with pytest.raises(brink.BrinkError, match="unknown parameter"):
        brink.threshold("M1", "no_such_parameter")
    with pytest.raises(brink.BrinkError, match="unknown option"):
        brink.analyze("M1", quetions=False)
    with pytest.raises(brink.BrinkError, match="low must be below high"):
        brink.threshold("M1", "p_resolute", lo=1, hi="1/2")
    # the rules of a question in a file and of brink sweep --vary
    with pytest.raises(brink.BrinkError, match=r"leaves the declared range \[0, 1\]"):
        brink.threshold("M1", "p_resolute", lo=0, hi=2, watch="USA@demand")
    with pytest.raises(brink.BrinkError, match="no decision matches 'USA@nowhere'"):
        brink.threshold("M1", "p_resolute", watch="USA@nowhere")


def test_builtin_list():
    ids = brink.scenarios()
    assert len(ids) >= 8
    # ids, not file names (tester 11, F7.6), each loading to the scenario with that id
    assert ids[0] == "korea-2018-summit"
    assert all(not i.endswith(".yaml") for i in ids)
    assert all(brink.Scenario(i).id == i for i in ids)
    assert brink.Scenario(ids[0]).mechanism == "M1"


def test_threshold_json_follows_the_schema(source_dir):
    # brink.threshold hands over the same JSON as an analysis' threshold answer: it must
    # validate against that part of schema/brink-analysis.schema.json.
    import json
    jsonschema = pytest.importorskip("jsonschema")
    with open(f"{source_dir}/schema/brink-analysis.schema.json") as f:
        schema = json.load(f)
    sub = dict(schema, **{"$ref": "#/$defs/threshold"})
    for k in ("properties", "required", "type", "additionalProperties"):
        sub.pop(k, None)
    t = brink.threshold("M1", "p_resolute", watch="USA@demand")
    jsonschema.validate(t.data, sub)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(dict(t.data, regions="none"), sub)


def test_sweep_is_brink_sweep(build_dir):
    # brink.sweep answers as `brink sweep --vary ... --json` (tester 11, F7.6: no Python sweep)
    import json
    import subprocess
    r = brink.sweep("M1", {"p_resolute": (0, 1, 5)}, watch="USA@demand")
    cli = json.loads(subprocess.run(
        [f"{build_dir}/brink", "sweep", "M1", "--vary", "p_resolute=0:1:5", "--watch",
         "USA@demand", "--json"], check=True, capture_output=True, text=True).stdout)
    want = cli["answers"][0]
    assert r.data["points"] == want["points"]
    assert [g["status"] for g in r.data["threshold"]["regions"]] == \
        [g["status"] for g in want["threshold"]["regions"]]
    assert len(r.points) == 5
    assert r.points[1].x_exact[0] == Fraction(1, 4)
    assert r.points[1].choice.label == "hold_firm"
    assert r.points[4].choice.label == "concede"
    # the flip between the points, exactly, as the threshold question gives it
    assert r.threshold.flips[0].at.exact == Fraction(1, 2)
    # two parameters as a list, the declared ends by None: a region map
    m = brink.sweep("M1", [("p_resolute", None, None, 3), ("summit_value", 1, 20, 3)],
                    watch="USA@demand")
    assert len(m.points) == 9 and m.data.get("map") is not None
    # nothing watched: the number of equilibria at each point
    n = brink.sweep("M1", {"summit_value": (1, 20, 2)})
    assert all(p.equilibria >= 1 for p in n.points)


def test_sweep_errors():
    with pytest.raises(brink.BrinkError, match="sweep: unknown parameter 'nope'"):
        brink.sweep("M1", {"nope": (0, 1, 3)})
    with pytest.raises(brink.BrinkError, match=r"leaves the declared range \[0, 1\]"):
        brink.sweep("M1", {"p_resolute": (0, 2, 3)})
    with pytest.raises(brink.BrinkError, match="from 2 to 1001, not 1"):
        brink.sweep("M1", {"p_resolute": (0, 1, 1)})
    with pytest.raises(brink.BrinkError, match="no decision matches 'USA@x'"):
        brink.sweep("M1", {"p_resolute": (0, 1, 3)}, watch="USA@x")
    with pytest.raises(brink.BrinkError, match="given twice"):
        brink.sweep("M1", [("p_resolute", 0, 1, 3), ("p_resolute", 0, 1, 3)])
    with pytest.raises(brink.BrinkError, match="sweep: unknown option 'set'"):
        brink.sweep("M1", {"p_resolute": (0, 1, 3)}, set=1)
    with pytest.raises(ValueError):
        brink.sweep("M1", {})
    with pytest.raises(TypeError):
        brink.sweep("M1", {"p_resolute": (0, 1, 2.5)})
    # the errors name sweep and the argument (tester 12, F8)
    with pytest.raises(TypeError, match="^sweep: watch must be a string"):
        brink.sweep("M1", {"p_resolute": (0, 1, 3)}, watch=3)
    with pytest.raises(ValueError, match="^sweep: lo of p_resolute: not a finite number"):
        brink.sweep("M1", {"p_resolute": (float("nan"), 1, 3)})


def test_scenario_limits_and_compact_games(source_dir):
    # a perfect-information file too big for a tree (3.3e16 nodes) is analysed as a compact
    # game when Scenario is given compact_above (tester 12, F6: Python could not use them)
    path = f"{source_dir}/tests/data/scenarios/rubinstein-chance.yaml"
    with pytest.raises(brink.BrinkError, match="nodes \\(limit 4194304\\)"):
        brink.Scenario(path)
    sc = brink.Scenario(path, compact_above=100000)
    r = brink.analyze(sc, questions=False)
    assert r.method.name == "spe"
    assert len(r.data["classes"]) > 0
    # a node limit of its own; bad limits
    with pytest.raises(brink.BrinkError, match="limit 100\\)"):
        brink.Scenario(f"{source_dir}/examples/rubinstein.yaml", max_nodes=100)
    with pytest.raises(TypeError, match="max_nodes must be a whole number"):
        brink.Scenario("M1", max_nodes=1.5)
    # one exception type and one message style for every bad value, naming the argument and
    # the value given, too small or too large (tester 14, N4: compact_above=2**70 blamed
    # max_nodes in a BrinkError)
    for kw, bad in (("max_nodes", 0), ("max_nodes", 2**41), ("compact_above", -1),
                    ("compact_above", 2**70)):
        with pytest.raises(ValueError) as e:
            brink.Scenario("M1", **{kw: bad})
        assert not isinstance(e.value, brink.BrinkError)
        assert str(e.value).startswith("Scenario: %s must be from " % kw)
        assert str(e.value).endswith(", not %d" % bad)
        other = "compact_above" if kw == "max_nodes" else "max_nodes"
        assert other not in str(e.value)
    brink.Scenario("M1", max_nodes=2**40, compact_above=10**18)   # the bounds themselves
    # the library's own check (for other callers of the ffi) names one argument too
    from brink import _lib
    for mn, ca, name in ((2.0**41, 0.0, "max_nodes"), (0.5, 0.0, "max_nodes"),
                         (0.0, 2.0**70, "compact_above"), (0.0, -1.0, "compact_above")):
        with pytest.raises(brink.BrinkError) as e:
            _lib.call(_lib.lib.brink_ffi_scenario_load, b"M1", mn, ca, 0)
        assert e.value.message.startswith("Scenario: %s must be from" % name)
        assert ("max_nodes" if name == "compact_above" else "compact_above") not in e.value.message
    # a sweep is answered on the compact game (issue 15; tester 13, D1: it read an answer a
    # compact analysis did not have), as on the tree: the same points and exact regions
    small = brink.Scenario(f"{source_dir}/examples/rubinstein.yaml", compact_above=1)
    tree0 = brink.Scenario(f"{source_dir}/examples/rubinstein.yaml")
    sc_ = brink.sweep(small, {"delta": (0.2, 0.8, 3)}, watch="A@start")
    st_ = brink.sweep(tree0, {"delta": (0.2, 0.8, 3)}, watch="A@start")
    assert [p.choice.label for p in sc_.points] == [p.choice.label for p in st_.points] == \
        ["offer_0.175", "offer_0.275", "offer_0.175"]
    assert [f.at.exact for f in sc_.threshold.flips] == [f.at.exact for f in st_.threshold.flips]
    # a threshold is answered on the compact game (issue 15, item 2): the tree's answer
    tree = brink.Scenario(f"{source_dir}/examples/rubinstein.yaml")
    tc = brink.threshold(small, "delta", watch="A@start")
    tt = brink.threshold(tree, "delta", watch="A@start")
    assert len(tc.regions) == len(tt.regions) == 65 and len(tc.flips) == len(tt.flips) == 15
    assert [f.at.exact for f in tc.flips] == [f.at.exact for f in tt.flips]
    # a watch that stands for many decision points is refused, naming why
    with pytest.raises(brink.BrinkError, match="can stand for many"):
        brink.threshold(small, "delta", watch="A@*")
    # an unknown option is named before the scenario is loaded (its error would come first)
    for f in (brink.analyze, brink.montecarlo):
        with pytest.raises(brink.BrinkError, match="unknown option 'compact_above'"):
            f(path, compact_above=1000)
