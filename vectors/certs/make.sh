#!/bin/sh
# vectors/certs/make.sh -- build the certificate fixtures of itls-ref with the
# openssl CLI (OpenSSL 3), then the malformed DER files with mkbad.py.
#
# The committed *.der files ARE the fixtures: the vectors are computed from
# them, and nothing runs this script at test time. Keys (*.key.pem) are
# committed and reused when present, so a re-run changes only the validity
# dates (openssl req/x509 start "now") and the ECDSA signatures (random k).
# Every certificate has a fixed serial and a validity of 36500 days.
#
# Usage: sh vectors/certs/make.sh        (from anywhere; writes beside itself)
#        sh vectors/certs/make.sh pki    (only the PKI fixtures, pki-*)
set -eu
cd "$(dirname "$0")"
OPENSSL=${OPENSSL:-openssl}
PYTHON=${PYTHON:-/usr/bin/python3}
DAYS=36500
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

rsa_key() {	# FILE: an RSA 2048 key, made once
	[ -f "$1" ] || $OPENSSL genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1"
}
ec_key() {	# FILE: a P-256 key, made once
	[ -f "$1" ] || $OPENSSL genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
		-pkeyopt ec_param_enc:named_curve -out "$1"
}

# selfsigned OUT.der KEY SERIAL MASK DN EXT
#   DN : lines of the [dn] section ("" for an empty subject)
#   EXT: lines of the [ext] section ("" for a v1 certificate without extensions)
#   MASK: string_mask (utf8only -> UTF8String, default -> PrintableString when it fits)
selfsigned() {
	out=$1 key=$2 serial=$3 mask=$4 dn=$5 ext=$6
	cfg=$TMP/req.cnf
	{
		printf '[req]\nprompt = no\ndistinguished_name = dn\nstring_mask = %s\n' "$mask"
		[ -z "$ext" ] || printf 'x509_extensions = ext\n'
		printf '[dn]\n%s\n' "$dn"
		[ -z "$ext" ] || printf '[ext]\n%s\n' "$ext"
	} >"$cfg"
	if [ -z "$ext" ]; then
		# version 1, no extensions: a CSR signed by its own key with `x509 -req`
		$OPENSSL req -new -key "$key" -config "$cfg" -out "$TMP/req.csr"
		$OPENSSL x509 -req -in "$TMP/req.csr" -key "$key" -days $DAYS -sha256 \
			-set_serial "$serial" -outform DER -out "$out"
		return
	fi
	subj=""
	[ -n "$dn" ] || subj="-subj /"
	# shellcheck disable=SC2086
	$OPENSSL req -new -x509 -key "$key" -config "$cfg" $subj -days $DAYS -sha256 \
		-set_serial "$serial" -outform DER -out "$out"
}

# signed OUT.der KEY CA.der CA.key SERIAL DN EXT  (a leaf issued by a CA)
signed() {
	out=$1 key=$2 ca=$3 cakey=$4 serial=$5 dn=$6 ext=$7
	cfg=$TMP/leaf.cnf
	printf '[req]\nprompt = no\ndistinguished_name = dn\nstring_mask = utf8only\n[dn]\n%s\n[ext]\n%s\n' \
		"$dn" "$ext" >"$cfg"
	$OPENSSL req -new -key "$key" -config "$cfg" -out "$TMP/leaf.csr"
	$OPENSSL x509 -req -in "$TMP/leaf.csr" -CA "$ca" -CAform DER -CAkey "$cakey" \
		-days $DAYS -sha256 -set_serial "$serial" -extfile "$cfg" -extensions ext \
		-outform DER -out "$out"
}

