/*
 * authparam.c -- Digest challenge and credentials parameters (see
 * itls/authparam.h; rules AP-01 .. AP-31 of spec/authparam.md).
 *
 * One small function per lexical production (LWS, token, quoted-string,
 * parameter, parameter list), then the value rules, then the writers. Every
 * writer measures first and writes second, so that a failure leaves the
 * caller's buffer untouched (AP-31).
 */
#include "itls/authparam.h"

/*@
  logic integer ap_lower(integer c) = ('A' <= c <= 'Z') ? c + 32 : c;

  // number of bytes that a quoted string must escape (`"` and `\`), AP-30
  logic integer ap_nesc{L}(char *t, integer n) =
	n <= 0 ? 0 :
	ap_nesc(t, n - 1) + ((t[n - 1] == '"' || t[n - 1] == '\\') ? 1 : 0);

  // length of an algorithm (kind 0) or qop (kind 1) token (AP-27)
  logic integer ap_wlen(integer kind, integer v) =
	kind == 0 ? (v == ITLS_AP_ALG_MD5 ? 3 : 9) :
	(v == ITLS_AP_QOP_AUTH ? 4 : 8);

  // a byte a quoted string may hold (AP-08, AP-30): not a control but HTAB
  predicate ap_qtext(integer c) = !((0 <= c < 0x20 && c != '\t') || c == 0x7f);

  // the facts itls_authparam_parse() gives about one parameter (a value)
  predicate ap_param_okv{L}(char *s, struct itls_authparam_param p,
		integer len) =
	ap_view_in(p.name, len) && ap_view_in(p.value, len) &&
	ap_view_in(p.content, len) &&
	p.name.len >= 1 && p.value.len >= 1 &&
	p.name.off + p.name.len <= p.value.off &&
	(p.quoted != 0 ==>
		p.value.len >= 2 &&
		s[p.value.off] == '"' &&
		s[p.value.off + p.value.len - 1] == '"' &&
		p.content.off == p.value.off + 1 &&
		p.content.len == p.value.len - 2) &&
	(p.quoted == 0 ==>
		p.content.off == p.value.off &&
		p.content.len == p.value.len);

*/

/* ---- character classes ------------------------------------------------ */

/* AP-07: token characters */
/*@ assigns \nothing;
    ensures \result != 0 <==> ap_is_tchar(c);
 */
static int
is_tchar(char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		|| (c >= '0' && c <= '9')) {
		return 1;
	}
	switch (c) {
	case '!': case '#': case '$': case '%': case '&': case '\'':
	case '*': case '+': case '-': case '.': case '^': case '_':
	case '`': case '|': case '~':
		return 1;
	default:
		return 0;
	}
}

/* TK-16: 1 when lo <= x, 0 otherwise, without a branch */
/*@ requires -128 <= x <= 127 && 1 <= lo <= 127;
    assigns \nothing;
    ensures \result == (lo <= x ? 1 : 0);
 */
static int
ct_ge(int x, int lo)
{
	return (x + 256 - lo) / 256;
}

/* TK-16: the hex digits of CK and IK are secret (spec/token.md, "Constant time"):
 * the class of c is computed with arithmetic, not with branches. */
/*@ assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result != 0 <==> ap_is_hex(c);
 */
static int
is_hex(char c)
{
	int x = c;
	int d = ct_ge(x, '0') * (1 - ct_ge(x, '9' + 1));
	int l = ct_ge(x, 'a') * (1 - ct_ge(x, 'f' + 1));
	int u = ct_ge(x, 'A') * (1 - ct_ge(x, 'F' + 1));

	/*@ assert d == (('0' <= c <= '9') ? 1 : 0); */
	/*@ assert l == (('a' <= c <= 'f') ? 1 : 0); */
	/*@ assert u == (('A' <= c <= 'F') ? 1 : 0); */
	return d + l + u;
}

/* TK-16: the value of a hex digit, without a branch: the low four bits,
 * plus 9 for a letter (bit 6 set: 'A'..'F' and 'a'..'f') */
/*@ requires ap_is_hex(c);
    assigns \nothing;
    ensures \result == ap_hexv(c);
    ensures 0 <= \result <= 15;
 */
static unsigned
hex_val(char c)
{
	int x = c;

	/*@ assert '0' <= c <= '9' ==> x / 64 == 0 && x % 16 == c - '0'; */
	/*@ assert 'a' <= c <= 'f' ==> x / 64 == 1 && x % 16 == c - 'a' + 1; */
	/*@ assert 'A' <= c <= 'F' ==> x / 64 == 1 && x % 16 == c - 'A' + 1; */
	return (unsigned)(x % 16 + 9 * (x / 64));
}

/*@ requires v <= 15;
    assigns \nothing;
    ensures ap_is_hex(\result);
    ensures v < 10 ==> \result == '0' + v;
    ensures v >= 10 ==> \result == 'a' + v - 10;
 */
static char
hex_digit(unsigned v)
{
	if (v < 10) {
		return (char)('0' + v);
	}
	return (char)('a' + (v - 10));
}

/*@ assigns \nothing;
    ensures \result == ap_lower(c);
 */
static int
lower(char c)
{
	int x = c;

	if (x >= 'A' && x <= 'Z') {
		x += 32;
	}
	return x;
}

/* AP-09: ASCII case-insensitive comparison of n bytes */
/*@ requires \valid_read(a + (0 .. n - 1)) && \valid_read(b + (0 .. n - 1));
    assigns \nothing;
    ensures \result != 0 <==>
	(\forall integer k; 0 <= k < n ==> ap_lower(a[k]) == ap_lower(b[k]));
 */
static int
eq_nocase(const char *a, const char *b, size_t n)
{
	size_t i;

	/*@ loop invariant 0 <= i <= n;
	    loop invariant \forall integer k; 0 <= k < i ==>
		ap_lower(a[k]) == ap_lower(b[k]);
	    loop assigns i;
	    loop variant n - i;
	 */
	for (i = 0; i < n; i++) {
		if (lower(a[i]) != lower(b[i])) {
			return 0;
		}
	}
	return 1;
}

/* ---- lexical productions ------------------------------------------------ */

/* AP-02: LWS = *( SP / HTAB / CRLF followed by SP or HTAB ) */
/*@ requires i <= len;
    requires len == 0 || \valid_read(s + (0 .. len - 1));
    assigns \nothing;
    ensures i <= \result <= len;
 */
static size_t
skip_lws(const char *s, size_t len, size_t i)
{
	/*@ loop invariant \at(i, Pre) <= i <= len;
	    loop assigns i;
	    loop variant len - i;
	 */
	while (i < len) {
		if (s[i] == ' ' || s[i] == '\t') {
			i++;
		} else if (s[i] == '\r' && len - i >= 3 && s[i + 1] == '\n'
			&& (s[i + 2] == ' ' || s[i + 2] == '\t')) {
			i += 3;
		} else {
			break;
		}
	}
	return i;
}

/* AP-07: the run of token characters starting at i */
/*@ requires i <= len;
    requires len == 0 || \valid_read(s + (0 .. len - 1));
    assigns \nothing;
    ensures i <= \result <= len;
    ensures \forall integer k; i <= k < \result ==> ap_is_tchar(s[k]);
 */
static size_t
scan_token(const char *s, size_t len, size_t i)
{
	/*@ loop invariant \at(i, Pre) <= i <= len;
	    loop invariant \forall integer k; \at(i, Pre) <= k < i ==>
		ap_is_tchar(s[k]);
	    loop assigns i;
	    loop variant len - i;
	 */
	while (i < len && is_tchar(s[i])) {
		i++;
	}
	return i;
}

/* AP-08: a quoted string starting at s[i] == '"'; returns one past the
 * closing quote, or 0 when it is not a well-formed quoted string */
/*@ requires i < len;
    requires \valid_read(s + (0 .. len - 1));
    requires s[i] == '"';
    assigns \nothing;
    ensures \result == 0 || (i + 2 <= \result <= len && s[\result - 1] == '"');
 */
static size_t
scan_quoted(const char *s, size_t len, size_t i)
{
	size_t j = i + 1;
	char c;

	/*@ loop invariant i + 1 <= j <= len;
	    loop assigns j, c;
	    loop variant len - j;
	 */
	while (j < len) {
		c = s[j];
		if (c == '"') {
			return j + 1;
		}
		if (c == '\\') {
			/* quoted-pair: any byte but CR and LF */
			if (len - j < 2 || s[j + 1] == '\r' || s[j + 1] == '\n') {
				return 0;
			}
			j += 2;
		} else if (c == '\r') {
			/* folding: CRLF followed by SP or HTAB */
			if (len - j < 3 || s[j + 1] != '\n'
				|| (s[j + 2] != ' ' && s[j + 2] != '\t')) {
				return 0;
			}
			j += 3;
		} else if ((c >= 0 && c < 0x20 && c != '\t') || c == 0x7f) {
			return 0;
		} else {
			j++;
		}
	}
	return 0;
}

/* the outcome of parse_param: an error, or a parameter and where it ends */
struct ap_lex {
	enum itls_err e;
	size_t next;
	struct itls_authparam_param p;
};

/* AP-06: one parameter name LWS "=" LWS value at pos; .next is one past
 * the value */
/*@ requires pos < len <= ITLS_AUTHPARAM_MAX_LEN;
    requires \valid_read(s + (0 .. len - 1));
    assigns \nothing;
    ensures \result.e == ITLS_OK || \result.e == ITLS_ERR_SYNTAX ||
	\result.e == ITLS_ERR_BAD_QUOTED_STRING;
    ensures \result.e == ITLS_OK ==> pos < \result.next <= len;
    ensures \result.e == ITLS_OK ==> ap_param_okv(s, \result.p, len);
    ensures \result.e == ITLS_OK ==>
	\result.p.value.off + \result.p.value.len == \result.next;
    ensures \result.e == ITLS_OK ==> \result.p.id == ITLS_AP_UNKNOWN;
 */
