#!/usr/bin/env bash
# compact_compare.sh — compare questions on compact games (issue 15): each option's values and
# outcome probabilities read off the classes (analysis/compare_compact.c), the decision picked
# by brink compare --at's rule (a path, a node's name, *, a bare actor name). Small games built
# both ways (--compact-above 0: the tree; 1: the compact game) give the same answer, text and
# --json, for every question: exactly where no tie lies after the options; where one does, the
# compact game's ranges are over every pure subgame-perfect equilibrium, so they hold the
# tree's (over the equilibria it lists) and it says the equilibria differ wherever the tree
# does. References that name no single decision are refused on both.
source "$(dirname "$0")/lib.bash"
# add.py FILE OUT [K=V ...] REF...: FILE with one compare question per REF (defaults K=V set)
cat > "$TMP/add.py" <<'PY'
import re, sys
src, out, refs = sys.argv[1], sys.argv[2], sys.argv[3:]
t = open(src).read()
t = re.sub(r'\nquestions:\n(  .*\n|\n)*', '\n', t)
t += '\nquestions:\n'
for i, r in enumerate(refs):
    t += '  - id: q%d\n    ask: What follows each option of %s?\n    compare: {watch: "%s"}\n' % (i, r, r)
open(out, 'w').write(t)
PY
cat > "$TMP/cmp.py" <<'PY'
import json, re, sys
from json_close import close
def vals(v):
    return [a['value'] for a in v]
da = json.load(open(sys.argv[1]))
ta, tb = da['answers'], json.load(open(sys.argv[2]))['answers']
want_ties = int(sys.argv[3])
# the tree lists every pure equilibrium one by one: its ranges are then over all of them
whole = not da['method'].get('by_play') and da['method']['complete']
ties = 0
assert len(ta) == len(tb)
for a, b in zip(ta, tb):
    if 'error' in a:
        assert 'error' in b and 'options' not in b, (a, b)
        continue
    assert b.pop('decision_class') >= 0
    oa, ob = a.pop('options'), b.pop('options')
    assert a == b, (a, b)
    assert len(oa) == len(ob)
    for x, y in zip(oa, ob):
        if not y['equilibria_differ'] and y.get('continues_alike', True):
            assert close(x, y), (a['watch'], x, y)
            continue
        # a tie after the option: every pure equilibrium's range holds the tree's
        ties += 1
        assert x['action'] == y['action'] and x['label'] == y['label']
        assert y['equilibria_differ'] or not x['equilibria_differ'], (x, y)
        if whole:
            assert x['equilibria_differ'] == y['equilibria_differ'], (x, y)
            if x['equilibria_differ']:
                assert close(x['values_lo'], y['values_lo']) and \
                    close(x['values_hi'], y['values_hi']), (x, y)
        if y['equilibria_differ']:
            assert y['ranges_over_every_pure_equilibrium'] is True
            assert y['ranges_over_every_equilibrium'] is False
            lo, hi = vals(y['values_lo']), vals(y['values_hi'])
            for e in (vals(x.get('values_lo', x['values'])), vals(x.get('values_hi', x['values'])),
                      vals(y['values'])):
                assert all(l - 1e-12 <= v <= h + 1e-12 for l, v, h in zip(lo, e, hi)), (x, y)
assert want_ties < 0 or ties == want_ties, (ties, want_ties)
PY
# the questions' section the same but for the time, except options where a tie follows
cat > "$TMP/cmp_text.py" <<'PY'
import re, sys
NOTE = r' \((The [^()]*?differ after it|Play after it)[^()]*?(\([^()]*\)[^()]*?)*\)'
def section(f):
    t = open(f).read()
    t = t[t.index('\nQuestions'):]
    t = re.sub(r'answered in [^)]*\)', 'answered in T)', t)
    # each question's words, spaces collapsed
    return [' '.join(q.split()) for q in re.split(r'\n(?=  \[)', t)]
a, b = section(sys.argv[1]), section(sys.argv[2])
assert len(a) == len(b), (a, b)
for x, y in zip(a, b):
    if 'could not be answered' in x:
        # refused on both (the tree lists the decisions matched; a compact game may have too
        # many to list)
        assert y.startswith(x[:x.index('could not be answered')]), (x, y)
        assert re.sub(r'give one .*', '', x) == re.sub(r'give one .*', '', y), (x, y)
        continue
    # the same but for the notes on ties, which the compact game words its own way; it says
    # the equilibria differ after an option wherever the tree does
    # option by option ("LABEL: ACTOR value, ..."): where a tie follows an option the first
    # equilibria may differ (the tree's is its most efficient, the compact game's the first
    # best action everywhere), so there only the label (the numbers: in --json)
    opts = lambda t: re.split(r'(?<=[.):]) (?=[^\s:]+: \S+ -?[0-9.]+[,;])', t)
    ox, oy = opts(x), opts(y)
    assert len(ox) == len(oy), (x, y)
    for u, v in zip(ox, oy):
        us, vs = re.sub(NOTE, '', u), re.sub(NOTE, '', v)
        assert us == vs or ('differ after it' in v and us.split(':')[0] == vs.split(':')[0]), \
            (u, v)
    assert x.count('differ after it') <= y.count('differ after it'), (x, y)
