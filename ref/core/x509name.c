/*
 * x509name.c -- walk a certificate's DER to its names, in place (NM-01..NM-08).
 *
 * Every parse_* function below reads one ASN.1 production of RFC 5280
 * that starts at der[off] and must fit in the `remain` bytes left of its
 * parent, and returns (by value, so that no result goes through memory) a
 * struct der_walk: the reason, and how many bytes it used. Positions are
 * absolute offsets into der, so the views stored in the result need no
 * translation. der_tl() is the only place that reads an element header; a
 * field we do not need is skipped as one element after der_tl() has
 * checked its header.
 */
#include "itls/x509name.h"

/* Pseudo-identifiers for der_tl(): sets of accepted identifiers. They can
 * never be a real expected identifier: 0x00 is end-of-contents, and 0x1F /
 * 0x3F have the high-tag-number form that NM-02 rejects. */
#define DER_ANY    0x00   /* any single-byte identifier except 0x00 */
#define DER_GN     0x1F   /* a GeneralName choice (NM-07) */
#define DER_CNSTR  0x3F   /* a CN string type (NM-05) */

/* One element header: reason, identifier, header and content lengths. */
struct der_tlv {
	enum itls_err e;
	uint8_t tag;
	size_t h;
	size_t c;
};

/* What a production used, and up to two spans it reports. */
struct der_walk {
	enum itls_err e;
	size_t used;
	size_t off1, len1;    /* extnID; validity */
	size_t off2, len2;    /* subjectPublicKeyInfo */
};

/*@ predicate x5_gn_tag(integer t) =
      t == 0xA0 || t == 0x81 || t == 0x82 || t == 0xA3 || t == 0xA4 ||
      t == 0xA5 || t == 0x86 || t == 0x87 || t == 0x88;
    predicate x5_cn_tag(integer t) =
      t == 0x0C || t == 0x13 || t == 0x14 || t == 0x16 || t == 0x1C ||
      t == 0x1E;
    predicate x5_tag_ok(integer want, integer t) =
      (want == 0x00 ==> t != 0x00) &&
      (want == 0x1F ==> x5_gn_tag(t)) &&
      (want == 0x3F ==> x5_cn_tag(t)) &&
      (want != 0x00 && want != 0x1F && want != 0x3F ==> t == want);
    predicate x5_inv(struct itls_x509_names *o, integer len) =
      x509_cn_in(o, len) && x509_san_in(o, len) && x509_san_kinds(o);
 */

/*@ assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> x5_tag_ok(want, t);
 */
static int
tag_allowed(uint8_t want, uint8_t t)
{
	switch (want) {
	case DER_ANY:
		return t != 0x00;
	case DER_GN:
		return t == 0xA0 || t == 0x81 || t == 0x82 || t == 0xA3
			|| t == 0xA4 || t == 0xA5 || t == 0x86 || t == 0x87
			|| t == 0x88;
	case DER_CNSTR:
		return t == ITLS_X509_STR_UTF8 || t == ITLS_X509_STR_PRINTABLE
			|| t == ITLS_X509_STR_TELETEX || t == ITLS_X509_STR_IA5
			|| t == ITLS_X509_STR_UNIVERSAL || t == ITLS_X509_STR_BMP;
	default:
		return t == want;
	}
}

/*
 * The n (1..4) bytes of a long-form length at der[p ..], big-endian (X.690
 * 8.1.3.5); 0 when the form is not minimal (NM-02 (6), X.690 10.1: a leading
 * zero byte, or a length below 128). Apart from der_tl so that its goals stay
 * small (D-PR-5).
 */
/*@ requires 1 <= n <= 4;
    requires p + n <= len;
    requires \valid_read(der + (0 .. len - 1));
    assigns \nothing;
    ensures \result == 0 || \result >= 0x80;
 */
static size_t
der_long_len(const uint8_t *der, size_t len, size_t p, size_t n)
{
	size_t v;

	(void)len;
	v = der[p];
	if (n > 1) {
		v = v * 256 + der[p + 1];
	}
	if (n > 2) {
		v = v * 256 + der[p + 2];
	}
	if (n > 3) {
		v = v * 256 + der[p + 3];
	}
	if (der[p] == 0 || v < 0x80) {
		return 0;
	}
	return v;
}

/*
 * One element header (X.690 8.1.2 identifier, 8.1.3 length, 10.1 minimal
 * definite length), NM-02. On success the element is
 * der[off .. off + h + c) and fits in remain.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    assigns \nothing;
    ensures \result.e == ITLS_OK || \result.e == ITLS_ERR_DER_TRUNCATED ||
      \result.e == ITLS_ERR_DER_BAD_TAG || \result.e == ITLS_ERR_DER_BAD_LENGTH;
    ensures \result.e == ITLS_OK ==> 2 <= \result.h <= 6;
    ensures \result.e == ITLS_OK ==> \result.h + \result.c <= remain;
    ensures \result.e == ITLS_OK ==>
      \result.tag == der[off] && x5_tag_ok(want, \result.tag);
    behavior nothing:
      assumes remain == 0;
      ensures \result.e == ITLS_ERR_DER_TRUNCATED;
    behavior some:
      assumes remain > 0;
    complete behaviors;
    disjoint behaviors;
 */
