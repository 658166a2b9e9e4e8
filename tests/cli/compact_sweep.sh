#!/usr/bin/env bash
# compact_sweep.sh — sweep questions and `brink sweep` on compact games (issue 15): every grid
# point solved by backward induction on the distinct sub-games, the boundaries between grid
# points from the compact threshold engine (one parameter) and its region map (two). Small
# games built both ways (--compact-above 0: the tree; 1: the compact game) give the same
# answer: the same table, the same points in --json (numbers to 1e-12: the tree's doubles
# against the nearest doubles of exact values), the same regions; where a tie the tree lists
# whole is not listed whole on the compact game, the point says "other equilibria not ruled
# out" and its choice is one of the tree's. 10 rounds of 20 offers (3.2e13 nodes) in seconds.
source "$(dirname "$0")/lib.bash"
# cmp_sweep.py TREE.json COMPACT.json (cmp_thr.py's strip, as compact_games.sh uses it)
cat > "$TMP/cmp_thr.py" <<'PY'
FLAGS = ('complete', 'unique', 'complete_at_sample', 'others_ruled_out', 'equilibria', 'states',
         'certified_equilibria')
def strip(t):
    t = dict(t); t.pop('seconds', None)
    for w in t['watch']: w.pop('infoset', None); w.pop('class', None)
    conds = [{k: v for k, v in c.items() if k not in ('infoset', 'class', 'id')} for c in t.pop('conditions')]
    cond = lambda i: conds[i] if i >= 0 else i
    t['regions'] = [{k: ([cond(i) for i in v] if k == 'ends_by' else v) for k, v in r.items()
                     if k not in FLAGS and not (k == 'ends_by' and r['point'])}
                    for r in t['regions']]
    t['flips'] = [{k: (cond(v) if k == 'cause' else v) for k, v in f.items() if k != 'known'}
                  for f in t['flips']]
    for f in t['flips']:
        if f.get('certificate'): f['certificate'].pop('infoset', None)
    return t
PY
cat > "$TMP/cmp_sweep.py" <<'PY'
import json, sys
from cmp_thr import strip
def bystate(t):
    # region states by what they play (the tables may differ where a tie is listed whole)
    t = json.loads(json.dumps(t))
    tab = {s['id']: json.dumps(s['played']) for s in t.pop('states')}
    for r in t['regions']:
        r['states'] = [tab[i] for i in r['states']]
    return t
def same_thr(x, y):
    x, y = bystate(x), bystate(y)
    x['states'] = y['states'] = []
    assert strip(x) == strip(y), [k for k in x if strip(x).get(k) != strip(y).get(k)]
    for r, s in zip(x['regions'], y['regions']):
        if r['status'] == 'certified' and not s['others_ruled_out']:
            # a tie: the compact game's first best action kept, others not ruled out
            assert set(s['states']) <= set(r['states']), (r, s)
        else:
            assert r['states'] == s['states'], (r, s)
from json_close import close   # (tests/cli/json_close.py)
def ans(f):
    return json.load(open(f))['answers'][0]
a, b = ans(sys.argv[1]), ans(sys.argv[2])
assert (b.pop('watched_class', None) is not None) == bool(a['watch'])
ta, tb = a.pop('threshold', None), b.pop('threshold', None)
assert (ta is None) == (tb is None)
if ta:
    same_thr(ta, tb)
la, lb = a.pop('lines', None), b.pop('lines', None)
assert (la is None) == (lb is None)
if la:
    assert len(la) == len(lb)
    for x, y in zip(la, lb):
        assert x['x_exact'] == y['x_exact'] and (x['threshold'] is None) == (y['threshold'] is None)
        if x['threshold']:
            same_thr(x['threshold'], y['threshold'])
    ma, mb = a.pop('map'), b.pop('map')
    assert close(ma, mb), (ma, mb)
pa, pb = a.pop('points'), b.pop('points')
assert a == b, (a, b)
first = 0
for x, y in zip(pa, pb):
    if y.pop('others_ruled_out', True) is False:
        first += 1
        assert x['x_exact'] == y['x_exact'] and y['equilibria'] == 1, (x, y)
        if 'choice' in x:
            assert y['choice']['equilibria'][0] in x['choice']['equilibria'], (x, y)
        continue
    assert close(x, y), (x, y)