PY
both() {   # both NAME FILE [ARGS...]: analyze on the tree and on the compact game
  local name=$1 f=$2; shift 2
  "$BRINK" analyze "$f" "$@" --compact-above 0 > "$TMP/$name.t.txt" 2>&1 || bad "$name: tree"
  "$BRINK" analyze "$f" "$@" --compact-above 1 > "$TMP/$name.c.txt" 2>&1 || bad "$name: compact"
  grep -q 'Changed automatically: the game tree would have' "$TMP/$name.c.txt" ||
    bad "$name: not a compact game"
  "$BRINK" analyze "$f" "$@" --compact-above 0 --json > "$TMP/$name.t.json" 2>&1 || bad "$name: tree json"
  "$BRINK" analyze "$f" "$@" --compact-above 1 --json > "$TMP/$name.c.json" 2>&1 || bad "$name: compact json"
}
same() {   # same NAME TIES: the answers agree (TIES options with a tie after them)
  if PYTHONPATH="$SRC/tests/cli" python3 "$TMP/cmp.py" "$TMP/$1.t.json" "$TMP/$1.c.json" "$2" 2> "$TMP/err"
  then ok; else bad "$1: the compact game's --json differs: $(tail -c 900 "$TMP/err")"; fi
  if python3 "$TMP/cmp_text.py" "$TMP/$1.t.txt" "$TMP/$1.c.txt" 2> "$TMP/err"
  then ok; else bad "$1: the compact game's text differs: $(tail -c 900 "$TMP/err")"; fi
  # (the forecast's part refers to its own schema, which tests/cli/forecast*.sh check)
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d.pop("forecast", None)
json.dump(d, open(sys.argv[2], "w"))' "$TMP/$1.c.json" "$TMP/$1.s.json"
  expect_schema "$1: compact json" "$TMP/$1.s.json" brink-analysis
}
# 2 rounds of alternating offers: paths, A@* (A's first decision), B@* (side by side after
# A's offers: refused)
sed 's/times: 3/times: 2/' "$SRC/examples/rubinstein.yaml" > "$TMP/r2base.yaml"
python3 "$TMP/add.py" "$TMP/r2base.yaml" "$TMP/r2.yaml" A@start B@offer_0.475 \
  B@offer_0.475/reject A@offer_0.475/reject/offer_0.025 'B@*' 'A@*'
both r2 "$TMP/r2.yaml"
same r2 0
expect_grep "r2: B@* refused" '"error":"[^"]*none of them before the others' "$TMP/r2.c.json"
# ... at delta = 19/39 B is indifferent between accepting 0.475 and rejecting (0.975 of the
# next round's pie): the tie changes A's value, after A@start's offer_0.475 both happen
both r2t "$TMP/r2.yaml" --set delta=19/39
same r2t 2
expect_grep "r2t: the tie said" 'offer_0.475: A 0.525, B 0.475; 100% deal=agreed. \(The subgame-perfect' "$TMP/r2t.c.txt"
# 3 rounds at delta = 5/39: ties that keep the values on the play (the tree lists a million
# profiles by play: its ranges are over the plays' representatives, the compact game's over
# every pure equilibrium) and ties that change them
python3 "$TMP/add.py" "$SRC/examples/rubinstein.yaml" "$TMP/r3.yaml" A@start B@offer_0.125 'A@*'
both r3t "$TMP/r3.yaml" --set delta=5/39
same r3t 5
# the same tie with few profiles (listed one by one on the tree, which then adds no note):
# a coin, A indifferent between two equal outcomes on either side
sed 's/right: {outcome: {result: right}, payoff: {A: 1, B: 0}}/right: {outcome: {result: left}, payoff: {A: 1, B: 2}}/' \
  "$SRC/tests/data/scenarios/compact_coin_tie.yaml" > "$TMP/coin3.yaml"
python3 "$TMP/add.py" "$TMP/coin3.yaml" "$TMP/coin4.yaml" B@start A@go/heads
both coin4 "$TMP/coin4.yaml"
same coin4 0
# chance moves, named decisions (the first of a name's decision points)
python3 "$TMP/add.py" "$SRC/scenarios/m4-deterrence-last-resort.yaml" "$TMP/m4.yaml" \
  DPRK@threatened USA@retaliation DPRK@normal 'USA@*' 'DPRK@*'
both m4 "$TMP/m4.yaml"
same m4 0
python3 "$TMP/add.py" "$SRC/examples/brinkmanship.yaml" "$TMP/bm.yaml" C@start 'D@*' 'C@*'
both bm "$TMP/bm.yaml"
same bm 0
# ... at r = 1/4 D is indifferent between conceding and resisting (a chance move after
# resist): C's value after threaten is 1 or -1 (C@start and C@*, the same decision)
both bmt "$TMP/bm.yaml" --set r=1/4
same bmt 2
# a tie after a public coin: A indifferent on either side (one class), B's value after go 0,
# 1 or 2 over the four pure equilibria; A@* side by side after the coin, refused
python3 "$TMP/add.py" "$SRC/tests/data/scenarios/compact_coin_tie.yaml" "$TMP/coin.yaml" \
  B@start A@go/heads A@go/tails 'A@*'
