/*
 * itls/authparam.h -- Digest challenge and credentials parameters.
 *
 * I-TLS rides on the HTTP Digest headers of IMS AKA: `ck` and `ik` travel
 * from the S-CSCF to the P-CSCF in the WWW-Authenticate value of SM5, the
 * P-CSCF swaps them for its server token `s_token` in SM6, the UE answers
 * with `c_token` in the Authorization value of SM7, and the P-CSCF replaces
 * that by `integrity-protected` in SM8 (seed 004 section 3.3.3, TS 24.229
 * section 7.2A, RFC 2617 / RFC 7616, RFC 3310). Rules: spec/authparam.md
 * (AP-01 .. AP-31), choices: spec/decisions.md (D-AP-1 .. D-AP-5).
 *
 * Pattern shared by every function here:
 *   - the header value is (s, len), never NUL-terminated, at most
 *     ITLS_AUTHPARAM_MAX_LEN bytes;
 *   - itls_authparam_parse() fills a caller-owned struct itls_authparam with
 *     views (offset, length) into s: nothing is copied, and the same (s, len)
 *     must be passed to every later call on that struct;
 *   - writers take (out, cap), store the length in *out_len, never write past
 *     cap and write nothing at all when they fail;
 *   - failures are enum itls_err values (itls/err.h).
 */
#ifndef ITLS_AUTHPARAM_H
#define ITLS_AUTHPARAM_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "itls/err.h"

/** At most this many parameters in one value (AP-10). */
#define ITLS_AUTHPARAM_MAX_PARAMS 32
/** Longest header value accepted (AP-01). */
#define ITLS_AUTHPARAM_MAX_LEN 65535

/** Parameters the module knows; the index of a known parameter in at[]. */
#define ITLS_AP_REALM                0
#define ITLS_AP_NONCE                1
#define ITLS_AP_ALGORITHM            2
#define ITLS_AP_QOP                  3
#define ITLS_AP_OPAQUE               4
#define ITLS_AP_CK                   5
#define ITLS_AP_IK                   6
#define ITLS_AP_S_TOKEN              7
#define ITLS_AP_C_TOKEN              8
#define ITLS_AP_INTEGRITY_PROTECTED  9
#define ITLS_AP_USERNAME             10
#define ITLS_AP_URI                  11
#define ITLS_AP_RESPONSE             12
#define ITLS_AP_CNONCE               13
#define ITLS_AP_NC                   14
/** Number of known parameters; also the id of an unknown parameter. */
#define ITLS_AP_KNOWN                15
#define ITLS_AP_UNKNOWN              15
/** at[k] of a known parameter that the value does not have. */
#define ITLS_AUTHPARAM_ABSENT        ITLS_AUTHPARAM_MAX_PARAMS

/** Digest algorithms (AP-14), for the credentials builder. */
#define ITLS_AP_ALG_NONE       0 /* no algorithm parameter */
#define ITLS_AP_ALG_AKAV1_MD5  1
#define ITLS_AP_ALG_AKAV2_MD5  2
#define ITLS_AP_ALG_MD5        3

/** Quality of protection in credentials (AP-17). */
#define ITLS_AP_QOP_NONE       0
#define ITLS_AP_QOP_AUTH       1
#define ITLS_AP_QOP_AUTH_INT   2

/** integrity-protected values of TS 24.229 (AP-20). */
#define ITLS_AP_IP_NONE              0 /* write no integrity-protected */
#define ITLS_AP_IP_YES               1
#define ITLS_AP_IP_NO                2
#define ITLS_AP_IP_TLS_PENDING       3
#define ITLS_AP_IP_TLS_YES           4
#define ITLS_AP_IP_IP_ASSOC_PENDING  5
#define ITLS_AP_IP_IP_ASSOC_YES      6
#define ITLS_AP_IP_AUTH_DONE         7

/** A part of the caller's buffer: bytes off .. off + len - 1. */
struct itls_authparam_view {
	size_t off;
	size_t len;
};

/** One parameter `name=value` of a parsed value. */
struct itls_authparam_param {
	struct itls_authparam_view name;    /* as received (any case) */
	struct itls_authparam_view value;   /* as received, quotes included */
	struct itls_authparam_view content; /* between the quotes, escapes kept;
	                                        the value itself for a token */
	unsigned id;                        /* ITLS_AP_REALM .. ITLS_AP_UNKNOWN */
	int quoted;                         /* 1: quoted string, 0: token */
};

