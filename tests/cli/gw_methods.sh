#!/usr/bin/env bash
# gw_methods.sh — the Govindan-Wilson methods (gnm, ipa) in `brink analyze` on a three-actor
# scenario: the Nash equilibria of the reduced strategic form each pass the analysis' check
# of sequential rationality before they are kept, and the report says how many failed it.
source "$(dirname "$0")/lib.bash"
f=$SRC/scenarios/m7-seoul-leads.yaml
for m in gnm ipa; do
    "$BRINK" analyze "$f" --no-questions --method $m > "$TMP/$m" 2>&1
    expect_status "analyze --method $m" 0 "$BRINK" analyze "$f" --no-questions --method $m
    tr '\n' ' ' < "$TMP/$m" | sed 's/  */ /g' > "$TMP/$m.1"
    said="Method: $m: chosen by the user: an approximate equilibrium, checked for sequential"
    expect_grep "$m named" "$said rationality" "$TMP/$m.1"
done
# gnm finds several profiles on its path, some of them not sequentially rational: said so,
# and the ones kept give the backward-induction play
expect_grep "gnm: filtered" "rejected as not sequential" "$TMP/gnm.1"
expect_grep "gnm: the play" "ROK, after USA seoul_leads: propose 60" "$TMP/gnm.1"
# ipa's one Nash equilibrium of the reduced form fails that check here: said, not hidden
said="1 rejected as not sequential, 0 distinct equilibria kept"
expect_grep "ipa: said" "$said" "$TMP/ipa.1"
expect_grep "ipa: no claim" "did not pass the checks" "$TMP/ipa.1"
finish
