/*
 * itls/x509name.h -- the names in a certificate, read from its DER in place.
 *
 * One call, itls_x509_names_parse(), walks the DER of one X.509 certificate
 * (RFC 5280 section 4.1) and fills a caller-owned struct itls_x509_names with
 * views (offset, length) into the caller's bytes: the subject's common names,
 * the subjectAltName dNSName and URI entries in order, the counts of the
 * other subjectAltName kinds, and the spans of tbsCertificate, validity and
 * subjectPublicKeyInfo. Nothing is allocated or copied, loops are bounded by
 * the input, and the walk has a fixed depth (one function per ASN.1
 * production, no recursion).
 *
 * Only the productions the naming rules need are walked; every other field
 * is stepped over as one element whose header (identifier, minimal definite
 * length, fit in its parent) is checked. Anything that is not DER where we
 * look is rejected with a der-... reason word (err.h).
 *
 * Spec: spec/naming.md NM-01 .. NM-08; choices in spec/decisions.md D-NM-8.
 * Sources: X.690 section 8.1 and 10 (DER), RFC 5280 sections 4.1, 4.2.1.6.
 */
#ifndef ITLS_X509NAME_H
#define ITLS_X509NAME_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "itls/err.h"

/** At most this many subject common names (NM-05); one more is der-too-many. */
#define ITLS_X509_MAX_CN    8
/** At most this many dNSName + URI entries in subjectAltName (NM-07). */
#define ITLS_X509_MAX_SAN   64
/** At most this many extensions (NM-06). */
#define ITLS_X509_MAX_EXT   32
/** The counts of other subjectAltName kinds stop growing at this value. */
#define ITLS_X509_COUNT_MAX 65535

/** DER identifiers of the two listed subjectAltName kinds (RFC 5280 GeneralName). */
#define ITLS_X509_SAN_DNS   0x82
#define ITLS_X509_SAN_URI   0x86

/** DER identifiers of the CN string types (X.680; RFC 5280 DirectoryString). */
#define ITLS_X509_STR_UTF8       0x0C
#define ITLS_X509_STR_PRINTABLE  0x13
#define ITLS_X509_STR_TELETEX    0x14
#define ITLS_X509_STR_IA5        0x16
#define ITLS_X509_STR_UNIVERSAL  0x1C
#define ITLS_X509_STR_BMP        0x1E

/** A span of the caller's buffer: bytes [off, off + len). */
struct itls_x509_view {
	size_t off;
	size_t len;
};

/** A subject common name: its content bytes and its string type. */
struct itls_x509_cn {
	size_t off;
	size_t len;
	uint8_t type;   /* ITLS_X509_STR_... */
};

/** A dNSName or URI entry of subjectAltName: its content bytes and kind. */
struct itls_x509_san {
	size_t off;
	size_t len;
	uint8_t kind;   /* ITLS_X509_SAN_DNS or ITLS_X509_SAN_URI */
};

/** What itls_x509_names_parse() finds; every view points into its input. */
struct itls_x509_names {
	size_t n_cn;                               /* CNs, subject order */
	struct itls_x509_cn cn[ITLS_X509_MAX_CN];
	size_t n_san;                              /* dNSName/URI, extension order */
	struct itls_x509_san san[ITLS_X509_MAX_SAN];
	size_t n_ip;           /* iPAddress entries */
	size_t n_email;        /* rfc822Name entries */
	size_t n_othername;    /* otherName entries */
	size_t n_other;        /* x400Address, directoryName, ediPartyName, registeredID */
	int has_san;           /* 1 when a subjectAltName extension is present */
	struct itls_x509_view tbs;       /* tbsCertificate, whole element */
	struct itls_x509_view validity;  /* validity, whole element */
	struct itls_x509_view spki;      /* subjectPublicKeyInfo, whole element */
};

