/*
 * cmd_demo.c -- `itls demo`: run the registration scenarios of the
 * simulator (ref/sim/) and print them as ladders; print the transition
 * tables of the two state machines.
 *
 * Output is collected in a sim_text buffer and written only when the
 * command completes (a ladder can be larger than struct itls_out holds);
 * bad usage writes nothing on stdout (cli_fail, exit 2). A scenario that
 * does not end as the specification says is a negative verdict: its
 * ladder is printed and the exit status is 1.
 */
#include "cli.h"
#include "sim/sim.h"

#include <stdlib.h>
#include <string.h>

static const char demo_usage[] =
"usage: itls demo [SCENARIO] [--dot FILE] [--pcap FILE [--keylog FILE]]\n"
"       itls demo --list\n"
"       itls demo --all [--pcap FILE [--keylog FILE]]\n"
"       itls demo --table ue|pcscf      (markdown, from the transition table)\n"
"       itls demo --fsm-dot ue|pcscf    (graphviz, from the transition table)\n"
"       itls demo [SCENARIO] --stats N  (time N runs: TLS handshake vs the rest)\n"
"       itls demo [SCENARIO] --messages (every SIP message of the run in full, markdown)\n"
"\n"
"Runs a full IMS registration between a UE, a P-CSCF (real BearSSL TLS 1.2\n"
"in memory), an I-CSCF and an S-CSCF/HSS (Milenage), driven by the two\n"
"state machines of ref/core (ue.c, pcscf.c), and prints the ladder SM1..SM12\n"
"with the security headers of every message. Exit 0 when the scenario ends\n"
"as the specification says, 1 when it does not, 2 on bad usage.\n"
"\n"
"  --list        the scenarios, one per line: NAME  TITLE\n"
"  --all         run every scenario; one line each, then \"N passed, M failed\"\n"
"  --dot FILE    also write the ladder as a graphviz digraph\n"
"  --pcap FILE   also write the capture: TCP handshakes, the TLS records\n"
"                BearSSL produced, ESP of the IPsec hop, UDP of the core\n"
"  --keylog FILE also write the NSS key log of the TLS connections\n"
"                (tshark -o tls.keylog_file:FILE decrypts the TLS hop)\n"
"  --messages    print the SIP messages as sent (start line, every header,\n"
"                body) instead of the ladder\n"
"\n"
"scenarios: itls (default), secagree-first, prefer-ipsec, fallback-ipsec,\n"
"psk, mitm, bad-ctoken, bid-down, no-tls-ue, resume, tcp-upgrade, pki,\n"
"pki-untrusted, pki-wrong-domain, pki-roaming, akav2, nat-tls, nat-ipsec,\n"
"reauth\n";

