/*
 * token.c -- I-TLS server and client tokens (see itls/token.h).
 *
 * spec/token.md TK-01..TK-12; seed 004 §3.3.3; D-TK-1..D-TK-4.
 */
#include "itls/token.h"

/* TK-11: P0 of the KDF profile (see itls/token.h) */
const uint8_t itls_token_label_s[12] = {
	'i', 't', 'l', 's', ' ', 's', '_', 't', 'o', 'k', 'e', 'n'
};
const uint8_t itls_token_label_c[12] = {
	'i', 't', 'l', 's', ' ', 'c', '_', 't', 'o', 'k', 'e', 'n'
};

/*
 * KDF profile: out = first 12 bytes of KDF(CK || IK, 0x01, label, msg).
 * The key goes to crypto as two parts (CK, IK): crypto.c joins them in a
 * buffer it wipes (TK-08), so no copy of the key is made here.
 */
/*@ requires \valid_read(keys);
  @ requires \valid(out + (0 .. ITLS_TOKEN_LEN - 1));
  @ requires \valid_read(msg + (0 .. msg_len - 1));
  @ requires msg_len <= ITLS_KDF_MAX_PARAM_LEN;
  @ requires label == &itls_token_label_s[0] || label == &itls_token_label_c[0];
  @ requires \separated(out + (0 .. ITLS_TOKEN_LEN - 1), keys);
  @ requires \separated(out + (0 .. ITLS_TOKEN_LEN - 1), msg + (0 .. msg_len - 1));
  @ requires \separated(out + (0 .. ITLS_TOKEN_LEN - 1), label + (0 .. 11));
  @ assigns out[0 .. ITLS_TOKEN_LEN - 1];
  @ ensures itls_mem(out, ITLS_TOKEN_LEN) ==
  @   itls_sub(itls_kdf2(itls_cat(\old(itls_mem((uint8_t *)&keys->ck[0], 16)),
  @       \old(itls_mem((uint8_t *)&keys->ik[0], 16))),
  @     ITLS_TOKEN_KDF_FC, \old(itls_mem((uint8_t *)label, 12)),
  @     \old(itls_mem((uint8_t *)msg, msg_len))), 0, 12);
  @*/
static void
kdf_token(uint8_t out[ITLS_TOKEN_LEN], const struct itls_token_keys *keys,
	const uint8_t *label, const uint8_t *msg, size_t msg_len)
{
	struct itls_crypto_part k[2];
	struct itls_crypto_part p[2];

	/* TK-11: Key = CK || IK, P0 = label, P1 = msg */
	k[0].p = keys->ck;
	k[0].len = ITLS_TOKEN_KEY_LEN;
	k[1].p = keys->ik;
	k[1].len = ITLS_TOKEN_KEY_LEN;
	p[0].p = label;
	p[0].len = 12;
	p[1].p = msg;
	p[1].len = msg_len;
	/*@ assert itls_same(itls_mem((uint8_t *)&keys->ck[0], 16), \at(itls_mem((uint8_t *)&keys->ck[0], 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&keys->ik[0], 16), \at(itls_mem((uint8_t *)&keys->ik[0], 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)label, 12), \at(itls_mem((uint8_t *)label, 12), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)msg, msg_len), \at(itls_mem((uint8_t *)msg, msg_len), Pre)); */
	/*@ assert itls_parts(&k[0], 2) ==
	  @   itls_cat(itls_mem((uint8_t *)&keys->ck[0], 16), itls_mem((uint8_t *)&keys->ik[0], 16));
	  @*/
	/*@ assert itls_kdf_s(ITLS_TOKEN_KDF_FC, &p[0], 2) ==
	  @   itls_cat(itls_cat(itls_b1(ITLS_TOKEN_KDF_FC),
	  @       itls_cat(itls_mem((uint8_t *)label, 12), itls_be16(12))),
	  @     itls_cat(itls_mem((uint8_t *)msg, msg_len), itls_be16(msg_len)));
	  @*/
	itls_crypto_kdf(out, ITLS_TOKEN_LEN, k, 2, ITLS_TOKEN_KDF_FC, p, 2);
}

