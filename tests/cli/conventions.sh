#!/bin/sh
# tests/cli/conventions.sh ITLS -- the conventions every subcommand of `itls` follows
# (README "The command"; issue 14): --version from VERSION; -h/--help on every command
# and subcommand, equal to the fixed text of tests/cli/help/; the top-level help lists the
# command table; --opt=value; - for stdin; a repeated option is usage; unreadable gives
# the system's reason; too-long files; bad-length for every option of the wrong length;
# stdin lines bounded; bad usage is exit 2 with nothing on stdout; empty input reported.
# One line per check: "ok - ..." or "not ok - ...".
set -u
ITLS=${1:-build/itls}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
STDIN=${STDIN:-/dev/null}

# check NAME WANT_RC WANT_STDOUT WANT_STDERR_PREFIX -- CMD...   (stdin from $STDIN;
# WANT_STDERR_PREFIX "" wants an empty stderr, "-" does not look at it)
check() {
	name=$1; want_rc=$2; want_out=$3; want_err=$4; shift 5
	"$@" > "$T/out" 2> "$T/err" < "$STDIN"
	rc=$?
	got_out=$(cat "$T/out")
	bad=""
	[ "$rc" = "$want_rc" ] || bad="exit $rc, want $want_rc"
	[ "$got_out" = "$want_out" ] || bad="$bad; stdout [$(head -c 300 "$T/out")], want [$want_out]"
	if [ "$want_err" = "-" ]; then
		: # stderr not checked (itls check names failing records there)
	elif [ -z "$want_err" ]; then
		[ -s "$T/err" ] && bad="$bad; stderr [$(cat "$T/err")]"
	else
		head -1 "$T/err" | grep -q "^itls: $want_err" || bad="$bad; stderr [$(cat "$T/err")], want itls: $want_err"
	fi
	if [ -z "$bad" ]; then echo "ok - $name"; else echo "not ok - $name: $bad"; fail=1; fi
}

IK=f769bcd751044604127672711c6d3441
CK=b40ba9a3c58b2a05bbf0d987b21bf8cb
CERT=vectors/certs/leaf.der
ST=23932ba04cf5f04d6e1e99b5

# ---- version ----------------------------------------------------------------------
check "--version prints the VERSION file" 0 "itls $(cat VERSION)" "" -- "$ITLS" --version
check "--version takes no argument" 2 "" "usage" -- "$ITLS" --version x

# ---- help: fixed text, every command and subcommand of the top-level help -----------
check "itls --help is the fixed text" 0 "$(cat tests/cli/help/itls.txt)" "" -- "$ITLS" --help
check "itls -h is the same" 0 "$(cat tests/cli/help/itls.txt)" "" -- "$ITLS" -h
"$ITLS" > "$T/out" 2> "$T/err"
if [ $? = 2 ] && [ ! -s "$T/out" ] && cmp -s "$T/err" tests/cli/help/itls.txt; then
	echo "ok - itls alone: usage on stderr, nothing on stdout, exit 2"
else echo "not ok - itls alone"; fail=1; fi
# the commands and subcommands, as the help lists them
awk '/^commands:/ { on = 1; next } on && /^$/ { exit }
	on { s = ($2 ~ /^[a-z0-9|]+$/ && $2 ~ /[|]/) ? $2 : ""; print $1, s }' tests/cli/help/itls.txt > "$T/cmds"
[ "$(wc -l < "$T/cmds")" -eq 10 ] && echo "ok - the help lists 10 commands" || { echo "not ok - the help lists $(wc -l < "$T/cmds") commands"; fail=1; }
for want in "authparam parse|nonce|sm6|sm8" "aka autn|check|auts|response" "name identities|check|trust|within"; do
	grep -qx "$want" "$T/cmds" && echo "ok - help lists $want" || { echo "not ok - help misses $want"; fail=1; }
done
while read -r cmd subs; do
	for h in --help -h; do
		check "$cmd $h" 0 "$(cat tests/cli/help/$cmd.txt)" "" -- "$ITLS" $cmd $h
	done
	for s in $(echo "$subs" | tr '|' ' '); do
		f=tests/cli/help/$cmd-$s.txt
		[ -f "$f" ] || f=tests/cli/help/$cmd.txt
		check "$cmd $s --help" 0 "$(cat "$f")" "" -- "$ITLS" $cmd $s --help
		check "$cmd $s -h" 0 "$(cat "$f")" "" -- "$ITLS" $cmd $s -h
	done
