#!/usr/bin/env bash
# python.sh — the Python package's pytest suite (python/tests) against this build's
# libbrink.so. Needs Debian's python3 with numpy and pytest (scripts/deps.sh installs them;
# missing is a failure, not a skip). A sanitizer build's library cannot be loaded into an
# uninstrumented Python: skipped there (exit 77); make check and check-clang run it.
source "$(dirname "$0")/lib.bash"
BUILD=${BRINK_BUILD_DIR:?BRINK_BUILD_DIR not set}
if grep -q "^BRINK_SANITIZE:BOOL=ON" "$BUILD/CMakeCache.txt" 2>/dev/null; then
  echo "SKIP: sanitizer build (libbrink.so needs the ASan runtime preloaded)"; exit 77
fi
PY=${BRINK_PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=python3
if ! "$PY" -c "import numpy, pytest" 2>"$TMP/err"; then
  bad "$PY lacks numpy/pytest (run scripts/deps.sh): $(tail -1 "$TMP/err")"
  finish; exit 1
fi
# -p no:cacheprovider: no .pytest_cache written into the source tree.
if BRINK_LIBRARY="$BUILD/libbrink.so" BRINK_BUILD_DIR="$BUILD" \
   "$PY" -m pytest -q -p no:cacheprovider "$SRC/python/tests" >"$TMP/out" 2>&1; then
  ok
else
  bad "pytest python/tests: $(tail -40 "$TMP/out")"
fi
tail -1 "$TMP/out"
finish