static struct der_tlv
der_tl(const uint8_t *der, size_t len, size_t off, size_t remain,
	uint8_t want)
{
	struct der_tlv r;
	uint8_t b;
	size_t n, v;

	(void)len;
	r.e = ITLS_ERR_DER_TRUNCATED;
	r.tag = 0;
	r.h = 0;
	r.c = 0;
	if (remain < 1) {
		return r;
	}
	r.tag = der[off];
	/* NM-02 (2): single-byte identifiers only, and the expected one */
	if ((r.tag & 0x1F) == 0x1F || !tag_allowed(want, r.tag)) {
		r.e = ITLS_ERR_DER_BAD_TAG;
		return r;
	}
	if (remain < 2) {
		return r;
	}
	b = der[off + 1];
	if (b < 0x80) {
		n = 0;
		v = b;
	} else {
		/* NM-02 (4): no indefinite form, at most 4 length bytes */
		if (b == 0x80 || b > 0x84) {
			r.e = ITLS_ERR_DER_BAD_LENGTH;
			return r;
		}
		n = (size_t)b - 0x80;
		if (remain - 2 < n) {
			return r;
		}
		v = der_long_len(der, len, off + 2, n);
		/* NM-02 (6): minimal long form */
		if (v == 0) {
			r.e = ITLS_ERR_DER_BAD_LENGTH;
			return r;
		}
	}
	/* NM-02 (7): the content fits in what is left of the parent */
	if (v > remain - 2 - n) {
		return r;
	}
	r.e = ITLS_OK;
	r.h = 2 + n;
	r.c = v;
	return r;
}

/* A failed walk. */
/*@ assigns \nothing;
    ensures \result.e == e && \result.used == 0;
 */
static struct der_walk
walk_fail(enum itls_err e)
{
	struct der_walk w;

	w.e = e;
	w.used = 0;
	w.off1 = 0;
	w.len1 = 0;
	w.off2 = 0;
	w.len2 = 0;
	return w;
}

/* A successful walk of n bytes. */
/*@ assigns \nothing;
    ensures \result.e == ITLS_OK && \result.used == n;
 */
static struct der_walk
walk_ok(size_t n)
{
	struct der_walk w;

	w.e = ITLS_OK;
	w.used = n;
	w.off1 = 0;
	w.len1 = 0;
	w.off2 = 0;
	w.len2 = 0;
	return w;
}

/* Skip one element with the expected identifier: used = its whole size. */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    assigns \nothing;
    ensures \result.e == ITLS_OK || \result.e == ITLS_ERR_DER_TRUNCATED ||
      \result.e == ITLS_ERR_DER_BAD_TAG || \result.e == ITLS_ERR_DER_BAD_LENGTH;
    ensures \result.e == ITLS_OK ==> 2 <= \result.used <= remain;
 */
static struct der_walk
der_skip(const uint8_t *der, size_t len, size_t off, size_t remain,
	uint8_t want)
{
	struct der_tlv t;

	t = der_tl(der, len, off, remain, want);
	if (t.e != ITLS_OK) {
		return walk_fail(t.e);
	}
	return walk_ok(t.h + t.c);
}

/* Skip an optional element with the identifier tag: used = its whole size,
 * 0 when what follows (if anything) has another identifier. */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    assigns \nothing;
    ensures \result.e == ITLS_OK || \result.e == ITLS_ERR_DER_TRUNCATED ||
      \result.e == ITLS_ERR_DER_BAD_TAG || \result.e == ITLS_ERR_DER_BAD_LENGTH;
    ensures \result.e == ITLS_OK ==> \result.used <= remain;
 */
static struct der_walk
der_skip_opt(const uint8_t *der, size_t len, size_t off, size_t remain,
	uint8_t tag)
{
	if (remain == 0 || der[off] != tag) {
		return walk_ok(0);
	}
	return der_skip(der, len, off, remain, tag);
}

/*
 * The characters of a CN (NM-05): BMPString in 2-byte units, UniversalString
 * in 4-byte units, the others in bytes; a unit that is all zero is a NUL.
 */
/*@ requires off + n <= len;
    requires \valid_read(der + (0 .. len - 1));
    assigns \nothing;
    ensures \result == ITLS_OK || \result == ITLS_ERR_DER_BAD_VALUE ||
      \result == ITLS_ERR_DER_NUL_IN_NAME;
 */
static enum itls_err
check_cn_value(const uint8_t *der, size_t len, size_t off, size_t n,
	uint8_t type)
{
	size_t unit, i, k;
	int allz;

	(void)len;
	unit = 1;
	if (type == ITLS_X509_STR_BMP) {
		unit = 2;
	} else if (type == ITLS_X509_STR_UNIVERSAL) {
		unit = 4;
	}
	if (n % unit != 0) {
		return ITLS_ERR_DER_BAD_VALUE;
	}
	allz = 1;
	k = 0;
	/*@ loop invariant 0 <= i <= n;
	    loop invariant 0 <= k < unit;
	    loop assigns i, k, allz;
	    loop variant n - i;
	 */
	for (i = 0; i < n; i++) {
		if (k == 0) {
			allz = 1;
		}
		if (der[off + i] != 0) {
			allz = 0;
		}
		if (k == unit - 1) {
			if (allz) {
				return ITLS_ERR_DER_NUL_IN_NAME;
			}
			k = 0;
		} else {
			k++;
		}
	}
	return ITLS_OK;
}

/* An IA5String dNSName or URI (NM-07): no NUL, no byte above 0x7F. */
/*@ requires off + n <= len;
    requires \valid_read(der + (0 .. len - 1));
    assigns \nothing;
    ensures \result == ITLS_OK || \result == ITLS_ERR_DER_BAD_VALUE ||
      \result == ITLS_ERR_DER_NUL_IN_NAME;
    ensures \result == ITLS_OK ==>
      \forall integer k; off <= k < off + n ==> 0 < der[k] <= 0x7F;
 */
