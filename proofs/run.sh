#!/bin/sh
# proofs/run.sh -- Frama-C/WP over ref/core (make proofs).
#
#   sh proofs/run.sh                      all of ref/core except crypto.c (trusted)
#   FILES="ref/core/naming.c" sh proofs/run.sh    one module while iterating (DEV mode)
#   FCT=f1,f2 FILES=... sh proofs/run.sh          some functions only (DEV mode)
#   TIMEOUT=30 PAR=1 JOBS=2               prover timeout (s), prover tasks at once per
#                                         Frama-C process, Frama-C processes at once
#   CACHE=none REPORT=build/proofs/REPORT-fresh.md   make proofs-fresh: every goal
#                                         sent to the provers, the committed cache unused
#   WPSESS=dir                            another WP session (and cache) directory
#                                         (default proofs/wpsess, the committed cache)
#
# proofs/TIMEOUTS raises the timeout of a file whose goals need more ("FILE.c SECONDS"
# lines; D-PR-6): WP replays a cached result as a timeout when it took longer than
# the timeout of the run, so such a file needs its own even with the cache.
#
# A full run proves each source file in its own Frama-C process, JOBS at a time
# (default: the cores, D-PR-9; WP's goal generation is single-threaded, so one
# process uses one core),
# costliest file first (the CPU seconds of the committed proofs/REPORT.md).
# With the cache, nearly all of a run's CPU is WP's own VC generation and Qed
# simplification, not the provers: its cost per goal grows with the path
# before the goal, so a long function is split into helpers with contracts
# (spec/decisions.md D-PR-5); the WP options are WP's defaults, since any
# option that changes the goals' text also misses the whole cache.
# This is sound because every function of ref/core has a contract: a file's
# proof uses only the contracts (in ref/include/itls/*.h) of what it calls, and
# each contract is proved in the run of the file that defines the function.
# The per-file results are merged (a property counts as proved when the run
# of its own file proved it) and gated strictly: proofs/gate.awk on the
# properties of -report-csv, proofs/gate-log.awk on WP's own log of each
# process ("Proved goals: N / N", no Failed / Unknown / Timeout goal: the CSV
# has no row for some goals, e.g. a loop variant's decrease), and no ACSL
# axiom (nor admit) outside ref/include/itls/crypto.h (proofs/TRUSTED.md).
#
# A full run writes build/proofs/<file>/ per file (wp.log, wp.csv, seconds: wall
# time, cpu: CPU seconds of Frama-C and its provers, whatever the machine's
# load), the merged build/proofs/wp.log and wp.csv, and proofs/REPORT.md; a
# DEV run writes build/proofs-dev/<pid>/.
# Exits 1 when any goal is not proved.
set -eu
cd "$(dirname "$0")/.."
WHY3CONF=$PWD/build/why3.conf
mkdir -p build
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
	# costliest first, so the JOBS workers finish close together: the CPU
	# seconds of each file in the committed proofs/REPORT.md, else (a file not
	# in the report) its line count
	SRCS=$(wc -l ref/core/*.c | grep -v -e '/crypto\.c$' -e ' total$' |
		awk -v R=proofs/REPORT.md 'BEGIN { FS = "[ |]+"
			while ((getline l < R) > 0) { n = split(l, a)
				if (a[2] ~ /\.c$/ && a[4] == "/" && a[n - 1] ~ /^[0-9]+$/) cost[a[2]] = a[n - 1] }
			FS = " " }
			{ f = $2; sub(/.*\//, "", f); print (f in cost ? cost[f] : $1), $2 }' |
		sort -rn | awk '{print $2}')
fi
FCTOPT=""
if [ -n "${FCT:-}" ]; then
	FCTOPT="-wp-fct $FCT"
	DEV=1
fi
TIMEOUT=${TIMEOUT:-30}
WPSESS=${WPSESS:-proofs/wpsess}
CACHE=${CACHE:-update}
# proofs/wp_runtime.ml makes WP's task loop poll every 2 ms, not 50 ms, so a
# process no longer sleeps between replayed prover answers: one process per core
# (D-PR-9, which replaces D-PR-7's two per core); it also enlarges the OCaml
# minor heap (Frama-C overrides OCAMLRUNPARAM). One prover task at a
# time (-wp-par 1): a goal asks its provers in list order and stops at the
# first valid answer, so no second prover's task is built for nothing and,
# without the cache (make proofs-fresh), a prover has a core to itself: its
# timeout is wall-clock time, and with two provers per process beside two
# processes (and a fuzzer), five goals that the cached run had proved timed
# out at 30 s (session 7, D-PR-9).
PAR=${PAR:-1}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
REPORT=${REPORT:-proofs/REPORT.md}
export TIMEOUT PAR FCTOPT WPSESS CACHE

# wp_one OUTDIR FILES... -- one Frama-C/WP process: OUTDIR/wp.log, wp.csv, seconds
wp_one() {
	o=$1; shift
	mkdir -p "$o"
	tmo=$TIMEOUT
	for f in "$@"; do
		t=$(awk -v f="$(basename "$f")" '$1 == f { print $2 }' proofs/TIMEOUTS 2>/dev/null)
		[ -n "$t" ] && [ "$t" -gt "$tmo" ] && tmo=$t
	done
	t0=$(date +%s)
	# shellcheck disable=SC2086
	frama-c -load-script proofs/wp_runtime.ml,proofs/contracts.ml -machdep x86_64 -cpp-extra-args="-Iref/include -D__ITLS_PROOF__" \
		-warn-unsigned-overflow -warn-unsigned-downcast -warn-signed-downcast \
		-wp -wp-rte -wp-prover cvc4,z3,cvc5 -wp-par "$PAR" -wp-timeout "$tmo" \
		-wp-session "$WPSESS" -wp-cache "$CACHE" $FCTOPT \
		"$@" -then -report-untried -report-csv "$o/wp.csv" > "$o/wp.log" 2>&1 || {
		tail -30 "$o/wp.log"; echo "proofs: frama-c failed on $* (see $o/wp.log)"; return 1; }
	echo $(( $(date +%s) - t0 )) > "$o/seconds"
	# CPU seconds (user + sys) of Frama-C and the provers it ran: the cost of
	# the file whatever the load of the machine (wall time is not)
	# (`times` itself, not in a pipe: a subshell has no children to report)
	times > "$o/times"
	awk 'NR == 2 { for (i = 1; i <= 2; i++) { split($i, t, "m");
		sub(/s$/, "", t[2]); c += t[1] * 60 + t[2] } printf "%d\n", c + 0.5 }' \
		"$o/times" > "$o/cpu"
	echo "proofs: $* $(sed -n 's/.*Proved goals: *//p' "$o/wp.log" | tail -1) in $(cat "$o/seconds") s ($(cat "$o/cpu") s CPU)"
}

