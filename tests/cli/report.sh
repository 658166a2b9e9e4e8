#!/usr/bin/env bash
# report.sh — `brink report` and `brink plot` without a browser: the page is self-contained
# (no external script, style or link), has its sections and the tree with the game's node
# count; threshold figures put their flips at the exact values the analysis gives (analyze
# --json, not hard-coded) and their lines respect best replies (an option the equilibrium
# plays is worth as much as the best one); large trees are collapsed with a note; game files
# get a page; bad requests get located errors. Chart SVG through Chromium only when present.
# Needs the chart bundles (built from web/ after scripts/deps.sh); skips (77) without them.
source "$(dirname "$0")/lib.bash"
if ! "$BRINK" report korea-2018-summit -o "$TMP/m1.html" 2>"$TMP/err"; then
  grep -q "without the chart bundles" "$TMP/err" && { echo "SKIP: brink built without web/ bundles (scripts/deps.sh)"; exit 77; }
  bad "report korea-2018-summit: $(cat "$TMP/err")"
fi
f=$TMP/m1.html
expect_grep "summary section" '<section id="summary">' "$f"
expect_grep "equilibria section" '<section id="equilibria">' "$f"
expect_grep "figures section" '<section id="figures">' "$f"
expect_grep "words section" '<section id="words">' "$f"
nodes=$("$BRINK" scenarios --json | python3 -c 'import json,sys; print([s["nodes"] for s in json.load(sys.stdin) if s["id"]=="korea-2018-summit"][0])')
expect_grep "tree with every node" "data-nodes=\"$nodes\"" "$f"
[ "$(grep -c 'class="node"' "$f")" = "$nodes" ] && ok || bad "tree SVG nodes $(grep -c 'class="node"' "$f") != $nodes"
# self-contained: nothing loaded from elsewhere
if grep -qiE '<script[^>]+src=|<link[^>]+href=|<img[^>]+src="http|@import|url\(http' "$f"; then
  bad "the page refers to outside resources: $(grep -oiE '<script[^>]+src=[^>]*>|<link[^>]*>|url\(http[^)]*' "$f" | head -3)"
else ok; fi
grep -q 'sourceMappingURL' "$f" && bad "a source map comment is left in" || ok

# threshold figures: flips at the analysis' exact values; lines through best replies
# (M1: one flip at a rational; M6: two threshold questions, mixed and pure regions)
"$BRINK" analyze korea-2018-summit --json >"$TMP/a1.json" || bad "analyze --json"
"$BRINK" plot korea-2018-summit --list >"$TMP/list" || bad "plot --list"
expect_grep "plot --list names the tree" '^tree ' "$TMP/list"
expect_grep "plot --list: the threshold figure" "^2  USA's options" "$TMP/list"
"$BRINK" plot korea-2018-summit --figure 2 -o "$TMP/m1fig2.json" 2>"$TMP/err" || bad "plot --figure 2: $(cat "$TMP/err")"
"$BRINK" analyze freeze-for-relief --json >"$TMP/a6.json" || bad "analyze --json"
for k in 2 3; do
  "$BRINK" plot freeze-for-relief --figure "$k" -o "$TMP/m6fig$k.json" 2>"$TMP/err" || bad "plot --figure $k: $(cat "$TMP/err")"
done
for m in 1 6; do
if python3 - "$TMP/a$m.json" "$TMP"/m${m}fig*.json <<'PY'; then ok; else bad "M$m threshold figures (above)"; fi
import json, sys
a = json.loads(open(sys.argv[1]).readline())
want = sorted(f["at"]["exact"] for an in a["answers"] if an.get("threshold")
              for f in an["threshold"]["flips"] if f["at"]["rational"])
