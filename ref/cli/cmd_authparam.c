/*
 * cmd_authparam.c -- `itls authparam parse|nonce|sm6|sm8` and the
 * vector-check handlers of vectors/authparam.txt (ops authparam-parse,
 * aka-nonce, challenge-sm6). Spec: spec/authparam.md (AP-01 .. AP-31).
 */
#include "cli.h"
#include "itls/authparam.h"
#include "itls/err.h"

#include <stdlib.h>
#include <string.h>

/* a canonical line is never longer than its input plus three bytes per
 * parameter (", " and "="), plus a 40-byte appended parameter */
#define AP_CANON_CAP (2 * ITLS_AUTHPARAM_MAX_LEN + 256)

static const char usage_authparam[] =
"usage: itls authparam parse                 (header values on stdin)\n"
"       itls authparam nonce NONCE_B64\n"
"       itls authparam sm6 [--s-token HEX24] 'SM5 VALUE'\n"
"       itls authparam sm8 [--integrity-protected VALUE] 'SM7 VALUE'\n"
"\n"
"HTTP Digest challenge (WWW-Authenticate) and credentials (Authorization)\n"
"parameters of IMS AKA and I-TLS (spec/authparam.md). A VALUE is what\n"
"follows the header name and colon, e.g.\n"
"  Digest realm=\"ims.example.net\", nonce=\"...\", algorithm=AKAv1-MD5\n"
"'itls authparam SUBCOMMAND --help' tells more.\n";

static const char usage_parse[] =
"usage: itls authparam parse < values\n"
"\n"
"Reads one WWW-Authenticate or Authorization value per line on stdin (a\n"
"final LF, and a CR before it, are removed) and prints one line each:\n"
"  ok <canonical value>    (AP-23: \"Digest \", names lower case, values as\n"
"                           received, joined by \", \")\n"
"  error <reason-word>     (e.g. bad-scheme, duplicate-parameter, bad-token)\n"
"Exit status: 0 when every line parsed, 2 when at least one did not (all\n"
"lines are still printed). A line longer than 65535 bytes is \"error\n"
"too-long\"; no line at all is exit 2, \"itls: empty\" on stderr.\n";

static const char usage_nonce[] =
"usage: itls authparam nonce NONCE_B64\n"
"\n"
"Decodes an AKA nonce, base64(RAND || AUTN || server data) (AP-24, AP-25;\n"
"RFC 3310), given as the text between the quotes of nonce=\"...\". Prints\n"
"  rand <32 hex>\n"
"  autn <32 hex>\n"
"  server-data <hex>       (\"server-data\" alone when there is none)\n"
"Bad base64 or fewer than 32 bytes: exit 2 (bad-base64, bad-nonce).\n";

static const char usage_sm6[] =
"usage: itls authparam sm6 [--s-token HEX24] 'SM5 VALUE'\n"
"\n"
"The P-CSCF's SM6 challenge (AP-26): the SM5 WWW-Authenticate value\n"
"without ck and ik, plus s_token=\"<24 lower-case hex>\" when --s-token is\n"
"given (the UE offered tls). SM5 must carry ck and ik (missing-parameter)\n"
"and no s_token (duplicate-parameter). Prints the value in canonical form.\n";

static const char usage_sm8[] =
"usage: itls authparam sm8 [--integrity-protected VALUE] 'SM7 VALUE'\n"
"\n"
"The P-CSCF's SM8 credentials (AP-28): the SM7 Authorization value without\n"
"c_token and without any integrity-protected, plus\n"
"integrity-protected=VALUE when given (yes, no, tls-pending, tls-yes,\n"
"ip-assoc-pending, ip-assoc-yes, auth-done). Prints the canonical value.\n";

static struct itls_authparam ap_parsed;
static char ap_canon[AP_CANON_CAP];
static uint8_t ap_nonce_buf[ITLS_AUTHPARAM_MAX_LEN];

static int
is_help(const char *s)
{
	return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0;
}

/* s_token text (hex, either case, 24 digits) to 12 bytes; empty: *none = 1 */
static enum itls_err
s_token_arg(const char *s, size_t len, uint8_t tok[12], int *none)
{
	*none = 0;
	if (len == 0) {
		*none = 1;
		return ITLS_OK;
	}
	if (itls_authparam_hex_decode(s, len, tok, 12) != ITLS_OK) {
		return ITLS_ERR_BAD_TOKEN; /* AP-19, AP-26 */
	}
	return ITLS_OK;
}

/* parse SM5 and build SM6 into ap_canon */
static enum itls_err
do_sm6(const char *v, size_t vlen, const char *tok_hex, size_t tok_len,
	size_t *n)
{
	uint8_t tok[12];
	int none;
	enum itls_err e;

	e = itls_authparam_parse(v, vlen, &ap_parsed);
	if (e != ITLS_OK) {
		return e;
	}
	e = s_token_arg(tok_hex, tok_len, tok, &none);
	if (e != ITLS_OK) {
		return e;
	}
	return itls_authparam_sm6(v, vlen, &ap_parsed, none ? NULL : tok, ap_canon,
		sizeof ap_canon, n);
}