/** A parsed WWW-Authenticate or Authorization value (`Digest ...`). */
struct itls_authparam {
	size_t n;                           /* parameters, 1 .. MAX_PARAMS */
	struct itls_authparam_param p[ITLS_AUTHPARAM_MAX_PARAMS];
	uint8_t at[ITLS_AP_KNOWN];          /* index in p of each known
	                                       parameter, or ITLS_AUTHPARAM_ABSENT */
	uint8_t credentials;                /* 1 when it has `response` (AP-15) */
};

/** Credentials for the SM7 builder (AP-27); texts are unquoted content. */
struct itls_authparam_text {
	const char *p;                      /* may be NULL when len == 0 */
	size_t len;
};
struct itls_authparam_creds {
	struct itls_authparam_text username, realm, nonce, uri, response;
	unsigned algorithm;                 /* ITLS_AP_ALG_* */
	unsigned qop;                       /* ITLS_AP_QOP_*; not NONE adds nc, cnonce */
	uint32_t nc;                        /* nonce count, written as 8 hex digits */
	struct itls_authparam_text cnonce;  /* used when qop is not NONE */
	int has_c_token;                    /* 1: write c_token */
	uint8_t c_token[12];
	unsigned integrity;                 /* ITLS_AP_IP_*; NONE writes none */
};

/*@
  predicate ap_view_in(struct itls_authparam_view v, integer len) =
	0 <= v.off <= len && 0 <= v.len <= len - v.off;

  predicate ap_is_tchar(integer c) =
	('a' <= c <= 'z') || ('A' <= c <= 'Z') || ('0' <= c <= '9') ||
	c == '!' || c == '#' || c == '$' || c == '%' || c == '&' || c == '\'' ||
	c == '*' || c == '+' || c == '-' || c == '.' || c == '^' || c == '_' ||
	c == '`' || c == '|' || c == '~';

  predicate ap_is_hex(integer c) =
	('0' <= c <= '9') || ('a' <= c <= 'f') || ('A' <= c <= 'F');

  logic integer ap_hexv(integer c) =
	('0' <= c <= '9') ? c - '0' :
	('a' <= c <= 'f') ? c - 'a' + 10 : c - 'A' + 10;

  // a parsed struct whose views all lie inside a buffer of len bytes
  predicate ap_valid{L}(struct itls_authparam *ap, integer len) =
	ap->n <= ITLS_AUTHPARAM_MAX_PARAMS &&
	(\forall integer j; 0 <= j < ap->n ==>
		ap_view_in(ap->p[j].name, len) &&
		ap_view_in(ap->p[j].value, len) &&
		ap_view_in(ap->p[j].content, len) &&
		ap->p[j].id <= ITLS_AP_UNKNOWN) &&
	(\forall integer k; 0 <= k < ITLS_AP_KNOWN ==>
		ap->at[k] == ITLS_AUTHPARAM_ABSENT || ap->at[k] < ap->n);

  // what the parser establishes about each parameter it stores: its views
  // lie in s, name and value are not empty, the value follows the name, a
  // quoted value starts and ends with '"' and its content is what lies
  // between, an unquoted value is its own content
  predicate ap_param_ok{L}(char *s, struct itls_authparam_param *p,
		integer len) =
	ap_view_in(p->name, len) && ap_view_in(p->value, len) &&
	ap_view_in(p->content, len) &&
	p->name.len >= 1 && p->value.len >= 1 &&
	p->name.off + p->name.len <= p->value.off &&
	(p->quoted != 0 ==>
		p->value.len >= 2 &&
		s[p->value.off] == '"' &&
		s[p->value.off + p->value.len - 1] == '"' &&
		p->content.off == p->value.off + 1 &&
		p->content.len == p->value.len - 2) &&
	(p->quoted == 0 ==>
		p->content.off == p->value.off &&
		p->content.len == p->value.len);

  // length of the parameters of a canonical line (AP-23) written from the
  // first i parameters, leaving out those whose id is a or b: the first one
  // written takes " name=value", the others ", name=value"
  logic integer ap_plen{L}(struct itls_authparam *ap, integer a, integer b,
		integer i) =
	i <= 0 ? 0 :
	ap_plen(ap, a, b, i - 1) +
	((ap->p[i - 1].id == a || ap->p[i - 1].id == b) ? 0 :
	 ((ap_plen(ap, a, b, i - 1) == 0 ? 2 : 3) +
	  ap->p[i - 1].name.len + ap->p[i - 1].value.len));

  // length of "Digest" + the kept parameters + an appended "name=value" of alen
  logic integer ap_clen{L}(struct itls_authparam *ap, integer a, integer b,
		integer alen) =
	6 + ap_plen(ap, a, b, ap->n) +
	(alen == 0 ? 0 : ((ap_plen(ap, a, b, ap->n) == 0 ? 1 : 2) + alen));
*/