# internal: `run.sh --one FILE` is one worker of a full run
if [ "${1:-}" = "--one" ]; then
	wp_one "build/proofs/$(basename "$2" .c)" "$2" || exit 255
	exit 0
fi

start=$(date +%s)
if [ $DEV = 1 ]; then
	# a DEV run writes its own folder (runs may overlap)
	OUT=build/proofs-dev/$$
	# shellcheck disable=SC2086
	wp_one "$OUT" $SRCS
else
	OUT=build/proofs
	rm -rf "$OUT"; mkdir -p "$OUT"
	# one process per file, JOBS at a time; each writes build/proofs/<file>/
	for f in $SRCS; do echo "$f"; done |
		xargs -P "$JOBS" -n 1 sh proofs/run.sh --one || {
		echo "proofs: a Frama-C run failed"; exit 1; }
	# merge: each property judged by the run of its own file (proofs/merge.awk)
	for f in $SRCS; do b=$(basename "$f" .c); cat "$OUT/$b/wp.log"; done > "$OUT/wp.log"
	awk -f proofs/merge.awk $(for f in $SRCS; do echo "$OUT/$(basename "$f" .c)/wp.csv"; done) \
		> "$OUT/wp.csv"
fi
end=$(date +%s)
set +e
PEND="$( [ -s proofs/PENDING ] && echo proofs/PENDING )"
awk -v DEV=$DEV -v PENDING="$PEND" -f proofs/gate.awk "$OUT/wp.csv" 2>"$OUT/trusted.txt"
rc=$?
# WP's own verdict, per Frama-C process (proofs/gate-log.awk)
if [ $DEV = 1 ]; then LOGS=$OUT/wp.log; else
	LOGS=$(for f in $SRCS; do echo "$OUT/$(basename "$f" .c)/wp.log"; done); fi
# shellcheck disable=SC2086
awk -v PENDING="$PEND" -f proofs/gate-log.awk $LOGS || rc=1
# every function defined in ref/core has a full contract (proofs/contracts.ml,
# D-PR-10): its lines are in the same WP logs
# shellcheck disable=SC2086
if grep -h '^contract: missing' $LOGS; then
	echo "gate: a function has no full contract (requires, assigns, ensures; proofs/contracts.ml)"
	rc=1
fi
# shellcheck disable=SC2086
awk '/^contracts: / && !(FILENAME in seen) { seen[FILENAME]; n += $2; m += $4; v += $9 }
	END { printf "contracts: %d functions, %d without a full contract, %d of values only without requires\n", n, m, v }' $LOGS
# trusted logic: ACSL axioms (and admitted clauses) only in crypto.h
# shellcheck disable=SC2086
ax=$(grep -n -E '(^|[^A-Za-z_])(axiom[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*(\{[^}]*\})?[ \t]*:|admit[ \t]+(requires|ensures|assert|invariant|loop|check))' \
	ref/core/*.c ref/include/itls/*.h $SRCS 2>/dev/null | sort -u | grep -v '^ref/include/itls/crypto\.h:')
if [ -n "$ax" ]; then
	echo "$ax" | sed 's/^/UNTRUSTED axiom outside crypto.h: /'
	echo "gate: axioms are trusted only in ref/include/itls/crypto.h (proofs/TRUSTED.md)"
	rc=1
fi
set -e
if [ $DEV = 0 ]; then
	sh proofs/report.sh "$OUT" $((end - start)) > "$REPORT"
	echo "proofs: report in $REPORT ($((end - start)) s wall, $JOBS processes)"
fi
exit $rc
