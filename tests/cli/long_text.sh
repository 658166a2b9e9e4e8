# long_text.sh — no fixed-size text buffer cuts or refuses user text (developers' guide: "no
# fixed-size text buffers or silent caps"): a number in an expression as long as its bit limit
# allows, names of 70 and 300 bytes quoted whole in messages (the reference is looked up by its
# length, not copied into a 128-byte buffer and refused as "too long").
. "$(dirname "$0")/lib.bash"
L=$(printf 'a%.0s' $(seq 1 300))
L70=$(printf 'b%.0s' $(seq 1 70))
base() { printf 'brink: 1\nid: lt\nactors: {A: {}, B: {}}\nparameters:\n  w: {value: 1, range: [0, 3]}\n'; }
game() { printf 'game:\n  A:\n    l: {payoff: {%s}}\n    r: {payoff: {A: 0, B: 0}}\n' "$1"; }

# a 151-digit number (about 500 bits, under max_number_bits): read, not "number too long"
big="1$(printf '0%.0s' $(seq 1 150))"
{ base; game "A: \"$big / $big + 1\", B: 1"; } >"$TMP/num.yaml"
expect_status "151-digit number in an expression" 0 "$BRINK" analyze "$TMP/num.yaml"
"$BRINK" analyze "$TMP/num.yaml" >"$TMP/num.txt" 2>&1
expect_grep "its value: 2" "Expected value: A 2; B 1" "$TMP/num.txt"

# a payoff for a 300-byte actor: the whole name, unknown (not "actor name too long")
{ base; game "$L: 1, B: 1"; } >"$TMP/actor.yaml"
expect_status "300-byte actor" 2 "$BRINK" analyze "$TMP/actor.yaml"
expect_grep "300-byte actor named whole" "error: unknown actor '$L' \(actors: A, B\)" "$TMP/stderr"

# a preference for a 300-byte issue: the whole name, undefined (not "issue name too long")
{ base; printf 'issues:\n  x: {numeric: true, default: 0}\npreferences:\n  A: {%s: 1}\n' "$L"; game "A: 1, B: 1"; } >"$TMP/issue.yaml"
expect_status "300-byte issue" 2 "$BRINK" analyze "$TMP/issue.yaml"
expect_grep "300-byte issue named whole" "undefined issue '$L' \(issues: x\)" "$TMP/stderr"
{ base; printf 'issues:\n  x: {levels: [lo, hi]}\npreferences:\n  A: {x=%s: 1}\n' "$L"; game "A: 1, B: 1"; } >"$TMP/level.yaml"
expect_status "300-byte level" 2 "$BRINK" analyze "$TMP/level.yaml"
expect_grep "level named whole" "issue 'x' has no level '$L' \(levels: lo, hi\)" "$TMP/stderr"

# unknown names of 70 bytes in an expression: whole, not their first 60 bytes
{ base; game "A: \"$L70 + 1\", B: 1"; } >"$TMP/name.yaml"
expect_status "70-byte unknown name" 2 "$BRINK" analyze "$TMP/name.yaml"
expect_grep "unknown name whole" "unknown name '$L70' \(not a parameter" "$TMP/stderr"
{ base; game "A: \"$L70(1)\", B: 1"; } >"$TMP/fn.yaml"
expect_status "70-byte unknown function" 2 "$BRINK" analyze "$TMP/fn.yaml"
expect_grep "unknown function whole" "unknown function '$L70' \(functions" "$TMP/stderr"
# a long parameter name mistyped: still a suggestion (edit distance was capped at 40 bytes)
P=$(printf 'p%.0s' $(seq 1 50))
{ printf 'brink: 1\nid: lt\nactors: {A: {}, B: {}}\nparameters:\n  %s: {value: 1}\n' "$P"; game "A: \"${P}q + 1\", B: 1"; } >"$TMP/typo.yaml"
expect_status "50-byte parameter mistyped" 2 "$BRINK" analyze "$TMP/typo.yaml"
expect_grep "did you mean the 50-byte parameter" "did you mean '$P'\?" "$TMP/stderr"

# an expression quoted to 80 bytes in a message says it was cut
{ base; game "A: \"$L70 + $L70\", B: 1"; } >"$TMP/cut.yaml"
expect_status "long expression" 2 "$BRINK" analyze "$TMP/cut.yaml"
expect_grep "the cut expression ends in ..." "in expression '$L70 \+ b{7}\.\.\.'" "$TMP/stderr"

