#!/usr/bin/env bash
# Installs the Debian packages brink needs to build, test and benchmark, when missing.
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
  libsqlite3-dev sqlite3             # Monte Carlo results database (--db); sqlite3: tests
  graphviz                           # rendering game trees (dot)
  lrslib                             # lrsnash: reference all-equilibria enumeration in tests
  python3-jsonschema python3-yaml    # tests: JSON Schemas (scenario, analyze --json)
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
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
