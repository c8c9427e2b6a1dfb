#!/bin/sh
# spec/gen.sh ITLS OUTDIR -- write the generated parts of the specification.
#
# Everything here is printed by the `itls` command from the code: the two
# transition tables (ref/core/ue.c, ref/core/pcscf.c) as markdown and as
# graphviz, the ladder of every `itls demo` scenario as text, the SIP
# messages of the itls and psk runs in full (markdown), the ladders of the
# figure scenarios as graphviz, and SVG renderings when `dot` is present.
# `make spec` writes into spec/generated/; `make spec-check` writes into a
# scratch directory and compares with spec/generated/.
set -eu
ITLS=$1
OUT=$2
mkdir -p "$OUT"
"$ITLS" demo --table ue > "$OUT/ue-table.md"
"$ITLS" demo --table pcscf > "$OUT/pcscf-table.md"
"$ITLS" demo --fsm-dot ue > "$OUT/ue.dot"
"$ITLS" demo --fsm-dot pcscf > "$OUT/pcscf.dot"
for s in $("$ITLS" demo --list | awk '{print $1}'); do
	# a scenario prints its ladder whether it passes (0) or not (1)
	rc=0
	"$ITLS" demo "$s" > "$OUT/ladder-$s.txt" || rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "spec/gen.sh: itls demo $s failed ($rc)" >&2
		exit 1
	fi
done
# the flows of the source figures, drawn (clauses 4, 11)
FIGS="itls secagree-first prefer-ipsec fallback-ipsec psk"
for s in $FIGS; do
	"$ITLS" demo "$s" --dot "$OUT/ladder-$s.dot" > /dev/null
done
"$ITLS" demo --all > "$OUT/demo-summary.txt" || true
# the full SIP messages SM1..SM12 of the main flows (clause "Examples")
for s in itls psk; do
	"$ITLS" demo "$s" --messages > "$OUT/messages-$s.md"
done
if command -v dot > /dev/null 2>&1; then
	for f in ue pcscf; do
		dot -Tsvg "$OUT/$f.dot" > "$OUT/$f.svg"
	done
	for s in $FIGS; do
		dot -Tsvg "$OUT/ladder-$s.dot" > "$OUT/ladder-$s.svg"
	done
fi
