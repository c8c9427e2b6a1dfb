/*
 * cmd_secagree.c -- `itls secagree parse|select|verify|compare` and the
 * vector-check handlers of vectors/secagree.txt (ops secagree-parse,
 * secagree-select, secagree-verify, secagree-compare).
 * Spec: spec/secagree.md SA-29, SA-30; decisions D-SA-8, D-SA-13.
 */
#include "cli.h"
#include "itls/err.h"
#include "itls/secagree.h"

#include <stdlib.h>
#include <string.h>

/* a canonical line is at most its input plus ": " and ", " per line or
 * mechanism; this is ample for any input the parser accepts */
#define SA_CANON_CAP (2 * ITLS_SECAGREE_MAX_LEN + 64)

static const char usage_secagree[] =
"usage: itls secagree parse              (header lines on stdin)\n"
"       itls secagree select CLIENT_LINE SERVER_LINE\n"
"       itls secagree verify SERVER_LINE VERIFY_LINE\n"
"       itls secagree compare CLIENT_LINE_SM1 CLIENT_LINE_SM7\n"
"\n"
"RFC 3329 security agreement (spec/secagree.md). A LINE is a whole header\n"
"line, e.g. \"Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;..., tls;q=0.2\".\n"
"'itls secagree SUBCOMMAND --help' tells more.\n";

static const char usage_parse[] =
"usage: itls secagree parse < lines\n"
"\n"
"Reads Security-Client / -Server / -Verify header lines on stdin, one\n"
"message of one line each (a final LF, and a CR before it, are removed),\n"
"and prints one line per input line:\n"
"  ok <canonical line>     (SA-21: names lower case, values as received)\n"
"  error <reason-word>     (e.g. bad-qvalue, duplicate-q, syntax)\n"
"Exit status: 0 when every line parsed, 2 when at least one did not\n"
"(all lines are still printed; D-SA-13). A line longer than 65535 bytes is\n"
"\"error too-long\"; no line at all is exit 2, \"itls: empty\" on stderr.\n";

static const char usage_select[] =
"usage: itls secagree select CLIENT_LINE SERVER_LINE\n"
"\n"
"The UE's choice (SA-23): among the Security-Server mechanisms that the\n"
"Security-Client also names, the one with the highest q (no q ranks\n"
"lowest; the first wins among equals). Prints it in canonical form and\n"
"exits 0, or prints \"none\" and exits 1. A line that does not parse, or\n"
"a wrong header name (SA-24), is exit 2 with the reason on stderr.\n";

static const char usage_verify[] =
"usage: itls secagree verify SERVER_LINE VERIFY_LINE\n"
"\n"
"Is the Security-Verify of the protected request equal to the\n"
"Security-Server the UE received (SA-25: same mechanisms, order,\n"
"parameters; names case-insensitive, values byte for byte)? Prints\n"
"\"match\" (exit 0) or \"mismatch\" (exit 1); exit 2 on bad input.\n";

static const char usage_compare[] =
"usage: itls secagree compare CLIENT_LINE_SM1 CLIENT_LINE_SM7\n"
"\n"
"Is the Security-Client of the protected REGISTER equal to the one of\n"
"the first REGISTER (SA-26, bid-down detection on the P-CSCF)? Prints\n"
"\"match\" (exit 0) or \"mismatch\" (exit 1); exit 2 on bad input.\n";

/* the lists are about 11 KiB each: keep them off the stack */
static struct itls_secagree_list sa_l1, sa_l2;
static char sa_canon[SA_CANON_CAP];

static int
is_help(const char *s)
{
	return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0;
}

/* ---- parse (SA-29) -------------------------------------------------------- */

/* one line: parse, then serialize canonically */
static enum itls_err
sa_canon_line(const char *line, size_t len, char *out, size_t cap, size_t *n)
{
	enum itls_err e = itls_secagree_parse(&sa_l1, line, len);

	return e != ITLS_OK ? e : itls_secagree_serialize(&sa_l1, line, len, out, cap, n);
}

static int
sa_cmd_parse(int argc, char **argv)
{
	if (argc > 0) {
		if (is_help(argv[0])) {
			fputs(usage_parse, stdout);
			return EXIT_POSITIVE;
		}
		return cli_fail("usage", "secagree parse takes no arguments (reads stdin)");
	}
	return cli_line_filter(sa_canon_line, sa_canon, sizeof sa_canon);
}

/* parse argument `what` (a whole header line) into l, or print the reason */
static int
sa_parse_arg(struct itls_secagree_list *l, const char *s, const char *what)
{
	enum itls_err e = itls_secagree_parse(l, s, strlen(s));

	if (e != ITLS_OK) {
		cli_fail(itls_err_name(e), "%s line does not parse", what);
		return -1;
	}
	return 0;
}

