# gate.awk -- fail unless every property of the WP run is proved.
# Input: the CSV of `-then -report-untried -report-csv` (tab separated:
# directory file line function kind status property).
# Trusted: only the contracts of ref/include/itls/crypto.h (the BearSSL
# boundary, listed in proofs/TRUSTED.md) may be "Considered valid".
# DEV=1 (a run on a subset of files) also lets "Ignored" pass, since the
# other modules' contracts are not tried in such a run.
BEGIN { FS = "\t"; bad = 0; valid = 0; trusted = 0 }
NR == 1 || NF < 7 { next }
$1 ~ /^(FRAMAC_SHARE|\/)/ { next }
$6 == "Valid" { valid++; next }
$6 == "Ignored" && ($5 == "precondition" || $5 == "behavior assumption") { next }
$6 == "Ignored" && DEV == 1 { next }
$6 == "Considered valid" && DEV == 1 && $2 ~ /\.h$/ { next }   # other modules' contracts, proved in their own run
$6 == "Considered valid" && $2 ~ /crypto\.h$/ { trusted++; print "TRUSTED  " $2 ":" $3 " " $4 " (" $5 ")" > "/dev/stderr"; next }
{ bad++; print "UNPROVED " $2 ":" $3 " " $4 " (" $5 ") " $6 " " $7 }
END {
	printf "gate: %d valid, %d trusted (crypto.h), %d not proved\n", valid, trusted, bad
	if (bad) exit 1
}
