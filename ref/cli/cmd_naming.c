/*
 * cmd_naming.c -- `itls name identities|check|trust|within`, `itls imsi`,
 * and the vector-check handlers of vectors/naming.txt (ops identities,
 * name-check, within, imsi, trust). Spec: spec/naming.md NM-15, NM-23.
 */
#include "cli.h"
#include "itls/err.h"
#include "itls/naming.h"
#include "itls/x509name.h"

#include <stdlib.h>
#include <string.h>

#define CERT_CAP (1u << 20)

/* ---- identities as text (NM-15) ------------------------------------------ */

/* append code point cp in UTF-8 */
static void
put_utf8(struct itls_out *o, unsigned long cp)
{
	unsigned char b[4];
	size_t n;

	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		cp = 0xFFFD;
	}
	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xC0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xE0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	out_bytes(o, b, n);
}

/* the text of a CN: BMPString (UTF-16BE), UniversalString (UTF-32BE) and
 * TeletexString (read as Latin-1) converted to UTF-8, others as they are */
static void
put_cn_text(struct itls_out *o, const uint8_t *p, size_t n, uint8_t type)
{
	size_t i;
	unsigned long u, lo;

	switch (type) {
	case ITLS_X509_STR_BMP:
		for (i = 0; i + 1 < n; i += 2) {
			u = ((unsigned long)p[i] << 8) | p[i + 1];
			if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
				lo = ((unsigned long)p[i + 2] << 8) | p[i + 3];
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
					i += 2;
				}
			}
			put_utf8(o, u);
		}
		break;
	case ITLS_X509_STR_UNIVERSAL:
		for (i = 0; i + 3 < n; i += 4) {
			u = ((unsigned long)p[i] << 24) | ((unsigned long)p[i + 1] << 16)
				| ((unsigned long)p[i + 2] << 8) | p[i + 3];
			put_utf8(o, u);
		}
		break;
	case ITLS_X509_STR_TELETEX:
		for (i = 0; i < n; i++) {
			put_utf8(o, p[i]);
		}
		break;
	default:
		out_bytes(o, p, n);
		break;
	}
}

/*
 * Write the identity lines "uri v", "dns v", "cn v" (NM-15), each ending in
 * '\n', into o. With escape, control bytes become \xHH (the CLI); without,
 * values are byte for byte (the vector check).
 */
static void
put_identities(struct itls_out *o, const struct itls_x509_names *nm,
	const uint8_t *der, int escape)
{
	struct itls_out v;
	size_t i, k;
	static const char hx[] = "0123456789abcdef";

	for (i = 0; i < nm->n_san + nm->n_cn; i++) {
		out_init(&v);
		if (i < nm->n_san) {
			out_printf(o, "%s ", nm->san[i].kind == ITLS_X509_SAN_URI
				? "uri" : "dns");
			out_bytes(&v, der + nm->san[i].off, nm->san[i].len);
		} else {
			const struct itls_x509_cn *cn = &nm->cn[i - nm->n_san];
			out_printf(o, "cn ");
			put_cn_text(&v, der + cn->off, cn->len, cn->type);
		}
		if (v.overflow) {
			o->overflow = 1;
			return;
		}
		for (k = 0; k < v.len; k++) {
			unsigned char c = (unsigned char)v.buf[k];
			if (escape && (c < 0x20 || c == 0x7F)) {
				char e[4] = { '\\', 'x', hx[c >> 4], hx[c & 15] };
				out_bytes(o, e, 4);
			} else {
				out_bytes(o, &c, 1);
			}
		}
		out_bytes(o, "\n", 1);
	}
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

/*
 * A PEM file (RFC 7468) holds DER in base64 between "-----BEGIN
 * CERTIFICATE-----" and "-----END CERTIFICATE-----": decode the first such
 * block in place. Returns the DER length, or -1 when the text is not PEM.
 */
static long
pem_decode(uint8_t *buf, size_t n)
{
	static const char begin[] = "-----BEGIN CERTIFICATE-----";
	static const char end[] = "-----END CERTIFICATE-----";
	size_t i, o = 0, bl = sizeof begin - 1, el = sizeof end - 1;
	unsigned long acc = 0;
	int bits = 0, pad = 0, v;

	for (i = 0; i + bl <= n; i++) {
		if (memcmp(buf + i, begin, bl) == 0) {
			break;
		}
	}
	if (i + bl > n) {
		return -1;
	}
	for (i += bl; i < n; i++) {
		if (i + el <= n && memcmp(buf + i, end, el) == 0) {
			return bits == 0 || pad > 0 ? (long)o : -1;
		}
		if (buf[i] == '=') {
			pad++;
			bits = 0;
			continue;
		}
		if (buf[i] == '\n' || buf[i] == '\r' || buf[i] == ' ' || buf[i] == '\t') {
			continue;
		}
		v = b64val(buf[i]);
		if (v < 0 || pad > 0) {
			return -1;
		}
		acc = (acc << 6) | (unsigned long)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf[o++] = (uint8_t)(acc >> bits);   /* o < i: in place */
			acc &= (1ul << bits) - 1;
		}
	}
	return -1;
}

