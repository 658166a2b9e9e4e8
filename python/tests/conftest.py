"""pytest set-up: import the package from this checkout (python/) unless it is installed, and
give tests the paths CTest passes (BRINK_SOURCE_DIR, BRINK_BIN, BRINK_BUILD_DIR)."""
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
if os.environ.get("BRINK_TEST_INSTALLED") != "1":
    sys.path.insert(0, os.path.dirname(HERE))


@pytest.fixture
def source_dir():
    return os.environ.get("BRINK_SOURCE_DIR", os.path.dirname(os.path.dirname(HERE)))


@pytest.fixture
def build_dir(source_dir):
    return os.environ.get("BRINK_BUILD_DIR", os.path.join(source_dir, "build"))
