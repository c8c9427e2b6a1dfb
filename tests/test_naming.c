/*
 * test_naming.c -- host names, domains, realms, trust domain, IMSI
 * identities and the certificate check (spec/naming.md NM-10 .. NM-22).
 *
 * Expected values are written by hand from the rules and from TS 23.003
 * (its IMSI example). Certificates for the check are assembled from DER
 * pieces as in test_x509name.c.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "itls/naming.h"

#define S(x) (const uint8_t *)(x), strlen(x)

/* ---- NM-10 host comparison ----------------------------------------------- */

/* NM-10 */
Test(naming, host_eq_NM10, .description = "NM-10")
{
	cr_assert_eq(itls_host_eq(S("pcscf.ims.com"), S("pcscf.ims.com")), 1);
	cr_assert_eq(itls_host_eq(S("PCSCF.Ims.COM"), S("pcscf.ims.com")), 1);
	cr_assert_eq(itls_host_eq(S("pcscf.ims.com."), S("pcscf.ims.com")), 1);
	cr_assert_eq(itls_host_eq(S("pcscf.ims.com"), S("PCSCF.IMS.COM.")), 1);
	cr_assert_eq(itls_host_eq(S("pcscf.ims.com.."), S("pcscf.ims.com")), 0);
	cr_assert_eq(itls_host_eq(S("pcscf.ims.co"), S("pcscf.ims.com")), 0);
	cr_assert_eq(itls_host_eq(S("pcscf-ims.com"), S("pcscf.ims.com")), 0);
	/* only ASCII letters fold: '@' (0x40) and '`' (0x60) differ */
	cr_assert_eq(itls_host_eq(S("a@b"), S("a`b")), 0);
	cr_assert_eq(itls_host_eq(S("[]"), S("{}")), 0);
	cr_assert_eq(itls_host_eq(S("\xC9"), S("\xE9")), 0);
	cr_assert_eq(itls_host_eq(S(""), S("")), 1);
	cr_assert_eq(itls_host_eq(S("."), S("")), 1);
}

/* ---- NM-11 within, NM-12 exact ------------------------------------------- */

/* NM-11 */
Test(naming, within_NM11, .description = "NM-11 NM-12")
{
	cr_assert_eq(itls_name_within(S("ims.com"), S("ims.com")), 1);
	cr_assert_eq(itls_name_within(S("pcscf.ims.com"), S("ims.com")), 1);
	cr_assert_eq(itls_name_within(S("a.b.c.pcscf.IMS.com."), S("ims.COM")), 1);
	cr_assert_eq(itls_name_within(S("pcscf.ims.com"), S("ims.com.")), 1);
	cr_assert_eq(itls_name_within(S("evilims.com"), S("ims.com")), 0);
	cr_assert_eq(itls_name_within(S("ims.com.evil.net"), S("ims.com")), 0);
	cr_assert_eq(itls_name_within(S("ims.com"), S("pcscf.ims.com")), 0);
	cr_assert_eq(itls_name_within(S(".ims.com"), S("ims.com")), 1);
	cr_assert_eq(itls_name_within(S("xims.com"), S("ims.com")), 0);
	cr_assert_eq(itls_name_within(S("pcscf.ims.com"), S("s.com")), 0);
	cr_assert_eq(itls_name_within(S("pcscf.ims.com"), S("com")), 1);
	cr_assert_eq(itls_name_within(S("com"), S("")), 0);
	cr_assert_eq(itls_name_within(S(""), S("")), 1);
}

/* NM-12 */
Test(naming, exact_NM12, .description = "NM-11 NM-12")
{
	cr_assert_eq(itls_name_match(S("ims.com"), S("ims.com"), 1), 1);
	cr_assert_eq(itls_name_match(S("IMS.com."), S("ims.com"), 1), 1);
	cr_assert_eq(itls_name_match(S("pcscf.ims.com"), S("ims.com"), 1), 0);
	cr_assert_eq(itls_name_match(S("pcscf.ims.com"), S("ims.com"), 0), 1);
}

/* ---- NM-13 domain syntax -------------------------------------------------- */

