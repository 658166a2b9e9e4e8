# exports.sh — libbrink.so exports only brink_ symbols (cmake/brink.map), and imports nothing
# through which the library could exit, abort or print: no abort/exit/printf/puts/perror/
# assert, no stdout/stderr, and no GSL function (whose default error handler aborts) except
# the samplers and normal CDFs reviewed as never reaching that handler for the arguments the
# scenario loader admits (src/uncertainty/sampler.c). GMP and GLPK are imported;
# docs/robustness.md says how their aborts are kept out of reach.
. "$(dirname "$0")/lib.bash"
LIB=${BRINK_BUILD_DIR:?BRINK_BUILD_DIR not set}/libbrink.so
if ! command -v nm >/dev/null 2>&1 || [ ! -e "$LIB" ]; then
  echo "skipped: no nm or no $LIB"
  exit 77
fi
nm -D --defined-only "$LIB" >"$TMP/defined" || bad "nm -D failed on $LIB"
# Columns: value, type, name (possibly name@@VERSION). Only code and data count.
awk 'NF >= 3 && $2 ~ /^[TDBRVWiu]$/ { sub(/@.*/, "", $3); print $3 }' "$TMP/defined" >"$TMP/names"
if [ "$(grep -c '^brink_' "$TMP/names")" -gt 100 ]; then ok; else bad "fewer than 100 brink_ exports: $(head -c 300 "$TMP/names")"; fi
grep -v '^brink_' "$TMP/names" >"$TMP/foreign"
if [ ! -s "$TMP/foreign" ]; then ok; else bad "non-brink_ symbols exported: $(head -20 "$TMP/foreign" | tr '\n' ' ')"; fi

nm -D --undefined-only "$LIB" | awk '{ sub(/@.*/, "", $2); print $2 }' >"$TMP/imports"
if grep -q '^__gmpq_init$' "$TMP/imports"; then ok; else bad "import list looks wrong: $(head -c 300 "$TMP/imports")"; fi
GSL_SAFE='gsl_ran_flat|gsl_ran_gaussian|gsl_ran_lognormal|gsl_ran_beta|gsl_cdf_ugaussian_P|gsl_cdf_ugaussian_Pinv'
grep -E '^(abort|exit|_exit|_Exit|quick_exit|printf|vprintf|puts|putchar|perror|__assert_fail|__printf_chk|__vprintf_chk|stdout|stderr|gsl_.*)$' \
  "$TMP/imports" | grep -vE "^($GSL_SAFE)\$" >"$TMP/forbidden"
if [ ! -s "$TMP/forbidden" ]; then ok; else bad "libbrink.so imports $(tr '\n' ' ' <"$TMP/forbidden")"; fi
finish