done < "$T/cmds"

# ---- --opt=value, repeated options ---------------------------------------------------
check "--opt=value as --opt value" 0 "$ST" "" -- "$ITLS" token server --ik=$IK --cert=$CERT
check "--opt=value mixed with --opt value" 0 "$ST" "" -- "$ITLS" token server --ik $IK --cert=$CERT
check "--opt= (empty value) is an empty value" 2 "" "bad-length" -- "$ITLS" token server --ik=$IK --cert=$CERT --profile=kdf --ck=
check "check --certs=DIR" 0 "vectors/token.txt: 107 passed, 0 failed
107 passed, 0 failed" "" -- "$ITLS" check --certs=vectors/certs vectors/token.txt
check "a repeated option is usage" 2 "" "usage: option --ik given twice" -- "$ITLS" token server --ik $IK --ik $IK --cert $CERT
check "a repeated option, second as --opt=value, is usage" 2 "" "usage: option --cert given twice" -- "$ITLS" token server --ik $IK --cert $CERT --cert=$CERT
check "a repeated flag is usage" 2 "" "usage: option --exact given twice" -- "$ITLS" name within a.ims.com ims.com --exact --exact
check "a value that looks like an option is a value" 1 "mismatch realm-mismatch" "" -- "$ITLS" name check --cert vectors/certs/pcscf-rsa.der --domain ims.com --realm --domain

# ---- - is stdin where a file is read --------------------------------------------------
STDIN=$CERT check "token --cert - reads stdin" 0 "$ST" "" -- "$ITLS" token server --ik $IK --cert -
STDIN=vectors/certs/pcscf-rsa.der check "name check --cert - reads stdin" 0 "match" "" -- "$ITLS" name check --cert - --domain ims.com
STDIN=vectors/certs/pcscf-rsa.der check "name identities --cert - reads stdin" 0 "$("$ITLS" name identities --cert vectors/certs/pcscf-rsa.der)" "" -- "$ITLS" name identities --cert -
printf 'hello' > "$T/body"
want=$("$ITLS" aka response --algorithm AKAv1-MD5 --res 00112233 --username u --realm r --nonce n --uri sip:r --method REGISTER --qop auth-int --cnonce c --nc 00000001 --body-file "$T/body")
STDIN="$T/body" check "aka response --body-file - reads stdin" 0 "$want" "" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res 00112233 --username u --realm r --nonce n --uri sip:r --method REGISTER --qop auth-int --cnonce c --nc 00000001 --body-file -
STDIN=vectors/token.txt check "check - reads a vector file on stdin (certs/ of the current directory: --certs)" 0 "-: 107 passed, 0 failed
107 passed, 0 failed" "" -- "$ITLS" check --certs vectors/certs -

# ---- unreadable, too-long -------------------------------------------------------------
check "unreadable: the system's reason" 2 "" "unreadable: $T/none.der: No such file or directory" -- "$ITLS" token server --ik $IK --cert "$T/none.der"
check "unreadable directory: the system's reason" 2 "" "unreadable: $T: Is a directory" -- "$ITLS" name identities --cert "$T"
check "check: unreadable file, the system's reason" 2 "" "unreadable: $T/none.txt: No such file or directory" -- "$ITLS" check "$T/none.txt"
check "aka --body-file unreadable" 2 "" "unreadable: $T/nobody: No such file or directory" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res 00112233 --username u --realm r --nonce n --uri sip:r --method REGISTER --qop auth-int --cnonce c --nc 00000001 --body-file "$T/nobody"
head -c 1048577 /dev/zero > "$T/big.der"
check "a certificate file over 1 MiB is too-long" 2 "" "too-long" -- "$ITLS" token server --ik $IK --cert "$T/big.der"
check "name: a certificate file over 1 MiB is too-long" 2 "" "too-long" -- "$ITLS" name identities --cert "$T/big.der"
STDIN="$T/big.der" check "a certificate on stdin over 1 MiB is too-long" 2 "" "too-long" -- "$ITLS" token server --ik $IK --cert -

