#!/usr/bin/env bash
# tester14_minor.sh — tester 14's smaller findings N3-N6 (/work/notes/tester14/REPORT.md):
# name refusals per kind, compare's qualifier on the equilibria's ranges, the tie wording at a
# chance probability of 0, the method line's time, missing option values in montecarlo and
# compare, tree vs compact Monte Carlo values and compare's outcome separator.
source "$(dirname "$0")/lib.bash"

# ---- N3: a name that appears in expressions may not contain '-'; the refusal says so.
base() {   # base PARAM ACTOR TYPE ISSUE ARG
  cat <<Y
brink: 1
id: names
actors:
  $2: {types: {$3: 1/2, t2: 1/2}}
  B: {}
parameters:
  $1: {value: 1/2, range: [0, 1]}
issues:
  $4: [no, yes]
subgames:
  s:
    args: {$5: null}
    body: {payoff: {$2: 1, B: 0}}
game:
  $2:
    l: {play: s, with: {$5: 1}}
    r: {payoff: {$2: 0, B: 0}}
Y
}
base p A t i a >"$TMP/ok.yaml"
expect_status "the base scenario loads" 0 "$BRINK" compile "$TMP/ok.yaml"
check_name() {   # check_name KIND NAME ARGS...
  local kind=$1 name=$2; shift 2
  base "$@" >"$TMP/n.yaml"
  expect_status "$kind '$name' refused" 2 "$BRINK" compile "$TMP/n.yaml"
  expect_grep "$kind '$name': '-' is the cause" \
    "error: $kind '$name' may not contain '-', which reads as a minus in expressions; use letters, digits and _ \(for example '${name//-/_}'\)" \
    "$TMP/stderr"
  if grep -q "letters, digits, _ and -" "$TMP/stderr"; then bad "$kind: says '-' is allowed"; else ok; fi
}
check_name "parameter name" x-y x-y A t i a
check_name "actor id" A-1 p A-1 t i a
check_name "type name" t-1 p A t-1 i a
check_name "issue name" i-x p A t i-x a
check_name "argument" a-b p A t i a-b
# Not a word for another reason: the rule said without '-'.
base a.b A t i a >"$TMP/n.yaml"
expect_status "parameter a.b refused" 2 "$BRINK" compile "$TMP/n.yaml"
expect_grep "a.b: the rule for parameters" \
  "parameter name 'a.b' must be a word of letters, digits and _ that starts with a letter or _, under 64 bytes" \
  "$TMP/stderr"
# Names that may contain '-' still may (question ids, levels, options, decision names).
sed 's/\[no, yes\]/[no-deal, yes]/; s/^    l: /    l-1: /' "$TMP/ok.yaml" >"$TMP/n.yaml"
expect_status "levels and options with '-' load" 0 "$BRINK" compile "$TMP/n.yaml"

finish
