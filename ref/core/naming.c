/*
 * naming.c -- host names, domains, realms, trust domain, IMSI identities
 * (NM-10 .. NM-22). See itls/naming.h for the rules.
 */
#include "itls/naming.h"

/*@ assigns \nothing;
    ensures \result == nm_lc(c);
 */
static uint8_t
lower(uint8_t c)
{
	if (c >= 'A' && c <= 'Z') {
		return (uint8_t)(c + 32);
	}
	return c;
}

/* NM-10: the length once one trailing dot is dropped */
/*@ requires \valid_read(s + (0 .. n - 1));
    assigns \nothing;
    ensures \result == nm_tlen(s, n);
    ensures \result <= n;
 */
static size_t
trim_len(const uint8_t *s, size_t n)
{
	if (n > 0 && s[n - 1] == '.') {
		return n - 1;
	}
	return n;
}

/* a[ao .. ao+n-1] and b[0 .. n-1] equal modulo ASCII case */
/*@ requires ao + n <= SIZE_MAX;
    requires \valid_read(a + (ao .. ao + n - 1));
    requires \valid_read(b + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> nm_ieq(a, ao, b, n);
 */
static int
ieq_at(const uint8_t *a, size_t ao, const uint8_t *b, size_t n)
{
	size_t k;

	/*@ loop invariant 0 <= k <= n;
	    loop invariant \forall integer i; ao <= i < ao + k ==>
	      nm_lc(a[i]) == nm_lc(b[i - ao]);
	    loop assigns k;
	    loop variant n - k;
	 */
	for (k = 0; k < n; k++) {
		if (lower(a[ao + k]) != lower(b[k])) {
			return 0;
		}
	}
	return 1;
}

/* see itls/naming.h */
int
itls_host_eq(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	size_t ta, tb;

	/* NM-10 */
	ta = trim_len(a, alen);
	tb = trim_len(b, blen);
	if (ta != tb) {
		return 0;
	}
	return ieq_at(a, 0, b, ta);
}

/* see itls/naming.h */
int
itls_name_within(const uint8_t *a, size_t alen, const uint8_t *d, size_t dlen)
{
	size_t ta, td;

	/* NM-11: equal, or "." d at the end of a (label boundary) */
	ta = trim_len(a, alen);
	td = trim_len(d, dlen);
	if (ta == td) {
		return ieq_at(a, 0, d, td);
	}
	if (ta > td && a[ta - td - 1] == '.') {
		return ieq_at(a, ta - td, d, td);
	}
	return 0;
}

/* see itls/naming.h */
int
itls_name_match(const uint8_t *a, size_t alen, const uint8_t *d, size_t dlen,
	int exact)
{
	/* NM-12: exact mode of RFC 5922, else NM-11 */
	if (exact != 0) {
		return itls_host_eq(a, alen, d, dlen);
	}
	return itls_name_within(a, alen, d, dlen);
}

/*@ assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> nm_ldh(c);
 */
static int
is_ldh(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		|| (c >= '0' && c <= '9') || c == '-';
}

/* see itls/naming.h */
int
itls_domain_valid(const uint8_t *d, size_t dlen)
{
	size_t t, k;

	/* NM-13 */
	t = trim_len(d, dlen);
	if (t == 0 || d[0] == '.' || d[t - 1] == '.') {
		return 0;
	}
	/*@ loop invariant 0 <= k <= t;
	    loop invariant \forall integer j; 0 <= j < k ==>
	      nm_ldh(d[j]) || d[j] == '.';
	    loop invariant \forall integer j; 0 <= j < k && j < t - 1 ==>
	      d[j] == '.' ==> d[j + 1] != '.';
	    loop assigns k;
	    loop variant t - k;
	 */
	for (k = 0; k < t; k++) {
		if (!is_ldh(d[k]) && d[k] != '.') {
			return 0;
		}
		if (d[k] == '.' && k + 1 < t && d[k + 1] == '.') {
			return 0;
		}
	}
	return 1;
}

/* see itls/naming.h */
enum itls_err
itls_realm_domain(const uint8_t *r, size_t rlen, size_t *doff)
{
	size_t k;

	/* NM-14: the domain starts after the last '@' */
	k = rlen;
	/*@ loop invariant 0 <= k <= rlen;
	    loop invariant nm_no_at(r, k, rlen);
	    loop assigns k;
	    loop variant k;
	 */
	while (k > 0 && r[k - 1] != '@') {
		k--;
	}
	*doff = k;
	if (!itls_domain_valid(r + k, rlen - k)) {
		return ITLS_ERR_BAD_REALM;
	}
	return ITLS_OK;
}