want = int(sys.argv[3]) if len(sys.argv) > 3 else None
assert want is None or first == want, (first, want)
PY
# text: the questions' section the same but for the time (the table's rows read with their
# keys); a row where the compact game kept the first best action says others are not ruled
# out and names one of the tree's choices; in the exact regions a tie point may list fewer
# choices (the intervals are the same)
cat > "$TMP/cmp_text.py" <<'PY'
import re, sys
def section(f):
    t = open(f).read()
    t = t[t.index('\nQuestions'):]
    t = re.sub(r'answered in [^)]*\)', 'answered in T)', t)
    lines = t.splitlines()
    table, keys, regions, rest = [], {}, [], []
    para = None
    for line in lines:
        m = re.match(r'^    \((\d+)\) (.*)$', line)
        if re.match(r'^    (exact regions|region map)', line):
            para = [line.strip()]
            regions.append(para)
        elif para is not None and re.match(r'^    \S', line):
            para.append(line.strip())
        elif m:
            para = None
            keys[m.group(1)] = m.group(2)
        elif re.match(r'^    \S', line) and not line.startswith('    *') and \
                not line.startswith('    (--json') and not line.startswith('    failed'):
            para = None
            table.append(line)
        else:
            para = None
            rest.append(line.strip())
    # rows: cells split on two or more spaces, a key replaced by its words
    rows = []
    for l in table:
        cells = re.split(r'\s{2,}', l.strip())
        rows.append([keys.get(c[1:-1], c) if re.fullmatch(r'\(\d+\)', c) else c for c in cells])
    out = []
    for p in regions:
        p = ' '.join(p)
        allnr = ' (the equilibria found; others not ruled out)' in p
        p = p.replace(' (the equilibria found; others not ruled out)', '')
        if ': ' in p and p.startswith('exact'):
            head, body = p.split(': ', 1)
            # intervals only (a point's list is how its tie was listed): (choices, interval,
            # whether others are not ruled out)
            ents = []
            for e in body.split('; '):
                m = re.fullmatch(r'(.*) on ([\[(].*?[\])])( \(other equilibria not ruled out\))?', e)
                if m:
                    ents.append((frozenset(re.split(r', | or ', m.group(1))), m.group(2),
                                 bool(m.group(3)) or allnr))
            out.append((head, ents))
        else:
            out.append((p, []))
    return rows, out, rest
(ta, ra, xa), (tb, rb, xb) = section(sys.argv[1]), section(sys.argv[2])
CAV = ' (other equilibria not ruled out)'
assert len(ta) == len(tb), (ta, tb)
for x, y in zip(ta, tb):
    if len(y) > 1 and any(c.endswith(CAV) for c in y):
        # the compact game kept the first best action: one of the tree's choices, its numbers
        c = [c for c in y if c.endswith(CAV)][0][:-len(CAV)]
        i = y.index(c + CAV)
        assert re.search(r'(^|either | or )' + re.escape(c) + r'( or | \(|$)', x[i]) or \
            re.fullmatch(r'\d+( \(\d+ plays?\))?', x[i]), (x, y)
        # the parameters the same; the numbers too ('*': several equilibria, which a tie
        # means, whether the tree's count of plays says so or not) unless the tree's equilibria
        # differ (its numbers are then its first one's, the compact game's its own first's)
        assert x[:i] == y[:i], (x, y)
        if not x[i + 1].endswith('*'):
            st = lambda r: [c.rstrip('*') for c in r[i + 1:]]
            assert st(x) == st(y), (x, y)
    else:
        assert x == y, (x, y)
assert len(ra) == len(rb), (ra, rb)
for (ha, ea), (hb, eb) in zip(ra, rb):
    assert ha == hb and len(ea) == len(eb), (ha, hb, ea, eb)
    for (ca, ia, na), (cb, ib, nb) in zip(ea, eb):
        # where the compact game says others are not ruled out, its choices are the tree's
        # or a part of them (it keeps the first best action at a tie)
        assert ia == ib and (ca == cb or (nb and cb <= ca)), (ha, ea, eb)