/* NM-13 */
Test(naming, domain_syntax_NM13, .description = "NM-13")
{
	cr_assert_eq(itls_domain_valid(S("ims.com")), 1);
	cr_assert_eq(itls_domain_valid(S("ims.com.")), 1);
	cr_assert_eq(itls_domain_valid(S("ims.mnc015.mcc234.3gppnetwork.org")), 1);
	cr_assert_eq(itls_domain_valid(S("a-b.C9")), 1);
	cr_assert_eq(itls_domain_valid(S("localhost")), 1);
	cr_assert_eq(itls_domain_valid(S("")), 0);
	cr_assert_eq(itls_domain_valid(S(".")), 0);
	cr_assert_eq(itls_domain_valid(S("ims.com..")), 0);
	cr_assert_eq(itls_domain_valid(S(".ims.com")), 0);
	cr_assert_eq(itls_domain_valid(S("ims..com")), 0);
	cr_assert_eq(itls_domain_valid(S("*.ims.com")), 0);
	cr_assert_eq(itls_domain_valid(S("ims_x.com")), 0);
	cr_assert_eq(itls_domain_valid(S("ims.com ")), 0);
	cr_assert_eq(itls_domain_valid(S("[::1]")), 0);
	cr_assert_eq(itls_domain_valid(S("op@ims.com")), 0);
}

/* ---- NM-14 realm ---------------------------------------------------------- */

/* NM-14 */
Test(naming, realm_domain_NM14, .description = "NM-14")
{
	size_t off = 99;

	cr_assert_eq(itls_realm_domain(S("operator1.ims.com"), &off), ITLS_OK);
	cr_assert_eq(off, 0);
	cr_assert_eq(itls_realm_domain(S("operator1@ims.com"), &off), ITLS_OK);
	cr_assert_eq(off, 10);
	cr_assert_eq(itls_realm_domain(S("a@b@ims.com"), &off), ITLS_OK);
	cr_assert_eq(off, 4);
	cr_assert_eq(itls_realm_domain(S("@ims.com"), &off), ITLS_OK);
	cr_assert_eq(off, 1);
	cr_assert_eq(itls_realm_domain(S("operator1@"), &off), ITLS_ERR_BAD_REALM);
	cr_assert_eq(itls_realm_domain(S(""), &off), ITLS_ERR_BAD_REALM);
	cr_assert_eq(itls_realm_domain(S("ims com"), &off), ITLS_ERR_BAD_REALM);
	cr_assert_eq(itls_realm_domain(S("op@ims..com"), &off), ITLS_ERR_BAD_REALM);
}

/* ---- NM-16 SIP URI host --------------------------------------------------- */

/* NM-16 */
Test(naming, sip_uri_host_NM16, .description = "NM-16")
{
	size_t h = 0;

	cr_assert_eq(itls_sip_uri_host(S("sip:pcscf.ims.com"), &h), 1);
	cr_assert_eq(h, 13);
	cr_assert_eq(itls_sip_uri_host(S("SIP:pcscf.ims.com:5061"), &h), 1);
	cr_assert_eq(h, 13);
	cr_assert_eq(itls_sip_uri_host(S("sip:pcscf.ims.com;transport=tls"), &h), 1);
	cr_assert_eq(h, 13);
	cr_assert_eq(itls_sip_uri_host(S("sip:pcscf.ims.com?x=y"), &h), 1);
	cr_assert_eq(h, 13);
	cr_assert_eq(itls_sip_uri_host(S("sip:"), &h), 1);
	cr_assert_eq(h, 0);
	cr_assert_eq(itls_sip_uri_host(S("sip:user@ims.com"), &h), 0);
	cr_assert_eq(itls_sip_uri_host(S("sips:pcscf.ims.com"), &h), 0);
	cr_assert_eq(itls_sip_uri_host(S("https://ims.com"), &h), 0);
	cr_assert_eq(itls_sip_uri_host(S("sip"), &h), 0);
	cr_assert_eq(itls_sip_uri_host(S("tel:+358"), &h), 0);
}