static int
write_file(const char *path, const char *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL) {
		return -1;
	}
	if (n > 0 && fwrite(p, 1, n, f) != n) {
		fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

static int
write_pcap(const char *path, const struct sim_run *runs, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL) {
		return -1;
	}
	if (sim_pcap_write(f, runs, n) != 0) {
		fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

/* TR-09: the key log of the TLS connections of the runs */
static int
write_keylog(const char *path, const struct sim_run *runs, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL) {
		return -1;
	}
	if (sim_keylog_write(f, runs, n) != 0) {
		fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

static int
flush_text(struct sim_text *t)
{
	if (t->len > 0 && fwrite(t->p, 1, t->len, stdout) != t->len) {
		sim_text_free(t);
		return EXIT_BADINPUT;
	}
	sim_text_free(t);
	return fflush(stdout) == 0 ? 0 : EXIT_BADINPUT;
}

static int
demo_all(const char *pcap, const char *keylog)
{
	struct sim_run runs[SIM_SCN_COUNT];
	struct sim_text t;
	int i, passed = 0, failed = 0, rc;

	sim_text_init(&t);
	for (i = 0; i < SIM_SCN_COUNT; i++) {
		if (sim_run(i, &runs[i]) != 0) {
			runs[i].pass = 0;
		}
		sim_text_printf(&t, "%s  %-15s %s\n", runs[i].pass ? "PASS" : "FAIL",
			sim_scenarios[i].name, runs[i].verdict);
		if (runs[i].pass) {
			passed++;
		} else {
			failed++;
		}
	}
	sim_text_printf(&t, "%d passed, %d failed\n", passed, failed);
	if ((pcap != NULL && write_pcap(pcap, runs, SIM_SCN_COUNT) != 0)
		|| (keylog != NULL && write_keylog(keylog, runs, SIM_SCN_COUNT) != 0)) {
		for (i = 0; i < SIM_SCN_COUNT; i++) {
			sim_free(&runs[i]);
		}
		sim_text_free(&t);
		return cli_fail("io", "cannot write %s", pcap != NULL ? pcap : keylog);
	}
	for (i = 0; i < SIM_SCN_COUNT; i++) {
		sim_free(&runs[i]);
	}
	rc = flush_text(&t);
	if (rc != 0) {
		return rc;
	}
	return failed ? EXIT_NEGATIVE : EXIT_POSITIVE;
}

/* N runs of one scenario: where the time goes (make bench) */
static int
demo_stats(int scn, const char *ns)
{
	struct sim_run run;
	struct sim_text t;
	char *end;
	long n = strtol(ns, &end, 10), i;
	double total = 0, tls = 0, fsm = 0;
	size_t bytes = 0;

	if (*ns == 0 || *end != 0 || n < 1 || n > 100000) {
		return cli_fail("usage", "--stats wants a count 1..100000, not '%s'", ns);
	}
	for (i = 0; i < n; i++) {
		if (sim_run(scn, &run) != 0 || !run.pass) {
			sim_free(&run);
			return cli_fail("internal", "scenario %s did not pass", sim_scenarios[scn].name);
		}
		total += run.ns_total;
		tls += run.ns_tls;
		fsm += run.ns_fsm;
		bytes = run.tls_bytes;
		sim_free(&run);
	}
	sim_text_init(&t);
	sim_text_printf(&t, "scenario %s, %ld runs\n", sim_scenarios[scn].name, n);
	sim_text_printf(&t, "registration wall time   %.1f us\n", total / (double)n / 1e3);
	sim_text_printf(&t, "in TLS handshakes        %.1f us\n", tls / (double)n / 1e3);
	sim_text_printf(&t, "everything else          %.1f us (SIP text, parsing, AKA, tokens, machines)\n",
		(total - tls) / (double)n / 1e3);
	sim_text_printf(&t, "ratio rest / handshake   %.3f\n", tls > 0 ? (total - tls) / tls : 0.0);
	sim_text_printf(&t, "in the state machines    %.1f us (I-TLS additions: tokens, PSK, names, rules)\n",
		fsm / (double)n / 1e3);
	sim_text_printf(&t, "ratio machines / handshake %.4f\n", tls > 0 ? fsm / tls : 0.0);
	sim_text_printf(&t, "TLS record bytes         %zu\n", bytes);
	sim_text_printf(&t, "sizeof(struct itls_ue)   %zu\n", sim_sizeof_ue());
	sim_text_printf(&t, "sizeof(struct itls_pc)   %zu\n", sim_sizeof_pc());
	return flush_text(&t);
}

int
cmd_demo(int argc, char **argv)
{
	static const char *const with_value[] = { "--dot", "--pcap", "--table",
		"--fsm-dot", "--stats", "--keylog", NULL };
	static const char *const flags[] = { "--list", "--all", "--help", "--messages", NULL };
	const char *scn_name = "itls", *dot, *pcap, *table, *fsmdot, *stats, *keylog;
	struct sim_run run;
	struct sim_text t;
	int i, scn, rc, nfree = 0;

	if (arg_has(argc, argv, "--help") || arg_has(argc, argv, "-h")) {
		fputs(demo_usage, stdout);
		return EXIT_POSITIVE;
	}
	rc = arg_check(argc, argv, with_value, flags);
	if (rc != 0) {
		return rc;
	}
	dot = arg_get(argc, argv, "--dot");
	pcap = arg_get(argc, argv, "--pcap");
	table = arg_get(argc, argv, "--table");
	fsmdot = arg_get(argc, argv, "--fsm-dot");
	stats = arg_get(argc, argv, "--stats");
	keylog = arg_get(argc, argv, "--keylog");
	if (keylog != NULL && pcap == NULL) {
		return cli_fail("usage", "--keylog goes with --pcap");
	}
	/* the one optional positional word */
	for (i = 0; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] == '-') {
			size_t k;
			for (k = 0; with_value[k] != NULL; k++) {
				if (strcmp(argv[i], with_value[k]) == 0) {
					i++;
					break;
				}
			}
			continue;
		}
		if (nfree++ > 0) {
			return cli_fail("usage", "one scenario at most (itls demo --help)");
		}
		scn_name = argv[i];
	}
	sim_text_init(&t);
	if (table != NULL || fsmdot != NULL) {
		if (nfree > 0 || arg_has(argc, argv, "--all") || arg_has(argc, argv, "--list")) {
			return cli_fail("usage", "--table/--fsm-dot take no scenario");
		}
		if (table != NULL && sim_table_md(table, &t) != 0) {
			sim_text_free(&t);
			return cli_fail("usage", "--table wants ue or pcscf, not '%s'", table);
		}
		if (fsmdot != NULL && sim_table_dot(fsmdot, &t) != 0) {
			sim_text_free(&t);
			return cli_fail("usage", "--fsm-dot wants ue or pcscf, not '%s'", fsmdot);
		}
		return flush_text(&t);
	}
	if (arg_has(argc, argv, "--list")) {
		if (nfree > 0 || arg_has(argc, argv, "--all")) {
			return cli_fail("usage", "--list takes no scenario");
		}
		for (i = 0; i < SIM_SCN_COUNT; i++) {
			sim_text_printf(&t, "%-15s %s\n", sim_scenarios[i].name,
				sim_scenarios[i].title);
		}
		return flush_text(&t);
	}
	if (arg_has(argc, argv, "--all")) {
		if (nfree > 0 || dot != NULL) {
			return cli_fail("usage", "--all takes no scenario and no --dot");
		}
		return demo_all(pcap, keylog);
	}
	scn = sim_find(scn_name);
	if (scn < 0) {
		return cli_fail("usage", "unknown scenario '%s' (itls demo --list)", scn_name);
	}
	if (stats != NULL) {
		if (dot != NULL || pcap != NULL) {
			return cli_fail("usage", "--stats takes no --dot or --pcap");
		}
		return demo_stats(scn, stats);
	}
	if (sim_run(scn, &run) != 0) {
		sim_free(&run);
		return cli_fail("internal", "scenario %s: %s", scn_name, run.verdict);
	}
	if (arg_has(argc, argv, "--messages")) {
		sim_messages_md(&run, &t);
	} else {
		sim_ladder_text(&run, &t);
	}
	if (dot != NULL) {
		struct sim_text d;
		sim_text_init(&d);
		sim_ladder_dot(&run, &d);
		if (write_file(dot, d.p, d.len) != 0) {
			sim_text_free(&d);
			sim_text_free(&t);
			sim_free(&run);
			return cli_fail("io", "cannot write %s", dot);
		}
		sim_text_free(&d);
	}
	if (pcap != NULL && write_pcap(pcap, &run, 1) != 0) {
		sim_text_free(&t);
		sim_free(&run);
		return cli_fail("io", "cannot write %s", pcap);
	}
	if (keylog != NULL && write_keylog(keylog, &run, 1) != 0) {
		sim_text_free(&t);
		sim_free(&run);
		return cli_fail("io", "cannot write %s", keylog);
	}
	rc = run.pass ? EXIT_POSITIVE : EXIT_NEGATIVE;
	sim_free(&run);
	i = flush_text(&t);
	return i != 0 ? i : rc;
}