static struct ap_lex
parse_param(const char *s, size_t len, size_t pos)
{
	struct ap_lex r;
	size_t ne, eq, v, ve;

	r.e = ITLS_ERR_SYNTAX;
	r.next = pos;
	r.p.name.off = 0;
	r.p.name.len = 0;
	r.p.value.off = 0;
	r.p.value.len = 0;
	r.p.content.off = 0;
	r.p.content.len = 0;
	r.p.id = ITLS_AP_UNKNOWN;
	r.p.quoted = 0;
	ne = scan_token(s, len, pos);
	if (ne == pos) {
		return r;
	}
	eq = skip_lws(s, len, ne);
	if (eq == len || s[eq] != '=') {
		return r;
	}
	v = skip_lws(s, len, eq + 1);
	if (v == len) {
		return r;
	}
	if (s[v] == '"') {
		ve = scan_quoted(s, len, v);
		if (ve == 0) {
			r.e = ITLS_ERR_BAD_QUOTED_STRING;
			return r;
		}
		r.p.quoted = 1;
		r.p.content.off = v + 1;
		r.p.content.len = ve - v - 2;
	} else {
		ve = scan_token(s, len, v);
		if (ve == v) {
			return r;
		}
		r.p.content.off = v;
		r.p.content.len = ve - v;
	}
	r.p.name.off = pos;
	r.p.name.len = ne - pos;
	r.p.value.off = v;
	r.p.value.len = ve - v;
	r.e = ITLS_OK;
	r.next = ve;
	return r;
}

/* AP-09: is the name nm already among p[0 .. n-1]? (A stored view that
 * does not lie inside s cannot equal nm; parse_list never stores one.) */
/*@ requires len <= ITLS_AUTHPARAM_MAX_LEN;
    requires \valid_read(s + (0 .. len - 1));
    requires \valid_read(ap);
    requires n <= ITLS_AUTHPARAM_MAX_PARAMS;
    requires ap_view_in(nm, len);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int
has_name(const char *s, size_t len, const struct itls_authparam *ap, size_t n,
	struct itls_authparam_view nm)
{
	size_t j, off, l;

	/*@ loop invariant 0 <= j <= n;
	    loop assigns j, off, l;
	    loop variant n - j;
	 */
	for (j = 0; j < n; j++) {
		off = ap->p[j].name.off;
		l = ap->p[j].name.len;
		if (l == nm.len && off <= len && l <= len - off
			&& eq_nocase(s + off, s + nm.off, nm.len)) {
			return 1;
		}
	}
	return 0;
}

/* AP-06, AP-09, AP-10: the parameter list from pos to the end */
/*@ requires 0 < pos < len <= ITLS_AUTHPARAM_MAX_LEN;
    requires \valid_read(s + (0 .. len - 1));
    requires \valid(ap);
    requires \separated(ap, s + (0 .. len - 1));
    assigns ap->n, ap->p[0 .. ITLS_AUTHPARAM_MAX_PARAMS - 1];
    ensures \result == ITLS_OK || \result == ITLS_ERR_SYNTAX ||
	\result == ITLS_ERR_BAD_QUOTED_STRING ||
	\result == ITLS_ERR_TOO_MANY_PARAMETERS ||
	\result == ITLS_ERR_DUPLICATE_PARAMETER;
    ensures \result == ITLS_OK ==> 1 <= ap->n <= ITLS_AUTHPARAM_MAX_PARAMS;
 */
static enum itls_err
parse_list(const char *s, size_t len, size_t pos, struct itls_authparam *ap)
{
	size_t n = 0;
	struct ap_lex r;

	/*@ loop invariant 0 <= n <= ITLS_AUTHPARAM_MAX_PARAMS;
	    loop invariant 0 < pos < len;
	    loop assigns n, pos, r, ap->p[0 .. ITLS_AUTHPARAM_MAX_PARAMS - 1];
	    loop variant len - pos;
	 */
	for (;;) {
		if (n == ITLS_AUTHPARAM_MAX_PARAMS) {
			/* AP-22: the 33rd parameter's syntax first, then AP-10 */
			r = parse_param(s, len, pos);
			return r.e != ITLS_OK ? r.e : ITLS_ERR_TOO_MANY_PARAMETERS;
		}
		r = parse_param(s, len, pos);
		if (r.e != ITLS_OK) {
			return r.e;
		}
		if (has_name(s, len, ap, n, r.p.name)) {
			return ITLS_ERR_DUPLICATE_PARAMETER; /* AP-09 */
		}
		ap->p[n] = r.p;
		n++;
		pos = skip_lws(s, len, r.next);
		if (pos == len) {
			ap->n = n;
			return ITLS_OK;
		}
		if (s[pos] != ',') {
			return ITLS_ERR_SYNTAX;
		}
		pos = skip_lws(s, len, pos + 1);
		if (pos == len) {
			return ITLS_ERR_SYNTAX; /* AP-06: trailing comma */
		}
	}
}

/* The facts parse_param established about each stored parameter, checked
 * again over the finished struct: a read-only pass that cannot fail, and
 * that gives the proof those facts without carrying them through every
 * store of the parsing loop. */
/*@ requires len <= ITLS_AUTHPARAM_MAX_LEN;
    requires \valid_read(s + (0 .. len - 1));
    requires \valid_read(ap) && ap->n <= ITLS_AUTHPARAM_MAX_PARAMS;
    assigns \nothing;
    ensures \result != 0 ==>
	\forall integer j; 0 <= j < ap->n ==> ap_param_ok(s, &ap->p[j], len);
 */
static int
views_ok(const char *s, size_t len, const struct itls_authparam *ap)
{
	size_t j;
	const struct itls_authparam_param *p;

	/*@ loop invariant 0 <= j <= ap->n;
	    loop invariant \forall integer m; 0 <= m < j ==>
		ap_param_ok(s, &ap->p[m], len);
	    loop assigns j, p;
	    loop variant ap->n - j;
	 */
	for (j = 0; j < ap->n; j++) {
		p = &ap->p[j];
		if (p->name.off > len || p->name.len > len - p->name.off
			|| p->value.off > len || p->value.len > len - p->value.off
			|| p->content.off > len
			|| p->content.len > len - p->content.off
			|| p->name.len < 1 || p->value.len < 1
			|| p->name.off + p->name.len > p->value.off) {
			return 0;
		}
		if (p->quoted) {
			if (p->value.len < 2 || s[p->value.off] != '"'
				|| s[p->value.off + p->value.len - 1] != '"'
				|| p->content.off != p->value.off + 1
				|| p->content.len != p->value.len - 2) {
				return 0;
			}
		} else if (p->content.off != p->value.off
			|| p->content.len != p->value.len) {
			return 0;
		}
	}
	return 1;
}

/* ---- known parameters ---------------------------------------------------- */

/* AP-09, AP-11: the id of a parameter name, ITLS_AP_UNKNOWN if not known */
/*@ requires \valid_read(nm + (0 .. n - 1));
    assigns \nothing;
    ensures \result <= ITLS_AP_UNKNOWN;
 */
static unsigned
known_id(const char *nm, size_t n)
{
	switch (n) {
	case 2:
		if (eq_nocase(nm, "ck", 2)) {
			return ITLS_AP_CK;
		}
		if (eq_nocase(nm, "ik", 2)) {
			return ITLS_AP_IK;
		}
		if (eq_nocase(nm, "nc", 2)) {
			return ITLS_AP_NC;
		}
		break;
	case 3:
		if (eq_nocase(nm, "qop", 3)) {
			return ITLS_AP_QOP;
		}
		if (eq_nocase(nm, "uri", 3)) {
			return ITLS_AP_URI;
		}
		break;
	case 5:
		if (eq_nocase(nm, "realm", 5)) {
			return ITLS_AP_REALM;
		}
		if (eq_nocase(nm, "nonce", 5)) {
			return ITLS_AP_NONCE;
		}
		break;
	case 6:
		if (eq_nocase(nm, "opaque", 6)) {
			return ITLS_AP_OPAQUE;
		}
		if (eq_nocase(nm, "cnonce", 6)) {
			return ITLS_AP_CNONCE;
		}
		break;
	case 7:
		if (eq_nocase(nm, "s_token", 7)) {
			return ITLS_AP_S_TOKEN;
		}
		if (eq_nocase(nm, "c_token", 7)) {
			return ITLS_AP_C_TOKEN;
		}
		break;
	case 8:
		if (eq_nocase(nm, "username", 8)) {
			return ITLS_AP_USERNAME;
		}
		if (eq_nocase(nm, "response", 8)) {
			return ITLS_AP_RESPONSE;
		}
		break;
	case 9:
		if (eq_nocase(nm, "algorithm", 9)) {
			return ITLS_AP_ALGORITHM;
		}
		break;
	case 19:
		if (eq_nocase(nm, "integrity-protected", 19)) {
			return ITLS_AP_INTEGRITY_PROTECTED;
		}
		break;
	default:
		break;
	}
	return ITLS_AP_UNKNOWN;
}

/* O(1) access: id of each parameter, index of each known one (AP-09) */
/*@ requires len <= ITLS_AUTHPARAM_MAX_LEN;
    requires \valid_read(s + (0 .. len - 1));
    requires \valid(ap) && \separated(ap, s + (0 .. len - 1));
    requires ap->n <= ITLS_AUTHPARAM_MAX_PARAMS;
    requires \forall integer j; 0 <= j < ap->n ==> ap_view_in(ap->p[j].name, len);
    assigns ap->at[0 .. ITLS_AP_KNOWN - 1],
	ap->p[0 .. ITLS_AUTHPARAM_MAX_PARAMS - 1].id;
    ensures \forall integer j; 0 <= j < ap->n ==> ap->p[j].id <= ITLS_AP_UNKNOWN;
    ensures \forall integer k; 0 <= k < ITLS_AP_KNOWN ==>
	ap->at[k] == ITLS_AUTHPARAM_ABSENT ||
	(ap->at[k] < ap->n && ap->p[ap->at[k]].id == k);
 */