assert xa == xb, (xa, xb)
PY
both() {   # both NAME SCENARIO ARGS...: brink sweep on the tree and on the compact game
  local name=$1 f=$2; shift 2
  "$BRINK" sweep "$f" "$@" --compact-above 0 > "$TMP/$name.t.txt" 2>&1 || bad "$name: tree"
  "$BRINK" sweep "$f" "$@" --compact-above 1 > "$TMP/$name.c.txt" 2>&1 || bad "$name: compact"
  grep -q 'Changed automatically' "$TMP/$name.c.txt" || bad "$name: not a compact game"
  "$BRINK" sweep "$f" "$@" --compact-above 0 --json > "$TMP/$name.t.json" 2>&1 || bad "$name: tree json"
  "$BRINK" sweep "$f" "$@" --compact-above 1 --json > "$TMP/$name.c.json" 2>&1 || bad "$name: compact json"
}
same() {   # same NAME [FIRST_KEPT]: the answers agree
  if PYTHONPATH="$TMP:$SRC/tests/cli" python3 "$TMP/cmp_sweep.py" "$TMP/$1.t.json" "$TMP/$1.c.json" ${2:-} 2> "$TMP/err"
  then ok; else bad "$1: the compact game's --json differs: $(tail -c 600 "$TMP/err")"; fi
  if python3 "$TMP/cmp_text.py" "$TMP/$1.t.txt" "$TMP/$1.c.txt" 2> "$TMP/err"
  then ok; else bad "$1: the compact game's text differs: $(tail -c 900 "$TMP/err")"; fi
  expect_schema "$1: compact json" "$TMP/$1.c.json" brink-analysis
}
R=$SRC/examples/rubinstein.yaml
# 3 rounds of 20 offers: one parameter, watched (at delta = 0.6, 3/5, A is indifferent between
# two offers: the compact game keeps the first), the exact regions' intervals the same
both r3 "$R" --vary delta=0.1:0.9:9 --watch A@start
same r3 1
# ... and two of its tie points (delta = 5/39, 5/33): the tree lists a million profiles of one
# play and two plays; the compact game keeps the first best action and says so
both r3t "$R" --vary delta=5/39:5/33:3 --watch A@start
same r3t 2
expect_grep "r3t: tie said" '^    0.1282    offer_0.125 \(other equilibria not ruled out\) +0.875\* ' "$TMP/r3t.c.txt"
# nothing watched: equilibria counted, no boundaries
both r3n "$R" --vary delta=0.1:0.9:5
same r3n 0
# 4 rounds of 10 offers
sed -e 's/times: 3/times: 4/' -e 's/range(0.025, 0.975, 0.05)/range(0.05, 0.95, 0.1)/' "$R" > "$TMP/r4.yaml"
both r4 "$TMP/r4.yaml" --vary delta=0.1:0.9:9 --watch A@start
same r4 2
# ties that keep every value, off every play: counted exactly as the tree lists them (2
# equilibria from 0.4 on); on the play (d = 0) or at the watched decision (d = 0.2): the first
# kept, said so
cat > "$TMP/offtie.yaml" <<'Y'
brink: 1
id: offtie
actors: {A: {}, B: {}}
parameters: {d: {value: 0.5, range: [0, 1]}}
issues: {deal: [none, yes, no]}
game:
  A:
    go:
      B:
        take: {outcome: {deal: yes}, payoff: {A: d, B: 1}}
        leave: {outcome: {deal: none}, payoff: {A: 0, B: 0}}
    stay:
      B:
        x: {outcome: {deal: no}, payoff: {A: 0.2, B: 0.1}}
        y: {outcome: {deal: no}, payoff: {A: 0.2, B: 0.1}}
Y
both offtie "$TMP/offtie.yaml" --vary d=0:1:6 --watch A@start
same offtie 2
if python3 - "$TMP/offtie.c.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))['answers'][0]['points']
assert [x['equilibria'] for x in p] == [1, 1, 2, 2, 2, 2], p
assert [x.get('others_ruled_out') for x in p] == [False, False, None, None, None, None]
assert [x['choice']['label'] for x in p] == ['stay', 'go', 'go', 'go', 'go', 'go']
PY
then ok; else bad "offtie: counted ties"; fi
# public chance (nature picks each round's proposer with probability p): 3 rounds of 4 offers
# over p, and 2 rounds over delta and p (the region map: lines from the compact engine)
RC=$SRC/tests/data/scenarios/rubinstein-chance.yaml
sed -e 's/times: 10/times: 3/' -e 's/range(0.025, 0.975, 0.05)/range(0.125, 0.875, 0.25)/' "$RC" > "$TMP/rc3.yaml"
both rc3 "$TMP/rc3.yaml" --vary p=0:1:11 --watch A@a_proposes
same rc3 0
sed -e 's/times: 10/times: 2/' -e 's/range(0.025, 0.975, 0.05)/range(0.125, 0.875, 0.25)/' "$RC" > "$TMP/rc2.yaml"
both rc2 "$TMP/rc2.yaml" --vary delta=0.2:0.8:3 --vary p=1/4:3/4:2 --watch A@a_proposes
same rc2 0
# a game affine in both parameters without chance: the region map's bands proved exact on the
# compact game as on the tree (the same polygons exact)
cat > "$TMP/aff.yaml" <<'Y'
brink: 1
id: aff
actors: {A: {}, B: {}}
parameters:
  a: {value: 0.5, range: [0, 1]}
  b: {value: 0.5, range: [0, 1]}
issues: {deal: [none, yes, no]}
subgames:
  round:
    body:
      A:
        go:
          B:
            take: {outcome: {deal: yes}, payoff: {A: "a / round", B: "(1 - b) / round"}}
            leave: next
        stay:
          B:
            x: {outcome: {deal: no}, payoff: {A: "b / (2 * round)", B: "a / (3 * round)"}}
            y: {outcome: {deal: none}, payoff: {A: "0.3 / round", B: "b / (4 * round)"}}
