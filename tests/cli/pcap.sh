#!/bin/sh
# tests/cli/pcap.sh ITLS -- the capture of every `itls demo` scenario read back
# by tshark (spec/transport.md TR-01..TR-13): no malformed frame, no TCP
# analysis warning, every SIP message of the ladder's TLS hop found inside
# TLS after decryption with the key log, the ports of the spec, Via agreeing
# with the ports, ESP whose ICV verifies under IK.
# One line per check: "ok - ..." or "not ok - ...". Exit 1 when any fails.
set -u
ITLS=${1:-build/itls}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok - ${RULES:+[$RULES] }$1"; }
nok() { echo "not ok - $1"; fail=1; }
expect() {
	name=$1
	shift
	if "$@"; then ok "$name"; else nok "$name"; fi
}

if ! command -v tshark > /dev/null 2>&1; then
	nok "tshark is not installed"
	exit 1
fi

# IK of the demo (TS 35.208 test set 1), IK_ESP = IK || 32 zero bits (TR-07)
IKESP=0xf769bcd751044604127672711c6d344100000000
SA="\"NULL\",\"\",\"HMAC-SHA-1-96 [RFC2404]\",\"$IKESP\""

tshark_run() { # PCAP KEYS ARGS...
	p=$1
	k=$2
	shift 2
	timeout 120 tshark -r "$p" -o "tls.keylog_file:$k" \
		-o esp.enable_encryption_decode:TRUE -o esp.enable_authentication_check:TRUE \
		-o "uat:esp_sa:\"IPv4\",\"*\",\"*\",\"*\",$SA" \
		-o tcp.analyze_sequence_numbers:TRUE \
		-o tcp.try_heuristic_first:TRUE -d tls.port==5060,sip "$@" 2> /dev/null
}