/** Skip argument that matches no parameter id. */
#define ITLS_AP_SKIP_NONE 16

/**
 * \brief Parse a `Digest ...` challenge or credentials value (AP-01..AP-22).
 *
 * Reads s[0 .. len-1]; writes *ap (views into s, the known-parameter index
 * at[], the credentials flag). On failure *ap holds nothing useful.
 * Returns ITLS_OK, or: too-long, empty, bad-scheme, syntax,
 * bad-quoted-string, too-many-parameters, duplicate-parameter (lexical,
 * AP-01..AP-10), bad-algorithm, bad-qop, bad-hex, bad-token,
 * bad-integrity-protected, bad-nc, syntax (values, AP-13..AP-21).
 *
 * \param s    the header value (after "WWW-Authenticate:" / "Authorization:").
 * \param len  its length in bytes.
 * \param ap   the result.
 */
/*@ requires len == 0 || \valid_read(s + (0 .. len - 1));
    requires \valid(ap);
    requires \separated(ap, s + (0 .. len - 1));
    assigns *ap;
    ensures \result == ITLS_OK || \result == ITLS_ERR_TOO_LONG ||
	\result == ITLS_ERR_EMPTY || \result == ITLS_ERR_BAD_SCHEME ||
	\result == ITLS_ERR_SYNTAX || \result == ITLS_ERR_BAD_QUOTED_STRING ||
	\result == ITLS_ERR_TOO_MANY_PARAMETERS ||
	\result == ITLS_ERR_DUPLICATE_PARAMETER ||
	\result == ITLS_ERR_BAD_ALGORITHM || \result == ITLS_ERR_BAD_QOP ||
	\result == ITLS_ERR_BAD_HEX || \result == ITLS_ERR_BAD_TOKEN ||
	\result == ITLS_ERR_BAD_INTEGRITY_PROTECTED || \result == ITLS_ERR_BAD_NC;
    ensures len > ITLS_AUTHPARAM_MAX_LEN ==> \result == ITLS_ERR_TOO_LONG;
    ensures \result == ITLS_OK ==> ap_valid(ap, len);
    ensures \result == ITLS_OK ==> 1 <= ap->n <= ITLS_AUTHPARAM_MAX_PARAMS;
    ensures \result == ITLS_OK ==> \forall integer j; 0 <= j < ap->n ==>
	ap_param_ok(s, &ap->p[j], len);
    ensures \result == ITLS_OK ==> \forall integer k; 0 <= k < ITLS_AP_KNOWN ==>
	ap->at[k] < ap->n ==> ap->p[ap->at[k]].id == k;
    ensures \result == ITLS_OK ==>
	(ap->credentials != 0 <==> ap->at[ITLS_AP_RESPONSE] < ap->n);
 */
enum itls_err itls_authparam_parse(const char *s, size_t len,
	struct itls_authparam *ap);

/**
 * \brief Write the canonical line of a parsed value (AP-23).
 *
 * `Digest`, SP, then each parameter as lower-case name, `=`, value bytes as
 * received, joined by ", ". Reads s and *ap; writes out[0 .. *out_len-1]
 * and *out_len. Returns ITLS_OK, empty (no parameter), or buffer-too-small
 * (the line is longer than cap), and then writes nothing.
 */
