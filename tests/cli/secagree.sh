#!/bin/sh
# tests/cli/secagree.sh ITLS -- the `itls secagree` commands (spec/secagree.md
# SA-29, SA-30; D-04; D-SA-8, D-SA-13). One line per check:
# "ok - ..." or "not ok - ...". Exit 1 when any check fails.
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

UE='Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;ealg=null;spi-c=1111;spi-s=2222;port-c=5062;port-s=5064;prot=esp;mod=trans, tls;q=0.2'
PC='Security-Server: ipsec-3gpp; q=0.1; alg=hmac-sha-1-96;ealg=aes-cbc; spi-c=3929102; spi-s=3929103; port-c=32789; port-s=5064;prot=esp;mod=trans, tls;q=0.5'
PC_CANON='ipsec-3gpp;q=0.1;alg=hmac-sha-1-96;ealg=aes-cbc;spi-c=3929102;spi-s=3929103;port-c=32789;port-s=5064;prot=esp;mod=trans'

RULES="SA-21 SA-29"
# ---- parse (SA-29) ----
printf '%s\r\n%s\n' 'Security-Client: tls;q=0.2' 'security-server: TLS ; Q=0.5 , digest;d-alg=md5' > "$T/good"
STDIN=$T/good check "parse: all lines ok, CRLF stripped, exit 0" 0 \
"ok Security-Client: tls;q=0.2
ok Security-Server: tls;q=0.5, digest;d-alg=md5" "" -- "$ITLS" secagree parse
printf '%s\n' 'Security-Client: tls;q=0.2' 'Security-Client: tls;q=1.5' '' 'Security-Client: tls, digest;q=0.20, x;q=0.2' 'Security-Client: x;p="a,b' 'Security-Client: ipsec-3gpp;q=0.1' > "$T/mixed"
STDIN=$T/mixed check "parse: one line per input line, exit 2 when any fails" 2 \
"ok Security-Client: tls;q=0.2
error bad-qvalue
error bad-header-name
error duplicate-q
error bad-quoted-string
error missing-parameter" "" -- "$ITLS" secagree parse
printf 'Security-Client: tls' > "$T/nolf"
STDIN=$T/nolf check "parse: last line without LF" 0 "ok Security-Client: tls" "" -- "$ITLS" secagree parse
STDIN=/dev/null check "parse: empty stdin is reported" 2 "" "empty" -- "$ITLS" secagree parse
# the filter reads stdin in blocks: a line over the parser's limit (SA-31) is
# too-long and skipped, the next is read; lines that straddle blocks are whole
{ printf 'Security-Client: tls;x='; head -c 70000 /dev/zero | tr '\0' a; printf '\nSecurity-Client: tls\n'; } > "$T/long"
STDIN=$T/long check "parse: a line over 65535 bytes is too-long, the next one parses" 2 \
"error too-long
ok Security-Client: tls" "" -- "$ITLS" secagree parse
i=0; : > "$T/many"; while [ $i -lt 3000 ]; do echo "Security-Client: TLS ;q=0.$((i % 10))" >> "$T/many"; i=$((i + 1)); done
want_many=$(awk '{ sub(/TLS ;/, "tls;"); print "ok " $0 }' "$T/many")
STDIN=$T/many check "parse: 3000 lines over several read blocks" 0 "$want_many" "" -- "$ITLS" secagree parse
check "parse: extra argument is usage error" 2 "" "usage" -- "$ITLS" secagree parse x
check "parse --help" 0 "$(cat tests/cli/help/secagree-parse.txt)" "" -- "$ITLS" secagree parse --help

RULES="SA-23 SA-30"
# ---- select (SA-23, SA-30) ----
check "select: highest q common (P-CSCF prefers tls)" 0 "tls;q=0.5" "" -- "$ITLS" secagree select "$UE" "$PC"
check "select: ipsec-3gpp when only it is common" 0 "$PC_CANON" "" -- \
	"$ITLS" secagree select 'Security-Client: ipsec-3gpp;alg=hmac-md5-96;spi-c=1;spi-s=2;port-c=3;port-s=4' "$PC"
