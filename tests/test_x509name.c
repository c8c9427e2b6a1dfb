/*
 * test_x509name.c -- the certificate reader (spec/naming.md NM-01 .. NM-08).
 *
 * Certificates are assembled here from hand-written DER pieces (a small
 * builder that always emits minimal lengths), so every expected offset and
 * every reason word follows from the construction; the fixtures of
 * vectors/certs/ are read too when present.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itls/x509name.h"

/* ---- a minimal DER builder ------------------------------------------------ */

struct b {
	uint8_t d[16384];
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
put1(struct b *b, uint8_t c)
{
	put(b, &c, 1);
}

/* append tag, minimal length, content */
static void
tlv(struct b *out, uint8_t tag, const void *p, size_t n)
{
	put1(out, tag);
	if (n < 0x80) {
		put1(out, (uint8_t)n);
	} else if (n < 0x100) {
		put1(out, 0x81);
		put1(out, (uint8_t)n);
	} else {
		put1(out, 0x82);
		put1(out, (uint8_t)(n >> 8));
		put1(out, (uint8_t)n);
	}
	put(out, p, n);
}

static void
tlvb(struct b *out, uint8_t tag, const struct b *in)
{
	tlv(out, tag, in->d, in->n);
}

static const uint8_t OID_CN[] = { 0x55, 0x04, 0x03 };
static const uint8_t OID_O[] = { 0x55, 0x04, 0x0A };
static const uint8_t OID_SAN[] = { 0x55, 0x1D, 0x11 };
static const uint8_t OID_BC[] = { 0x55, 0x1D, 0x13 };

/* one RDN { type = value } appended to a Name's content */
static void
rdn(struct b *name, const uint8_t *oid, size_t olen, uint8_t vtag,
	const void *v, size_t vlen)
{
	struct b atv = { .n = 0 }, seq = { .n = 0 };

	tlv(&atv, 0x06, oid, olen);
	tlv(&atv, vtag, v, vlen);
	tlvb(&seq, 0x30, &atv);
	tlvb(name, 0x31, &seq);
}

/* one Extension appended to an Extensions content */
static void
ext(struct b *exts, const uint8_t *oid, size_t olen, int critical,
	const struct b *value)
{
	struct b e = { .n = 0 };
	static const uint8_t t[] = { 0xFF };

	tlv(&e, 0x06, oid, olen);
	if (critical) {
		tlv(&e, 0x01, t, 1);
	}
	tlvb(&e, 0x04, value);
	tlvb(exts, 0x30, &e);
}

/* GeneralNames content -> SAN extnValue */
static void
san_value(struct b *val, const struct b *gns)
{
	tlvb(val, 0x30, gns);
}

/* the whole certificate around a subject Name content and Extensions
 * content (exts == NULL: no [3]) */
static void
cert(struct b *out, const struct b *subject, const struct b *exts)
{
	struct b tbs = { .n = 0 }, c = { .n = 0 }, t = { .n = 0 };
	static const uint8_t version[] = { 0x02, 0x01, 0x02 };
	static const uint8_t serial[] = { 0x01 };
	static const uint8_t alg[] = { 0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D,
		0x04, 0x03, 0x02 };
	static const uint8_t validity[] = {
		0x17, 0x0D, '2', '5', '0', '1', '0', '1', '0', '0', '0', '0', '0', '0', 'Z',
		0x17, 0x0D, '2', '6', '0', '1', '0', '1', '0', '0', '0', '0', '0', '0', 'Z' };
	static const uint8_t spki[] = { 0x30, 0x09, 0x06, 0x07, 0x2A, 0x86, 0x48,
		0xCE, 0x3D, 0x02, 0x01, 0x03, 0x02, 0x00, 0x04 };
	static const uint8_t sig[] = { 0x00, 0xAB, 0xCD };
	struct b issuer = { .n = 0 };

	rdn(&issuer, OID_CN, 3, 0x0C, "ca", 2);
	tlv(&tbs, 0xA0, version, sizeof version);
	tlv(&tbs, 0x02, serial, 1);
	tlv(&tbs, 0x30, alg, sizeof alg);
	tlvb(&tbs, 0x30, &issuer);
	tlv(&tbs, 0x30, validity, sizeof validity);
	tlvb(&tbs, 0x30, subject);
	tlv(&tbs, 0x30, spki, sizeof spki);
	if (exts != NULL) {
		tlvb(&t, 0x30, exts);
		tlvb(&tbs, 0xA3, &t);
	}
	tlvb(&c, 0x30, &tbs);
	tlv(&c, 0x30, alg, sizeof alg);
	tlv(&c, 0x03, sig, sizeof sig);
	out->n = 0;
	tlvb(out, 0x30, &c);
}

static struct itls_x509_names nm;

static enum itls_err
parse(const struct b *c)
{
	return itls_x509_names_parse(c->d, c->n, &nm);
}

/* offset of the first occurrence of s (length n) in c */
static size_t
find(const struct b *c, const void *s, size_t n)
{
	size_t i;

	for (i = 0; i + n <= c->n; i++) {
		if (memcmp(c->d + i, s, n) == 0) {
			return i;
		}
	}
	cr_assert_fail("pattern not found");
	return 0;
}

static void
check_view(const struct b *c, size_t off, size_t len, const char *s)
{
	cr_assert_eq(len, strlen(s));
	cr_assert(off + len <= c->n);
	cr_assert(memcmp(c->d + off, s, len) == 0, "view is \"%.*s\", expected \"%s\"",
		(int)len, (const char *)c->d + off, s);
}

/* a typical P-CSCF certificate: CN + SAN URI, DNS, IP, email */
static void
typical(struct b *c)
{
	struct b subj = { .n = 0 }, gns = { .n = 0 }, val = { .n = 0 },
		exts = { .n = 0 }, bc = { .n = 0 };
	static const uint8_t ip[] = { 10, 0, 0, 1 };

	rdn(&subj, OID_O, 3, 0x0C, "Operator", 8);
	rdn(&subj, OID_CN, 3, 0x13, "pcscf.ims.com", 13);
	tlv(&gns, 0x86, "sip:pcscf.ims.com", 17);
	tlv(&gns, 0x82, "pcscf.ims.com", 13);
	tlv(&gns, 0x87, ip, 4);
	tlv(&gns, 0x81, "ops@ims.com", 11);
	tlv(&gns, 0x86, "https://ims.com/", 16);
	san_value(&val, &gns);
	tlv(&bc, 0x30, "", 0);
	ext(&exts, OID_BC, 3, 1, &bc);
	ext(&exts, OID_SAN, 3, 0, &val);
	cert(c, &subj, &exts);
}

/* ---- success and views (NM-03, NM-05, NM-07, NM-08) --------------------- */

/* NM-08 */
Test(x509name, typical_certificate_NM08, .description = "NM-03 NM-05 NM-07 NM-08")
{
	struct b c;

	typical(&c);
	cr_assert_eq(parse(&c), ITLS_OK);
	/* NM-05: the one CN, PrintableString; the O attribute is skipped */
	cr_assert_eq(nm.n_cn, 1);
	check_view(&c, nm.cn[0].off, nm.cn[0].len, "pcscf.ims.com");
	cr_assert_eq(nm.cn[0].type, ITLS_X509_STR_PRINTABLE);
	/* NM-07: URI, DNS, URI in extension order; IP and email counted */
	cr_assert_eq(nm.n_san, 3);
	cr_assert_eq(nm.san[0].kind, ITLS_X509_SAN_URI);
	check_view(&c, nm.san[0].off, nm.san[0].len, "sip:pcscf.ims.com");
	cr_assert_eq(nm.san[1].kind, ITLS_X509_SAN_DNS);
	check_view(&c, nm.san[1].off, nm.san[1].len, "pcscf.ims.com");
	cr_assert_eq(nm.san[2].kind, ITLS_X509_SAN_URI);
	check_view(&c, nm.san[2].off, nm.san[2].len, "https://ims.com/");
	cr_assert_eq(nm.n_ip, 1);
	cr_assert_eq(nm.n_email, 1);
	cr_assert_eq(nm.n_othername, 0);
	cr_assert_eq(nm.n_other, 0);
	cr_assert_eq(nm.has_san, 1);
}

/* NM-08 */
Test(x509name, spans_NM08, .description = "NM-03 NM-05 NM-07 NM-08")
{
	struct b c;
	static const uint8_t spki[] = { 0x30, 0x0F, 0x30, 0x09, 0x06, 0x07 };
	static const uint8_t validity[] = { 0x30, 0x1E, 0x17, 0x0D, '2', '5' };
	size_t hdr;

	typical(&c);
	cr_assert_eq(parse(&c), ITLS_OK);
	/* outer header: 30 82 hi lo when the content is >= 256 bytes, else 30 81 n */
	hdr = c.d[1] == 0x82 ? 4 : (c.d[1] == 0x81 ? 3 : 2);
	cr_assert_eq(nm.tbs.off, hdr);
	cr_assert_eq(c.d[nm.tbs.off], 0x30);
	/* tbs + signatureAlgorithm (12) + signatureValue (5) fill the certificate */
	cr_assert_eq(nm.tbs.off + nm.tbs.len + 12 + 5, c.n);
	cr_assert_eq(nm.spki.off, find(&c, spki, sizeof spki));
	cr_assert_eq(nm.spki.len, 17);
	cr_assert_eq(nm.validity.off, find(&c, validity, sizeof validity));
	cr_assert_eq(nm.validity.len, 32);
}

/* NM-05 */
Test(x509name, cn_only_no_san_NM05, .description = "NM-03 NM-05 NM-07 NM-08")
{
	struct b c, subj = { .n = 0 };

	rdn(&subj, OID_CN, 3, 0x0C, "pcscf.ims.com", 13);
	rdn(&subj, OID_CN, 3, 0x16, "second", 6);
	cert(&c, &subj, NULL);
	cr_assert_eq(parse(&c), ITLS_OK);
	cr_assert_eq(nm.n_cn, 2);
	check_view(&c, nm.cn[0].off, nm.cn[0].len, "pcscf.ims.com");
	cr_assert_eq(nm.cn[0].type, ITLS_X509_STR_UTF8);
	check_view(&c, nm.cn[1].off, nm.cn[1].len, "second");
	cr_assert_eq(nm.cn[1].type, ITLS_X509_STR_IA5);
	cr_assert_eq(nm.n_san, 0);
	cr_assert_eq(nm.has_san, 0);
}

/* NM-05 */
Test(x509name, empty_subject_NM05, .description = "NM-03 NM-05 NM-07 NM-08")
{
	struct b c, subj = { .n = 0 }, gns = { .n = 0 }, val = { .n = 0 },
		exts = { .n = 0 };

	tlv(&gns, 0x82, "pcscf.ims.com", 13);
	san_value(&val, &gns);
	ext(&exts, OID_SAN, 3, 1, &val);
	cert(&c, &subj, &exts);
	cr_assert_eq(parse(&c), ITLS_OK);
	cr_assert_eq(nm.n_cn, 0);
	cr_assert_eq(nm.n_san, 1);
}

/* NM-05 */
Test(x509name, multivalued_rdn_and_bmp_cn_NM05, .description = "NM-03 NM-05 NM-07 NM-08")
{
	struct b c, subj = { .n = 0 }, set = { .n = 0 }, a1 = { .n = 0 },
		a2 = { .n = 0 }, s1 = { .n = 0 }, s2 = { .n = 0 };
	/* BMPString "pc" = 00 70 00 63: zero bytes but no zero unit */
	static const uint8_t bmp[] = { 0x00, 'p', 0x00, 'c' };

	tlv(&a1, 0x06, OID_CN, 3);
	tlv(&a1, 0x1E, bmp, sizeof bmp);
	tlvb(&s1, 0x30, &a1);
	tlv(&a2, 0x06, OID_O, 3);
	tlv(&a2, 0x0C, "Op", 2);
	tlvb(&s2, 0x30, &a2);
	put(&set, s1.d, s1.n);
	put(&set, s2.d, s2.n);
	tlvb(&subj, 0x31, &set);
	cert(&c, &subj, NULL);
	cr_assert_eq(parse(&c), ITLS_OK);
	cr_assert_eq(nm.n_cn, 1);
	cr_assert_eq(nm.cn[0].type, ITLS_X509_STR_BMP);
	cr_assert_eq(nm.cn[0].len, 4);
	cr_assert_eq(memcmp(c.d + nm.cn[0].off, bmp, 4), 0);
}

/* NM-07 */
Test(x509name, other_general_names_counted_NM07, .description = "NM-03 NM-05 NM-07 NM-08")
{
	struct b c, subj = { .n = 0 }, gns = { .n = 0 }, val = { .n = 0 },
		exts = { .n = 0 }, on = { .n = 0 }, dn = { .n = 0 };
	static const uint8_t oid[] = { 0x2B, 0x06, 0x01 };

	tlv(&on, 0x06, oid, 3);
	tlv(&on, 0xA0, "\x0C\x01x", 3);
	tlvb(&gns, 0xA0, &on);                 /* otherName */
	tlv(&dn, 0x30, "", 0);
	tlvb(&gns, 0xA4, &dn);                 /* directoryName */
	tlv(&gns, 0x88, oid, 3);               /* registeredID */
	tlv(&gns, 0x87, "\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\1", 16);
	san_value(&val, &gns);
	ext(&exts, OID_SAN, 3, 0, &val);
	rdn(&subj, OID_CN, 3, 0x0C, "pcscf.ims.com", 13);
	cert(&c, &subj, &exts);
	cr_assert_eq(parse(&c), ITLS_OK);
	cr_assert_eq(nm.n_san, 0);
	cr_assert_eq(nm.n_othername, 1);
	cr_assert_eq(nm.n_other, 2);
	cr_assert_eq(nm.n_ip, 1);
	cr_assert_eq(nm.has_san, 1);
}

/* NM-07 */
Test(x509name, capacities_at_the_limit_NM07, .description = "NM-03 NM-05 NM-07 NM-08")
{
	struct b c, subj = { .n = 0 }, gns = { .n = 0 }, val = { .n = 0 },
		exts = { .n = 0 };
	char name[32];
	int i;

	for (i = 0; i < ITLS_X509_MAX_SAN; i++) {
		snprintf(name, sizeof name, "h%02d.ims.com", i);
		tlv(&gns, 0x82, name, strlen(name));
	}
	san_value(&val, &gns);
	ext(&exts, OID_SAN, 3, 0, &val);
	for (i = 0; i < ITLS_X509_MAX_CN; i++) {
		rdn(&subj, OID_CN, 3, 0x0C, "cn", 2);
	}
	cert(&c, &subj, &exts);
	cr_assert_eq(parse(&c), ITLS_OK);
	cr_assert_eq(nm.n_san, 64);
	cr_assert_eq(nm.n_cn, 8);
	check_view(&c, nm.san[63].off, nm.san[63].len, "h63.ims.com");
}

/* NM-06 */
Test(x509name, explicit_false_critical_tolerated_NM06, .description = "NM-03 NM-05 NM-07 NM-08 NM-06")
{
	struct b c, subj = { .n = 0 }, e = { .n = 0 }, one = { .n = 0 },
		exts = { .n = 0 }, gns = { .n = 0 }, val = { .n = 0 };

	tlv(&gns, 0x82, "a.ims.com", 9);
	san_value(&val, &gns);
	tlv(&e, 0x06, OID_SAN, 3);
	tlv(&e, 0x01, "\x00", 1);
	tlvb(&e, 0x04, &val);
	tlvb(&one, 0x30, &e);
	put(&exts, one.d, one.n);
	cert(&c, &subj, &exts);
	cr_assert_eq(parse(&c), ITLS_OK);
	cr_assert_eq(nm.n_san, 1);
}

/* NM-03 */
Test(x509name, version1_and_unique_ids_NM03, .description = "NM-03 NM-05 NM-07 NM-08")
{
	/* no [0] version, with [1] and [2] unique identifiers before [3] */
	struct b c, subj = { .n = 0 }, tbs = { .n = 0 }, cc = { .n = 0 };
	static const uint8_t seq0[] = { 0x30, 0x00 };

	rdn(&subj, OID_CN, 3, 0x0C, "x", 1);
	tlv(&tbs, 0x02, "\x01", 1);
	put(&tbs, seq0, 2);                    /* signature */
	put(&tbs, seq0, 2);                    /* issuer */
	put(&tbs, seq0, 2);                    /* validity */
	tlvb(&tbs, 0x30, &subj);
	put(&tbs, seq0, 2);                    /* spki */
	tlv(&tbs, 0x81, "\x00\x01", 2);
	tlv(&tbs, 0x82, "\x00\x02", 2);
	tlvb(&cc, 0x30, &tbs);
	put(&cc, seq0, 2);
	tlv(&cc, 0x03, "\x00", 1);
	c.n = 0;
	tlvb(&c, 0x30, &cc);
	cr_assert_eq(parse(&c), ITLS_OK);
	cr_assert_eq(nm.n_cn, 1);
	cr_assert_eq(nm.validity.len, 2);
	cr_assert_eq(nm.spki.len, 2);
}

/* ---- reasons: NM-01, NM-02 ---------------------------------------------- */

static enum itls_err
raw(const uint8_t *p, size_t n)
{
	return itls_x509_names_parse(p, n, &nm);
}

/* NM-01 */
Test(x509name, empty_input_NM01, .description = "NM-01 NM-02")
{
	cr_assert_eq(raw(NULL, 0), ITLS_ERR_EMPTY);
}

/* NM-02 */
Test(x509name, header_reasons_NM02, .description = "NM-01 NM-02")
{
	static const uint8_t t1[] = { 0x30 };
	static const uint8_t t2[] = { 0x31, 0x00 };
	static const uint8_t t3[] = { 0x3F, 0x01, 0x00 };
	static const uint8_t t4[] = { 0x30, 0x80, 0x00, 0x00 };
	static const uint8_t t5[] = { 0x30, 0x85, 1, 0, 0, 0, 0 };
	static const uint8_t t6[] = { 0x30, 0xFF };
	static const uint8_t t7[] = { 0x30, 0x81, 0x05, 1, 2, 3, 4, 5 };
	static const uint8_t t8[] = { 0x30, 0x82, 0x00, 0x90 };
	static const uint8_t t9[] = { 0x30, 0x82, 0x01 };
	static const uint8_t t10[] = { 0x30, 0x05, 0x01 };
	static const uint8_t t11[] = { 0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0 };

	cr_assert_eq(raw(t1, sizeof t1), ITLS_ERR_DER_TRUNCATED);    /* (3) */
	cr_assert_eq(raw(t2, sizeof t2), ITLS_ERR_DER_BAD_TAG);      /* (2) */
	cr_assert_eq(raw(t3, sizeof t3), ITLS_ERR_DER_BAD_TAG);      /* (2) high tag */
	cr_assert_eq(raw(t4, sizeof t4), ITLS_ERR_DER_BAD_LENGTH);   /* (4) indefinite */
	cr_assert_eq(raw(t5, sizeof t5), ITLS_ERR_DER_BAD_LENGTH);   /* (4) 5 bytes */
	cr_assert_eq(raw(t6, sizeof t6), ITLS_ERR_DER_BAD_LENGTH);   /* (4) reserved */
	cr_assert_eq(raw(t7, sizeof t7), ITLS_ERR_DER_BAD_LENGTH);   /* (6) < 128 */
	cr_assert_eq(raw(t8, sizeof t8), ITLS_ERR_DER_BAD_LENGTH);   /* (6) leading 0 */
	cr_assert_eq(raw(t9, sizeof t9), ITLS_ERR_DER_TRUNCATED);    /* (5) */
	cr_assert_eq(raw(t10, sizeof t10), ITLS_ERR_DER_TRUNCATED);  /* (7) */
	cr_assert_eq(raw(t11, sizeof t11), ITLS_ERR_DER_TRUNCATED);  /* (7) huge */
}

/* NM-02 */
Test(x509name, every_truncation_is_truncated_NM02, .description = "NM-01 NM-02")
{
	struct b c;
	size_t n;

	typical(&c);
	for (n = 1; n < c.n; n++) {
		cr_assert_eq(raw(c.d, n), ITLS_ERR_DER_TRUNCATED, "cut at %zu", n);
	}
}

/* NM-01 */
Test(x509name, trailing_after_certificate_NM01, .description = "NM-01 NM-02")
{
	struct b c;

	typical(&c);
	put1(&c, 0x00);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_TRAILING_DATA);
}

