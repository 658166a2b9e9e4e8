"""Bundles libbrink.so into the installed package, so an installed `brink` does not depend on
where the source tree was: the file named by BRINK_LIBRARY at install time, else this
checkout's build/libbrink.so. Without either the package is installed alone and finds the
system's library (`make install`) at import time (brink/_lib.py)."""
import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))


class build_py_with_lib(build_py):
    def run(self):
        super().run()
        src = os.environ.get("BRINK_LIBRARY") or os.path.join(HERE, "..", "build", "libbrink.so")
        if os.path.exists(src):
            dst = os.path.join(self.build_lib, "brink", "libbrink.so.0")
            shutil.copyfile(os.path.realpath(src), dst)
            self.announce("bundled %s as %s" % (os.path.realpath(src), dst), level=2)


setup(cmdclass={"build_py": build_py_with_lib})