/*@ requires len <= ITLS_AUTHPARAM_MAX_LEN;
    requires len == 0 || \valid_read(s + (0 .. len - 1));
    requires \valid_read(ap) && ap_valid(ap, len);
    requires \valid(out + (0 .. cap - 1)) && \valid(out_len);
    requires \separated(out + (0 .. cap - 1), s + (0 .. len - 1), ap, out_len);
    requires \separated(out_len, s + (0 .. len - 1), ap);
    assigns out[0 .. cap - 1], *out_len;
    ensures \result != ITLS_OK ==> *out_len == \old(*out_len) &&
	\forall integer k; 0 <= k < cap ==> out[k] == \old(out[k]);
    behavior none:
	assumes ap_plen(ap, ITLS_AP_SKIP_NONE, ITLS_AP_SKIP_NONE, ap->n) == 0;
	ensures \result == ITLS_ERR_EMPTY;
    behavior too_small:
	assumes ap_plen(ap, ITLS_AP_SKIP_NONE, ITLS_AP_SKIP_NONE, ap->n) != 0;
	assumes ap_clen(ap, ITLS_AP_SKIP_NONE, ITLS_AP_SKIP_NONE, 0) > cap;
	ensures \result == ITLS_ERR_BUFFER_TOO_SMALL;
    behavior fits:
	assumes ap_plen(ap, ITLS_AP_SKIP_NONE, ITLS_AP_SKIP_NONE, ap->n) != 0;
	assumes ap_clen(ap, ITLS_AP_SKIP_NONE, ITLS_AP_SKIP_NONE, 0) <= cap;
	ensures \result == ITLS_OK;
	ensures *out_len == \old(ap_clen(ap, ITLS_AP_SKIP_NONE, ITLS_AP_SKIP_NONE, 0));
	ensures out[0] == 'D' && out[1] == 'i' && out[2] == 'g' &&
		out[3] == 'e' && out[4] == 's' && out[5] == 't';
    complete behaviors;
    disjoint behaviors;
 */
enum itls_err itls_authparam_serialize(const char *s, size_t len,
	const struct itls_authparam *ap, char *out, size_t cap, size_t *out_len);

/**
 * \brief Copy the content of parameter idx (AP-12): the token, or the text
 * between the quotes with every escape pair `\x` replaced by `x`.
 *
 * The buffer must hold the content as received (content.len bytes; the
 * unescaped text is never longer): otherwise buffer-too-small and nothing
 * is written. Writes out[0 .. *out_len-1] and *out_len.
 */
/*@ requires len <= ITLS_AUTHPARAM_MAX_LEN;
    requires len == 0 || \valid_read(s + (0 .. len - 1));
    requires \valid_read(ap) && ap_valid(ap, len) && idx < ap->n;
    requires \valid(out + (0 .. cap - 1)) && \valid(out_len);
    requires \separated(out + (0 .. cap - 1), s + (0 .. len - 1), ap, out_len);
    requires \separated(out_len, s + (0 .. len - 1), ap);
    assigns out[0 .. cap - 1], *out_len;
    behavior too_small:
	assumes ap->p[idx].content.len > cap;
	assigns \nothing;
	ensures \result == ITLS_ERR_BUFFER_TOO_SMALL;
    behavior fits:
	assumes ap->p[idx].content.len <= cap;
	ensures \result == ITLS_OK;
	ensures *out_len <= ap->p[idx].content.len;
	ensures ap->p[idx].quoted == 0 ==> *out_len == ap->p[idx].content.len;
    complete behaviors;
    disjoint behaviors;
 */
enum itls_err itls_authparam_content(const char *s, size_t len,
	const struct itls_authparam *ap, size_t idx, char *out, size_t cap,
	size_t *out_len);

/**
 * \brief Decode 2n hexadecimal digits (either case) into n bytes (AP-29).
 *
 * Returns ITLS_OK, or bad-hex when hlen != 2n or a byte is not a hex digit;
 * then out is not written.
 */