static void
index_known(const char *s, size_t len, struct itls_authparam *ap)
{
	size_t j, k;
	unsigned id;

	(void)len;
	/*@ loop invariant 0 <= k <= ITLS_AP_KNOWN;
	    loop invariant \forall integer m; 0 <= m < k ==>
		ap->at[m] == ITLS_AUTHPARAM_ABSENT;
	    loop assigns k, ap->at[0 .. ITLS_AP_KNOWN - 1];
	    loop variant ITLS_AP_KNOWN - k;
	 */
	for (k = 0; k < ITLS_AP_KNOWN; k++) {
		ap->at[k] = ITLS_AUTHPARAM_ABSENT;
	}
	/*@ loop invariant 0 <= j <= ap->n;
	    loop invariant \forall integer m; 0 <= m < ap->n ==>
		ap_view_in(ap->p[m].name, len);
	    loop invariant \forall integer m; 0 <= m < j ==> ap->p[m].id <= ITLS_AP_UNKNOWN;
	    loop invariant \forall integer k; 0 <= k < ITLS_AP_KNOWN ==>
		ap->at[k] == ITLS_AUTHPARAM_ABSENT ||
		(ap->at[k] < j && ap->p[ap->at[k]].id == k);
	    loop assigns j, id, ap->at[0 .. ITLS_AP_KNOWN - 1],
		ap->p[0 .. ITLS_AUTHPARAM_MAX_PARAMS - 1].id;
	    loop variant ap->n - j;
	 */
	for (j = 0; j < ap->n; j++) {
		id = known_id(s + ap->p[j].name.off, ap->p[j].name.len);
		ap->p[j].id = id;
		if (id < ITLS_AP_KNOWN) {
			ap->at[id] = (uint8_t)j;
		}
	}
}

/* What index_known and the credentials flag established, checked again
 * over the finished struct (read-only, cannot fail; see views_ok). */
/*@ requires \valid_read(ap) && ap->n <= ITLS_AUTHPARAM_MAX_PARAMS;
    assigns \nothing;
    ensures \result != 0 ==>
	\forall integer j; 0 <= j < ap->n ==> ap->p[j].id <= ITLS_AP_UNKNOWN;
    ensures \result != 0 ==> \forall integer k; 0 <= k < ITLS_AP_KNOWN ==>
	ap->at[k] == ITLS_AUTHPARAM_ABSENT ||
	(ap->at[k] < ap->n && ap->p[ap->at[k]].id == k);
    ensures \result != 0 ==>
	(ap->credentials != 0 <==> ap->at[ITLS_AP_RESPONSE] < ap->n);
 */
static int
index_ok(const struct itls_authparam *ap)
{
	size_t j, k;

	/*@ loop invariant 0 <= j <= ap->n;
	    loop invariant \forall integer m; 0 <= m < j ==>
		ap->p[m].id <= ITLS_AP_UNKNOWN;
	    loop assigns j;
	    loop variant ap->n - j;
	 */
	for (j = 0; j < ap->n; j++) {
		if (ap->p[j].id > ITLS_AP_UNKNOWN) {
			return 0;
		}
	}
	/*@ loop invariant 0 <= k <= ITLS_AP_KNOWN;
	    loop invariant \forall integer m; 0 <= m < k ==>
		ap->at[m] == ITLS_AUTHPARAM_ABSENT ||
		(ap->at[m] < ap->n && ap->p[ap->at[m]].id == m);
	    loop assigns k;
	    loop variant ITLS_AP_KNOWN - k;
	 */
	for (k = 0; k < ITLS_AP_KNOWN; k++) {
		if (ap->at[k] != ITLS_AUTHPARAM_ABSENT
			&& (ap->at[k] >= ap->n || ap->p[ap->at[k]].id != k)) {
			return 0;
		}
	}
	return (ap->credentials != 0) == (ap->at[ITLS_AP_RESPONSE] < ap->n);
}

/* ---- value rules --------------------------------------------------------- */

/* AP-12: copy n content bytes, replacing each escape pair by its byte */
/*@ requires \valid_read(src + (0 .. n - 1));
    requires \valid(out + (0 .. n - 1));
    requires \separated(out + (0 .. n - 1), src + (0 .. n - 1));
    assigns out[0 .. n - 1];
    ensures 0 <= \result <= n;
 */
static size_t
unescape(const char *src, size_t n, char *out)
{
	size_t i = 0, w = 0;

	/*@ loop invariant 0 <= w <= i <= n;
	    loop assigns i, w, out[0 .. n - 1];
	    loop variant n - i;
	 */
	while (i < n) {
		if (src[i] == '\\' && n - i >= 2) {
			i++;
		}
		out[w] = src[i];
		w++;
		i++;
	}
	return w;
}

/*@ requires \valid_read(b + (0 .. n - 1));
    assigns \nothing;
    ensures \result != 0 <==> (\forall integer k; 0 <= k < n ==> ap_is_hex(b[k]));
 */
static int
all_hex(const char *b, size_t n)
{
	size_t i;
	int ok = 1;

	/*@ loop invariant 0 <= i <= n;
	    loop invariant ok == 0 || ok == 1;
	    loop invariant ok != 0 <==> (\forall integer k; 0 <= k < i ==> ap_is_hex(b[k]));
	    loop assigns i, ok;
	    loop variant n - i;
	 */
	for (i = 0; i < n; i++) {
		ok = ok * is_hex(b[i]); /* TK-16: no early exit */
	}
	return ok;
}

/* AP-14 */
/*@ requires \valid_read(b + (0 .. n - 1));
    assigns \nothing;
    ensures \result != 0 ==> n == 3 || n == 9;  // MD5, AKAv1-MD5, AKAv2-MD5
 */
static int
is_algorithm(const char *b, size_t n)
{
	if (n == 9) {
		return eq_nocase(b, "akav1-md5", 9) || eq_nocase(b, "akav2-md5", 9);
	}
	return n == 3 && eq_nocase(b, "md5", 3);
}

/* AP-17 */
/*@ requires \valid_read(b + (0 .. n - 1));
    assigns \nothing;
    ensures \result != 0 ==> n == 4 || n == 8;  // auth, auth-int
 */
static int
is_message_qop(const char *b, size_t n)
{
	return (n == 4 && eq_nocase(b, "auth", 4))
		|| (n == 8 && eq_nocase(b, "auth-int", 8));
}

/* AP-20 */
/*@ requires \valid_read(b + (0 .. n - 1));
    assigns \nothing;
    ensures \result != 0 ==> 2 <= n <= 16;  // no .. ip-assoc-pending
 */
static int
is_integrity(const char *b, size_t n)
{
	switch (n) {
	case 2:
		return eq_nocase(b, "no", 2);
	case 3:
		return eq_nocase(b, "yes", 3);
	case 7:
		return eq_nocase(b, "tls-yes", 7);
	case 9:
		return eq_nocase(b, "auth-done", 9);
	case 11:
		return eq_nocase(b, "tls-pending", 11);
	case 12:
		return eq_nocase(b, "ip-assoc-yes", 12);
	case 16:
		return eq_nocase(b, "ip-assoc-pending", 16);
	default:
		return 0;
	}
}

/* AP-16: a challenge's qop list, read through the escapes of its content:
 * token *( OWS "," OWS token ), OWS = SP / HTAB */
/*@ requires \valid_read(c + (0 .. n - 1));
    assigns \nothing;
    ensures \result != 0 ==> n >= 1;  // at least one token
 */
static int
is_qop_list(const char *c, size_t n)
{
	size_t i = 0;
	int st = 0; /* 0: before a token, 1: in a token, 2: after a token */
	char x;

	/*@ loop invariant 0 <= i <= n;
	    loop invariant 0 <= st <= 2;
	    loop invariant st != 0 ==> i >= 1;
	    loop assigns i, st, x;
	    loop variant n - i;
	 */
	while (i < n) {
		x = c[i];
		if (x == '\\' && n - i >= 2) {
			x = c[i + 1];
			i++;
		}
		i++;
		if (x == ' ' || x == '\t') {
			if (st == 1) {
				st = 2;
			}
		} else if (x == ',') {
			if (st == 0) {
				return 0;
			}
			st = 0;
		} else if (is_tchar(x)) {
			if (st == 2) {
				return 0;
			}
			st = 1;
		} else {
			return 0;
		}
	}
	return st != 0;
}

#define AP_CHECK_BUF 64

/* the reason word when the value of a checked parameter is wrong */
/*@ assigns \nothing;
    ensures \result == ITLS_ERR_BAD_ALGORITHM || \result == ITLS_ERR_BAD_QOP ||
	\result == ITLS_ERR_BAD_HEX || \result == ITLS_ERR_BAD_TOKEN ||
	\result == ITLS_ERR_BAD_INTEGRITY_PROTECTED || \result == ITLS_ERR_BAD_NC;
 */
static enum itls_err
value_error(unsigned id)
{
	switch (id) {
	case ITLS_AP_ALGORITHM:
		return ITLS_ERR_BAD_ALGORITHM; /* AP-14 */
	case ITLS_AP_QOP:
		return ITLS_ERR_BAD_QOP; /* AP-17 */
	case ITLS_AP_CK: case ITLS_AP_IK:
		return ITLS_ERR_BAD_HEX; /* AP-18 */
	case ITLS_AP_S_TOKEN: case ITLS_AP_C_TOKEN:
		return ITLS_ERR_BAD_TOKEN; /* AP-19 */
	case ITLS_AP_INTEGRITY_PROTECTED:
		return ITLS_ERR_BAD_INTEGRITY_PROTECTED; /* AP-20 */
	default:
		return ITLS_ERR_BAD_NC; /* AP-21 */
	}
}

