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

# grapheme clusters (an outside tester's case): an emoji with a skin-tone modifier, a flag
# (two regional indicators) and a symbol with the emoji selector U+FE0F are each one glyph
# of two columns, an accent on an e none
"$BRINK" forecast data/forecast/good/emoji_names.csv --rounds 3 >"$TMP/e.txt" 2>"$TMP/stderr" \
  && ok || bad "forecast emoji names: $(cat "$TMP/stderr")"
python3 - "$TMP/e.txt" <<'PY' && ok || bad "emoji names aligned with their columns"
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
h = next(i for i, l in enumerate(lines) if l.startswith("  round   median"))
names = ["\U0001F44D\U0001F3FD", "\U0001F1F0\U0001F1F7", "\u2622\uFE0F", "Jose\u0301"]
glyphs = [2, 2, 2, 4]   # columns a terminal draws for each name
head, row = lines[h], lines[h + 1]
ends, pos = [], 0
for n, g in zip(names, glyphs):
    i = head.index(n, pos)
    # everything before the name is ASCII or an earlier name
    before = head[:i]
    for m, k in zip(names, glyphs):
        before = before.replace(m, "x" * k)
    ends.append(len(before) + g)
    pos = i + len(n)
cols, p = [], 0
for tok in row.split():
    i = row.index(tok, p)
    p = i + len(tok)
    cols.append(p)
assert ends == cols[3:], (ends, cols)
PY

finish
