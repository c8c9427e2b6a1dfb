#!/bin/sh
# tests/run-all.sh -- the body of `make test` (after both builds are done).
#
# Runs, for the normal build ($BUILD) and the ASan+UBSan build ($ASAN_BUILD):
# every Criterion suite, `itls check vectors/*.txt` and the CLI scripts
# tests/cli/*.sh; then, once: the traceability check, vectors-check,
# spec-check, the fuzz smoke and the constant-time check. A missing suite,
# binary, clang or vectors/certs is a failure, not a skip. Counts each Criterion test, each vector record, each CLI check
# and each of the three checks as one test; ends with "N passed, M failed".
set -u
BUILD=${BUILD:-build}
ASAN_BUILD=${ASAN_BUILD:-build/asan}
PYTHON=${PYTHON:-/usr/bin/python3}
passed=0
failed=0
log=$BUILD/test-logs
mkdir -p "$log"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

add() { passed=$((passed + $1)); failed=$((failed + $2)); }

suite() { # name, command...
	name=$1; shift
	if "$@" > "$log/$name.log" 2>&1; then
		echo "PASS  $name"; add 1 0
	else
		echo "FAIL  $name (see $log/$name.log)"; tail -20 "$log/$name.log"; add 0 1
	fi
}

criterion() { # dir label
	for src in tests/test_*.c; do
		n=$(basename "$src" .c)
		t="$1/tests/$n"
		# a suite whose binary is missing fails (it is not skipped)
		if [ ! -x "$t" ]; then echo "FAIL  $2 $n: binary $t missing"; add 0 1; continue; fi
		out="$log/$2-$n.log"
		"$t" --jobs 2 > "$out" 2>&1
		rc=$?
		syn=$(grep -a 'Synthesis:' "$out" | tail -1)
		tested=$(echo "$syn" | sed -n 's/.*Tested: *\([0-9]*\).*/\1/p')
		passing=$(echo "$syn" | sed -n 's/.*Passing: *\([0-9]*\).*/\1/p')
		if [ -z "$tested" ]; then tested=1; passing=0; fi
		bad=$((tested - passing))
		if [ $rc -ne 0 ] && [ $bad -eq 0 ]; then bad=1; fi
		add "$passing" "$bad"
		if [ $bad -eq 0 ]; then
			echo "PASS  $2 $n: $passing tests"
		else
			echo "FAIL  $2 $n: $passing of $tested passed (see $out)"
			grep -a -E '\[----\]|\[FAIL\]|ERROR|runtime error' "$out" | head -20
		fi
	done
}

vectors() { # itls label
	out="$log/$2-vectors.log"
	if [ ! -x "$1" ]; then echo "FAIL  $2 vectors: binary $1 missing"; add 0 1; return; fi
	"$1" check vectors/*.txt > "$out" 2>&1
	vrc=$?
	last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -1)
	p=$(echo "$last" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	f=$(echo "$last" | sed -n 's/.* \([0-9]*\) failed$/\1/p')
	if [ -z "$p" ]; then p=0; f=1; fi
	# a non-zero exit is a failure even when the summary says 0 failed
	if [ $vrc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "FAIL  $2 vectors: itls check exited $vrc"; fi
	add "$p" "$f"
	if [ "$f" -eq 0 ]; then echo "PASS  $2 vectors: $p records"; else
		echo "FAIL  $2 vectors: $p passed, $f failed (see $out)"; grep FAIL "$out" | head -20; fi
}

cli() { # build label
	if [ ! -x "$1/itls" ]; then echo "FAIL  $2 cli: binary $1/itls missing"; add 0 1; return; fi
	for s in tests/cli/*.sh; do
		[ -f "$s" ] || continue
		n=$(basename "$s" .sh)
		out="$log/$2-cli-$n.log"
		ITLS="$1/itls" sh "$s" "$1/itls" > "$out" 2>&1
		rc=$?
		ok=$(grep -c '^ok ' "$out")
		nok=$(grep -c '^not ok ' "$out")
		if [ $rc -ne 0 ] && [ "$nok" -eq 0 ]; then nok=1; fi
		add "$ok" "$nok"
		if [ "$nok" -eq 0 ]; then echo "PASS  $2 cli $n: $ok checks"; else
			echo "FAIL  $2 cli $n: $ok ok, $nok not ok (see $out)"; grep '^not ok' "$out" | head -20; fi
	done
}

criterion "$BUILD" unit
vectors "$BUILD/itls" unit
criterion "$ASAN_BUILD" asan
vectors "$ASAN_BUILD/itls" asan
# missing inputs fail the run (issue 10): nothing is skipped silently
need() { # label, command...
	l=$1; shift
	if "$@" > /dev/null 2>&1; then :; else echo "FAIL  $l"; add 0 1; fi
}
need "vectors/certs missing or empty" sh -c 'ls vectors/certs/*.der'
need "clang missing (fuzz smoke)" sh -c 'command -v clang'
need "spec/gen.sh missing (spec-check)" test -f spec/gen.sh
cli "$BUILD" unit
cli "$ASAN_BUILD" asan
suite traceability "$PYTHON" spec/trace.py
suite vectors-check make --no-print-directory vectors-check
suite fuzz-smoke sh tests/fuzz/run.sh 200000
suite spec-check make --no-print-directory spec-check
# constant time of the secret paths (spec/token.md, "Constant time" TK-17), and that
# the check fails when a branch on a secret is put back (TK-17)
suite constant-time sh tests/ct/run.sh "$BUILD/tests/ct"
suite constant-time-selftest sh tests/ct/run.sh --selftest "$BUILD"
# the proof gate fails on a broken variant, ensures, assert, axiom (issue 10)
suite proof-gate sh tests/proofs/gate-test.sh
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