/*@ requires hlen == 0 || \valid_read(h + (0 .. hlen - 1));
    requires \valid(out + (0 .. n - 1));
    requires \separated(out + (0 .. n - 1), h + (0 .. hlen - 1));
    assigns out[0 .. n - 1];
    ensures \result != ITLS_OK ==>
	\forall integer k; 0 <= k < n ==> out[k] == \old(out[k]);
    behavior good:
	assumes hlen == 2 * n;
	assumes \forall integer k; 0 <= k < hlen ==> ap_is_hex(h[k]);
	ensures \result == ITLS_OK;
	ensures \forall integer k; 0 <= k < n ==>
		out[k] == 16 * ap_hexv(h[2 * k]) + ap_hexv(h[2 * k + 1]);
    behavior bad:
	assumes hlen != 2 * n ||
		(\exists integer k; 0 <= k < hlen && !ap_is_hex(h[k]));
	assigns \nothing;
	ensures \result == ITLS_ERR_BAD_HEX;
    complete behaviors;
    disjoint behaviors;
 */
enum itls_err itls_authparam_hex_decode(const char *h, size_t hlen,
	uint8_t *out, size_t n);

/**
 * \brief Read ck or ik (16 bytes) or s_token or c_token (12 bytes) out of a
 * parsed value (AP-29, AP-18, AP-19).
 *
 * id is ITLS_AP_CK, ITLS_AP_IK (n == 16) or ITLS_AP_S_TOKEN, ITLS_AP_C_TOKEN
 * (n == 12). Returns ITLS_OK, missing-parameter (absent), bad-hex (ck, ik)
 * or bad-token (tokens) when the content is not 2n hex digits; out is
 * written only on success.
 */
/*@ requires len <= ITLS_AUTHPARAM_MAX_LEN;
    requires len == 0 || \valid_read(s + (0 .. len - 1));
    requires \valid_read(ap) && ap_valid(ap, len);
    requires id == ITLS_AP_CK || id == ITLS_AP_IK || id == ITLS_AP_S_TOKEN ||
	id == ITLS_AP_C_TOKEN;
    requires (id == ITLS_AP_CK || id == ITLS_AP_IK) ==> n == 16;
    requires (id == ITLS_AP_S_TOKEN || id == ITLS_AP_C_TOKEN) ==> n == 12;
    requires \valid(out + (0 .. n - 1));
    requires \separated(out + (0 .. n - 1), s + (0 .. len - 1), ap);
    assigns out[0 .. n - 1];
    ensures \result == ITLS_OK || \result == ITLS_ERR_MISSING_PARAMETER ||
	\result == ITLS_ERR_BAD_HEX || \result == ITLS_ERR_BAD_TOKEN;
    ensures ap->at[id] >= ap->n ==> \result == ITLS_ERR_MISSING_PARAMETER;
    ensures \result != ITLS_OK ==>
	\forall integer k; 0 <= k < n ==> out[k] == \old(out[k]);
 */
enum itls_err itls_authparam_get_hex(const char *s, size_t len,
	const struct itls_authparam *ap, unsigned id, uint8_t *out, size_t n);

/*@
  predicate ap_is_b64(integer c) =
	('A' <= c <= 'Z') || ('a' <= c <= 'z') || ('0' <= c <= '9') ||
	c == '+' || c == '/';

  logic integer ap_b64v(integer c) =
	('A' <= c <= 'Z') ? c - 'A' :
	('a' <= c <= 'z') ? c - 'a' + 26 :
	('0' <= c <= '9') ? c - '0' + 52 :
	c == '+' ? 62 : 63;

  // number of '=' at the end of a text of len bytes (0, 1 or 2 counted)
  logic integer ap_b64pad{L}(char *s, integer len) =
	(len >= 2 && s[len - 1] == '=' && s[len - 2] == '=') ? 2 :
	(len >= 1 && s[len - 1] == '=') ? 1 : 0;

  // byte m of the decoding of s: from characters 4(m/3) .. 4(m/3)+3
  logic integer ap_b64byte{L}(char *s, integer m) =
	m % 3 == 0 ?
		ap_b64v(s[4 * (m / 3)]) * 4 + ap_b64v(s[4 * (m / 3) + 1]) / 16 :
	m % 3 == 1 ?
		(ap_b64v(s[4 * (m / 3) + 1]) % 16) * 16 +
		ap_b64v(s[4 * (m / 3) + 2]) / 4 :
		(ap_b64v(s[4 * (m / 3) + 2]) % 4) * 64 + ap_b64v(s[4 * (m / 3) + 3]);

  // AP-24: a canonical base64 text
  predicate ap_b64_ok{L}(char *s, integer len) =
	len % 4 == 0 &&
	(\forall integer k; 0 <= k < len - ap_b64pad(s, len) ==>
		ap_is_b64(s[k])) &&
	(ap_b64pad(s, len) == 1 ==> ap_b64v(s[len - 2]) % 4 == 0) &&
	(ap_b64pad(s, len) == 2 ==> ap_b64v(s[len - 3]) % 16 == 0);
*/

