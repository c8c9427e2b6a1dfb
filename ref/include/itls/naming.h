/*
 * itls/naming.h -- host names, domains, realms, the trust domain and the
 * IMSI-derived identities of IMS.
 *
 * The question this module answers is seed 003's: does the certificate the
 * P-CSCF presented identify a host within the UE's home domain (or the one
 * IMS trust domain), and does the Digest realm correspond to it? The rules:
 *
 *   - names compare ASCII case-insensitively with one trailing dot ignored
 *     (itls_host_eq, NM-10);
 *   - a name lies within a domain when it equals it or ends with "." and the
 *     domain (itls_name_within, NM-11); exact mode wants equality (NM-12);
 *   - which certificate identities count: SIP URIs without user part, else
 *     dNSName, else (no subjectAltName at all) the CN (itls_name_source,
 *     NM-16, NM-17; RFC 5922 section 7.1);
 *   - the realm's domain is after its last '@' (itls_realm_domain, NM-14);
 *   - the whole check and its reasons (itls_name_check, NM-18..NM-20);
 *   - IMPI / IMPU / home domain lie within the trust domain (itls_trust_check,
 *     NM-22);
 *   - IMSI to home domain, IMPI and temporary IMPU (NM-21, TS 23.003 s.13).
 *
 * Every text input is (const uint8_t *s, size_t len), never NUL-terminated;
 * the rules look at ASCII bytes only. Predicates returning 1/0 are pure;
 * writers take (out, cap), never write past cap, and write nothing on error.
 *
 * Spec: spec/naming.md NM-10 .. NM-23; decisions D-NM-1 .. D-NM-7.
 */
#ifndef ITLS_NAMING_H
#define ITLS_NAMING_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "itls/err.h"
#include "itls/x509name.h"

/** Length of the home network domain name ims.mncXXX.mccYYY.3gppnetwork.org. */
#define ITLS_HOME_DOMAIN_LEN 33

/** Which certificate identities count (NM-17). */
enum itls_name_source {
	ITLS_NAME_SRC_NONE = 0,   /* no identity counts */
	ITLS_NAME_SRC_SIP_URI,    /* the SIP URIs without user part */
	ITLS_NAME_SRC_DNS,        /* the dNSName entries */
	ITLS_NAME_SRC_CN          /* the subject CNs (no subjectAltName at all) */
};