# ---- one reason word for options of the wrong length -----------------------------------
check "--ik of 15 bytes: bad-length" 2 "" "bad-length" -- "$ITLS" token server --ik ${IK%??} --cert $CERT
check "--s-token of 22 digits: bad-length" 2 "" "bad-length" -- "$ITLS" token client --ik $IK --s-token ${ST%??}
check "--c-token of 26 digits: bad-length" 2 "" "bad-length" -- "$ITLS" token verify --ik $IK --s-token $ST --c-token ${ST}00
check "authparam sm6 --s-token of 2 digits: bad-length" 2 "" "bad-length" -- "$ITLS" authparam sm6 --s-token 00 'Digest realm="r", nonce="n", ck="c", ik="i"'
check "milenage --rand of 15 bytes: bad-length" 2 "" "bad-length" -- "$ITLS" milenage --k $IK --opc $IK --rand ${IK%??} --sqn 000000000001 --amf 8000
check "milenage --amf of 3 bytes: bad-length" 2 "" "bad-length" -- "$ITLS" milenage --k $IK --opc $IK --rand $IK --sqn 000000000001 --amf 800000
check "psk --ck of 17 bytes: bad-length" 2 "" "bad-length" -- "$ITLS" psk --ck ${CK}00 --ik $IK --impi u@ims.com
check "aka response --res of 17 bytes: bad-length" 2 "" "bad-length" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res ${IK}00 --username u --realm r --nonce n --uri sip:r --method REGISTER
check "aka response --nc of 7 digits: bad-length" 2 "" "bad-length" -- "$ITLS" aka response --algorithm AKAv1-MD5 --res 00112233 --username u --realm r --nonce n --uri sip:r --method REGISTER --qop auth --cnonce c --nc 0000001
check "aka autn --sqn of 5 bytes: bad-length" 2 "" "bad-length" -- "$ITLS" aka autn --k $IK --opc $IK --rand $IK --sqn 0000000001 --amf 8000