/* see itls/token.h */
int
itls_token_server(uint8_t s_token[ITLS_TOKEN_LEN], const struct itls_token_keys *keys,
	const uint8_t *cert, size_t cert_len)
{
	/* TK-12 */
	if (keys->profile != ITLS_TOKEN_HMAC && keys->profile != ITLS_TOKEN_KDF) {
		return ITLS_ERR_BAD_PROFILE;
	}
	/* TK-04 */
	if (cert_len == 0) {
		return ITLS_ERR_EMPTY_CERTIFICATE;
	}
	if (keys->profile == ITLS_TOKEN_HMAC) {
		/* TK-01: HMAC-SHA-1-96(IK, certificate DER), no copy */
		itls_crypto_hmac_sha1(s_token, ITLS_TOKEN_LEN, keys->ik,
			ITLS_TOKEN_KEY_LEN, cert, cert_len);
		return ITLS_OK;
	}
	/* TK-10 */
	if (cert_len > ITLS_KDF_MAX_PARAM_LEN) {
		return ITLS_ERR_TOO_LONG;
	}
	/* TK-11 */
	kdf_token(s_token, keys, itls_token_label_s, cert, cert_len);
	return ITLS_OK;
}

/* see itls/token.h */
int
itls_token_client(uint8_t c_token[ITLS_TOKEN_LEN], const struct itls_token_keys *keys,
	const uint8_t s_token[ITLS_TOKEN_LEN])
{
	/* TK-12 */
	if (keys->profile != ITLS_TOKEN_HMAC && keys->profile != ITLS_TOKEN_KDF) {
		return ITLS_ERR_BAD_PROFILE;
	}
	if (keys->profile == ITLS_TOKEN_HMAC) {
		/* TK-02: over the 12 raw bytes of s_token */
		itls_crypto_hmac_sha1(c_token, ITLS_TOKEN_LEN, keys->ik,
			ITLS_TOKEN_KEY_LEN, s_token, ITLS_TOKEN_LEN);
		return ITLS_OK;
	}
	/* TK-11 */
	kdf_token(c_token, keys, itls_token_label_c, s_token, ITLS_TOKEN_LEN);
	return ITLS_OK;
}

/* see itls/token.h */
int
itls_token_verify_server(const struct itls_token_keys *keys, const uint8_t *cert,
	size_t cert_len, const uint8_t s_token[ITLS_TOKEN_LEN])
{
	uint8_t want[ITLS_TOKEN_LEN];
	int err;
	int eq;

	err = itls_token_server(want, keys, cert, cert_len);
	if (err != ITLS_OK) {
		return err;
	}
	/* TK-07: constant time, all 12 bytes */
	eq = itls_crypto_eq(want, s_token, ITLS_TOKEN_LEN);
	/*@ assert eq == 0 ==> itls_same(itls_mem(&want[0], ITLS_TOKEN_LEN),
	  @   \at(itls_mem((uint8_t *)s_token, ITLS_TOKEN_LEN), Pre));
	  @*/
	/*@ assert eq == 0 <==> itls_mem(&want[0], ITLS_TOKEN_LEN) ==
	  @   \at(itls_mem((uint8_t *)s_token, ITLS_TOKEN_LEN), Pre);
	  @*/
	/* TK-08 */
	itls_crypto_wipe(want, sizeof want);
	return eq == 0 ? ITLS_OK : ITLS_ERR_MISMATCH;
}

/* see itls/token.h */
int
itls_token_verify_client(const struct itls_token_keys *keys,
	const uint8_t s_token[ITLS_TOKEN_LEN], const uint8_t c_token[ITLS_TOKEN_LEN])
{
	uint8_t want[ITLS_TOKEN_LEN];
	int err;
	int eq;

	err = itls_token_client(want, keys, s_token);
	if (err != ITLS_OK) {
		return err;
	}
	/* TK-07 */
	eq = itls_crypto_eq(want, c_token, ITLS_TOKEN_LEN);
	/*@ assert eq == 0 ==> itls_same(itls_mem(&want[0], ITLS_TOKEN_LEN),
	  @   \at(itls_mem((uint8_t *)c_token, ITLS_TOKEN_LEN), Pre));
	  @*/
	/*@ assert eq == 0 <==> itls_mem(&want[0], ITLS_TOKEN_LEN) ==
	  @   \at(itls_mem((uint8_t *)c_token, ITLS_TOKEN_LEN), Pre);
	  @*/
	/* TK-08 */
	itls_crypto_wipe(want, sizeof want);
	return eq == 0 ? ITLS_OK : ITLS_ERR_MISMATCH;
}