/* ---- NM-22 trust domain ---------------------------------------------------- */

/* NM-22 */
Test(naming, name_domain_NM22, .description = "NM-22")
{
	size_t o = 0, l = 0;

	cr_assert_eq(itls_name_domain(S("user@op1.ims.com"), &o, &l), ITLS_OK);
	cr_assert_eq(o, 5);
	cr_assert_eq(l, 11);
	cr_assert_eq(itls_name_domain(S("sip:user@op1.ims.com:5060;x"), &o, &l),
		ITLS_OK);
	cr_assert_eq(o, 9);
	cr_assert_eq(l, 11);
	cr_assert_eq(itls_name_domain(S("SIPS:op1.ims.com>"), &o, &l), ITLS_OK);
	cr_assert_eq(o, 5);
	cr_assert_eq(l, 11);
	cr_assert_eq(itls_name_domain(S("op1.ims.com"), &o, &l), ITLS_OK);
	cr_assert_eq(o, 0);
	cr_assert_eq(l, 11);
	cr_assert_eq(itls_name_domain(S(""), &o, &l), ITLS_ERR_BAD_NAME);
	cr_assert_eq(itls_name_domain(S("tel:+358501234567"), &o, &l),
		ITLS_ERR_BAD_NAME);
	cr_assert_eq(itls_name_domain(S("user@"), &o, &l), ITLS_ERR_BAD_NAME);
	cr_assert_eq(itls_name_domain(S("sip:"), &o, &l), ITLS_ERR_BAD_NAME);
	cr_assert_eq(itls_name_domain(S("sip:user@ims.com?x"), &o, &l),
		ITLS_ERR_BAD_NAME);
	cr_assert_eq(itls_name_domain(S("<sip:u@ims.com>"), &o, &l),
		ITLS_ERR_BAD_NAME);
}

/* NM-22 */
Test(naming, trust_check_NM22, .description = "NM-22")
{
	const char *t = "3gppnetwork.org";

	cr_assert_eq(itls_trust_check(
		S("234150999999999@ims.mnc015.mcc234.3gppnetwork.org"), S(t)),
		ITLS_OK);
	cr_assert_eq(itls_trust_check(
		S("sip:234150999999999@ims.mnc015.mcc234.3gppnetwork.org"), S(t)),
		ITLS_OK);
	cr_assert_eq(itls_trust_check(S("ims.mnc015.mcc234.3gppnetwork.org"), S(t)),
		ITLS_OK);
	cr_assert_eq(itls_trust_check(S("3GPPNETWORK.ORG."), S(t)), ITLS_OK);
	cr_assert_eq(itls_trust_check(S("user@operator.com"), S(t)),
		ITLS_ERR_OUTSIDE_TRUST_DOMAIN);
	cr_assert_eq(itls_trust_check(S("user@3gppnetwork.org.evil.net"), S(t)),
		ITLS_ERR_OUTSIDE_TRUST_DOMAIN);
	cr_assert_eq(itls_trust_check(S("ims.mnc015.mcc234.3gppnetwork.com"), S(t)),
		ITLS_ERR_OUTSIDE_TRUST_DOMAIN);
	cr_assert_eq(itls_trust_check(S("tel:+358"), S(t)), ITLS_ERR_BAD_NAME);
	cr_assert_eq(itls_trust_check(S("user@"), S(t)), ITLS_ERR_BAD_NAME);
	cr_assert_eq(itls_trust_check(S("a@b"), S("")), ITLS_ERR_BAD_DOMAIN);
	cr_assert_eq(itls_trust_check(S("a@b"), S("*.com")), ITLS_ERR_BAD_DOMAIN);
}

/* ---- NM-21 IMSI ----------------------------------------------------------- */