/*@ logic integer nm_lc(integer c) = ('A' <= c <= 'Z') ? c + 32 : c;

    // the length once one trailing dot is dropped (NM-10)
    logic integer nm_tlen{L}(uint8_t *s, integer n) =
      (n > 0 && s[n - 1] == '.') ? n - 1 : n;

    // a[ao .. ao+n-1] equals b[0 .. n-1] modulo ASCII case
    predicate nm_ieq{L}(uint8_t *a, integer ao, uint8_t *b, integer n) =
      \forall integer i; ao <= i < ao + n ==> nm_lc(a[i]) == nm_lc(b[i - ao]);

    // NM-10: a equals b, modulo ASCII case and one trailing dot each
    predicate nm_host_eq{L}(uint8_t *a, integer alen, uint8_t *b, integer blen) =
      nm_tlen(a, alen) == nm_tlen(b, blen) &&
      nm_ieq(a, 0, b, nm_tlen(a, alen));

    // a ends with '.' d, modulo ASCII case and one trailing dot each
    predicate nm_ends_dot{L}(uint8_t *a, integer alen, uint8_t *d, integer dlen) =
      nm_tlen(a, alen) > nm_tlen(d, dlen) &&
      a[nm_tlen(a, alen) - nm_tlen(d, dlen) - 1] == '.' &&
      nm_ieq(a, nm_tlen(a, alen) - nm_tlen(d, dlen), d, nm_tlen(d, dlen));

    // NM-11: a equals d or a ends with '.' d
    predicate nm_within{L}(uint8_t *a, integer alen, uint8_t *d, integer dlen) =
      nm_host_eq(a, alen, d, dlen) || nm_ends_dot(a, alen, d, dlen);

    // NM-12: exact mode or within
    predicate nm_match{L}(uint8_t *a, integer alen, uint8_t *d, integer dlen,
        integer exact) =
      (exact != 0 ==> nm_host_eq(a, alen, d, dlen)) &&
      (exact == 0 ==> nm_within(a, alen, d, dlen));

    predicate nm_ldh(integer c) =
      ('a' <= c <= 'z') || ('A' <= c <= 'Z') || ('0' <= c <= '9') || c == '-';

    // NM-13: letters, digits, '-', '.', no empty label, one trailing dot allowed
    predicate nm_domain_ok{L}(uint8_t *d, integer n) =
      nm_tlen(d, n) > 0 &&
      (\forall integer k; 0 <= k < nm_tlen(d, n) ==> nm_ldh(d[k]) || d[k] == '.') &&
      d[0] != '.' && d[nm_tlen(d, n) - 1] != '.' &&
      (\forall integer k; 0 <= k < nm_tlen(d, n) - 1 ==>
         d[k] == '.' ==> d[k + 1] != '.');

    predicate nm_no_at{L}(uint8_t *s, integer from, integer to) =
      \forall integer k; from <= k < to ==> s[k] != '@';

    // NM-14: k is where the realm's domain starts (after the last '@')
    predicate nm_realm_split{L}(uint8_t *r, integer n, integer k) =
      0 <= k <= n && nm_no_at(r, k, n) && (k == 0 || r[k - 1] == '@');

    // NM-16: "sip:" (scheme case-insensitive) and no user part
    predicate nm_sip_identity{L}(uint8_t *u, integer n) =
      n >= 4 && nm_lc(u[0]) == 's' && nm_lc(u[1]) == 'i' &&
      nm_lc(u[2]) == 'p' && u[3] == ':' && nm_no_at(u, 4, n);

    predicate nm_host_stop(integer c) = c == ':' || c == ';' || c == '?';

    predicate nm_has_sip{L}(struct itls_x509_names *o, uint8_t *der) =
      \exists integer i; 0 <= i < o->n_san &&
        o->san[i].kind == ITLS_X509_SAN_URI &&
        nm_sip_identity(der + o->san[i].off, o->san[i].len);

    predicate nm_has_dns{L}(struct itls_x509_names *o) =
      \exists integer i; 0 <= i < o->n_san && o->san[i].kind == ITLS_X509_SAN_DNS;

    predicate nm_text_cn(integer t) =
      t == ITLS_X509_STR_UTF8 || t == ITLS_X509_STR_PRINTABLE ||
      t == ITLS_X509_STR_TELETEX || t == ITLS_X509_STR_IA5;

    predicate nm_digits{L}(uint8_t *s, integer n) =
      \forall integer k; 0 <= k < n ==> '0' <= s[k] <= '9';

    // NM-21
    predicate nm_imsi_ok{L}(uint8_t *s, integer n) =
      6 <= n <= 15 && nm_digits(s, n);

    // NM-21: o[0 .. 32] is ims.mnc<MNC3>.mcc<MCC>.3gppnetwork.org
    predicate nm_home_text{L}(char *o, uint8_t *s, integer mnc) =
      o[0] == 'i' && o[1] == 'm' && o[2] == 's' && o[3] == '.' &&
      o[4] == 'm' && o[5] == 'n' && o[6] == 'c' &&
      (mnc == 2 ==> o[7] == '0' && o[8] == s[3] && o[9] == s[4]) &&
      (mnc == 3 ==> o[7] == s[3] && o[8] == s[4] && o[9] == s[5]) &&
      o[10] == '.' && o[11] == 'm' && o[12] == 'c' && o[13] == 'c' &&
      o[14] == s[0] && o[15] == s[1] && o[16] == s[2] &&
      o[17] == '.' && o[18] == '3' && o[19] == 'g' && o[20] == 'p' &&
      o[21] == 'p' && o[22] == 'n' && o[23] == 'e' && o[24] == 't' &&
      o[25] == 'w' && o[26] == 'o' && o[27] == 'r' && o[28] == 'k' &&
      o[29] == '.' && o[30] == 'o' && o[31] == 'r' && o[32] == 'g';
 */

