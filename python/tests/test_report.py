"""brink.report: the HTML file is written through the `brink` program, is self-contained
(nothing loaded from elsewhere, the chart bundle inline), works for a game too, and a missing
program or a bad parameter is a BrinkError, not a silent nothing."""
import os
import re

import pytest

import brink

_OUTSIDE = re.compile(r'<script[^>]+src=|<link[^>]+href=|<img[^>]+src="http|@import|url\(http',
                      re.I)


@pytest.fixture
def program(build_dir, monkeypatch, tmp_path):
    exe = os.path.join(build_dir, "brink")
    if os.path.exists(exe):
        monkeypatch.setenv("BRINK_PROGRAM", exe)
    # as tests/cli/report.sh: a brink built before scripts/deps.sh fetched the chart bundles
    # cannot write reports; that is a skip, not a failure
    try:
        brink.report("M1", tmp_path / "probe.html", tree=False, questions=False)
    except brink.BrinkError as e:
        if "without the chart bundles" in str(e):
            pytest.skip("brink built without web/ bundles (scripts/deps.sh)")
    return exe


def _check_page(path, charts=True):
    with open(path, encoding="utf-8") as f:
        html = f.read()
    assert html.lstrip().lower().startswith("<!doctype html")
    assert not _OUTSIDE.search(html)
    if charts:
        assert "<script" in html        # the charts' code is inline
    return html


def test_scenario_report(tmp_path, program):
    out = tmp_path / "m1.html"
    assert brink.report("M1", out, set={"p_resolute": "1/3"}, tree=False) == out
    html = _check_page(out)
    assert brink.Scenario("M1").title.split()[0] in html


def test_game_report(tmp_path, program):
    g = brink.generate("kuhn")
    out = str(tmp_path / "kuhn.html")
    brink.report(g, out, tree=False)
    _check_page(out, charts=False)      # a game's page has tables, no charts
    with pytest.raises(brink.BrinkError):
        brink.report(brink.generate("pd"), str(tmp_path / "pd.html"))


def test_report_errors(tmp_path, program, monkeypatch):
    with pytest.raises(brink.BrinkError) as e:
        brink.report("M1", tmp_path / "x.html", set={"no_such_parameter": 1}, tree=False)
    assert "no_such_parameter" in str(e.value)
    assert not (tmp_path / "x.html").exists()
    monkeypatch.setenv("BRINK_PROGRAM", str(tmp_path / "missing"))
    with pytest.raises(brink.BrinkError) as e:
        brink.report("M1", tmp_path / "y.html")
    assert "not found" in str(e.value)