static int
sa_two_args(int argc, char **argv, const char *usage, const char *name)
{
	if (argc >= 1 && is_help(argv[0])) {
		fputs(usage, stdout);
		return EXIT_POSITIVE;
	}
	if (argc != 2) {
		return cli_fail("usage", "secagree %s takes two header lines", name);
	}
	if (strncmp(argv[0], "--", 2) == 0 || strncmp(argv[1], "--", 2) == 0) {
		return cli_fail("usage", "secagree %s has no options (itls secagree %s --help)",
			name, name);
	}
	return -1;
}

/* ---- select (SA-23, SA-30) ------------------------------------------------ */

static int
sa_cmd_select(int argc, char **argv)
{
	struct itls_out o;
	size_t idx = 0, n;
	enum itls_err e;
	int rc = sa_two_args(argc, argv, usage_select, "select");

	if (rc >= 0) {
		return rc;
	}
	if (sa_parse_arg(&sa_l1, argv[0], "client") != 0
		|| sa_parse_arg(&sa_l2, argv[1], "server") != 0) {
		return EXIT_BADINPUT;
	}
	e = itls_secagree_select(&sa_l1, argv[0], strlen(argv[0]),
		&sa_l2, argv[1], strlen(argv[1]), &idx);
	out_init(&o);
	if (e == ITLS_ERR_NO_COMMON_MECHANISM) {
		out_printf(&o, "none\n");
		return out_flush(&o) ? EXIT_BADINPUT : EXIT_NEGATIVE;
	}
	if (e != ITLS_OK) {
		return cli_fail(itls_err_name(e),
			"select wants a Security-Client line, then a Security-Server line");
	}
	e = itls_secagree_serialize_mech(&sa_l2, argv[1], strlen(argv[1]), idx,
		sa_canon, sizeof sa_canon, &n);
	if (e != ITLS_OK) {
		return cli_fail(itls_err_name(e), "chosen mechanism");
	}
	out_bytes(&o, sa_canon, n);
	out_printf(&o, "\n");
	return out_flush(&o);
}

/* ---- verify, compare (SA-25, SA-26, SA-30) -------------------------------- */

static int
sa_cmd_equal(int argc, char **argv, int verify)
{
	struct itls_out o;
	enum itls_err e;
	int rc = sa_two_args(argc, argv, verify ? usage_verify : usage_compare,
		verify ? "verify" : "compare");

	if (rc >= 0) {
		return rc;
	}
	if (sa_parse_arg(&sa_l1, argv[0], verify ? "server" : "first client") != 0
		|| sa_parse_arg(&sa_l2, argv[1], verify ? "verify" : "second client") != 0) {
		return EXIT_BADINPUT;
	}
	if (verify) {
		e = itls_secagree_verify(&sa_l1, argv[0], strlen(argv[0]),
			&sa_l2, argv[1], strlen(argv[1]));
	} else {
		e = itls_secagree_compare(&sa_l1, argv[0], strlen(argv[0]),
			&sa_l2, argv[1], strlen(argv[1]));
	}
	if (e != ITLS_OK && e != ITLS_ERR_MISMATCH) {
		return cli_fail(itls_err_name(e), verify
			? "verify wants a Security-Server line, then a Security-Verify line"
			: "compare wants two Security-Client lines");
	}
	out_init(&o);
	out_printf(&o, "%s\n", e == ITLS_OK ? "match" : "mismatch");
	rc = out_flush(&o);
	if (rc != 0) {
		return rc;
	}
	return e == ITLS_OK ? EXIT_POSITIVE : EXIT_NEGATIVE;
}

int
cmd_secagree(int argc, char **argv)
{
	if (argc < 1) {
		return cli_fail("usage", "itls secagree parse|select|verify|compare (--help)");
	}
	if (is_help(argv[0])) {
		fputs(usage_secagree, stdout);
		return EXIT_POSITIVE;
	}
	if (strcmp(argv[0], "parse") == 0) {
		return sa_cmd_parse(argc - 1, argv + 1);
	}
	if (strcmp(argv[0], "select") == 0) {
		return sa_cmd_select(argc - 1, argv + 1);
	}
	if (strcmp(argv[0], "verify") == 0) {
		return sa_cmd_equal(argc - 1, argv + 1, 1);
	}
	if (strcmp(argv[0], "compare") == 0) {
		return sa_cmd_equal(argc - 1, argv + 1, 0);
	}
	return cli_fail("usage", "unknown secagree subcommand '%s' (itls secagree --help)",
		argv[0]);
}

/* ---- vector checks (vectors/FORMAT.md) -------------------------------------- */

/* the buffer holding all `input` lines of a record, one after the other */
static char sa_vbuf[ITLS_SECAGREE_MAX_LEN + 1];

