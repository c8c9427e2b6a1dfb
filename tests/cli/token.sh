#!/bin/sh
# tests/cli/token.sh ITLS -- `itls token server|client|verify` (spec/token.md
# TK-01..TK-12; D-04; D-TK-1..6). Expected tokens were
# computed by hand with Python's hmac/hashlib over vectors/certs/leaf.der,
# IK/CK of TS 35.208 test set 1. One line per check: "ok - ..." or
# "not ok - ...". Exit 1 when any check fails.
set -u
ITLS=${1:-build/itls}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0

# check NAME WANT_RC WANT_STDOUT WANT_STDERR_WORD -- CMD...
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
CERT=vectors/certs/leaf.der
ST=23932ba04cf5f04d6e1e99b5
CT=f6001edbf2c4c15038ef3841
KST=26301a3ecc17fa2478de3ae7
KCT=98b6f5e76d16151f2a81bcdc

# TK-01, TK-05
RULES="TK-01 TK-05"
check "server: HMAC-SHA1-96(IK, cert DER), lower-case hex" 0 "$ST" "" -- "$ITLS" token server --ik $IK --cert $CERT
check "server: upper-case IK accepted" 0 "$ST" "" -- "$ITLS" token server --ik F769BCD751044604127672711C6D3441 --cert $CERT
check "server: --profile hmac is the default" 0 "$ST" "" -- "$ITLS" token server --profile hmac --ik $IK --cert $CERT --ck $CK
# a PEM file of the same certificate gives the same token (DER inside)
{ echo "-----BEGIN CERTIFICATE-----"; base64 < $CERT; echo "-----END CERTIFICATE-----"; } > "$T/leaf.pem"
check "server: PEM certificate is read as its DER" 0 "$ST" "" -- "$ITLS" token server --ik $IK --cert "$T/leaf.pem"
# TK-02 (and D-TK-2: not over the hex characters)
RULES="TK-02 TK-06"
check "client: over the 12 raw bytes of s_token" 0 "$CT" "" -- "$ITLS" token client --ik $IK --s-token $ST
check "client: upper-case s_token (TK-06)" 0 "$CT" "" -- "$ITLS" token client --ik $IK --s-token 23932BA04CF5F04D6E1E99B5
# TK-09, TK-11
RULES="TK-11 TK-12"
check "server: kdf profile" 0 "$KST" "" -- "$ITLS" token server --profile kdf --ik $IK --ck $CK --cert $CERT
check "client: kdf profile" 0 "$KCT" "" -- "$ITLS" token client --profile kdf --ik $IK --ck $CK --s-token $KST
# TK-07: verify
RULES="TK-07"
check "verify s_token: valid" 0 "valid" "" -- "$ITLS" token verify --ik $IK --cert $CERT --s-token $ST
check "verify s_token: one bit off is invalid" 1 "invalid" "" -- "$ITLS" token verify --ik $IK --cert $CERT --s-token 23932ba04cf5f04d6e1e99b4
check "verify c_token: valid" 0 "valid" "" -- "$ITLS" token verify --ik $IK --s-token $ST --c-token $CT
check "verify c_token: hex-string reading is invalid (D-TK-2)" 1 "invalid" "" -- "$ITLS" token verify --ik $IK --s-token $ST --c-token d8870a904e370e6377b2d884
check "verify kdf c_token" 0 "valid" "" -- "$ITLS" token verify --profile kdf --ik $IK --ck $CK --s-token $KST --c-token $KCT
check "verify: HMAC token under kdf profile is invalid" 1 "invalid" "" -- "$ITLS" token verify --profile kdf --ik $IK --ck $CK --cert $CERT --s-token $ST
# bad input: exit 2, reason word, no stdout (TK-03, TK-04, TK-06, TK-10, TK-12)
RULES="TK-03 TK-06 TK-12"
check "bad-hex IK" 2 "" "bad-hex" -- "$ITLS" token server --ik f769bcd75104460412767271zc6d3441 --cert $CERT
check "bad-length IK (15 bytes)" 2 "" "bad-length" -- "$ITLS" token server --ik f769bcd751044604127672711c6d34 --cert $CERT
check "bad-length IK (odd digits)" 2 "" "bad-length" -- "$ITLS" token server --ik f769bcd751044604127672711c6d344 --cert $CERT
check "bad-length CK" 2 "" "bad-length" -- "$ITLS" token server --profile kdf --ik $IK --ck 00 --cert $CERT
check "missing CK with kdf" 2 "" "missing-parameter" -- "$ITLS" token server --profile kdf --ik $IK --cert $CERT
check "missing IK" 2 "" "missing-parameter" -- "$ITLS" token server --cert $CERT
check "bad-profile" 2 "" "bad-profile" -- "$ITLS" token server --profile sha1 --ik $IK --cert $CERT
check "bad-length: s_token of 23 digits" 2 "" "bad-length" -- "$ITLS" token client --ik $IK --s-token 23932ba04cf5f04d6e1e99b
check "bad-hex: non-hex s_token" 2 "" "bad-hex" -- "$ITLS" token client --ik $IK --s-token 23932ba04cf5f04d6e1e99bz
check "bad-length: c_token of 2 digits" 2 "" "bad-length" -- "$ITLS" token verify --ik $IK --s-token $ST --c-token 00
: > "$T/empty.der"
RULES="TK-04 TK-10"
check "empty-certificate" 2 "" "empty-certificate" -- "$ITLS" token server --ik $IK --cert "$T/empty.der"
head -c 70000 /dev/zero > "$T/big.der"
check "too-long certificate for the kdf profile" 2 "" "too-long" -- "$ITLS" token server --profile kdf --ik $IK --ck $CK --cert "$T/big.der"
check "the hmac profile takes it" 0 "$(/usr/bin/python3 -c "import hmac,hashlib;print(hmac.new(bytes.fromhex('$IK'),bytes(70000),hashlib.sha1).hexdigest()[:24])")" "" -- "$ITLS" token server --ik $IK --cert "$T/big.der"
RULES=""
check "unreadable certificate" 2 "" "unreadable" -- "$ITLS" token server --ik $IK --cert "$T/nope.der"
check "usage: unknown subcommand" 2 "" "usage" -- "$ITLS" token mint --ik $IK
check "usage: stray word" 2 "" "usage" -- "$ITLS" token server --ik $IK --cert $CERT extra
check "usage: verify with both --cert and --c-token" 2 "" "usage" -- "$ITLS" token verify --ik $IK --cert $CERT --s-token $ST --c-token $CT
check "usage: option without value" 2 "" "usage" -- "$ITLS" token server --ik
"$ITLS" token --help > "$T/help" 2>&1 && grep -q "s_token = HMAC-SHA1-96" "$T/help" && echo "ok - token --help" || { echo "not ok - token --help"; fail=1; }
exit $fail