/* NM-21 */
Test(naming, imsi_ts23003_example_NM21, .description = "NM-21")
{
	char out[128];
	size_t n = 0;

	/* TS 23.003 13.2/13.3: IMSI 234150999999999, MCC 234, MNC 15 */
	cr_assert_eq(itls_imsi_home_domain(S("234150999999999"), 2, out,
		sizeof out, &n), ITLS_OK);
	cr_assert_eq(n, 33);
	cr_assert(memcmp(out, "ims.mnc015.mcc234.3gppnetwork.org", 33) == 0);
	cr_assert_eq(itls_imsi_impi(S("234150999999999"), 2, out, sizeof out, &n),
		ITLS_OK);
	cr_assert_eq(n, 49);
	cr_assert(memcmp(out, "234150999999999@ims.mnc015.mcc234.3gppnetwork.org",
		49) == 0);
	cr_assert_eq(itls_imsi_impu(S("234150999999999"), 2, out, sizeof out, &n),
		ITLS_OK);
	cr_assert_eq(n, 53);
	cr_assert(memcmp(out,
		"sip:234150999999999@ims.mnc015.mcc234.3gppnetwork.org", 53) == 0);
}

/* NM-21 */
Test(naming, imsi_three_digit_mnc_NM21, .description = "NM-21")
{
	char out[128];
	size_t n = 0;

	/* MCC 310, MNC 410 */
	cr_assert_eq(itls_imsi_impi(S("310410123456789"), 3, out, sizeof out, &n),
		ITLS_OK);
	cr_assert_eq(n, 49);
	cr_assert(memcmp(out, "310410123456789@ims.mnc410.mcc310.3gppnetwork.org",
		49) == 0);
	/* the same digits read with a 2-digit MNC give MNC 041 */
	cr_assert_eq(itls_imsi_home_domain(S("310410123456789"), 2, out, sizeof out,
		&n), ITLS_OK);
	cr_assert(memcmp(out, "ims.mnc041.mcc310.3gppnetwork.org", 33) == 0);
	/* shortest IMSI */
	cr_assert_eq(itls_imsi_impu(S("001010"), 3, out, sizeof out, &n), ITLS_OK);
	cr_assert_eq(n, 44);
	cr_assert(memcmp(out, "sip:001010@ims.mnc010.mcc001.3gppnetwork.org",
		44) == 0);
}

/* NM-21 */
Test(naming, imsi_reasons_NM21, .description = "NM-21")
{
	char out[64];
	size_t n = 7;

	memset(out, 'Z', sizeof out);
	cr_assert_eq(itls_imsi_impi(S("12345"), 2, out, sizeof out, &n),
		ITLS_ERR_BAD_IMSI);
	cr_assert_eq(itls_imsi_impi(S("1234567890123456"), 2, out, sizeof out, &n),
		ITLS_ERR_BAD_IMSI);
	cr_assert_eq(itls_imsi_impi(S("23415099999999a"), 2, out, sizeof out, &n),
		ITLS_ERR_BAD_IMSI);
	cr_assert_eq(itls_imsi_impi(S(""), 2, out, sizeof out, &n),
		ITLS_ERR_BAD_IMSI);
	cr_assert_eq(itls_imsi_impi(S("234150999999999"), 1, out, sizeof out, &n),
		ITLS_ERR_BAD_MNC_LENGTH);
	cr_assert_eq(itls_imsi_impu(S("234150999999999"), 4, out, sizeof out, &n),
		ITLS_ERR_BAD_MNC_LENGTH);
	cr_assert_eq(itls_imsi_home_domain(S("234150999999999"), 0, out,
		sizeof out, &n), ITLS_ERR_BAD_MNC_LENGTH);
	/* buffer-too-small, nothing written */
	cr_assert_eq(itls_imsi_impi(S("234150999999999"), 2, out, 48, &n),
		ITLS_ERR_BUFFER_TOO_SMALL);
	cr_assert_eq(itls_imsi_impu(S("234150999999999"), 2, out, 52, &n),
		ITLS_ERR_BUFFER_TOO_SMALL);
	cr_assert_eq(itls_imsi_home_domain(S("234150999999999"), 2, out, 32, &n),
		ITLS_ERR_BUFFER_TOO_SMALL);
	cr_assert_eq(n, 7);
	cr_assert_eq(out[0], 'Z');
	cr_assert_eq(out[sizeof out - 1], 'Z');
	/* exactly enough */
	cr_assert_eq(itls_imsi_impi(S("234150999999999"), 2, out, 49, &n), ITLS_OK);
}