/* parse the lines of key `key` of r into l (views into sa_vbuf or dst) */
static enum itls_err
sa_parse_key(const struct vrec *r, const char *key, struct itls_secagree_list *l,
	char *dst, size_t dcap, size_t *dlen, int *missing)
{
	size_t i, n = vrec_count(r, key), len, used = 0;
	const char *v;
	enum itls_err e = ITLS_OK;

	*missing = n == 0;
	itls_secagree_init(l);
	for (i = 0; i < n; i++) {
		v = vrec_get_nth(r, key, i, &len);
		if (len > dcap - used) {
			return ITLS_ERR_TOO_LONG;
		}
		memcpy(dst + used, v, len);
		e = itls_secagree_append(l, dst, used + len, used);
		used += len;
		if (e != ITLS_OK) {
			break;
		}
	}
	*dlen = used;
	return e;
}

static int
sa_check_parse(const struct vrec *r, char *msg, size_t cap)
{
	size_t len, n;
	int missing;
	enum itls_err e = sa_parse_key(r, "input", &sa_l1, sa_vbuf, sizeof sa_vbuf,
		&len, &missing);

	if (missing) {
		snprintf(msg, cap, "record has no input");
		return 2;
	}
	if (e == ITLS_OK) {
		e = itls_secagree_serialize(&sa_l1, sa_vbuf, len, sa_canon,
			sizeof sa_canon, &n);
	}
	if (vrec_outcome(r, e, msg, cap) != 0) {
		return 1;
	}
	if (e != ITLS_OK) {
		return 0;
	}
	return vrec_expect(r, "canonical", sa_canon, n, msg, cap);
}

static char sa_vbuf2[ITLS_SECAGREE_MAX_LEN + 1];

/* parse the two lines of an op; returns the first error, or ITLS_OK */
static int
sa_check_two(const struct vrec *r, const char *k1, const char *k2,
	size_t *len1, size_t *len2, enum itls_err *e, char *msg, size_t cap)
{
	int m1, m2;

	*e = sa_parse_key(r, k1, &sa_l1, sa_vbuf, sizeof sa_vbuf, len1, &m1);
	if (*e == ITLS_OK || m1) {
		enum itls_err e2 = sa_parse_key(r, k2, &sa_l2, sa_vbuf2,
			sizeof sa_vbuf2, len2, &m2);
		if (*e == ITLS_OK) {
			*e = e2;
		}
	} else {
		m2 = vrec_count(r, k2) == 0;
	}
	if (m1 || m2) {
		snprintf(msg, cap, "record needs %s and %s", k1, k2);
		return 2;
	}
	return 0;
}

static int
sa_check_select(const struct vrec *r, char *msg, size_t cap)
{
	size_t len1, len2, idx = 0, n = 0;
	enum itls_err e;
	int rc = sa_check_two(r, "client", "server", &len1, &len2, &e, msg, cap);

	if (rc != 0) {
		return rc;
	}
	if (e == ITLS_OK) {
		e = itls_secagree_select(&sa_l1, sa_vbuf, len1, &sa_l2, sa_vbuf2,
			len2, &idx);
	}
	if (e == ITLS_OK) {
		e = itls_secagree_serialize_mech(&sa_l2, sa_vbuf2, len2, idx,
			sa_canon, sizeof sa_canon, &n);
	}
	if (vrec_outcome(r, e, msg, cap) != 0) {
		return 1;
	}
	if (e != ITLS_OK) {
		return 0;
	}
	return vrec_expect(r, "chosen", sa_canon, n, msg, cap);
}

static int
sa_check_equal(const struct vrec *r, char *msg, size_t cap, int verify)
{
	size_t len1, len2;
	enum itls_err e;
	int rc = sa_check_two(r, verify ? "server" : "client1",
		verify ? "verify" : "client2", &len1, &len2, &e, msg, cap);

	if (rc != 0) {
		return rc;
	}
	if (e == ITLS_OK) {
		e = verify
			? itls_secagree_verify(&sa_l1, sa_vbuf, len1, &sa_l2, sa_vbuf2, len2)
			: itls_secagree_compare(&sa_l1, sa_vbuf, len1, &sa_l2, sa_vbuf2, len2);
	}
	return vrec_outcome(r, e, msg, cap) != 0 ? 1 : 0;
}

static int
sa_check_verify(const struct vrec *r, char *msg, size_t cap)
{
	return sa_check_equal(r, msg, cap, 1);
}

static int
sa_check_compare(const struct vrec *r, char *msg, size_t cap)
{
	return sa_check_equal(r, msg, cap, 0);
}

const struct itls_check_op check_ops_secagree[] = {
	{ "secagree-parse", sa_check_parse },
	{ "secagree-select", sa_check_select },
	{ "secagree-verify", sa_check_verify },
	{ "secagree-compare", sa_check_compare },
	{ NULL, NULL },
};
