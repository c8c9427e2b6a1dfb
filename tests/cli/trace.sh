#!/bin/sh
# tests/cli/trace.sh -- the traceability checker checked (spec/trace.py,
# tests/trace-record.py) on small made-up trees, so that a weaker checker
# cannot pass: a rule counts as tested only when a test that declares it
# ran, asserted something and passed. One line per check: "ok - ..." or
# "not ok - ...". Exit 1 when any check fails.
set -u
PYTHON=${PYTHON:-/usr/bin/python3}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; fail=1; }
expect() { # NAME -- CMD...: the command must succeed
	name=$1; shift 2
	if "$@" > "$T/out" 2>&1; then ok "$name"; else nok "$name: $(tail -3 "$T/out")"; fi
}
refuse() { # NAME WORDS -- CMD...: the command must fail and print WORDS
	name=$1; words=$2; shift 3
	if "$@" > "$T/out" 2>&1; then nok "$name: it passed"; return; fi
	if grep -qF "$words" "$T/out"; then ok "$name"; else nok "$name: no '$words' in $(tail -3 "$T/out")"; fi
}

# a tree: one spec file with two rules, a seed matrix, code citing both
R=$T/tree
mkdir -p "$R/spec" "$R/ref/core" "$R/logs" "$R/vectors"
cat > "$R/spec/area.md" <<'E'
# 5 Area (SA)

- **SA-01** A value shall be a token (RFC 3261 §25.1).
- **SA-02** A list shall hold at most 16 mechanisms (D-SA-3).
E
cat > "$R/spec/seeds.md" <<'E'
| row | § | statement | rules |
|---|---|---|---|
| 004-01 | 1 | a statement | SA-01 |
| 004-02 | 2 | another one | out of scope: media |
E
cat > "$R/ref/core/a.c" <<'E'
static int
first(void)
{
	return 0;
}

/* SA-01: the comment before a function is that function's */
static int
second(int x)
{
	/* SA-02: inside a body, the body's */
	return x;
}
E
# what the runner keeps: Criterion TAP (descriptions) and JSON (assertions)
cat > "$R/logs/unit-test_area.tap" <<'E'
TAP version 13
1..3
ok - area::token SA-01: the value (0.00s)
ok - area::capacity SA-02 (0.00s)
ok - area::untagged  (0.00s)
E
cat > "$R/logs/unit-test_area.json" <<'E'
{ "id": "Criterion v2.4.1", "test_suites": [ { "name": "area", "tests": [
  { "name": "token", "assertions": 3, "status": "PASSED" },
  { "name": "capacity", "assertions": 2, "status": "PASSED" },
  { "name": "untagged", "assertions": 1, "status": "PASSED" } ] } ] }
E
: > "$R/logs/unit-vectors.log"
"$PYTHON" tests/trace-record.py "$R/logs" > /dev/null
expect "a complete tree passes" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv" --json "$T/t.json"
"$PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1]))
assert [c["function"] for c in d["SA-01"]["code"]] == ["second"], d["SA-01"]["code"]
assert [c["function"] for c in d["SA-02"]["code"]] == ["second"], d["SA-02"]["code"]' "$T/t.json" \
	&& ok "a rule comment before a function is credited to that function, not the one before" \
	|| nok "attribution of a comment before a function"

# the same test with its assertions removed: recorded as nothing, the rule fails
sed 's/"name": "capacity", "assertions": 2/"name": "capacity", "assertions": 0/' \
	"$R/logs/unit-test_area.json" > "$T/j" && cp "$T/j" "$R/logs/unit-test_area.json"
"$PYTHON" tests/trace-record.py "$R/logs" > /dev/null
refuse "a test without assertions does not count" "SA-02 (area.md): no test that declares it passed" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"

# the test removed: the rule fails
grep -v 'area::capacity' "$R/logs/unit-test_area.tap" > "$T/tap" && cp "$T/tap" "$R/logs/unit-test_area.tap"
sed 's/"assertions": 0/"assertions": 2/' "$R/logs/unit-test_area.json" > "$T/j" && cp "$T/j" "$R/logs/unit-test_area.json"
"$PYTHON" tests/trace-record.py "$R/logs" > /dev/null
refuse "a removed test leaves its rule untested" "SA-02 (area.md): no test that declares it passed" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"

# a failing test does not count either
cat > "$R/logs/unit-test_area.tap" <<'E'
ok - area::token SA-01 (0.00s)
not ok - area::capacity SA-02 (0.00s)
E
sed 's/"name": "capacity", "assertions": 2, "status": "PASSED"/"name": "capacity", "assertions": 2, "status": "FAILED"/' \
	"$R/logs/unit-test_area.json" > "$T/j" && cp "$T/j" "$R/logs/unit-test_area.json"
