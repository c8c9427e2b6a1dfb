# merge.awk -- one property list (the CSV of -report-csv) from the per-file runs
# of a full `make proofs`. Arguments: build/proofs/<base>/wp.csv, one per source
# file <base>.c of ref/core, each from its own Frama-C process.
#
# A property located in a .c file belongs to the run of that file. A property
# located in a header belongs to a function; it is judged by the run of the file
# that defines that function (its owner: the run where the function has a
# property in <base>.c, or a proved clause other than a precondition). In the
# other runs the callee's contract is only assumed ("Considered valid",
# "Ignored") and those rows are dropped. A header function owned by no run keeps
# its rows, once each: the gate fails on them unless they are the trusted BearSSL
# boundary (crypto.h). A property whose text spans lines is joined into one row.
BEGIN { FS = OFS = "\t" }
function keep() {
	if (rec != "") { row[n] = rec; rrun[n] = run; n++ }
	rec = ""
}
FNR == 1 {
	keep()
	run = FILENAME; sub(/\/wp\.csv$/, "", run); sub(/.*\//, "", run)
	if (header == "") header = $0
	next
}
NF < 7 { rec = rec " " $0; next }   # continuation of a multi-line property
{
	keep(); rec = $0
	if ($2 == run ".c" || ($6 == "Valid" && $5 !~ /^precondition/)) own[run, $4] = 1
}
END {
	keep()
	print header
	for (i = 0; i < n; i++) {
		split(row[i], f, "\t")
		if (f[2] ~ /\.h$/) {
			owned = 0
			for (k in own) { split(k, w, SUBSEP); if (w[2] == f[4]) { owned = 1; break } }
			if (owned && !((rrun[i], f[4]) in own)) continue
			if (!owned && seen[row[i]]++) continue
		}
		print row[i]
	}
}