/*
 * Read a certificate file: DER, or PEM (the first CERTIFICATE block).
 * Returns its DER length, or -1 after cli_fail.
 */
static long
load_cert(const char *path, uint8_t *buf)
{
	long n = file_read(path, buf, CERT_CAP);
	long d;

	if (n < 0) {
		file_fail(path, n, CERT_CAP);
		return -1;
	}
	if (n >= 11 && memcmp(buf, "-----BEGIN ", 11) == 0) {
		d = pem_decode(buf, (size_t)n);
		if (d < 0) {
			cli_fail("bad-pem", "%s: no CERTIFICATE block in base64", path);
		}
		return d;
	}
	return n;
}

/* ---- itls name ... ----------------------------------------------------- */

static const char name_usage[] =
"usage: itls name identities --cert FILE.der\n"
"       itls name check --cert FILE.der --domain DOMAIN [--realm REALM] [--exact]\n"
"       itls name trust --domain TRUST_DOMAIN NAME...\n"
"       itls name within NAME DOMAIN [--exact]\n"
"\n"
"identities  the subjectAltName URI and dNSName entries in certificate order,\n"
"            then the subject CNs: lines \"uri V\", \"dns V\", \"cn V\" (control\n"
"            bytes shown as \\xHH).\n"
"check       does the certificate identify a host within DOMAIN (RFC 5922 7.1\n"
"            identities; --exact: equal to DOMAIN), and does the realm's\n"
"            domain (after its last '@') lie within DOMAIN? Prints \"match\"\n"
"            (exit 0) or \"mismatch REASON\" (exit 1): no-identity,\n"
"            domain-mismatch, realm-mismatch.\n"
"trust       for each IMPI, IMPU (sip:/sips:) or home domain NAME: \"ok NAME\"\n"
"            or \"outside NAME\"; exit 0 when all are within TRUST_DOMAIN.\n"
"within      the bare within-domain rule: \"match\" (exit 0) or \"mismatch\".\n"
"\n"
"FILE is DER, or PEM (the first CERTIFICATE block is used); - is stdin;\n"
"unreadable and too-long (over 1 MiB) exit 2. Malformed\n"
"certificates (der-...), bad-domain, bad-realm, bad-name: exit 2, reason\n"
"on stderr. Spec: spec/naming.md.\n";

static int
name_identities(int argc, char **argv)
{
	static const char *const opts[] = { "--cert", NULL };
	const char *path;
	uint8_t *buf;
	long n;
	struct itls_x509_names nm;
	struct itls_out *o;
	enum itls_err e;
	int rc;

	if (arg_check(argc, argv, opts, NULL) != 0) {
		return EXIT_BADINPUT;
	}
	path = arg_get(argc, argv, "--cert");
	if (path == NULL) {
		return cli_fail("usage", "name identities needs --cert FILE");
	}
	buf = malloc(CERT_CAP);
	o = malloc(sizeof *o);
	if (buf == NULL || o == NULL) {
		free(buf);
		free(o);
		return cli_fail("no-memory", "identities");
	}
	rc = EXIT_BADINPUT;
	n = load_cert(path, buf);
	if (n >= 0) {
		e = itls_x509_names_parse(buf, (size_t)n, &nm);
		if (e != ITLS_OK) {
			cli_fail(itls_err_name(e), "%s", path);
		} else {
			out_init(o);
			put_identities(o, &nm, buf, 1);
			rc = out_flush(o);
		}
	}
	free(buf);
	free(o);
	return rc;
}

