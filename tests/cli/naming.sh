#!/bin/sh
# tests/cli/naming.sh ITLS -- the `itls name` and `itls imsi` commands
# (spec/naming.md NM-23; D-04). One line per check:
# "ok - ..." or "not ok - ...". Exit 1 when any check fails.
#
# Certificates: the fixtures of vectors/certs/ when present, else a few
# made here with openssl.
set -u
ITLS=${1:-build/itls}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
n=0

# check NAME WANT_RC WANT_STDOUT WANT_STDERR_WORD -- CMD...
# WANT_STDOUT is compared exactly ("" = empty); WANT_STDERR_WORD "" means
# stderr must be empty, else stderr must start with "itls: WORD".
check() {
	name=$1; want_rc=$2; want_out=$3; want_err=$4; shift 5
	n=$((n + 1))
	"$@" > "$T/out" 2> "$T/err"
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

C=vectors/certs
if [ ! -f "$C/pcscf-rsa.der" ]; then
	# fallback certificates (openssl)
	C=$T
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/k.pem" \
		-subj "/O=IMS Operator/CN=pcscf.ims.com" \
		-addext "subjectAltName=URI:sip:pcscf.ims.com,DNS:pcscf.ims.com" \
		-days 30 -outform DER -out "$C/pcscf-rsa.der" 2>/dev/null
	openssl req -x509 -key "$T/k.pem" -nodes -subj "/CN=pcscf.ims.com" \
		-days 30 -outform DER -out "$C/cn-only.der" 2>/dev/null
	openssl req -x509 -key "$T/k.pem" -nodes -subj "/CN=x" \
		-addext "subjectAltName=DNS:*.ims.com" -days 30 -outform DER \
		-out "$C/wildcard.der" 2>/dev/null
	openssl req -x509 -key "$T/k.pem" -nodes -subj "/CN=pcscf.ims.com" \
		-addext "subjectAltName=IP:192.0.2.1" -days 30 -outform DER \
		-out "$C/san-ip-only.der" 2>/dev/null
	openssl req -x509 -key "$T/k.pem" -nodes -subj "/CN=x" \
		-addext "subjectAltName=DNS:evilims.com" -days 30 -outform DER \
		-out "$C/lookalike-evilims.der" 2>/dev/null
fi
P=$C/pcscf-rsa.der

RULES="NM-15 NM-23"
# ---- identities (NM-15) ---------------------------------------------------
check "identities: SAN in order, then CN" 0 "uri sip:pcscf.ims.com
dns pcscf.ims.com
cn pcscf.ims.com" "" -- "$ITLS" name identities --cert "$P"
check "identities: CN only" 0 "cn pcscf.ims.com" "" -- \
	"$ITLS" name identities --cert "$C/cn-only.der"
head -c 100 "$P" > "$T/trunc.der"
check "identities: truncated certificate exits 2" 2 "" der-truncated -- \
	"$ITLS" name identities --cert "$T/trunc.der"
cp "$P" "$T/trail.der"; printf 'X' >> "$T/trail.der"
check "identities: trailing data exits 2" 2 "" der-trailing-data -- \
	"$ITLS" name identities --cert "$T/trail.der"
: > "$T/empty.der"
check "identities: empty file exits 2" 2 "" empty -- \
	"$ITLS" name identities --cert "$T/empty.der"
check "identities: missing file exits 2" 2 "" unreadable -- \
	"$ITLS" name identities --cert "$T/nonexistent.der"
check "identities: no --cert is usage" 2 "" usage -- "$ITLS" name identities
openssl x509 -inform DER -in "$P" -out "$T/p.pem"
check "identities: PEM input" 0 "uri sip:pcscf.ims.com
dns pcscf.ims.com
cn pcscf.ims.com" "" -- "$ITLS" name identities --cert "$T/p.pem"
head -c 40 "$T/p.pem" > "$T/bad.pem"
check "identities: PEM without END line exits 2" 2 "" bad-pem -- \
	"$ITLS" name identities --cert "$T/bad.pem"
check "identities: unknown option is usage" 2 "" usage -- \
	"$ITLS" name identities --cert "$P" --bogus

RULES="NM-17 NM-18 NM-19 NM-20"
# ---- check (NM-17..NM-20) ---------------------------------------------------
check "check: home domain" 0 "match" "" -- \
	"$ITLS" name check --cert "$P" --domain ims.com
check "check: case and trailing dot of the domain" 0 "match" "" -- \
	"$ITLS" name check --cert "$P" --domain IMS.COM.
check "check: both realm forms (dot)" 0 "match" "" -- \
	"$ITLS" name check --cert "$P" --domain ims.com --realm operator1.ims.com
check "check: both realm forms (at)" 0 "match" "" -- \
	"$ITLS" name check --cert "$P" --domain ims.com --realm operator1@ims.com
check "check: realm outside the domain" 1 "mismatch realm-mismatch" "" -- \
	"$ITLS" name check --cert "$P" --domain ims.com --realm operator1.evil.net
check "check: other domain" 1 "mismatch domain-mismatch" "" -- \
	"$ITLS" name check --cert "$P" --domain evil.net
check "check: look-alike domain" 1 "mismatch domain-mismatch" "" -- \
	"$ITLS" name check --cert "$C/lookalike-evilims.der" --domain ims.com
check "check: --exact wants equality" 1 "mismatch domain-mismatch" "" -- \
	"$ITLS" name check --cert "$P" --domain ims.com --exact
check "check: --exact with the host itself" 0 "match" "" -- \
	"$ITLS" name check --cert "$P" --domain pcscf.ims.com --exact
check "check: wildcard never matches" 1 "mismatch domain-mismatch" "" -- \
	"$ITLS" name check --cert "$C/wildcard.der" --domain ims.com
check "check: CN fallback without SAN" 0 "match" "" -- \
	"$ITLS" name check --cert "$C/cn-only.der" --domain ims.com
check "check: SAN with only an IP hides the CN" 1 "mismatch no-identity" "" -- \
	"$ITLS" name check --cert "$C/san-ip-only.der" --domain ims.com
check "check: bad domain exits 2" 2 "" bad-domain -- \
	"$ITLS" name check --cert "$P" --domain "*.ims.com"
check "check: empty domain exits 2" 2 "" bad-domain -- \
	"$ITLS" name check --cert "$P" --domain ""
check "check: bad realm exits 2" 2 "" bad-realm -- \
	"$ITLS" name check --cert "$P" --domain ims.com --realm "operator1@"
check "check: malformed certificate exits 2" 2 "" der-truncated -- \
	"$ITLS" name check --cert "$T/trunc.der" --domain ims.com
check "check: missing --domain is usage" 2 "" usage -- \
	"$ITLS" name check --cert "$P"

RULES="NM-22"
# ---- trust (NM-22) -------------------------------------------------------------
check "trust: IMPI, IMPU, home domain inside" 0 "ok 234150999999999@ims.mnc015.mcc234.3gppnetwork.org
ok sip:234150999999999@ims.mnc015.mcc234.3gppnetwork.org
ok ims.mnc015.mcc234.3gppnetwork.org" "" -- \
	"$ITLS" name trust --domain 3gppnetwork.org \
	234150999999999@ims.mnc015.mcc234.3gppnetwork.org \
	sip:234150999999999@ims.mnc015.mcc234.3gppnetwork.org \
	ims.mnc015.mcc234.3gppnetwork.org
check "trust: one outside" 1 "ok user@operator1.ims.com
outside user@operator.com" "" -- \
	"$ITLS" name trust --domain ims.com user@operator1.ims.com user@operator.com
check "trust: seed 003 spelling 3gppnetwork.com is outside .org" 1 \
	"outside ims.mnc015.mcc234.3gppnetwork.com" "" -- \
	"$ITLS" name trust --domain 3gppnetwork.org ims.mnc015.mcc234.3gppnetwork.com
check "trust: tel URI is a bad name" 2 "" bad-name -- \
	"$ITLS" name trust --domain ims.com tel:+358501234567
check "trust: bad trust domain" 2 "" bad-domain -- \
	"$ITLS" name trust --domain "ims..com" a@ims.com
check "trust: no name is usage" 2 "" usage -- "$ITLS" name trust --domain ims.com

RULES="NM-11 NM-12"
# ---- within (NM-11, NM-12) ----------------------------------------------------
check "within: label boundary" 0 "match" "" -- "$ITLS" name within pcscf.ims.com ims.com
check "within: evilims.com" 1 "mismatch" "" -- "$ITLS" name within evilims.com ims.com
check "within: ims.com.evil.net" 1 "mismatch" "" -- "$ITLS" name within ims.com.evil.net ims.com
check "within: --exact" 1 "mismatch" "" -- "$ITLS" name within pcscf.ims.com ims.com --exact

RULES="NM-21"
# ---- imsi (NM-21) -----------------------------------------------------------------
check "imsi: TS 23.003 example, 2-digit MNC" 0 "impi 234150999999999@ims.mnc015.mcc234.3gppnetwork.org
impu sip:234150999999999@ims.mnc015.mcc234.3gppnetwork.org
domain ims.mnc015.mcc234.3gppnetwork.org" "" -- "$ITLS" imsi 234150999999999 2
check "imsi: 3-digit MNC" 0 "impi 310410123456789@ims.mnc410.mcc310.3gppnetwork.org
impu sip:310410123456789@ims.mnc410.mcc310.3gppnetwork.org
domain ims.mnc410.mcc310.3gppnetwork.org" "" -- "$ITLS" imsi 310410123456789 3
check "imsi: not digits" 2 "" bad-imsi -- "$ITLS" imsi 23415099999999x 2
check "imsi: too long" 2 "" bad-imsi -- "$ITLS" imsi 2341509999999990 2
check "imsi: MNC length 4" 2 "" bad-mnc-length -- "$ITLS" imsi 234150999999999 4
check "imsi: wrong arity is usage" 2 "" usage -- "$ITLS" imsi 234150999999999

RULES=""
# ---- help -----------------------------------------------------------------------
n=$((n + 1))
if "$ITLS" name --help | grep -q "usage: itls name identities"; then
	echo "ok - name --help"; else echo "not ok - name --help"; fail=1; fi
n=$((n + 1))
if "$ITLS" imsi --help | grep -q "usage: itls imsi"; then
	echo "ok - imsi --help"; else echo "not ok - imsi --help"; fail=1; fi

exit $fail
