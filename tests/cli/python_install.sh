#!/usr/bin/env bash
# python_install.sh — `pip install ./python` works offline as docs/python.md says: into a
# venv made with --system-site-packages --without-pip (Debian's numpy and pip), with
# --no-build-isolation (Debian's setuptools; nothing fetched) and --no-index (PyPI never
# asked). The installed package, in the activated venv as the README says,
# run from elsewhere with no PYTHONPATH and no BRINK_LIBRARY, prints Leduc's value (the
# library was bundled at install) and agrees with the build's version.
source "$(dirname "$0")/lib.bash"
BUILD=${BRINK_BUILD_DIR:?BRINK_BUILD_DIR not set}
if grep -q "^BRINK_SANITIZE:BOOL=ON" "$BUILD/CMakeCache.txt" 2>/dev/null; then
  echo "SKIP: sanitizer build"; exit 77
fi
PY=${BRINK_PYTHON:-/usr/bin/python3}
[ -x "$PY" ] || PY=python3
# A copy of python/, so the in-tree build leaves nothing in the checkout.
cp -r "$SRC/python" "$TMP/src"
rm -rf "$TMP/src/build" "$TMP/src/"*.egg-info
if ! "$PY" -m venv --system-site-packages --without-pip "$TMP/venv" >"$TMP/venv.log" 2>&1; then
  bad "venv: $(tail -3 "$TMP/venv.log")"; finish; exit 1
fi
if BRINK_LIBRARY="$BUILD/libbrink.so" "$TMP/venv/bin/python" -m pip install -q --no-build-isolation \
     --no-index "$TMP/src" >"$TMP/pip.log" 2>&1; then ok; else bad "pip install: $(tail -5 "$TMP/pip.log")"; fi
cd "$TMP"
# The README's line, word for word: `python3 -c '...'` after activating the venv.
LINE='import brink; g = brink.generate("leduc"); print(brink.solve(g, "seqlp").value)'
grep -qF "python3 -c '$LINE'" "$SRC/README.md" && ok || bad "README lacks the done-when line"
out=$(env -u PYTHONPATH -u BRINK_LIBRARY bash -c '. "$1/venv/bin/activate" && python3 -c "$2"' \
  _ "$TMP" "$LINE" 2>"$TMP/err")
case "$out" in
  -*/*) ok ;;
  *) bad "done-when line printed [$out] $(tail -3 "$TMP/err")" ;;
esac
where=$(env -u PYTHONPATH -u BRINK_LIBRARY "$TMP/venv/bin/python" -c \
  'import brink; print(brink.library_path); print(brink.__file__)' 2>&1)
expect_grep "the bundled library is used" "$TMP/venv/.*/brink/libbrink.so.0" <(echo "$where")
# The value agrees with the build tree's run of the same line.
want=$(cd "$SRC" && BRINK_LIBRARY="$BUILD/libbrink.so" PYTHONPATH=python "$PY" -c \
  'import brink; g = brink.generate("leduc"); print(brink.solve(g, "seqlp").value)')
[ "$out" = "$want" ] && ok || bad "installed [$out] vs build tree [$want]"
finish