/**
 * \brief Are two host names equal (NM-10)?
 *
 * ASCII letters compare without case, every other byte exactly; one
 * trailing '.' of each name is ignored. Nothing is modified.
 *
 * \return 1 when equal, 0 otherwise.
 */
/*@ requires \valid_read(a + (0 .. alen - 1));
    requires \valid_read(b + (0 .. blen - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> nm_host_eq(a, alen, b, blen);
 */
int
itls_host_eq(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen);

/**
 * \brief Does name a lie within domain d (NM-11)?
 *
 * True when a equals d, or a ends with "." followed by d (a label
 * boundary), both modulo ASCII case and one trailing dot on each side:
 * "pcscf.ims.com" is within "ims.com", "evilims.com" and "ims.com.evil.net"
 * are not. A pure string rule: no syntax check. Nothing is modified.
 *
 * \return 1 when within, 0 otherwise.
 */
/*@ requires \valid_read(a + (0 .. alen - 1));
    requires \valid_read(d + (0 .. dlen - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> nm_within(a, alen, d, dlen);
 */
int
itls_name_within(const uint8_t *a, size_t alen, const uint8_t *d, size_t dlen);

/**
 * \brief itls_host_eq() when exact is non-zero (NM-12), else
 * itls_name_within() (NM-11).
 */
/*@ requires \valid_read(a + (0 .. alen - 1));
    requires \valid_read(d + (0 .. dlen - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> nm_match(a, alen, d, dlen, exact);
 */
int
itls_name_match(const uint8_t *a, size_t alen, const uint8_t *d, size_t dlen,
	int exact);

/**
 * \brief Is d a domain name by the syntax of NM-13?
 *
 * After one trailing '.' is dropped: at least one byte, only ASCII letters,
 * digits, '-' and '.', no empty label. Nothing is modified.
 *
 * \return 1 when valid, 0 otherwise.
 */
/*@ requires \valid_read(d + (0 .. dlen - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> nm_domain_ok(d, dlen);
 */
int
itls_domain_valid(const uint8_t *d, size_t dlen);

/**
 * \brief The domain of a Digest realm (NM-14).
 *
 * The realm's domain is r[*doff .. rlen-1]: the part after the last '@'
 * when there is one, else the whole realm ("operator1.ims.com" and
 * "operator1@ims.com" both give a domain). *doff is always set.
 *
 * \return ITLS_OK, or ITLS_ERR_BAD_REALM when that domain fails NM-13.
 */
/*@ requires \valid_read(r + (0 .. rlen - 1));
    requires \valid(doff);
    requires \separated(doff, r + (0 .. rlen - 1));
    assigns *doff;
    ensures nm_realm_split(r, rlen, *doff);
    ensures \result == ITLS_OK || \result == ITLS_ERR_BAD_REALM;
    ensures \result == ITLS_OK <==> nm_domain_ok(r + *doff, rlen - *doff);
 */
enum itls_err
itls_realm_domain(const uint8_t *r, size_t rlen, size_t *doff);

/**
 * \brief Is the URI u a SIP domain identity, and where is its host (NM-16)?
 *
 * True when u starts with "sip:" (scheme case-insensitive) and has no '@'
 * after it. The host is then u[4 .. 4 + *hlen - 1]: up to the first ':',
 * ';' or '?', or to the end. *hlen is set only when the result is 1.
 *
 * \return 1 for a SIP domain identity, 0 otherwise.
 */
/*@ requires \valid_read(u + (0 .. ulen - 1));
    requires \valid(hlen);
    requires \separated(hlen, u + (0 .. ulen - 1));
    assigns *hlen;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> nm_sip_identity(u, ulen);
    ensures \result == 1 ==> 4 + *hlen <= ulen;
    ensures \result == 1 ==>
      \forall integer k; 4 <= k < 4 + *hlen ==> !nm_host_stop(u[k]);
    ensures \result == 1 ==> 4 + *hlen == ulen || nm_host_stop(u[4 + *hlen]);
 */
