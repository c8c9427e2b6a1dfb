/*
 * x509name.c -- walk a certificate's DER to its names, in place (NM-01..NM-08).
 *
 * Every function below reads one ASN.1 production of RFC 5280 that starts
 * at der[off] and must fit in the `remain` bytes left of its parent, and
 * returns how many bytes it used. Positions are absolute offsets into der,
 * so the views it stores need no translation. der_tl() is the only place
 * that reads an element header; a field we do not need is skipped as one
 * element after der_tl() has checked its header.
 */
#include "itls/x509name.h"

/* Pseudo-identifiers for der_tl(): sets of accepted identifiers. They can
 * never be a real expected identifier: 0x00 is end-of-contents, and 0x1F /
 * 0x3F have the high-tag-number form that NM-02 rejects. */
#define DER_ANY    0x00   /* any single-byte identifier except 0x00 */
#define DER_GN     0x1F   /* a GeneralName choice (NM-07) */
#define DER_CNSTR  0x3F   /* a CN string type (NM-05) */

/*@ predicate gn_tag(integer t) =
      t == 0xA0 || t == 0x81 || t == 0x82 || t == 0xA3 || t == 0xA4 ||
      t == 0xA5 || t == 0x86 || t == 0x87 || t == 0x88;
    predicate cn_tag(integer t) =
      t == 0x0C || t == 0x13 || t == 0x14 || t == 0x16 || t == 0x1C ||
      t == 0x1E;
    predicate tag_ok(integer want, integer t) =
      (want == 0x00 ==> t != 0x00) &&
      (want == 0x1F ==> gn_tag(t)) &&
      (want == 0x3F ==> cn_tag(t)) &&
      (want != 0x00 && want != 0x1F && want != 0x3F ==> t == want);
    predicate inv(struct itls_x509_names *o, integer len) =
      x509_cn_in(o, len) && x509_san_in(o, len) && x509_san_kinds(o);
 */

/*@ assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> tag_ok(want, t);
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
 * One element header (X.690 8.1.2 identifier, 8.1.3 length, 10.1 minimal
 * definite length), NM-02. On success the element is der[off .. off+*hlen+*clen)
 * and fits in remain.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(tag) && \valid(hlen) && \valid(clen);
    requires \separated(tag, hlen, clen, der + (0 .. len - 1));
    assigns *tag, *hlen, *clen;
    ensures \result == ITLS_OK || \result == ITLS_ERR_DER_TRUNCATED ||
      \result == ITLS_ERR_DER_BAD_TAG || \result == ITLS_ERR_DER_BAD_LENGTH;
    ensures \result == ITLS_OK ==> 2 <= *hlen <= 6;
    ensures \result == ITLS_OK ==> *hlen + *clen <= remain;
    ensures \result == ITLS_OK ==> *tag == der[off] && tag_ok(want, *tag);
    behavior nothing:
      assumes remain == 0;
      ensures \result == ITLS_ERR_DER_TRUNCATED;
    behavior some:
      assumes remain > 0;
    complete behaviors;
    disjoint behaviors;
 */
static enum itls_err
der_tl(const uint8_t *der, size_t len, size_t off, size_t remain,
	uint8_t want, uint8_t *tag, size_t *hlen, size_t *clen)
{
	uint8_t id, b;
	size_t n, v;

	(void)len;
	if (remain < 1) {
		return ITLS_ERR_DER_TRUNCATED;
	}
	id = der[off];
	/* NM-02 (2): single-byte identifiers only, and the expected one */
	if ((id & 0x1F) == 0x1F || !tag_allowed(want, id)) {
		return ITLS_ERR_DER_BAD_TAG;
	}
	if (remain < 2) {
		return ITLS_ERR_DER_TRUNCATED;
	}
	b = der[off + 1];
	if (b < 0x80) {
		n = 0;
		v = b;
	} else {
		/* NM-02 (4): no indefinite form, at most 4 length bytes */
		if (b == 0x80 || b > 0x84) {
			return ITLS_ERR_DER_BAD_LENGTH;
		}
		n = (size_t)b - 0x80;
		if (remain - 2 < n) {
			return ITLS_ERR_DER_TRUNCATED;
		}
		v = der[off + 2];
		if (n > 1) {
			v = v * 256 + der[off + 3];
		}
		if (n > 2) {
			v = v * 256 + der[off + 4];
		}
		if (n > 3) {
			v = v * 256 + der[off + 5];
		}
		/* NM-02 (6): minimal long form */
		if (der[off + 2] == 0 || v < 0x80) {
			return ITLS_ERR_DER_BAD_LENGTH;
		}
	}
	/* NM-02 (7): the content fits in what is left of the parent */
	if (v > remain - 2 - n) {
		return ITLS_ERR_DER_TRUNCATED;
	}
	*tag = id;
	*hlen = 2 + n;
	*clen = v;
	return ITLS_OK;
}