"$PYTHON" tests/trace-record.py "$R/logs" > /dev/null
refuse "a failed test does not count" "SA-02 (area.md): no test that declares it passed" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"

# a vector file whose header names a range: the range is no record's rules
mkdir -p "$R/vectors"
cat > "$R/vectors/area.txt" <<'E'
# Rules: SA-01..SA-02 (a header names a range)

tc = 1
op = x
comment = no rule named here
result = valid

tc = 2
op = x
rules = SA-02
result = valid
E
echo "$R/vectors/area.txt: 2 passed, 0 failed" > "$R/logs/unit-vectors.log"
"$PYTHON" tests/trace-record.py "$R/logs" > /dev/null
grep -q "^vector	unit	$R/vectors/area.txt	tc 1 (x)	-	\$" "$R/logs/trace-record.tsv" \
	&& ok "a vector file header range is not a record's rules" \
	|| nok "vector header: $(grep '^vector' "$R/logs/trace-record.tsv")"
expect "a passing vector record with rules = SA-02 tests SA-02" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"
# ... unless itls check reported it failed
printf '%s\n' "$R/vectors/area.txt:8: tc 2 (x): FAIL got y" "$R/vectors/area.txt: 1 passed, 1 failed" \
	> "$R/logs/unit-vectors.log"
"$PYTHON" tests/trace-record.py "$R/logs" > /dev/null
refuse "a failed vector record does not count" "SA-02 (area.md): no test that declares it passed" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"

# a CLI check declares its rules with [IDS]
echo "ok - [SA-02] a check" > "$R/logs/unit-cli-area.log"
"$PYTHON" tests/trace-record.py "$R/logs" > /dev/null
expect "a CLI check with [SA-02] tests SA-02" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"
echo "ok - a check that names SA-02 only in its text" > "$R/logs/unit-cli-area.log"
"$PYTHON" tests/trace-record.py "$R/logs" > /dev/null
refuse "a CLI check that only mentions an ID does not declare it" "SA-02 (area.md): no test" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"
echo "ok - [SA-02] a check" > "$R/logs/unit-cli-area.log"
"$PYTHON" tests/trace-record.py "$R/logs" > /dev/null

# a made-up rule cited in code fails; so do the defects of the document
cp "$R/ref/core/a.c" "$T/a.c"
echo "/* SA-99: not a rule */" >> "$R/ref/core/a.c"
refuse "code citing an undefined rule fails" "SA-99: cited in ref/core/a.c but not defined" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"
cp "$T/a.c" "$R/ref/core/a.c"
cp "$R/spec/area.md" "$T/area.md"
sed -i 's/A list shall hold/A list holds/' "$R/spec/area.md"
refuse "a rule without shall/should/may fails" "SA-02 (area.md): no normative verb" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"
cp "$T/area.md" "$R/spec/area.md"
printf '%s\n' '- **SA-03** It shall be last (RFC 1).' '- **SA-00** It shall be first (RFC 1).' >> "$R/spec/area.md"
refuse "rule IDs out of order fail" "SA-00 (area.md): listed after SA-03" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"
cp "$T/area.md" "$R/spec/area.md"
echo "| 004-03 | 3 | a statement nobody mapped | |" >> "$R/spec/seeds.md"
refuse "a seed statement without a rule or a reason fails" "row 004-03: no rule and no reason" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"

# a rule may span several lines: "- **ID** text", then lines indented by two spaces
printf '%s\n' '| row | § | statement | rules |' '|---|---|---|---|' '| 004-01 | 1 | a statement | SA-02 |' \
	> "$R/spec/seeds.md"
cat > "$R/spec/area.md" <<'E'
# 5 Area (SA)

- **SA-01** A value shall be a token (RFC 3261 §25.1).
- **SA-02** A list of mechanisms, counted over every header line of the message (see SA-01 for
  what a value is), shall hold at most 16 mechanisms (D-SA-3).
E
cp "$R/spec/area.md" "$T/wrapped.md"
expect "a wrapped rule is one rule: its verb and the IDs it names may be on a continuation line" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"
sed -i 's/  what a value is), shall hold/  what a value is), holds/' "$R/spec/area.md"
refuse "a wrapped rule with no normative verb on any of its lines fails" "SA-02 (area.md): no normative verb" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"
cp "$T/wrapped.md" "$R/spec/area.md"
sed -i 's/(see SA-01 for/(see SA-77 for/' "$R/spec/area.md"
refuse "an undefined rule named on a continuation line fails" "spec/area.md:4: SA-77 is not a rule" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"
cp "$T/wrapped.md" "$R/spec/area.md"
printf '%s\n' '- **SA-03** It shall be last,' '  even when wrapped (RFC 1).' '- **SA-00** It shall be first (RFC 1).' \
	>> "$R/spec/area.md"