/* ---- certificates for NM-17 .. NM-20 ---------------------------------------- */

struct b {
	uint8_t d[8192];
	size_t n;
};

static void
put(struct b *b, const void *p, size_t n)
{
	cr_assert(b->n + n <= sizeof b->d);
	if (n > 0) {
		memcpy(b->d + b->n, p, n);
	}
	b->n += n;
}

static void
tlv(struct b *out, uint8_t tag, const void *p, size_t n)
{
	uint8_t h[4];
	size_t hl;

	h[0] = tag;
	if (n < 0x80) {
		h[1] = (uint8_t)n;
		hl = 2;
	} else if (n < 0x100) {
		h[1] = 0x81;
		h[2] = (uint8_t)n;
		hl = 3;
	} else {
		h[1] = 0x82;
		h[2] = (uint8_t)(n >> 8);
		h[3] = (uint8_t)n;
		hl = 4;
	}
	put(out, h, hl);
	put(out, p, n);
}

/*
 * A certificate with the given CN (NULL: none) and subjectAltName entries
 * given as a string "uri:V|dns:V|ip:|email:V" (NULL: no extension).
 */
static void
mkcert(struct b *out, const char *cn, uint8_t cn_type, const char *san)
{
	struct b subj = { .n = 0 }, atv = { .n = 0 }, seq = { .n = 0 },
		gns = { .n = 0 }, gseq = { .n = 0 }, e = { .n = 0 },
		es = { .n = 0 }, exts = { .n = 0 }, a3 = { .n = 0 },
		tbs = { .n = 0 }, c = { .n = 0 };
	static const uint8_t seq0[] = { 0x30, 0x00 };
	static const uint8_t oid_cn[] = { 0x55, 0x04, 0x03 };
	static const uint8_t oid_san[] = { 0x55, 0x1D, 0x11 };

	if (cn != NULL) {
		tlv(&atv, 0x06, oid_cn, 3);
		tlv(&atv, cn_type, cn, strlen(cn));
		tlv(&seq, 0x30, atv.d, atv.n);
		tlv(&subj, 0x31, seq.d, seq.n);
	}
	tlv(&tbs, 0x02, "\x01", 1);
	put(&tbs, seq0, 2);
	put(&tbs, seq0, 2);
	put(&tbs, seq0, 2);
	tlv(&tbs, 0x30, subj.d, subj.n);
	put(&tbs, seq0, 2);
	if (san != NULL) {
		const char *p = san;
		while (*p != '\0') {
			const char *bar = strchr(p, '|');
			size_t l = bar != NULL ? (size_t)(bar - p) : strlen(p);
			if (strncmp(p, "uri:", 4) == 0) {
				tlv(&gns, 0x86, p + 4, l - 4);
			} else if (strncmp(p, "dns:", 4) == 0) {
				tlv(&gns, 0x82, p + 4, l - 4);
			} else if (strncmp(p, "email:", 6) == 0) {
				tlv(&gns, 0x81, p + 6, l - 6);
			} else {
				tlv(&gns, 0x87, "\x0a\0\0\1", 4);
			}
			p += l;
			if (*p == '|') {
				p++;
			}
		}
		tlv(&gseq, 0x30, gns.d, gns.n);
		tlv(&e, 0x06, oid_san, 3);
		tlv(&e, 0x04, gseq.d, gseq.n);
		tlv(&es, 0x30, e.d, e.n);
		tlv(&exts, 0x30, es.d, es.n);
		tlv(&a3, 0xA3, exts.d, exts.n);
		put(&tbs, a3.d, a3.n);
	}
	tlv(&c, 0x30, tbs.d, tbs.n);
	put(&c, seq0, 2);
	tlv(&c, 0x03, "\x00", 1);
	out->n = 0;
	tlv(out, 0x30, c.d, c.n);
}

