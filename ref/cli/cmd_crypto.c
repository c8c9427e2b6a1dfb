/*
 * cmd_crypto.c -- `itls token`, `itls milenage`, `itls aka`, `itls psk`
 * and the vector-check handlers of vectors/crypto.txt, token.txt, aka.txt
 * (ops hmac-sha1, hmac-sha256, kdf, s-token, c-token, s-token-verify,
 * c-token-verify, milenage, autn, autn-check, auts, aka-response, psk).
 *
 * Spec: spec/token.md (TK), spec/aka.md (AK), spec/psk.md (PS);
 * decisions D-TK-*, D-AK-*, D-PS-1. Hex formatting of results happens here;
 * the core returns raw bytes (token hex comes from itls_token_to_hex).
 */
#include "cli.h"
#include "itls/aka.h"
#include "itls/crypto.h"
#include "itls/err.h"
#include "itls/psk.h"
#include "itls/token.h"

#include <stdlib.h>
#include <string.h>

#define CERT_CAP (1 << 20)      /* a certificate file: 1 MiB at most */
#define BODY_CAP (1 << 20)
#define MSG_CAP 262144          /* a vector value: the size of vrec.store */

static int
is_help(const char *s)
{
	return strcmp(s, "--help") == 0 || strcmp(s, "-h") == 0;
}

/*
 * Every word must be an option of the lists (options with a value take
 * the next word); a stray word or an unknown option is a usage error.
 */
static int
args_ok(int argc, char **argv, const char *const *with_value, const char *const *flags)
{
	int i, k;

	for (i = 0; i < argc; i++) {
		int known = 0;

		for (k = 0; flags != NULL && flags[k] != NULL; k++) {
			if (strcmp(argv[i], flags[k]) == 0) {
				known = 1;
			}
		}
		if (known) {
			continue;
		}
		for (k = 0; with_value[k] != NULL; k++) {
			if (strcmp(argv[i], with_value[k]) == 0) {
				known = 2;
			}
		}
		if (known == 0) {
			return cli_fail("usage", "unexpected argument '%s' (--help tells more)", argv[i]);
		}
		if (i + 1 >= argc) {
			return cli_fail("usage", "option %s needs a value", argv[i]);
		}
		i++;
	}
	return 0;
}

/*
 * Hex option `name` of exactly `want` bytes (want 0: any length up to cap).
 * Returns the byte count, or -1 after cli_fail: missing-parameter (absent
 * and required), bad-hex, bad-length (TK-03, AK-01, PS-03).
 */
static long
opt_hex(int argc, char **argv, const char *name, uint8_t *out, size_t cap,
	size_t want, int required)
{
	const char *v = arg_get(argc, argv, name);
	long n;

	if (v == NULL) {
		if (required) {
			cli_fail("missing-parameter", "%s is required", name);
			return -1;
		}
		return -2;
	}
	n = hex_decode(v, strlen(v), out, cap, want);
	if (n == -1) {
		cli_fail("bad-hex", "%s: not hexadecimal", name);
		return -1;
	}
	if (n < 0) {
		if (want != 0) {
			cli_fail("bad-length", "%s: want %zu bytes (%zu hex digits)", name, want, 2 * want);
		} else {
			cli_fail("bad-length", "%s: too long", name);
		}
		return -1;
	}
	return n;
}

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '+') return 62;
	if (c == '/') return 63;
	return -1;
}

