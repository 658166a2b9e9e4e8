# utf8_messages.sh — a message quotes a character whole (tester's issue 12): an expression's
# unexpected "é" is 'é', never its first byte alone, so stderr stays valid UTF-8; the same in
# the .efg reader and verify's profile check; an expression cut to 80 bytes in a message, and
# a message cut to its buffer, end at a whole character.
. "$(dirname "$0")/lib.bash"
valid_utf8() { python3 -c "import sys; open(sys.argv[1], 'rb').read().decode('utf-8')" "$1"; }
scenario() {   # scenario FILE PAYOFF: A's payoff after l is PAYOFF (quoted YAML)
  printf 'brink: 1\nid: utf\nactors: {A: {}, B: {}}\ngame:\n  A:\n    l: {payoff: {A: "%s", B: 1}}\n    r: {payoff: {A: 0, B: 0}}\n' "$2" >"$1"
}

scenario "$TMP/e.yaml" "é"
expect_status "payoff é" 2 "$BRINK" analyze "$TMP/e.yaml"
expect_grep "é quoted whole" "e\.yaml:6:[0-9]+: error: unexpected 'é' in expression 'é'" "$TMP/stderr"
valid_utf8 "$TMP/stderr" && ok || bad "payoff é: stderr is not UTF-8: $(od -c "$TMP/stderr" | head -3)"

scenario "$TMP/e2.yaml" "1 + 2 €"
expect_status "after a complete expression" 2 "$BRINK" analyze "$TMP/e2.yaml"
expect_grep "€ quoted whole" "unexpected '€' after a complete expression" "$TMP/stderr"
valid_utf8 "$TMP/stderr" && ok || bad "€: stderr is not UTF-8"

# 79 ASCII bytes, then "é" (bytes 80 and 81): the expression quoted to 80 bytes would split it
long="1 + $(printf '1 + %.0s' $(seq 1 18))1+ é"
scenario "$TMP/e3.yaml" "$long"
expect_status "long expression" 2 "$BRINK" analyze "$TMP/e3.yaml"
valid_utf8 "$TMP/stderr" && ok || bad "long expression: stderr is not UTF-8: $(od -c "$TMP/stderr" | tail -4)"

printf 'brink: 1\nid: utf\nactors: {A: {}, B: {}}\ngame:\n  A:\n    l: {payoff: {A: "1 \\u00a7", B: 1}}\n    r: {payoff: {A: 0, B: 0}}\n' >"$TMP/e5.yaml"
expect_status "§ after a number" 2 "$BRINK" analyze "$TMP/e5.yaml"
expect_grep "§ quoted whole" "unexpected '§'" "$TMP/stderr"

printf 'EFG 2 R "x" { "a" "b" }\né\n' >"$TMP/u.efg"
expect_status "efg: é" 2 "$BRINK" solve "$TMP/u.efg"
expect_grep "efg: é quoted whole" "u\.efg:2:1: error: unexpected character 'é'" "$TMP/stderr"
valid_utf8 "$TMP/stderr" && ok || bad "efg: stderr is not UTF-8"

G=$SRC/tests/data/games/$(ls "$SRC/tests/data/games" | grep '\.nfg$' | head -1)
expect_status "verify: é as a separator" 2 "$BRINK" verify "$G" "1é0é1é0"
valid_utf8 "$TMP/stderr" && ok || bad "verify: stderr is not UTF-8: $(cat "$TMP/stderr")"
if grep -q "'?'" "$TMP/stderr"; then bad "verify: the character written as ?"; else ok; fi
finish
