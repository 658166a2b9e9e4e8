"""The package's version: the version of libbrink it was made for (CMakeLists.txt's
project VERSION, BRINK_VERSION_STRING in include/brink/brink.h, brink.pc). The loader refuses
a library of another version; tests/test_version.py checks all four agree."""
__version__ = "0.1.0"