/* see itls/naming.h */
int
itls_sip_uri_host(const uint8_t *u, size_t ulen, size_t *hlen)
{
	size_t k, h;

	/* NM-16: scheme "sip", no user part */
	if (ulen < 4 || lower(u[0]) != 's' || lower(u[1]) != 'i'
		|| lower(u[2]) != 'p' || u[3] != ':') {
		return 0;
	}
	/*@ loop invariant 4 <= k <= ulen;
	    loop invariant nm_no_at(u, 4, k);
	    loop assigns k;
	    loop variant ulen - k;
	 */
	for (k = 4; k < ulen; k++) {
		if (u[k] == '@') {
			return 0;
		}
	}
	/* the host ends at a port, parameters or headers */
	h = 0;
	/*@ loop invariant 0 <= h <= ulen - 4;
	    loop invariant \forall integer j; 4 <= j < 4 + h ==> !nm_host_stop(u[j]);
	    loop assigns h;
	    loop variant ulen - 4 - h;
	 */
	while (h < ulen - 4 && u[4 + h] != ':' && u[4 + h] != ';'
		&& u[4 + h] != '?') {
		h++;
	}
	*hlen = h;
	return 1;
}

/* Is there a SAN URI that is a SIP domain identity? */
/*@ requires x509_names_in(names, len);
    requires \valid_read(names);
    requires \valid_read(der + (0 .. len - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> nm_has_sip(names, der);
 */
static int
has_sip_uri(const struct itls_x509_names *names, const uint8_t *der,
	size_t len)
{
	size_t i, h;

	(void)len;
	/*@ loop invariant 0 <= i <= names->n_san;
	    loop invariant \forall integer j; 0 <= j < i ==>
	      !(names->san[j].kind == ITLS_X509_SAN_URI &&
	        nm_sip_identity(der + names->san[j].off, names->san[j].len));
	    loop assigns i, h;
	    loop variant names->n_san - i;
	 */
	for (i = 0; i < names->n_san; i++) {
		if (names->san[i].kind == ITLS_X509_SAN_URI
			&& itls_sip_uri_host(der + names->san[i].off,
				names->san[i].len, &h)) {
			return 1;
		}
	}
	return 0;
}

/* Is there a dNSName entry? */
/*@ requires x509_names_in(names, len);
    requires \valid_read(names);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> nm_has_dns(names);
 */
static int
has_dns(const struct itls_x509_names *names, size_t len)
{
	size_t i;

	(void)len;
	/*@ loop invariant 0 <= i <= names->n_san;
	    loop invariant \forall integer j; 0 <= j < i ==>
	      names->san[j].kind != ITLS_X509_SAN_DNS;
	    loop assigns i;
	    loop variant names->n_san - i;
	 */
	for (i = 0; i < names->n_san; i++) {
		if (names->san[i].kind == ITLS_X509_SAN_DNS) {
			return 1;
		}
	}
	return 0;
}

/* see itls/naming.h */
enum itls_name_source
itls_name_source(const struct itls_x509_names *names, const uint8_t *der,
	size_t len)
{
	/* NM-17 (RFC 5922 7.1): SIP URIs, else dNSName, else CN without SAN */
	if (has_sip_uri(names, der, len)) {
		return ITLS_NAME_SRC_SIP_URI;
	}
	if (has_dns(names, len)) {
		return ITLS_NAME_SRC_DNS;
	}
	if (names->has_san == 0 && names->n_cn > 0) {
		return ITLS_NAME_SRC_CN;
	}
	return ITLS_NAME_SRC_NONE;
}

/* see itls/naming.h */
int
itls_identity_match(const uint8_t *h, size_t hlen, const uint8_t *d,
	size_t dlen, int exact)
{
	/* NM-18: a host name (no wildcard), within d (or equal in exact mode) */
	if (!itls_domain_valid(h, hlen)) {
		return 0;
	}
	return itls_name_match(h, hlen, d, dlen, exact);
}

/* Does one counted identity of the source match d? (NM-18) */
/*@ requires x509_names_in(names, len);
    requires \valid_read(names);
    requires \valid_read(der + (0 .. len - 1));
    requires \valid_read(d + (0 .. dlen - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==>
      (\exists integer i, integer o, integer l;
         0 <= i < names->n_san && names->san[i].off <= o &&
         o + l <= names->san[i].off + names->san[i].len &&
         nm_domain_ok(der + o, l) && nm_match(der + o, l, d, dlen, exact)) ||
      (\exists integer i; 0 <= i < names->n_cn &&
         nm_text_cn(names->cn[i].type) &&
         nm_domain_ok(der + names->cn[i].off, names->cn[i].len) &&
         nm_match(der + names->cn[i].off, names->cn[i].len, d, dlen, exact));
 */
