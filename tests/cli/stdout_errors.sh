# stdout_errors.sh — output that cannot be written is an error: every command writing to a
# full device (/dev/full) or to a closed stdout (>&-) exits 2 with "brink: error writing
# output: <reason>", for short and long outputs alike; with stdout closed, a command whose
# output goes to a file (-o) still succeeds and its file gets the whole output.
. "$(dirname "$0")/lib.bash"
if [ ! -w /dev/full ]; then
  echo "skipped: no /dev/full"
  exit 77
fi
G=$SRC/tests/data/golden/pd.nfg
LONG=$SRC/tests/data/crisis-2x2x2.efg   # its reduced strategic form is about 32 KB of text
cmds=("--version" "--help" "info $G" "solve $G" "solve $G --json" "convert $G -o - --to json"
      "convert $LONG -o - --to nfg" "compile M8" "scenarios" "show M1" "compile M2" "analyze M1" "verify --help")
for c in "${cmds[@]}"; do
  # shellcheck disable=SC2086
  $BRINK $c >/dev/null 2>"$TMP/err"
  rc=$?
  if [ $rc -eq 0 ]; then ok; else bad "$c to /dev/null: exit $rc: $(head -c 200 "$TMP/err")"; continue; fi
  # shellcheck disable=SC2086
  $BRINK $c >/dev/full 2>"$TMP/err"
  rc=$?
  if [ $rc -eq 2 ]; then ok; else bad "$c >/dev/full: exit $rc, want 2"; fi
  expect_grep "$c >/dev/full message" "^brink: error writing output: No space left on device$" "$TMP/err"
  if [ "$(wc -l <"$TMP/err")" -eq 1 ]; then ok; else bad "$c >/dev/full: not one message: $(head -c 300 "$TMP/err")"; fi
  # shellcheck disable=SC2086
  $BRINK $c >&- 2>"$TMP/err"
  rc=$?
  if [ $rc -eq 2 ]; then ok; else bad "$c >&-: exit $rc, want 2"; fi
  expect_grep "$c >&- message" "^brink: error writing output: Bad file descriptor$" "$TMP/err"
done
# the long output really is long (else the test above would not cover a failing fwrite)
$BRINK convert "$LONG" -o - --to nfg >"$TMP/long.nfg"
if [ "$(wc -c <"$TMP/long.nfg")" -gt 8192 ]; then ok; else bad "long output only $(wc -c <"$TMP/long.nfg") bytes"; fi
# stdout closed, output to a file: fine, and the file is complete
$BRINK convert "$LONG" -o "$TMP/x.nfg" >&- 2>"$TMP/err"
rc=$?
if [ $rc -eq 0 ]; then ok; else bad "convert -o file with stdout closed: exit $rc: $(cat "$TMP/err")"; fi
if cmp -s "$TMP/x.nfg" "$TMP/long.nfg"; then ok; else bad "convert -o file with stdout closed: file differs"; fi
# a usage error with a failing stdout keeps its own message and status
$BRINK frobnicate >/dev/full 2>"$TMP/err"
rc=$?
if [ $rc -eq 2 ]; then ok; else bad "unknown command >/dev/full: exit $rc"; fi
expect_grep "unknown command message kept" "unknown command" "$TMP/err"
finish