# dated OUT.der KEY ISSUER.der|self ISSUER.key SERIAL START END DN EXT
#   a certificate with fixed validity dates (YYYYMMDDHHMMSSZ), made with
#   `openssl ca`: the PKI fixtures are judged against the simulator's clock
#   (spec/transport.md TR-10), so their dates may not depend on "now"
dated() {
	out=$1 key=$2 issuer=$3 ikey=$4 serial=$5 start=$6 end=$7 dn=$8 ext=$9
	d=$TMP/ca
	rm -rf "$d"
	mkdir -p "$d/new"
	: >"$d/index.txt"
	printf '%x\n' "$serial" | awk '{ if (length($0) % 2) print "0" $0; else print }' >"$d/serial"
	printf '[ca]\ndefault_ca = c\n[c]\ndatabase = %s/index.txt\nserial = %s/serial\nnew_certs_dir = %s/new\npolicy = p\nunique_subject = no\nemail_in_dn = no\n[p]\ncommonName = optional\norganizationName = optional\n[req]\nprompt = no\ndistinguished_name = dn\nstring_mask = utf8only\n[dn]\n%s\n[ext]\n%s\n' \
		"$d" "$d" "$d" "$dn" "$ext" >"$d/cnf"
	$OPENSSL req -new -key "$key" -config "$d/cnf" -out "$d/req.csr"
	if [ "$issuer" = self ]; then
		$OPENSSL ca -batch -config "$d/cnf" -selfsign -keyfile "$key" -in "$d/req.csr" \
			-startdate "$start" -enddate "$end" -md sha256 -extfile "$d/cnf" -extensions ext \
			-notext -preserveDN -out "$d/out.pem" 2>/dev/null
	else
		$OPENSSL x509 -inform DER -in "$issuer" -out "$d/issuer.pem"
		$OPENSSL ca -batch -config "$d/cnf" -cert "$d/issuer.pem" -keyfile "$ikey" -in "$d/req.csr" \
			-startdate "$start" -enddate "$end" -md sha256 -extfile "$d/cnf" -extensions ext \
			-notext -preserveDN -out "$d/out.pem" 2>/dev/null
	fi
	$OPENSSL x509 -in "$d/out.pem" -outform DER -out "$out"
}

# ---- PKI mode (spec/transport.md TR-15..TR-18): a home root, an intermediate, the
# P-CSCF leaf, a leaf outside the home domain, an expired leaf, and a visited
# network's CA cross-certified by the home root with its P-CSCF. P-256 keys.
pki() {
	CA_EXT='basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash'
	SUB_EXT="$CA_EXT
authorityKeyIdentifier = keyid"
	SUB_EXT0='basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid'
	leaf_ext() { printf 'subjectAltName = URI:sip:%s, DNS:%s\nbasicConstraints = critical, CA:FALSE\nkeyUsage = critical, digitalSignature\nextendedKeyUsage = serverAuth\nauthorityKeyIdentifier = keyid' "$1" "$1"; }
	ec_key pki-root.key.pem
	ec_key pki-int.key.pem
	ec_key pki-pcscf.key.pem
	ec_key pki-visited-ca.key.pem
	ec_key pki-visited.key.pem
	dated pki-root.der pki-root.key.pem self - 5001 20250101000000Z 20450101000000Z \
		"O = IMS Operator
CN = IMS Operator Root CA" "$CA_EXT"
	dated pki-int.der pki-int.key.pem pki-root.der pki-root.key.pem 5002 \
		20250101000000Z 20400101000000Z "O = IMS Operator
CN = IMS Operator P-CSCF CA" "$SUB_EXT0"
	dated pki-pcscf.der pki-pcscf.key.pem pki-int.der pki-int.key.pem 5003 \
		20250601000000Z 20300601000000Z "O = IMS Operator
CN = pcscf.ims.com" "$(leaf_ext pcscf.ims.com)"
	dated pki-other.der pki-pcscf.key.pem pki-int.der pki-int.key.pem 5004 \
		20250601000000Z 20300601000000Z "O = IMS Operator
CN = pcscf.other.net" "$(leaf_ext pcscf.other.net)"
	dated pki-expired.der pki-pcscf.key.pem pki-int.der pki-int.key.pem 5005 \
		20230101000000Z 20250101000000Z "O = IMS Operator
CN = pcscf.ims.com" "$(leaf_ext pcscf.ims.com)"
	dated pki-visited-ca.der pki-visited-ca.key.pem pki-root.der pki-root.key.pem 5006 \
		20250101000000Z 20400101000000Z "O = Visited Operator
CN = Visited Operator CA" "$SUB_EXT0"
	dated pki-visited.der pki-visited.key.pem pki-visited-ca.der pki-visited-ca.key.pem 5007 \
		20250601000000Z 20300601000000Z "O = Visited Operator
CN = pcscf.visited.ims.com" "$(leaf_ext pcscf.visited.ims.com)"
	# the man in the middle of pki-untrusted: self-signed, the right names, valid dates
	dated pki-mitm.der mitm.key.pem self - 5008 20250101000000Z 20450101000000Z \
		"O = Attacker
CN = pcscf.ims.com" "subjectAltName = URI:sip:pcscf.ims.com, DNS:pcscf.ims.com
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth"
}
if [ "${1:-}" = pki ]; then
	pki
	exit 0
fi

K=fixture.key.pem	# one RSA key signs every identity-shape certificate
rsa_key $K
O='O = IMS Operator'
U=utf8only

# ---- identity shapes (RFC 5922 7.1, D-NM-1..D-NM-3) --------
selfsigned san-uri-sip.der       $K 101 $U "CN = pcscf.ims.com" "subjectAltName = URI:sip:pcscf.ims.com"
selfsigned san-uri-sip-user.der  $K 102 $U "$O" "subjectAltName = URI:sip:user@pcscf.ims.com"
selfsigned san-uri-sip-user-dns.der $K 103 $U "$O" \
	"subjectAltName = URI:sip:user@pcscf.ims.com, DNS:pcscf.ims.com"