int
itls_sip_uri_host(const uint8_t *u, size_t ulen, size_t *hlen);

/**
 * \brief Which identities of a parsed certificate count (NM-17)?
 *
 * SIP URIs without user part if there is one; else dNSName entries if there
 * is one; else, when the certificate has no subjectAltName extension, its
 * CNs if there is one; else none. Nothing is modified.
 */
/*@ requires x509_names_in(names, len);
    requires \valid_read(names);
    requires \valid_read(der + (0 .. len - 1));
    assigns \nothing;
    behavior sip:
      assumes nm_has_sip(names, der);
      ensures \result == ITLS_NAME_SRC_SIP_URI;
    behavior dns:
      assumes !nm_has_sip(names, der) && nm_has_dns(names);
      ensures \result == ITLS_NAME_SRC_DNS;
    behavior cn:
      assumes !nm_has_sip(names, der) && !nm_has_dns(names);
      assumes names->has_san == 0 && names->n_cn > 0;
      ensures \result == ITLS_NAME_SRC_CN;
    behavior none:
      assumes !nm_has_sip(names, der) && !nm_has_dns(names);
      assumes names->has_san != 0 || names->n_cn == 0;
      ensures \result == ITLS_NAME_SRC_NONE;
    complete behaviors;
    disjoint behaviors;
 */
enum itls_name_source
itls_name_source(const struct itls_x509_names *names, const uint8_t *der,
	size_t len);

/**
 * \brief Does one identity h match domain d (NM-18)?
 *
 * h must be a host name by NM-13 (so a wildcard never matches) and lie
 * within d, or equal d when exact is non-zero.
 *
 * \return 1 on a match, 0 otherwise.
 */
/*@ requires \valid_read(h + (0 .. hlen - 1));
    requires \valid_read(d + (0 .. dlen - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==>
      (nm_domain_ok(h, hlen) && nm_match(h, hlen, d, dlen, exact));
 */
int
itls_identity_match(const uint8_t *h, size_t hlen, const uint8_t *d,
	size_t dlen, int exact);

/**
 * \brief The P-CSCF certificate check on a parsed certificate (NM-17..NM-20).
 *
 * names comes from itls_x509_names_parse(der, len, names). The domain d must
 * pass NM-13; the realm r (only looked at when has_realm) must pass NM-14.
 * The counted identities (NM-17) must include one that matches d (NM-18),
 * and the realm's domain must lie within d (NM-19, in both modes).
 * Nothing is modified.
 *
 * \return ITLS_OK on a match, else ITLS_ERR_BAD_DOMAIN, ITLS_ERR_BAD_REALM,
 *         ITLS_ERR_NO_IDENTITY, ITLS_ERR_DOMAIN_MISMATCH or
 *         ITLS_ERR_REALM_MISMATCH, in that order of checking (NM-20).
 */
/*@ requires x509_names_in(names, len);
    requires \valid_read(names);
    requires \valid_read(der + (0 .. len - 1));
    requires \valid_read(d + (0 .. dlen - 1));
    requires has_realm == 0 || \valid_read(r + (0 .. rlen - 1));
    assigns \nothing;
    ensures \result == ITLS_OK || \result == ITLS_ERR_BAD_DOMAIN ||
      \result == ITLS_ERR_BAD_REALM || \result == ITLS_ERR_NO_IDENTITY ||
      \result == ITLS_ERR_DOMAIN_MISMATCH || \result == ITLS_ERR_REALM_MISMATCH;
    ensures \result == ITLS_ERR_BAD_DOMAIN <==> !nm_domain_ok(d, dlen);
    ensures \result == ITLS_ERR_NO_IDENTITY ==>
      !nm_has_sip(names, der) && !nm_has_dns(names) &&
      (names->has_san != 0 || names->n_cn == 0);
    ensures \result == ITLS_OK ==> nm_domain_ok(d, dlen);
    ensures \result == ITLS_OK && has_realm != 0 ==>
      \exists integer k; nm_realm_split(r, rlen, k) &&
        nm_domain_ok(r + k, rlen - k) && nm_within(r + k, rlen - k, d, dlen);
    ensures \result == ITLS_OK ==>
      (\exists integer i, integer o, integer l;
         0 <= i < names->n_san && names->san[i].off <= o &&
         o + l <= names->san[i].off + names->san[i].len &&
         nm_domain_ok(der + o, l) && nm_match(der + o, l, d, dlen, exact)) ||
      (\exists integer i; 0 <= i < names->n_cn &&
         nm_text_cn(names->cn[i].type) &&
         nm_domain_ok(der + names->cn[i].off, names->cn[i].len) &&
         nm_match(der + names->cn[i].off, names->cn[i].len, d, dlen, exact));
 */
