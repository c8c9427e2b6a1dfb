#!/bin/sh
# spec/model/run.sh ITLS OUTDIR [--write] -- `make model`: the SPIN check of I-TLS.
#
# Generates the model from the tables of the `itls` binary (spec/model/gen.py)
# and checks every property of spec/security.md on it with an exhaustive
# search; then every mutant of spec/model/mutants.txt against the properties
# that hold. Prints per property `holds` with the states explored, per mutant
# `caught by SP-nn`; a counterexample is replayed (spin -t) and written as a
# ladder (spec/model/ladder.py) in OUTDIR. A property listed in
# spec/model/expect.txt is a known finding: it must fail (its ladder is
# printed); any other failure, a listed property that holds, or a mutant no
# property catches makes the run fail (exit 1). --write also copies the
# generated model to spec/model/itls.pml.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
CC=${CC:-cc}
PANFLAGS="-O0 -DSAFETY -DNOFAIR -w"
# run.sh --pan DIR MODEL DEFINES -- compile and run one search (leaves DIR/pan.out);
# -O0: the C compiler costs more than it saves on these searches
if [ "${1:-}" = "--pan" ]; then
	mkdir -p "$2" && cp "$3" "$2/itls.pml" && cd "$2" || exit 2
	s=$(date +%s.%N)
	spin -a $4 itls.pml > spin.out 2>&1 || { cat spin.out; exit 2; }
	# shellcheck disable=SC2086
	$CC $PANFLAGS -o pan pan.c 2> cc.out || { cat cc.out; exit 2; }
	./pan -m20000 > pan.out 2>&1
	e=$(date +%s.%N)
	echo "$s $e" | awk '{ printf "%.1f\n", $2 - $1 }' > secs
	exit 0
fi
ITLS=$1
OUT=$2
WRITE=${3:-}
PYTHON=${PYTHON:-python3}
JOBS=${JOBS:-2}
# other semantic maps, mutants, findings (to try the model on a branch's tables)
SEM=${MODEL_SEMANTICS:-$HERE/semantics.txt}
MUT=${MODEL_MUTANTS:-$HERE/mutants.txt}
EXPECT=${MODEL_EXPECT:-$HERE/expect.txt}
GEN="$PYTHON $HERE/gen.py --semantics $SEM --mutants $MUT"
PROPS="01 02 03 04 05 06 07 08 09"
bad=0
rm -rf "$OUT" && mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
t0=$(date +%s)
$GEN --itls "$ITLS" --out "$OUT/itls.pml" || exit 2
# the generator must refuse a row whose guard or step it has no meaning for
"$ITLS" demo --table ue > "$OUT/ue-table.md" && "$ITLS" demo --table pcscf > "$OUT/pc-table.md" || exit 2
sed '0,/^| 0 | /s/^\(| 0 | [^|]*| [^|]*| \)\([^|]*\)|/\1renamed guard |/' "$OUT/ue-table.md" > "$OUT/ue-renamed.md"
rc=0
$GEN --ue-table "$OUT/ue-renamed.md" --pc-table "$OUT/pc-table.md" --out "$OUT/renamed.pml" 2> "$OUT/renamed.err" || rc=$?
if [ "$rc" -ne 2 ] || [ -f "$OUT/renamed.pml" ] || ! grep -q 'ue guard "renamed guard"' "$OUT/renamed.err"; then
	echo "model: the generator took a table with a guard it has no semantics for"
	bad=1
else
	echo "generator: refuses a row whose guard has no semantics (row 0 renamed: exit 2)"
fi
if [ "$WRITE" = "--write" ]; then
	cp "$OUT/itls.pml" "$HERE/itls.pml"
fi
echo "model: $(sed -n 's/^\/\* ---- \(.*\) ---- \*\/$/\1/p' "$OUT/itls.pml" | grep rows | tr '\n' ';' | sed 's/;$//'), configurations and attacker of spec/model/env.pml"

pan() {
	sh "$HERE/run.sh" --pan "$@"
}
# ladder DIR DEFINES TITLE FILE -- replay the trail of DIR as a ladder
ladder() {
	(cd "$1" && spin -t $2 itls.pml) | $PYTHON "$HERE/ladder.py" "$3" > "$4"
}
field() { # pan.out, pattern -> first number on the matching line
	grep -E "$2" "$1" | head -1 | sed 's/^[^0-9]*\([0-9.e+]*\).*/\1/'
}

