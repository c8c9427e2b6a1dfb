# gate-log.awk -- the second half of the gate (issue 10): WP's own verdict.
# Input: one or more per-file WP logs (wp.log of each Frama-C process).
# The CSV of -report-csv has no row for some goals (a loop variant's
# decrease, for one), so proofs/gate.awk alone let a wrong variant pass.
# This script fails when, in any log:
#   - WP's summary "Proved goals: N / M" is missing or has N != M;
#   - any goal is reported Failed, Unknown, Timeout or Stepout.
# PENDING (optional, proofs/PENDING): goals of the functions listed there may
# be unproved; each such goal is printed PENDING and counted, never silent.
BEGIN {
	bad = 0; logs = 0
	if (PENDING != "") {
		while ((getline line < PENDING) > 0) {
			if (line ~ /^[A-Za-z_]/) { split(line, w, /[ \t]/); pend[w[1]] = 1 }
		}
	}
}
FNR == 1 {
	if (NR > 1) finish()
	file = FILENAME; logs++; summary = 0; allowed = 0
}
function pending_goal(g,   f) {
	for (f in pend) if (index(g, "typed_" f "_") == 1) return 1
	return 0
}
function goal_of(s,   g) {
	g = s; sub(/.*Goal /, "", g); sub(/ .*/, "", g); return g
}
/^\[wp\] \[(Failed|Unknown|Timeout|Stepout)\] Goal / ||
/^\[wp\] \[[^]]*\] Goal .* : (Failed|Unknown|Timeout|Stepout)/ {
	g = goal_of($0)
	if (pending_goal(g)) { allowed++; print "PENDING  " file ": " g; next }
	bad++; print "UNPROVED " file ": " $0
	next
}
/^\[wp\] Proved goals: / {
	summary++
	n = $4 + 0; m = $6 + 0
	if (n + allowed < m) { bad++; print "UNPROVED " file ": WP proved " n " of " m " goals" }
}
function finish() {
	if (summary != 1) { bad++; print "UNPROVED " file ": no single \"Proved goals\" line from WP" }
}
END {
	if (NR > 0) finish()
	if (logs == 0) { print "gate-log: no WP log"; exit 1 }
	printf "gate-log: %d WP logs, %d goals not proved\n", logs, bad
	if (bad) exit 1
}