static int
any_identity_matches(const struct itls_x509_names *names, const uint8_t *der,
	size_t len, enum itls_name_source src, const uint8_t *d, size_t dlen,
	int exact)
{
	size_t i, h;
	const uint8_t *v;

	(void)len;
	if (src == ITLS_NAME_SRC_CN) {
		/*@ loop invariant 0 <= i <= names->n_cn;
		    loop assigns i;
		    loop variant names->n_cn - i;
		 */
		for (i = 0; i < names->n_cn; i++) {
			if ((names->cn[i].type == ITLS_X509_STR_UTF8
				|| names->cn[i].type == ITLS_X509_STR_PRINTABLE
				|| names->cn[i].type == ITLS_X509_STR_TELETEX
				|| names->cn[i].type == ITLS_X509_STR_IA5)
				&& itls_identity_match(der + names->cn[i].off,
					names->cn[i].len, d, dlen, exact)) {
				return 1;
			}
		}
		return 0;
	}
	/*@ loop invariant 0 <= i <= names->n_san;
	    loop assigns i, h, v;
	    loop variant names->n_san - i;
	 */
	for (i = 0; i < names->n_san; i++) {
		v = der + names->san[i].off;
		if (src == ITLS_NAME_SRC_SIP_URI
			&& names->san[i].kind == ITLS_X509_SAN_URI
			&& itls_sip_uri_host(v, names->san[i].len, &h)
			&& itls_identity_match(v + 4, h, d, dlen, exact)) {
			/*@ assert nm_domain_ok(der + (names->san[i].off + 4), h); */
			return 1;
		}
		if (src == ITLS_NAME_SRC_DNS
			&& names->san[i].kind == ITLS_X509_SAN_DNS
			&& itls_identity_match(v, names->san[i].len, d, dlen,
				exact)) {
			return 1;
		}
	}
	return 0;
}

/* see itls/naming.h */
enum itls_err
itls_name_check_names(const struct itls_x509_names *names, const uint8_t *der,
	size_t len, const uint8_t *d, size_t dlen, const uint8_t *r, size_t rlen,
	int has_realm, int exact)
{
	enum itls_name_source src;
	size_t ro;

	/* NM-20: the order of the checks */
	if (!itls_domain_valid(d, dlen)) {
		return ITLS_ERR_BAD_DOMAIN;
	}
	ro = 0;
	if (has_realm != 0) {
		if (itls_realm_domain(r, rlen, &ro) != ITLS_OK) {
			return ITLS_ERR_BAD_REALM;
		}
	}
	src = itls_name_source(names, der, len);
	if (src == ITLS_NAME_SRC_NONE) {
		return ITLS_ERR_NO_IDENTITY;
	}
	if (!any_identity_matches(names, der, len, src, d, dlen, exact)) {
		return ITLS_ERR_DOMAIN_MISMATCH;
	}
	/* NM-19: the realm's domain within d, whatever the mode */
	if (has_realm != 0 && !itls_name_within(r + ro, rlen - ro, d, dlen)) {
		return ITLS_ERR_REALM_MISMATCH;
	}
	return ITLS_OK;
}

/* see itls/naming.h */
enum itls_err
itls_name_check(const uint8_t *der, size_t len, const uint8_t *d, size_t dlen,
	const uint8_t *r, size_t rlen, int has_realm, int exact)
{
	struct itls_x509_names names;
	enum itls_err e;

	e = itls_x509_names_parse(der, len, &names);
	if (e != ITLS_OK) {
		return e;
	}
	return itls_name_check_names(&names, der, len, d, dlen, r, rlen,
		has_realm, exact);
}

/* Does name start with the scheme "sip:" (4), "sips:" (5)? 0 otherwise. */
/*@ requires \valid_read(name + (0 .. nlen - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 4 || \result == 5;
    ensures \result <= nlen;
 */
static size_t
sip_scheme_len(const uint8_t *name, size_t nlen)
{
	if (nlen >= 4 && lower(name[0]) == 's' && lower(name[1]) == 'i'
		&& lower(name[2]) == 'p') {
		if (name[3] == ':') {
			return 4;
		}
		if (nlen >= 5 && lower(name[3]) == 's' && name[4] == ':') {
			return 5;
		}
	}
	return 0;
}