/* NM-02 */
Test(x509name, long_length_minimal_accepted_NM02, .description = "NM-01 NM-02")
{
	/* the builder uses 81 xx / 82 xx xx only when needed: a certificate
	 * with a 200-byte CN has an 81 C8 length */
	struct b c, subj = { .n = 0 };
	char cn[200];

	memset(cn, 'a', sizeof cn);
	rdn(&subj, OID_CN, 3, 0x0C, cn, sizeof cn);
	cert(&c, &subj, NULL);
	cr_assert_eq(parse(&c), ITLS_OK);
	cr_assert_eq(nm.cn[0].len, 200);
	cr_assert_eq(c.d[nm.cn[0].off - 2], 0x81);
	cr_assert_eq(c.d[nm.cn[0].off - 1], 200);
}

/* NM-02 */
Test(x509name, non_minimal_inner_length_NM02, .description = "NM-01 NM-02")
{
	/* re-encode the CN length 0x0D as 81 0D inside a valid frame */
	struct b c, subj = { .n = 0 }, atv = { .n = 0 }, seq = { .n = 0 };
	static const uint8_t v[] = { 0x0C, 0x81, 0x0D, 'p', 'c', 's', 'c', 'f', '.',
		'i', 'm', 's', '.', 'c', 'o', 'm' };

	tlv(&atv, 0x06, OID_CN, 3);
	put(&atv, v, sizeof v);
	tlvb(&seq, 0x30, &atv);
	tlvb(&subj, 0x31, &seq);
	cert(&c, &subj, NULL);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_BAD_LENGTH);
}