refuse "rule IDs out of order after a wrapped rule fail" "SA-00 (area.md): listed after SA-03" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"
cp "$T/wrapped.md" "$R/spec/area.md"
printf '%s\n' '- **SA-02** Again, over' '  two lines: it shall fail (RFC 1).' >> "$R/spec/area.md"
refuse "a wrapped rule defined twice fails" "SA-02 defined twice" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"
cp "$T/wrapped.md" "$R/spec/area.md"
long="a list of mechanisms shall hold at most sixteen mechanisms, counted over every header line"
sed -i "s/^- \*\*SA-01\*\* A value/- **SA-01** $long; a value/" "$R/spec/area.md"
refuse "a rule line longer than 100 columns fails" "spec/area.md:3: SA-01: a rule line of 146 columns" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"
cp "$T/wrapped.md" "$R/spec/area.md"
sed -i "s/^  what a value is)/  $long, what a value is)/" "$R/spec/area.md"
refuse "a continuation line longer than 100 columns fails" "spec/area.md:5: SA-02: a rule line of 1" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"
# ... except in the files spec/trace.py lists in WRAP_PENDING (not wrapped yet)
pending=$("$PYTHON" -c 'import importlib.util as u
s = u.spec_from_file_location("t", "spec/trace.py"); m = u.module_from_spec(s); s.loader.exec_module(m)
print(sorted(m.WRAP_PENDING)[0] if m.WRAP_PENDING else "")')
if [ -n "$pending" ]; then
	mv "$R/spec/area.md" "$R/spec/$pending"
	expect "a long rule line in $pending (WRAP_PENDING) is not reported yet" -- \
		"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"
	rm "$R/spec/$pending"
fi

# spec/wrap.py wraps rule lines to 100 columns, keeps the words, and nothing else
cat > "$R/spec/area.md" <<'E'
# 5 Area (SA)

A paragraph of prose that is not a rule and is longer than one hundred columns stays exactly as it is.

- **SA-01** A value shall be a token (RFC 3261 §25.1), and a line that holds `a code span with spaces in it` and [a link with words](other.md) is split at a space outside both; 1. and (a) never start a line.
- **SA-02** A list shall hold at most 16 mechanisms (D-SA-3).

| a table | row that is longer than one hundred columns, which wrap.py shall leave on its one line as it is |
|---|---|

```
- **SA-02** a rule-looking line in a code block is longer than one hundred columns and stays as it is
```
E
: > "$R/spec/other.md"
cp "$R/spec/area.md" "$T/unwrapped.md"
"$PYTHON" spec/wrap.py "$R/spec/area.md" > /dev/null
cat > "$T/wrapcheck.py" <<'E'
import re, sys
a, b = (open(p, encoding="utf-8").read().split("\n") for p in sys.argv[1:])
assert " ".join(a).split() == " ".join(b).split(), "words changed"
rule = [l for l in b if l.startswith(("- **SA-01**", "  "))]
assert len(rule) >= 3 and all(len(l) <= 100 for l in rule), rule
assert all(l.startswith("  ") for l in rule[1:]), rule
assert any("`a code span with spaces in it`" in l for l in rule), rule
assert any("[a link with words](other.md)" in l for l in rule), rule
assert not any(re.match(r"^  (1\.|\(a\)) ", l) for l in rule), rule
keep = [l for l in a if not l.startswith("- **SA-01**")]
assert [l for l in b if l in keep] == keep, "non-rule lines changed"
E
if "$PYTHON" "$T/wrapcheck.py" "$T/unwrapped.md" "$R/spec/area.md" > "$T/out" 2>&1; then
	ok "wrap.py: rule lines within 100 columns, same words, code span and link whole, the rest untouched"
else
	nok "wrap.py: $(tail -3 "$T/out")"
fi
expect "wrap.py a second time changes nothing (--check)" -- "$PYTHON" spec/wrap.py --check "$R/spec/area.md"
expect "the wrapped file passes the checker (a rule-looking line in a code block is no rule)" -- \
	"$PYTHON" spec/trace.py --root "$R" --record "$R/logs/trace-record.tsv"
refuse "wrap.py --check reports an unwrapped file" "longer than 100 columns" -- \
	"$PYTHON" spec/wrap.py --check "$T/unwrapped.md"
exit $fail
