"""examples/python/m1_analysis.py runs and says what the README's M1 answer says: hold firm
on [0, 1/2], concede on [1/2, 1], the flip at 1/2 exactly, hold firm at the default 3/10;
and it writes a PNG."""
import os
import subprocess
import sys


def test_m1_example(tmp_path, source_dir):
    script = os.path.join(source_dir, "examples", "python", "m1_analysis.py")
    out = tmp_path / "m1.png"
    env = dict(os.environ, PYTHONPATH=os.path.join(source_dir, "python"))
    r = subprocess.run([sys.executable, script, "--out", str(out)], env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    lines = [l.strip() for l in r.stdout.splitlines()]
    assert "[0, 1/2]  hold_firm" in lines
    assert "[1/2, 1]  concede" in lines
    assert "-> it flips at p_resolute = 1/2 exactly: 'hold_firm' below, 'concede' above." in lines
    assert "-> at the default p_resolute = 3/10: 'hold_firm'." in lines
    with open(out, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