/* ---- reasons: NM-03, NM-04 ---------------------------------------------- */

/* a certificate whose tbs is exactly the given content */
static void
cert_tbs(struct b *out, const struct b *tbs_content, const uint8_t *after,
	size_t alen)
{
	struct b cc = { .n = 0 };
	static const uint8_t seq0[] = { 0x30, 0x00 };

	tlvb(&cc, 0x30, tbs_content);
	put(&cc, seq0, 2);
	tlv(&cc, 0x03, "\x00", 1);
	put(&cc, after, alen);
	out->n = 0;
	tlvb(out, 0x30, &cc);
}

static void
tbs_base(struct b *tbs)
{
	static const uint8_t seq0[] = { 0x30, 0x00 };

	tbs->n = 0;
	tlv(tbs, 0x02, "\x01", 1);
	put(tbs, seq0, 2);
	put(tbs, seq0, 2);
	put(tbs, seq0, 2);
	put(tbs, seq0, 2);                     /* subject: empty */
	put(tbs, seq0, 2);
}

/* NM-04 */
Test(x509name, trailing_inside_certificate_NM04, .description = "NM-03 NM-04")
{
	struct b c, tbs;
	static const uint8_t extra[] = { 0x05, 0x00 };

	tbs_base(&tbs);
	cert_tbs(&c, &tbs, NULL, 0);
	cr_assert_eq(parse(&c), ITLS_OK);
	cert_tbs(&c, &tbs, extra, sizeof extra);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_TRAILING_DATA);
}