static int
name_check(int argc, char **argv)
{
	static const char *const opts[] = { "--cert", "--domain", "--realm", NULL };
	static const char *const flags[] = { "--exact", NULL };
	const char *path, *dom, *realm;
	uint8_t *buf;
	long n;
	enum itls_err e;
	struct itls_out o;
	int rc;

	if (arg_check(argc, argv, opts, flags) != 0) {
		return EXIT_BADINPUT;
	}
	path = arg_get(argc, argv, "--cert");
	dom = arg_get(argc, argv, "--domain");
	realm = arg_get(argc, argv, "--realm");
	if (path == NULL || dom == NULL) {
		return cli_fail("usage", "name check needs --cert FILE and --domain DOMAIN");
	}
	buf = malloc(CERT_CAP);
	if (buf == NULL) {
		return cli_fail("no-memory", "check");
	}
	n = load_cert(path, buf);
	if (n < 0) {
		free(buf);
		return EXIT_BADINPUT;
	}
	e = itls_name_check(buf, (size_t)n, (const uint8_t *)dom, strlen(dom),
		(const uint8_t *)(realm != NULL ? realm : ""),
		realm != NULL ? strlen(realm) : 0, realm != NULL,
		arg_has(argc, argv, "--exact"));
	free(buf);
	out_init(&o);
	switch (e) {
	case ITLS_OK:
		out_printf(&o, "match\n");
		return out_flush(&o);
	case ITLS_ERR_NO_IDENTITY:
	case ITLS_ERR_DOMAIN_MISMATCH:
	case ITLS_ERR_REALM_MISMATCH:
		out_printf(&o, "mismatch %s\n", itls_err_name(e));
		rc = out_flush(&o);
		return rc != 0 ? rc : EXIT_NEGATIVE;
	case ITLS_ERR_BAD_DOMAIN:
		return cli_fail(itls_err_name(e), "%s", dom);
	case ITLS_ERR_BAD_REALM:
		return cli_fail(itls_err_name(e), "%s", realm);
	default:
		return cli_fail(itls_err_name(e), "%s", path);
	}
}

static int
name_trust(int argc, char **argv)
{
	static const char *const opts[] = { "--domain", NULL };
	const char *t;
	struct itls_out *o;
	enum itls_err e;
	int i, names = 0, outside = 0, rc;

	if (arg_check(argc, argv, opts, NULL) != 0) {
		return EXIT_BADINPUT;
	}
	t = arg_get(argc, argv, "--domain");
	if (t == NULL) {
		return cli_fail("usage", "name trust needs --domain TRUST_DOMAIN");
	}
	if (!itls_domain_valid((const uint8_t *)t, strlen(t))) {
		return cli_fail("bad-domain", "%s", t);
	}
	o = malloc(sizeof *o);
	if (o == NULL) {
		return cli_fail("no-memory", "trust");
	}
	out_init(o);
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--domain") == 0) {
			i++;
			continue;
		}
		names++;
		e = itls_trust_check((const uint8_t *)argv[i], strlen(argv[i]),
			(const uint8_t *)t, strlen(t));
		if (e == ITLS_OK) {
			out_printf(o, "ok %s\n", argv[i]);
		} else if (e == ITLS_ERR_OUTSIDE_TRUST_DOMAIN) {
			out_printf(o, "outside %s\n", argv[i]);
			outside = 1;
		} else {
			free(o);
			return cli_fail(itls_err_name(e), "%s", argv[i]);
		}
	}
	if (names == 0) {
		free(o);
		return cli_fail("usage", "name trust needs at least one NAME");
	}
	rc = out_flush(o);
	free(o);
	if (rc != 0) {
		return rc;
	}
	return outside ? EXIT_NEGATIVE : EXIT_POSITIVE;
}

static int
name_within(int argc, char **argv)
{
	static const char *const flags[] = { "--exact", NULL };
	const char *pos[2];
	int i, np = 0, m, rc;
	struct itls_out o;

	if (arg_check(argc, argv, NULL, flags) != 0) {
		return EXIT_BADINPUT;
	}
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--exact") == 0) {
			continue;
		}
		if (np == 2) {
			return cli_fail("usage", "name within NAME DOMAIN [--exact]");
		}
		pos[np++] = argv[i];
	}
	if (np != 2) {
		return cli_fail("usage", "name within NAME DOMAIN [--exact]");
	}
	m = itls_name_match((const uint8_t *)pos[0], strlen(pos[0]),
		(const uint8_t *)pos[1], strlen(pos[1]),
		arg_has(argc, argv, "--exact"));
	out_init(&o);
	out_printf(&o, m ? "match\n" : "mismatch\n");
	rc = out_flush(&o);
	if (rc != 0) {
		return rc;
	}
	return m ? EXIT_POSITIVE : EXIT_NEGATIVE;
}

int
cmd_name(int argc, char **argv)
{
	if (argc < 1 || arg_has(argc, argv, "--help") || arg_has(argc, argv, "-h")) {
		fputs(name_usage, argc < 1 ? stderr : stdout);
		return argc < 1 ? EXIT_BADINPUT : EXIT_POSITIVE;
	}
	if (strcmp(argv[0], "identities") == 0) {
		return name_identities(argc - 1, argv + 1);
	}
	if (strcmp(argv[0], "check") == 0) {
		return name_check(argc - 1, argv + 1);
	}
	if (strcmp(argv[0], "trust") == 0) {
		return name_trust(argc - 1, argv + 1);
	}
	if (strcmp(argv[0], "within") == 0) {
		return name_within(argc - 1, argv + 1);
	}
	return cli_fail("usage", "unknown name subcommand '%s' (itls name --help)",
		argv[0]);
}

