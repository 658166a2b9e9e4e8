#!/usr/bin/env bash
# linked_beliefs.sh — beliefs of information sets linked by the same unobserved moves must
# agree (src/analysis/assess_consistency.c): mu'(x') mu(y) = mu'(y') mu(x).
# Tester 17, finding 2: korea3sig.yaml, Kim sincere (p = 0.4) or a cheater proposes or
# stalls; the US, seeing the proposal but not the type, grants relief or refuses; Seoul, not
# seeing the US move, aids or not. Refuse needs belief(sincere) <= bad / (good + bad), aid
# needs >= 2/3, and Seoul's belief about the type must equal the US one.
source "$(dirname "$0")/lib.bash"
D=data/consistency

# (a) good = 2, bad = 3: refuse needs <= 3/5 < 2/3, so "both stall, US refuses, Seoul aids"
# is no sequential equilibrium. Each set's supporting beliefs weigh two types only and one
# linked pair ties them (Seoul's = the US's): the ranges [0, 3/5] and [2/3, 1] do not meet, a
# proof, so it is rejected (shown with --all-equilibria, the two sets named); the
# semi-separating equilibrium and the pooling one where Seoul does not aid stay sequential.
"$BRINK" analyze "$D/korea3sig.yaml" --no-questions --all-equilibria --json > "$TMP/a.json"
python3 - "$TMP/a.json" <<'PY' && ok || bad "korea3sig: $(head -c 300 "$TMP/a.json")"
import json, sys
d = json.load(open(sys.argv[1]))
dec = {x["who"] + "@" + x["label"]: x for x in d["decisions"]}
us, rok, sincere = dec["USA@propose"]["id"], dec["ROK@propose"]["id"], dec["DPRK@sincere"]["id"]
def choice(e, h):
    return [s for s in e["strategies"] if s["decision"] == h][0]["probabilities"]
eqs = d["equilibria"]
assert len(eqs) == 3, len(eqs)
rej = [e for e in eqs if not e["sequential"]]
assert len(rej) == 1, [e["sequential"] for e in eqs]
w = rej[0]
assert w["sequentially_rational"] is False and w["rejected_because"] == "linked_beliefs", w
assert w["linked_sets"] == [us, rok], w.get("linked_sets")
assert choice(w, rok)[0] == 1 and choice(w, us)[1] == 1, w   # aid, refuse
seq = [e for e in eqs if e["sequential"]]
assert all(e["sequentially_rational"] and "linked_sets" not in e for e in seq)
# the semi-separating one (sincere proposes) and the pooling one with Seoul not aiding
assert any(choice(e, sincere)[0] == 1 for e in seq), "semi-separating lost"
assert any(choice(e, sincere)[1] == 1 and choice(e, rok)[1] == 1 for e in seq), "pooling lost"
# every sequential one's shown beliefs meet the linked condition: Seoul's type odds = the US's
for e in seq:
    st = {s["decision"]: s for s in e["strategies"]}
    ub = [x["probability"] for x in st[us]["beliefs"]]
    rb = [x["probability"] for x in st[rok]["beliefs"]]   # sincere: relief, refuse; cheater: ...
    assert abs((rb[0] + rb[1]) - ub[0]) < 1e-9, (ub, rb)
PY
"$BRINK" analyze "$D/korea3sig.yaml" --no-questions --json > "$TMP/a2.json"
python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["equilibria"]; assert len(e) == 2 and all(x["sequential"] for x in e), e' "$TMP/a2.json" && ok || bad "korea3sig: the rejected profile kept"
"$BRINK" analyze "$D/korea3sig.yaml" --no-questions > "$TMP/a.txt"
expect_grep "text: rejected" "1 rejected as not sequential, 2 distinct" "$TMP/a.txt"

# (b) good = 0.2, bad = 0.8: refuse needs <= 4/5, so beliefs in [2/3, 4/5] support both: the
# profile stays sequential, with beliefs that agree (an end of the US interval, 80%; the
# widest-margin belief, 0, does not, so the vertex search is needed)
"$BRINK" analyze "$D/korea3sig.yaml" --no-questions --set good=0.2 --set bad=0.8 --json > "$TMP/b.json"
python3 - "$TMP/b.json" <<'PY' && ok || bad "korea3sig, bad 0.8: $(head -c 300 "$TMP/b.json")"
import json, sys
d = json.load(open(sys.argv[1]))
dec = {x["who"] + "@" + x["label"]: x for x in d["decisions"]}
us, rok = dec["USA@propose"]["id"], dec["ROK@propose"]["id"]
eqs = d["equilibria"]
assert eqs and all(e["sequential"] for e in eqs), [e["sequential"] for e in eqs]
aid = [e for e in eqs if [s for s in e["strategies"] if s["decision"] == rok][0]["probabilities"][0] == 1]
assert aid, "the aid profile was dropped"
for e in aid:
    st = {s["decision"]: s for s in e["strategies"]}
    ub = [x["probability"] for x in st[us]["beliefs"]]
    rb = [x["probability"] for x in st[rok]["beliefs"]]
    assert 2 / 3 - 1e-9 <= ub[0] <= 0.8 + 1e-9, ub
    assert abs((rb[0] + rb[1]) - ub[0]) < 1e-9, (ub, rb)
PY
"$BRINK" analyze "$D/korea3sig.yaml" --no-questions --set good=0.2 --set bad=0.8 > "$TMP/b.txt"
if grep -q "Not shown sequential" "$TMP/b.txt"; then bad "bad 0.8: weakened"; else ok; fi
finish