total_want=0
total_got=0
RULES="TR-02 TR-03 TR-04 TR-05 TR-07 TR-08 TR-13 TR-20 TR-24"
for s in $("$ITLS" demo --list | awk '{print $1}'); do
	"$ITLS" demo "$s" --pcap "$T/$s.pcap" --keylog "$T/$s.keys" > "$T/$s.txt" 2> "$T/err"
	rc=$?
	if [ $rc -ne 0 ] || [ ! -s "$T/$s.pcap" ]; then
		nok "$s: demo --pcap --keylog (exit $rc)"
		continue
	fi
	# TR-13: nothing malformed, no TCP analysis flag, no expert warning
	# (the RST of TR-24 is an expert warning by design: counted apart)
	bad=$(tshark_run "$T/$s.pcap" "$T/$s.keys" \
		-Y '_ws.malformed || tcp.analysis.flags || (_ws.expert.severity >= warning && !tcp.connection.rst)' | wc -l)
	rst=$(tshark_run "$T/$s.pcap" "$T/$s.keys" -Y 'tcp.flags.reset == 1' | wc -l)
	if [ "$s" = fallback-ipsec ]; then
		expect "$s: the P-CSCF without TLS answers the SYN to 5061 with one RST (TR-24)" test "$rst" -eq 1
	else
		expect "$s: no RST" test "$rst" -eq 0
	fi
	frames=$(tshark_run "$T/$s.pcap" "$T/$s.keys" | wc -l)
	expect "$s: $frames frames, 0 malformed, 0 TCP analysis warnings ($bad)" test "$bad" -eq 0 -a "$frames" -gt 0

	tshark_run "$T/$s.pcap" "$T/$s.keys" -T fields -E occurrence=f \
		-e frame.number -e ip.src -e ip.dst -e tcp.srcport -e tcp.dstport -e udp.srcport \
		-e udp.dstport -e tls.record.content_type -e esp.spi -e esp.icv_good \
		-e sip.Method -e sip.Status-Code -e sip.Via.sent-by.port -e sip.Via.transport \
		-e tcp.flags.syn -e tcp.flags.ack > "$T/$s.f"

	# TR-08: the ladder's TLS-hop messages, decrypted, in order
	grep -E '\[(PSK-)?TLS\]$' "$T/$s.txt" | grep -E '^ *\|' \
		| sed -E 's/.* [A-Z0-9]+ ([A-Z]+) sips?:.*/\1/; s/.* SIP\/2\.0 ([0-9]+) .*/\1/' > "$T/$s.want"
	awk -F'\t' '$8 == "23" && ($11 != "" || $12 != "") { print ($11 != "" ? $11 : $12) }' \
		"$T/$s.f" > "$T/$s.got"
	w=$(wc -l < "$T/$s.want")
	g=$(wc -l < "$T/$s.got")
	total_want=$((total_want + w))
	total_got=$((total_got + g))
	expect "$s: the $w SIP messages of the TLS hop are found inside TLS after decryption ($g)" \
		cmp -s "$T/$s.want" "$T/$s.got"

	# TR-02, TR-04: TLS records only on the P-CSCF's (or MitM's) port 5061;
	# TR-14: on SM1's connection to 5060 in tcp-upgrade
	tp=5061
	[ "$s" = tcp-upgrade ] && tp=5060
	off=$(awk -F'\t' -v p=$tp '$8 != "" && $4 != p && $5 != p' "$T/$s.f" | wc -l)
	expect "$s: every TLS record on a connection to port $tp" test "$off" -eq 0
	# TR-04: every connection opened toward 5060 or 5061 from an ephemeral port
	syn=$(awk -F'\t' '$15 == "1" && $16 == "0" { printf "%s ", $5 }' "$T/$s.f")
	# (behind the NAT of TR-20 the UE's ports are the NAT's, from 40000)
	badsyn=$(awk -F'\t' '$15 == "1" && $16 == "0" && (($5 != "5060" && $5 != "5061") || ($4 < 49152 && !($2 == "198.51.100.7" && $4 >= 40000)))' "$T/$s.f" | wc -l)
	expect "$s: connections to the SIP/SIPS ports from ephemeral ports ($syn)" test "$badsyn" -eq 0
	# TR-03, TR-04, TR-07: the Via of the UE's requests names the port they leave from
	# (TCP/TLS: the connection's source port; ESP: port_us; UDP: 5060)
	via=$(awk -F'\t' '$2 == "10.0.0.1" && $11 != "" {
		if ($9 != "") want = 5064; else if ($4 != "") want = $4; else want = $6;
		tr = ($8 == "23") ? "TLS" : ($4 != "" ? "TCP" : "UDP");
		if ($13 != want || $14 != tr) print $1 }' "$T/$s.f" | wc -l)
	n=$(awk -F'\t' '$2 == "10.0.0.1" && $11 != ""' "$T/$s.f" | wc -l)
	nn=$(awk -F'\t' '$2 == "198.51.100.7" && $11 != ""' "$T/$s.f" | wc -l)
	if [ "$nn" -gt 0 ]; then
		# TR-20: behind the NAT the P-CSCF sees the NAT's address and port,
		# while Via names the UE's private address
		bad=$(awk -F'\t' '$2 == "198.51.100.7" && $11 != "" && ($4 == $13 || $6 == $13 && $6 != "")' "$T/$s.f" | wc -l)
		expect "$s: $nn requests arrive from the NAT (198.51.100.7), their Via keeps the UE's own port" test "$bad" -eq 0
	elif [ "$n" -gt 0 ]; then
		expect "$s: Via of the UE's $n requests agrees with the capture" test "$via" -eq 0
	else
		# the handshake was refused: no request, in the ladder either
		expect "$s: no request from the UE, as in the ladder" test "$(grep -c ' SM1 ' "$T/$s.txt")" -eq 0
	fi
	# TR-07: ESP on the negotiated protected ports, ICV verified under IK_ESP
	esp=$(awk -F'\t' '$9 != ""' "$T/$s.f" | wc -l)
	if [ "$esp" -gt 0 ]; then
		badesp=$(awk -F'\t' '$9 != "" && $10 != "1"' "$T/$s.f" | wc -l)
		badports=$(awk -F'\t' '$9 != "" && !((($2 == "10.0.0.1" || $2 == "198.51.100.7") && $6 == "5062" && $7 == "5068" && $9 == "0x0000ad9c") || ($2 == "10.0.0.2" && $6 == "5066" && $7 == "5064" && $9 == "0x000056ce"))' "$T/$s.f" | wc -l)
		expect "$s: $esp ESP packets, ICV HMAC-SHA-1-96 verified under IK_ESP" test "$badesp" -eq 0
		expect "$s: ESP from port-c 5062 to port-s 5068 (spi-s 44444), back from 5066 to 5064 (spi-s 22222)" test "$badports" -eq 0
	fi
done

RULES="TR-02 TR-03 TR-14"
# the scenarios' own ports (TR-02, TR-03)
syns() { awk -F'\t' '$15 == "1" && $16 == "0" { printf "%s ", $5 }' "$T/$1.f"; }
expect "itls: one connection, to the SIPS port (TLS first)" test "$(syns itls)" = "5061 "
expect "secagree-first: SM1 over TCP to 5060, then TLS to 5061" test "$(syns secagree-first)" = "5060 5061 "
expect "fallback-ipsec: TLS refused on 5061, then SM1 over TCP to 5060" test "$(syns fallback-ipsec)" = "5061 5060 "
expect "mitm: the UE to the MitM's 5061, the MitM to the P-CSCF's 5061" test "$(syns mitm)" = "5061 5061 "
expect "no-tls-ue: no TCP connection (a Rel-5/6 UE uses UDP)" test "$(syns no-tls-ue)" = ""
expect "tcp-upgrade: one connection, to 5060, carries SM1, SM6, the TLS handshake and SM7..SM12 (TR-14)" test "$(syns tcp-upgrade)" = "5060 "
resume=$(syns resume)
expect "resume: a second connection to 5061 for the abbreviated handshake" test "$resume" = "5061 5061 "
expect "reauth: one connection to 5061 carries both registrations (UE-28)" test "$(syns reauth)" = "5061 "
n=$(awk -F'\t' '$8 == "23" && $11 == "REGISTER"' "$T/reauth.f" | wc -l)
expect "reauth: the 4 REGISTERs (SM1, SM7 twice) decrypted inside TLS ($n)" test "$n" -eq 4

