#!/usr/bin/env bash
# negotiate_genius_write.sh — `brink negotiate --write-genius DIR`: the files it writes read
# back (`--genius`) as the same domain, so a negotiation and a tournament on them print the
# same as on the original (korea, split, and the GENIUS test domain written out again); what
# GENIUS cannot hold (a random domain's best values below 1) and an unwritable directory are
# errors with exit status 2, nothing half-written claimed.
source "$(dirname "$0")/lib.bash"
G=$SRC/tests/data/negotiate/genius

mkdir -p "$TMP/k" "$TMP/s" "$TMP/j"
expect_status "write korea" 0 "$BRINK" negotiate --write-genius "$TMP/k"
expect_grep "korea read-back hint" "--genius '$TMP/k/korea.xml,$TMP/k/United States.xml,$TMP/k/DPRK.xml'" "$TMP/stdout"
"$BRINK" negotiate --agents conceder,reciprocity >"$TMP/a.txt" 2>&1
"$BRINK" negotiate --agents conceder,reciprocity --genius "$TMP/k/korea.xml,$TMP/k/United States.xml,$TMP/k/DPRK.xml" >"$TMP/b.txt" 2>&1
cmp -s "$TMP/a.txt" "$TMP/b.txt" && ok || bad "korea from its GENIUS files negotiates differently: $(diff "$TMP/a.txt" "$TMP/b.txt" | head -5)"
# The tournament's tables (its timing line aside) agree too.
"$BRINK" tournament --domains korea --reps 3 --agents boulware,tft-naive,no-more | grep -v ' negotiations in ' >"$TMP/a.txt"
"$BRINK" tournament --genius "$TMP/k/korea.xml,$TMP/k/United States.xml,$TMP/k/DPRK.xml" --reps 3 \
  --agents boulware,tft-naive,no-more | grep -v ' negotiations in ' >"$TMP/b.txt"
cmp -s "$TMP/a.txt" "$TMP/b.txt" && ok || bad "korea tournament differs from its GENIUS files"

# split: a continuous issue (101 grid points, kept by brink_steps); equilibrium agents agree
# at once on the same share.
expect_status "write split" 0 "$BRINK" negotiate --domain split --rounds 20 --write-genius "$TMP/s"
"$BRINK" negotiate --domain split --rounds 20 --agents equilibrium,equilibrium >"$TMP/a.txt" 2>&1
"$BRINK" negotiate --rounds 20 --agents equilibrium,equilibrium --genius "$TMP/s/split.xml,$TMP/s/first.xml,$TMP/s/second.xml" >"$TMP/b.txt" 2>&1 ||
  ls "$TMP/s" >&2
cmp -s "$TMP/a.txt" "$TMP/b.txt" && ok || bad "split from its GENIUS files negotiates differently: $(diff "$TMP/a.txt" "$TMP/b.txt" | head -5)"

# The GENIUS test domain, read and written again: the copy reads back and negotiates alike.
J="$G/job_domain.xml,$G/job_employer.xml,$G/job_candidate.xml"
expect_status "write job" 0 "$BRINK" negotiate --genius "$J" --rounds 50 --write-genius "$TMP/j"
"$BRINK" negotiate --genius "$J" --rounds 50 --agents boulware,conceder >"$TMP/a.txt" 2>&1
"$BRINK" negotiate --genius "$TMP/j/job_domain.xml,$TMP/j/job_employer.xml,$TMP/j/job_candidate.xml" --rounds 50 \
  --agents boulware,conceder >"$TMP/b.txt" 2>&1
cmp -s "$TMP/a.txt" "$TMP/b.txt" && ok || bad "job domain's copy negotiates differently: $(diff "$TMP/a.txt" "$TMP/b.txt" | head -5)"

mkdir -p "$TMP/r"
expect_status "random domain refused" 2 "$BRINK" negotiate --domain random:3 --write-genius "$TMP/r"
expect_grep "refusal says why" "GENIUS divides evaluations by the largest" "$TMP/stderr"
[ -z "$(ls -A "$TMP/r")" ] && ok || bad "a refused domain left files: $(ls "$TMP/r")"
expect_status "unwritable directory" 2 "$BRINK" negotiate --write-genius "$TMP/none/here"
expect_grep "unwritable names the file" "none/here/korea.xml: error: cannot open for writing" "$TMP/stderr"
finish