/* ---- itls imsi ----------------------------------------------------------- */

static const char imsi_usage[] =
"usage: itls imsi IMSI MNC_DIGITS\n"
"\n"
"TS 23.003 section 13 identities of an IMSI (6..15 digits) whose MNC has\n"
"MNC_DIGITS (2 or 3) digits:\n"
"  impi <IMSI>@ims.mnc<MNC>.mcc<MCC>.3gppnetwork.org\n"
"  impu sip:<IMPI>                 (temporary IMPU)\n"
"  domain ims.mnc<MNC>.mcc<MCC>.3gppnetwork.org\n"
"MNC is written with 3 digits. bad-imsi / bad-mnc-length exit 2.\n";

/* "2" -> 2, "3" -> 3, anything else -> 0 (bad-mnc-length) */
static unsigned
mnc_arg(const char *s, size_t n)
{
	if (n == 1 && (s[0] == '2' || s[0] == '3')) {
		return (unsigned)(s[0] - '0');
	}
	return 0;
}

/* the three identities; ITLS_OK or the reason */
static enum itls_err
imsi_all(const char *imsi, size_t ilen, unsigned mnc, char *impi, size_t *impi_len,
	char *impu, size_t *impu_len, char *dom, size_t *dom_len, size_t cap)
{
	enum itls_err e;

	e = itls_imsi_impi((const uint8_t *)imsi, ilen, mnc, impi, cap, impi_len);
	if (e != ITLS_OK) {
		return e;
	}
	e = itls_imsi_impu((const uint8_t *)imsi, ilen, mnc, impu, cap, impu_len);
	if (e != ITLS_OK) {
		return e;
	}
	return itls_imsi_home_domain((const uint8_t *)imsi, ilen, mnc, dom, cap,
		dom_len);
}

int
cmd_imsi(int argc, char **argv)
{
	char impi[128], impu[128], dom[128];
	size_t a, b, c;
	enum itls_err e;
	struct itls_out o;

	if (argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
		fputs(imsi_usage, stdout);
		return EXIT_POSITIVE;
	}
	if (argc != 2 || strncmp(argv[0], "--", 2) == 0 || strncmp(argv[1], "--", 2) == 0) {
		return cli_fail("usage", "imsi IMSI MNC_DIGITS (itls imsi --help)");
	}
	e = imsi_all(argv[0], strlen(argv[0]), mnc_arg(argv[1], strlen(argv[1])),
		impi, &a, impu, &b, dom, &c, sizeof impi);
	if (e != ITLS_OK) {
		return cli_fail(itls_err_name(e), "%s %s", argv[0], argv[1]);
	}
	out_init(&o);
	out_printf(&o, "impi %.*s\nimpu %.*s\ndomain %.*s\n", (int)a, impi,
		(int)b, impu, (int)c, dom);
	return out_flush(&o);
}

/* ---- vector check handlers (vectors/FORMAT.md, names) ------------------- */

static int
chk_identities(const struct vrec *r, char *msg, size_t cap)
{
	uint8_t *buf;
	long n;
	struct itls_x509_names nm;
	struct itls_out *o;
	enum itls_err e;
	size_t i, want, got, start, k, elen;
	const char *exp;
	int rc = 0;

	buf = malloc(CERT_CAP);
	o = malloc(sizeof *o);
	if (buf == NULL || o == NULL) {
		free(buf);
		free(o);
		snprintf(msg, cap, "out of memory");
		return 2;
	}
	n = vrec_cert(r, buf, CERT_CAP);
	if (n < 0) {
		rc = vrec_cert_fail(r, n, msg, cap);
		goto done;
	}
	e = itls_x509_names_parse(buf, (size_t)n, &nm);
	rc = vrec_outcome(r, e, msg, cap);
	if (rc != 0 || e != ITLS_OK) {
		goto done;
	}
	out_init(o);
	put_identities(o, &nm, buf, 0);
	want = vrec_count(r, "id");
	/* walk the produced lines against id[0..] */
	got = 0;
	start = 0;
	for (k = 0; k < o->len; k++) {
		if (o->buf[k] != '\n') {
			continue;
		}
		exp = vrec_get_nth(r, "id", got, &elen);
		if (exp == NULL) {
			snprintf(msg, cap, "unexpected identity \"%.*s\"",
				(int)(k - start), o->buf + start);
			rc = 1;
			goto done;
		}
		if (elen != k - start || memcmp(exp, o->buf + start, elen) != 0) {
			snprintf(msg, cap, "id %zu: expected \"%.*s\", got \"%.*s\"",
				got, (int)elen, exp, (int)(k - start), o->buf + start);
			rc = 1;
			goto done;
		}
		got++;
		start = k + 1;
	}
	if (got != want) {
		i = got;
		exp = vrec_get_nth(r, "id", i, &elen);
		snprintf(msg, cap, "%zu identities, expected %zu (missing \"%.*s\")",
			got, want, exp != NULL ? (int)elen : 0, exp != NULL ? exp : "");
		rc = 1;
	}
done:
	free(buf);
	free(o);
	return rc;
}