static enum itls_err
check_ia5_name(const uint8_t *der, size_t len, size_t off, size_t n)
{
	size_t i;

	(void)len;
	/*@ loop invariant 0 <= i <= n;
	    loop invariant \forall integer k; off <= k < off + i ==>
	      0 < der[k] <= 0x7F;
	    loop assigns i;
	    loop variant n - i;
	 */
	for (i = 0; i < n; i++) {
		if (der[off + i] == 0) {
			return ITLS_ERR_DER_NUL_IN_NAME;
		}
		if (der[off + i] > 0x7F) {
			return ITLS_ERR_DER_BAD_VALUE;
		}
	}
	return ITLS_OK;
}

/* Are the n bytes at a and at b equal? */
/*@ requires a + n <= len && b + n <= len;
    requires \valid_read(der + (0 .. len - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==>
      (\forall integer j; a <= j < a + n ==> der[j] == der[j - a + b]);
 */
static int
bytes_equal(const uint8_t *der, size_t len, size_t a, size_t b, size_t n)
{
	size_t i;

	(void)len;
	/*@ loop invariant 0 <= i <= n;
	    loop invariant \forall integer j; a <= j < a + i ==>
	      der[j] == der[j - a + b];
	    loop assigns i;
	    loop variant n - i;
	 */
	for (i = 0; i < n; i++) {
		if (der[a + i] != der[b + i]) {
			return 0;
		}
	}
	return 1;
}

/* Append a CN view (NM-05, NM-08). */
/*@ requires \valid(o);
    requires x5_inv(o, len);
    requires o->n_cn < ITLS_X509_MAX_CN;
    requires off + n <= len;
    assigns o->n_cn, o->cn[o->n_cn];
    ensures x5_inv(o, len);
    ensures o->n_cn == \old(o->n_cn) + 1;
 */
static void
add_cn(struct itls_x509_names *o, size_t len, size_t off, size_t n,
	uint8_t type)
{
	size_t k = o->n_cn;

	(void)len;
	o->cn[k].off = off;
	o->cn[k].len = n;
	o->cn[k].type = type;
	/*@ assert \forall integer i; 0 <= i < k ==>
	      o->cn[i].off + o->cn[i].len <= len; */
	o->n_cn = k + 1;
}

/* Append a dNSName or URI view (NM-07, NM-08). */
/*@ requires \valid(o);
    requires x5_inv(o, len);
    requires o->n_san < ITLS_X509_MAX_SAN;
    requires off + n <= len;
    requires kind == ITLS_X509_SAN_DNS || kind == ITLS_X509_SAN_URI;
    assigns o->n_san, o->san[o->n_san];
    ensures x5_inv(o, len);
    ensures o->n_san == \old(o->n_san) + 1;
 */
static void
add_san(struct itls_x509_names *o, size_t len, size_t off, size_t n,
	uint8_t kind)
{
	size_t k = o->n_san;

	(void)len;
	o->san[k].off = off;
	o->san[k].len = n;
	o->san[k].kind = kind;
	/*@ assert \forall integer i; 0 <= i < k ==>
	      o->san[i].off + o->san[i].len <= len; */
	/*@ assert \forall integer i; 0 <= i < k ==>
	      o->san[i].kind == ITLS_X509_SAN_DNS || o->san[i].kind == ITLS_X509_SAN_URI; */
	o->n_san = k + 1;
}

/*
 * The AttributeValue of an AttributeTypeAndValue, which must fill
 * der[off .. off + remain) (NM-04); a CN's (is_cn) is checked and recorded
 * (NM-05). Apart from parse_atv so that its goals stay small (D-PR-5).
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(o);
    requires \separated(o, der + (0 .. len - 1));
    requires x5_inv(o, len);
    assigns *o;
    ensures x5_inv(o, len);
    ensures \result == ITLS_OK || x509_der_reason(\result);
 */
static enum itls_err
atv_value(const uint8_t *der, size_t len, size_t off, size_t remain,
	int is_cn, struct itls_x509_names *o)
{
	struct der_tlv v;
	enum itls_err e;

	if (is_cn) {
		/* NM-05: capacity, string type, characters */
		if (o->n_cn >= ITLS_X509_MAX_CN) {
			return ITLS_ERR_DER_TOO_MANY;
		}
		v = der_tl(der, len, off, remain, DER_CNSTR);
		if (v.e != ITLS_OK) {
			return v.e;
		}
		e = check_cn_value(der, len, off + v.h, v.c, v.tag);
		if (e != ITLS_OK) {
			return e;
		}
		add_cn(o, len, off + v.h, v.c, v.tag);
	} else {
		v = der_tl(der, len, off, remain, DER_ANY);
		if (v.e != ITLS_OK) {
			return v.e;
		}
	}
	/* NM-04: nothing after the value */
	if (remain != v.h + v.c) {
		return ITLS_ERR_DER_TRAILING_DATA;
	}
	return ITLS_OK;
}

/*
 * AttributeTypeAndValue ::= SEQUENCE {
 *      type     AttributeType,
 *      value    AttributeValue }
 * AttributeType ::= OBJECT IDENTIFIER
 * AttributeValue ::= ANY -- DEFINED BY AttributeType
 * id-at-commonName AttributeType ::= { id-at 3 }     -- 2.5.4.3
 *
 * NM-05: a CN's value is one of six string types, without NUL characters;
 * other values are skipped whatever their type.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(o);
    requires \separated(o, der + (0 .. len - 1));
    requires x5_inv(o, len);
    assigns *o;
    ensures x5_inv(o, len);
    ensures \result.e == ITLS_OK || x509_der_reason(\result.e);
    ensures \result.e == ITLS_OK ==> 0 < \result.used <= remain;
 */
