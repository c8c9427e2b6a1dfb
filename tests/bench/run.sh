#!/bin/sh
# tests/bench/run.sh -- make bench: the numbers of the issues, measured in one run.
#
# Instructions are counted by callgrind (--toggle-collect=bench_*: only the
# measured function and its callees), so the figures are repeatable. Ratios are
# between two workloads measured by this same run on the same bytes.
set -eu
OUT=build/bench
mkdir -p "$OUT"
N=${BENCH_N:-200}
CERT=vectors/certs/san-40.der   # 1425 bytes, 40 subjectAltNames
CC=${CC:-cc}

$CC -std=c99 -D_POSIX_C_SOURCE=200809L -O2 -g -Iref/include -I/usr/include/sofia-sip-1.12 \
	tests/bench/bench.c build/libitls.a -lsofia-sip-ua -lssl -lcrypto -lbearssl -o "$OUT/bench"

count() { # mode fn -> instructions of fn
	valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.$1" --toggle-collect="$2" \
		"$OUT/bench" "$1" "$N" "$CERT" > "$OUT/$1.out" 2> "$OUT/$1.err"
	awk '/^totals:|^summary:/ { print $2; exit }' "$OUT/cg.$1"
}
bytes() { awk '/^bytes/ { print $2 }' "$OUT/$1.out"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
per() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

sa_i=$(count secagree-itls bench_secagree_itls); sa_b=$(bytes secagree-itls)
sa_s=$(count secagree-sofia bench_secagree_sofia)
# issue 14: the print path as a user runs it: whole processes (no toggle),
# `itls secagree parse` vs sofia-sip's decoder and encoder (sofia_filter.c)
# over the same 16 800 lines (the 8 deployed-shape lines of bench.c, 2100
# times each), both printing the same "ok <canonical line>" text
$CC -std=c99 -D_POSIX_C_SOURCE=200809L -O2 -g -I/usr/include/sofia-sip-1.12 \
	tests/bench/sofia_filter.c -lsofia-sip-ua -o "$OUT/sofia_filter"
"$OUT/bench" secagree-corpus "${BENCH_LINES_N:-2100}" "$CERT" > "$OUT/corpus.txt"
whole() { # name cmd... -> instructions of the whole process, stdin = corpus
	name=$1; shift
	valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.whole-$name" "$@" \
		< "$OUT/corpus.txt" > "$OUT/whole-$name.out" 2> "$OUT/whole-$name.err"
	awk '/^totals:|^summary:/ { print $2; exit }' "$OUT/cg.whole-$name"
}
wp_i=$(whole itls build/itls secagree parse)
wp_s=$(whole sofia "$OUT/sofia_filter")
wp_bytes=$(wc -c < "$OUT/corpus.txt")
wp_lines=$(wc -l < "$OUT/corpus.txt")
wp_same=same; cmp -s "$OUT/whole-itls.out" "$OUT/whole-sofia.out" || wp_same=DIFFERENT
tk_i=$(count token-itls bench_token_itls)
tk_b=$(count token-bearssl bench_token_bearssl)
x_i=$(count x509-itls bench_x509_itls); x_bytes=$(bytes x509-itls)
x_o=$(count x509-openssl bench_x509_openssl)
ap_i=$(count authparam-itls bench_authparam_itls); ap_b=$(bytes authparam-itls)

# heap: nothing in libitls.a may reference an allocator, and the core-only path
# run under memcheck must allocate nothing
heap_syms=$(nm -u build/libitls.a | grep -E -c ' (malloc|calloc|realloc|free|aligned_alloc|posix_memalign)$' || true)
valgrind --tool=memcheck "$OUT/bench" core-only 1 "$CERT" > "$OUT/memcheck.out" 2>&1 || true
heap_allocs=$(sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' "$OUT/memcheck.out" | tr -d ,)
heap_ok=$(grep -c 'core-only: ok' "$OUT/memcheck.out" || true)

# stack: gcc's call graph with frame sizes, summed along the deepest path
stack_line=$(sh tests/bench/stack.sh "$OUT" | tee "$OUT/stack.txt" | head -1)
stack_max=$(echo "$stack_line" | sed -n 's/.*= \([0-9]*\) bytes.*/\1/p')

# proofs: wall time of the sec-agree module's proof (with the committed cache)
t0=$(date +%s)
pr=skipped
if [ "${BENCH_PROOF:-1}" = 1 ]; then
	if FILES=ref/core/secagree.c sh proofs/run.sh > "$OUT/proof-secagree.log" 2>&1; then pr=ok; else pr=FAILED; fi
fi
proof_s=$(( $(date +%s) - t0 ))

# registration (issue 6): one `itls demo itls` under callgrind, split by function
# (inclusive counts): the TLS handshakes vs the two state machines' steps (which
# run the I-TLS additions: token MACs and checks, sec-agree choice, names)
ITLS=build/itls
cgi() { # out-name toggle... -> instructions
	name=$1; shift
	tg=""
	for f in "$@"; do tg="$tg --toggle-collect=$f"; done
	# shellcheck disable=SC2086
	valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.reg-$name" $tg \
		"$ITLS" demo itls > /dev/null 2> "$OUT/reg-$name.err"
	awk '/^totals:|^summary:/ { print $2; exit }' "$OUT/cg.reg-$name"
}
reg_all=$(valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.reg-all" "$ITLS" demo itls >/dev/null 2>"$OUT/reg-all.err"; awk '/^totals:|^summary:/ { print $2; exit }' "$OUT/cg.reg-all")
reg_hs=$(cgi hs itls_tls_handshake)
reg_fsm=$(cgi fsm itls_ue_step itls_pc_step)
reg_wall=$("$ITLS" demo --stats 50 2>/dev/null | awk '/registration wall time/ { print $4 " us" }')
sizes=$("$ITLS" demo --stats 1 2>/dev/null | awk '/^sizeof/ { sub(/\)$/, "", $2); printf "%s %s B; ", $2, $3 }')
echo
echo "| measure | value | target |"
echo "|---|---|---|"
echo "| sec-agree parse vs sofia-sip (\`sip_security_client_d\`), instructions | $(ratio "$sa_i" "$sa_s")x ($sa_i / $sa_s) | <= 0.5x |"
echo "| sec-agree parse, instructions per input byte | $(per "$sa_i" "$sa_b") | <= 15 |"
echo "| sec-agree parse+print, whole \`itls secagree parse\` process vs sofia-sip ($wp_lines lines, $wp_bytes bytes; outputs $wp_same), instructions | $(ratio "$wp_i" "$wp_s")x ($wp_i / $wp_s) | <= 0.5x |"
echo "| sec-agree parse+print, whole process, instructions per input byte: itls / sofia-sip | $(per "$wp_i" "$wp_bytes") / $(per "$wp_s" "$wp_bytes") | printed |"
echo "| s_token over 1425-byte cert vs br_hmac direct, instructions | $(ratio "$tk_i" "$tk_b")x ($tk_i / $tk_b) | <= 1.05x |"
echo "| x509name vs OpenSSL d2i_X509 + SAN, instructions | $(ratio "$x_i" "$x_o")x ($x_i / $x_o) | < 1x |"
echo "| x509name, instructions per certificate byte | $(per "$x_i" "$x_bytes") | printed |"
echo "| authparam parse, instructions per input byte | $(per "$ap_i" "$ap_b") | printed |"
echo "| heap: allocator symbols in libitls.a / allocs on the core-only path | $heap_syms / ${heap_allocs:-?} (run ${heap_ok}) | 0 / 0 |"
echo "| stack: deepest ref/core entry point | ${stack_max:-?} bytes | <= 4096 |"
echo "| proof of secagree.c (\`make proofs\` on one module, cached) | ${proof_s} s ($pr) | printed |"
echo "| I-TLS registration (\`itls demo itls\`), instructions: whole run / TLS handshakes / UE+P-CSCF steps | $reg_all / $reg_hs / $reg_fsm | printed |"
echo "| I-TLS additions (state machine steps incl. tokens) vs TLS handshakes, instructions | $(ratio "$reg_fsm" "$reg_hs")x | < 0.05x |"
echo "| registration wall time (mean of 50 runs) | ${reg_wall:-?} | printed |"
echo "| state struct sizes | ${sizes:-?} | printed |"
echo
echo "(N = $N repetitions per workload; details in $OUT/)"