/* NM-04 */
Test(x509name, trailing_inside_tbs_NM04, .description = "NM-03 NM-04")
{
	struct b c, tbs;
	static const uint8_t a3[] = { 0xA3, 0x0B, 0x30, 0x09, 0x30, 0x07, 0x06,
		0x03, 0x55, 0x1D, 0x13, 0x04, 0x00 };

	tbs_base(&tbs);
	put(&tbs, (const uint8_t *)"\x05\x00", 2);        /* unknown element */
	cert_tbs(&c, &tbs, NULL, 0);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_TRAILING_DATA);
	tbs_base(&tbs);
	put(&tbs, a3, sizeof a3);                         /* [3] then [1] */
	put(&tbs, (const uint8_t *)"\x81\x01\x00", 3);
	cert_tbs(&c, &tbs, NULL, 0);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_TRAILING_DATA);
}

/* NM-03 */
Test(x509name, wrong_tags_NM03, .description = "NM-03 NM-04")
{
	struct b c, tbs;
	static const uint8_t seq0[] = { 0x30, 0x00 };

	/* serialNumber as OCTET STRING */
	tbs.n = 0;
	tlv(&tbs, 0x04, "\x01", 1);
	cert_tbs(&c, &tbs, NULL, 0);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_BAD_TAG);
	/* subject missing: spki where subject should be, then nothing */
	tbs.n = 0;
	tlv(&tbs, 0x02, "\x01", 1);
	put(&tbs, seq0, 2);
	put(&tbs, seq0, 2);
	put(&tbs, seq0, 2);
	put(&tbs, seq0, 2);
	cert_tbs(&c, &tbs, NULL, 0);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_TRUNCATED);
	/* signatureValue as OCTET STRING */
	{
		struct b cc = { .n = 0 };
		tbs_base(&tbs);
		tlvb(&cc, 0x30, &tbs);
		put(&cc, seq0, 2);
		tlv(&cc, 0x04, "\x00", 1);
		c.n = 0;
		tlvb(&c, 0x30, &cc);
		cr_assert_eq(parse(&c), ITLS_ERR_DER_BAD_TAG);
	}
}