/* Skip one element with the expected identifier; *used = its whole size. */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(used);
    requires \separated(used, der + (0 .. len - 1));
    assigns *used;
    ensures \result == ITLS_OK || \result == ITLS_ERR_DER_TRUNCATED ||
      \result == ITLS_ERR_DER_BAD_TAG || \result == ITLS_ERR_DER_BAD_LENGTH;
    ensures \result == ITLS_OK ==> 2 <= *used <= remain;
 */
static enum itls_err
der_skip(const uint8_t *der, size_t len, size_t off, size_t remain,
	uint8_t want, size_t *used)
{
	uint8_t t;
	size_t h, c;
	enum itls_err e;

	e = der_tl(der, len, off, remain, want, &t, &h, &c);
	if (e != ITLS_OK) {
		return e;
	}
	*used = h + c;
	return ITLS_OK;
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
    requires \valid(o) && \valid(used);
    requires \separated(o, used, der + (0 .. len - 1));
    requires inv(o, len);
    assigns *o, *used;
    ensures inv(o, len);
    ensures \result == ITLS_OK || x509_der_reason(\result);
    ensures \result == ITLS_OK ==> 0 < *used <= remain;
 */
static enum itls_err
parse_atv(const uint8_t *der, size_t len, size_t off, size_t remain,
	struct itls_x509_names *o, size_t *used)
{
	uint8_t t;
	size_t h, c, h2, c2, h3, c3, pos, rem;
	int is_cn;
	enum itls_err e;

	e = der_tl(der, len, off, remain, 0x30, &t, &h, &c);
	if (e != ITLS_OK) {
		return e;
	}
	pos = off + h;
	rem = c;
	e = der_tl(der, len, pos, rem, 0x06, &t, &h2, &c2);
	if (e != ITLS_OK) {
		return e;
	}
	if (c2 == 0) {
		return ITLS_ERR_DER_BAD_VALUE;
	}
	is_cn = c2 == 3 && der[pos + h2] == 0x55 && der[pos + h2 + 1] == 0x04
		&& der[pos + h2 + 2] == 0x03;
	pos += h2 + c2;
	rem -= h2 + c2;
	if (is_cn) {
		/* NM-05: capacity, string type, characters */
		if (o->n_cn >= ITLS_X509_MAX_CN) {
			return ITLS_ERR_DER_TOO_MANY;
		}
		e = der_tl(der, len, pos, rem, DER_CNSTR, &t, &h3, &c3);
		if (e != ITLS_OK) {
			return e;
		}
		e = check_cn_value(der, len, pos + h3, c3, t);
		if (e != ITLS_OK) {
			return e;
		}
		o->cn[o->n_cn].off = pos + h3;
		o->cn[o->n_cn].len = c3;
		o->cn[o->n_cn].type = t;
		o->n_cn++;
	} else {
		e = der_tl(der, len, pos, rem, DER_ANY, &t, &h3, &c3);
		if (e != ITLS_OK) {
			return e;
		}
	}
	/* NM-04: nothing after the value */
	if (rem != h3 + c3) {
		return ITLS_ERR_DER_TRAILING_DATA;
	}
	*used = h + c;
	return ITLS_OK;
}

/*
 * RelativeDistinguishedName ::=
 *      SET SIZE (1..MAX) OF AttributeTypeAndValue
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(o) && \valid(used);
    requires \separated(o, used, der + (0 .. len - 1));
    requires inv(o, len);
    assigns *o, *used;
    ensures inv(o, len);
    ensures \result == ITLS_OK || x509_der_reason(\result);
    ensures \result == ITLS_OK ==> 0 < *used <= remain;
 */
static enum itls_err
parse_rdn(const uint8_t *der, size_t len, size_t off, size_t remain,
	struct itls_x509_names *o, size_t *used)
{
	uint8_t t;
	size_t h, c, pos, rem, u;
	enum itls_err e;

	e = der_tl(der, len, off, remain, 0x31, &t, &h, &c);
	if (e != ITLS_OK) {
		return e;
	}
	/* NM-05: SIZE (1..MAX) */
	if (c == 0) {
		return ITLS_ERR_DER_BAD_VALUE;
	}
	pos = off + h;
	rem = c;
	/*@ loop invariant pos + rem == off + h + c;
	    loop invariant off + h <= pos;
	    loop invariant inv(o, len);
	    loop assigns pos, rem, u, e, *o;
	    loop variant rem;
	 */
	while (rem > 0) {
		e = parse_atv(der, len, pos, rem, o, &u);
		if (e != ITLS_OK) {
			return e;
		}
		pos += u;
		rem -= u;
	}
	*used = h + c;
	return ITLS_OK;
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
    requires \valid(o) && \valid(used);
    requires \separated(o, used, der + (0 .. len - 1));
    requires inv(o, len);
    assigns *o, *used;
    ensures inv(o, len);
    ensures \result == ITLS_OK || x509_der_reason(\result);
    ensures \result == ITLS_OK ==> 0 < *used <= remain;
 */
static enum itls_err
parse_name(const uint8_t *der, size_t len, size_t off, size_t remain,
	struct itls_x509_names *o, size_t *used)
{
	uint8_t t;
	size_t h, c, pos, rem, u;
	enum itls_err e;

	e = der_tl(der, len, off, remain, 0x30, &t, &h, &c);
	if (e != ITLS_OK) {
		return e;
	}
	pos = off + h;
	rem = c;
	/*@ loop invariant pos + rem == off + h + c;
	    loop invariant off + h <= pos;
	    loop invariant inv(o, len);
	    loop assigns pos, rem, u, e, *o;
	    loop variant rem;
	 */
	while (rem > 0) {
		e = parse_rdn(der, len, pos, rem, o, &u);
		if (e != ITLS_OK) {
			return e;
		}
		pos += u;
		rem -= u;
	}
	*used = h + c;
	return ITLS_OK;
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
    requires \valid(o) && \valid(used);
    requires \separated(o, used, der + (0 .. len - 1));
    requires inv(o, len);
    assigns *o, *used;
    ensures inv(o, len);
    ensures \result == ITLS_OK || x509_der_reason(\result);
    ensures \result == ITLS_OK ==> 0 < *used <= remain;
 */
static enum itls_err
parse_general_name(const uint8_t *der, size_t len, size_t off, size_t remain,
	struct itls_x509_names *o, size_t *used)
{
	uint8_t t;
	size_t h, c;
	enum itls_err e;

	e = der_tl(der, len, off, remain, DER_GN, &t, &h, &c);
	if (e != ITLS_OK) {
		return e;
	}
	switch (t) {
	case ITLS_X509_SAN_DNS:
	case ITLS_X509_SAN_URI:
		if (o->n_san >= ITLS_X509_MAX_SAN) {
			return ITLS_ERR_DER_TOO_MANY;
		}
		e = check_ia5_name(der, len, off + h, c);
		if (e != ITLS_OK) {
			return e;
		}
		o->san[o->n_san].off = off + h;
		o->san[o->n_san].len = c;
		o->san[o->n_san].kind = t;
		o->n_san++;
		break;
	case 0x87:
		if (o->n_ip < ITLS_X509_COUNT_MAX) {
			o->n_ip++;
		}
		break;
	case 0x81:
		if (o->n_email < ITLS_X509_COUNT_MAX) {
			o->n_email++;
		}
		break;
	case 0xA0:
		if (o->n_othername < ITLS_X509_COUNT_MAX) {
			o->n_othername++;
		}
		break;
	default:
		if (o->n_other < ITLS_X509_COUNT_MAX) {
			o->n_other++;
		}
		break;
	}
	*used = h + c;
	return ITLS_OK;
}

/*
 * GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName
 *
 * The subjectAltName extnValue content (RFC 5280 4.2.1.6), NM-07.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(o) && \valid(used);
    requires \separated(o, used, der + (0 .. len - 1));
    requires inv(o, len);
    assigns *o, *used;
    ensures inv(o, len);
    ensures \result == ITLS_OK || x509_der_reason(\result);
    ensures \result == ITLS_OK ==> 0 < *used <= remain;
 */
static enum itls_err
parse_general_names(const uint8_t *der, size_t len, size_t off, size_t remain,
	struct itls_x509_names *o, size_t *used)
{
	uint8_t t;
	size_t h, c, pos, rem, u;
	enum itls_err e;

	e = der_tl(der, len, off, remain, 0x30, &t, &h, &c);
	if (e != ITLS_OK) {
		return e;
	}
	if (c == 0) {
		return ITLS_ERR_DER_BAD_VALUE;
	}
	pos = off + h;
	rem = c;
	/*@ loop invariant pos + rem == off + h + c;
	    loop invariant off + h <= pos;
	    loop invariant inv(o, len);
	    loop assigns pos, rem, u, e, *o;
	    loop variant rem;
	 */
	while (rem > 0) {
		e = parse_general_name(der, len, pos, rem, o, &u);
		if (e != ITLS_OK) {
			return e;
		}
		pos += u;
		rem -= u;
	}
	*used = h + c;
	return ITLS_OK;
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
    requires inv(o, len);
    assigns *o;
    ensures inv(o, len);
    ensures \result == ITLS_OK || x509_der_reason(\result);
 */
static enum itls_err
parse_ext_value(const uint8_t *der, size_t len, size_t off, size_t remain,
	int is_san, struct itls_x509_names *o)
{
	uint8_t t;
	size_t h3, c3, h4, c4, pos, rem, u;
	enum itls_err e;

	pos = off;
	rem = remain;
	/* critical BOOLEAN: one byte, 0x00 or 0xFF (D-NM-8) */
	if (rem > 0 && der[pos] == 0x01) {
		e = der_tl(der, len, pos, rem, 0x01, &t, &h3, &c3);
		if (e != ITLS_OK) {
			return e;
		}
		if (c3 != 1 || (der[pos + h3] != 0x00 && der[pos + h3] != 0xFF)) {
			return ITLS_ERR_DER_BAD_VALUE;
		}
		pos += h3 + c3;
		rem -= h3 + c3;
	}
	e = der_tl(der, len, pos, rem, 0x04, &t, &h4, &c4);
	if (e != ITLS_OK) {
		return e;
	}
	if (is_san) {
		e = parse_general_names(der, len, pos + h4, c4, o, &u);
		if (e != ITLS_OK) {
			return e;
		}
		/* NM-04: the OCTET STRING holds GeneralNames and nothing else */
		if (u != c4) {
			return ITLS_ERR_DER_TRAILING_DATA;
		}
		o->has_san = 1;
	}
	/* NM-04: nothing after extnValue */
	if (rem != h4 + c4) {
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
 * its view is returned in *oid_off, *oid_len. Only subjectAltName
 * (id-ce 17, 2.5.29.17) is looked into.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires n <= ITLS_X509_MAX_EXT;
    requires \valid_read(seen_off + (0 .. n - 1));
    requires \valid_read(seen_len + (0 .. n - 1));
    requires \forall integer k; 0 <= k < n ==> seen_off[k] + seen_len[k] <= len;
    requires \valid(o) && \valid(used) && \valid(oid_off) && \valid(oid_len);
    requires \separated(o, used, oid_off, oid_len, der + (0 .. len - 1),
      seen_off + (0 .. n - 1), seen_len + (0 .. n - 1));
    requires inv(o, len);
    assigns *o, *used, *oid_off, *oid_len;
    ensures inv(o, len);
    ensures \result == ITLS_OK || x509_der_reason(\result);
    ensures \result == ITLS_OK ==> 0 < *used <= remain;
    ensures \result == ITLS_OK ==> *oid_off + *oid_len <= len;
 */
static enum itls_err
parse_extension(const uint8_t *der, size_t len, size_t off, size_t remain,
	const size_t *seen_off, const size_t *seen_len, size_t n,
	struct itls_x509_names *o, size_t *used, size_t *oid_off,
	size_t *oid_len)
{
	uint8_t t;
	size_t h, c, h2, c2, pos;
	int is_san;
	enum itls_err e;

	e = der_tl(der, len, off, remain, 0x30, &t, &h, &c);
	if (e != ITLS_OK) {
		return e;
	}
	pos = off + h;
	e = der_tl(der, len, pos, c, 0x06, &t, &h2, &c2);
	if (e != ITLS_OK) {
		return e;
	}
	if (c2 == 0) {
		return ITLS_ERR_DER_BAD_VALUE;
	}
	/* NM-06: each extension at most once (RFC 5280 4.2) */
	if (seen_before(der, len, pos + h2, c2, seen_off, seen_len, n)) {
		return ITLS_ERR_DER_DUPLICATE_EXTENSION;
	}
	is_san = c2 == 3 && der[pos + h2] == 0x55 && der[pos + h2 + 1] == 0x1D
		&& der[pos + h2 + 2] == 0x11;
	e = parse_ext_value(der, len, pos + h2 + c2, c - h2 - c2, is_san, o);
	if (e != ITLS_OK) {
		return e;
	}
	*oid_off = pos + h2;
	*oid_len = c2;
	*used = h + c;
	return ITLS_OK;
}

/*
 * extensions      [3]  EXPLICIT Extensions OPTIONAL
 * Extensions  ::=  SEQUENCE SIZE (1..MAX) OF Extension
 *
 * NM-06: at most ITLS_X509_MAX_EXT extensions, no extnID twice.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(o) && \valid(used);
    requires \separated(o, used, der + (0 .. len - 1));
    requires inv(o, len);
    assigns *o, *used;
    ensures inv(o, len);
    ensures \result == ITLS_OK || x509_der_reason(\result);
    ensures \result == ITLS_OK ==> 0 < *used <= remain;
 */
static enum itls_err
parse_extensions(const uint8_t *der, size_t len, size_t off, size_t remain,
	struct itls_x509_names *o, size_t *used)
{
	size_t seen_off[ITLS_X509_MAX_EXT];
	size_t seen_len[ITLS_X509_MAX_EXT];
	uint8_t t;
	size_t h, c, h2, c2, pos, rem, n, u, oo, ol;
	enum itls_err e;

	e = der_tl(der, len, off, remain, 0xA3, &t, &h, &c);
	if (e != ITLS_OK) {
		return e;
	}
	e = der_tl(der, len, off + h, c, 0x30, &t, &h2, &c2);
	if (e != ITLS_OK) {
		return e;
	}
	if (c2 == 0) {
		return ITLS_ERR_DER_BAD_VALUE;
	}
	pos = off + h + h2;
	rem = c2;
	n = 0;
	/*@ loop invariant pos + rem == off + h + h2 + c2;
	    loop invariant off + h + h2 <= pos;
	    loop invariant 0 <= n <= ITLS_X509_MAX_EXT;
	    loop invariant \forall integer k; 0 <= k < n ==>
	      seen_off[k] + seen_len[k] <= len;
	    loop invariant inv(o, len);
	    loop assigns pos, rem, n, u, oo, ol, e, *o,
	      seen_off[0 .. ITLS_X509_MAX_EXT - 1],
	      seen_len[0 .. ITLS_X509_MAX_EXT - 1];
	    loop variant rem;
	 */
	while (rem > 0) {
		if (n >= ITLS_X509_MAX_EXT) {
			return ITLS_ERR_DER_TOO_MANY;
		}
		e = parse_extension(der, len, pos, rem, seen_off, seen_len, n, o,
			&u, &oo, &ol);
		if (e != ITLS_OK) {
			return e;
		}
		seen_off[n] = oo;
		seen_len[n] = ol;
		n++;
		pos += u;
		rem -= u;
	}
	/* NM-04: [3] holds the Extensions SEQUENCE and nothing else */
	if (c != h2 + c2) {
		return ITLS_ERR_DER_TRAILING_DATA;
	}
	*used = h + c;
	return ITLS_OK;
}

/*
 * The head of TBSCertificate (NM-03):
 *      version         [0]  EXPLICIT Version DEFAULT v1,
 *      serialNumber         CertificateSerialNumber,
 *      signature            AlgorithmIdentifier,
 *      issuer               Name,
 *      validity             Validity,
 * all skipped; validity's span is returned in *vo, *vl.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(used) && \valid(vo) && \valid(vl);
    requires \separated(used, vo, vl, der + (0 .. len - 1));
    assigns *used, *vo, *vl;
    ensures \result == ITLS_OK || x509_der_reason(\result);
    ensures \result == ITLS_OK ==> 0 < *used <= remain;
    ensures \result == ITLS_OK ==> *vo + *vl <= len;
 */
static enum itls_err
parse_tbs_head(const uint8_t *der, size_t len, size_t off, size_t remain,
	size_t *used, size_t *vo, size_t *vl)
{
	size_t pos, rem, u;
	enum itls_err e;

	pos = off;
	rem = remain;
	if (rem > 0 && der[pos] == 0xA0) {
		e = der_skip(der, len, pos, rem, 0xA0, &u);   /* version */
		if (e != ITLS_OK) {
			return e;
		}
		pos += u;
		rem -= u;
	}
	e = der_skip(der, len, pos, rem, 0x02, &u);           /* serialNumber */
	if (e != ITLS_OK) {
		return e;
	}
	pos += u;
	rem -= u;
	e = der_skip(der, len, pos, rem, 0x30, &u);           /* signature */
	if (e != ITLS_OK) {
		return e;
	}
	pos += u;
	rem -= u;
	e = der_skip(der, len, pos, rem, 0x30, &u);           /* issuer */
	if (e != ITLS_OK) {
		return e;
	}
	pos += u;
	rem -= u;
	e = der_skip(der, len, pos, rem, 0x30, &u);           /* validity */
	if (e != ITLS_OK) {
		return e;
	}
	*vo = pos;
	*vl = u;
	*used = remain - (rem - u);
	return ITLS_OK;
}

/*
 * The tail of TBSCertificate (NM-03, NM-04):
 *      subjectPublicKeyInfo SubjectPublicKeyInfo,
 *      issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,
 *      subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,
 *      extensions      [3]  EXPLICIT Extensions OPTIONAL }
 * It must fill der[off .. off+remain) exactly; the span of
 * subjectPublicKeyInfo is returned in *so, *sl.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(o) && \valid(so) && \valid(sl);
    requires \separated(o, so, sl, der + (0 .. len - 1));
    requires inv(o, len);
    assigns *o, *so, *sl;
    ensures inv(o, len);
    ensures \result == ITLS_OK || x509_der_reason(\result);
    ensures \result == ITLS_OK ==> *so + *sl <= len;
 */
static enum itls_err
parse_tbs_tail(const uint8_t *der, size_t len, size_t off, size_t remain,
	struct itls_x509_names *o, size_t *so, size_t *sl)
{
	size_t pos, rem, u;
	enum itls_err e;

	pos = off;
	rem = remain;
	e = der_skip(der, len, pos, rem, 0x30, &u);           /* subjectPublicKeyInfo */
	if (e != ITLS_OK) {
		return e;
	}
	*so = pos;
	*sl = u;
	pos += u;
	rem -= u;
	if (rem > 0 && der[pos] == 0x81) {
		e = der_skip(der, len, pos, rem, 0x81, &u);   /* issuerUniqueID */
		if (e != ITLS_OK) {
			return e;
		}
		pos += u;
		rem -= u;
	}
	if (rem > 0 && der[pos] == 0x82) {
		e = der_skip(der, len, pos, rem, 0x82, &u);   /* subjectUniqueID */
		if (e != ITLS_OK) {
			return e;
		}
		pos += u;
		rem -= u;
	}
	if (rem > 0 && der[pos] == 0xA3) {
		e = parse_extensions(der, len, pos, rem, o, &u);
		if (e != ITLS_OK) {
			return e;
		}
		rem -= u;
	}
	/* NM-04: nothing after the last element recognised */
	if (rem != 0) {
		return ITLS_ERR_DER_TRAILING_DATA;
	}
	return ITLS_OK;
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
 * NM-03: subject and extensions are walked, validity and
 * subjectPublicKeyInfo recorded (sp[0], sp[1]: validity; sp[2], sp[3]:
 * subjectPublicKeyInfo), the rest skipped.
 */
/*@ requires off + remain <= len;
    requires \valid_read(der + (0 .. len - 1));
    requires \valid(o) && \valid(used) && \valid(sp + (0 .. 3));
    requires \separated(o, used, sp + (0 .. 3), der + (0 .. len - 1));
    requires inv(o, len);
    assigns *o, *used, sp[0 .. 3];
    ensures inv(o, len);
    ensures \result == ITLS_OK || x509_der_reason(\result);
    ensures \result == ITLS_OK ==> 0 < *used <= remain;
    ensures \result == ITLS_OK ==> sp[0] + sp[1] <= len && sp[2] + sp[3] <= len;
 */
static enum itls_err
parse_tbs(const uint8_t *der, size_t len, size_t off, size_t remain,
	struct itls_x509_names *o, size_t *used, size_t *sp)
{
	uint8_t t;
	size_t h, c, pos, rem, u;
	enum itls_err e;

	e = der_tl(der, len, off, remain, 0x30, &t, &h, &c);
	if (e != ITLS_OK) {
		return e;
	}
	pos = off + h;
	rem = c;
	e = parse_tbs_head(der, len, pos, rem, &u, &sp[0], &sp[1]);
	if (e != ITLS_OK) {
		return e;
	}
	pos += u;
	rem -= u;
	e = parse_name(der, len, pos, rem, o, &u);            /* subject */
	if (e != ITLS_OK) {
		return e;
	}
	pos += u;
	rem -= u;
	e = parse_tbs_tail(der, len, pos, rem, o, &sp[2], &sp[3]);
	if (e != ITLS_OK) {
		return e;
	}
	*used = h + c;
	return ITLS_OK;
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
	size_t u, u2;
	enum itls_err e;

	e = der_skip(der, len, off, remain, 0x30, &u);       /* signatureAlgorithm */
	if (e != ITLS_OK) {
		return e;
	}
	e = der_skip(der, len, off + u, remain - u, 0x03, &u2);  /* signatureValue */
	if (e != ITLS_OK) {
		return e;
	}
	/* NM-04: nothing after the signature */
	if (remain - u != u2) {
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
	uint8_t t;
	size_t h, c, pos, rem, u;
	size_t sp[4];
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
	e = der_tl(der, len, 0, len, 0x30, &t, &h, &c);
	if (e != ITLS_OK) {
		return e;
	}
	pos = h;
	rem = c;
	e = parse_tbs(der, len, pos, rem, out, &u, sp);
	if (e != ITLS_OK) {
		return e;
	}
	out->tbs.off = pos;
	out->tbs.len = u;
	out->validity.off = sp[0];
	out->validity.len = sp[1];
	out->spki.off = sp[2];
	out->spki.len = sp[3];
	e = certificate_tail(der, len, pos + u, rem - u);
	if (e != ITLS_OK) {
		return e;
	}
	/* NM-01: nothing after the certificate */
	if (h + c != len) {
		return ITLS_ERR_DER_TRAILING_DATA;
	}
	return ITLS_OK;
}