game: {repeat: round, times: 2, then: {payoff: {A: 0.1, B: 0.2}}}
Y
both aff "$TMP/aff.yaml" --vary a=0:1:5 --vary b=0:1:5 --watch A@start
same aff
if python3 - "$TMP/aff.c.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))['answers'][0]['map']
assert sum(p['exact'] for p in m['polygons']) >= 10, m
PY
then ok; else bad "aff: exact polygons on the compact game"; fi
both rc2n "$TMP/rc2.yaml" --vary delta=0.2:0.8:4 --vary p=0:1:3
same rc2n
# a grid point that does not bind (a division by zero at p = 1/2): failed alone, placed as the
# tree places it
sed 's|payoff: {A: "delta^(round - 1) \* (1 - y)", B: "delta^(round - 1) \* y"}|payoff: {A: "delta^(round - 1) * (1 - y) + 1 / (2 * p - 1)", B: "delta^(round - 1) * y"}|' \
  "$TMP/rc2.yaml" > "$TMP/rcbad.yaml"
both rcbad "$TMP/rcbad.yaml" --vary p=0:1:3
same rcbad 2
expect_grep "rcbad: failed point" '^    failed: .*rcbad.yaml:[0-9]+:[0-9]+: division by zero in .*' "$TMP/rcbad.c.txt"
tr '\n' ' ' < "$TMP/rcbad.c.txt" | tr -s ' ' > "$TMP/rcbad.u"
expect_grep "rcbad: at the point" "1 / \(2 \* p - 1\)' at p = 1/2" "$TMP/rcbad.u"
# 10 rounds of 20 offers (3.2e13 nodes): a sweep question in the file is answered on the
# compact game (the boundaries too), the grid's SPE offers (the closed form's are off the grid)
S=$SRC/tests/data/scenarios/rubinstein-10-sweep.yaml
expect_status "10 rounds: compact" 0 "$BRINK" analyze "$S"
expect_grep "10 rounds: compact game" 'Changed automatically: the game tree would have 32336842105261 nodes' "$TMP/stdout"
expect_grep "10 rounds: delta = 0.5" '^    0\.5       offer_0\.375 +0\.625 +0\.625 +0\.375$' "$TMP/stdout"
expect_grep "10 rounds: delta = 0.9" '^    0\.9       offer_0\.725 ' "$TMP/stdout"
expect_grep "10 rounds: boundaries" 'exact regions: "offer_0.125" on \[1/10, 5/39\);' "$TMP/stdout"
"$BRINK" analyze "$S" --json > "$TMP/s10.json" 2>&1 || bad "10 rounds json"
expect_schema "10 rounds json" "$TMP/s10.json" brink-analysis
if python3 - "$TMP/s10.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
a = d['answers']
assert [x['kind'] for x in a] == ['sweep', 'sweep'] and not any('error' in x for x in a), a
w, n = a
assert w['watched'] == [0] and w['watched_class'] == [d['game']['compact']['classes'] - 1]
assert [p['choice']['label'] for p in w['points']][4] == 'offer_0.375'
assert w['threshold']['regions'][0]['lo']['exact'] == '1/10'
assert len(n['points']) == 21 and all(p['equilibria'] >= 1 for p in n['points'])
PY
then ok; else bad "10 rounds: json"; fi
# brink sweep on it: compact by default, refused as a tree; a watch standing for many decision
# points or another method reads the tree (refused as too big)
R10=$TMP/r10.yaml
sed 's/times: 3/times: 10/' "$R" > "$R10"
expect_status "sweep 10 rounds: compact" 0 "$BRINK" sweep "$R10" --vary delta=0.1:0.9:5 --watch A@start
expect_grep "sweep 10 rounds: answer" '^    0\.5       offer_0\.375 ' "$TMP/stdout"
expect_status "sweep 10 rounds as a tree: refused" 2 "$BRINK" sweep "$R10" --vary delta=0.1:0.9:5 --compact-above 0
expect_grep "sweep 10 rounds as a tree: why" 'nodes \(limit [0-9]+\)' "$TMP/stderr"
expect_status "sweep A@*: the tree" 2 "$BRINK" sweep "$R10" --vary delta=0.1:0.9:5 --watch 'A@*'
expect_status "sweep --method lcp: the tree" 2 "$BRINK" sweep "$R10" --vary delta=0.1:0.9:5 --method lcp
expect_status "bad --compact-above" 2 "$BRINK" sweep "$R10" --vary delta=0.1:0.9:5 --compact-above -1
# a reference that is no decision point of the compact game: refused as a threshold's is
expect_status "sweep: unknown decision" 2 "$BRINK" sweep "$R10" --vary delta=0.1:0.9:5 --watch A@nowhere
finish
