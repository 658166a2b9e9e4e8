#!/usr/bin/env bash
# forecast_width.sh — the forecast's text table stays aligned with UTF-8 actor names (an
# outside tester's case: names in Korean, Cyrillic, with an emoji or a combining accent
# pushed their columns out of line). Each name in the header must end in the same terminal
# column as that actor's numbers below it, widths counted independently here from Python's
# unicodedata (East Asian Wide/Fullwidth: 2 columns, combining marks: 0).
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }

"$BRINK" forecast data/forecast/good/utf8_names.csv --rounds 3 >"$TMP/f.txt" 2>"$TMP/stderr" \
  && ok || bad "forecast utf8 names: $(cat "$TMP/stderr")"
python3 - "$TMP/f.txt" <<'PY' && ok || bad "utf8 names aligned with their columns"
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
h = next(i for i, l in enumerate(lines) if l.startswith("  round   median"))
names = ["Ä🚀", "北朝鮮", "A\u0308rzte", "Россия", "한국의 정부"]
head, row = lines[h], lines[h + 1]
# header: each name's end column
ends, pos = [], 0
for n in names:
    i = head.index(n, pos)
    ends.append(width(head[:i]) + width(n))
    pos = i + len(n)
# the row below: each number's end column (ASCII)
cols, x = [], row.split()
p = 0
for tok in x:
    i = row.index(tok, p)
    p = i + len(tok)
    cols.append(p)
assert ends == cols[3:], (ends, cols)
PY

finish