enum itls_err
itls_name_check_names(const struct itls_x509_names *names, const uint8_t *der,
	size_t len, const uint8_t *d, size_t dlen, const uint8_t *r, size_t rlen,
	int has_realm, int exact);

/**
 * \brief The whole check from the certificate's DER (NM-20).
 *
 * itls_x509_names_parse() then itls_name_check_names(). Uses about 2 KiB of
 * stack for the parsed names. Nothing is modified.
 *
 * \return ITLS_OK, a der-... reason (and ITLS_ERR_EMPTY for len 0), or a
 *         reason of itls_name_check_names().
 */
/*@ requires len == 0 || \valid_read(der + (0 .. len - 1));
    requires \valid_read(d + (0 .. dlen - 1));
    requires has_realm == 0 || \valid_read(r + (0 .. rlen - 1));
    assigns \nothing;
    ensures \result == ITLS_OK || x509_der_err(\result) ||
      \result == ITLS_ERR_BAD_DOMAIN ||
      \result == ITLS_ERR_BAD_REALM || \result == ITLS_ERR_NO_IDENTITY ||
      \result == ITLS_ERR_DOMAIN_MISMATCH || \result == ITLS_ERR_REALM_MISMATCH;
    ensures \result == ITLS_OK ==> nm_domain_ok(d, dlen);
 */
enum itls_err
itls_name_check(const uint8_t *der, size_t len, const uint8_t *d, size_t dlen,
	const uint8_t *r, size_t rlen, int has_realm, int exact);

/**
 * \brief The domain part of an IMPI, IMPU or home network domain name (NM-22).
 *
 * "sip:"/"sips:" (case-insensitive) IMPU: after the last '@' (or after the
 * scheme), up to the first ':', ';' or '>'; "tel:" has none; a name with an
 * '@' (IMPI): after the last '@'; otherwise the name itself. The domain is
 * name[*doff .. *doff + *dlen - 1] and must pass NM-13.
 *
 * \return ITLS_OK, or ITLS_ERR_BAD_NAME (empty, tel:, no domain, bad syntax).
 */
/*@ requires \valid_read(name + (0 .. nlen - 1));
    requires \valid(doff) && \valid(dlen);
    requires \separated(doff, dlen, name + (0 .. nlen - 1));
    assigns *doff, *dlen;
    ensures \result == ITLS_OK || \result == ITLS_ERR_BAD_NAME;
    ensures \result == ITLS_OK ==> *doff + *dlen <= nlen;
    ensures \result == ITLS_OK ==> nm_domain_ok(name + *doff, *dlen);
    ensures nlen == 0 ==> \result == ITLS_ERR_BAD_NAME;
 */
enum itls_err
itls_name_domain(const uint8_t *name, size_t nlen, size_t *doff, size_t *dlen);

/**
 * \brief Does an IMPI, IMPU or home domain lie within trust domain t (NM-22)?
 *
 * Nothing is modified.
 *
 * \return ITLS_OK; ITLS_ERR_BAD_DOMAIN (t fails NM-13); ITLS_ERR_BAD_NAME
 *         (itls_name_domain() fails); ITLS_ERR_OUTSIDE_TRUST_DOMAIN.
 */