# decision references with a 300-byte actor or type: unknown, not "decision reference too long"
{ base; game "A: 1, B: 1"; } >"$TMP/ok.yaml"
expect_status "--watch 300-byte actor" 2 "$BRINK" sweep "$TMP/ok.yaml" --vary w=0:1:3 --watch "$L@l"
expect_grep "--watch: unknown actor" "unknown actor 'a{100}" "$TMP/stderr"
expect_status "--watch 300-byte type" 2 "$BRINK" sweep "$TMP/ok.yaml" --vary w=0:1:3 --watch "A.$L@l"
expect_grep "--watch: no such type" "A has no type 'a{100}" "$TMP/stderr"

# brink info on a game without perfect recall whose player has a 400-byte name: the whole
# reason (was cut to 400 bytes, losing which information set and nodes)
P=$(printf 'P%.0s' $(seq 1 400))
sed "s/\"A\" \"B\"/\"$P\" \"B\"/" "$SRC/tests/data/recall/forgetful.efg" >"$TMP/long.efg"
expect_status "info: 400-byte player" 0 "$BRINK" info "$TMP/long.efg"
expect_grep "info: the whole recall reason" "Perfect recall: +no — player 1 \($P\), information set 2 \"\": nodes 2 and 5 are reached by different own histories$" "$TMP/stdout"

# forecast CSV: a number written with 80 more zeros is the same number (cells over 60 bytes were
# "not a number"); a '#scale' line of 140 bytes is read whole (was cut at 127 bytes)
E=$SRC/tests/data/forecast/good/emu.csv
Z=$(printf '0%.0s' $(seq 1 80))
"$BRINK" forecast "$E" >"$TMP/emu.txt"
sed "s/^Netherlands,0.08,4,80/Netherlands,0.08$Z,4,80/" "$E" >"$TMP/longnum.csv"
expect_status "forecast: 84-byte number" 0 "$BRINK" forecast "$TMP/longnum.csv"
cmp -s "$TMP/emu.txt" "$TMP/stdout" && ok || bad "forecast: 84-byte number changed the forecast"
sed "s/^#scale 4 10/#scale 4.$(printf '0%.0s' $(seq 1 130)) 10/" "$E" >"$TMP/longscale.csv"
expect_status "forecast: 140-byte #scale" 0 "$BRINK" forecast "$TMP/longscale.csv"
cmp -s "$TMP/emu.txt" "$TMP/stdout" && ok || bad "forecast: 140-byte #scale changed the forecast"
sed "s/^Netherlands,0.08,4,80/Netherlands,0.08${Z}x,4,80/" "$E" >"$TMP/longbad.csv"
expect_status "forecast: long bad cell" 2 "$BRINK" forecast "$TMP/longbad.csv"
expect_grep "forecast: a cell cut to 40 bytes says so" "error: '0\.080{36}\.\.\.' is not a number" "$TMP/stderr"

# an error in a file whose path is over 256 bytes: "..." and the path's end, so the file's
# name stays and the cut shows (the path was cut to its first 255 bytes, passing for another)
D="$TMP/$(printf 'd%.0s' $(seq 1 200))/$(printf 'e%.0s' $(seq 1 100))"
mkdir -p "$D"
{ base; game "A: \"1 +\", B: 1"; } >"$D/x.yaml"
expect_status "300-byte path" 2 "$BRINK" analyze "$D/x.yaml"
expect_grep "300-byte path: its end kept" "^\.\.\.d*/e{100}/x\.yaml:8:[0-9]+: error: unexpected end" "$TMP/stderr"

# a figure drawn through Graphviz under a TMPDIR of 450 bytes (refused as "too long" past 384)
if command -v dot >/dev/null 2>&1; then
  T="$TMP/$(printf 't%.0s' $(seq 1 250))/$(printf 'u%.0s' $(seq 1 200))"
  mkdir -p "$T"
  TMPDIR=$T expect_status "plot tree under a long TMPDIR" 0 "$BRINK" plot korea-2018-summit --figure tree -o "$TMP/t.svg"
  grep -q 'class="node"' "$TMP/t.svg" && ok || bad "plot tree under a long TMPDIR: no nodes"
  [ -z "$(ls -A "$T")" ] && ok || bad "plot tree: the temporary directory is left: $(ls "$T")"
fi
# tester 13, D5: an identifier of 64 bytes or more is refused for its length, which the
# message says (it said only "a word of letters, digits and _")
long=$(printf 'A%.0s' $(seq 1 70))
printf 'brink: 1\nid: x\nactors:\n  %s: {name: A}\ngame:\n  %s:\n    a: {payoff: {}}\n' "$long" "$long" > "$TMP/longid.yaml"
expect_status "70-byte actor id refused" 2 "$BRINK" analyze "$TMP/longid.yaml"
expect_grep "the length is the reason" "actor id '$long' must be a word .*under 64 bytes" "$TMP/stderr"

finish