static struct der_walk
parse_atv(const uint8_t *der, size_t len, size_t off, size_t remain,
	struct itls_x509_names *o)
{
	struct der_tlv t, id;
	size_t pos, rem;
	int is_cn;
	enum itls_err e;

	t = der_tl(der, len, off, remain, 0x30);
	if (t.e != ITLS_OK) {
		return walk_fail(t.e);
	}
	pos = off + t.h;
	rem = t.c;
	id = der_tl(der, len, pos, rem, 0x06);
	if (id.e != ITLS_OK) {
		return walk_fail(id.e);
	}
	if (id.c == 0) {
		return walk_fail(ITLS_ERR_DER_BAD_VALUE);
	}
	is_cn = id.c == 3 && der[pos + id.h] == 0x55 && der[pos + id.h + 1] == 0x04
		&& der[pos + id.h + 2] == 0x03;
	pos += id.h + id.c;
	rem -= id.h + id.c;
	e = atv_value(der, len, pos, rem, is_cn, o);
	if (e != ITLS_OK) {
		return walk_fail(e);
	}
	return walk_ok(t.h + t.c);
}

/* Count one more of a non-listed kind, stopping at ITLS_X509_COUNT_MAX. */
/*@ requires \valid(o);
    requires x5_inv(o, len);
    assigns o->n_ip, o->n_email, o->n_othername, o->n_other;
    ensures x5_inv(o, len);
 */
static void
count_other(struct itls_x509_names *o, size_t len, uint8_t tag)
{
	(void)len;
	if (tag == 0x87) {
		if (o->n_ip < ITLS_X509_COUNT_MAX) {
			o->n_ip++;
		}
	} else if (tag == 0x81) {
		if (o->n_email < ITLS_X509_COUNT_MAX) {
			o->n_email++;
		}
	} else if (tag == 0xA0) {
		if (o->n_othername < ITLS_X509_COUNT_MAX) {
			o->n_othername++;
		}
	} else {
		if (o->n_other < ITLS_X509_COUNT_MAX) {
			o->n_other++;
		}
	}
}

/*
 * GeneralName ::= CHOICE {
 *      otherName                       [0]     OtherName,
 *      rfc822Name                      [1]     IA5String,
 *      dNSName                         [2]     IA5String,
 *      x400Address                     [3]     ORAddress,
 *      directoryName                   [4]     Name,
 *      ediPartyName                    [5]     EDIPartyName,
 *      uniformResourceIdentifier       [6]     IA5String,
 *      iPAddress                       [7]     OCTET STRING,
 *      registeredID                    [8]     OBJECT IDENTIFIER }
 *
 * (IMPLICIT tags; [0], [3], [4] and [5] are constructed.) NM-07: dNSName
 * and URI are kept as views, the other kinds are counted.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(o);
    requires \separated(o, der + (0 .. len - 1));
    requires x5_inv(o, len);
    assigns *o;
    ensures x5_inv(o, len);
    ensures \result.e == ITLS_OK || x509_der_reason(\result.e);
    ensures \result.e == ITLS_OK ==> 0 < \result.used <= remain;
 */
static struct der_walk
parse_general_name(const uint8_t *der, size_t len, size_t off, size_t remain,
	struct itls_x509_names *o)
{
	struct der_tlv t;
	enum itls_err e;

	t = der_tl(der, len, off, remain, DER_GN);
	if (t.e != ITLS_OK) {
		return walk_fail(t.e);
	}
	if (t.tag == ITLS_X509_SAN_DNS || t.tag == ITLS_X509_SAN_URI) {
		if (o->n_san >= ITLS_X509_MAX_SAN) {
			return walk_fail(ITLS_ERR_DER_TOO_MANY);
		}
		e = check_ia5_name(der, len, off + t.h, t.c);
		if (e != ITLS_OK) {
			return walk_fail(e);
		}
		add_san(o, len, off + t.h, t.c, t.tag);
	} else {
		count_other(o, len, t.tag);
	}
	return walk_ok(t.h + t.c);
}

/* The kinds of element parse_of walks */
#define OF_ATV 0    /* AttributeTypeAndValue */
#define OF_GN  1    /* GeneralName */

/*
 * A SET OF or SEQUENCE OF, of one or more elements of one kind, whose
 * elements must fill its content exactly:
 *
 * RelativeDistinguishedName ::=                       -- tag 0x31, OF_ATV
 *      SET SIZE (1..MAX) OF AttributeTypeAndValue     -- NM-05
 *
 * GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName  -- tag 0x30, OF_GN
 *      -- the subjectAltName extnValue content (RFC 5280 4.2.1.6), NM-07
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(o);
    requires \separated(o, der + (0 .. len - 1));
    requires x5_inv(o, len);
    requires (tag == 0x31 && kind == OF_ATV) || (tag == 0x30 && kind == OF_GN);
    assigns *o;
    ensures x5_inv(o, len);
    ensures \result.e == ITLS_OK || x509_der_reason(\result.e);
    ensures \result.e == ITLS_OK ==> 0 < \result.used <= remain;
 */
