#!/bin/sh
# proofs/prune-cache.sh -- drop the WP cache entries that a proof run does not
# use (proofs/TRUSTED.md, "The WP cache"; spec/decisions.md D-PR-3).
#
#   sh proofs/prune-cache.sh [CMD...]     default CMD: sh proofs/run.sh (make proofs)
#
# Copies the session $WPSESS (default proofs/wpsess) to build/prune-wpsess,
# marks every entry of the copy as last read on 1 January 2001 (its access
# time), runs CMD on the copy (WPSESS=build/prune-wpsess), and when CMD
# succeeds keeps in $WPSESS/cache exactly the entries CMD read or wrote: WP
# reads a cache entry for each goal it replays and writes one for each goal
# it sends to a prover. Access times are updated on read under the default
# `relatime` mount option when the old access time is more than a day old,
# which the mark ensures; the script checks this on one entry before it
# starts, and refuses on a `noatime` file system.
#
# The copy is under build/, which git ignores: marking an entry changes its
# ctime, and a git command run meanwhile in the tree (`make test` runs some)
# would read every tracked entry again and so mark it used (session 6, D-PR-3).
#
# Run it once, after the final full `make proofs` of a release (the lead's
# step), then commit the deletions: `git add -A proofs/wpsess`.
set -eu
cd "$(dirname "$0")/.."
WPSESS=${WPSESS:-proofs/wpsess}
C=$WPSESS/cache
T=build/prune-wpsess
[ -d "$C" ] || { echo "prune: no cache in $C"; exit 2; }
[ $# -gt 0 ] || set -- sh proofs/run.sh
MARK=200101010000

rm -rf "$T"
mkdir -p "$T"
cp -R "$WPSESS/." "$T/"

# does a read update the access time here?
probe=$(find "$T/cache" -name '*.json' | head -1)
[ -n "$probe" ] || { echo "prune: $C is empty"; exit 2; }
touch -a -t $MARK "$probe"
cat "$probe" > /dev/null
if [ -z "$(find "$probe" -newerat 2001-01-02)" ]; then
	echo "prune: reading a file does not update its access time here (noatime?): nothing deleted"
	exit 2
fi

before=$(find "$C" -name '*.json' | wc -l)
find "$T/cache" -name '*.json' -exec touch -a -t $MARK {} +
echo "prune: $before entries marked (in $T); running: $*"
WPSESS=$T "$@" || { echo "prune: the run failed: nothing deleted"; exit 1; }
# the entries the run read or wrote, then the committed cache made equal to them
find "$T/cache" -name '*.json' -newerat 2001-01-02 -printf '%f\n' | sort > "$T/used"
find "$C" -name '*.json' -printf '%f\n' | sort > "$T/had"
stale=$(comm -13 "$T/used" "$T/had" | wc -l)
comm -13 "$T/used" "$T/had" | while read -r f; do rm -f "$C/$f"; done
while read -r f; do
	cmp -s "$T/cache/$f" "$C/$f" 2>/dev/null || cp "$T/cache/$f" "$C/$f"
done < "$T/used"
after=$(find "$C" -name '*.json' | wc -l)
echo "prune: $before entries before the run, $stale not used and deleted, $after kept"