/*@ requires \valid_read(name + (0 .. nlen - 1));
    requires \valid_read(t + (0 .. tlen - 1));
    assigns \nothing;
    ensures \result == ITLS_OK || \result == ITLS_ERR_BAD_DOMAIN ||
      \result == ITLS_ERR_BAD_NAME || \result == ITLS_ERR_OUTSIDE_TRUST_DOMAIN;
    ensures \result == ITLS_ERR_BAD_DOMAIN <==> !nm_domain_ok(t, tlen);
    ensures \result == ITLS_OK ==>
      \exists integer o, integer l; 0 <= o && o + l <= nlen &&
        nm_domain_ok(name + o, l) && nm_within(name + o, l, t, tlen);
 */
enum itls_err
itls_trust_check(const uint8_t *name, size_t nlen, const uint8_t *t,
	size_t tlen);

/**
 * \brief Home network domain name from an IMSI (NM-21, TS 23.003 s.13.2).
 *
 * Writes "ims.mnc<MNC>.mcc<MCC>.3gppnetwork.org" (33 bytes, no NUL) to out
 * and its length to *olen. MCC is imsi[0..2], MNC the next mnc_digits digits,
 * written with three digits. Nothing is written on error.
 *
 * \return ITLS_OK; ITLS_ERR_BAD_IMSI (not 6..15 digits);
 *         ITLS_ERR_BAD_MNC_LENGTH (mnc_digits not 2 or 3);
 *         ITLS_ERR_BUFFER_TOO_SMALL (cap < 33).
 */
/*@ requires \valid_read(imsi + (0 .. ilen - 1));
    requires \valid(out + (0 .. cap - 1));
    requires \valid(olen);
    requires \separated(olen, out + (0 .. cap - 1), imsi + (0 .. ilen - 1));
    requires \separated(out + (0 .. cap - 1), imsi + (0 .. ilen - 1));
    behavior bad_imsi:
      assumes !nm_imsi_ok(imsi, ilen);
      assigns \nothing;
      ensures \result == ITLS_ERR_BAD_IMSI;
    behavior bad_mnc:
      assumes nm_imsi_ok(imsi, ilen) && mnc_digits != 2 && mnc_digits != 3;
      assigns \nothing;
      ensures \result == ITLS_ERR_BAD_MNC_LENGTH;
    behavior too_small:
      assumes nm_imsi_ok(imsi, ilen) && (mnc_digits == 2 || mnc_digits == 3);
      assumes cap < ITLS_HOME_DOMAIN_LEN;
      assigns \nothing;
      ensures \result == ITLS_ERR_BUFFER_TOO_SMALL;
    behavior ok:
      assumes nm_imsi_ok(imsi, ilen) && (mnc_digits == 2 || mnc_digits == 3);
      assumes cap >= ITLS_HOME_DOMAIN_LEN;
      assigns out[0 .. cap - 1], *olen;
      ensures \result == ITLS_OK;
      ensures *olen == ITLS_HOME_DOMAIN_LEN;
      ensures nm_home_text(out, imsi, mnc_digits);
    complete behaviors;
    disjoint behaviors;
 */
enum itls_err
itls_imsi_home_domain(const uint8_t *imsi, size_t ilen, unsigned mnc_digits,
	char *out, size_t cap, size_t *olen);

/**
 * \brief IMPI from an IMSI (NM-21, TS 23.003 s.13.3): "<IMSI>@<home domain>".
 *
 * Writes ilen + 34 bytes (no NUL). Errors as itls_imsi_home_domain(), with
 * ITLS_ERR_BUFFER_TOO_SMALL when cap < ilen + 34. Nothing written on error.
 */