# ---- stdin lines: the same limit as arguments, bounded memory --------------------------
python3 -c 'import sys; sys.stdout.write("Security-Client: tls;x=" + "a" * 65600 + "\nSecurity-Client: tls\n")' > "$T/long"
STDIN="$T/long" check "a stdin line over 65535 bytes is error too-long, the next line still parses" 2 "error too-long
ok Security-Client: tls" "" -- "$ITLS" secagree parse
python3 -c 'import sys; sys.stdout.write("Digest realm=\"" + "a" * 65600 + "\"\n")' > "$T/long2"
STDIN="$T/long2" check "authparam parse: a stdin line over 65535 bytes is error too-long" 2 "error too-long" "" -- "$ITLS" authparam parse
# a 64 MB line under a 48 MB address-space limit: the filter must not hold the line
# (not on the ASan build: its shadow memory alone needs more address space than that)
case $ITLS in */asan/*) ;; *)
( ulimit -v 49152 2>/dev/null; head -c 67108864 /dev/zero | tr '\0' a | "$ITLS" secagree parse ) > "$T/out" 2> "$T/err"
if [ "$(cat "$T/out")" = "error too-long" ]; then echo "ok - a 64 MB stdin line runs in 48 MB of address space"
else echo "not ok - a 64 MB stdin line: [$(head -c 200 "$T/out")] [$(head -c 200 "$T/err")]"; fail=1; fi
;;
esac

# ---- empty input is reported ------------------------------------------------------------
check "secagree parse: empty stdin is reported" 2 "" "empty" -- "$ITLS" secagree parse
check "authparam parse: empty stdin is reported" 2 "" "empty" -- "$ITLS" authparam parse
: > "$T/empty.txt"
check "check: a file without records is reported" 2 "" "empty" -- "$ITLS" check "$T/empty.txt"
check "check: an empty file after a good one: nothing on stdout" 2 "" "empty" -- "$ITLS" check vectors/crypto.txt "$T/empty.txt"
check "check without FILE is usage" 2 "" "usage" -- "$ITLS" check

# ---- the exit-status rule for every command: bad usage is 2, nothing on stdout ----------
while read -r cmd subs; do
	if [ -z "$subs" ] || ! echo "$subs" | grep -q '|'; then
		check "$cmd --no-such-option: exit 2, usage, nothing on stdout" 2 "" "usage" -- "$ITLS" $cmd --no-such-option x
		continue
	fi
	check "$cmd with an unknown subcommand: exit 2, usage" 2 "" "usage" -- "$ITLS" $cmd no-such-sub
	for s in $(echo "$subs" | tr '|' ' '); do
		check "$cmd $s --no-such-option: exit 2, usage, nothing on stdout" 2 "" "usage" -- "$ITLS" $cmd $s --no-such-option x
	done
done < "$T/cmds"

# ---- itls check and result = acceptable (vectors/FORMAT.md, D-VEC-1) --------------------
vec() { # FILE INPUT RESULT [KEY = VALUE]
	{ echo "tc = 1"; echo "op = secagree-parse"; echo "comment = c"; echo "rules = SA-20"
	  echo "flags = D-SA-5"; echo "input = $2"; [ -z "${4:-}" ] || echo "$4"; echo "result = $3"; } > "$T/$1"
}
vec acc1.txt "Security-Server: ipsec-3gpp;q=0.1" acceptable "canonical = Security-Server: ipsec-3gpp;q=0.1"
check "acceptable, accepted with the record's output: passes" 0 "$T/acc1.txt: 1 passed, 0 failed
1 passed, 0 failed" "" -- "$ITLS" check "$T/acc1.txt"
vec acc2.txt "Security-Server: ipsec-3gpp;q=0.1" acceptable "canonical = Security-Server: ipsec-3gpp;q=0.2"
check "acceptable, accepted with another output: fails" 1 "$T/acc2.txt: 0 passed, 1 failed
0 passed, 1 failed" "-" -- "$ITLS" check "$T/acc2.txt"
vec acc3.txt "Security-Server: tls;q=2" acceptable
check "acceptable, refused (no reason given): passes" 0 "$T/acc3.txt: 1 passed, 0 failed
1 passed, 0 failed" "" -- "$ITLS" check "$T/acc3.txt"
vec acc4.txt "Security-Server: tls;q=2" acceptable "reason = syntax"
check "acceptable, refused with another reason than the record's: fails" 1 "$T/acc4.txt: 0 passed, 1 failed
0 passed, 1 failed" "-" -- "$ITLS" check "$T/acc4.txt"
vec acc5.txt "Security-Server: tls;q=2" valid "canonical = x"
check "valid, refused: fails" 1 "$T/acc5.txt: 0 passed, 1 failed
0 passed, 1 failed" "-" -- "$ITLS" check "$T/acc5.txt"

# ---- check works from another directory -------------------------------------------------
here=$(pwd)
case $ITLS in /*) abs=$ITLS ;; *) abs=$here/$ITLS ;; esac
(cd "$T" && "$abs" check "$here/vectors/naming.txt" > "$T/out" 2>&1)
[ $? = 0 ] && tail -1 "$T/out" | grep -q "^$(grep -c '^tc = ' vectors/naming.txt) passed, 0 failed\$" && echo "ok - check runs naming.txt from another directory" || { echo "not ok - check from another directory: $(tail -2 "$T/out")"; fail=1; }
cp vectors/token.txt "$T/"
(cd "$T" && "$abs" check --certs "$here/vectors/certs" token.txt > "$T/out" 2>&1)
[ $? = 0 ] && echo "ok - check --certs DIR runs a copied file" || { echo "not ok - check --certs: $(tail -2 "$T/out")"; fail=1; }
"$ITLS" check --certs "$T/nocerts" vectors/token.txt > "$T/out" 2> "$T/err"
if [ $? = 1 ] && grep -q "cert pcscf-rsa.der: unreadable in $T/nocerts: No such file or directory" "$T/err"; then
	echo "ok - check: a certificate it cannot read is a failed record with the system's reason"
else echo "not ok - check with a wrong --certs: $(head -2 "$T/err")"; fail=1; fi
exit $fail