/* ---- parse ---------------------------------------------------------------- */

/* one line: parse, then serialize canonically */
static enum itls_err
ap_canon_line(const char *line, size_t len, char *out, size_t cap, size_t *n)
{
	enum itls_err e = itls_authparam_parse(line, len, &ap_parsed);

	return e != ITLS_OK ? e :
		itls_authparam_serialize(line, len, &ap_parsed, out, cap, n);
}

static int
ap_cmd_parse(int argc, char **argv)
{
	if (argc > 0) {
		if (is_help(argv[0])) {
			fputs(usage_parse, stdout);
			return EXIT_POSITIVE;
		}
		return cli_fail("usage", "authparam parse takes no arguments (reads stdin)");
	}
	return cli_line_filter(ap_canon_line, ap_canon, sizeof ap_canon);
}

/* ---- nonce ---------------------------------------------------------------- */

static int
ap_cmd_nonce(int argc, char **argv)
{
	struct itls_out o;
	struct itls_authparam_nonce nv;
	enum itls_err e;

	if (argc >= 1 && is_help(argv[0])) {
		fputs(usage_nonce, stdout);
		return EXIT_POSITIVE;
	}
	if (argc != 1) {
		return cli_fail("usage", "itls authparam nonce NONCE_B64");
	}
	e = itls_authparam_aka_nonce(argv[0], strlen(argv[0]), ap_nonce_buf,
		sizeof ap_nonce_buf, &nv);
	if (e != ITLS_OK) {
		return cli_fail(itls_err_name(e), "nonce is not base64(RAND || AUTN || data)");
	}
	out_init(&o);
	out_printf(&o, "rand ");
	out_hex(&o, nv.rand, 16);
	out_printf(&o, "\nautn ");
	out_hex(&o, nv.autn, 16);
	out_printf(&o, "\nserver-data");
	if (nv.server_len > 0) {
		out_printf(&o, " ");
		out_hex(&o, ap_nonce_buf + 32, nv.server_len);
	}
	out_printf(&o, "\n");
	return out_flush(&o);
}

/* ---- sm6, sm8 -------------------------------------------------------------- */

static int
ap_cmd_sm6(int argc, char **argv)
{
	static const char *const with_value[] = { "--s-token", NULL };
	static const char *const flags[] = { NULL };
	const char *tok, *value = NULL;
	struct itls_out o;
	size_t n;
	int i;
	enum itls_err e;

	if (argc >= 1 && is_help(argv[0])) {
		fputs(usage_sm6, stdout);
		return EXIT_POSITIVE;
	}
	if (arg_check(argc, argv, with_value, flags) != 0) {
		return EXIT_BADINPUT;
	}
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--s-token") == 0) {
			i++;
			continue;
		}
		if (value != NULL) {
			return cli_fail("usage", "itls authparam sm6 [--s-token HEX24] 'SM5 VALUE'");
		}
		value = argv[i];
	}
	if (value == NULL) {
		return cli_fail("usage", "itls authparam sm6 [--s-token HEX24] 'SM5 VALUE'");
	}
	tok = arg_get(argc, argv, "--s-token");
	/* an option of the wrong length: bad-length, as for every option */
	if (tok != NULL && strlen(tok) != 24) {
		return cli_fail("bad-length", "--s-token: want 24 hex digits");
	}
	e = do_sm6(value, strlen(value), tok ? tok : "", tok ? strlen(tok) : 0, &n);
	if (e != ITLS_OK) {
		return cli_fail(itls_err_name(e), "cannot build SM6 from this SM5 value");
	}
	out_init(&o);
	out_bytes(&o, ap_canon, n);
	out_printf(&o, "\n");
	return out_flush(&o);
}

static const char *const ip_words[] = {
	"", "yes", "no", "tls-pending", "tls-yes", "ip-assoc-pending",
	"ip-assoc-yes", "auth-done",
};