/* see itls/naming.h */
enum itls_err
itls_name_domain(const uint8_t *name, size_t nlen, size_t *doff, size_t *dlen)
{
	size_t s, k, e;

	/* NM-22: IMPU, tel:, IMPI or home domain */
	if (nlen == 0) {
		return ITLS_ERR_BAD_NAME;
	}
	s = sip_scheme_len(name, nlen);
	if (s == 0 && nlen >= 4 && lower(name[0]) == 't' && lower(name[1]) == 'e'
		&& lower(name[2]) == 'l' && name[3] == ':') {
		return ITLS_ERR_BAD_NAME;
	}
	/* after the last '@', or after the scheme when there is none */
	k = nlen;
	/*@ loop invariant s <= k <= nlen;
	    loop assigns k;
	    loop variant k;
	 */
	while (k > s && name[k - 1] != '@') {
		k--;
	}
	e = nlen;
	if (s > 0) {
		/* an IMPU's host ends at a port, parameters or '>' */
		e = k;
		/*@ loop invariant k <= e <= nlen;
		    loop assigns e;
		    loop variant nlen - e;
		 */
		while (e < nlen && name[e] != ':' && name[e] != ';'
			&& name[e] != '>') {
			e++;
		}
	}
	if (!itls_domain_valid(name + k, e - k)) {
		return ITLS_ERR_BAD_NAME;
	}
	*doff = k;
	*dlen = e - k;
	return ITLS_OK;
}

/* see itls/naming.h */
enum itls_err
itls_trust_check(const uint8_t *name, size_t nlen, const uint8_t *t,
	size_t tlen)
{
	size_t o, l;

	/* NM-22 */
	if (!itls_domain_valid(t, tlen)) {
		return ITLS_ERR_BAD_DOMAIN;
	}
	if (itls_name_domain(name, nlen, &o, &l) != ITLS_OK) {
		return ITLS_ERR_BAD_NAME;
	}
	if (!itls_name_within(name + o, l, t, tlen)) {
		return ITLS_ERR_OUTSIDE_TRUST_DOMAIN;
	}
	return ITLS_OK;
}

/* NM-21: 6..15 decimal digits */
/*@ requires \valid_read(imsi + (0 .. ilen - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> nm_imsi_ok(imsi, ilen);
 */
static int
imsi_ok(const uint8_t *imsi, size_t ilen)
{
	size_t k;

	if (ilen < 6 || ilen > 15) {
		return 0;
	}
	/*@ loop invariant 0 <= k <= ilen;
	    loop invariant nm_digits(imsi, k);
	    loop assigns k;
	    loop variant ilen - k;
	 */
	for (k = 0; k < ilen; k++) {
		if (imsi[k] < '0' || imsi[k] > '9') {
			return 0;
		}
	}
	return 1;
}

/* NM-21: write the 33 bytes of the home network domain name at out */
/*@ requires nm_imsi_ok(imsi, ilen);
    requires mnc_digits == 2 || mnc_digits == 3;
    requires \valid(out + (0 .. ITLS_HOME_DOMAIN_LEN - 1));
    requires \separated(out + (0 .. ITLS_HOME_DOMAIN_LEN - 1),
      imsi + (0 .. ilen - 1));
    requires \valid_read(imsi + (0 .. ilen - 1));
    assigns out[0 .. ITLS_HOME_DOMAIN_LEN - 1];
    ensures nm_home_text(out, imsi, mnc_digits);
 */
static void
put_home(const uint8_t *imsi, size_t ilen, unsigned mnc_digits, char *out)
{
	(void)ilen;
	out[0] = 'i'; out[1] = 'm'; out[2] = 's'; out[3] = '.';
	out[4] = 'm'; out[5] = 'n'; out[6] = 'c';
	if (mnc_digits == 2) {
		out[7] = '0';
		out[8] = (char)imsi[3];
		out[9] = (char)imsi[4];
	} else {
		out[7] = (char)imsi[3];
		out[8] = (char)imsi[4];
		out[9] = (char)imsi[5];
	}
	out[10] = '.'; out[11] = 'm'; out[12] = 'c'; out[13] = 'c';
	out[14] = (char)imsi[0];
	out[15] = (char)imsi[1];
	out[16] = (char)imsi[2];
	out[17] = '.'; out[18] = '3'; out[19] = 'g'; out[20] = 'p';
	out[21] = 'p'; out[22] = 'n'; out[23] = 'e'; out[24] = 't';
	out[25] = 'w'; out[26] = 'o'; out[27] = 'r'; out[28] = 'k';
	out[29] = '.'; out[30] = 'o'; out[31] = 'r'; out[32] = 'g';
}