# The properties: one exhaustive search with every property not yet known to
# fail; a failing one is named by replaying its trail, which becomes a ladder,
# and the search runs again without it. The states explored are those of the
# last search, which covers every property that holds.
left="$PROPS"
failed=""
round=0
while :; do
	round=$((round + 1))
	d="$OUT/search-$round"
	defs=""
	for p in $left; do defs="$defs -DP_SP$p"; done
	pan "$d" "$OUT/itls.pml" "$defs" || { echo "model: does not compile"; exit 2; }
	errs=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$d/pan.out" | head -1)
	if [ "$errs" = "0" ]; then
		if grep -q "max search depth too small\|Search not completed" "$d/pan.out"; then
			echo "model: the search was cut short (see $d/pan.out): not exhaustive"
			exit 1
		fi
		break
	fi
	p=$( (cd "$d" && spin -t $defs itls.pml) | sed -n 's/.*@V SP-\([0-9]*\).*/\1/p' | head -1)
	if [ -z "$p" ]; then
		echo "model: the search failed without a property (see $d/pan.out)"
		sed -n '1,12p' "$d/pan.out"
		exit 1
	fi
	failed="$failed $p"
	left=$(for q in $left; do [ "$q" = "$p" ] || echo "$q"; done)
	ladder "$d" "$defs" "SP-$p fails on the code's tables" "$OUT/cex-SP-$p.txt"
	[ -n "$left" ] || break
done
states=$(field "$d/pan.out" "states, stored")
trans=$(field "$d/pan.out" "transitions")
secs=$(cat "$d/secs")
for p in $PROPS; do
	id="SP-$p"
	known=$(grep "^$id " "$EXPECT" 2>/dev/null | sed "s/^$id //")
	case " $failed " in
	*" $p "*)
		if [ -n "$known" ]; then
			echo "$id FAILS, known finding ($known); counterexample: $OUT/cex-$id.txt"
		else
			echo "$id FAILS (not expected); counterexample: $OUT/cex-$id.txt"
			bad=1
		fi
		sed 's/^/    /' "$OUT/cex-$id.txt"
		;;
	*)
		if [ -n "$known" ]; then
			echo "$id holds ($states states, $trans transitions, $secs s) -- but spec/model/expect.txt says it fails: update it"
			bad=1
		else
			echo "$id holds ($states states, $trans transitions, $secs s)"
		fi
		;;
	esac
done

# a mutant is checked against the properties that hold on the real model only
all=""
for p in $left; do all="$all -DP_SP$p"; done
nm=0
nc=0
MUTS=$($GEN --list-mutants | cut -f1)
for m in $MUTS; do
	mkdir -p "$OUT/mutant-$m"
	$GEN --itls "$ITLS" --mutant "$m" --out "$OUT/mutant-$m/mutant.pml" || bad=1
done
for m in $MUTS; do echo "$m"; done | xargs -P "$JOBS" -I{} sh "$HERE/run.sh" --pan "$OUT/mutant-{}" "$OUT/mutant-{}/mutant.pml" "$all"
for m in $MUTS; do
	nm=$((nm + 1))
	d="$OUT/mutant-$m"
	[ -f "$d/secs" ] || { echo "mutant $m: does not compile"; bad=1; continue; }
	errs=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$d/pan.out" | head -1)
	states=$(field "$d/pan.out" "states, stored")
	if [ "$errs" != "0" ]; then
		ladder "$d" "$all" "mutant $m" "$OUT/mutant-$m.txt"
		by=$(sed -n 's/^result: violates \(SP-[0-9]*\).*/\1/p' "$OUT/mutant-$m.txt")
		echo "mutant $m: caught by ${by:-?} ($states states; ladder $OUT/mutant-$m.txt)"
		sed 's/^/    /' "$OUT/mutant-$m.txt"
		nc=$((nc + 1))
	else
		echo "mutant $m: NOT caught ($states states)"
		bad=1
	fi
done
t1=$(date +%s)
echo "model: $nc of $nm mutants caught; $((t1 - t0)) s in all"
exit $bad