/* is the unescaped value b[0 .. n-1] legal for a checked parameter? */
/*@ requires \valid_read(b + (0 .. n - 1));
    assigns \nothing;
    ensures \result != 0 && (id == ITLS_AP_CK || id == ITLS_AP_IK) ==>
	n == 32 && \forall integer k; 0 <= k < n ==> ap_is_hex(b[k]);
    ensures \result != 0 && (id == ITLS_AP_S_TOKEN || id == ITLS_AP_C_TOKEN) ==>
	n == 24 && \forall integer k; 0 <= k < n ==> ap_is_hex(b[k]);
    ensures \result != 0 && id == ITLS_AP_NC ==>
	n == 8 && \forall integer k; 0 <= k < n ==> ap_is_hex(b[k]);
    ensures \result != 0 && id == ITLS_AP_ALGORITHM ==> n == 3 || n == 9;
    ensures \result != 0 && id == ITLS_AP_QOP ==> n == 4 || n == 8;
    ensures \result != 0 && id == ITLS_AP_INTEGRITY_PROTECTED ==> 2 <= n <= 16;
 */
static int
value_ok(unsigned id, const char *b, size_t n)
{
	size_t hex;

	switch (id) {
	case ITLS_AP_ALGORITHM:
		return is_algorithm(b, n); /* AP-14 */
	case ITLS_AP_QOP:
		return is_message_qop(b, n); /* AP-17 */
	case ITLS_AP_INTEGRITY_PROTECTED:
		return is_integrity(b, n); /* AP-20 */
	case ITLS_AP_CK: case ITLS_AP_IK:
		hex = 32; /* AP-18 */
		break;
	case ITLS_AP_S_TOKEN: case ITLS_AP_C_TOKEN:
		hex = 24; /* AP-19 */
		break;
	default:
		hex = 8; /* AP-21 */
		break;
	}
	if (n != hex) {
		return 0;
	}
	return all_hex(b, n);
}

/* AP-12 .. AP-21: the rule of one parameter, by its id */
/*@ requires len <= ITLS_AUTHPARAM_MAX_LEN;
    requires \valid_read(s + (0 .. len - 1));
    requires \valid_read(p) && ap_param_ok(s, p, len);
    assigns \nothing;
    ensures \result == ITLS_OK || \result == ITLS_ERR_SYNTAX ||
	\result == ITLS_ERR_BAD_ALGORITHM || \result == ITLS_ERR_BAD_QOP ||
	\result == ITLS_ERR_BAD_HEX || \result == ITLS_ERR_BAD_TOKEN ||
	\result == ITLS_ERR_BAD_INTEGRITY_PROTECTED || \result == ITLS_ERR_BAD_NC;
 */
static enum itls_err
check_param(const char *s, size_t len, const struct itls_authparam_param *p,
	int credentials)
{
	char buf[AP_CHECK_BUF];
	size_t m;
	enum itls_err bad;

	(void)len;
	switch (p->id) {
	case ITLS_AP_REALM: case ITLS_AP_NONCE: case ITLS_AP_OPAQUE:
	case ITLS_AP_USERNAME: case ITLS_AP_URI: case ITLS_AP_RESPONSE:
	case ITLS_AP_CNONCE:
		/* AP-13: quoted strings only */
		return p->quoted ? ITLS_OK : ITLS_ERR_SYNTAX;
	case ITLS_AP_QOP:
		if (!credentials) {
			/* AP-16 */
			return is_qop_list(s + p->content.off, p->content.len) ?
				ITLS_OK : ITLS_ERR_BAD_QOP;
		}
		break;
	case ITLS_AP_ALGORITHM: case ITLS_AP_CK: case ITLS_AP_IK:
	case ITLS_AP_S_TOKEN: case ITLS_AP_C_TOKEN:
	case ITLS_AP_INTEGRITY_PROTECTED: case ITLS_AP_NC:
		break;
	default:
		return ITLS_OK; /* AP-11: unknown, not checked */
	}
	bad = value_error(p->id);
	/* AP-12: every legal value below has at most 32 bytes, and an escaped
	 * content is at most twice as long as the bytes it stands for */
	if (p->content.len > AP_CHECK_BUF) {
		return bad;
	}
	m = unescape(s + p->content.off, p->content.len, buf);
	return value_ok(p->id, buf, m) ? ITLS_OK : bad;
}

/* AP-22: value rules in parameter order */
/*@ requires len <= ITLS_AUTHPARAM_MAX_LEN;
    requires \valid_read(s + (0 .. len - 1));
    requires \valid_read(ap) && ap->n <= ITLS_AUTHPARAM_MAX_PARAMS;
    requires \forall integer j; 0 <= j < ap->n ==> ap_param_ok(s, &ap->p[j], len);
    assigns \nothing;
    ensures \result == ITLS_OK || \result == ITLS_ERR_SYNTAX ||
	\result == ITLS_ERR_BAD_ALGORITHM || \result == ITLS_ERR_BAD_QOP ||
	\result == ITLS_ERR_BAD_HEX || \result == ITLS_ERR_BAD_TOKEN ||
	\result == ITLS_ERR_BAD_INTEGRITY_PROTECTED || \result == ITLS_ERR_BAD_NC;
 */
static enum itls_err
check_values(const char *s, size_t len, const struct itls_authparam *ap)
{
	size_t j;
	enum itls_err e;

	/*@ loop invariant 0 <= j <= ap->n;
	    loop assigns j, e;
	    loop variant ap->n - j;
	 */
	for (j = 0; j < ap->n; j++) {
		e = check_param(s, len, &ap->p[j], ap->credentials);
		if (e != ITLS_OK) {
			return e;
		}
	}
	return ITLS_OK;
}

/* see itls/authparam.h */
enum itls_err
itls_authparam_parse(const char *s, size_t len, struct itls_authparam *ap)
{
	size_t i, j, k;
	enum itls_err e;

	ap->n = 0;
	ap->credentials = 0;
	if (len > ITLS_AUTHPARAM_MAX_LEN) {
		return ITLS_ERR_TOO_LONG; /* AP-01 */
	}
	i = skip_lws(s, len, 0);
	if (i == len) {
		return ITLS_ERR_EMPTY; /* AP-04 */
	}
	j = scan_token(s, len, i);
	if (j - i != 6 || !eq_nocase(s + i, "digest", 6)) {
		return ITLS_ERR_BAD_SCHEME; /* AP-03 */
	}
	k = skip_lws(s, len, j);
	if (k == len) {
		return ITLS_ERR_EMPTY; /* AP-04 */
	}
	if (k == j) {
		return ITLS_ERR_SYNTAX; /* AP-05 */
	}
	e = parse_list(s, len, k, ap);
	if (e != ITLS_OK) {
		return e;
	}
	if (!views_ok(s, len, ap)) {
		return ITLS_ERR_SYNTAX; /* never: re-check of parse_param's views */
	}
	index_known(s, len, ap);
	/* AP-15: credentials have a response */
	ap->credentials = (uint8_t)(ap->at[ITLS_AP_RESPONSE] < ap->n);
	if (!index_ok(ap)) {
		return ITLS_ERR_SYNTAX; /* never: re-check of index_known */
	}
	return check_values(s, len, ap);
}

/* ---- writers ------------------------------------------------------------- */

/* no writer ever reaches this position: 32 parameters of at most 2 x 65535
 * bytes each, or the six texts of SM7 */
#define AP_POS_MAX 0xffffffffu

/* copy n bytes to out[pos ..] */
/*@ requires pos + n <= AP_POS_MAX;
    requires n == 0 || \valid_read(src + (0 .. n - 1));
    requires \valid(out + (pos .. pos + n - 1));
    requires \separated(out + (pos .. pos + n - 1), src + (0 .. n - 1));
    assigns out[pos .. pos + n - 1];
    ensures \result == pos + n;
    ensures \forall integer k; 0 <= k < n ==> out[pos + k] == src[k];
 */
static size_t
put_bytes(char *out, size_t pos, const char *src, size_t n)
{
	size_t i;

	/*@ loop invariant 0 <= i <= n;
	    loop invariant \forall integer k; 0 <= k < i ==> out[pos + k] == src[k];
	    loop assigns i, out[pos .. pos + n - 1];
	    loop variant n - i;
	 */
	for (i = 0; i < n; i++) {
		out[pos + i] = src[i];
	}
	return pos + n;
}

/* AP-23: the scheme, "Digest", at out[0 .. 5] */
/*@ requires \valid(out + (0 .. 5));
    assigns out[0 .. 5];
    ensures out[0] == 'D' && out[1] == 'i' && out[2] == 'g' &&
	out[3] == 'e' && out[4] == 's' && out[5] == 't';
    ensures \result == 6;
 */
static size_t
put_digest(char *out)
{
	out[0] = 'D';
	out[1] = 'i';
	out[2] = 'g';
	out[3] = 'e';
	out[4] = 's';
	out[5] = 't';
	return 6;
}

/* AP-23: copy a name in lower case */
/*@ requires pos + n <= AP_POS_MAX;
    requires \valid_read(src + (0 .. n - 1));
    requires \valid(out + (pos .. pos + n - 1));
    requires \separated(out + (pos .. pos + n - 1), src + (0 .. n - 1));
    assigns out[pos .. pos + n - 1];
    ensures \result == pos + n;
 */
static size_t
put_lower(char *out, size_t pos, const char *src, size_t n)
{
	size_t i;

	/*@ loop invariant 0 <= i <= n;
	    loop assigns i, out[pos .. pos + n - 1];
	    loop variant n - i;
	 */
	for (i = 0; i < n; i++) {
		out[pos + i] = (char)lower(src[i]);
	}
	return pos + n;
}

/* write ", " (or " " for the first parameter) */
/*@ requires pos + 2 <= AP_POS_MAX;
    requires \valid(out + (pos .. pos + 1));
    assigns out[pos .. pos + 1];
    ensures first != 0 ==> \result == pos + 1;
    ensures first == 0 ==> \result == pos + 2;
 */
static size_t
put_sep(char *out, size_t pos, int first)
{
	if (first) {
		out[pos] = ' ';
		return pos + 1;
	}
	out[pos] = ',';
	out[pos + 1] = ' ';
	return pos + 2;
}

