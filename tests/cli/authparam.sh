#!/bin/sh
# tests/cli/authparam.sh ITLS -- the `itls authparam` commands (spec/authparam.md;
# D-04). One line per check: "ok - ..." or "not ok - ...".
# Exit 1 when any check fails.
set -u
ITLS=${1:-build/itls}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0

# check NAME WANT_RC WANT_STDOUT WANT_STDERR_WORD -- CMD...
# WANT_STDOUT is compared exactly ("" = empty); WANT_STDERR_WORD "" means
# stderr must be empty, else its first line must start with "itls: WORD".
check() {
	name=$1; want_rc=$2; want_out=$3; want_err=$4; shift 5
	"$@" > "$T/out" 2> "$T/err" < "${STDIN:-/dev/null}"
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
	if [ -z "$bad" ]; then
		echo "ok - ${RULES:+[$RULES] }$name"
	else
		echo "not ok - $name: $bad"
		fail=1
	fi
}

# an AKA nonce: base64 of RAND || AUTN of TS 35.208 test set 1 (made with
# Python's base64 module), then the same with 6 bytes of server data "server"
NONCE='I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7M='
NONCE_DATA='I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7NzZXJ2ZXI='
SM5="Digest realm=\"ims.mnc001.mcc001.3gppnetwork.org\", nonce=\"$NONCE\", algorithm=AKAv1-MD5, ik=\"0123456789abcdef0123456789abcdef\", ck=\"fedcba9876543210fedcba9876543210\", qop=\"auth,auth-int\""
SM6="Digest realm=\"ims.mnc001.mcc001.3gppnetwork.org\", nonce=\"$NONCE\", algorithm=AKAv1-MD5, qop=\"auth,auth-int\""
SM7="Digest username=\"user1_private@home1.net\", realm=\"registrar.home1.net\", nonce=\"$NONCE\", algorithm=AKAv1-MD5, uri=\"sip:registrar.home1.net\", response=\"6629fae49393a05397450978507c4ef1\", c_token=\"ffeeddccbbaa112233445566\""

RULES="AP-23"
# ---- parse (AP-01 .. AP-23) ----
printf '%s\r\n%s\n' "$SM5" 'digest  REALM = "a" ,	Nonce="b"' > "$T/good"
STDIN=$T/good check "parse: canonical lines, CRLF stripped, exit 0 (AP-23)" 0 \
"ok $SM5
ok Digest realm=\"a\", nonce=\"b\"" "" -- "$ITLS" authparam parse
printf '%s\n' "$SM7" 'Basic abc' '' 'Digest realm="a",' 'Digest realm="a' \
	'Digest realm="a", Realm="b"' 'Digest algorithm=SHA-256' 'Digest response="", qop=x' \
	'Digest ck="00"' 'Digest s_token="00"' 'Digest integrity-protected=maybe' 'Digest nc=1' \
	'Digest realm=a' > "$T/mixed"
STDIN=$T/mixed check "parse: one line per input line, exit 2 when any fails" 2 \
"ok $SM7
error bad-scheme
error empty
error syntax
error bad-quoted-string
error duplicate-parameter
error bad-algorithm
error bad-qop
error bad-hex
error bad-token
error bad-integrity-protected
error bad-nc
error syntax" "" -- "$ITLS" authparam parse
printf 'Digest realm="a"' > "$T/nolf"
STDIN=$T/nolf check "parse: last line without LF" 0 'ok Digest realm="a"' "" -- "$ITLS" authparam parse
STDIN=/dev/null check "parse: empty stdin is reported" 2 "" "empty" -- "$ITLS" authparam parse
check "parse: extra argument is a usage error" 2 "" "usage" -- "$ITLS" authparam parse x
check "parse --help" 0 "$(cat tests/cli/help/authparam-parse.txt)" "" -- "$ITLS" authparam parse --help

RULES="AP-24 AP-25"
# ---- nonce (AP-24, AP-25) ----
check "nonce: RAND and AUTN of TS 35.208 set 1" 0 "rand 23553cbe9637a89d218ae64dae47bf35
autn 55f328b43577b9b94a9ffac354dfafb3
server-data" "" -- "$ITLS" authparam nonce "$NONCE"
check "nonce: server data" 0 "rand 23553cbe9637a89d218ae64dae47bf35
autn 55f328b43577b9b94a9ffac354dfafb3
server-data 736572766572" "" -- "$ITLS" authparam nonce "$NONCE_DATA"
check "nonce: not base64" 2 "" "bad-base64" -- "$ITLS" authparam nonce 'I1U8vpY3qJ0h!uZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7M='
check "nonce: non-zero pad bits" 2 "" "bad-base64" -- "$ITLS" authparam nonce 'Zh=='
check "nonce: fewer than 32 bytes" 2 "" "bad-nonce" -- "$ITLS" authparam nonce 'Zm9vYmFy'
check "nonce: no argument" 2 "" "usage" -- "$ITLS" authparam nonce
check "nonce --help" 0 "$(cat tests/cli/help/authparam-nonce.txt)" "" -- "$ITLS" authparam nonce --help

RULES="AP-26"
# ---- sm6 (AP-26) ----
check "sm6: ck/ik removed, s_token appended in lower case" 0 \
"$SM6, s_token=\"00112233445566778899aabb\"" "" -- "$ITLS" authparam sm6 --s-token 00112233445566778899AABB "$SM5"
check "sm6: no --s-token (UE did not offer tls)" 0 "$SM6" "" -- "$ITLS" authparam sm6 "$SM5"
check "sm6: SM5 without ck/ik" 2 "" "missing-parameter" -- "$ITLS" authparam sm6 --s-token 00112233445566778899aabb "$SM6"
check "sm6: SM5 with s_token" 2 "" "duplicate-parameter" -- "$ITLS" authparam sm6 "$SM5, s_token=\"00112233445566778899aabb\""
check "sm6: --s-token of 4 digits is bad-length" 2 "" "bad-length" -- "$ITLS" authparam sm6 --s-token 0011 "$SM5"
check "sm6: SM5 does not parse" 2 "" "bad-scheme" -- "$ITLS" authparam sm6 "Basic x"
check "sm6: unknown option" 2 "" "usage" -- "$ITLS" authparam sm6 --x y "$SM5"
check "sm6: no value" 2 "" "usage" -- "$ITLS" authparam sm6 --s-token 00112233445566778899aabb
check "sm6 --help" 0 "$(cat tests/cli/help/authparam-sm6.txt)" "" -- "$ITLS" authparam sm6 --help

RULES="AP-28"
# ---- sm8 (AP-28) ----
check "sm8: c_token removed, integrity-protected appended" 0 \
"Digest username=\"user1_private@home1.net\", realm=\"registrar.home1.net\", nonce=\"$NONCE\", algorithm=AKAv1-MD5, uri=\"sip:registrar.home1.net\", response=\"6629fae49393a05397450978507c4ef1\", integrity-protected=tls-yes" \
"" -- "$ITLS" authparam sm8 --integrity-protected tls-yes "$SM7"
check "sm8: bad integrity-protected value" 2 "" "bad-integrity-protected" -- "$ITLS" authparam sm8 --integrity-protected maybe "$SM7"
check "sm8 --help" 0 "$(cat tests/cli/help/authparam-sm8.txt)" "" -- "$ITLS" authparam sm8 --help

RULES=""
# ---- dispatch ----
check "authparam --help" 0 "$(cat tests/cli/help/authparam.txt)" "" -- "$ITLS" authparam --help
check "authparam: unknown subcommand" 2 "" "usage" -- "$ITLS" authparam frob
exit $fail
