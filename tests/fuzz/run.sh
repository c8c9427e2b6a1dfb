#!/bin/sh
# tests/fuzz/run.sh [RUNS] -- build and run every libFuzzer target tests/fuzz/fuzz_*.c
# (make fuzz: RUNS defaults to 1000000 executions per target; the test suite runs a
# short smoke run). Each target is linked with the core sources, built with
# clang -fsanitize=fuzzer,address,undefined. Seed corpora come from the vectors.
# Exit 1 on any crash, leak or sanitizer report.
set -eu
RUNS=${1:-1000000}
OUT=build/fuzz
mkdir -p "$OUT"
CORE=$(ls ref/core/*.c)
status=0
seed() { # target dir
	case "$1" in
	fuzz_pcscf)
		/usr/bin/python3 tests/fuzz/seed_pcscf.py "$2" ;;
	fuzz_x509name|fuzz_naming)
		cp vectors/certs/*.der "$2"/ 2>/dev/null || true ;;
	*)
		area=${1#fuzz_}
		[ -f "vectors/$area.txt" ] || return 0
		/usr/bin/python3 - "vectors/$area.txt" "$2" <<'PY'
import sys, os
path, out = sys.argv[1], sys.argv[2]
n = 0
for line in open(path, encoding="latin-1"):
    line = line.rstrip("\n")
    for key in ("input = ", "input_hex = ", "client = ", "server = ", "verify = "):
        if line.startswith(key):
            v = line[len(key):]
            data = bytes.fromhex(v) if key.startswith("input_hex") else v.encode("latin-1")
            # strip a header name so that value-only targets see values too
            n += 1
            open(os.path.join(out, "v%04d" % n), "wb").write(data)
PY
		;;
	esac
}
for src in tests/fuzz/fuzz_*.c; do
	[ -f "$src" ] || continue
	t=$(basename "$src" .c)
	# shellcheck disable=SC2086
	clang -std=c99 -g -O1 -Iref/include -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -o "$OUT/$t" "$src" $CORE -lbearssl
	corpus="$OUT/corpus-$t"
	mkdir -p "$corpus"
	seed "$t" "$corpus"
	start=$(date +%s)
	case "$t" in
	fuzz_pcscf) maxlen=16384 ;;   # events up to the 512-byte header limit (ITLS_FSM_HDR_MAX)
	*) maxlen=4096 ;;
	esac
	if "$OUT/$t" -runs="$RUNS" -max_len="$maxlen" -rss_limit_mb=2048 "$corpus" \
		> "$OUT/$t.log" 2>&1; then
		execs=$(grep -a -o 'stat::number_of_executed_units: *[0-9]*' "$OUT/$t.log" | grep -o '[0-9]*$' || true)
		[ -n "$execs" ] || execs=$(grep -a -E '^#[0-9]+' "$OUT/$t.log" | tail -1 | sed 's/^#\([0-9]*\).*/\1/')
		echo "fuzz: $t: $RUNS runs, 0 crashes ($(( $(date +%s) - start )) s)"
	else
		echo "fuzz: $t: FAILED (see $OUT/$t.log)"
		tail -30 "$OUT/$t.log"
		status=1
	fi
done
exit $status