/* AP-23: one parameter as ", name=value" (" name=value" when first) */
/*@ requires len <= ITLS_AUTHPARAM_MAX_LEN;
    requires len == 0 || \valid_read(s + (0 .. len - 1));
    requires \valid_read(p);
    requires ap_view_in(p->name, len) && ap_view_in(p->value, len);
    requires cap <= AP_POS_MAX;
    requires pos + (first != 0 ? 2 : 3) + p->name.len + p->value.len <= cap;
    requires \valid(out + (0 .. cap - 1));
    requires \separated(out + (0 .. cap - 1), s + (0 .. len - 1), p);
    assigns out[pos .. cap - 1];
    ensures \result == pos + (first != 0 ? 2 : 3) + p->name.len + p->value.len;
 */
static size_t
put_param(char *out, size_t cap, size_t pos, const char *s, size_t len,
	const struct itls_authparam_param *p, int first)
{
	(void)cap;
	(void)len;
	pos = put_sep(out, pos, first);
	pos = put_lower(out, pos, s + p->name.off, p->name.len);
	out[pos] = '=';
	return put_bytes(out, pos + 1, s + p->value.off, p->value.len);
}

/* AP-23, AP-26, AP-28: "Digest" + the parameters whose id is neither a nor b
 * + an appended "name=value" text app[0 .. alen-1] */
/*@ requires len <= ITLS_AUTHPARAM_MAX_LEN;
    requires len == 0 || \valid_read(s + (0 .. len - 1));
    requires \valid_read(ap) && ap_valid(ap, len);
    requires alen <= 64;
    requires alen == 0 || \valid_read(app + (0 .. alen - 1));
    requires \valid(out + (0 .. cap - 1)) && \valid(out_len);
    requires \separated(out + (0 .. cap - 1), s + (0 .. len - 1), ap, out_len);
    requires \separated(out_len, s + (0 .. len - 1), ap);
    requires alen == 0 || \separated(out + (0 .. cap - 1), app + (0 .. alen - 1));
    requires alen == 0 || \separated(out_len, app + (0 .. alen - 1));
    assigns out[0 .. cap - 1], *out_len;
    ensures \result != ITLS_OK ==> *out_len == \old(*out_len) &&
	\forall integer k; 0 <= k < cap ==> out[k] == \old(out[k]);
    behavior none:
	assumes ap_plen(ap, a, b, ap->n) == 0 && alen == 0;
	assigns \nothing;
	ensures \result == ITLS_ERR_EMPTY;
    behavior too_small:
	assumes ap_plen(ap, a, b, ap->n) != 0 || alen != 0;
	assumes ap_clen(ap, a, b, alen) > cap;
	assigns \nothing;
	ensures \result == ITLS_ERR_BUFFER_TOO_SMALL;
    behavior fits:
	assumes ap_plen(ap, a, b, ap->n) != 0 || alen != 0;
	assumes ap_clen(ap, a, b, alen) <= cap;
	ensures \result == ITLS_OK;
	ensures *out_len == \old(ap_clen(ap, a, b, alen));
	ensures out[0] == 'D' && out[1] == 'i' && out[2] == 'g' &&
		out[3] == 'e' && out[4] == 's' && out[5] == 't';
    complete behaviors;
    disjoint behaviors;
 */
static enum itls_err
emit(const char *s, size_t len, const struct itls_authparam *ap, unsigned a,
	unsigned b, const char *app, size_t alen, char *out, size_t cap,
	size_t *out_len)
{
	size_t i, total = 0, acc = 0, pos, need, sep;
	const struct itls_authparam_param *p;

	(void)len;
	/* pass 1: measure */
	/*@ loop invariant 0 <= i <= ap->n;
	    loop invariant total == ap_plen(ap, a, b, i);
	    loop invariant total <= i * (2 * ITLS_AUTHPARAM_MAX_LEN + 3);
	    loop invariant \forall integer k; 0 <= k <= i ==>
		ap_plen(ap, a, b, k) <= total;
	    loop assigns i, total, p;
	    loop variant ap->n - i;
	 */
	for (i = 0; i < ap->n; i++) {
		p = &ap->p[i];
		if (p->id != a && p->id != b) {
			total += (total == 0 ? 2u : 3u) + p->name.len + p->value.len;
		}
	}
	if (total == 0 && alen == 0) {
		return ITLS_ERR_EMPTY;
	}
	sep = total == 0 ? 1 : 2;
	need = 6 + total;
	if (alen != 0) {
		need = need + sep + alen;
	}
	/*@ assert need == ap_clen(ap, a, b, alen); */
	if (need > cap) {
		return ITLS_ERR_BUFFER_TOO_SMALL;
	}
	/* pass 2: write */
	pos = put_digest(out);
	/*@ loop invariant 0 <= i <= ap->n;
	    loop invariant total == ap_plen(ap, a, b, ap->n);
	    loop invariant \forall integer k; 0 <= k <= ap->n ==>
		ap_plen(ap, a, b, k) <= total;
	    loop invariant acc == ap_plen(ap, a, b, i);
	    loop invariant acc == 0 || acc >= 2;
	    loop invariant acc <= total;
	    loop invariant pos == 6 + acc;
	    loop invariant out[0] == 'D' && out[1] == 'i' && out[2] == 'g' &&
		out[3] == 'e' && out[4] == 's' && out[5] == 't';
	    loop assigns i, acc, pos, p, out[6 .. cap - 1];
	    loop variant ap->n - i;
	 */
	for (i = 0; i < ap->n; i++) {
		p = &ap->p[i];
		if (p->id != a && p->id != b) {
			/*@ assert ap_plen(ap, a, b, i + 1) == acc +
				(acc == 0 ? 2 : 3) + p->name.len + p->value.len; */
			/*@ assert ap_plen(ap, a, b, i + 1) <= total; */
			pos = put_param(out, need, pos, s, len, p, acc == 0);
			acc += (acc == 0 ? 2u : 3u) + p->name.len + p->value.len;
		}
	}
	/*@ assert i == ap->n; */
	/*@ assert acc == total; */
	/*@ assert pos == 6 + total; */
	if (alen != 0) {
		pos = put_sep(out, pos, total == 0);
		/*@ assert pos == 6 + total + sep; */
		pos = put_bytes(out, pos, app, alen);
	}
	/*@ assert pos == need; */
	*out_len = pos;
	return ITLS_OK;
}

/* see itls/authparam.h */
enum itls_err
itls_authparam_serialize(const char *s, size_t len,
	const struct itls_authparam *ap, char *out, size_t cap, size_t *out_len)
{
	/* AP-23 */
	return emit(s, len, ap, ITLS_AP_SKIP_NONE, ITLS_AP_SKIP_NONE, NULL, 0,
		out, cap, out_len);
}

/* see itls/authparam.h */
enum itls_err
itls_authparam_content(const char *s, size_t len,
	const struct itls_authparam *ap, size_t idx, char *out, size_t cap,
	size_t *out_len)
{
	const struct itls_authparam_param *p = &ap->p[idx];

	(void)len;
	if (p->content.len > cap) {
		return ITLS_ERR_BUFFER_TOO_SMALL; /* AP-31 */
	}
	if (p->quoted) {
		*out_len = unescape(s + p->content.off, p->content.len, out); /* AP-12 */
	} else {
		*out_len = put_bytes(out, 0, s + p->content.off, p->content.len);
	}
	return ITLS_OK;
}

/* see itls/authparam.h */
enum itls_err
itls_authparam_hex_decode(const char *h, size_t hlen, uint8_t *out, size_t n)
{
	size_t i;

	/* AP-29 */
	if (n > hlen / 2 || hlen != 2 * n || !all_hex(h, hlen)) { /* TK-14 verdict */
		return ITLS_ERR_BAD_HEX;
	}
	/*@ loop invariant 0 <= i <= n;
	    loop invariant \forall integer k; 0 <= k < i ==>
		out[k] == 16 * ap_hexv(h[2 * k]) + ap_hexv(h[2 * k + 1]);
	    loop assigns i, out[0 .. n - 1];
	    loop variant n - i;
	 */
	for (i = 0; i < n; i++) {
		out[i] = (uint8_t)(16 * hex_val(h[2 * i]) + hex_val(h[2 * i + 1]));
	}
	return ITLS_OK;
}

/* see itls/authparam.h */
enum itls_err
itls_authparam_get_hex(const char *s, size_t len,
	const struct itls_authparam *ap, unsigned id, uint8_t *out, size_t n)
{
	char buf[AP_CHECK_BUF];
	size_t at, m;
	enum itls_err bad;
	const struct itls_authparam_param *p;

	(void)len;
	/* AP-18, AP-19, AP-29 */
	bad = (id == ITLS_AP_CK || id == ITLS_AP_IK) ? ITLS_ERR_BAD_HEX
		: ITLS_ERR_BAD_TOKEN;
	at = ap->at[id];
	if (at >= ap->n) {
		return ITLS_ERR_MISSING_PARAMETER;
	}
	p = &ap->p[at];
	if (p->content.len == 2 * n) {
		/* TK-16: 2n content bytes hold no escape pair of a valid value
		 * (an escape would leave fewer than 2n bytes, and a backslash is
		 * not a hex digit: the same bad-hex verdict), so they are decoded
		 * where they are, without the unescape loop's branches on the
		 * secret digits. The length of the content is public. */
		if (itls_authparam_hex_decode(s + p->content.off, p->content.len,
			out, n) != ITLS_OK) { /* TK-14 verdict */
			return bad;
		}
		return ITLS_OK;
	}
	if (p->content.len > AP_CHECK_BUF) {
		return bad;
	}
	m = unescape(s + p->content.off, p->content.len, buf);
	if (itls_authparam_hex_decode(buf, m, out, n) != ITLS_OK) {
		return bad;
	}
	return ITLS_OK;
}

/* ---- base64 and the AKA nonce -------------------------------------------- */

/* AP-24: value of a base64 character, 64 when it is not one */
/*@ assigns \nothing;
    ensures ap_is_b64(c) ==> \result == ap_b64v(c);
    ensures !ap_is_b64(c) ==> \result == 64;
 */