/* decode the first PEM CERTIFICATE block of buf in place; -1 if none */
static long
pem_to_der(uint8_t *buf, size_t n)
{
	static const char begin[] = "-----BEGIN CERTIFICATE-----";
	size_t i = 0, o = 0;
	unsigned acc = 0;
	int bits = 0;

	while (i + sizeof begin - 1 <= n && memcmp(buf + i, begin, sizeof begin - 1) != 0) {
		i++;
	}
	if (i + sizeof begin - 1 > n) {
		return -1;
	}
	for (i += sizeof begin - 1; i < n && buf[i] != '-'; i++) {
		int v = b64val(buf[i]);
		if (v < 0) {
			continue; /* line breaks, '=' padding */
		}
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf[o++] = (uint8_t)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	return o > 0 ? (long)o : -1;
}

/* read a certificate (DER, or PEM converted to DER); -1 after cli_fail */
static long
load_cert(const char *path, uint8_t *buf)
{
	long n = file_read(path, buf, CERT_CAP);

	if (n < 0) {
		file_fail(path, n, CERT_CAP);
		return -1;
	}
	if (n >= 11 && memcmp(buf, "-----BEGIN ", 11) == 0) {
		n = pem_to_der(buf, (size_t)n);
		if (n < 0) {
			cli_fail("bad-pem", "%s: no CERTIFICATE block", path);
			return -1;
		}
	}
	return n;
}

/* ---- itls token ----------------------------------------------------------- */

static const char usage_token[] =
"usage: itls token server --ik HEX32 --cert FILE.der [--profile hmac|kdf] [--ck HEX32]\n"
"       itls token client --ik HEX32 --s-token HEX24 [--profile hmac|kdf] [--ck HEX32]\n"
"       itls token verify --ik HEX32 [--profile hmac|kdf] [--ck HEX32]\n"
"                         (--cert FILE.der --s-token HEX24 | --s-token HEX24 --c-token HEX24)\n"
"\n"
"I-TLS tokens (spec/token.md; seed 004 section 3.3.3).\n"
"  server  s_token = HMAC-SHA1-96(IK, certificate DER)             (TK-01)\n"
"  client  c_token = HMAC-SHA1-96(IK, the 12 raw bytes of s_token) (TK-02)\n"
"  verify  recompute and compare in constant time (TK-07): prints \"valid\"\n"
"          (exit 0) or \"invalid\" (exit 1)\n"
"--profile kdf (itls-ref's own, not a standard; needs --ck): the first 12\n"
"bytes of KDF(CK || IK, 0x01, \"itls s_token\" | \"itls c_token\", input) with\n"
"the TS 33.220 Annex B KDF (TK-09, TK-11).\n"
"Tokens print as 24 lower-case hex characters; --s-token / --c-token accept\n"
"either case (TK-05, TK-06). The certificate is the end-entity one, DER (a\n"
"PEM file's first CERTIFICATE block is decoded first).\n"
"FILE - reads the certificate from stdin.\n"
"Bad input exits 2 with a reason on stderr: bad-hex, bad-length (any option\n"
"of the wrong length), bad-profile, missing-parameter, empty-certificate,\n"
"too-long (a file over 1 MiB), unreadable (with the system's reason), usage.\n";

static const char *const token_opts[] = {
	"--ik", "--ck", "--cert", "--s-token", "--c-token", "--profile", NULL
};

/* keys from --profile, --ik, --ck; 0 or EXIT_BADINPUT */
static int
token_keys(int argc, char **argv, struct itls_token_keys *keys)
{
	const char *prof = arg_get(argc, argv, "--profile");
	long n;

	memset(keys, 0, sizeof *keys);
	keys->profile = ITLS_TOKEN_HMAC;
	if (prof != NULL
		&& itls_token_profile_from_name(&keys->profile, prof, strlen(prof)) != ITLS_OK) {
		/* TK-12 */
		return cli_fail("bad-profile", "'%s' (hmac or kdf)", prof);
	}
	if (opt_hex(argc, argv, "--ik", keys->ik, 16, 16, 1) < 0) {
		return EXIT_BADINPUT;
	}
	n = opt_hex(argc, argv, "--ck", keys->ck, 16, 16, keys->profile == ITLS_TOKEN_KDF);
	if (n == -1) {
		return EXIT_BADINPUT;
	}
	return 0;
}

static int
opt_token(int argc, char **argv, const char *name, uint8_t tok[12])
{
	const char *v = arg_get(argc, argv, name);

	if (v == NULL) {
		return cli_fail("missing-parameter", "%s is required", name);
	}
	/* one reason word per defect for every option: bad-length, then bad-hex */
	if (strlen(v) != ITLS_TOKEN_HEX_LEN) {
		return cli_fail("bad-length", "%s: want 24 hex digits", name);
	}
	/* TK-06 */
	if (itls_token_from_hex(tok, v, strlen(v)) != ITLS_OK) {
		return cli_fail("bad-hex", "%s: want 24 hex digits", name);
	}
	return 0;
}

static int
token_print(const uint8_t tok[12])
{
	struct itls_out *o = malloc(sizeof *o);
	char hex[ITLS_TOKEN_HEX_LEN];
	int rc;

	if (o == NULL) {
		return cli_fail("no-memory", "output");
	}
	out_init(o);
	itls_token_to_hex(hex, tok);
	out_bytes(o, hex, sizeof hex);
	out_bytes(o, "\n", 1);
	rc = out_flush(o);
	free(o);
	return rc;
}

int
cmd_token(int argc, char **argv)
{
	struct itls_token_keys keys;
	uint8_t *cert = NULL;
	uint8_t st[12], ct[12], got[12];
	const char *sub;
	const char *cpath;
	long clen = 0;
	int rc, e;

	if (argc < 1) {
		fputs(usage_token, stderr);
		return EXIT_BADINPUT;
	}
	sub = argv[0];
	if (is_help(sub) || (argc >= 2 && is_help(argv[1]))) {
		fputs(usage_token, stdout);
		return EXIT_POSITIVE;
	}
	if (strcmp(sub, "server") != 0 && strcmp(sub, "client") != 0 && strcmp(sub, "verify") != 0) {
		return cli_fail("usage", "unknown subcommand '%s' (itls token --help)", sub);
	}
	argc--;
	argv++;
	if ((rc = args_ok(argc, argv, token_opts, NULL)) != 0) {
		return rc;
	}
	if ((rc = token_keys(argc, argv, &keys)) != 0) {
		return rc;
	}
	cpath = arg_get(argc, argv, "--cert");
	if (strcmp(sub, "server") == 0) {
		if (arg_has(argc, argv, "--s-token") || arg_has(argc, argv, "--c-token")) {
			return cli_fail("usage", "token server takes --ik, --cert, --profile, --ck");
		}
		if (cpath == NULL) {
			return cli_fail("missing-parameter", "--cert is required");
		}
	} else if (strcmp(sub, "client") == 0) {
		if (cpath != NULL || arg_has(argc, argv, "--c-token")) {
			return cli_fail("usage", "token client takes --ik, --s-token, --profile, --ck");
		}
	} else if (cpath != NULL && arg_has(argc, argv, "--c-token")) {
		return cli_fail("usage", "token verify: --cert (s_token) or --c-token, not both");
	} else if (cpath == NULL && !arg_has(argc, argv, "--c-token")) {
		return cli_fail("missing-parameter", "token verify needs --cert or --c-token");
	}
	if (cpath != NULL) {
		cert = malloc(CERT_CAP);
		if (cert == NULL) {
			return cli_fail("no-memory", "certificate");
		}
		clen = load_cert(cpath, cert);
		if (clen < 0) {
			free(cert);
			return EXIT_BADINPUT;
		}
	}
	if (strcmp(sub, "server") == 0) {
		/* TK-01, TK-04, TK-10, TK-11 */
		e = itls_token_server(st, &keys, cert, (size_t)clen);
		free(cert);
		if (e != ITLS_OK) {
			return cli_fail(itls_err_name(e), "cannot compute s_token");
		}
		return token_print(st);
	}
	if ((rc = opt_token(argc, argv, "--s-token", st)) != 0) {
		free(cert);
		return rc;
	}
	if (strcmp(sub, "client") == 0) {
		/* TK-02 */
		e = itls_token_client(ct, &keys, st);
		if (e != ITLS_OK) {
			return cli_fail(itls_err_name(e), "cannot compute c_token");
		}
		return token_print(ct);
	}
	/* verify (TK-07) */
	if (cert != NULL) {
		e = itls_token_verify_server(&keys, cert, (size_t)clen, st);
		free(cert);
	} else {
		if ((rc = opt_token(argc, argv, "--c-token", got)) != 0) {
			return rc;
		}
		e = itls_token_verify_client(&keys, st, got);
	}
	if (e == ITLS_OK) {
		fputs("valid\n", stdout);
		return fflush(stdout) == 0 ? EXIT_POSITIVE : EXIT_BADINPUT;
	}
	if (e == ITLS_ERR_MISMATCH) {
		fputs("invalid\n", stdout);
		return fflush(stdout) == 0 ? EXIT_NEGATIVE : EXIT_BADINPUT;
	}
	return cli_fail(itls_err_name(e), "cannot verify");
}

/* ---- itls milenage / itls aka -------------------------------------------- */

static const char usage_milenage[] =
"usage: itls milenage --k HEX32 (--opc HEX32 | --op HEX32) --rand HEX32\n"
"                     --sqn HEX12 --amf HEX4 [--show-opc]\n"
"\n"
"Milenage f1, f1*, f2, f3, f4, f5, f5* (TS 35.206 section 4.1, spec/aka.md\n"
"AK-01..AK-06). Prints, in this order, one \"NAME HEX\" line each:\n"
"  mac-a (f1)  mac-s (f1*)  res (f2)  ck (f3)  ik (f4)  ak (f5)  ak-star (f5*)\n"
"--op derives OPc = OP ^ E_K(OP) first (AK-02); --show-opc adds a first line\n"
"\"opc HEX\" (D-AK-1). Bad input exits 2: bad-hex, bad-length,\n"
"missing-parameter, usage.\n";

static const char usage_aka[] =
"usage: itls aka autn --k HEX32 (--opc|--op) HEX32 --rand HEX32 --sqn HEX12 --amf HEX4\n"
"       itls aka check --k HEX32 (--opc|--op) HEX32 --rand HEX32 --autn HEX32\n"
"       itls aka auts --k HEX32 (--opc|--op) HEX32 --rand HEX32 --sqn-ms HEX12\n"
"       itls aka response --algorithm AKAv1-MD5|AKAv2-MD5 --res HEX --ik HEX32 --ck HEX32\n"
"                 --username U --realm R --nonce N --uri URI --method M\n"
"                 [--qop auth|auth-int --cnonce C --nc 8HEX [--body-file F]]\n"
"\n"
"IMS AKA helpers (spec/aka.md, D-AK-4).\n"
"  autn      prints \"autn HEX\": (SQN ^ AK) || AMF || MAC-A (AK-07)\n"
"  check     the UE's check of AUTN (AK-08): prints sqn, amf, res, ck, ik, ak\n"
"            lines (exit 0), or \"mac-failure\" (exit 1)\n"
"  auts      prints \"auts HEX\": (SQN_MS ^ AK*) || MAC-S, AMF 0000 (AK-09)\n"
"  response  the Digest response, 32 lower-case hex (RFC 2617 section 3.2.2):\n"
"            AKAv1-MD5 uses the raw RES bytes as password (RFC 3310), AKAv2-MD5\n"
"            base64(HMAC-MD5(RES||IK||CK, \"http-digest-akav2-password\"))\n"
"            (RFC 4169; --ik and --ck are needed for AKAv2 only). Values are\n"
"            hashed as given (pass them unquoted). auth-int hashes the body of\n"
"            --body-file (empty when absent).\n"
"Bad input exits 2: bad-hex, bad-length (any option of the wrong length),\n"
"bad-algorithm, bad-qop, bad-nc, missing-parameter, unreadable, too-long, usage.\n";

/* --k and OPc (from --opc, or --op through AK-02); 0 or EXIT_BADINPUT */
static int
aka_k_opc(int argc, char **argv, uint8_t k[16], uint8_t opc[16], int *from_op)
{
	uint8_t op[16];
	int has_op = arg_has(argc, argv, "--op");
	int has_opc = arg_has(argc, argv, "--opc");

	if (opt_hex(argc, argv, "--k", k, 16, 16, 1) < 0) {
		return EXIT_BADINPUT;
	}
	if (has_op && has_opc) {
		return cli_fail("usage", "give --op or --opc, not both");
	}
	if (!has_op && !has_opc) {
		return cli_fail("missing-parameter", "--opc or --op is required");
	}
	*from_op = has_op;
	if (has_op) {
		if (opt_hex(argc, argv, "--op", op, 16, 16, 1) < 0) {
			return EXIT_BADINPUT;
		}
		/* AK-02 */
		itls_milenage_opc(opc, k, op);
	} else if (opt_hex(argc, argv, "--opc", opc, 16, 16, 1) < 0) {
		return EXIT_BADINPUT;
	}
	return 0;
}

static void
out_line(struct itls_out *o, const char *name, const uint8_t *p, size_t n)
{
	out_printf(o, "%s ", name);
	out_hex(o, p, n);
	out_bytes(o, "\n", 1);
}

static int
flush_free(struct itls_out *o, int rc)
{
	int f = out_flush(o);

	free(o);
	return f != 0 ? f : rc;
}

int
cmd_milenage(int argc, char **argv)
{
	static const char *const opts[] = { "--k", "--op", "--opc", "--rand", "--sqn", "--amf", NULL };
	static const char *const flags[] = { "--show-opc", NULL };
	struct itls_milenage_out m;
	struct itls_out *o;
	uint8_t k[16], opc[16], rand[16], sqn[6], amf[2];
	int from_op = 0;
	int rc;

	if (argc >= 1 && is_help(argv[0])) {
		fputs(usage_milenage, stdout);
		return EXIT_POSITIVE;
	}
	if ((rc = args_ok(argc, argv, opts, flags)) != 0) {
		return rc;
	}
	/* AK-01: sizes */
	if ((rc = aka_k_opc(argc, argv, k, opc, &from_op)) != 0
		|| opt_hex(argc, argv, "--rand", rand, 16, 16, 1) < 0
		|| opt_hex(argc, argv, "--sqn", sqn, 6, 6, 1) < 0
		|| opt_hex(argc, argv, "--amf", amf, 2, 2, 1) < 0) {
		return EXIT_BADINPUT;
	}
	itls_milenage(&m, k, opc, rand, sqn, amf);
	o = malloc(sizeof *o);
	if (o == NULL) {
		return cli_fail("no-memory", "output");
	}
	out_init(o);
	/* D-AK-1 */
	if (arg_has(argc, argv, "--show-opc")) {
		out_line(o, "opc", opc, 16);
	}
	out_line(o, "mac-a", m.mac_a, 8);
	out_line(o, "mac-s", m.mac_s, 8);
	out_line(o, "res", m.res, 8);
	out_line(o, "ck", m.ck, 16);
	out_line(o, "ik", m.ik, 16);
	out_line(o, "ak", m.ak, 6);
	out_line(o, "ak-star", m.ak_star, 6);
	itls_crypto_wipe(k, sizeof k);
	itls_crypto_wipe(opc, sizeof opc);
	return flush_free(o, EXIT_POSITIVE);
}

/* a text option as bytes (NULL/0 when absent) */
static const uint8_t *
opt_text(int argc, char **argv, const char *name, size_t *len)
{
	const char *v = arg_get(argc, argv, name);

	*len = v != NULL ? strlen(v) : 0;
	return (const uint8_t *)v;
}

static int
aka_response(int argc, char **argv)
{
	static const char *const opts[] = {
		"--algorithm", "--res", "--ik", "--ck", "--username", "--realm", "--nonce",
		"--uri", "--method", "--qop", "--cnonce", "--nc", "--body-file", NULL
	};
	static const char *const required[] = {
		"--algorithm", "--res", "--username", "--realm", "--nonce", "--uri", "--method", NULL
	};
	struct itls_aka_digest d;
	uint8_t res[16], ik[16], ck[16], out[32];
	uint8_t *body = NULL;
	const char *alg, *qop, *bpath;
	long n;
	int rc, e, i;

	if ((rc = args_ok(argc, argv, opts, NULL)) != 0) {
		return rc;
	}
	for (i = 0; required[i] != NULL; i++) {
		if (arg_get(argc, argv, required[i]) == NULL) {
			return cli_fail("missing-parameter", "%s is required", required[i]);
		}
	}
	memset(&d, 0, sizeof d);
	memset(ik, 0, sizeof ik);
	memset(ck, 0, sizeof ck);
	alg = arg_get(argc, argv, "--algorithm");
	/* AK-14 */
	if (itls_aka_algorithm_from_name(&d.algorithm, alg, strlen(alg)) != ITLS_OK) {
		return cli_fail("bad-algorithm", "'%s' (AKAv1-MD5 or AKAv2-MD5)", alg);
	}
	n = opt_hex(argc, argv, "--res", res, sizeof res, 0, 1);
	if (n < 0) {
		return EXIT_BADINPUT;
	}
	if (n < ITLS_AKA_RES_MIN || n > ITLS_AKA_RES_MAX) {
		return cli_fail("bad-length", "--res: want 4 to 16 bytes");
	}
	if (opt_hex(argc, argv, "--ik", ik, 16, 16, d.algorithm == ITLS_AKA_V2_MD5) == -1
		|| opt_hex(argc, argv, "--ck", ck, 16, 16, d.algorithm == ITLS_AKA_V2_MD5) == -1) {
		return EXIT_BADINPUT;
	}
	d.res = res;
	d.res_len = (size_t)n;
	d.ik = ik;
	d.ck = ck;
	d.username = opt_text(argc, argv, "--username", &d.username_len);
	d.realm = opt_text(argc, argv, "--realm", &d.realm_len);
	d.nonce = opt_text(argc, argv, "--nonce", &d.nonce_len);
	d.uri = opt_text(argc, argv, "--uri", &d.uri_len);
	d.method = opt_text(argc, argv, "--method", &d.method_len);
	qop = arg_get(argc, argv, "--qop");
	bpath = arg_get(argc, argv, "--body-file");
	d.qop = ITLS_QOP_NONE;
	if (qop == NULL) {
		/* D-AK-5 */
		if (arg_has(argc, argv, "--cnonce") || arg_has(argc, argv, "--nc") || bpath != NULL) {
			return cli_fail("usage", "--cnonce, --nc and --body-file need --qop");
		}
	} else {
		if (itls_aka_qop_from_name(&d.qop, qop, strlen(qop)) != ITLS_OK) {
			return cli_fail("bad-qop", "'%s' (auth or auth-int)", qop);
		}
		if (bpath != NULL && d.qop != ITLS_QOP_AUTH_INT) {
			return cli_fail("usage", "--body-file needs --qop auth-int");
		}
		d.cnonce = opt_text(argc, argv, "--cnonce", &d.cnonce_len);
		d.nc = opt_text(argc, argv, "--nc", &d.nc_len);
		if (d.cnonce == NULL) {
			return cli_fail("missing-parameter", "--cnonce is required with --qop");
		}
		if (d.nc == NULL) {
			return cli_fail("missing-parameter", "--nc is required with --qop");
		}
		/* the same reason word as every option of the wrong length */
		if (d.nc_len != 8) {
			return cli_fail("bad-length", "--nc: want 8 hex digits");
		}
	}
	if (bpath != NULL) {
		body = malloc(BODY_CAP);
		if (body == NULL) {
			return cli_fail("no-memory", "body");
		}
		n = file_read(bpath, body, BODY_CAP);
		if (n < 0) {
			free(body);
			return file_fail(bpath, n, BODY_CAP);
		}
		d.body = body;
		d.body_len = (size_t)n;
	}
	e = itls_aka_response(out, &d);
	free(body);
	itls_crypto_wipe(res, sizeof res);
	itls_crypto_wipe(ik, sizeof ik);
	itls_crypto_wipe(ck, sizeof ck);
	if (e != ITLS_OK) {
		return cli_fail(itls_err_name(e), "cannot compute the response");
	}
	fwrite(out, 1, sizeof out, stdout);
	fputc('\n', stdout);
	return fflush(stdout) == 0 ? EXIT_POSITIVE : EXIT_BADINPUT;
}

int
cmd_aka(int argc, char **argv)
{
	static const char *const opts_autn[] = { "--k", "--op", "--opc", "--rand", "--sqn", "--amf", NULL };
	static const char *const opts_check[] = { "--k", "--op", "--opc", "--rand", "--autn", NULL };
	static const char *const opts_auts[] = { "--k", "--op", "--opc", "--rand", "--sqn-ms", NULL };
	struct itls_out *o;
	struct itls_aka_check c;
	uint8_t k[16], opc[16], rand[16], sqn[6], amf[2], autn[16], auts[14];
	const char *sub;
	int from_op, rc, e;

	if (argc < 1) {
		fputs(usage_aka, stderr);
		return EXIT_BADINPUT;
	}
	sub = argv[0];
	if (is_help(sub) || (argc >= 2 && is_help(argv[1]))) {
		fputs(usage_aka, stdout);
		return EXIT_POSITIVE;
	}
	argc--;
	argv++;
	if (strcmp(sub, "response") == 0) {
		return aka_response(argc, argv);
	}
	if (strcmp(sub, "autn") != 0 && strcmp(sub, "check") != 0 && strcmp(sub, "auts") != 0) {
		return cli_fail("usage", "unknown subcommand '%s' (itls aka --help)", sub);
	}
	rc = args_ok(argc, argv, strcmp(sub, "autn") == 0 ? opts_autn
		: strcmp(sub, "check") == 0 ? opts_check : opts_auts, NULL);
	if (rc != 0) {
		return rc;
	}
	if ((rc = aka_k_opc(argc, argv, k, opc, &from_op)) != 0
		|| opt_hex(argc, argv, "--rand", rand, 16, 16, 1) < 0) {
		return EXIT_BADINPUT;
	}
	o = malloc(sizeof *o);
	if (o == NULL) {
		return cli_fail("no-memory", "output");
	}
	out_init(o);
	rc = EXIT_POSITIVE;
	if (strcmp(sub, "autn") == 0) {
		if (opt_hex(argc, argv, "--sqn", sqn, 6, 6, 1) < 0
			|| opt_hex(argc, argv, "--amf", amf, 2, 2, 1) < 0) {
			free(o);
			return EXIT_BADINPUT;
		}
		/* AK-07 */
		itls_aka_autn(autn, k, opc, rand, sqn, amf);
		out_line(o, "autn", autn, 16);
	} else if (strcmp(sub, "check") == 0) {
		if (opt_hex(argc, argv, "--autn", autn, 16, 16, 1) < 0) {
			free(o);
			return EXIT_BADINPUT;
		}
		/* AK-08 */
		e = itls_aka_check_autn(&c, k, opc, rand, autn);
		if (e == ITLS_OK) {
			out_line(o, "sqn", c.sqn, 6);
			out_line(o, "amf", c.amf, 2);
			out_line(o, "res", c.res, 8);
			out_line(o, "ck", c.ck, 16);
			out_line(o, "ik", c.ik, 16);
			out_line(o, "ak", c.ak, 6);
		} else {
			out_printf(o, "%s\n", itls_err_name(e));
			rc = EXIT_NEGATIVE;
		}
	} else {
		if (opt_hex(argc, argv, "--sqn-ms", sqn, 6, 6, 1) < 0) {
			free(o);
			return EXIT_BADINPUT;
		}
		/* AK-09 */
		itls_aka_auts(auts, k, opc, rand, sqn);
		out_line(o, "auts", auts, 14);
	}
	itls_crypto_wipe(k, sizeof k);
	itls_crypto_wipe(opc, sizeof opc);
	return flush_free(o, rc);
}

/* ---- itls psk ------------------------------------------------------------ */

static const char usage_psk[] =
"usage: itls psk --ck HEX32 --ik HEX32 --impi IMPI\n"
"\n"
"The PSK-TLS key and identity (spec/psk.md; itls-ref's own construction,\n"
"D-PS-1): prints \"psk HEX64\" = KDF(CK || IK, 0x01, \"itls psk\",\n"
"IMPI) with the TS 33.220 Annex B KDF (PS-01), then \"identity IMPI\" (PS-02).\n"
"Bad input exits 2: bad-hex, bad-length, empty, too-long, missing-parameter.\n";

int
cmd_psk(int argc, char **argv)
{
	static const char *const opts[] = { "--ck", "--ik", "--impi", NULL };
	struct itls_out *o;
	uint8_t ck[16], ik[16], psk[32];
	const char *impi;
	int rc, e;

	if (argc >= 1 && is_help(argv[0])) {
		fputs(usage_psk, stdout);
		return EXIT_POSITIVE;
	}
	if ((rc = args_ok(argc, argv, opts, NULL)) != 0) {
		return rc;
	}
	if (opt_hex(argc, argv, "--ck", ck, 16, 16, 1) < 0
		|| opt_hex(argc, argv, "--ik", ik, 16, 16, 1) < 0) {
		return EXIT_BADINPUT;
	}
	impi = arg_get(argc, argv, "--impi");
	if (impi == NULL) {
		return cli_fail("missing-parameter", "--impi is required");
	}
	/* PS-01, PS-03 */
	e = itls_psk_derive(psk, ck, ik, (const uint8_t *)impi, strlen(impi));
	itls_crypto_wipe(ck, sizeof ck);
	itls_crypto_wipe(ik, sizeof ik);
	if (e != ITLS_OK) {
		return cli_fail(itls_err_name(e), "--impi");
	}
	o = malloc(sizeof *o);
	if (o == NULL) {
		return cli_fail("no-memory", "output");
	}
	out_init(o);
	out_line(o, "psk", psk, 32);
	/* PS-02: the identity is the IMPI */
	out_printf(o, "identity %s\n", impi);
	itls_crypto_wipe(psk, sizeof psk);
	return flush_free(o, EXIT_POSITIVE);
}

/* ---- vector checks ----------------------------------------------------------- */

/* scratch buffers of the check handlers (the command is single-threaded) */
static uint8_t scratch_a[MSG_CAP];
static uint8_t scratch_b[MSG_CAP];

/*
 * Hex field `key` into out: exactly `want` bytes (0: any up to cap).
 * Returns the byte count, or -err (an itls_err) when it is not hex, has the
 * wrong length, or is absent (missing-parameter).
 */
static long
rec_hex(const struct vrec *r, const char *key, uint8_t *out, size_t cap, size_t want)
{
	size_t len;
	const char *v = vrec_get(r, key, &len);
	long n;

	if (v == NULL) {
		return -(long)ITLS_ERR_MISSING_PARAMETER;
	}
	n = hex_decode(v, len, out, cap, want);
	if (n == -1) {
		return -(long)ITLS_ERR_BAD_HEX;
	}
	if (n < 0) {
		return -(long)ITLS_ERR_BAD_LENGTH;
	}
	return n;
}

/* compare an optional expected hex field; counts the fields compared */
static int
expect_opt(const struct vrec *r, const char *key, const uint8_t *got, size_t len,
	char *msg, size_t cap, int *seen)
{
	if (vrec_get(r, key, NULL) == NULL) {
		return 0;
	}
	(*seen)++;
	return vrec_expect_hex(r, key, got, len, msg, cap);
}

static int
check_hmac(const struct vrec *r, char *msg, size_t cap, int sha256)
{
	uint8_t mac[32];
	long kl = rec_hex(r, "key", scratch_a, MSG_CAP, 0);
	long ml = rec_hex(r, "msg", scratch_b, MSG_CAP, 0);
	int seen = 0, bad = 0;

	if (kl < 0 || ml < 0) {
		snprintf(msg, cap, "record needs hex key and msg");
		return 2;
	}
	if (sha256) {
		itls_crypto_hmac_sha256(mac, 32, scratch_a, (size_t)kl, scratch_b, (size_t)ml);
		bad |= expect_opt(r, "mac", mac, 32, msg, cap, &seen);
		bad |= expect_opt(r, "mac128", mac, 16, msg, cap, &seen);
	} else {
		itls_crypto_hmac_sha1(mac, 20, scratch_a, (size_t)kl, scratch_b, (size_t)ml);
		bad |= expect_opt(r, "mac", mac, 20, msg, cap, &seen);
		bad |= expect_opt(r, "mac96", mac, 12, msg, cap, &seen);
	}
	if (seen == 0) {
		snprintf(msg, cap, "record has no expected output");
		return 1;
	}
	return bad ? 1 : vrec_outcome(r, ITLS_OK, msg, cap);
}

static int
check_hmac_sha1(const struct vrec *r, char *msg, size_t cap)
{
	return check_hmac(r, msg, cap, 0);
}

static int
check_hmac_sha256(const struct vrec *r, char *msg, size_t cap)
{
	return check_hmac(r, msg, cap, 1);
}

static int
check_kdf(const struct vrec *r, char *msg, size_t cap)
{
	struct itls_crypto_part key[ITLS_KEY_MAX_PARTS];
	struct itls_crypto_part p[ITLS_KDF_MAX_PARAMS];
	uint8_t kb[64], fc, out[32];
	size_t n, kn, used = 0;
	long kl, l;
	char name[8];
	int err = ITLS_OK;

	kl = rec_hex(r, "key", kb, sizeof kb, 0);
	l = rec_hex(r, "fc", &fc, 1, 1);
	if (kl == -(long)ITLS_ERR_BAD_LENGTH) {
		err = ITLS_ERR_TOO_LONG; /* keys longer than 64 bytes are not offered */
	} else if (kl < 0) {
		err = (int)-kl;
	} else if (l < 0) {
		err = (int)-l;
	}
	for (n = 0; err == ITLS_OK; n++) {
		snprintf(name, sizeof name, "p%zu", n);
		if (vrec_get(r, name, NULL) == NULL) {
			break;
		}
		if (n >= ITLS_KDF_MAX_PARAMS) {
			err = ITLS_ERR_TOO_MANY_PARAMETERS; /* D-TK-6 */
			break;
		}
		l = rec_hex(r, name, scratch_a + used, MSG_CAP - used, 0);
		if (l < 0) {
			err = l == -(long)ITLS_ERR_BAD_LENGTH ? ITLS_ERR_TOO_LONG : (int)-l;
			break;
		}
		if (l > ITLS_KDF_MAX_PARAM_LEN) {
			err = ITLS_ERR_TOO_LONG; /* TK-10 */
			break;
		}
		p[n].p = scratch_a + used;
		p[n].len = (size_t)l;
		used += (size_t)l;
	}
	if (err != ITLS_OK) {
		return vrec_outcome(r, err, msg, cap);
	}
	/* the key in parts of 16 bytes (an empty key is one empty part) */
	key[0].p = kb;
	key[0].len = 0;
	for (kn = 0; kn * 16 < (size_t)kl; kn++) {
		key[kn].p = kb + 16 * kn;
		key[kn].len = (size_t)kl - 16 * kn < 16 ? (size_t)kl - 16 * kn : 16;
	}
	if (kn == 0) {
		kn = 1;
	}
	/* TK-09 */
	itls_crypto_kdf(out, 32, key, kn, fc, p, n);
	if (vrec_outcome(r, ITLS_OK, msg, cap) != 0) {
		return 1;
	}
	return vrec_expect_hex(r, "out", out, 32, msg, cap);
}

/* profile, ik, ck of a token record; ITLS_OK or a reason */
static int
rec_token_keys(const struct vrec *r, struct itls_token_keys *keys)
{
	size_t len;
	const char *prof = vrec_get(r, "profile", &len);
	long n;

	memset(keys, 0, sizeof *keys);
	keys->profile = ITLS_TOKEN_HMAC;
	if (prof != NULL && itls_token_profile_from_name(&keys->profile, prof, len) != ITLS_OK) {
		return ITLS_ERR_BAD_PROFILE;
	}
	n = rec_hex(r, "ik", keys->ik, 16, 16);
	if (n < 0) {
		return (int)-n;
	}
	if (keys->profile == ITLS_TOKEN_KDF || vrec_get(r, "ck", NULL) != NULL) {
		n = rec_hex(r, "ck", keys->ck, 16, 16);
		if (n < 0) {
			return (int)-n;
		}
	}
	return ITLS_OK;
}

static int
rec_token(const struct vrec *r, const char *key, uint8_t tok[12])
{
	size_t len;
	const char *v = vrec_get(r, key, &len);

	if (v == NULL) {
		return ITLS_ERR_MISSING_PARAMETER;
	}
	return itls_token_from_hex(tok, v, len);
}

static int
expect_token(const struct vrec *r, const char *key, const uint8_t tok[12], char *msg, size_t cap)
{
	char hex[ITLS_TOKEN_HEX_LEN];

	itls_token_to_hex(hex, tok);
	return vrec_expect(r, key, hex, sizeof hex, msg, cap);
}

static int
check_token(const struct vrec *r, char *msg, size_t cap, int which)
{
	struct itls_token_keys keys;
	uint8_t st[12], ct[12], out[12];
	long clen = 0;
	int e;

	e = rec_token_keys(r, &keys);
	if (e == ITLS_OK && (which == 0 || which == 2)) {
		clen = vrec_cert(r, scratch_a, MSG_CAP);
		if (clen < 0) {
			return vrec_cert_fail(r, clen, msg, cap);
		}
	}
	if (e == ITLS_OK && which != 0) {
		e = rec_token(r, "s_token", st);
	}
	if (e == ITLS_OK && which == 3) {
		e = rec_token(r, "c_token", ct);
	}
	if (e == ITLS_OK) {
		switch (which) {
		case 0:
			e = itls_token_server(out, &keys, scratch_a, (size_t)clen);
			break;
		case 1:
			e = itls_token_client(out, &keys, st);
			break;
		case 2:
			e = itls_token_verify_server(&keys, scratch_a, (size_t)clen, st);
			break;
		default:
			e = itls_token_verify_client(&keys, st, ct);
			break;
		}
	}
	if (vrec_outcome(r, e, msg, cap) != 0) {
		return 1;
	}
	if (e != ITLS_OK) {
		return 0;
	}
	if (which == 0) {
		return expect_token(r, "s_token", out, msg, cap);
	}
	if (which == 1) {
		return expect_token(r, "c_token", out, msg, cap);
	}
	return 0;
}

static int
check_s_token(const struct vrec *r, char *msg, size_t cap)
{
	return check_token(r, msg, cap, 0);
}

static int
check_c_token(const struct vrec *r, char *msg, size_t cap)
{
	return check_token(r, msg, cap, 1);
}

static int
check_s_token_verify(const struct vrec *r, char *msg, size_t cap)
{
	return check_token(r, msg, cap, 2);
}

static int
check_c_token_verify(const struct vrec *r, char *msg, size_t cap)
{
	return check_token(r, msg, cap, 3);
}

/* k and OPc (from opc, or op) of an AKA record; ITLS_OK or a reason */
static int
rec_k_opc(const struct vrec *r, uint8_t k[16], uint8_t opc[16])
{
	uint8_t op[16];
	long n = rec_hex(r, "k", k, 16, 16);

	if (n < 0) {
		return (int)-n;
	}
	/* FORMAT.md: OP is `op_field` (`op` is the operation); with it, an
	 * `opc` key is the expected OPc, an output */
	if (vrec_get(r, "op_field", NULL) == NULL) {
		n = rec_hex(r, "opc", opc, 16, 16);
		return n < 0 ? (int)-n : ITLS_OK;
	}
	n = rec_hex(r, "op_field", op, 16, 16);
	if (n < 0) {
		return (int)-n;
	}
	itls_milenage_opc(opc, k, op);
	return ITLS_OK;
}

/* fixed-size hex inputs, in order, until the first failure */
static int
rec_fixed(const struct vrec *r, const char *key, uint8_t *out, size_t want, int e)
{
	long n;

	if (e != ITLS_OK) {
		return e;
	}
	n = rec_hex(r, key, out, want, want);
	return n < 0 ? (int)-n : ITLS_OK;
}

static int
check_milenage(const struct vrec *r, char *msg, size_t cap)
{
	struct itls_milenage_out m;
	uint8_t k[16], opc[16], rand[16], sqn[6], amf[2];
	int e, seen = 0, bad = 0;

	e = rec_k_opc(r, k, opc);
	e = rec_fixed(r, "rand", rand, 16, e);
	e = rec_fixed(r, "sqn", sqn, 6, e);
	e = rec_fixed(r, "amf", amf, 2, e);
	if (vrec_outcome(r, e, msg, cap) != 0) {
		return 1;
	}
	if (e != ITLS_OK) {
		return 0;
	}
	itls_milenage(&m, k, opc, rand, sqn, amf);
	bad |= expect_opt(r, "opc", opc, 16, msg, cap, &seen);
	bad |= expect_opt(r, "mac_a", m.mac_a, 8, msg, cap, &seen);
	bad |= expect_opt(r, "mac_s", m.mac_s, 8, msg, cap, &seen);
	bad |= expect_opt(r, "res", m.res, 8, msg, cap, &seen);
	bad |= expect_opt(r, "ck", m.ck, 16, msg, cap, &seen);
	bad |= expect_opt(r, "ik", m.ik, 16, msg, cap, &seen);
	bad |= expect_opt(r, "ak", m.ak, 6, msg, cap, &seen);
	bad |= expect_opt(r, "ak_star", m.ak_star, 6, msg, cap, &seen);
	if (seen == 0) {
		snprintf(msg, cap, "record has no expected output");
		return 1;
	}
	return bad;
}

static int
check_autn(const struct vrec *r, char *msg, size_t cap)
{
	uint8_t k[16], opc[16], rand[16], sqn[6], amf[2], autn[16];
	int e;

	e = rec_k_opc(r, k, opc);
	e = rec_fixed(r, "rand", rand, 16, e);
	e = rec_fixed(r, "sqn", sqn, 6, e);
	e = rec_fixed(r, "amf", amf, 2, e);
	if (vrec_outcome(r, e, msg, cap) != 0) {
		return 1;
	}
	if (e != ITLS_OK) {
		return 0;
	}
	itls_aka_autn(autn, k, opc, rand, sqn, amf);
	return vrec_expect_hex(r, "autn", autn, 16, msg, cap);
}

static int
check_autn_check(const struct vrec *r, char *msg, size_t cap)
{
	struct itls_aka_check c;
	uint8_t k[16], opc[16], rand[16], autn[16];
	int e, seen = 0, bad = 0;

	e = rec_k_opc(r, k, opc);
	e = rec_fixed(r, "rand", rand, 16, e);
	e = rec_fixed(r, "autn", autn, 16, e);
	if (e == ITLS_OK) {
		e = itls_aka_check_autn(&c, k, opc, rand, autn);
	}
	if (vrec_outcome(r, e, msg, cap) != 0) {
		return 1;
	}
	if (e != ITLS_OK) {
		return 0;
	}
	bad |= expect_opt(r, "sqn", c.sqn, 6, msg, cap, &seen);
	bad |= expect_opt(r, "amf", c.amf, 2, msg, cap, &seen);
	bad |= expect_opt(r, "res", c.res, 8, msg, cap, &seen);
	bad |= expect_opt(r, "ck", c.ck, 16, msg, cap, &seen);
	bad |= expect_opt(r, "ik", c.ik, 16, msg, cap, &seen);
	bad |= expect_opt(r, "ak", c.ak, 6, msg, cap, &seen);
	if (seen == 0) {
		snprintf(msg, cap, "record has no expected output");
		return 1;
	}
	return bad;
}

static int
check_auts(const struct vrec *r, char *msg, size_t cap)
{
	uint8_t k[16], opc[16], rand[16], sqn[6], auts[14];
	int e;

	e = rec_k_opc(r, k, opc);
	e = rec_fixed(r, "rand", rand, 16, e);
	e = rec_fixed(r, "sqn_ms", sqn, 6, e);
	if (vrec_outcome(r, e, msg, cap) != 0) {
		return 1;
	}
	if (e != ITLS_OK) {
		return 0;
	}
	itls_aka_auts(auts, k, opc, rand, sqn);
	return vrec_expect_hex(r, "auts", auts, 14, msg, cap);
}

static const uint8_t *
rec_text(const struct vrec *r, const char *key, size_t *len, int *e)
{
	const char *v = vrec_get(r, key, len);

	if (v == NULL) {
		*len = 0;
		if (*e == ITLS_OK) {
			*e = ITLS_ERR_MISSING_PARAMETER;
		}
	}
	return (const uint8_t *)v;
}

static int
check_aka_response(const struct vrec *r, char *msg, size_t cap)
{
	struct itls_aka_digest d;
	uint8_t res[16], ik[16], ck[16], out[32];
	const char *v;
	size_t len;
	long n;
	int e = ITLS_OK;

	memset(&d, 0, sizeof d);
	memset(ik, 0, sizeof ik);
	memset(ck, 0, sizeof ck);
	v = vrec_get(r, "algorithm", &len);
	if (v == NULL) {
		e = ITLS_ERR_MISSING_PARAMETER;
	} else if (itls_aka_algorithm_from_name(&d.algorithm, v, len) != ITLS_OK) {
		e = ITLS_ERR_BAD_ALGORITHM;
	}
	if (e == ITLS_OK) {
		n = rec_hex(r, "res", res, sizeof res, 0);
		if (n == -(long)ITLS_ERR_BAD_LENGTH) {
			e = ITLS_ERR_BAD_LENGTH;
		} else if (n < 0) {
			e = (int)-n;
		} else {
			d.res_len = (size_t)n;
		}
	}
	if (e == ITLS_OK && (d.algorithm == ITLS_AKA_V2_MD5 || vrec_get(r, "ik", NULL) != NULL)) {
		e = rec_fixed(r, "ik", ik, 16, e);
	}
	if (e == ITLS_OK && (d.algorithm == ITLS_AKA_V2_MD5 || vrec_get(r, "ck", NULL) != NULL)) {
		e = rec_fixed(r, "ck", ck, 16, e);
	}
	d.res = res;
	d.ik = ik;
	d.ck = ck;
	d.username = rec_text(r, "username", &d.username_len, &e);
	d.realm = rec_text(r, "realm", &d.realm_len, &e);
	d.nonce = rec_text(r, "nonce", &d.nonce_len, &e);
	d.uri = rec_text(r, "uri", &d.uri_len, &e);
	d.method = rec_text(r, "method", &d.method_len, &e);
	d.qop = ITLS_QOP_NONE;
	v = vrec_get(r, "qop", &len);
	if (e == ITLS_OK && v != NULL) {
		if (itls_aka_qop_from_name(&d.qop, v, len) != ITLS_OK) {
			e = ITLS_ERR_BAD_QOP;
		}
	}
	if (d.qop != ITLS_QOP_NONE) {
		/* absent cnonce / nc: empty, which the core reports as missing-parameter */
		d.cnonce = (const uint8_t *)vrec_get(r, "cnonce", &d.cnonce_len);
		if (d.cnonce == NULL) {
			d.cnonce_len = 0;
		}
		d.nc = (const uint8_t *)vrec_get(r, "nc", &d.nc_len);
		if (d.nc == NULL) {
			d.nc_len = 0;
		}
		if (d.qop == ITLS_QOP_AUTH_INT && vrec_get(r, "body_hex", NULL) != NULL) {
			n = rec_hex(r, "body_hex", scratch_a, MSG_CAP, 0);
			if (n < 0) {
				snprintf(msg, cap, "body_hex is not hex");
				return 2;
			}
			d.body = scratch_a;
			d.body_len = (size_t)n;
		}
	}
	if (e == ITLS_OK) {
		/* AK-10 .. AK-14 */
		e = itls_aka_response(out, &d);
	}
	if (vrec_outcome(r, e, msg, cap) != 0) {
		return 1;
	}
	if (e != ITLS_OK) {
		return 0;
	}
	return vrec_expect(r, "response", (const char *)out, sizeof out, msg, cap);
}

static int
check_psk(const struct vrec *r, char *msg, size_t cap)
{
	uint8_t ck[16], ik[16], psk[32];
	const char *impi;
	size_t len, idlen;
	int e;

	e = rec_fixed(r, "ck", ck, 16, ITLS_OK);
	e = rec_fixed(r, "ik", ik, 16, e);
	impi = vrec_get(r, "impi", &len);
	if (e == ITLS_OK && impi == NULL) {
		e = ITLS_ERR_MISSING_PARAMETER;
	}
	if (e == ITLS_OK) {
		/* PS-01, PS-03 */
		e = itls_psk_derive(psk, ck, ik, (const uint8_t *)impi, len);
	}
	if (vrec_outcome(r, e, msg, cap) != 0) {
		return 1;
	}
	if (e != ITLS_OK) {
		return 0;
	}
	if (vrec_expect_hex(r, "psk", psk, 32, msg, cap) != 0) {
		return 1;
	}
	/* PS-02 */
	if (vrec_get(r, "identity", NULL) != NULL) {
		if (itls_psk_identity(scratch_b, MSG_CAP, (const uint8_t *)impi, len, &idlen) != ITLS_OK) {
			snprintf(msg, cap, "no identity for this IMPI");
			return 1;
		}
		return vrec_expect(r, "identity", (const char *)scratch_b, idlen, msg, cap);
	}
	return 0;
}

const struct itls_check_op check_ops_crypto[] = {
	{ "hmac-sha1", check_hmac_sha1 },
	{ "hmac-sha256", check_hmac_sha256 },
	{ "kdf", check_kdf },
	{ "s-token", check_s_token },
	{ "c-token", check_c_token },
	{ "s-token-verify", check_s_token_verify },
	{ "c-token-verify", check_c_token_verify },
	{ "milenage", check_milenage },
	{ "autn", check_autn },
	{ "autn-check", check_autn_check },
	{ "auts", check_auts },
	{ "aka-response", check_aka_response },
	{ "psk", check_psk },
	{ NULL, NULL }
};
