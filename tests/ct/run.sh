#!/bin/sh
# tests/ct/run.sh -- the constant-time check of ref/core's secret paths
# (spec/token.md, "Constant time"). Runs tests/ct/ct.c, linked with the -O2 library,
# under valgrind memcheck with the secrets marked undefined (ctgrind), and
# fails on any report -- a branch or a memory address that depends on a
# secret -- unless its innermost frame is a line of ref/core marked
# "TK-14 verdict" (the final verdicts listed in spec/token.md, "Constant time").
#
#   sh tests/ct/run.sh [BIN]      BIN: the check program (build/tests/ct)
#   sh tests/ct/run.sh --selftest BUILD
#       puts a branch back into b64c (a scratch copy of ref/core/aka.c),
#       links the check with it and expects the check to FAIL; then checks
#       the unmodified build passes. Exit 0 when both hold.
set -u
cd "$(dirname "$0")/../.."
SUPP=tests/ct/bearssl.supp
CASES=22          # the secret paths of ct.c (spec/token.md, "Constant time" TK-17)

check() { # bin log -> 0 when only verdict branches were reported
	bin=$1; log=$2
	if ! command -v valgrind >/dev/null; then echo "ct: valgrind missing"; return 1; fi
	valgrind --tool=memcheck --error-exitcode=0 --suppressions="$SUPP" \
		--num-callers=8 "$bin" > "$log" 2>&1
	rc=$?
	awk -v CASES=$CASES '
	function verdict(loc,   f, n, line, i) {
		# loc is "file.c:N"; is line N of ref/core/file.c a TK-14 verdict?
		split(loc, f, ":"); n = f[2] + 0
		path = "ref/core/" f[1]
		i = 0
		while ((getline line < path) > 0) { i++; if (i == n) { close(path); return line ~ /TK-14 verdict/ } }
		close(path); return 0
	}
	/^ct-case: / { cas = substr($0, 10); ncase++; next }
	/^ct-end: / { ended = 1; fails = $2 + 0; next }
	# an error is a header line followed by its first frame ("   at"):
	# a branch or an address on a secret, or any other memcheck error
	/^==[0-9]+==    at / && inerr {
		inerr = 0
		loc = $0; sub(/.*\(/, "", loc); sub(/\).*/, "", loc)
		if (loc ~ /^[a-z0-9_]+\.c:[0-9]+$/ && verdict(loc)) { nverdict++; seen[cas " at " loc] = 1; next }
		nbad++; print "ct: SECRET-DEPENDENT in " cas ": " kind " at " loc
		next
	}
	/^==[0-9]+== [^ ]/ { inerr = 1; kind = $0; sub(/^==[0-9]+== /, "", kind); next }
	{ inerr = 0 }
	END {
		for (k in seen) print "ct: verdict branch (TK-14) in " k
		printf "ct: %d secret paths run, %d verdict reports, %d other reports\n", ncase, nverdict, nbad
		if (!ended || fails != 0) { print "ct: the check program failed (see log)"; exit 1 }
		if (ncase != CASES) { print "ct: expected " CASES " secret paths"; exit 1 }
		exit nbad != 0
	}' "$log" || return 1
	[ $rc -eq 0 ] || { echo "ct: $bin exited $rc"; return 1; }
	return 0
}

if [ "${1:-}" = "--selftest" ]; then
	B=${2:-build}
	d=$B/ct-selftest
	rm -rf "$d"; mkdir -p "$d"
	# b64c with its old first branch put back
	awk '{ print } /^b64c\(unsigned v\)$/ { getline; print; print "\tif (v < 26) {\n\t\treturn (uint8_t)(\x27A\x27 + v);\n\t}" }' \
		ref/core/aka.c > "$d/aka.c"
	grep -q "if (v < 26)" "$d/aka.c" || { echo "ct selftest: could not patch b64c"; exit 1; }
	objs=""
	for f in ref/core/*.c; do
		src=$f; [ "$(basename "$f")" = aka.c ] && src=$d/aka.c
		o=$d/$(basename "$f" .c).o
		${CC:-cc} -std=c99 -O2 -g -Iref/include -ffreestanding -c "$src" -o "$o" || exit 1
		objs="$objs $o"
	done
	# shellcheck disable=SC2086
	${CC:-cc} -std=c99 -O2 -g -Iref/include -D_POSIX_C_SOURCE=200809L -o "$d/ct" tests/ct/ct.c $objs -lbearssl || exit 1
	if check "$d/ct" "$d/ct.log" > "$d/check.txt"; then
		echo "ct selftest: FAIL: a branch on the password in b64c was not reported"; exit 1
	fi
	grep -q "SECRET-DEPENDENT in digest-akav2.* at aka.c" "$d/check.txt" || {
		echo "ct selftest: FAIL: the check failed, but not on b64c"; cat "$d/check.txt"; exit 1; }
	echo "ct selftest: the reintroduced branch in b64c was reported: $(grep -c SECRET-DEPENDENT "$d/check.txt") reports (check fails as it must)"
	check "$B/tests/ct" "$d/ct-clean.log" > /dev/null || { echo "ct selftest: the unmodified build fails"; exit 1; }
	echo "ct selftest: the unmodified build passes"
	exit 0
fi

BIN=${1:-build/tests/ct}
check "$BIN" "${BIN}.log"