static struct der_walk
parse_of(const uint8_t *der, size_t len, size_t off, size_t remain,
	uint8_t tag, int kind, struct itls_x509_names *o)
{
	struct der_tlv t;
	struct der_walk w;
	size_t pos, rem;

	t = der_tl(der, len, off, remain, tag);
	if (t.e != ITLS_OK) {
		return walk_fail(t.e);
	}
	/* NM-05, NM-07: SIZE (1..MAX) */
	if (t.c == 0) {
		return walk_fail(ITLS_ERR_DER_BAD_VALUE);
	}
	pos = off + t.h;
	rem = t.c;
	/*@ loop invariant pos + rem == off + t.h + t.c;
	    loop invariant off + t.h <= pos;
	    loop invariant x5_inv(o, len);
	    loop assigns pos, rem, w, *o;
	    loop variant rem;
	 */
	while (rem > 0) {
		if (kind == OF_ATV) {
			w = parse_atv(der, len, pos, rem, o);
		} else {
			w = parse_general_name(der, len, pos, rem, o);
		}
		if (w.e != ITLS_OK) {
			return walk_fail(w.e);
		}
		pos += w.used;
		rem -= w.used;
	}
	return walk_ok(t.h + t.c);
}

/*
 * Name ::= CHOICE { -- only one possibility for now --
 *      rdnSequence  RDNSequence }
 * RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
 *
 * Used for the subject only (NM-03, NM-05); the issuer is skipped.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(o);
    requires \separated(o, der + (0 .. len - 1));
    requires x5_inv(o, len);
    assigns *o;
    ensures x5_inv(o, len);
    ensures \result.e == ITLS_OK || x509_der_reason(\result.e);
    ensures \result.e == ITLS_OK ==> 0 < \result.used <= remain;
 */
static struct der_walk
parse_name(const uint8_t *der, size_t len, size_t off, size_t remain,
	struct itls_x509_names *o)
{
	struct der_tlv t;
	struct der_walk w;
	size_t pos, rem;

	t = der_tl(der, len, off, remain, 0x30);
	if (t.e != ITLS_OK) {
		return walk_fail(t.e);
	}
	pos = off + t.h;
	rem = t.c;
	/*@ loop invariant pos + rem == off + t.h + t.c;
	    loop invariant off + t.h <= pos;
	    loop invariant x5_inv(o, len);
	    loop assigns pos, rem, w, *o;
	    loop variant rem;
	 */
	while (rem > 0) {
		w = parse_of(der, len, pos, rem, 0x31, OF_ATV, o);
		if (w.e != ITLS_OK) {
			return walk_fail(w.e);
		}
		pos += w.used;
		rem -= w.used;
	}
	return walk_ok(t.h + t.c);
}

/*
 * The optional critical flag of an Extension (NM-06):
 *      critical    BOOLEAN DEFAULT FALSE,
 * one byte, 0x00 or 0xFF (D-NM-8); used = the bytes it takes (0: absent).
 * Apart from parse_ext_value so that its goals stay small (D-PR-5).
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    assigns \nothing;
    ensures \result.e == ITLS_OK || x509_der_reason(\result.e);
    ensures \result.e == ITLS_OK ==> \result.used <= remain;
 */
static struct der_walk
skip_critical(const uint8_t *der, size_t len, size_t off, size_t remain)
{
	struct der_tlv b;

	if (remain == 0 || der[off] != 0x01) {
		return walk_ok(0);
	}
	b = der_tl(der, len, off, remain, 0x01);
	if (b.e != ITLS_OK) {
		return walk_fail(b.e);
	}
	if (b.c != 1 || (der[off + b.h] != 0x00 && der[off + b.h] != 0xFF)) {
		return walk_fail(ITLS_ERR_DER_BAD_VALUE);
	}
	return walk_ok(b.h + b.c);
}

/*
 * The part of an Extension after its extnID (NM-06, NM-07):
 *      critical    BOOLEAN DEFAULT FALSE,
 *      extnValue   OCTET STRING
 * It must fill der[off .. off+remain) exactly. For subjectAltName (is_san)
 * the OCTET STRING holds GeneralNames and nothing else.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(o);
    requires \separated(o, der + (0 .. len - 1));
    requires x5_inv(o, len);
    assigns *o;
    ensures x5_inv(o, len);
    ensures \result == ITLS_OK || x509_der_reason(\result);
 */
static enum itls_err
parse_ext_value(const uint8_t *der, size_t len, size_t off, size_t remain,
	int is_san, struct itls_x509_names *o)
{
	struct der_tlv v;
	struct der_walk w;
	size_t pos, rem;

	w = skip_critical(der, len, off, remain);
	if (w.e != ITLS_OK) {
		return w.e;
	}
	pos = off + w.used;
	rem = remain - w.used;
	v = der_tl(der, len, pos, rem, 0x04);
	if (v.e != ITLS_OK) {
		return v.e;
	}
	if (is_san) {
		w = parse_of(der, len, pos + v.h, v.c, 0x30, OF_GN, o);
		if (w.e != ITLS_OK) {
			return w.e;
		}
		/* NM-04: the OCTET STRING holds GeneralNames and nothing else */
		if (w.used != v.c) {
			return ITLS_ERR_DER_TRAILING_DATA;
		}
		o->has_san = 1;
	}
	/* NM-04: nothing after extnValue */
	if (rem != v.h + v.c) {
		return ITLS_ERR_DER_TRAILING_DATA;
	}
	return ITLS_OK;
}

/* Is the extnID at der[off .. off+n) equal to one of the k earlier ones? */
/*@ requires off + n <= len;
    requires k <= ITLS_X509_MAX_EXT;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid_read(seen_off + (0 .. k - 1));
    requires \valid_read(seen_len + (0 .. k - 1));
    requires \forall integer i; 0 <= i < k ==> seen_off[i] + seen_len[i] <= len;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int
seen_before(const uint8_t *der, size_t len, size_t off, size_t n,
	const size_t *seen_off, const size_t *seen_len, size_t k)
{
	size_t i;

	/*@ loop invariant 0 <= i <= k;
	    loop assigns i;
	    loop variant k - i;
	 */
	for (i = 0; i < k; i++) {
		if (seen_len[i] == n
			&& bytes_equal(der, len, seen_off[i], off, n)) {
			return 1;
		}
	}
	return 0;
}

