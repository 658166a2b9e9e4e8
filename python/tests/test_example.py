"""examples/python/m1_analysis.py runs and says what the README's M1 answer says: hold firm
on [0, 1/2], concede on [1/2, 1], the flip at 1/2 exactly, hold firm at the default 3/10;
its Monte Carlo prints the share of draws holding firm with an interval that holds the beta
CDF at the flip, which it prints exactly (checked here against the CDF computed from the
scenario file's beta(a, b)); and it writes a PNG."""
import math
import os
import re
import subprocess
import sys
from fractions import Fraction


def test_m1_example(tmp_path, source_dir):
    script = os.path.join(source_dir, "examples", "python", "m1_analysis.py")
    out = tmp_path / "m1.png"
    env = dict(os.environ, PYTHONPATH=os.path.join(source_dir, "python"))
    r = subprocess.run([sys.executable, script, "--out", str(out), "--samples", "300"], env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    lines = [l.strip() for l in r.stdout.splitlines()]
    assert "[0, 1/2]  hold_firm" in lines
    assert "[1/2, 1]  concede" in lines
    assert "-> it flips at p_resolute = 1/2 exactly: 'hold_firm' below, 'concede' above." in lines
    assert "-> at the default p_resolute = 3/10: 'hold_firm'." in lines
    mc = re.search(r"^Monte Carlo: 300 draws of p_resolute ~ beta\(([0-9]+), ([0-9]+)\) on \[0, 1\]",
                   r.stdout, re.M)
    assert mc, r.stdout
    a, b = int(mc.group(1)), int(mc.group(2))
    with open(os.path.join(source_dir, "scenarios", "m1-summit-brinkmanship.yaml")) as f:
        assert re.search(r"distribution: beta\(%d, *%d\)" % (a, b), f.read())
    x = Fraction(1, 2)
    cdf = sum(math.comb(a + b - 1, j) * x ** j * (1 - x) ** (a + b - 1 - j) for j in range(a, a + b))
    held = re.search(r"^  hold_firm in ([0-9]+) of 300 draws = [0-9.]+, 95% interval "
                     r"\[([0-9.]+), ([0-9.]+)\]$", r.stdout, re.M)
    assert held, r.stdout
    assert float(held.group(2)) <= float(cdf) <= float(held.group(3))
    assert ("  certified: P(p_resolute < 1/2) = beta CDF at the flip = %s = %.4f: inside the "
            "interval" % (cdf, float(cdf))) in r.stdout.splitlines()
    with open(out, "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
