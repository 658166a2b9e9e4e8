# bad_input.sh — every file of the bad-input corpus makes `brink info` and `brink solve` exit
# with status 2 and a "file:line:col: error:" (or "file: error:") message on stderr — never a
# crash (status >= 128), never a hang (timeout), never output on stdout.
. "$(dirname "$0")/lib.bash"
B=$SRC/tests/data/bad
for f in "$B"/*; do
  case "$f" in *.expected) continue ;; esac
  for cmd in info solve; do
    timeout 20 $BRINK $cmd "$f" >"$TMP/out" 2>"$TMP/err"
    rc=$?
    name=$(basename "$f")
    if [ $rc -eq 2 ]; then ok; else bad "$cmd $name: exit $rc (want 2): $(head -c 300 "$TMP/err")"; continue; fi
    if grep -qE "^$f(:[0-9]+:[0-9]+)?: error: " "$TMP/err"; then ok; else bad "$cmd $name: message not located: $(head -c 300 "$TMP/err")"; fi
    if [ ! -s "$TMP/out" ]; then ok; else bad "$cmd $name: wrote to stdout"; fi
  done
done
# Files that are not game files at all.
expect_status "missing file" 2 $BRINK info "$TMP/does-not-exist.efg"
expect_grep "missing file says so" "cannot open" "$TMP/stderr"
expect_status "a directory" 2 $BRINK info "$TMP"
expect_status "empty file" 2 $BRINK info /dev/null
# Usage errors.
expect_status "unknown command" 2 $BRINK frobnicate
expect_status "unknown option" 2 $BRINK solve --bogus x.efg
expect_status "unknown method" 2 $BRINK solve $SRC/tests/data/golden/pd.nfg --method nosuch
expect_grep "unknown method named" "unknown method 'nosuch'" "$TMP/stderr"
expect_status "bad iteration count" 2 $BRINK solve $SRC/tests/data/golden/pd.nfg --iterations -5
expect_status "missing value" 2 $BRINK solve $SRC/tests/data/golden/pd.nfg --method
expect_status "convert without -o" 2 $BRINK convert $SRC/tests/data/golden/pd.nfg
expect_status "convert to unknown format" 2 $BRINK convert $SRC/tests/data/golden/pd.nfg -o x.xyz
expect_status "help works" 0 $BRINK solve --help
expect_status "top-level help" 0 $BRINK --help
expect_status "no arguments" 2 $BRINK
finish