/**
 * \brief Decode base64 text (RFC 4648 section 4, canonical; AP-24).
 *
 * Reads s[0 .. len-1]; writes out[0 .. *out_len-1] and *out_len, with
 * *out_len = 3 len / 4 - padding. Returns ITLS_OK, bad-base64, or
 * buffer-too-small (decoded length above cap); nothing is written on error.
 */
/*@ requires len == 0 || \valid_read(s + (0 .. len - 1));
    requires \valid(out + (0 .. cap - 1)) && \valid(out_len);
    requires \separated(out + (0 .. cap - 1), s + (0 .. len - 1), out_len);
    requires \separated(out_len, s + (0 .. len - 1));
    assigns out[0 .. cap - 1], *out_len;
    ensures \result != ITLS_OK ==>
	\forall integer k; 0 <= k < cap ==> out[k] == \old(out[k]);
    behavior bad:
	assumes !ap_b64_ok(s, len);
	assigns \nothing;
	ensures \result == ITLS_ERR_BAD_BASE64;
    behavior too_small:
	assumes ap_b64_ok(s, len);
	assumes len / 4 * 3 - ap_b64pad(s, len) > cap;
	assigns \nothing;
	ensures \result == ITLS_ERR_BUFFER_TOO_SMALL;
    behavior good:
	assumes ap_b64_ok(s, len);
	assumes len / 4 * 3 - ap_b64pad(s, len) <= cap;
	ensures \result == ITLS_OK;
	ensures *out_len == len / 4 * 3 - ap_b64pad(s, len);
	ensures \forall integer m; 0 <= m < *out_len ==>
		out[m] == ap_b64byte(s, m);
    complete behaviors;
    disjoint behaviors;
 */
enum itls_err itls_authparam_b64_decode(const char *s, size_t len,
	uint8_t *out, size_t cap, size_t *out_len);

/** The parts of a decoded AKA nonce (AP-25). */
struct itls_authparam_nonce {
	uint8_t rand[16];
	uint8_t autn[16];
	size_t server_len;          /* server data: buf[32 .. 32 + server_len - 1] */
};

/**
 * \brief Decode an AKA nonce: base64(RAND || AUTN || server data) (AP-24,
 * AP-25, RFC 3310 section 3.2).
 *
 * b64 is the nonce text (the content of `nonce`). The whole decoded nonce
 * goes to buf[0 .. 32 + server_len - 1]; RAND and AUTN are also copied to
 * *nv. Returns ITLS_OK, bad-base64, bad-nonce (fewer than 32 bytes), or
 * buffer-too-small; nothing is written on error.
 */
/*@ requires len == 0 || \valid_read(b64 + (0 .. len - 1));
    requires \valid(buf + (0 .. cap - 1)) && \valid(nv);
    requires \separated(buf + (0 .. cap - 1), b64 + (0 .. len - 1), nv);
    requires \separated(nv, b64 + (0 .. len - 1));
    assigns buf[0 .. cap - 1], *nv;
    behavior bad:
	assumes !ap_b64_ok(b64, len);
	assigns \nothing;
	ensures \result == ITLS_ERR_BAD_BASE64;
    behavior short:
	assumes ap_b64_ok(b64, len);
	assumes len / 4 * 3 - ap_b64pad(b64, len) < 32;
	assigns \nothing;
	ensures \result == ITLS_ERR_BAD_NONCE;
    behavior too_small:
	assumes ap_b64_ok(b64, len);
	assumes len / 4 * 3 - ap_b64pad(b64, len) >= 32;
	assumes len / 4 * 3 - ap_b64pad(b64, len) > cap;
	assigns \nothing;
	ensures \result == ITLS_ERR_BUFFER_TOO_SMALL;
    behavior good:
	assumes ap_b64_ok(b64, len);
	assumes len / 4 * 3 - ap_b64pad(b64, len) >= 32;
	assumes len / 4 * 3 - ap_b64pad(b64, len) <= cap;
	ensures \result == ITLS_OK;
	ensures nv->server_len == len / 4 * 3 - ap_b64pad(b64, len) - 32;
	ensures \forall integer k; 0 <= k < 16 ==>
		nv->rand[k] == buf[k] && nv->autn[k] == buf[16 + k];
    complete behaviors;
    disjoint behaviors;
 */