selfsigned san-uri-sip-params.der $K 104 $U "$O" \
	"subjectAltName = URI:sip:pcscf.ims.com:5061;transport=tls"
selfsigned san-uri-sip-upper.der $K 105 $U "$O" "subjectAltName = URI:SIP:PCSCF.IMS.COM"
selfsigned san-uri-sips.der      $K 106 $U "$O" "subjectAltName = URI:sips:pcscf.ims.com"
selfsigned san-uri-other.der     $K 107 $U "$O" \
	"subjectAltName = URI:https://pcscf.ims.com/, URI:tel:+4930123456, DNS:pcscf.ims.com"
selfsigned san-uri-other-cn.der  $K 108 $U "CN = pcscf.ims.com" \
	"subjectAltName = URI:https://pcscf.ims.com/, URI:tel:+4930123456"
selfsigned san-dns.der           $K 109 $U "$O" "subjectAltName = DNS:pcscf.ims.com"
selfsigned san-dns-multi.der     $K 110 $U "$O" \
	"subjectAltName = DNS:www.example.net, DNS:pcscf.ims.com"
selfsigned cn-only.der           $K 111 $U "CN = pcscf.ims.com" ""
selfsigned cn-san.der            $K 112 $U "CN = pcscf.ims.com" "subjectAltName = DNS:pcscf.other.net"
selfsigned san-uri-dns.der       $K 113 $U "CN = cn.other.net" \
	"subjectAltName = URI:sip:pcscf.ims.com, DNS:pcscf.other.net"
selfsigned upper-case.der        $K 114 $U "CN = PCSCF.IMS.COM" "subjectAltName = DNS:PCSCF.IMS.COM"
selfsigned trailing-dot.der      $K 115 $U "$O" "subjectAltName = DNS:pcscf.ims.com."
selfsigned wildcard.der          $K 116 $U "CN = *.ims.com" "subjectAltName = DNS:*.ims.com"
selfsigned wildcard-plus.der     $K 117 $U "$O" "subjectAltName = DNS:*.ims.com, DNS:pcscf.ims.com"
selfsigned wildcard-partial.der  $K 118 $U "$O" "subjectAltName = DNS:pcscf*.ims.com"
selfsigned lookalike-evilims.der $K 119 $U "$O" \
	"subjectAltName = DNS:evilims.com, DNS:pcscf.evilims.com"
selfsigned lookalike-suffix.der  $K 120 $U "$O" \
	"subjectAltName = DNS:ims.com.evil.net, DNS:pcscf.ims.com.evil.net"
selfsigned deep.der              $K 121 $U "$O" "subjectAltName = DNS:a.b.c.pcscf.ims.com"
selfsigned ts23003.der           $K 122 $U "CN = pcscf.ims.mnc001.mcc001.3gppnetwork.org" \
	"subjectAltName = URI:sip:pcscf.ims.mnc001.mcc001.3gppnetwork.org, DNS:pcscf.ims.mnc001.mcc001.3gppnetwork.org"
selfsigned san-ip-only.der       $K 123 $U "$O" "subjectAltName = IP:192.0.2.1, IP:2001:db8::1"
selfsigned san-email-only.der    $K 124 $U "CN = pcscf.ims.com" "subjectAltName = email:pcscf@ims.com"
alt40=""
i=1
while [ $i -le 39 ]; do
	alt40="${alt40}DNS:n$(printf %02d $i).example.net, "
	i=$((i + 1))
done
selfsigned san-40.der            $K 125 $U "CN = n00.example.net" "subjectAltName = ${alt40}DNS:pcscf.ims.com"
selfsigned multi-cn.der          $K 126 $U "0.CN = www.example.net
1.CN = pcscf.ims.com" ""
selfsigned subject-full.der      $K 127 $U "C = DE
O = IMS Operator
OU = Core Network
CN = pcscf.ims.com" "subjectKeyIdentifier = hash"
selfsigned cn-printable.der      $K 129 default "CN = pcscf.ims.com" ""
selfsigned no-subject.der        $K 130 $U "" "subjectAltName = critical, URI:sip:pcscf.ims.com"
selfsigned domain-itself.der     $K 131 $U "$O" "subjectAltName = DNS:ims.com"
selfsigned operator-realm.der    $K 132 $U "CN = pcscf.operator1.ims.com" \
	"subjectAltName = URI:sip:pcscf.operator1.ims.com, DNS:pcscf.operator1.ims.com"
selfsigned no-name.der           $K 133 $U "$O" "basicConstraints = CA:FALSE"

