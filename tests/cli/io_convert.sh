# io_convert.sh — Gambit files through the CLI: `brink convert` rewrites every test game in
# its own format as a fixed point (converting the output again changes nothing), writes
# JSON that parses, turns an .efg into an .nfg that reads back; and `brink info` reports each
# bad-input file with exactly the message of its golden file, as "FILE:LINE:COL: error: MSG".
. "$(dirname "$0")/lib.bash"
G=$SRC/tests/data/games
B=$SRC/tests/data/bad
have_python=0
command -v python3 >/dev/null 2>&1 && have_python=1

for f in "$G"/*.efg "$G"/*.nfg; do
  name=$(basename "$f")
  ext=${f##*.}
  if $BRINK convert "$f" -o "$TMP/a.$ext" 2>"$TMP/err"; then ok; else bad "convert $name: $(cat "$TMP/err")"; continue; fi
  $BRINK convert "$TMP/a.$ext" -o "$TMP/b.$ext" 2>"$TMP/err"
  if cmp -s "$TMP/a.$ext" "$TMP/b.$ext"; then ok; else bad "convert $name twice: outputs differ"; fi
  if $BRINK convert "$f" -o "$TMP/a.json" 2>"$TMP/err"; then ok; else bad "json $name: $(cat "$TMP/err")"; fi
  if [ $have_python = 1 ]; then
    if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"]=="brink-game"' "$TMP/a.json" 2>"$TMP/err"; then ok
    else bad "json $name does not parse: $(head -c 300 "$TMP/err")"; fi
  fi
  if [ "$ext" = efg ]; then
    if $BRINK info "$f" | grep -qE '^Perfect recall: +no'; then
      # the reduced strategic form needs perfect recall: a clear refusal, status 2
      expect_status "efg -> nfg $name refused" 2 $BRINK convert "$f" -o "$TMP/r.nfg"
      expect_grep "efg -> nfg $name says why" "perfect recall" "$TMP/stderr"
    elif $BRINK convert "$f" -o "$TMP/r.nfg" 2>"$TMP/err" && $BRINK info "$TMP/r.nfg" >/dev/null 2>&1; then ok
    else bad "efg -> nfg $name: $(cat "$TMP/err")"; fi
  fi
done
[ $have_python = 1 ] || echo "note: python3 not found, JSON parsed only by brink's own test"

for e in "$B"/*.expected; do
  stem=$(basename "$e" .expected)
  f=
  for cand in "$B/$stem".*; do
    case "$cand" in *.expected) ;; *) f=$cand ;; esac
  done
  [ -n "$f" ] || { bad "$stem: no input"; continue; }
  name=$(basename "$f")
  line=$(head -n 1 "$e")
  rest=${line#* }          # drop the status name
  rest=${rest#"$name:"}    # drop the file name
  loc=${rest%%: *}
  msg=${rest#*: }
  want="$f:$loc: error: $msg"
  $BRINK info "$f" >/dev/null 2>"$TMP/err"
  rc=$?
  got=$(head -n 1 "$TMP/err")
  if [ $rc -eq 2 ] && [ "$got" = "$want" ]; then ok; else bad "info $name: exit $rc, got [$got] want [$want]"; fi
done
# the reduced strategic form keeps the tree's comment (tester 10b, F8.3: it was dropped)
"$BRINK" convert "$SRC/tests/data/verify/chance3.efg" -o "$TMP/c3.nfg" 2>"$TMP/err"
if grep -q '^two lines"$' "$TMP/c3.nfg"; then ok; else bad "efg -> nfg dropped the comment"; fi
finish