/* NM-04 */
Test(x509name, trailing_inside_atv_NM04, .description = "NM-03 NM-04")
{
	struct b c, subj = { .n = 0 }, atv = { .n = 0 }, seq = { .n = 0 };

	tlv(&atv, 0x06, OID_CN, 3);
	tlv(&atv, 0x0C, "a", 1);
	tlv(&atv, 0x0C, "b", 1);
	tlvb(&seq, 0x30, &atv);
	tlvb(&subj, 0x31, &seq);
	cert(&c, &subj, NULL);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_TRAILING_DATA);
}

/* NM-04 */
Test(x509name, trailing_inside_extension_NM04, .description = "NM-03 NM-04")
{
	struct b c, subj = { .n = 0 }, e = { .n = 0 }, one = { .n = 0 },
		exts = { .n = 0 };

	tlv(&e, 0x06, OID_BC, 3);
	tlv(&e, 0x04, "\x30\x00", 2);
	tlv(&e, 0x05, "", 0);
	tlvb(&one, 0x30, &e);
	put(&exts, one.d, one.n);
	cert(&c, &subj, &exts);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_TRAILING_DATA);
}

/* NM-04 */
Test(x509name, trailing_inside_san_octet_string_NM04, .description = "NM-03 NM-04")
{
	struct b c, subj = { .n = 0 }, gns = { .n = 0 }, val = { .n = 0 },
		exts = { .n = 0 };

	tlv(&gns, 0x82, "a.ims.com", 9);
	san_value(&val, &gns);
	put1(&val, 0x00);
	ext(&exts, OID_SAN, 3, 0, &val);
	cert(&c, &subj, &exts);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_TRAILING_DATA);
}

