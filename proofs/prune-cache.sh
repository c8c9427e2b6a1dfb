#!/bin/sh
# proofs/prune-cache.sh -- drop the WP cache entries that a proof run does not
# use (proofs/TRUSTED.md, "The WP cache"; spec/decisions.md D-PR-3).
#
#   sh proofs/prune-cache.sh [CMD...]     default CMD: sh proofs/run.sh (make proofs)
#
# Marks every entry of $WPSESS/cache (default proofs/wpsess/cache) as last
# read on 1 January 2001 (its access time), runs CMD, and when CMD succeeds
# deletes the entries that CMD did not read or write: WP reads a cache entry
# for each goal it replays and writes one for each goal it sends to a
# prover. Access times are updated on read under the default `relatime`
# mount option when the old access time is more than a day old, which the
# mark ensures; the script checks this on one entry before it deletes
# anything, and refuses on a `noatime` file system.
#
# Run it once, after the final full `make proofs` of a release (the lead's
# step), then commit the deletions: `git add -A proofs/wpsess`.
set -eu
cd "$(dirname "$0")/.."
WPSESS=${WPSESS:-proofs/wpsess}
C=$WPSESS/cache
[ -d "$C" ] || { echo "prune: no cache in $C"; exit 2; }
[ $# -gt 0 ] || set -- sh proofs/run.sh
MARK=200101010000

# does a read update the access time here?
probe=$(find "$C" -name '*.json' | head -1)
[ -n "$probe" ] || { echo "prune: $C is empty"; exit 2; }
touch -a -t $MARK "$probe"
cat "$probe" > /dev/null
if [ -z "$(find "$probe" -newerat 2001-01-02)" ]; then
	echo "prune: reading a file does not update its access time here (noatime?): nothing deleted"
	exit 2
fi

before=$(find "$C" -name '*.json' | wc -l)
find "$C" -name '*.json' -exec touch -a -t $MARK {} +
echo "prune: $before entries marked; running: $*"
WPSESS=$WPSESS "$@" || { echo "prune: the run failed: nothing deleted"; exit 1; }
stale=$(find "$C" -name '*.json' ! -newerat 2001-01-02 | wc -l)
find "$C" -name '*.json' ! -newerat 2001-01-02 -delete
after=$(find "$C" -name '*.json' | wc -l)
echo "prune: $before entries before the run, $stale not used and deleted, $after kept"