RULES="TR-19 TR-20 TR-21 TR-22 TR-23"
# TR-19, TR-20, TR-22, TR-23: nat-tls
m=$(awk -F'\t' '$11 == "MESSAGE" && $2 == "10.0.1.4" && $4 != ""' "$T/nat-tls.f" | wc -l)
expect "nat-tls: the MESSAGE of over 1300 bytes goes over TCP on the core hop ($m)" test "$m" -eq 2
m=$(awk -F'\t' '$11 == "MESSAGE" && $3 == "198.51.100.7" && $8 == "23" && $7 == "" && $5 >= 40000' "$T/nat-tls.f" | wc -l)
expect "nat-tls: the MESSAGE reaches the UE inside TLS, on the NAT's mapped port of the UE's connection" test "$m" -eq 1
ka=$(tshark_run "$T/nat-tls.pcap" "$T/nat-tls.keys" -Y 'tls.record.content_type == 23 && tcp.len < 40' | wc -l)
expect "nat-tls: 3 CRLF keep-alives and their pongs, as TLS records ($ka)" test "$ka" -eq 6
e=$(awk -F'\t' '$9 != "" && $2 == "198.51.100.7"' "$T/nat-ipsec.f" | wc -l)
expect "nat-ipsec: SM7's ESP leaves the NAT with the NAT's address (TR-21)" test "$e" -eq 1

RULES="TR-08"
# s_token and c_token visible in the decrypted SIP (TR-08)
tshark_run "$T/itls.pcap" "$T/itls.keys" -Y 'tls && sip' -V > "$T/itls.V"
expect "itls: s_token in the decrypted SM6" grep -q 's_token="446c19571e4c458800065e7a"' "$T/itls.V"
expect "itls: c_token in the decrypted SM7" grep -q 'c_token="413c4006bfb7f2ba6e063472"' "$T/itls.V"
RULES="TR-12"
# TR-12: the PSK-TLS capture also decrypts from the PSK alone (tshark derives it)
PSK=$("$ITLS" psk --ck b40ba9a3c58b2a05bbf0d987b21bf8cb --ik f769bcd751044604127672711c6d3441 \
	--impi user1@operator1.ims.com | sed -n 's/^psk //p')
n=$(timeout 60 tshark -r "$T/psk.pcap" -o "tls.psk:$PSK" -Y 'tls && sip' 2> /dev/null | wc -l)
expect "psk: tshark with tls.psk (the PSK of itls psk) decrypts the $n TLS-hop SIP messages" test "$n" -eq "$(wc -l < "$T/psk.want")" -a "$n" -gt 0
RULES="TR-09"
# TR-09: the key log format
expect "key log lines are CLIENT_RANDOM <64 hex> <96 hex>" \
	test -z "$(cat "$T"/*.keys | grep -Ev '^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}$')"

RULES="TR-10 TR-11"
# --all: one file for every scenario, runs ten minutes apart (TR-11)
"$ITLS" demo --all --pcap "$T/all.pcap" --keylog "$T/all.keys" > /dev/null
bad=$(tshark_run "$T/all.pcap" "$T/all.keys" -Y '_ws.malformed || tcp.analysis.flags' | wc -l)
n=$(tshark_run "$T/all.pcap" "$T/all.keys" -Y 'tls.record.content_type == 23 && sip' | wc -l)
expect "--all: one capture, 0 malformed or TCP warnings, $n decrypted TLS-hop SIP messages (want $total_want)" \
	test "$bad" -eq 0 -a "$n" -eq "$total_want"
nm=$(tshark_run "$T/all.pcap" "$T/all.keys" -T fields -e frame.time_relative \
	| awk 'NR > 1 && $1 <= prev { bad++ } { prev = $1 } END { print bad + 0 }')
expect "--all: times only grow across the runs (TR-11)" test "$nm" -eq 0
"$ITLS" demo itls --keylog "$T/x" > "$T/out" 2> "$T/err"
expect "--keylog without --pcap: exit 2, nothing on stdout" test $? -eq 2 -a ! -s "$T/out"
"$ITLS" demo itls --pcap "$T/y.pcap" --keylog "$T/no/such/dir" > "$T/out" 2> "$T/err"
expect "--keylog into a missing directory: exit 2" test $? -eq 2

if [ "$total_want" -gt 0 ]; then
	echo "# TLS-hop SIP messages decrypted and dissected: $total_got of $total_want ($((100 * total_got / total_want)) %)"
fi
exit $fail