/* NM-04 */
Test(x509name, trailing_inside_a3_NM04, .description = "NM-03 NM-04")
{
	/* [3] { SEQUENCE { Extension { basicConstraints, OCTET STRING } } 05 00 } */
	struct b c, tbs;
	static const uint8_t a3[] = { 0xA3, 0x0F, 0x30, 0x0B, 0x30, 0x09,
		0x06, 0x03, 0x55, 0x1D, 0x13, 0x04, 0x02, 0x30, 0x00, 0x05, 0x00 };

	tbs_base(&tbs);
	put(&tbs, a3, sizeof a3 - 2);
	tbs.d[tbs.n - 14] = 0x0D;              /* [3] without the 05 00 */
	cert_tbs(&c, &tbs, NULL, 0);
	cr_assert_eq(parse(&c), ITLS_OK);
	tbs_base(&tbs);
	put(&tbs, a3, sizeof a3);
	cert_tbs(&c, &tbs, NULL, 0);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_TRAILING_DATA);
}

/* ---- reasons: NM-05 ------------------------------------------------------ */

/* NM-05 */
Test(x509name, nul_in_cn_NM05, .description = "NM-05")
{
	struct b c, subj = { .n = 0 };

	rdn(&subj, OID_CN, 3, 0x0C, "pcscf.ims.com\0.evil.net", 22);
	cert(&c, &subj, NULL);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_NUL_IN_NAME);
}

/* NM-05 */
Test(x509name, nul_unit_in_bmp_cn_NM05, .description = "NM-05")
{
	struct b c, subj = { .n = 0 };
	static const uint8_t bmp[] = { 0x00, 'a', 0x00, 0x00, 0x00, 'b' };

	rdn(&subj, OID_CN, 3, 0x1E, bmp, sizeof bmp);
	cert(&c, &subj, NULL);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_NUL_IN_NAME);
}

/* NM-05 */
Test(x509name, nul_in_other_attribute_ignored_NM05, .description = "NM-05")
{
	struct b c, subj = { .n = 0 };

	rdn(&subj, OID_O, 3, 0x0C, "a\0b", 3);
	cert(&c, &subj, NULL);
	cr_assert_eq(parse(&c), ITLS_OK);
}

