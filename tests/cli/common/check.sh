# tests/cli/common/check.sh -- sourced by the CLI check scripts (tests/cli/*.sh):
# a scratch folder $T (removed on exit), the failure flag $fail, and check().
#
# check NAME WANT_RC WANT_STDOUT WANT_STDERR_WORD -- CMD...
# WANT_STDOUT is compared exactly ("" = empty); WANT_STDERR_WORD "" means
# stderr must be empty, else its first line must start with "itls: WORD".
# The command reads $STDIN (default /dev/null). One line per check: "ok - ..."
# (with the rule IDs of $RULES, for the traceability record) or "not ok - ...".
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0

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