/* the lower-case hex digit of v (0..15) */
/*@ requires 0 <= v <= 15;
  @ assigns \nothing;
  @ ensures \result == itls_hexdigit(v);
  @*/
static char
hexdigit(unsigned v)
{
	if (v < 10) {
		return (char)('0' + (int)v);
	}
	return (char)('a' + (int)v - 10);
}

/* see itls/token.h */
void
itls_token_to_hex(char out[ITLS_TOKEN_HEX_LEN], const uint8_t tok[ITLS_TOKEN_LEN])
{
	size_t i;

	/* TK-05: lower case */
	/*@ loop invariant 0 <= i <= ITLS_TOKEN_LEN;
	  @ loop invariant \forall integer j; 0 <= j < i ==>
	  @   out[2 * j] == itls_hexdigit(tok[j] / 16) &&
	  @   out[2 * j + 1] == itls_hexdigit(tok[j] % 16);
	  @ loop assigns i, out[0 .. ITLS_TOKEN_HEX_LEN - 1];
	  @ loop variant ITLS_TOKEN_LEN - i;
	  @*/
	for (i = 0; i < ITLS_TOKEN_LEN; i++) {
		out[2 * i] = hexdigit(tok[i] / 16u);
		out[2 * i + 1] = hexdigit(tok[i] % 16u);
	}
}

/* the value of hex digit c, or -1 */
/*@ assigns \nothing;
  @ ensures itls_is_hex(c) ==> \result == itls_hexval(c);
  @ ensures !itls_is_hex(c) ==> \result == -1;
  @ ensures -1 <= \result <= 15;
  @*/
static int
hexval(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	return -1;
}

/* see itls/token.h */
int
itls_token_from_hex(uint8_t tok[ITLS_TOKEN_LEN], const char *s, size_t len)
{
	size_t i;

	/* TK-06: exactly 24 hex digits, either case */
	if (len != ITLS_TOKEN_HEX_LEN) {
		return ITLS_ERR_BAD_TOKEN;
	}
	/*@ loop invariant 0 <= i <= ITLS_TOKEN_HEX_LEN;
	  @ loop invariant \forall integer j; 0 <= j < i ==> itls_is_hex(s[j]);
	  @ loop assigns i;
	  @ loop variant ITLS_TOKEN_HEX_LEN - i;
	  @*/
	for (i = 0; i < ITLS_TOKEN_HEX_LEN; i++) {
		if (hexval(s[i]) < 0) {
			return ITLS_ERR_BAD_TOKEN;
		}
	}
	/*@ loop invariant 0 <= i <= ITLS_TOKEN_LEN;
	  @ loop invariant \forall integer j; 0 <= j < i ==>
	  @   tok[j] == 16 * itls_hexval(s[2 * j]) + itls_hexval(s[2 * j + 1]);
	  @ loop assigns i, tok[0 .. ITLS_TOKEN_LEN - 1];
	  @ loop variant ITLS_TOKEN_LEN - i;
	  @*/
	for (i = 0; i < ITLS_TOKEN_LEN; i++) {
		int hi = hexval(s[2 * i]);
		int lo = hexval(s[2 * i + 1]);
		/*@ assert 0 <= hi <= 15 && 0 <= lo <= 15; */
		tok[i] = (uint8_t)(hi * 16 + lo);
	}
	return ITLS_OK;
}

/* see itls/token.h */
int
itls_token_profile_from_name(int *profile, const char *s, size_t len)
{
	/* TK-12 */
	if (len == 4 && s[0] == 'h' && s[1] == 'm' && s[2] == 'a' && s[3] == 'c') {
		*profile = ITLS_TOKEN_HMAC;
		return ITLS_OK;
	}
	if (len == 3 && s[0] == 'k' && s[1] == 'd' && s[2] == 'f') {
		*profile = ITLS_TOKEN_KDF;
		return ITLS_OK;
	}
	return ITLS_ERR_BAD_PROFILE;
}