/* NM-05 */
Test(x509name, bad_string_lengths_NM05, .description = "NM-05")
{
	struct b c, subj = { .n = 0 };
	static const uint8_t u[] = { 0, 0, 0, 'a', 0, 0 };

	rdn(&subj, OID_CN, 3, 0x1E, "\x00\x61\x00", 3);
	cert(&c, &subj, NULL);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_BAD_VALUE);
	subj.n = 0;
	rdn(&subj, OID_CN, 3, 0x1C, u, sizeof u);
	cert(&c, &subj, NULL);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_BAD_VALUE);
}

/* NM-05 */
Test(x509name, cn_of_wrong_type_NM05, .description = "NM-05")
{
	struct b c, subj = { .n = 0 };

	rdn(&subj, OID_CN, 3, 0x02, "\x01", 1);
	cert(&c, &subj, NULL);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_BAD_TAG);
}

/* NM-05 */
Test(x509name, empty_rdn_set_and_empty_oid_NM05, .description = "NM-05")
{
	struct b c, subj = { .n = 0 }, atv = { .n = 0 }, seq = { .n = 0 };

	tlv(&subj, 0x31, "", 0);
	cert(&c, &subj, NULL);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_BAD_VALUE);
	subj.n = 0;
	tlv(&atv, 0x06, "", 0);
	tlv(&atv, 0x0C, "a", 1);
	tlvb(&seq, 0x30, &atv);
	tlvb(&subj, 0x31, &seq);
	cert(&c, &subj, NULL);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_BAD_VALUE);
}

/* NM-05 */
Test(x509name, nine_cns_too_many_NM05, .description = "NM-05")
{
	struct b c, subj = { .n = 0 };
	int i;

	for (i = 0; i < ITLS_X509_MAX_CN + 1; i++) {
		rdn(&subj, OID_CN, 3, 0x0C, "cn", 2);
	}
	cert(&c, &subj, NULL);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_TOO_MANY);
}

/* ---- reasons: NM-06 ------------------------------------------------------ */

/* NM-06 */
Test(x509name, duplicate_san_NM06, .description = "NM-06")
{
	struct b c, subj = { .n = 0 }, gns = { .n = 0 }, val = { .n = 0 },
		exts = { .n = 0 };

	tlv(&gns, 0x82, "a.ims.com", 9);
	san_value(&val, &gns);
	ext(&exts, OID_SAN, 3, 0, &val);
	ext(&exts, OID_SAN, 3, 0, &val);
	cert(&c, &subj, &exts);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_DUPLICATE_EXTENSION);
}

/* NM-06 */
Test(x509name, duplicate_other_extension_NM06, .description = "NM-06")
{
	struct b c, subj = { .n = 0 }, bc = { .n = 0 }, exts = { .n = 0 };

	tlv(&bc, 0x30, "", 0);
	ext(&exts, OID_BC, 3, 1, &bc);
	ext(&exts, OID_BC, 3, 0, &bc);
	cert(&c, &subj, &exts);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_DUPLICATE_EXTENSION);
}

/* NM-06 */
Test(x509name, bad_critical_NM06, .description = "NM-06")
{
	struct b c, subj = { .n = 0 }, e = { .n = 0 }, one = { .n = 0 },
		exts = { .n = 0 };

	tlv(&e, 0x06, OID_BC, 3);
	tlv(&e, 0x01, "\x01", 1);
	tlv(&e, 0x04, "\x30\x00", 2);
	tlvb(&one, 0x30, &e);
	put(&exts, one.d, one.n);
	cert(&c, &subj, &exts);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_BAD_VALUE);
	e.n = one.n = exts.n = 0;
	tlv(&e, 0x06, OID_BC, 3);
	tlv(&e, 0x01, "\xFF\xFF", 2);
	tlv(&e, 0x04, "\x30\x00", 2);
	tlvb(&one, 0x30, &e);
	put(&exts, one.d, one.n);
	cert(&c, &subj, &exts);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_BAD_VALUE);
}

/* NM-06 */
Test(x509name, empty_extensions_NM06, .description = "NM-06")
{
	struct b c, subj = { .n = 0 }, exts = { .n = 0 };

	cert(&c, &subj, &exts);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_BAD_VALUE);
}

/* NM-06 */
Test(x509name, thirty_three_extensions_NM06, .description = "NM-06")
{
	struct b c, subj = { .n = 0 }, exts = { .n = 0 }, v = { .n = 0 };
	uint8_t oid[4] = { 0x2B, 0x06, 0x01, 0 };
	int i;

	tlv(&v, 0x05, "", 0);
	for (i = 0; i < ITLS_X509_MAX_EXT; i++) {
		oid[3] = (uint8_t)i;
		ext(&exts, oid, 4, 0, &v);
	}
	cert(&c, &subj, &exts);
	cr_assert_eq(parse(&c), ITLS_OK);
	oid[3] = 0x7F;
	ext(&exts, oid, 4, 0, &v);
	cert(&c, &subj, &exts);
	cr_assert_eq(parse(&c), ITLS_ERR_DER_TOO_MANY);
}