static enum itls_err
check(const char *cn, const char *san, const char *dom, const char *realm,
	int exact)
{
	static struct b c;

	mkcert(&c, cn, 0x0C, san);
	return itls_name_check(c.d, c.n, S(dom),
		(const uint8_t *)(realm != NULL ? realm : ""),
		realm != NULL ? strlen(realm) : 0, realm != NULL, exact);
}

/* NM-17 */
Test(naming, source_NM17, .description = "NM-17 NM-20")
{
	struct b c;
	struct itls_x509_names nm;

	mkcert(&c, "cn.ims.com", 0x0C, "dns:a.ims.com|uri:sip:p.ims.com");
	cr_assert_eq(itls_x509_names_parse(c.d, c.n, &nm), ITLS_OK);
	cr_assert_eq(itls_name_source(&nm, c.d, c.n), ITLS_NAME_SRC_SIP_URI);
	mkcert(&c, "cn.ims.com", 0x0C, "dns:a.ims.com|uri:sip:u@p.ims.com");
	cr_assert_eq(itls_x509_names_parse(c.d, c.n, &nm), ITLS_OK);
	cr_assert_eq(itls_name_source(&nm, c.d, c.n), ITLS_NAME_SRC_DNS);
	mkcert(&c, "cn.ims.com", 0x0C, NULL);
	cr_assert_eq(itls_x509_names_parse(c.d, c.n, &nm), ITLS_OK);
	cr_assert_eq(itls_name_source(&nm, c.d, c.n), ITLS_NAME_SRC_CN);
	mkcert(&c, "cn.ims.com", 0x0C, "ip:");
	cr_assert_eq(itls_x509_names_parse(c.d, c.n, &nm), ITLS_OK);
	cr_assert_eq(itls_name_source(&nm, c.d, c.n), ITLS_NAME_SRC_NONE);
	mkcert(&c, NULL, 0x0C, NULL);
	cr_assert_eq(itls_x509_names_parse(c.d, c.n, &nm), ITLS_OK);
	cr_assert_eq(itls_name_source(&nm, c.d, c.n), ITLS_NAME_SRC_NONE);
}

/* NM-17 */
Test(naming, check_identities_that_count_NM17, .description = "NM-17 NM-20")
{
	/* SIP URI counts, the dNSName is then ignored */
	cr_assert_eq(check(NULL, "uri:sip:pcscf.ims.com|dns:pcscf.evil.net",
		"ims.com", NULL, 0), ITLS_OK);
	cr_assert_eq(check(NULL, "uri:sip:pcscf.evil.net|dns:pcscf.ims.com",
		"ims.com", NULL, 0), ITLS_ERR_DOMAIN_MISMATCH);
	/* a SIP URI with a user part does not count: dNSName does */
	cr_assert_eq(check(NULL, "uri:sip:user@evil.net|dns:pcscf.ims.com",
		"ims.com", NULL, 0), ITLS_OK);
	/* sips: and http: URIs never count */
	cr_assert_eq(check(NULL, "uri:sips:pcscf.ims.com", "ims.com", NULL, 0),
		ITLS_ERR_NO_IDENTITY);
	cr_assert_eq(check("pcscf.ims.com", "uri:https://pcscf.ims.com", "ims.com",
		NULL, 0), ITLS_ERR_NO_IDENTITY);
	/* CN only without subjectAltName (RFC 5922 7.1) */
	cr_assert_eq(check("pcscf.ims.com", NULL, "ims.com", NULL, 0), ITLS_OK);
	cr_assert_eq(check("pcscf.ims.com", "ip:", "ims.com", NULL, 0),
		ITLS_ERR_NO_IDENTITY);
	cr_assert_eq(check("pcscf.ims.com", "email:a@ims.com", "ims.com", NULL, 0),
		ITLS_ERR_NO_IDENTITY);
	cr_assert_eq(check("pcscf.evil.net", "dns:pcscf.ims.com", "ims.com", NULL,
		0), ITLS_OK);
	cr_assert_eq(check("pcscf.ims.com", "dns:pcscf.evil.net", "ims.com", NULL,
		0), ITLS_ERR_DOMAIN_MISMATCH);
	cr_assert_eq(check(NULL, NULL, "ims.com", NULL, 0), ITLS_ERR_NO_IDENTITY);
	/* any of several */
	cr_assert_eq(check(NULL, "dns:a.evil.net|dns:b.evil.net|dns:c.ims.com",
		"ims.com", NULL, 0), ITLS_OK);
}

