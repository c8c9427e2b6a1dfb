#!/bin/sh
# tests/cli/psk.sh ITLS -- `itls psk` (spec/psk.md PS-01..PS-04; D-PS-1). The
# expected PSK was computed by hand with Python's hmac/hashlib. One line per
# check: "ok - ..." or "not ok - ...". Exit 1 when any check fails.
set -u
ITLS=${1:-build/itls}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0

check() {
	name=$1; want_rc=$2; want_out=$3; want_err=$4; shift 5
	"$@" > "$T/out" 2> "$T/err" < /dev/null
	rc=$?
	got_out=$(cat "$T/out")
	bad=""
	[ "$rc" = "$want_rc" ] || bad="exit $rc, want $want_rc"
	[ "$got_out" = "$want_out" ] || bad="$bad; stdout [$got_out], want [$want_out]"
	if [ -z "$want_err" ]; then
		[ -s "$T/err" ] && bad="$bad; stderr [$(cat "$T/err")]"
	else
		head -1 "$T/err" | grep -q "^itls: $want_err" || bad="$bad; stderr [$(cat "$T/err")], want itls: $want_err"
	fi
	if [ -z "$bad" ]; then echo "ok - ${RULES:+[$RULES] }$name"; else echo "not ok - $name: $bad"; fail=1; fi
}

IK=f769bcd751044604127672711c6d3441
CK=b40ba9a3c58b2a05bbf0d987b21bf8cb
IMPI=234150999999999@ims.mnc015.mcc234.3gppnetwork.org
# PS-01, PS-02
RULES="PS-01 PS-02"
check "psk and identity" 0 "psk a7bc33052f470eedbedc255787bdf22e8e6b51fc7047e4c3c3d8597aaf7fbe57
identity $IMPI" "" -- "$ITLS" psk --ck $CK --ik $IK --impi $IMPI
# PS-03
RULES="PS-03"
check "bad-length CK" 2 "" "bad-length" -- "$ITLS" psk --ck b40b --ik $IK --impi $IMPI
check "bad-hex IK" 2 "" "bad-hex" -- "$ITLS" psk --ck $CK --ik x769bcd751044604127672711c6d3441 --impi $IMPI
check "empty IMPI" 2 "" "empty" -- "$ITLS" psk --ck $CK --ik $IK --impi ""
check "too-long IMPI" 2 "" "too-long" -- "$ITLS" psk --ck $CK --ik $IK --impi "$(head -c 65536 /dev/zero | tr '\0' u)"
check "missing IMPI" 2 "" "missing-parameter" -- "$ITLS" psk --ck $CK --ik $IK
RULES=""
check "usage: unknown option" 2 "" "usage" -- "$ITLS" psk --ck $CK --ik $IK --impi $IMPI --fc 01
"$ITLS" psk --help > "$T/help" 2>&1 && grep -q "itls psk" "$T/help" && echo "ok - psk --help" || { echo "not ok - psk --help"; fail=1; }
exit $fail