check "select: none, exit 1" 1 "none" "" -- "$ITLS" secagree select 'Security-Client: digest' "$PC"
check "select: bad client line, exit 2, empty stdout" 2 "" "bad-qvalue" -- \
	"$ITLS" secagree select 'Security-Client: tls;q=2' "$PC"
check "select: bad server line, exit 2, empty stdout" 2 "" "syntax" -- \
	"$ITLS" secagree select "$UE" 'Security-Server: tls;;q=0.1'
check "select: header kinds (D-SA-8)" 2 "" "bad-header-name" -- \
	"$ITLS" secagree select "$PC" "$UE"
check "select: one argument is usage error" 2 "" "usage" -- "$ITLS" secagree select "$UE"
check "select --help" 0 "$(cat tests/cli/help/secagree-select.txt)" "" -- "$ITLS" secagree select --help

RULES="SA-25 SA-30"
# ---- verify (SA-25, SA-30) ----
check "verify: match (white space and case of names differ)" 0 "match" "" -- \
	"$ITLS" secagree verify "$PC" "Security-Verify: $(echo "$PC_CANON" | sed 's/ipsec-3gpp/IPSEC-3GPP/'), TLS;q=0.5"
check "verify: mismatch on a changed value, exit 1" 1 "mismatch" "" -- \
	"$ITLS" secagree verify "$PC" "Security-Verify: $PC_CANON, tls;q=0.50"
check "verify: mismatch on order" 1 "mismatch" "" -- \
	"$ITLS" secagree verify 'Security-Server: tls, digest' 'Security-Verify: digest, tls'
check "verify: bad verify line, exit 2" 2 "" "bad-d-ver" -- \
	"$ITLS" secagree verify "$PC" 'Security-Verify: digest;d-ver=abc'
check "verify: header kinds (D-SA-8)" 2 "" "bad-header-name" -- \
	"$ITLS" secagree verify 'Security-Server: tls' 'Security-Server: tls'
check "verify --help" 0 "$(cat tests/cli/help/secagree-verify.txt)" "" -- "$ITLS" secagree verify --help

RULES="SA-26 SA-30"
# ---- compare (SA-26, SA-30) ----
check "compare: match" 0 "match" "" -- "$ITLS" secagree compare "$UE" "$UE"
check "compare: bid-down (tls removed from SM1), exit 1" 1 "mismatch" "" -- \
	"$ITLS" secagree compare 'Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;ealg=null;spi-c=1111;spi-s=2222;port-c=5062;port-s=5064;prot=esp;mod=trans' "$UE"
check "compare: header kinds (D-SA-8)" 2 "" "bad-header-name" -- \
	"$ITLS" secagree compare "$UE" "$PC"
check "compare: bad line, exit 2" 2 "" "mixed-headers\|bad-header-name" -- \
	"$ITLS" secagree compare "$UE" 'Security-Clint: tls'
check "compare --help" 0 "$(cat tests/cli/help/secagree-compare.txt)" "" -- "$ITLS" secagree compare --help

RULES=""
# ---- dispatch ----
check "secagree --help" 0 "$(cat tests/cli/help/secagree.txt)" "" -- "$ITLS" secagree --help
check "secagree without subcommand, exit 2" 2 "" "usage" -- "$ITLS" secagree
for sub in "" parse select verify compare; do
	# shellcheck disable=SC2086
	if "$ITLS" secagree $sub --help | head -1 | grep -q '^usage: itls secagree'; then
		echo "ok - secagree $sub --help starts with usage"
	else
		echo "not ok - secagree $sub --help starts with usage"; fail=1
	fi
done
check "unknown subcommand, exit 2" 2 "" "usage" -- "$ITLS" secagree frobnicate

exit $fail
