"""The Python package, the library it loads, brink.pc (pkg-config) and CMakeLists.txt's
project version agree."""
import os
import re
import shutil
import subprocess

import pytest

import brink


def test_versions_agree(source_dir, build_dir):
    assert brink.library_version() == brink.__version__
    cmake = open(os.path.join(source_dir, "CMakeLists.txt")).read()
    assert re.search(r"project\(brink VERSION ([0-9.]+)", cmake).group(1) == brink.__version__
    header = open(os.path.join(source_dir, "include", "brink", "brink.h")).read()
    assert '#define BRINK_VERSION_STRING "%s"' % brink.__version__ in header
    if not shutil.which("pkg-config"):
        pytest.fail("pkg-config missing (scripts/deps.sh installs it)")
    env = dict(os.environ, PKG_CONFIG_PATH=build_dir)
    out = subprocess.run(["pkg-config", "--modversion", "brink"], env=env, check=True,
                         capture_output=True, text=True).stdout.strip()
    assert out == brink.__version__