/*
 * Extension ::= SEQUENCE {
 *      extnID      OBJECT IDENTIFIER,
 *      critical    BOOLEAN DEFAULT FALSE,
 *      extnValue   OCTET STRING
 *                  -- contains the DER encoding of an ASN.1 value
 *                  -- corresponding to the extension type identified
 *                  -- by extnID
 *      }
 *
 * NM-06: the extnID must differ from the n earlier ones (seen_off/seen_len);
 * its view is returned in off1, len1. Only subjectAltName (id-ce 17,
 * 2.5.29.17) is looked into.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires n <= ITLS_X509_MAX_EXT;
    requires \valid_read(seen_off + (0 .. n - 1));
    requires \valid_read(seen_len + (0 .. n - 1));
    requires \forall integer k; 0 <= k < n ==> seen_off[k] + seen_len[k] <= len;
    requires \valid(o);
    requires \separated(o, der + (0 .. len - 1),
      seen_off + (0 .. n - 1), seen_len + (0 .. n - 1));
    requires x5_inv(o, len);
    assigns *o;
    ensures x5_inv(o, len);
    ensures \result.e == ITLS_OK || x509_der_reason(\result.e);
    ensures \result.e == ITLS_OK ==> 0 < \result.used <= remain;
    ensures \result.e == ITLS_OK ==> \result.off1 + \result.len1 <= len;
 */
static struct der_walk
parse_extension(const uint8_t *der, size_t len, size_t off, size_t remain,
	const size_t *seen_off, const size_t *seen_len, size_t n,
	struct itls_x509_names *o)
{
	struct der_tlv t, id;
	struct der_walk w;
	size_t pos;
	int is_san;
	enum itls_err e;

	t = der_tl(der, len, off, remain, 0x30);
	if (t.e != ITLS_OK) {
		return walk_fail(t.e);
	}
	pos = off + t.h;
	id = der_tl(der, len, pos, t.c, 0x06);
	if (id.e != ITLS_OK) {
		return walk_fail(id.e);
	}
	if (id.c == 0) {
		return walk_fail(ITLS_ERR_DER_BAD_VALUE);
	}
	/* NM-06: each extension at most once (RFC 5280 4.2) */
	if (seen_before(der, len, pos + id.h, id.c, seen_off, seen_len, n)) {
		return walk_fail(ITLS_ERR_DER_DUPLICATE_EXTENSION);
	}
	is_san = id.c == 3 && der[pos + id.h] == 0x55
		&& der[pos + id.h + 1] == 0x1D && der[pos + id.h + 2] == 0x11;
	e = parse_ext_value(der, len, pos + id.h + id.c, t.c - id.h - id.c,
		is_san, o);
	if (e != ITLS_OK) {
		return walk_fail(e);
	}
	w = walk_ok(t.h + t.c);
	w.off1 = pos + id.h;
	w.len1 = id.c;
	return w;
}

/*
 * extensions      [3]  EXPLICIT Extensions OPTIONAL
 * Extensions  ::=  SEQUENCE SIZE (1..MAX) OF Extension
 *
 * NM-06: at most ITLS_X509_MAX_EXT extensions, no extnID twice.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(o);
    requires \separated(o, der + (0 .. len - 1));
    requires x5_inv(o, len);
    assigns *o;
    ensures x5_inv(o, len);
    ensures \result.e == ITLS_OK || x509_der_reason(\result.e);
    ensures \result.e == ITLS_OK ==> 0 < \result.used <= remain;
 */
static struct der_walk
parse_extensions(const uint8_t *der, size_t len, size_t off, size_t remain,
	struct itls_x509_names *o)
{
	size_t seen_off[ITLS_X509_MAX_EXT];
	size_t seen_len[ITLS_X509_MAX_EXT];
	struct der_tlv t, q;
	struct der_walk w;
	size_t pos, rem, n;

	t = der_tl(der, len, off, remain, 0xA3);
	if (t.e != ITLS_OK) {
		return walk_fail(t.e);
	}
	q = der_tl(der, len, off + t.h, t.c, 0x30);
	if (q.e != ITLS_OK) {
		return walk_fail(q.e);
	}
	if (q.c == 0) {
		return walk_fail(ITLS_ERR_DER_BAD_VALUE);
	}
	pos = off + t.h + q.h;
	rem = q.c;
	n = 0;
	/*@ loop invariant pos + rem == off + t.h + q.h + q.c;
	    loop invariant off + t.h + q.h <= pos;
	    loop invariant 0 <= n <= ITLS_X509_MAX_EXT;
	    loop invariant \forall integer k; 0 <= k < n ==>
	      seen_off[k] + seen_len[k] <= len;
	    loop invariant x5_inv(o, len);
	    loop assigns pos, rem, n, w, *o,
	      seen_off[0 .. ITLS_X509_MAX_EXT - 1],
	      seen_len[0 .. ITLS_X509_MAX_EXT - 1];
	    loop variant rem;
	 */
	while (rem > 0) {
		if (n >= ITLS_X509_MAX_EXT) {
			return walk_fail(ITLS_ERR_DER_TOO_MANY);
		}
		w = parse_extension(der, len, pos, rem, seen_off, seen_len, n, o);
		if (w.e != ITLS_OK) {
			return walk_fail(w.e);
		}
		seen_off[n] = w.off1;
		seen_len[n] = w.len1;
		n++;
		pos += w.used;
		rem -= w.used;
	}
	/* NM-04: [3] holds the Extensions SEQUENCE and nothing else */
	if (t.c != q.h + q.c) {
		return walk_fail(ITLS_ERR_DER_TRAILING_DATA);
	}
	return walk_ok(t.h + t.c);
}

