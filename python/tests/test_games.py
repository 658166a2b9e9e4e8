"""Games from Python: files in and out, numpy tables in brink's cell order, exact numbers,
located errors."""
import os
from fractions import Fraction

import numpy as np
import pytest

import brink


def test_from_arrays_keeps_orientation():
    # Three players with different strategy counts, so any mix-up of axes shows.
    rng = np.random.default_rng(7)
    arrays = [rng.integers(-50, 50, size=(2, 3, 4)) for _ in range(3)]
    g = brink.from_arrays(*arrays)
    assert g.shape == (2, 3, 4)
    pay = g.payoffs()
    assert pay.shape == (2, 3, 4, 3)
    for p in range(3):
        assert np.array_equal(pay[..., p], arrays[p])
    # One array with the players last is the same game.
    g2 = brink.from_arrays(np.stack(arrays, axis=-1))
    assert g2.text() == g.text()


def test_exact_numbers():
    g = brink.from_arrays([[0.1, Fraction(1, 3)], ["-2/7", 4]], [[0, 0], [0, 0]])
    ex = g.payoffs_exact()
    assert ex[0, 0, 0] == Fraction(1, 10)      # a float is read as its shortest decimal
    assert ex[0, 1, 0] == Fraction(1, 3)
    assert ex[1, 0, 0] == Fraction(-2, 7)
    assert ex[1, 1, 0] == 4


def test_round_trip_through_files(tmp_path):
    g = brink.generate("integer", players=3, actions=2, seed=5)
    f = tmp_path / "g.nfg"
    g.save(f)
    h = brink.read(f)
    assert h.text() == g.text()
    assert np.array_equal(h.payoffs(), g.payoffs())
    e = brink.generate("kuhn")
    f = tmp_path / "k.efg"
    e.save(f)
    assert brink.read(f).text() == e.text()
    assert e.kind == "efg" and h.kind == "nfg"


def test_errors_are_located(tmp_path):
    f = tmp_path / "bad.nfg"
    f.write_text('NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3 oops 5 6 7 8\n')
    with pytest.raises(brink.BrinkError) as e:
        brink.read(f)
    assert e.value.status == "syntax"
    assert e.value.file == str(f)
    assert (e.value.line, e.value.column) == (2, 7)
    assert str(e.value).startswith("%s:2:7: error:" % f)


def test_bad_tables_refused():
    with pytest.raises(ValueError):
        brink.from_arrays(np.zeros((2, 2)), np.zeros((2, 3)))
    with pytest.raises(TypeError):
        brink.from_arrays([[object(), 1], [1, 1]], [[1, 1], [1, 1]])
    with pytest.raises(ValueError):
        brink.from_arrays([[float("nan"), 1], [1, 1]], [[1, 1], [1, 1]])


def test_extensive_structure():
    k = brink.generate("kuhn")
    assert k.nnodes == 55
    assert len([h for h in k.infosets if h[0] < 2]) == 12
    assert len(k.labels) == k.profile_length == sum(k.blocks())
    with pytest.raises(TypeError):
        k.payoffs()


def test_cli_and_python_generate_the_same_text(tmp_path):
    import subprocess
    bin_ = os.environ.get("BRINK_BIN")
    if not bin_:
        pytest.skip("BRINK_BIN not set (run through ctest)")
    for args, kw in [(["covariant", "r=1/2", "--seed", "9"], dict(r="1/2", seed=9)),
                     (["crisis", "rounds=3"], dict(rounds=3)),
                     (["travellers", "high=9"], dict(high=9))]:
        out = subprocess.run([bin_, "generate"] + args, check=True, capture_output=True,
                             text=True).stdout
        assert out == brink.generate(args[0], **kw).text()
