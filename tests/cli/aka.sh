#!/bin/sh
# tests/cli/aka.sh ITLS -- `itls milenage` and `itls aka autn|check|auts|response`
# (spec/aka.md AK-01..AK-15; D-AK-1..7). Milenage values: TS 35.208 test sets
# 1 and 3; Digest: RFC 2617 section 3.5 and values computed by hand with
# Python's hashlib/hmac/base64. One line per check: "ok - ..." or
# "not ok - ...". Exit 1 when any check fails.
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

K=465b5ce8b199b49faa5f0a2ee238a6bc
OP=cdc202d5123e20f62b6d676ac72cb318
OPC=cd63cb71954a9f4e48a5994e37a02baf
RAND=23553cbe9637a89d218ae64dae47bf35
SQN=ff9bb4d0b607
AMF=b9b9
SET1="mac-a 4a9ffac354dfafb3
mac-s 01cfaf9ec4e871e9
res a54211d5e3ba50bf
ck b40ba9a3c58b2a05bbf0d987b21bf8cb
ik f769bcd751044604127672711c6d3441
ak aa689c648370
ak-star 451e8beca43b"

# AK-01 .. AK-06, D-AK-1
RULES="AK-02 AK-03 AK-04 AK-05 AK-06"
check "milenage: test set 1 with OPc" 0 "$SET1" "" -- "$ITLS" milenage --k $K --opc $OPC --rand $RAND --sqn $SQN --amf $AMF
check "milenage: test set 1 with OP (AK-02)" 0 "$SET1" "" -- "$ITLS" milenage --k $K --op $OP --rand $RAND --sqn $SQN --amf $AMF
check "milenage: --show-opc" 0 "opc $OPC
$SET1" "" -- "$ITLS" milenage --k $K --op $OP --rand $RAND --sqn $SQN --amf $AMF --show-opc
check "milenage: test set 3, upper-case input" 0 "mac-a 9cabc3e99baf7281
mac-s 95814ba2b3044324
res 8011c48c0c214ed2
ck 5dbdbb2954e8f3cde665b046179a5098
ik 59a92d3b476a0443487055cf88b2307b
ak 33484dc2136b
ak-star deacdd848cc6" "" -- "$ITLS" milenage --k FEC86BA6EB707ED08905757B1BB44B8F --op DBC59ADCB6F9A0EF735477B7FADF8374 --rand 9F7C8D021ACCF4DB213CCFF0C7F71A6A --sqn 9D0277595FFC --amf 725C
RULES="AK-01"
check "milenage: bad-length K" 2 "" "bad-length" -- "$ITLS" milenage --k 465b --opc $OPC --rand $RAND --sqn $SQN --amf $AMF
check "milenage: bad-length SQN" 2 "" "bad-length" -- "$ITLS" milenage --k $K --opc $OPC --rand $RAND --sqn ff9bb4d0b6 --amf $AMF
check "milenage: bad-length AMF" 2 "" "bad-length" -- "$ITLS" milenage --k $K --opc $OPC --rand $RAND --sqn $SQN --amf b9
check "milenage: bad-hex RAND" 2 "" "bad-hex" -- "$ITLS" milenage --k $K --opc $OPC --rand 23553cbe9637a89d218ae64dae47bfzz --sqn $SQN --amf $AMF
RULES=""
check "milenage: both --op and --opc" 2 "" "usage" -- "$ITLS" milenage --k $K --op $OP --opc $OPC --rand $RAND --sqn $SQN --amf $AMF
check "milenage: neither --op nor --opc" 2 "" "missing-parameter" -- "$ITLS" milenage --k $K --rand $RAND --sqn $SQN --amf $AMF
check "milenage: missing --sqn" 2 "" "missing-parameter" -- "$ITLS" milenage --k $K --opc $OPC --rand $RAND --amf $AMF

# AK-07 .. AK-09
AUTN=55f328b43577b9b94a9ffac354dfafb3
RULES="AK-07"
check "aka autn (AK-07)" 0 "autn $AUTN" "" -- "$ITLS" aka autn --k $K --opc $OPC --rand $RAND --sqn $SQN --amf $AMF
RULES="AK-08"
check "aka check: good AUTN (AK-08)" 0 "sqn $SQN
amf $AMF
res a54211d5e3ba50bf
ck b40ba9a3c58b2a05bbf0d987b21bf8cb
ik f769bcd751044604127672711c6d3441
ak aa689c648370" "" -- "$ITLS" aka check --k $K --op $OP --rand $RAND --autn $AUTN
check "aka check: tampered MAC is mac-failure, exit 1" 1 "mac-failure" "" -- "$ITLS" aka check --k $K --opc $OPC --rand $RAND --autn 55f328b43577b9b94a9ffac354dfafb2
check "aka check: tampered SQN is mac-failure" 1 "mac-failure" "" -- "$ITLS" aka check --k $K --opc $OPC --rand $RAND --autn 54f328b43577b9b94a9ffac354dfafb3
check "aka check: bad-length AUTN" 2 "" "bad-length" -- "$ITLS" aka check --k $K --opc $OPC --rand $RAND --autn 55f3
RULES="AK-09"
check "aka auts (AK-09)" 0 "auts ba853f3c123ccf44e93596e355c6" "" -- "$ITLS" aka auts --k $K --opc $OPC --rand $RAND --sqn-ms $SQN
RULES=""
check "aka auts: missing --sqn-ms" 2 "" "missing-parameter" -- "$ITLS" aka auts --k $K --opc $OPC --rand $RAND