got, bad = [], 0
for path in sys.argv[2:]:
    spec = json.load(open(path))
    for layer in spec.get("layer", []):
        rows = layer["data"]["values"]
        if layer["mark"]["type"] == "rule":
            got += [r["exact"] for r in rows]
        if layer["mark"]["type"] == "line":
            pts = {}
            for r in rows:
                pts.setdefault((r["region"], r["x"]), []).append(r)
            for key, opts in pts.items():
                best = max(o["value"] for o in opts)
                for o in opts:
                    if o["played"] == "played" and o["value"] < best - 1e-9 * max(1, abs(best)):
                        print("not a best reply:", path, key, o); bad += 1
            if not pts:
                print("no line points in", path); bad += 1
if sorted(got) != want:
    print("flips", sorted(got), "analysis", want); bad += 1
sys.exit(1 if bad else 0)
PY
done

# the tree as a figure
"$BRINK" plot korea-2018-summit --figure tree -o "$TMP/t.svg" 2>"$TMP/err" || bad "plot tree: $(cat "$TMP/err")"
[ "$(grep -c 'class="node"' "$TMP/t.svg")" = "$nodes" ] && ok || bad "tree.svg has $(grep -c 'class="node"' "$TMP/t.svg") nodes, want $nodes"
"$BRINK" plot korea-2018-summit --figure tree -o "$TMP/t.png" && [ "$(head -c 4 "$TMP/t.png" | tail -c 3)" = PNG ] && ok || bad "plot tree png"
# collapsed: fewer nodes than the game, said in a note
"$BRINK" report korea-2018-summit --tree-nodes 5 -o "$TMP/c.html" || bad "report --tree-nodes 5"
expect_grep "collapse note" "The tree has $nodes nodes; shown are the equilibrium" "$TMP/c.html"
drawn=$(grep -o 'data-nodes="[0-9]*"' "$TMP/c.html" | grep -o '[0-9]*')
[ "$drawn" = "$(grep -c 'class="node"' "$TMP/c.html")" ] && [ "$drawn" -le "$nodes" ] && ok || bad "collapsed tree: drawn $drawn"
"$BRINK" report korea-2018-summit --no-tree -o "$TMP/n.html" || bad "report --no-tree"
grep -q 'class="tree"' "$TMP/n.html" && bad "--no-tree still has a tree" || ok

# a Gambit game file
"$BRINK" report "$SRC/tests/data/games/poker.efg" -o "$TMP/g.html" 2>"$TMP/err" || bad "report poker.efg: $(cat "$TMP/err")"
expect_grep "game page: equilibrium" '<h3>Equilibrium 1</h3>' "$TMP/g.html"
expect_grep "game page: tree" 'data-nodes="11"' "$TMP/g.html"

# errors
expect_status "no -o" 2 "$BRINK" report korea-2018-summit
expect_status "no such scenario" 2 "$BRINK" report "$TMP/none.yaml" -o "$TMP/x.html"
expect_status "strategic-form game" 2 "$BRINK" report "$SRC/tests/data/games/pd.nfg" -o "$TMP/x.html"
expect_grep "says why" 'strategic-form game' "$TMP/stderr"
expect_status "unknown parameter" 2 "$BRINK" report korea-2018-summit --set nosuch=1 -o "$TMP/x.html"
expect_grep "names it" "no parameter 'nosuch'" "$TMP/stderr"
expect_status "no figure 99" 2 "$BRINK" plot korea-2018-summit --figure 99 -o "$TMP/x.svg"
expect_status "bad format" 2 "$BRINK" plot korea-2018-summit --figure 1 -o "$TMP/x.gif"
[ -e "$TMP/x.html" ] && bad "an error left an output file" || ok

# a chart as SVG through headless Chromium
if command -v chromium >/dev/null 2>&1 || [ -n "${BRINK_CHROMIUM:-}" ]; then
  "$BRINK" plot korea-2018-summit --figure 2 -o "$TMP/fig.svg" 2>"$TMP/err" || bad "plot svg: $(cat "$TMP/err")"
  expect_grep "standalone SVG" '^<svg[^>]*xmlns="http://www.w3.org/2000/svg"' "$TMP/fig.svg"
  expect_grep "with the line marks" 'mark-line' "$TMP/fig.svg"
else
  echo "note: chromium absent, chart SVG not checked"
fi
finish