/* NM-18 */
Test(naming, check_match_rules_NM18, .description = "NM-17 NM-20 NM-18 NM-12")
{
	cr_assert_eq(check(NULL, "dns:PCSCF.IMS.COM.", "ims.com", NULL, 0), ITLS_OK);
	cr_assert_eq(check(NULL, "uri:SIP:pcscf.ims.com:5061;transport=tls",
		"ims.com", NULL, 0), ITLS_OK);
	cr_assert_eq(check(NULL, "dns:*.ims.com", "ims.com", NULL, 0),
		ITLS_ERR_DOMAIN_MISMATCH);
	cr_assert_eq(check(NULL, "uri:sip:*.ims.com", "ims.com", NULL, 0),
		ITLS_ERR_DOMAIN_MISMATCH);
	cr_assert_eq(check(NULL, "dns:evilims.com", "ims.com", NULL, 0),
		ITLS_ERR_DOMAIN_MISMATCH);
	cr_assert_eq(check(NULL, "dns:ims.com.evil.net", "ims.com", NULL, 0),
		ITLS_ERR_DOMAIN_MISMATCH);
	cr_assert_eq(check(NULL, "dns:a..ims.com", "ims.com", NULL, 0),
		ITLS_ERR_DOMAIN_MISMATCH);
	cr_assert_eq(check(NULL, "dns:x.y.z.pcscf.ims.com", "ims.com", NULL, 0),
		ITLS_OK);
	/* exact mode (NM-12) */
	cr_assert_eq(check(NULL, "dns:pcscf.ims.com", "ims.com", NULL, 1),
		ITLS_ERR_DOMAIN_MISMATCH);
	cr_assert_eq(check(NULL, "dns:ims.com", "ims.com", NULL, 1), ITLS_OK);
	cr_assert_eq(check("IMS.COM", NULL, "ims.com", NULL, 1), ITLS_OK);
}

/* NM-18 */
Test(naming, check_cn_types_NM18, .description = "NM-17 NM-20 NM-18")
{
	struct b c;
	static const uint8_t bmp[] = { 0, 'i', 0, 'm', 0, 's', 0, '.', 0, 'c', 0,
		'o', 0, 'm' };

	mkcert(&c, "ims.com", 0x13, NULL);
	cr_assert_eq(itls_name_check(c.d, c.n, S("ims.com"), NULL, 0, 0, 0),
		ITLS_OK);
	mkcert(&c, "ims.com", 0x14, NULL);
	cr_assert_eq(itls_name_check(c.d, c.n, S("ims.com"), NULL, 0, 0, 0),
		ITLS_OK);
	mkcert(&c, "ims.com", 0x16, NULL);
	cr_assert_eq(itls_name_check(c.d, c.n, S("ims.com"), NULL, 0, 0, 0),
		ITLS_OK);
	/* BMPString "ims.com": counted but never matches (D-NM-8) */
	c.n = 0;
	{
		struct b subj = { .n = 0 }, atv = { .n = 0 }, seq = { .n = 0 },
			tbs = { .n = 0 }, cc = { .n = 0 };
		static const uint8_t seq0[] = { 0x30, 0x00 };
		tlv(&atv, 0x06, "\x55\x04\x03", 3);
		tlv(&atv, 0x1E, bmp, sizeof bmp);
		tlv(&seq, 0x30, atv.d, atv.n);
		tlv(&subj, 0x31, seq.d, seq.n);
		tlv(&tbs, 0x02, "\x01", 1);
		put(&tbs, seq0, 2);
		put(&tbs, seq0, 2);
		put(&tbs, seq0, 2);
		tlv(&tbs, 0x30, subj.d, subj.n);
		put(&tbs, seq0, 2);
		tlv(&cc, 0x30, tbs.d, tbs.n);
		put(&cc, seq0, 2);
		tlv(&cc, 0x03, "\x00", 1);
		tlv(&c, 0x30, cc.d, cc.n);
	}
	cr_assert_eq(itls_name_check(c.d, c.n, S("ims.com"), NULL, 0, 0, 0),
		ITLS_ERR_DOMAIN_MISMATCH);
}