static int
ap_cmd_sm8(int argc, char **argv)
{
	static const char *const with_value[] = { "--integrity-protected", NULL };
	static const char *const flags[] = { NULL };
	const char *ip, *value = NULL;
	struct itls_out o;
	unsigned k, integrity = ITLS_AP_IP_NONE;
	size_t n;
	int i;
	enum itls_err e;

	if (argc >= 1 && is_help(argv[0])) {
		fputs(usage_sm8, stdout);
		return EXIT_POSITIVE;
	}
	if (arg_check(argc, argv, with_value, flags) != 0) {
		return EXIT_BADINPUT;
	}
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--integrity-protected") == 0) {
			i++;
			continue;
		}
		if (value != NULL) {
			return cli_fail("usage", "itls authparam sm8 [--integrity-protected V] 'SM7 VALUE'");
		}
		value = argv[i];
	}
	if (value == NULL) {
		return cli_fail("usage", "itls authparam sm8 [--integrity-protected V] 'SM7 VALUE'");
	}
	ip = arg_get(argc, argv, "--integrity-protected");
	if (ip != NULL) {
		for (k = 1; k <= ITLS_AP_IP_AUTH_DONE; k++) {
			if (strcmp(ip, ip_words[k]) == 0) {
				integrity = k;
			}
		}
		if (integrity == ITLS_AP_IP_NONE) {
			return cli_fail("bad-integrity-protected", "%s", ip);
		}
	}
	e = itls_authparam_parse(value, strlen(value), &ap_parsed);
	if (e == ITLS_OK) {
		e = itls_authparam_sm8(value, strlen(value), &ap_parsed, integrity,
			ap_canon, sizeof ap_canon, &n);
	}
	if (e != ITLS_OK) {
		return cli_fail(itls_err_name(e), "cannot build SM8 from this SM7 value");
	}
	out_init(&o);
	out_bytes(&o, ap_canon, n);
	out_printf(&o, "\n");
	return out_flush(&o);
}

int
cmd_authparam(int argc, char **argv)
{
	if (argc < 1) {
		fputs(usage_authparam, stderr);
		return EXIT_BADINPUT;
	}
	if (is_help(argv[0])) {
		fputs(usage_authparam, stdout);
		return EXIT_POSITIVE;
	}
	if (strcmp(argv[0], "parse") == 0) {
		return ap_cmd_parse(argc - 1, argv + 1);
	}
	if (strcmp(argv[0], "nonce") == 0) {
		return ap_cmd_nonce(argc - 1, argv + 1);
	}
	if (strcmp(argv[0], "sm6") == 0) {
		return ap_cmd_sm6(argc - 1, argv + 1);
	}
	if (strcmp(argv[0], "sm8") == 0) {
		return ap_cmd_sm8(argc - 1, argv + 1);
	}
	return cli_fail("usage", "unknown subcommand '%s' (itls authparam --help)", argv[0]);
}

/* ---- vector handlers (vectors/FORMAT.md) ---------------------------------- */

/* op authparam-parse: input -> canonical */
static int
check_parse(const struct vrec *r, char *msg, size_t cap)
{
	const char *in;
	size_t len, n = 0;
	enum itls_err e;

	in = vrec_get(r, "input", &len);
	if (in == NULL) {
		snprintf(msg, cap, "record without input");
		return 2;
	}
	e = itls_authparam_parse(in, len, &ap_parsed);
	if (e == ITLS_OK) {
		e = itls_authparam_serialize(in, len, &ap_parsed, ap_canon,
			sizeof ap_canon, &n);
	}
	if (vrec_outcome(r, e, msg, cap) != 0) {
		return 1;
	}
	if (e != ITLS_OK) {
		return 0;
	}
	return vrec_expect(r, "canonical", ap_canon, n, msg, cap);
}

/* op aka-nonce: nonce -> rand, autn, server_data */
static int
check_nonce(const struct vrec *r, char *msg, size_t cap)
{
	const char *in;
	size_t len;
	struct itls_authparam_nonce nv;
	enum itls_err e;

	in = vrec_get(r, "nonce", &len);
	if (in == NULL) {
		snprintf(msg, cap, "record without nonce");
		return 2;
	}
	e = itls_authparam_aka_nonce(in, len, ap_nonce_buf, sizeof ap_nonce_buf, &nv);
	if (vrec_outcome(r, e, msg, cap) != 0) {
		return 1;
	}
	if (e != ITLS_OK) {
		return 0;
	}
	if (vrec_expect_hex(r, "rand", nv.rand, 16, msg, cap) != 0
		|| vrec_expect_hex(r, "autn", nv.autn, 16, msg, cap) != 0
		|| vrec_expect_hex(r, "server_data", ap_nonce_buf + 32, nv.server_len,
			msg, cap) != 0) {
		return 1;
	}
	return 0;
}

/* op challenge-sm6: input (SM5), s_token (hex or empty) -> output */
static int
check_sm6(const struct vrec *r, char *msg, size_t cap)
{
	const char *in, *tok;
	size_t len, tlen = 0, n = 0;
	enum itls_err e;

	in = vrec_get(r, "input", &len);
	if (in == NULL) {
		snprintf(msg, cap, "record without input");
		return 2;
	}
	tok = vrec_get(r, "s_token", &tlen);
	e = do_sm6(in, len, tok ? tok : "", tok ? tlen : 0, &n);
	if (vrec_outcome(r, e, msg, cap) != 0) {
		return 1;
	}
	if (e != ITLS_OK) {
		return 0;
	}
	return vrec_expect(r, "output", ap_canon, n, msg, cap);
}

const struct itls_check_op check_ops_authparam[] = {
	{ "authparam-parse", check_parse },
	{ "aka-nonce", check_nonce },
	{ "challenge-sm6", check_sm6 },
	{ NULL, NULL }
};
