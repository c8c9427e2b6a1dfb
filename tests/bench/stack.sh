#!/bin/sh
# tests/bench/stack.sh [OUT] -- the worst-case stack of every ref/core entry point
# (gcc -fcallgraph-info=su, summed by tests/bench/stack.py). Prints the table and
# exits 1 when an entry point needs more than 4096 bytes (README "Last numbers").
# Run by `make bench` and, as the check of that target, by `make test`.
set -eu
OUT=${1:-build/stack}
rm -rf "$OUT/su" && mkdir -p "$OUT/su"
for c in ref/core/*.c; do
	gcc -std=c99 -O2 -Iref/include -ffreestanding -fcallgraph-info=su -c "$c" \
		-o "$OUT/su/$(basename "$c" .c).o" -dumpbase "$(basename "$c" .c)" -dumpdir "$OUT/su/"
done
/usr/bin/python3 tests/bench/stack.py "$OUT/su"