# AK-10 .. AK-14: Digest responses
U=234150999999999@ims.mnc015.mcc234.3gppnetwork.org
R=ims.mnc015.mcc234.3gppnetwork.org
N=I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7M=
URI=sip:ims.mnc015.mcc234.3gppnetwork.org
RES=a54211d5e3ba50bf
IK=f769bcd751044604127672711c6d3441
CK=b40ba9a3c58b2a05bbf0d987b21bf8cb
RULES="AK-10 AK-11 AK-12 AK-13"
check "response: RFC 2617 section 3.5 (RES = 'Circle Of Life')" 0 6629fae49393a05397450978507c4ef1 "" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res 436972636c65204f66204c696665 --username Mufasa --realm testrealm@host.com --nonce dcd98b7102dd2f0e8b11d0f600bfb0c093 --uri /dir/index.html --method GET --qop auth --cnonce 0a4f113b --nc 00000001
check "response: AKAv1 without qop" 0 e8534976434a74dabe860fa8f2f31853 "" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res $RES --ik $IK --ck $CK --username $U --realm $R --nonce $N --uri $URI --method REGISTER
check "response: AKAv1 qop=auth" 0 ac938deae93ef334838716c625aa85c0 "" -- "$ITLS" aka response --algorithm akav1-md5 --res $RES --ik $IK --ck $CK --username $U --realm $R --nonce $N --uri $URI --method REGISTER --qop auth --cnonce 0a4f113b --nc 00000001
printf 'hello body' > "$T/body"
check "response: AKAv1 qop=auth-int with a body" 0 6e45233dfbc252b01015016a03279d3b "" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res $RES --username $U --realm $R --nonce $N --uri $URI --method REGISTER --qop auth-int --cnonce 0a4f113b --nc 00000001 --body-file "$T/body"
check "response: AKAv1 qop=auth-int, no body" 0 ebb3133044960045af0d0cb3b3021e91 "" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res $RES --username $U --realm $R --nonce $N --uri $URI --method REGISTER --qop auth-int --cnonce 0a4f113b --nc 00000001
check "response: AKAv2 without qop" 0 f06fddc279ed3fed51802c3ee9d80d65 "" -- "$ITLS" aka response --algorithm AKAv2-MD5 --res $RES --ik $IK --ck $CK --username $U --realm $R --nonce $N --uri $URI --method REGISTER
check "response: AKAv2 qop=auth" 0 2405b88528810f744bf4f764d59d5f73 "" -- "$ITLS" aka response --algorithm AKAv2-MD5 --res $RES --ik $IK --ck $CK --username $U --realm $R --nonce $N --uri $URI --method REGISTER --qop auth --cnonce 0a4f113b --nc 00000001
RULES="AK-14"
check "response: bad-algorithm" 2 "" "bad-algorithm" -- "$ITLS" aka response --algorithm MD5 --res $RES --username $U --realm $R --nonce $N --uri $URI --method REGISTER
check "response: bad-qop" 2 "" "bad-qop" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res $RES --username $U --realm $R --nonce $N --uri $URI --method REGISTER --qop auth-conf --cnonce c --nc 00000001
check "response: --nc of 4 digits is bad-length, as every option" 2 "" "bad-length" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res $RES --username $U --realm $R --nonce $N --uri $URI --method REGISTER --qop auth --cnonce c --nc 0001
check "response: missing --cnonce with qop" 2 "" "missing-parameter" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res $RES --username $U --realm $R --nonce $N --uri $URI --method REGISTER --qop auth --nc 00000001
check "response: missing --ik for AKAv2" 2 "" "missing-parameter" -- "$ITLS" aka response --algorithm AKAv2-MD5 --res $RES --ck $CK --username $U --realm $R --nonce $N --uri $URI --method REGISTER
check "response: RES of 3 bytes" 2 "" "bad-length" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res a54211 --username $U --realm $R --nonce $N --uri $URI --method REGISTER
check "response: RES of 17 bytes" 2 "" "bad-length" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res 00112233445566778899aabbccddeeff00 --username $U --realm $R --nonce $N --uri $URI --method REGISTER
check "response: bad-hex RES" 2 "" "bad-hex" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res a54211d5e3ba50bg --username $U --realm $R --nonce $N --uri $URI --method REGISTER
check "response: --nc without --qop" 2 "" "usage" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res $RES --username $U --realm $R --nonce $N --uri $URI --method REGISTER --nc 00000001
check "response: missing --method" 2 "" "missing-parameter" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res $RES --username $U --realm $R --nonce $N --uri $URI
RULES=""
check "aka: unknown subcommand" 2 "" "usage" -- "$ITLS" aka sign
"$ITLS" milenage --help > "$T/help" 2>&1 && grep -q "ak-star" "$T/help" && echo "ok - milenage --help" || { echo "not ok - milenage --help"; fail=1; }
"$ITLS" aka --help > "$T/help" 2>&1 && grep -q "AKAv2-MD5" "$T/help" && echo "ok - aka --help" || { echo "not ok - aka --help"; fail=1; }
exit $fail