/*
 * The first elements of TBSCertificate (NM-03), skipped:
 *      version         [0]  EXPLICIT Version DEFAULT v1,
 *      serialNumber         CertificateSerialNumber,
 *      signature            AlgorithmIdentifier,
 * used = the bytes they take. Apart from parse_tbs_head so that its goals
 * stay small (D-PR-5).
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    assigns \nothing;
    ensures \result.e == ITLS_OK || x509_der_reason(\result.e);
    ensures \result.e == ITLS_OK ==> \result.used <= remain;
 */
static struct der_walk
skip_tbs_ids(const uint8_t *der, size_t len, size_t off, size_t remain)
{
	struct der_walk w;
	size_t pos, rem;

	w = der_skip_opt(der, len, off, remain, 0xA0);        /* version */
	if (w.e != ITLS_OK) {
		return w;
	}
	pos = off + w.used;
	rem = remain - w.used;
	w = der_skip(der, len, pos, rem, 0x02);               /* serialNumber */
	if (w.e != ITLS_OK) {
		return w;
	}
	pos += w.used;
	rem -= w.used;
	w = der_skip(der, len, pos, rem, 0x30);               /* signature */
	if (w.e != ITLS_OK) {
		return w;
	}
	rem -= w.used;
	return walk_ok(remain - rem);
}

/*
 * The head of TBSCertificate (NM-03):
 *      version         [0]  EXPLICIT Version DEFAULT v1,
 *      serialNumber         CertificateSerialNumber,
 *      signature            AlgorithmIdentifier,
 *      issuer               Name,
 *      validity             Validity,
 * all skipped; validity's span is returned in off1, len1.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    assigns \nothing;
    ensures \result.e == ITLS_OK || x509_der_reason(\result.e);
    ensures \result.e == ITLS_OK ==> 0 < \result.used <= remain;
    ensures \result.e == ITLS_OK ==> \result.off1 + \result.len1 <= len;
 */
static struct der_walk
parse_tbs_head(const uint8_t *der, size_t len, size_t off, size_t remain)
{
	struct der_walk w, r;
	size_t pos, rem;

	w = skip_tbs_ids(der, len, off, remain);      /* version .. signature */
	if (w.e != ITLS_OK) {
		return w;
	}
	pos = off + w.used;
	rem = remain - w.used;
	w = der_skip(der, len, pos, rem, 0x30);               /* issuer */
	if (w.e != ITLS_OK) {
		return w;
	}
	pos += w.used;
	rem -= w.used;
	w = der_skip(der, len, pos, rem, 0x30);               /* validity */
	if (w.e != ITLS_OK) {
		return w;
	}
	r = walk_ok(remain - (rem - w.used));
	r.off1 = pos;
	r.len1 = w.used;
	return r;
}

/*
 * The optional unique identifiers of TBSCertificate (NM-03), skipped:
 *      issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,
 *      subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,
 * used = the bytes they take (0: neither). Apart from parse_tbs_tail so
 * that its goals stay small (D-PR-5).
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    assigns \nothing;
    ensures \result.e == ITLS_OK || x509_der_reason(\result.e);
    ensures \result.e == ITLS_OK ==> \result.used <= remain;
 */
static struct der_walk
skip_unique_ids(const uint8_t *der, size_t len, size_t off, size_t remain)
{
	struct der_walk w, v;

	w = der_skip_opt(der, len, off, remain, 0x81);        /* issuerUniqueID */
	if (w.e != ITLS_OK) {
		return w;
	}
	/* subjectUniqueID */
	v = der_skip_opt(der, len, off + w.used, remain - w.used, 0x82);
	if (v.e != ITLS_OK) {
		return v;
	}
	return walk_ok(w.used + v.used);
}

/*
 * The tail of TBSCertificate (NM-03, NM-04):
 *      subjectPublicKeyInfo SubjectPublicKeyInfo,
 *      issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,
 *      subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,
 *      extensions      [3]  EXPLICIT Extensions OPTIONAL }
 * It must fill der[off .. off+remain) exactly; the span of
 * subjectPublicKeyInfo is returned in off2, len2.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(o);
    requires \separated(o, der + (0 .. len - 1));
    requires x5_inv(o, len);
    assigns *o;
    ensures x5_inv(o, len);
    ensures \result.e == ITLS_OK || x509_der_reason(\result.e);
    ensures \result.e == ITLS_OK ==> \result.off2 + \result.len2 <= len;
 */
static struct der_walk
parse_tbs_tail(const uint8_t *der, size_t len, size_t off, size_t remain,
	struct itls_x509_names *o)
{
	struct der_walk w, r;
	size_t pos, rem;