static int
yes(const struct vrec *r, const char *key)
{
	size_t len;
	const char *v = vrec_get(r, key, &len);

	return v != NULL && len == 3 && memcmp(v, "yes", 3) == 0;
}

static int
chk_name_check(const struct vrec *r, char *msg, size_t cap)
{
	uint8_t *buf;
	long n;
	const char *dom, *realm;
	size_t dlen, rlen = 0;
	enum itls_err e;

	dom = vrec_get(r, "domain", &dlen);
	realm = vrec_get(r, "realm", &rlen);
	if (dom == NULL) {
		snprintf(msg, cap, "record has no domain");
		return 2;
	}
	buf = malloc(CERT_CAP);
	if (buf == NULL) {
		snprintf(msg, cap, "out of memory");
		return 2;
	}
	n = vrec_cert(r, buf, CERT_CAP);
	if (n < 0) {
		free(buf);
		return vrec_cert_fail(r, n, msg, cap);
	}
	e = itls_name_check(buf, (size_t)n, (const uint8_t *)dom, dlen,
		(const uint8_t *)(realm != NULL ? realm : ""), rlen, realm != NULL,
		yes(r, "exact"));
	free(buf);
	return vrec_outcome(r, e, msg, cap);
}

static int
chk_within(const struct vrec *r, char *msg, size_t cap)
{
	const char *a, *d;
	size_t alen, dlen;
	int m;

	a = vrec_get(r, "name", &alen);
	d = vrec_get(r, "domain", &dlen);
	if (a == NULL || d == NULL) {
		snprintf(msg, cap, "record needs name and domain");
		return 2;
	}
	m = itls_name_match((const uint8_t *)a, alen, (const uint8_t *)d, dlen,
		yes(r, "exact"));
	return vrec_outcome(r, m ? ITLS_OK : ITLS_ERR_MISMATCH, msg, cap);
}

static int
chk_imsi(const struct vrec *r, char *msg, size_t cap)
{
	const char *imsi, *mnc;
	size_t ilen, mlen, a, b, c;
	char impi[128], impu[128], dom[128];
	enum itls_err e;
	int rc;

	imsi = vrec_get(r, "imsi", &ilen);
	mnc = vrec_get(r, "mnc_digits", &mlen);
	if (imsi == NULL || mnc == NULL) {
		snprintf(msg, cap, "record needs imsi and mnc_digits");
		return 2;
	}
	e = imsi_all(imsi, ilen, mnc_arg(mnc, mlen), impi, &a, impu, &b, dom, &c,
		sizeof impi);
	rc = vrec_outcome(r, e, msg, cap);
	if (rc != 0 || e != ITLS_OK) {
		return rc;
	}
	if (vrec_expect(r, "impi", impi, a, msg, cap) != 0
		|| vrec_expect(r, "impu", impu, b, msg, cap) != 0
		|| vrec_expect(r, "domain", dom, c, msg, cap) != 0) {
		return 1;
	}
	return 0;
}

static int
chk_trust(const struct vrec *r, char *msg, size_t cap)
{
	const char *name, *t;
	size_t nlen, tlen;

	name = vrec_get(r, "name", &nlen);
	t = vrec_get(r, "domain", &tlen);
	if (name == NULL || t == NULL) {
		snprintf(msg, cap, "record needs name and domain");
		return 2;
	}
	return vrec_outcome(r, itls_trust_check((const uint8_t *)name, nlen,
		(const uint8_t *)t, tlen), msg, cap);
}

const struct itls_check_op check_ops_naming[] = {
	{ "identities", chk_identities },
	{ "name-check", chk_name_check },
	{ "within", chk_within },
	{ "imsi", chk_imsi },
	{ "trust", chk_trust },
	{ NULL, NULL }
};
