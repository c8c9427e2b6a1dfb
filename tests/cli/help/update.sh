#!/bin/sh
# tests/cli/help/update.sh [ITLS] -- rewrite the fixed help texts that
# tests/cli/conventions.sh compares `itls ... --help` with. Run it only after a
# deliberate change of a help text (or a merge that changes one), then review
# `git diff tests/cli/help/` like any other change: the test compares with
# these files, never with the command's own output of the same run.
set -eu
ITLS=${1:-build/itls}
D=$(dirname "$0")
"$ITLS" --help > "$D/itls.txt"
awk '/^commands:/ { on = 1; next } on && /^$/ { exit }
	on { s = ($2 ~ /^[a-z0-9|]+$/ && $2 ~ /[|]/) ? $2 : ""; print $1, s }' "$D/itls.txt" |
while read -r cmd subs; do
	"$ITLS" "$cmd" --help > "$D/$cmd.txt"
	for s in $(echo "$subs" | tr '|' ' '); do
		"$ITLS" "$cmd" "$s" --help > "$D/$cmd-$s.txt"
		if cmp -s "$D/$cmd-$s.txt" "$D/$cmd.txt"; then rm "$D/$cmd-$s.txt"; fi
	done
done
echo "help texts written to $D"