	pos = off;
	rem = remain;
	w = der_skip(der, len, pos, rem, 0x30);               /* subjectPublicKeyInfo */
	if (w.e != ITLS_OK) {
		return w;
	}
	r = walk_ok(remain);
	r.off2 = pos;
	r.len2 = w.used;
	pos += w.used;
	rem -= w.used;
	w = skip_unique_ids(der, len, pos, rem);
	if (w.e != ITLS_OK) {
		return w;
	}
	pos += w.used;
	rem -= w.used;
	if (rem > 0 && der[pos] == 0xA3) {
		w = parse_extensions(der, len, pos, rem, o);
		if (w.e != ITLS_OK) {
			return w;
		}
		rem -= w.used;
	}
	/* NM-04: nothing after the last element recognised */
	if (rem != 0) {
		return walk_fail(ITLS_ERR_DER_TRAILING_DATA);
	}
	return r;
}

/*
 * TBSCertificate  ::=  SEQUENCE  {
 *      version         [0]  EXPLICIT Version DEFAULT v1,
 *      serialNumber         CertificateSerialNumber,
 *      signature            AlgorithmIdentifier,
 *      issuer               Name,
 *      validity             Validity,
 *      subject              Name,
 *      subjectPublicKeyInfo SubjectPublicKeyInfo,
 *      issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,
 *      subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,
 *      extensions      [3]  EXPLICIT Extensions OPTIONAL }
 *
 * NM-03: subject and extensions are walked, validity (off1, len1) and
 * subjectPublicKeyInfo (off2, len2) recorded, the rest skipped.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(o);
    requires \separated(o, der + (0 .. len - 1));
    requires x5_inv(o, len);
    assigns *o;
    ensures x5_inv(o, len);
    ensures \result.e == ITLS_OK || x509_der_reason(\result.e);
    ensures \result.e == ITLS_OK ==> 0 < \result.used <= remain;
    ensures \result.e == ITLS_OK ==> \result.off1 + \result.len1 <= len;
    ensures \result.e == ITLS_OK ==> \result.off2 + \result.len2 <= len;
 */
static struct der_walk
parse_tbs(const uint8_t *der, size_t len, size_t off, size_t remain,
	struct itls_x509_names *o)
{
	struct der_tlv t;
	struct der_walk hd, w, tl, r;
	size_t pos, rem;

	t = der_tl(der, len, off, remain, 0x30);
	if (t.e != ITLS_OK) {
		return walk_fail(t.e);
	}
	pos = off + t.h;
	rem = t.c;
	hd = parse_tbs_head(der, len, pos, rem);
	if (hd.e != ITLS_OK) {
		return hd;
	}
	pos += hd.used;
	rem -= hd.used;
	w = parse_name(der, len, pos, rem, o);                /* subject */
	if (w.e != ITLS_OK) {
		return w;
	}
	pos += w.used;
	rem -= w.used;
	tl = parse_tbs_tail(der, len, pos, rem, o);
	if (tl.e != ITLS_OK) {
		return tl;
	}
	r = walk_ok(t.h + t.c);
	r.off1 = hd.off1;
	r.len1 = hd.len1;
	r.off2 = tl.off2;
	r.len2 = tl.len2;
	return r;
}

/*
 * The end of Certificate after tbsCertificate (NM-03, NM-04):
 *      signatureAlgorithm   AlgorithmIdentifier,
 *      signatureValue       BIT STRING  }
 * both skipped; they must fill der[off .. off+remain) exactly.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    assigns \nothing;
    ensures \result == ITLS_OK || x509_der_reason(\result);
 */
static enum itls_err
certificate_tail(const uint8_t *der, size_t len, size_t off, size_t remain)
{
	struct der_walk a, s;

	a = der_skip(der, len, off, remain, 0x30);       /* signatureAlgorithm */
	if (a.e != ITLS_OK) {
		return a.e;
	}
	s = der_skip(der, len, off + a.used, remain - a.used, 0x03);  /* signatureValue */
	if (s.e != ITLS_OK) {
		return s.e;
	}
	/* NM-04: nothing after the signature */
	if (remain - a.used != s.used) {
		return ITLS_ERR_DER_TRAILING_DATA;
	}
	return ITLS_OK;
}

/*
 * Certificate  ::=  SEQUENCE  {
 *      tbsCertificate       TBSCertificate,
 *      signatureAlgorithm   AlgorithmIdentifier,
 *      signatureValue       BIT STRING  }
 *
 * NM-01: exactly one Certificate, nothing after it.
 */
/* see itls/x509name.h */
enum itls_err
itls_x509_names_parse(const uint8_t *der, size_t len,
	struct itls_x509_names *out)
{
	struct der_tlv t;
	struct der_walk w;
	enum itls_err e;

	out->n_cn = 0;
	out->n_san = 0;
	out->n_ip = 0;
	out->n_email = 0;
	out->n_othername = 0;
	out->n_other = 0;
	out->has_san = 0;
	out->tbs.off = 0;
	out->tbs.len = 0;
	out->validity.off = 0;
	out->validity.len = 0;
	out->spki.off = 0;
	out->spki.len = 0;
	if (len == 0) {
		return ITLS_ERR_EMPTY;
	}
	t = der_tl(der, len, 0, len, 0x30);
	if (t.e != ITLS_OK) {
		return t.e;
	}
	w = parse_tbs(der, len, t.h, t.c, out);
	if (w.e != ITLS_OK) {
		return w.e;
	}
	out->tbs.off = t.h;
	out->tbs.len = w.used;
	out->validity.off = w.off1;
	out->validity.len = w.len1;
	out->spki.off = w.off2;
	out->spki.len = w.len2;
	e = certificate_tail(der, len, t.h + w.used, t.c - w.used);
	if (e != ITLS_OK) {
		return e;
	}
	/* NM-01: nothing after the certificate */
	if (t.h + t.c != len) {
		return ITLS_ERR_DER_TRAILING_DATA;
	}
	return ITLS_OK;
}