enum itls_err itls_authparam_aka_nonce(const char *b64, size_t len,
	uint8_t *buf, size_t cap, struct itls_authparam_nonce *nv);

/**
 * \brief Build the SM6 challenge from a parsed SM5 challenge (AP-26).
 *
 * The canonical line of SM5 without `ck` and `ik`, followed by
 * `s_token="<24 lower-case hex>"` when s_token is not NULL (the UE offered
 * tls). Returns ITLS_OK, missing-parameter (no ck or no ik),
 * duplicate-parameter (SM5 already has s_token), empty, buffer-too-small;
 * nothing is written on error.
 */
/*@ requires len <= ITLS_AUTHPARAM_MAX_LEN;
    requires len == 0 || \valid_read(s + (0 .. len - 1));
    requires \valid_read(ap) && ap_valid(ap, len);
    requires s_token == \null || \valid_read(s_token + (0 .. 11));
    requires \valid(out + (0 .. cap - 1)) && \valid(out_len);
    requires \separated(out + (0 .. cap - 1), s + (0 .. len - 1), ap, out_len);
    requires \separated(out_len, s + (0 .. len - 1), ap);
    requires s_token != \null ==> \separated(out + (0 .. cap - 1), s_token + (0 .. 11));
    requires s_token != \null ==> \separated(out_len, s_token + (0 .. 11));
    assigns out[0 .. cap - 1], *out_len;
    ensures \result == ITLS_OK || \result == ITLS_ERR_MISSING_PARAMETER ||
	\result == ITLS_ERR_DUPLICATE_PARAMETER || \result == ITLS_ERR_EMPTY ||
	\result == ITLS_ERR_BUFFER_TOO_SMALL;
    ensures (ap->at[ITLS_AP_CK] >= ap->n || ap->at[ITLS_AP_IK] >= ap->n) ==>
	\result == ITLS_ERR_MISSING_PARAMETER;
    ensures \result == ITLS_OK ==> ap->at[ITLS_AP_S_TOKEN] >= ap->n;
    ensures \result == ITLS_OK ==> *out_len <= cap &&
	*out_len == \old(ap_clen(ap, ITLS_AP_CK, ITLS_AP_IK, s_token == \null ? 0 : 34));
    ensures \result != ITLS_OK ==> *out_len == \old(*out_len) &&
	\forall integer k; 0 <= k < cap ==> out[k] == \old(out[k]);
 */
enum itls_err itls_authparam_sm6(const char *s, size_t len,
	const struct itls_authparam *ap, const uint8_t *s_token,
	char *out, size_t cap, size_t *out_len);

/*@
  // length of an integrity-protected value (AP-20)
  logic integer ap_iplen(integer v) =
	v == ITLS_AP_IP_YES ? 3 : v == ITLS_AP_IP_NO ? 2 :
	v == ITLS_AP_IP_TLS_PENDING ? 11 : v == ITLS_AP_IP_TLS_YES ? 7 :
	v == ITLS_AP_IP_IP_ASSOC_PENDING ? 16 :
	v == ITLS_AP_IP_IP_ASSOC_YES ? 12 : 9;

*/

/**
 * \brief Build the SM8 credentials from parsed SM7 credentials (AP-28).
 *
 * The canonical line of SM7 without `c_token` and without any
 * `integrity-protected`, followed by `integrity-protected=<value>` unless
 * integrity is ITLS_AP_IP_NONE. Returns ITLS_OK, empty, buffer-too-small;
 * nothing is written on error.
 */
