#!/usr/bin/env bash
# scenario_schema.sh — the JSON Schema for editors accepts every built-in scenario and rejects
# a few malformed shapes. Needs python3 with the yaml and jsonschema modules (skips, exit 77,
# when they are missing: the schema is an editor aid, brink does not use it).
source "$(dirname "$0")/lib.bash"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: no python3"; exit 77; }
python3 -c "import yaml, jsonschema" 2>/dev/null || { echo "SKIP: python3 yaml/jsonschema missing"; exit 77; }

python3 - "$SRC" <<'PY' && ok || bad "schema"
import glob, json, sys, yaml, jsonschema
src = sys.argv[1]
schema = json.load(open(f"{src}/schema/brink-scenario.schema.json"))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
files = sorted(glob.glob(f"{src}/scenarios/*.yaml")) + sorted(glob.glob(f"{src}/examples/*.yaml"))
assert len(files) >= 8, files
files += [f"{src}/tests/data/scenarios/chainstore6.yaml"]   # a generator of actors
for f in files:
    errs = list(v.iter_errors(yaml.safe_load(open(f))))
    assert not errs, (f, [e.message for e in errs[:3]])
bad = [
    {"id": "x", "actors": {"A": {}}, "game": {}},                                  # no version
    {"brink": 1, "id": "x", "actors": {"A": {}}, "game": {}, "extra": 1},          # unknown key
    {"brink": 1, "id": "x", "actors": {"A": {"types": {"t": 1}}}, "game": {}},    # one type
    {"brink": 1, "id": "x", "actors": {"A": {}}, "game": {"chance": {"h": {}}}},  # no prob
    {"brink": 1, "id": "x", "actors": {"E{k}": {"for": "k"}}, "game": {}},          # no in:
    {"brink": 1, "id": "x", "actors": {"E{k}": {"for": "k", "in": [1, 2],
                                                "types": {"a": 0.5, "b": 0.5}}}, "game": {}},
]
for b in bad:
    assert list(v.iter_errors(b)), b
PY
finish