static unsigned
b64_val(char c)
{
	if (c >= 'A' && c <= 'Z') {
		return (unsigned)(c - 'A');
	}
	if (c >= 'a' && c <= 'z') {
		return (unsigned)(c - 'a' + 26);
	}
	if (c >= '0' && c <= '9') {
		return (unsigned)(c - '0' + 52);
	}
	if (c == '+') {
		return 62;
	}
	if (c == '/') {
		return 63;
	}
	return 64;
}

/* AP-24: the three bytes of a group of four base64 characters a b c d */
/*@ requires ap_is_b64(a) && ap_is_b64(b);
    assigns \nothing;
    ensures \result == ap_b64v(a) * 4 + ap_b64v(b) / 16;
 */
static uint8_t
b64_byte0(char a, char b)
{
	return (uint8_t)(b64_val(a) * 4 + b64_val(b) / 16);
}

/*@ requires ap_is_b64(b) && ap_is_b64(c);
    assigns \nothing;
    ensures \result == (ap_b64v(b) % 16) * 16 + ap_b64v(c) / 4;
 */
static uint8_t
b64_byte1(char b, char c)
{
	return (uint8_t)((b64_val(b) % 16) * 16 + b64_val(c) / 4);
}

/*@ requires ap_is_b64(c) && ap_is_b64(d);
    assigns \nothing;
    ensures \result == (ap_b64v(c) % 4) * 64 + ap_b64v(d);
 */
static uint8_t
b64_byte2(char c, char d)
{
	return (uint8_t)((b64_val(c) % 4) * 64 + b64_val(d));
}

/* AP-24: is s[0 .. len-1] canonical base64? */
/*@ requires len == 0 || \valid_read(s + (0 .. len - 1));
    assigns \nothing;
    ensures \result != 0 <==> ap_b64_ok(s, len);
 */
static int
b64_check(const char *s, size_t len)
{
	size_t pad, i;

	if (len % 4 != 0) {
		return 0;
	}
	pad = 0;
	if (len >= 2 && s[len - 1] == '=' && s[len - 2] == '=') {
		pad = 2;
	} else if (len >= 1 && s[len - 1] == '=') {
		pad = 1;
	}
	/*@ assert pad == ap_b64pad(s, len); */
	/*@ loop invariant 0 <= i <= len - pad;
	    loop invariant \forall integer k; 0 <= k < i ==> ap_is_b64(s[k]);
	    loop assigns i;
	    loop variant len - pad - i;
	 */
	for (i = 0; i < len - pad; i++) {
		if (b64_val(s[i]) == 64) {
			return 0;
		}
	}
	if (pad == 1 && b64_val(s[len - 2]) % 4 != 0) {
		return 0;
	}
	if (pad == 2 && b64_val(s[len - 3]) % 16 != 0) {
		return 0;
	}
	return 1;
}

/* see itls/authparam.h */
enum itls_err
itls_authparam_b64_decode(const char *s, size_t len, uint8_t *out, size_t cap,
	size_t *out_len)
{
	size_t pad, n, w, g, groups;

	if (!b64_check(s, len)) {
		return ITLS_ERR_BAD_BASE64; /* AP-24 */
	}
	pad = 0;
	if (len >= 2 && s[len - 1] == '=' && s[len - 2] == '=') {
		pad = 2;
	} else if (len >= 1 && s[len - 1] == '=') {
		pad = 1;
	}
	/*@ assert pad == ap_b64pad(s, len); */
	groups = len / 4;
	n = groups * 3 - pad;
	if (n > cap) {
		return ITLS_ERR_BUFFER_TOO_SMALL;
	}
	/*@ loop invariant 0 <= w <= n;
	    loop invariant len == 4 * groups && pad <= 2 && n == 3 * groups - pad;
	    loop invariant pad == ap_b64pad(s, len);
	    loop invariant \forall integer k; 0 <= k < len - pad ==> ap_is_b64(s[k]);
	    loop invariant \forall integer m; 0 <= m < w ==>
		out[m] == ap_b64byte(s, m);
	    loop assigns w, g, out[0 .. cap - 1];
	    loop variant n - w;
	 */
	for (w = 0; w < n; w++) {
		g = w / 3;
		/*@ assert 3 * g <= w < 3 * g + 3 && g < groups; */
		if (w % 3 == 0) {
			out[w] = b64_byte0(s[4 * g], s[4 * g + 1]);
		} else if (w % 3 == 1) {
			out[w] = b64_byte1(s[4 * g + 1], s[4 * g + 2]);
		} else {
			out[w] = b64_byte2(s[4 * g + 2], s[4 * g + 3]);
		}
	}
	*out_len = n;
	return ITLS_OK;
}

/* see itls/authparam.h */
enum itls_err
itls_authparam_aka_nonce(const char *b64, size_t len, uint8_t *buf, size_t cap,
	struct itls_authparam_nonce *nv)
{
	size_t pad, n, k;
	enum itls_err e;

	if (!b64_check(b64, len)) {
		return ITLS_ERR_BAD_BASE64; /* AP-24 */
	}
	pad = 0;
	if (len >= 2 && b64[len - 1] == '=' && b64[len - 2] == '=') {
		pad = 2;
	} else if (len >= 1 && b64[len - 1] == '=') {
		pad = 1;
	}
	n = len / 4 * 3 - pad;
	if (n < 32) {
		return ITLS_ERR_BAD_NONCE; /* AP-25 */
	}
	if (n > cap) {
		return ITLS_ERR_BUFFER_TOO_SMALL; /* AP-31 */
	}
	e = itls_authparam_b64_decode(b64, len, buf, cap, &n);
	if (e != ITLS_OK) {
		return e;
	}
	/* AP-25: RAND || AUTN || server data */
	/*@ loop invariant 0 <= k <= 16;
	    loop invariant \forall integer m; 0 <= m < k ==>
		nv->rand[m] == buf[m] && nv->autn[m] == buf[16 + m];
	    loop assigns k, nv->rand[0 .. 15], nv->autn[0 .. 15];
	    loop variant 16 - k;
	 */
	for (k = 0; k < 16; k++) {
		nv->rand[k] = buf[k];
		nv->autn[k] = buf[16 + k];
	}
	nv->server_len = n - 32;
	return ITLS_OK;
}

/* ---- SM6, SM8 ------------------------------------------------------------ */

/* n bytes as 2n lower-case hex digits at out[pos ..] (AP-29) */
/*@ requires n <= 32;
    requires pos + 2 * n <= AP_POS_MAX;
    requires \valid_read(b + (0 .. n - 1));
    requires \valid(out + (pos .. pos + 2 * n - 1));
    requires \separated(out + (pos .. pos + 2 * n - 1), b + (0 .. n - 1));
    assigns out[pos .. pos + 2 * n - 1];
    ensures \result == pos + 2 * n;
 */
static size_t
put_hex(char *out, size_t pos, const uint8_t *b, size_t n)
{
	size_t i;

	/*@ loop invariant 0 <= i <= n;
	    loop assigns i, out[pos .. pos + 2 * n - 1];
	    loop variant n - i;
	 */
	for (i = 0; i < n; i++) {
		out[pos + 2 * i] = hex_digit((unsigned)(b[i] / 16));
		out[pos + 2 * i + 1] = hex_digit((unsigned)(b[i] % 16));
	}
	return pos + 2 * n;
}

/* see itls/authparam.h */
enum itls_err
itls_authparam_sm6(const char *s, size_t len, const struct itls_authparam *ap,
	const uint8_t *s_token, char *out, size_t cap, size_t *out_len)
{
	char app[34];
	size_t alen = 0;

	/* AP-26 */
	if (ap->at[ITLS_AP_CK] >= ap->n || ap->at[ITLS_AP_IK] >= ap->n) {
		return ITLS_ERR_MISSING_PARAMETER;
	}
	if (ap->at[ITLS_AP_S_TOKEN] < ap->n) {
		return ITLS_ERR_DUPLICATE_PARAMETER;
	}
	if (s_token != NULL) {
		alen = put_bytes(app, 0, "s_token=\"", 9);
		alen = put_hex(app, alen, s_token, 12);
		app[alen] = '"';
		alen++;
	}
	return emit(s, len, ap, ITLS_AP_CK, ITLS_AP_IK, app, alen, out, cap,
		out_len);
}

/* the text of an integrity-protected value (AP-20, AP-28) at out[pos ..] */
/*@ requires 1 <= v <= ITLS_AP_IP_AUTH_DONE;
    requires pos + ap_iplen(v) <= AP_POS_MAX;
    requires \valid(out + (pos .. pos + ap_iplen(v) - 1));
    assigns out[pos .. pos + ap_iplen(v) - 1];
    ensures \result == pos + ap_iplen(v);
 */
static size_t
put_integrity(char *out, size_t pos, unsigned v)
{
	switch (v) {
	case ITLS_AP_IP_YES:
		return put_bytes(out, pos, "yes", 3);
	case ITLS_AP_IP_NO:
		return put_bytes(out, pos, "no", 2);
	case ITLS_AP_IP_TLS_PENDING:
		return put_bytes(out, pos, "tls-pending", 11);
	case ITLS_AP_IP_TLS_YES:
		return put_bytes(out, pos, "tls-yes", 7);
	case ITLS_AP_IP_IP_ASSOC_PENDING:
		return put_bytes(out, pos, "ip-assoc-pending", 16);
	case ITLS_AP_IP_IP_ASSOC_YES:
		return put_bytes(out, pos, "ip-assoc-yes", 12);
	case ITLS_AP_IP_AUTH_DONE:
		return put_bytes(out, pos, "auth-done", 9);
	default:
		return pos; /* not reached (requires) */
	}
}

/*@ requires 1 <= v <= ITLS_AP_IP_AUTH_DONE;
    assigns \nothing;
    ensures \result == ap_iplen(v);
 */