/* ---- reasons: NM-07 ------------------------------------------------------ */

static enum itls_err
with_gns(const struct b *gns)
{
	static struct b c;
	struct b subj = { .n = 0 }, val = { .n = 0 }, exts = { .n = 0 };

	san_value(&val, gns);
	ext(&exts, OID_SAN, 3, 0, &val);
	cert(&c, &subj, &exts);
	return parse(&c);
}

/* NM-07 */
Test(x509name, empty_general_names_NM07, .description = "NM-07")
{
	struct b gns = { .n = 0 };

	cr_assert_eq(with_gns(&gns), ITLS_ERR_DER_BAD_VALUE);
}

/* NM-07 */
Test(x509name, nul_in_dns_and_uri_NM07, .description = "NM-07")
{
	struct b gns = { .n = 0 };

	tlv(&gns, 0x82, "pcscf.ims.com\0.evil.net", 22);
	cr_assert_eq(with_gns(&gns), ITLS_ERR_DER_NUL_IN_NAME);
	gns.n = 0;
	tlv(&gns, 0x86, "sip:pcscf.ims.com\0", 18);
	cr_assert_eq(with_gns(&gns), ITLS_ERR_DER_NUL_IN_NAME);
}

/* NM-07 */
Test(x509name, non_ascii_dns_NM07, .description = "NM-07")
{
	struct b gns = { .n = 0 };

	tlv(&gns, 0x82, "p\xC3\xA9.ims.com", 11);
	cr_assert_eq(with_gns(&gns), ITLS_ERR_DER_BAD_VALUE);
}

/* NM-07 */
Test(x509name, bad_general_name_tags_NM07, .description = "NM-07")
{
	struct b gns = { .n = 0 };

	tlv(&gns, 0x89, "x", 1);               /* [9] does not exist */
	cr_assert_eq(with_gns(&gns), ITLS_ERR_DER_BAD_TAG);
	gns.n = 0;
	tlv(&gns, 0xA2, "", 0);                /* dNSName constructed */
	cr_assert_eq(with_gns(&gns), ITLS_ERR_DER_BAD_TAG);
	gns.n = 0;
	tlv(&gns, 0x80, "", 0);                /* otherName primitive */
	cr_assert_eq(with_gns(&gns), ITLS_ERR_DER_BAD_TAG);
}

/* NM-07 */
Test(x509name, sixty_five_names_too_many_NM07, .description = "NM-07")
{
	struct b gns = { .n = 0 };
	int i;

	for (i = 0; i < ITLS_X509_MAX_SAN + 1; i++) {
		tlv(&gns, i % 2 ? 0x82 : 0x86, "a.b", 3);
	}
	cr_assert_eq(with_gns(&gns), ITLS_ERR_DER_TOO_MANY);
	/* many IP addresses are only counted */
	gns.n = 0;
	for (i = 0; i < 200; i++) {
		tlv(&gns, 0x87, "\x0a\0\0\1", 4);
	}
	cr_assert_eq(with_gns(&gns), ITLS_OK);
	cr_assert_eq(nm.n_ip, 200);
}

/* ---- every fixture: parses or fails with a DER reason, views inside ---- */

/* NM-08 */
Test(x509name, fixtures_NM08, .description = "NM-08")
{
	DIR *dir = opendir("vectors/certs");
	struct dirent *de;
	static uint8_t buf[1 << 20];
	char path[512];
	FILE *f;
	size_t n, i;
	enum itls_err e;
	int seen = 0;

	if (dir == NULL) {
		cr_skip_test("no vectors/certs");
	}
	while ((de = readdir(dir)) != NULL) {
		size_t l = strlen(de->d_name);
		if (l < 5 || strcmp(de->d_name + l - 4, ".der") != 0) {
			continue;
		}
		snprintf(path, sizeof path, "vectors/certs/%s", de->d_name);
		f = fopen(path, "rb");
		cr_assert_not_null(f);
		n = fread(buf, 1, sizeof buf, f);
		fclose(f);
		e = itls_x509_names_parse(buf, n, &nm);
		seen++;
		if (e != ITLS_OK) {
			cr_assert(e == ITLS_ERR_EMPTY
				|| (e >= ITLS_ERR_DER_TRUNCATED && e <= ITLS_ERR_DER_BAD_VALUE),
				"%s: %s", path, itls_err_name(e));
			continue;
		}
		for (i = 0; i < nm.n_cn; i++) {
			cr_assert(nm.cn[i].off + nm.cn[i].len <= n);
		}
		for (i = 0; i < nm.n_san; i++) {
			cr_assert(nm.san[i].off + nm.san[i].len <= n);
		}
		cr_assert(nm.spki.off + nm.spki.len <= n && buf[nm.spki.off] == 0x30);
		cr_assert(nm.tbs.off + nm.tbs.len <= n && buf[nm.tbs.off] == 0x30);
	}
	closedir(dir);
	cr_log_info("%d fixtures", seen);
}