/* NM-19 */
Test(naming, check_realm_NM19, .description = "NM-17 NM-20 NM-19")
{
	cr_assert_eq(check(NULL, "dns:pcscf.ims.com", "ims.com", "operator1.ims.com",
		0), ITLS_OK);
	cr_assert_eq(check(NULL, "dns:pcscf.ims.com", "ims.com", "operator1@ims.com",
		0), ITLS_OK);
	cr_assert_eq(check(NULL, "dns:pcscf.ims.com", "ims.com", "ims.com", 0),
		ITLS_OK);
	cr_assert_eq(check(NULL, "dns:pcscf.ims.com", "ims.com", "operator1.evil.net",
		0), ITLS_ERR_REALM_MISMATCH);
	cr_assert_eq(check(NULL, "dns:pcscf.ims.com", "ims.com", "ims.com@evil.net",
		0), ITLS_ERR_REALM_MISMATCH);
	cr_assert_eq(check(NULL, "dns:pcscf.ims.com", "ims.com", "evilims.com", 0),
		ITLS_ERR_REALM_MISMATCH);
	/* exact mode narrows only the certificate identity */
	cr_assert_eq(check(NULL, "dns:ims.com", "ims.com", "operator1.ims.com", 1),
		ITLS_OK);
}

/* NM-20 */
Test(naming, check_order_and_input_reasons_NM20, .description = "NM-17 NM-20")
{
	struct b c;

	cr_assert_eq(check(NULL, "dns:pcscf.ims.com", "", NULL, 0),
		ITLS_ERR_BAD_DOMAIN);
	cr_assert_eq(check(NULL, "dns:pcscf.ims.com", "*.ims.com", NULL, 0),
		ITLS_ERR_BAD_DOMAIN);
	cr_assert_eq(check(NULL, "dns:pcscf.ims.com", "ims.com", "", 0),
		ITLS_ERR_BAD_REALM);
	cr_assert_eq(check(NULL, "dns:pcscf.ims.com", "ims.com", "op@", 0),
		ITLS_ERR_BAD_REALM);
	/* bad domain before no-identity; bad realm before domain-mismatch */
	cr_assert_eq(check(NULL, NULL, "ims..com", NULL, 0), ITLS_ERR_BAD_DOMAIN);
	cr_assert_eq(check(NULL, "dns:evil.net", "ims.com", "a b", 0),
		ITLS_ERR_BAD_REALM);
	/* domain-mismatch before realm-mismatch */
	cr_assert_eq(check(NULL, "dns:evil.net", "ims.com", "evil.net", 0),
		ITLS_ERR_DOMAIN_MISMATCH);
	/* a malformed certificate gives its DER reason first */
	mkcert(&c, NULL, 0x0C, "dns:pcscf.ims.com");
	c.n--;
	cr_assert_eq(itls_name_check(c.d, c.n, S(""), NULL, 0, 0, 0),
		ITLS_ERR_DER_TRUNCATED);
	cr_assert_eq(itls_name_check(NULL, 0, S("ims.com"), NULL, 0, 0, 0),
		ITLS_ERR_EMPTY);
}

/* NM-18 */
Test(naming, identity_match_NM18, .description = "NM-17 NM-20 NM-18")
{
	cr_assert_eq(itls_identity_match(S("pcscf.ims.com"), S("ims.com"), 0), 1);
	cr_assert_eq(itls_identity_match(S("*.ims.com"), S("ims.com"), 0), 0);
	cr_assert_eq(itls_identity_match(S("a b.ims.com"), S("ims.com"), 0), 0);
	cr_assert_eq(itls_identity_match(S(""), S(""), 0), 0);
	cr_assert_eq(itls_identity_match(S("pcscf.ims.com"), S("ims.com"), 1), 0);
}
