#!/bin/sh
# tests/fuzz/run.sh [RUNS] -- build and run every libFuzzer target tests/fuzz/fuzz_*.c
# (make fuzz: RUNS defaults to 10000000 executions per target; `make test`
# runs a smoke of 200000 per target). Each target is built with clang
# -fsanitize=fuzzer,address,undefined. Exit 1 on any crash, leak, sanitizer
# report or property failure (abort).
#
# A target may say how it is run in a "fuzz-config:" line of its leading
# comment (spec/decisions.md D-FZ-1):
#   max_len=N     the longest input (the limit of the parser it feeds)
#   seeds=KIND    its seed corpus, written by tests/fuzz/seed.py from the vectors
#   link=SET      core (default): ref/core; sim: + ref/sim/sip.c;
#                 cli-naming / cli-crypto: + ref/cli/util.c (the target
#                 #includes the CLI file it tests); cli: every CLI, sim and
#                 TLS source but main.c and check.c
#   args=...      more libFuzzer options
# Without the line: max_len 65535 (the sec-agree and Digest parsers' limit),
# seeds from vectors/<area>.txt (certificates for x509name and naming).
set -eu
RUNS=${1:-10000000}
OUT=build/fuzz
mkdir -p "$OUT/obj"
status=0
total=$(date +%s)
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
CFL="-std=c99 -D_POSIX_C_SOURCE=200809L -g -O1 -Iref/include -Iref -Itests/fuzz"
# the library and host sources, compiled once per run for every target
objs() { # sources... -> their objects
	for f in "$@"; do echo "$OUT/obj/$(echo "$f" | tr / _ | sed 's/\.c$/.o/')"; done
}
for f in ref/core/*.c ref/cli/*.c ref/sim/*.c ref/tls/*.c; do
	# shellcheck disable=SC2086
	clang $CFL $SAN -fsanitize=fuzzer-no-link -c "$f" -o "$(objs "$f")" &
	[ "$(jobs -p | wc -l)" -lt "$(nproc 2>/dev/null || echo 2)" ] || wait
done
wait
CORE=$(objs ref/core/*.c)
conf() { # src key -> the value of key= in the fuzz-config line, or ""
	sed -n 's/.*fuzz-config:\(.*\)/\1/p' "$1" | head -1 | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1
}
for src in tests/fuzz/fuzz_*.c; do
	[ -f "$src" ] || continue
	t=$(basename "$src" .c)
	maxlen=$(conf "$src" max_len); [ -n "$maxlen" ] || maxlen=65535
	seeds=$(conf "$src" seeds)
	link=$(conf "$src" link); [ -n "$link" ] || link=core
	args=$(conf "$src" args)
	if [ -z "$seeds" ]; then
		case "$t" in
		fuzz_x509name|fuzz_naming) seeds=certs ;;
		*) [ -f "vectors/${t#fuzz_}.txt" ] && seeds=vectors:${t#fuzz_} ;;
		esac
	fi
	case "$link" in
	core) extra="" ;;
	sim) extra=$(objs ref/sim/sip.c) ;;
	cli-naming|cli-crypto) extra=$(objs ref/cli/util.c) ;;
	cli) extra=$(objs $(ls ref/cli/*.c | grep -v -e '/main\.c$' -e '/check\.c$') ref/sim/*.c ref/tls/*.c) ;;
	*) echo "fuzz: $t: unknown link=$link"; exit 1 ;;
	esac
	# shellcheck disable=SC2086
	clang $CFL $SAN -fsanitize=fuzzer -o "$OUT/$t" "$src" $extra $CORE -lbearssl || {
		echo "fuzz: $t: does not build"; status=1; continue; }
	corpus="$OUT/corpus-$t"
	mkdir -p "$corpus"
	nseed=0
	if [ -n "$seeds" ]; then nseed=$(/usr/bin/python3 tests/fuzz/seed.py "$seeds" "$corpus"); fi
	start=$(date +%s)
	# shellcheck disable=SC2086
	if "$OUT/$t" -runs="$RUNS" -max_len="$maxlen" -rss_limit_mb=2048 $args "$corpus" \
		< /dev/null > "$OUT/$t.log" 2>&1; then
		echo "fuzz: $t: $RUNS runs, 0 crashes, max_len $maxlen, $nseed seeds ($(( $(date +%s) - start )) s)"
	else
		echo "fuzz: $t: FAILED (see $OUT/$t.log)"
		tail -30 "$OUT/$t.log"
		status=1
	fi
done
echo "fuzz: all targets in $(( $(date +%s) - total )) s"
exit $status