# multi-rdn: CN and O in ONE relative distinguished name (a SET of two attributes)
printf '[req]\ndistinguished_name = dn\nstring_mask = utf8only\nx509_extensions = ext\n[dn]\n[ext]\nbasicConstraints = CA:FALSE\n' >"$TMP/mv.cnf"
$OPENSSL req -new -x509 -key $K -config "$TMP/mv.cnf" -multivalue-rdn \
	-subj "/CN=pcscf.ims.com+O=IMS Operator" -days $DAYS -sha256 -set_serial 128 \
	-outform DER -out multi-rdn.der

# ---- capacities of the reader (spec/naming.md NM-05..NM-07): at the limit and one more
cns() {	# N: N commonName lines
	j=0
	while [ $j -lt "$1" ]; do
		printf '%d.CN = cn%d.example.net\n' $j $j
		j=$((j + 1))
	done
	printf '%d.CN = pcscf.ims.com' "$1"
}
selfsigned cn-8.der              $K 140 $U "$(cns 7)" ""
selfsigned bad-cn-9.der          $K 141 $U "$(cns 8)" ""
sans() {	# N: N-1 dNSName/URI entries then DNS:pcscf.ims.com (plus 3 iPAddress)
	j=1
	r="IP:192.0.2.1, "
	while [ $j -lt "$1" ]; do
		if [ $((j % 2)) -eq 0 ]; then
			r="${r}URI:sip:n$(printf %02d $j).example.net, "
		else
			r="${r}DNS:n$(printf %02d $j).example.net, "
		fi
		j=$((j + 1))
	done
	printf 'subjectAltName = %sIP:192.0.2.2, IP:192.0.2.3, DNS:pcscf.ims.com' "$r"
}
selfsigned san-64.der            $K 142 $U "$O" "$(sans 64)"
selfsigned bad-san-65.der        $K 143 $U "$O" "$(sans 65)"
extn() {	# N: SAN + N-1 private extensions (no subjectKeyIdentifier)
	printf 'subjectKeyIdentifier = none\nsubjectAltName = DNS:pcscf.ims.com\n'
	j=2
	while [ $j -le "$1" ]; do
		printf '1.3.6.1.4.1.32473.%d = ASN1:NULL\n' $j
		j=$((j + 1))
	done
}
selfsigned ext-32.der            $K 144 $U "$O" "$(extn 32)"
selfsigned bad-ext-33.der        $K 145 $U "$O" "$(extn 33)"
selfsigned san-uri-sip-ipv6.der  $K 146 $U "$O" "subjectAltName = URI:sip:[2001:db8::1]:5061"
selfsigned san-dns-two-dots.der  $K 147 $U "$O" "subjectAltName = DNS:pcscf.ims.com.."
selfsigned cn-ims-domain.der     $K 148 $U "CN = ims.com" ""
selfsigned san-uri-sip-headers.der $K 149 $U "$O" "subjectAltName = URI:sip:pcscf.ims.com?subject=x"
selfsigned san-uri-sip-empty-user.der $K 150 $U "$O" \
	"subjectAltName = URI:sip:@pcscf.ims.com, URI:sip:pcscf.evil.net"

# ---- the P-CSCF's certificates (the simulator serves pcscf-rsa with its key) --
PC_EXT='subjectAltName = URI:sip:pcscf.ims.com, DNS:pcscf.ims.com
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth'
PC_EXT_EC='subjectAltName = URI:sip:pcscf.ims.com, DNS:pcscf.ims.com
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth'
PC_DN='O = IMS Operator
CN = pcscf.ims.com'
rsa_key pcscf-rsa.key.pem
selfsigned pcscf-rsa.der pcscf-rsa.key.pem 4097 $U "$PC_DN" "$PC_EXT"
ec_key pcscf-ec.key.pem
selfsigned pcscf-ec.der pcscf-ec.key.pem 4098 $U "$PC_DN" "$PC_EXT_EC"
# the man in the middle: the same names, its own key
rsa_key mitm.key.pem
selfsigned mitm.der mitm.key.pem 4099 $U "O = Attacker
CN = pcscf.ims.com" "$PC_EXT"

# ---- a CA and a leaf it issued ------------------------------------------------
rsa_key ca.key.pem
selfsigned ca.der ca.key.pem 1 $U "O = IMS Operator
CN = IMS Operator Root CA" "basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash"
rsa_key leaf.key.pem
signed leaf.der leaf.key.pem ca.der ca.key.pem 4100 "$PC_DN" "$PC_EXT
authorityKeyIdentifier = keyid"

pki

# ---- malformed DER, derived from pcscf-rsa.der ---------------------------------
$PYTHON mkder.py