static size_t
integrity_len(unsigned v)
{
	switch (v) {
	case ITLS_AP_IP_YES:
		return 3;
	case ITLS_AP_IP_NO:
		return 2;
	case ITLS_AP_IP_TLS_PENDING:
		return 11;
	case ITLS_AP_IP_TLS_YES:
		return 7;
	case ITLS_AP_IP_IP_ASSOC_PENDING:
		return 16;
	case ITLS_AP_IP_IP_ASSOC_YES:
		return 12;
	default:
		return 9;
	}
}

/* see itls/authparam.h */
enum itls_err
itls_authparam_sm8(const char *s, size_t len, const struct itls_authparam *ap,
	unsigned integrity, char *out, size_t cap, size_t *out_len)
{
	char app[40];
	size_t alen = 0;

	/* AP-28 */
	if (integrity != ITLS_AP_IP_NONE) {
		alen = put_bytes(app, 0, "integrity-protected=", 20);
		alen = put_integrity(app, alen, integrity);
	}
	return emit(s, len, ap, ITLS_AP_C_TOKEN, ITLS_AP_INTEGRITY_PROTECTED, app,
		alen, out, cap, out_len);
}

/* ---- SM7 ----------------------------------------------------------------- */

/* AP-30: length of t as a quoted string ("", with `"` and `\` escaped), or
 * 0 (no quoted string is that short) when t holds a byte a quoted string
 * cannot hold. A value, not an out-parameter: sm7's lengths then stay out of
 * memory, which keeps its proof small (D-PR-5). */
/*@ requires n <= ITLS_AUTHPARAM_MAX_LEN;
    requires n == 0 || \valid_read(t + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 2 + n + ap_nesc(t, n);
    ensures \result != 0 ==> 2 + n <= \result <= 2 + 2 * n;
    ensures \result != 0 ==>
	\forall integer k; 0 <= k < n ==> ap_qtext(t[k]);
 */
static size_t
qlen(const char *t, size_t n)
{
	size_t i, e = 0;

	/*@ loop invariant 0 <= i <= n;
	    loop invariant e == ap_nesc(t, i);
	    loop invariant e <= i;
	    loop invariant \forall integer k; 0 <= k < i ==> ap_qtext(t[k]);
	    loop assigns i, e;
	    loop variant n - i;
	 */
	for (i = 0; i < n; i++) {
		if ((t[i] >= 0 && t[i] < 0x20 && t[i] != '\t') || t[i] == 0x7f) {
			return 0;
		}
		if (t[i] == '"' || t[i] == '\\') {
			e++;
		}
	}
	return 2 + n + e;
}

/* AP-30: write t as a quoted string at out[pos ..], never at or past lim;
 * with lim = pos + qlen(t) it writes exactly that quoted string */
/*@ requires pos <= lim <= AP_POS_MAX;
    requires n == 0 || \valid_read(t + (0 .. n - 1));
    requires \valid(out + (pos .. lim - 1));
    requires n == 0 || \separated(out + (pos .. lim - 1), t + (0 .. n - 1));
    assigns out[pos .. lim - 1];
    ensures pos <= \result <= lim;
 */
static size_t
put_quoted(char *out, size_t pos, size_t lim, const char *t, size_t n)
{
	size_t i, w = pos;

	if (w < lim) {
		out[w] = '"';
		w++;
	}
	/*@ loop invariant 0 <= i <= n;
	    loop invariant pos <= w <= lim;
	    loop assigns i, w, out[pos .. lim - 1];
	    loop variant n - i;
	 */
	for (i = 0; i < n; i++) {
		if ((t[i] == '"' || t[i] == '\\') && w < lim) {
			out[w] = '\\';
			w++;
		}
		if (w < lim) {
			out[w] = t[i];
			w++;
		}
	}
	if (w < lim) {
		out[w] = '"';
		w++;
	}
	return w;
}

/* ", name=" and a quoted text at out[pos ..], before lim */
/*@ requires 1 <= nl <= 10;
    requires \valid_read(name + (0 .. nl - 1));
    requires pos + nl + 3 <= lim <= AP_POS_MAX;
    requires n == 0 || \valid_read(t + (0 .. n - 1));
    requires \valid(out + (pos .. lim - 1));
    requires n == 0 || \separated(out + (pos .. lim - 1), t + (0 .. n - 1));
    requires \separated(out + (pos .. lim - 1), name + (0 .. nl - 1));
    assigns out[pos .. lim - 1];
    ensures pos <= \result <= lim;
 */
static size_t
put_qparam(char *out, size_t pos, size_t lim, const char *name, size_t nl,
	const char *t, size_t n)
{
	size_t w;

	w = put_sep(out, pos, 0);
	w = put_bytes(out, w, name, nl);
	out[w] = '=';
	return put_quoted(out, w + 1, lim, t, n);
}

/* a token value of an enum: algorithm (kind 0), qop (kind 1) */
/*@ requires kind == 0 ==> 1 <= v <= ITLS_AP_ALG_MD5;
    requires kind == 1 ==> 1 <= v <= ITLS_AP_QOP_AUTH_INT;
    requires kind == 0 || kind == 1;
    requires pos + 9 <= AP_POS_MAX;
    requires \valid(out + (pos .. pos + ap_wlen(kind, v) - 1));
    assigns out[pos .. pos + ap_wlen(kind, v) - 1];
    ensures \result == pos + ap_wlen(kind, v);
 */
static size_t
put_word(char *out, size_t pos, int kind, unsigned v)
{
	if (kind == 0) {
		if (v == ITLS_AP_ALG_AKAV1_MD5) {
			return put_bytes(out, pos, "AKAv1-MD5", 9);
		}
		if (v == ITLS_AP_ALG_AKAV2_MD5) {
			return put_bytes(out, pos, "AKAv2-MD5", 9);
		}
		return put_bytes(out, pos, "MD5", 3);
	}
	if (v == ITLS_AP_QOP_AUTH) {
		return put_bytes(out, pos, "auth", 4);
	}
	return put_bytes(out, pos, "auth-int", 8);
}

/*@ requires kind == 0 ==> 1 <= v <= ITLS_AP_ALG_MD5;
    requires kind == 1 ==> 1 <= v <= ITLS_AP_QOP_AUTH_INT;
    requires kind == 0 || kind == 1;
    assigns \nothing;
    ensures \result == ap_wlen(kind, v);
 */
static size_t
word_len(int kind, unsigned v)
{
	if (kind == 0) {
		return v == ITLS_AP_ALG_MD5 ? 3 : 9;
	}
	return v == ITLS_AP_QOP_AUTH ? 4 : 8;
}

/* nc as 8 lower-case hex digits */
/*@ requires pos + 8 <= AP_POS_MAX;
    requires \valid(out + (pos .. pos + 7));
    assigns out[pos .. pos + 7];
    ensures \result == pos + 8;
 */
static size_t
put_nc(char *out, size_t pos, uint32_t nc)
{
	size_t k;
	uint32_t v = nc;

	/*@ loop invariant 0 <= k <= 8;
	    loop assigns k, v, out[pos .. pos + 7];
	    loop variant 8 - k;
	 */
	for (k = 0; k < 8; k++) {
		out[pos + 7 - k] = hex_digit((unsigned)(v % 16));
		v /= 16;
	}
	return pos + 8;
}

/* The writers of SM7 (AP-27): each writes its parameters at out[pos ..],
 * never at or past its limit; sm7 sets the limits from the measured texts,
 * so that each writes exactly its part. Split in four so that each proof
 * stays small. */
/*@ predicate sm7_text{L}(char *out, integer lim, struct itls_authparam_text t) =
	ap_text_ok(t) &&
	(t.len == 0 || \separated(out + (0 .. lim - 1), t.p + (0 .. t.len - 1)));
    predicate sm7_out{L}(struct itls_authparam_creds *c, char *out,
		integer lim) =
	\valid_read(c) && \valid(out + (0 .. lim - 1)) &&
	\separated(out + (0 .. lim - 1), c);
 */

/* AP-27: username, realm and nonce from out[7]; p1, p2, p3 end each */
/*@ requires sm7_out(c, out, p3);
    requires sm7_text(out, p3, c->username) && sm7_text(out, p3, c->realm) &&
	sm7_text(out, p3, c->nonce);
    requires 16 <= p1 && p1 + 8 <= p2 && p2 + 8 <= p3 <= AP_POS_MAX;
    assigns out[7 .. p3 - 1];
    ensures 7 <= \result <= p3;
 */
static size_t
sm7_head(const struct itls_authparam_creds *c, char *out, size_t p1, size_t p2, size_t p3)
{
	size_t pos;

	pos = put_bytes(out, 7, "username=", 9);
	pos = put_quoted(out, pos, p1, c->username.p, c->username.len);
	pos = put_qparam(out, pos, p2, "realm", 5, c->realm.p, c->realm.len);
	return put_qparam(out, pos, p3, "nonce", 5, c->nonce.p, c->nonce.len);
}

/* AP-27: [algorithm], uri and response from pos; p5, p6 end the two quoted
 * ones */
/*@ requires sm7_out(c, out, p6);
    requires sm7_text(out, p6, c->uri) && sm7_text(out, p6, c->response);
    requires c->algorithm <= ITLS_AP_ALG_MD5;
    requires c->algorithm != ITLS_AP_ALG_NONE ==> la == ap_wlen(0, c->algorithm);
    requires c->algorithm == ITLS_AP_ALG_NONE ==> la == 0;
    requires pos + (la != 0 ? 12 + la : 0) + 6 <= p5;
    requires p5 + 11 <= p6 <= AP_POS_MAX;
    assigns out[pos .. p6 - 1];
    ensures pos <= \result <= p6;
 */
static size_t
sm7_mid(const struct itls_authparam_creds *c, char *out, size_t pos,
	size_t la, size_t p5, size_t p6)
{
	size_t w = pos;

	if (la != 0) {
		w = put_bytes(out, w, ", algorithm=", 12);
		w = put_word(out, w, 0, c->algorithm);
	}
	//@ assert w == pos + (la != 0 ? 12 + la : 0);
	w = put_qparam(out, w, p5, "uri", 3, c->uri.p, c->uri.len);
	return put_qparam(out, w, p6, "response", 8, c->response.p,
		c->response.len);
}