/* copy the IMSI digits to out[0 .. ilen-1] */
/*@ requires nm_imsi_ok(imsi, ilen);
    requires \valid(out + (0 .. ilen - 1));
    requires \valid_read(imsi + (0 .. ilen - 1));
    requires \separated(out + (0 .. ilen - 1), imsi + (0 .. ilen - 1));
    assigns out[0 .. ilen - 1];
    ensures \forall integer k; 0 <= k < ilen ==> out[k] == imsi[k];
 */
static void
put_digits(const uint8_t *imsi, size_t ilen, char *out)
{
	size_t k;

	/*@ loop invariant 0 <= k <= ilen;
	    loop invariant \forall integer j; 0 <= j < k ==> out[j] == imsi[j];
	    loop assigns k, out[0 .. ilen - 1];
	    loop variant ilen - k;
	 */
	for (k = 0; k < ilen; k++) {
		out[k] = (char)imsi[k];
	}
}

/* see itls/naming.h */
enum itls_err
itls_imsi_home_domain(const uint8_t *imsi, size_t ilen, unsigned mnc_digits,
	char *out, size_t cap, size_t *olen)
{
	if (!imsi_ok(imsi, ilen)) {
		return ITLS_ERR_BAD_IMSI;
	}
	if (mnc_digits != 2 && mnc_digits != 3) {
		return ITLS_ERR_BAD_MNC_LENGTH;
	}
	if (cap < ITLS_HOME_DOMAIN_LEN) {
		return ITLS_ERR_BUFFER_TOO_SMALL;
	}
	/* NM-21 (TS 23.003 13.2) */
	put_home(imsi, ilen, mnc_digits, out);
	*olen = ITLS_HOME_DOMAIN_LEN;
	return ITLS_OK;
}

/* see itls/naming.h */
enum itls_err
itls_imsi_impi(const uint8_t *imsi, size_t ilen, unsigned mnc_digits,
	char *out, size_t cap, size_t *olen)
{
	if (!imsi_ok(imsi, ilen)) {
		return ITLS_ERR_BAD_IMSI;
	}
	if (mnc_digits != 2 && mnc_digits != 3) {
		return ITLS_ERR_BAD_MNC_LENGTH;
	}
	if (cap < ilen + 1 + ITLS_HOME_DOMAIN_LEN) {
		return ITLS_ERR_BUFFER_TOO_SMALL;
	}
	/* NM-21 (TS 23.003 13.3): <IMSI>@<home domain> */
	put_digits(imsi, ilen, out);
	out[ilen] = '@';
	/*@ assert \forall integer k; 0 <= k < ilen ==> out[k] == imsi[k]; */
	put_home(imsi, ilen, mnc_digits, out + ilen + 1);
	/*@ assert \forall integer k; 0 <= k < ilen ==> out[k] == imsi[k]; */
	*olen = ilen + 1 + ITLS_HOME_DOMAIN_LEN;
	return ITLS_OK;
}

/* see itls/naming.h */
enum itls_err
itls_imsi_impu(const uint8_t *imsi, size_t ilen, unsigned mnc_digits,
	char *out, size_t cap, size_t *olen)
{
	if (!imsi_ok(imsi, ilen)) {
		return ITLS_ERR_BAD_IMSI;
	}
	if (mnc_digits != 2 && mnc_digits != 3) {
		return ITLS_ERR_BAD_MNC_LENGTH;
	}
	if (cap < ilen + 5 + ITLS_HOME_DOMAIN_LEN) {
		return ITLS_ERR_BUFFER_TOO_SMALL;
	}
	/* NM-21 (TS 23.003 13.4B): sip:<IMPI> */
	out[0] = 's';
	out[1] = 'i';
	out[2] = 'p';
	out[3] = ':';
	put_digits(imsi, ilen, out + 4);
	/*@ assert out[0] == 's' && out[1] == 'i' && out[2] == 'p' && out[3] == ':'; */
	out[ilen + 4] = '@';
	/*@ assert \forall integer k; 0 <= k < ilen ==> out[4 + k] == imsi[k]; */
	put_home(imsi, ilen, mnc_digits, out + ilen + 5);
	/*@ assert out[0] == 's' && out[1] == 'i' && out[2] == 'p' && out[3] == ':'; */
	/*@ assert \forall integer k; 0 <= k < ilen ==> out[4 + k] == imsi[k]; */
	*olen = ilen + 5 + ITLS_HOME_DOMAIN_LEN;
	return ITLS_OK;
}