both coin "$TMP/coin.yaml"
same coin 1
expect_grep "coin: range" 'go: A 1, B 2; 100% result=left. \(The subgame-perfect equilibria differ after it: B from 0 to 2;' <(tr '\n' ' ' < "$TMP/coin.c.txt" | tr -s ' ')
# six actors; a tree of 29,521 nodes (113 classes)
python3 "$TMP/add.py" "$SRC/scenarios/m7b-six-party-talks.yaml" "$TMP/m7b.yaml" CHN@start \
  'USA@*' 'JPN@*' 'ROK@*' 'RUS@*' 'DPRK@*' 'CHN@*'
both m7b "$TMP/m7b.yaml"
same m7b 0
python3 "$TMP/add.py" "$SRC/scenarios/m8-outside-options.yaml" "$TMP/m8.yaml" USA@start 'USA@*' 'DPRK@*'
both m8 "$TMP/m8.yaml"
same m8 0
# random games (a property test): small payoffs, so ties everywhere, some chance moves; where
# the tree lists every pure equilibrium one by one its ranges are the compact game's
cat > "$TMP/gen.py" <<'PY'
import random, re, sys
seed, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(seed)
L = []
def leaf(ind):
    return '{outcome: {res: %s}, payoff: {A: %d, B: %d}}' % (rnd.choice('xyz'), rnd.randint(0, 2), rnd.randint(0, 2))
def node(ind, depth, lines, chance_ok):
    pad = '  ' * ind
    if depth == 0:
        return None
    if chance_ok and rnd.random() < 0.3:
        lines.append(pad + 'chance:')
        for i, p in enumerate(['1/3', '2/3']):
            lines.append(pad + '  c%d:' % i)
            lines.append(pad + '    prob: %s' % p)
            sub(ind + 2, depth - 1, lines)
        return
    who = rnd.choice('AB')
    lines.append(pad + who + ':')
    for o in range(rnd.choice([2, 3])):
        if depth == 1 or rnd.random() < 0.25:
            lines.append(pad + '  o%d: %s' % (o, leaf(ind)))
        else:
            lines.append(pad + '  o%d:' % o)
            node(ind + 2, depth - 1, lines, True)
def sub(ind, depth, lines):
    if depth <= 1 or rnd.random() < 0.2:
        lines.append('  ' * ind + 'outcome: {res: %s}' % rnd.choice('xyz'))
        lines.append('  ' * ind + 'payoff: {A: %d, B: %d}' % (rnd.randint(0, 2), rnd.randint(0, 2)))
    else:
        node(ind, depth - 1, lines, False)
lines = []
node(1, 4, lines, False)
movers = set(re.findall(r'^ *([AB]):$', '\n'.join(lines), re.M))
print('''brink: 1
id: rnd%d
title: random
actors:
  A: {name: Ay}
  B: {name: Bee}
issues:
  res: [x, y, z]
game:
%s
questions:
%s''' % (seed, '\n'.join(lines), ''.join('  - compare: {watch: "%s@*"}\n' % m for m in sorted(movers))),
      file=open(out, 'w'))
PY
for seed in $(seq 1 "${BRINK_COMPARE_PROP_N:-6}"); do   # BRINK_COMPARE_PROP_N=100 for a long run
  python3 "$TMP/gen.py" $seed "$TMP/g$seed.yaml"
  both g$seed "$TMP/g$seed.yaml"
  same g$seed -1
done
# 10 rounds of 20 offers (3.2e13 nodes), only as a compact game; at delta = 5/33 some of A's
# offers are followed by B's ties, which change values
Q=$SRC/tests/data/scenarios/rubinstein-10-question.yaml
sed 's/threshold: {parameter: delta, watch: A@start}/compare: {watch: A@start}/' "$Q" > "$TMP/q10.yaml"
expect_status "10 rounds" 0 "$BRINK" analyze "$TMP/q10.yaml"
expect_grep "10 rounds: answered" '^      offer_0.375: A 0.625, B 0.375; 100% deal=agreed.$' "$TMP/stdout"
expect_status "10 rounds, ties" 0 "$BRINK" analyze "$TMP/q10.yaml" --set delta=5/33 --json
python3 - "$TMP/stdout" 2> "$TMP/err" <<'PY' && ok || bad "10 rounds, ties: $(tail -c 600 "$TMP/err")"
import json, sys
o = json.load(open(sys.argv[1]))['answers'][0]['options']
d = [x for x in o if x['equilibria_differ']]
assert d and all(x['ranges_over_every_pure_equilibrium'] for x in d), o
PY
finish