/*@ predicate x509_cn_in(struct itls_x509_names *o, integer len) =
      o->n_cn <= ITLS_X509_MAX_CN &&
      (\forall integer i; 0 <= i < o->n_cn ==>
         o->cn[i].off + o->cn[i].len <= len);
    predicate x509_san_in(struct itls_x509_names *o, integer len) =
      o->n_san <= ITLS_X509_MAX_SAN &&
      (\forall integer i; 0 <= i < o->n_san ==>
         o->san[i].off + o->san[i].len <= len);
    predicate x509_san_kinds(struct itls_x509_names *o) =
      \forall integer i; 0 <= i < o->n_san ==>
         o->san[i].kind == ITLS_X509_SAN_DNS || o->san[i].kind == ITLS_X509_SAN_URI;
    predicate x509_spans_in(struct itls_x509_names *o, integer len) =
      o->tbs.off + o->tbs.len <= len &&
      o->validity.off + o->validity.len <= len &&
      o->spki.off + o->spki.len <= len;
    predicate x509_names_in(struct itls_x509_names *o, integer len) =
      x509_cn_in(o, len) && x509_san_in(o, len) && x509_san_kinds(o) &&
      x509_spans_in(o, len);
    predicate x509_der_reason(integer e) =
      e == ITLS_ERR_DER_TRUNCATED ||
      e == ITLS_ERR_DER_BAD_LENGTH || e == ITLS_ERR_DER_BAD_TAG ||
      e == ITLS_ERR_DER_TRAILING_DATA || e == ITLS_ERR_DER_DUPLICATE_EXTENSION ||
      e == ITLS_ERR_DER_NUL_IN_NAME || e == ITLS_ERR_DER_TOO_MANY ||
      e == ITLS_ERR_DER_BAD_VALUE;
    predicate x509_der_err(integer e) =
      e == ITLS_ERR_EMPTY || x509_der_reason(e);
 */

/**
 * \brief Walk the DER of one certificate to its names (NM-01 .. NM-08).
 *
 * Reads der[0 .. len-1]; writes only *out. On success every view in *out
 * lies inside der[0 .. len-1] and points at content bytes (for CN, dNSName
 * and URI) or whole elements (tbs, validity, spki). On failure the contents
 * of *out are unspecified.
 *
 * \param der   the certificate's DER (may be NULL when len is 0).
 * \param len   its length in bytes.
 * \param out   the result.
 * \return ITLS_OK, or: ITLS_ERR_EMPTY (len 0); ITLS_ERR_DER_TRUNCATED,
 *         ITLS_ERR_DER_BAD_LENGTH, ITLS_ERR_DER_BAD_TAG (NM-02);
 *         ITLS_ERR_DER_TRAILING_DATA (NM-01, NM-04);
 *         ITLS_ERR_DER_DUPLICATE_EXTENSION (NM-06); ITLS_ERR_DER_NUL_IN_NAME
 *         (NM-05, NM-07); ITLS_ERR_DER_TOO_MANY (capacities);
 *         ITLS_ERR_DER_BAD_VALUE (empty SET/SEQUENCE OF, BOOLEAN, string
 *         length, non-ASCII IA5String, empty OID).
 */
/*@ requires len == 0 || \valid_read(der + (0 .. len - 1));
    requires \valid(out);
    requires \separated(out, der + (0 .. len - 1));
    assigns *out;
    ensures \result == ITLS_OK || x509_der_err(\result);
    ensures \result == ITLS_OK ==> x509_names_in(out, len);
    behavior empty:
      assumes len == 0;
      ensures \result == ITLS_ERR_EMPTY;
    behavior nonempty:
      assumes len > 0;
      ensures \result != ITLS_ERR_EMPTY;
    complete behaviors;
    disjoint behaviors;
 */
enum itls_err
itls_x509_names_parse(const uint8_t *der, size_t len,
	struct itls_x509_names *out);

#ifdef __cplusplus
}
#endif

#endif