/*@ requires \valid_read(imsi + (0 .. ilen - 1));
    requires \valid(out + (0 .. cap - 1));
    requires \valid(olen);
    requires \separated(olen, out + (0 .. cap - 1), imsi + (0 .. ilen - 1));
    requires \separated(out + (0 .. cap - 1), imsi + (0 .. ilen - 1));
    behavior bad_imsi:
      assumes !nm_imsi_ok(imsi, ilen);
      assigns \nothing;
      ensures \result == ITLS_ERR_BAD_IMSI;
    behavior bad_mnc:
      assumes nm_imsi_ok(imsi, ilen) && mnc_digits != 2 && mnc_digits != 3;
      assigns \nothing;
      ensures \result == ITLS_ERR_BAD_MNC_LENGTH;
    behavior too_small:
      assumes nm_imsi_ok(imsi, ilen) && (mnc_digits == 2 || mnc_digits == 3);
      assumes cap < ilen + 1 + ITLS_HOME_DOMAIN_LEN;
      assigns \nothing;
      ensures \result == ITLS_ERR_BUFFER_TOO_SMALL;
    behavior ok:
      assumes nm_imsi_ok(imsi, ilen) && (mnc_digits == 2 || mnc_digits == 3);
      assumes cap >= ilen + 1 + ITLS_HOME_DOMAIN_LEN;
      assigns out[0 .. cap - 1], *olen;
      ensures \result == ITLS_OK;
      ensures *olen == ilen + 1 + ITLS_HOME_DOMAIN_LEN;
      ensures \forall integer k; 0 <= k < ilen ==> out[k] == imsi[k];
      ensures out[ilen] == '@';
      ensures nm_home_text(out + ilen + 1, imsi, mnc_digits);
    complete behaviors;
    disjoint behaviors;
 */
enum itls_err
itls_imsi_impi(const uint8_t *imsi, size_t ilen, unsigned mnc_digits,
	char *out, size_t cap, size_t *olen);

/**
 * \brief Temporary IMPU from an IMSI (NM-21, TS 23.003 s.13.4B): "sip:<IMPI>".
 *
 * Writes ilen + 38 bytes (no NUL). Errors as itls_imsi_impi(), with
 * ITLS_ERR_BUFFER_TOO_SMALL when cap < ilen + 38. Nothing written on error.
 */
/*@ requires \valid_read(imsi + (0 .. ilen - 1));
    requires \valid(out + (0 .. cap - 1));
    requires \valid(olen);
    requires \separated(olen, out + (0 .. cap - 1), imsi + (0 .. ilen - 1));
    requires \separated(out + (0 .. cap - 1), imsi + (0 .. ilen - 1));
    behavior bad_imsi:
      assumes !nm_imsi_ok(imsi, ilen);
      assigns \nothing;
      ensures \result == ITLS_ERR_BAD_IMSI;
    behavior bad_mnc:
      assumes nm_imsi_ok(imsi, ilen) && mnc_digits != 2 && mnc_digits != 3;
      assigns \nothing;
      ensures \result == ITLS_ERR_BAD_MNC_LENGTH;
    behavior too_small:
      assumes nm_imsi_ok(imsi, ilen) && (mnc_digits == 2 || mnc_digits == 3);
      assumes cap < ilen + 5 + ITLS_HOME_DOMAIN_LEN;
      assigns \nothing;
      ensures \result == ITLS_ERR_BUFFER_TOO_SMALL;
    behavior ok:
      assumes nm_imsi_ok(imsi, ilen) && (mnc_digits == 2 || mnc_digits == 3);
      assumes cap >= ilen + 5 + ITLS_HOME_DOMAIN_LEN;
      assigns out[0 .. cap - 1], *olen;
      ensures \result == ITLS_OK;
      ensures *olen == ilen + 5 + ITLS_HOME_DOMAIN_LEN;
      ensures out[0] == 's' && out[1] == 'i' && out[2] == 'p' && out[3] == ':';
      ensures \forall integer k; 0 <= k < ilen ==> out[4 + k] == imsi[k];
      ensures out[4 + ilen] == '@';
      ensures nm_home_text(out + ilen + 5, imsi, mnc_digits);
    complete behaviors;
    disjoint behaviors;
 */
enum itls_err
itls_imsi_impu(const uint8_t *imsi, size_t ilen, unsigned mnc_digits,
	char *out, size_t cap, size_t *olen);

#ifdef __cplusplus
}
#endif

#endif