/* AP-27: [qop, nc, cnonce] from pos; p7 ends cnonce */
/*@ requires sm7_out(c, out, p7);
    requires sm7_text(out, p7, c->cnonce);
    requires c->qop <= ITLS_AP_QOP_AUTH_INT;
    requires c->qop != ITLS_AP_QOP_NONE ==>
	lo == ap_wlen(1, c->qop) && pos + 6 + lo + 5 + 8 + 9 <= p7;
    requires c->qop == ITLS_AP_QOP_NONE ==> lo == 0 && pos <= p7;
    requires p7 <= AP_POS_MAX;
    assigns out[pos .. p7 - 1];
    ensures pos <= \result <= p7;
 */
static size_t
sm7_qop(const struct itls_authparam_creds *c, char *out, size_t pos,
	size_t lo, size_t p7)
{
	size_t w = pos;

	if (lo == 0) {
		return w;
	}
	w = put_bytes(out, w, ", qop=", 6);
	w = put_word(out, w, 1, c->qop);
	w = put_bytes(out, w, ", nc=", 5);
	w = put_nc(out, w, c->nc);
	//@ assert w == pos + 6 + lo + 5 + 8;
	return put_qparam(out, w, p7, "cnonce", 6, c->cnonce.p, c->cnonce.len);
}

/* AP-27, AP-28: [c_token], [integrity-protected] from pos; they take
 * sm7_tail_len bytes */
/*@ logic integer sm7_tail_len(struct itls_authparam_creds *c, integer li) =
	(c->has_c_token ? 36 : 0) + (li != 0 ? 22 + li : 0);
 */
/*@ requires sm7_out(c, out, pos + sm7_tail_len(c, li));
    requires c->integrity <= ITLS_AP_IP_AUTH_DONE;
    requires c->integrity != ITLS_AP_IP_NONE ==> li == ap_iplen(c->integrity);
    requires c->integrity == ITLS_AP_IP_NONE ==> li == 0;
    requires pos + sm7_tail_len(c, li) <= AP_POS_MAX;
    assigns out[pos .. pos + sm7_tail_len(c, li) - 1];
    ensures \result == pos + sm7_tail_len(c, li);
 */
static size_t
sm7_tail(const struct itls_authparam_creds *c, char *out, size_t pos,
	size_t li)
{
	size_t w = pos;

	if (c->has_c_token) {
		w = put_bytes(out, w, ", c_token=\"", 11);
		w = put_hex(out, w, c->c_token, 12);
		out[w] = '"';
		w++;
	}
	//@ assert w == pos + (c->has_c_token ? 36 : 0);
	if (li != 0) {
		w = put_bytes(out, w, ", integrity-protected=", 22);
		w = put_integrity(out, w, c->integrity);
	}
	return w;
}

/* AP-27: where each part of SM7 ends, in the order they are written */
struct sm7_layout {
	size_t la, lo, li;  /* lengths of the algorithm, qop, integrity words */
	size_t p1, p2, p3;  /* username, realm, nonce end */
	size_t p5, p6, p7;  /* uri, response, [qop, nc, cnonce] end */
	size_t need;        /* the whole credentials */
};

/* What the writers need of a layout. sm7 measures (sm7_measure) and writes
 * (sm7_head .. sm7_tail) through this predicate, so that the sums stay out
 * of the goals of the writes (D-PR-5). */
/*@ predicate sm7_fits(struct itls_authparam_creds *c, struct sm7_layout L) =
	16 <= L.p1 && L.p1 + 8 <= L.p2 && L.p2 + 8 <= L.p3 &&
	(c->algorithm != ITLS_AP_ALG_NONE ==> L.la == ap_wlen(0, c->algorithm)) &&
	(c->algorithm == ITLS_AP_ALG_NONE ==> L.la == 0) &&
	L.p3 + (L.la != 0 ? 12 + L.la : 0) + 6 <= L.p5 && L.p5 + 11 <= L.p6 &&
	(c->qop != ITLS_AP_QOP_NONE ==>
		L.lo == ap_wlen(1, c->qop) && L.p6 + 6 + L.lo + 5 + 8 + 9 <= L.p7) &&
	(c->qop == ITLS_AP_QOP_NONE ==> L.lo == 0 && L.p6 <= L.p7) &&
	(c->integrity != ITLS_AP_IP_NONE ==> L.li == ap_iplen(c->integrity)) &&
	(c->integrity == ITLS_AP_IP_NONE ==> L.li == 0) &&
	L.need == L.p7 + sm7_tail_len(c, L.li) && L.need <= AP_POS_MAX;
 */

/* AP-27: place the parts from the measured lengths of the quoted texts.
 * Apart from sm7_measure, so that the sums and the stores to *L stay out of
 * the path of the six measures (D-PR-5); the layout is built in a local and
 * stored once. */
/*@ requires \valid_read(c);
    requires 2 <= lu <= 2 + 2 * ITLS_AUTHPARAM_MAX_LEN;
    requires 2 <= lr <= 2 + 2 * ITLS_AUTHPARAM_MAX_LEN;
    requires 2 <= ln <= 2 + 2 * ITLS_AUTHPARAM_MAX_LEN;
    requires 2 <= lq <= 2 + 2 * ITLS_AUTHPARAM_MAX_LEN;
    requires 2 <= lp <= 2 + 2 * ITLS_AUTHPARAM_MAX_LEN;
    requires lc <= 2 + 2 * ITLS_AUTHPARAM_MAX_LEN;
    requires c->algorithm <= ITLS_AP_ALG_MD5;
    requires c->qop <= ITLS_AP_QOP_AUTH_INT;
    requires c->integrity <= ITLS_AP_IP_AUTH_DONE;
    requires \valid(L) && \separated(L, c);
    assigns *L;
    ensures sm7_fits(c, *L);
 */
static void
sm7_place(const struct itls_authparam_creds *c, size_t lu, size_t lr,
	size_t ln, size_t lq, size_t lp, size_t lc, struct sm7_layout *L)
{
	struct sm7_layout M;

	M.la = 0;
	M.lo = 0;
	M.li = 0;
	if (c->qop != ITLS_AP_QOP_NONE) {
		M.lo = word_len(1, c->qop);
	}
	if (c->algorithm != ITLS_AP_ALG_NONE) {
		M.la = word_len(0, c->algorithm);
	}
	if (c->integrity != ITLS_AP_IP_NONE) {
		M.li = integrity_len(c->integrity);
	}
	/* AP-27: where each part ends, in the order they are written */
	M.p1 = 16 + lu;                                     /* Digest username=".." */
	M.p2 = M.p1 + 8 + lr;                               /* , realm=".." */
	M.p3 = M.p2 + 8 + ln;                               /* , nonce=".." */
	M.p5 = M.p3 + (M.la != 0 ? 12 + M.la : 0) + 6 + lq; /* [, algorithm=..], uri=".." */
	M.p6 = M.p5 + 11 + lp;                              /* , response=".." */
	M.p7 = M.p6 + (M.lo != 0 ? 6 + M.lo + 5 + 8 + 9 + lc : 0); /* , qop, nc, cnonce */
	M.need = M.p7 + (c->has_c_token ? 36 : 0) +        /* , c_token=".." */
		(M.li != 0 ? 22 + M.li : 0);                /* , integrity-protected */
	*L = M;
}

/* AP-30, AP-27: measure the texts and place the parts; bad-quoted-string
 * when a text holds a byte a quoted string cannot hold */
/*@ requires ap_creds_ok(c);
    requires \valid(L) && \separated(L, c);
    assigns *L;
    ensures \result == ITLS_OK || \result == ITLS_ERR_BAD_QUOTED_STRING;
    ensures \result == ITLS_OK ==> sm7_fits(c, *L);
 */
static enum itls_err
sm7_measure(const struct itls_authparam_creds *c, struct sm7_layout *L)
{
	size_t lu, lr, ln, lq, lp, lc = 0;

	/* AP-30: measure the texts (0: a byte a quoted string cannot hold) */
	lu = qlen(c->username.p, c->username.len);
	if (lu == 0) {
		return ITLS_ERR_BAD_QUOTED_STRING;
	}
	lr = qlen(c->realm.p, c->realm.len);
	if (lr == 0) {
		return ITLS_ERR_BAD_QUOTED_STRING;
	}
	ln = qlen(c->nonce.p, c->nonce.len);
	if (ln == 0) {
		return ITLS_ERR_BAD_QUOTED_STRING;
	}
	lq = qlen(c->uri.p, c->uri.len);
	if (lq == 0) {
		return ITLS_ERR_BAD_QUOTED_STRING;
	}
	lp = qlen(c->response.p, c->response.len);
	if (lp == 0) {
		return ITLS_ERR_BAD_QUOTED_STRING;
	}
	if (c->qop != ITLS_AP_QOP_NONE) {
		lc = qlen(c->cnonce.p, c->cnonce.len);
		if (lc == 0) {
			return ITLS_ERR_BAD_QUOTED_STRING;
		}
	}
	sm7_place(c, lu, lr, ln, lq, lp, lc, L);
	return ITLS_OK;
}

/* see itls/authparam.h */
enum itls_err
itls_authparam_sm7(const struct itls_authparam_creds *c, char *out, size_t cap,
	size_t *out_len)
{
	struct sm7_layout L;
	size_t pos;
	enum itls_err e;

	e = sm7_measure(c, &L);
	if (e != ITLS_OK) {
		return e;
	}
	if (L.need > cap) {
		return ITLS_ERR_BUFFER_TOO_SMALL; /* AP-31 */
	}
	pos = sm7_head(c, out, L.p1, L.p2, L.p3);
	pos = sm7_mid(c, out, pos, L.la, L.p5, L.p6);
	pos = sm7_qop(c, out, pos, L.lo, L.p7);
	pos = sm7_tail(c, out, pos, L.li);
	/* the scheme last, so that nothing after it can touch it */
	(void)put_digest(out);
	out[6] = ' ';
	*out_len = pos;
	return ITLS_OK;
}
