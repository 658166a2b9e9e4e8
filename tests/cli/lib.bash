# lib.bash — helpers for CLI end-to-end tests (sourced). Each script runs from tests/ with
# BRINK_BIN pointing at the binary; it counts checks and ends with "N passed, N failed".
BRINK=${BRINK_BIN:?BRINK_BIN not set}
SRC=${BRINK_SOURCE_DIR:-..}
pass=0
fail=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

# expect_output "description" "expected text" cmd args...   (stdout must equal exactly)
expect_output() {
  local desc=$1 want=$2; shift 2
  local got
  got=$("$@" 2>"$TMP/stderr")
  if [ "$got" = "$want" ]; then ok; else bad "$desc: got [$got] want [$want] (stderr: $(cat "$TMP/stderr"))"; fi
}

# expect_status "description" CODE cmd args...
expect_status() {
  local desc=$1 want=$2; shift 2
  "$@" >"$TMP/stdout" 2>"$TMP/stderr"
  local rc=$?
  if [ "$rc" = "$want" ]; then ok; else bad "$desc: exit $rc, want $want (stderr: $(head -c 400 "$TMP/stderr"))"; fi
}

# expect_grep "description" PATTERN FILE
expect_grep() {
  if grep -qE -- "$2" "$3"; then ok; else bad "$1: /$2/ not in $(head -c 600 "$3")"; fi
}

# expect_schema "description" JSON_FILE SCHEMA_NAME   (schema/SCHEMA_NAME.schema.json)
# python3-jsonschema is installed by scripts/deps.sh: missing is a failure, not a skip.
expect_schema() {
  if python3 - "$2" "$SRC/schema/$3.schema.json" 2>"$TMP/schema_err" <<'PY'
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
PY
  then ok; else bad "$1: $(tail -c 400 "$TMP/schema_err")"; fi
}

finish() {
  echo "$pass passed, $fail failed"
  [ "$fail" -eq 0 ]
}
