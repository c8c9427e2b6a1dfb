#!/bin/sh
# proofs/run.sh -- Frama-C/WP over ref/core (make proofs).
#
#   sh proofs/run.sh                      all of ref/core except crypto.c (trusted)
#   FILES="ref/core/naming.c" sh proofs/run.sh    one module while iterating (DEV mode)
#   FCT=f1,f2 FILES=... sh proofs/run.sh          some functions only (DEV mode)
#   TIMEOUT=10 PAR=2                      prover timeout (s) and parallel goals
#
# Writes build/proofs/wp.log, build/proofs/wp.csv and, for a full run,
# proofs/REPORT.md. Exits 1 when any goal is not proved (proofs/gate.awk).
set -eu
cd "$(dirname "$0")/.."
WHY3CONF=$PWD/build/why3.conf
if [ ! -s "$WHY3CONF" ] || ! grep -q CVC5 "$WHY3CONF"; then
	why3 config detect -C "$WHY3CONF" >/dev/null 2>&1
	printf '\n[prover]\nname = "CVC5"\nversion = "1.0.3"\nshortcut = "cvc5"\ncommand = "/usr/bin/cvc5 --tlimit-per=%%t000 --lang=smt2 %%f"\ndriver = "cvc4_16"\nin_place = false\ninteractive = false\neditor = ""\n' >> "$WHY3CONF"
fi
export WHY3CONFIG="$WHY3CONF"
DEV=0
if [ -n "${FILES:-}" ]; then
	DEV=1
	SRCS=$FILES
else
	SRCS=$(ls ref/core/*.c | grep -v '/crypto\.c$')
fi
FCTOPT=""
if [ -n "${FCT:-}" ]; then
	FCTOPT="-wp-fct $FCT"
	DEV=1
fi
# a full run writes build/proofs/; a DEV run its own folder (runs may overlap)
if [ $DEV = 1 ]; then OUT=build/proofs/dev-$$; else OUT=build/proofs; fi
mkdir -p "$OUT"
TIMEOUT=${TIMEOUT:-10}
PAR=${PAR:-2}
start=$(date +%s)
# shellcheck disable=SC2086
frama-c -machdep x86_64 -cpp-extra-args="-Iref/include -D__ITLS_PROOF__" \
	-warn-unsigned-overflow -warn-unsigned-downcast -warn-signed-downcast \
	-wp -wp-rte -wp-prover cvc4,z3,cvc5 -wp-par "$PAR" -wp-timeout "$TIMEOUT" \
	-wp-session proofs/wpsess -wp-cache update $FCTOPT \
	$SRCS -then -report-untried -report-csv "$OUT/wp.csv" > "$OUT/wp.log" 2>&1 || {
	tail -30 "$OUT/wp.log"; echo "proofs: frama-c failed (see $OUT/wp.log)"; exit 1; }
end=$(date +%s)
grep -E 'Proved goals|Qed:|Z3|CVC' "$OUT/wp.log" | tail -6 || true
set +e
awk -v DEV=$DEV -v PENDING="$( [ -s proofs/PENDING ] && echo proofs/PENDING )" -f proofs/gate.awk "$OUT/wp.csv" 2>"$OUT/trusted.txt"
rc=$?
set -e
if [ $DEV = 0 ]; then
	sh proofs/report.sh "$OUT/wp.csv" "$OUT/wp.log" $((end - start)) > proofs/REPORT.md
	echo "proofs: report in proofs/REPORT.md ($((end - start)) s)"
fi
exit $rc