/*@ requires len <= ITLS_AUTHPARAM_MAX_LEN;
    requires len == 0 || \valid_read(s + (0 .. len - 1));
    requires \valid_read(ap) && ap_valid(ap, len);
    requires integrity <= ITLS_AP_IP_AUTH_DONE;
    requires \valid(out + (0 .. cap - 1)) && \valid(out_len);
    requires \separated(out + (0 .. cap - 1), s + (0 .. len - 1), ap, out_len);
    requires \separated(out_len, s + (0 .. len - 1), ap);
    assigns out[0 .. cap - 1], *out_len;
    ensures \result == ITLS_OK || \result == ITLS_ERR_EMPTY ||
	\result == ITLS_ERR_BUFFER_TOO_SMALL;
    ensures \result == ITLS_OK ==> *out_len <= cap &&
	*out_len == \old(ap_clen(ap, ITLS_AP_C_TOKEN, ITLS_AP_INTEGRITY_PROTECTED,
		integrity == ITLS_AP_IP_NONE ? 0 : 20 + ap_iplen(integrity)));
    ensures \result != ITLS_OK ==> *out_len == \old(*out_len) &&
	\forall integer k; 0 <= k < cap ==> out[k] == \old(out[k]);
 */
enum itls_err itls_authparam_sm8(const char *s, size_t len,
	const struct itls_authparam *ap, unsigned integrity,
	char *out, size_t cap, size_t *out_len);

/*@
  predicate ap_text_ok(struct itls_authparam_text t) =
	t.len <= ITLS_AUTHPARAM_MAX_LEN &&
	(t.len == 0 || \valid_read(t.p + (0 .. t.len - 1)));

  // the credentials SM7 is built from (AP-27, AP-30): readable texts within
  // the limit and known words
  predicate ap_creds_ok{L}(struct itls_authparam_creds *c) =
	\valid_read(c) &&
	ap_text_ok(c->username) && ap_text_ok(c->realm) &&
	ap_text_ok(c->nonce) && ap_text_ok(c->uri) && ap_text_ok(c->response) &&
	ap_text_ok(c->cnonce) &&
	c->algorithm <= ITLS_AP_ALG_MD5 && c->qop <= ITLS_AP_QOP_AUTH_INT &&
	c->integrity <= ITLS_AP_IP_AUTH_DONE;
*/

/**
 * \brief Build SM7 credentials `Digest username=..., ...` (AP-27, AP-30).
 *
 * Order: username, realm, nonce, algorithm, uri, response, [qop, nc,
 * cnonce], [c_token], [integrity-protected]. Texts are written as quoted
 * strings with `"` and `\` escaped. Returns ITLS_OK, bad-quoted-string (a
 * text holds CR, LF or another control byte but HTAB), buffer-too-small;
 * nothing is written on error.
 */
/*@ requires ap_creds_ok(c);
    requires \valid(out + (0 .. cap - 1)) && \valid(out_len);
    requires \separated(out + (0 .. cap - 1), c, out_len);
    requires \separated(out_len, c);
    requires c->username.len == 0 || \separated(out + (0 .. cap - 1), c->username.p + (0 .. c->username.len - 1));
    requires c->realm.len == 0 || \separated(out + (0 .. cap - 1), c->realm.p + (0 .. c->realm.len - 1));
    requires c->nonce.len == 0 || \separated(out + (0 .. cap - 1), c->nonce.p + (0 .. c->nonce.len - 1));
    requires c->uri.len == 0 || \separated(out + (0 .. cap - 1), c->uri.p + (0 .. c->uri.len - 1));
    requires c->response.len == 0 || \separated(out + (0 .. cap - 1), c->response.p + (0 .. c->response.len - 1));
    requires c->cnonce.len == 0 || \separated(out + (0 .. cap - 1), c->cnonce.p + (0 .. c->cnonce.len - 1));
    assigns out[0 .. cap - 1], *out_len;
    ensures \result == ITLS_OK || \result == ITLS_ERR_BAD_QUOTED_STRING ||
	\result == ITLS_ERR_BUFFER_TOO_SMALL;
    ensures \result == ITLS_OK ==> 7 <= *out_len <= cap;
    ensures \result == ITLS_OK ==> out[0] == 'D' && out[5] == 't' && out[6] == ' ';
    ensures \result != ITLS_OK ==> *out_len == \old(*out_len) &&
	\forall integer k; 0 <= k < cap ==> out[k] == \old(out[k]);
 */
enum itls_err itls_authparam_sm7(const struct itls_authparam_creds *c,
	char *out, size_t cap, size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif
