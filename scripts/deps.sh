#!/usr/bin/env bash
# Installs the Debian packages brink needs to build, test and benchmark, when missing.
# Also runs `npm ci` in web/ (chart bundles and playwright-core) when web/node_modules is
# missing or older than web/package-lock.json.
# Idempotent: does nothing (and needs no root) when everything is present.
# Usage: scripts/deps.sh [--check]   (--check only reports what is missing)
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config   # toolchain
  clang                              # second compiler for CI
  libclang-rt-14-dev                 # clang sanitizer + libFuzzer runtimes (check-asan, make fuzz)
  libgmp-dev                         # exact rational arithmetic
  libglpk-dev                        # linear programming (zero-sum LP, sequence-form LP)
  libgsl-dev                         # distributions, root finding
  libfyaml-dev                       # YAML scenarios
  libxml2-dev                        # GENIUS XML negotiation domains
  libunistring-dev                   # Unicode names: NFC normalisation, terminal widths
  libsuitesparse-dev                 # KLU sparse LU: the agent-logit path on big trees
  libsqlite3-dev sqlite3             # Monte Carlo results database (--db); sqlite3: tests
  libopenmpi-dev openmpi-bin         # optional: mpirun brink montecarlo (across machines)
  graphviz                           # rendering game trees (dot)
  lrslib                             # lrsnash: reference all-equilibria enumeration in tests
  python3-jsonschema python3-yaml    # tests: JSON Schemas (scenario, analyze --json)
  python3-numpy python3-pytest       # the Python package (python/) and its tests
  python3-matplotlib                 # examples/python: plots
  python3-venv python3-pip           # tests: `pip install ./python` into a venv, offline
  chromium                           # brink plot (chart SVG/PNG), the reports' browser test
)
# node and npm (web/: the chart bundles embedded into brink, playwright-core for the browser
# test): Debian's nodejs and npm unless a node with npm is already installed (e.g. from
# NodeSource, whose nodejs package carries npm and conflicts with Debian's npm package).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# web/node_modules from web/package-lock.json (npm ci), again whenever the lock changes.
web_deps() {
  local web
  web="$(cd "$(dirname "$0")/.." && pwd)/web"
  if [ -f "$web/node_modules/.brink-lock" ] && cmp -s "$web/package-lock.json" "$web/node_modules/.brink-lock"; then
    return 0
  fi
  if [ "${1:-}" = "--check" ]; then
    echo "web/node_modules missing or out of date (npm ci in web/)"
    return 1
  fi
  echo "deps: npm ci in web/ (chart bundles, playwright-core)" >&2
  (cd "$web" && npm ci --no-audit --no-fund --loglevel=error >&2) &&
    cp "$web/package-lock.json" "$web/node_modules/.brink-lock"
}

if [ "${#missing[@]}" -eq 0 ]; then
  web_deps "${1:-}"
  exit $?
fi
if [ "${1:-}" = "--check" ]; then
  echo "missing Debian packages: ${missing[*]}"
  exit 1
fi

echo "deps: installing missing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "deps: not root and no sudo. Run as root:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
web_deps
