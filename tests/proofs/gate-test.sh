#!/bin/sh
# tests/proofs/gate-test.sh -- the proof gate fails on everything WP did not
# prove (issue 10; spec/decisions.md D-PR-1). Runs proofs/run.sh (DEV mode,
# one tiny file, a scratch WP session so the committed cache is not touched)
# on tests/proofs/gate_scratch.c and on scratch copies with one fault each:
# a wrong loop variant, a false ensures, a false assert, an axiom outside
# crypto.h, a contract without `assigns` (proofs/contracts.ml, D-PR-10).
# The unbroken copy must pass, each broken one must fail.
# One line per check: "ok - ..." or "not ok - ...". Exit 1 when any fails.
set -u
cd "$(dirname "$0")/../.."
D=build/gate-test
rm -rf "$D"; mkdir -p "$D"
SRC=tests/proofs/gate_scratch.c
fail=0

gate() { # name -> exit status of the gate on $D/name.c
	WPSESS=$D/wpsess-$1 TIMEOUT=${TIMEOUT:-3} FILES=$D/$1.c sh proofs/run.sh > "$D/$1.out" 2>&1
}

mk() { # name sed-expression: a scratch copy with one change; the change must apply
	sed "$2" "$SRC" > "$D/$1.c"
	if cmp -s "$SRC" "$D/$1.c"; then echo "not ok - $1: the fault was not applied"; fail=1; return 1; fi
}

cp "$SRC" "$D/good.c"
if gate good; then echo "ok - the unbroken file passes the gate"; else
	echo "not ok - the unbroken file fails the gate:"; sed 's/^/  /' "$D/good.out"; fail=1; fi

broken() { # name what
	if gate "$1"; then echo "not ok - $2 passes the gate"; sed 's/^/  /' "$D/$1.out"; fail=1
	else echo "ok - $2 fails the gate ($(grep -c -E '^UNPROVED|^UNTRUSTED|^contract: missing' "$D/$1.out") findings)"; fi
}

mk variant 's/loop variant n - i;/loop variant i;/' && broken variant "a wrong loop variant (no CSV row: gate-log.awk)"
mk ensures 's/ensures 0 <= \\result <= n;/ensures 0 <= \\result < n;/' && broken ensures "a false ensures"
mk assert 's|/\*@ assert i <= n; \*/|/*@ assert i < n; */|' && broken assert "a false assert"
mk axiom 's|^#include <stddef.h>$|#include <stddef.h>\n/*@ axiomatic Gt { logic integer gt_f(integer x); axiom gt_ax: \\forall integer x; gt_f(x) == x; } */|' \
	&& broken axiom "an axiom outside crypto.h"
mk assigns '/^    assigns \\nothing;$/d' && broken assigns "a contract without assigns (WP proves it, proofs/contracts.ml refuses it)"
if grep -q "^contract: missing assigns: gt_prefix" "$D/assigns.out"; then
	echo "ok - the missing clause is named"; else
	echo "not ok - the missing assigns was not reported by name"; fail=1; fi
# the variant fault must be caught even though the CSV gate alone passes it
if grep -q "0 not proved" "$D/variant.out" && grep -q "loop_variant_decrease" "$D/variant.out"; then
	echo "ok - the variant fault is caught by WP's log, not by the CSV"; else
	echo "not ok - the variant case did not go as expected"; fail=1; fi
exit $fail
