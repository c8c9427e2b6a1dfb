/*
 * itls/token.h -- I-TLS server and client tokens (spec/token.md, TK-nn).
 *
 * The P-CSCF proves to the UE, with a MAC keyed by the AKA integrity key
 * IK, that the TLS certificate the UE received is its own: s_token (in the
 * SM6 WWW-Authenticate). The UE answers with c_token, a MAC of s_token (in
 * the SM7 Authorization). Seed 004 §3.3.3; D-TK-1..D-TK-4.
 *
 * Two named profiles:
 *   ITLS_TOKEN_HMAC  s_token = HMAC-SHA-1-96(IK, certificate DER)
 *                    c_token = HMAC-SHA-1-96(IK, s_token raw bytes)
 *   ITLS_TOKEN_KDF   (itls-ref's own, not a standard) with Key = CK || IK,
 *                    s_token = first 12 bytes of KDF(Key, 0x01, "itls s_token", cert)
 *                    c_token = first 12 bytes of KDF(Key, 0x01, "itls c_token", s_token)
 *
 * Tokens are 12 raw bytes in the API; itls_token_to_hex / _from_hex convert
 * to and from the 24-character wire form. The certificate is never copied:
 * the MAC runs over the caller's bytes. Secret stack buffers (CK || IK, an
 * expected token) are wiped before every return.
 *
 * Pattern: outputs first; keys in a struct itls_token_keys (fixed arrays,
 * no NULL); each function returns ITLS_OK or one reason of itls/err.h and
 * writes nothing on error.
 */
#ifndef ITLS_TOKEN_H
#define ITLS_TOKEN_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "itls/crypto.h"
#include "itls/err.h"

#define ITLS_TOKEN_LEN 12
#define ITLS_TOKEN_HEX_LEN 24
#define ITLS_TOKEN_KEY_LEN 16
/* the KDF profile's FC (D-TK-4) */
#define ITLS_TOKEN_KDF_FC 0x01

/** Token profile: how s_token and c_token are computed (TK-12). */
enum itls_token_profile {
	ITLS_TOKEN_HMAC = 0,    /* seed 004 §3.3.3, the default */
	ITLS_TOKEN_KDF = 1      /* D-TK-4, itls-ref's own */
};

/** The key material of one AKA run, and the profile to use. */
struct itls_token_keys {
	int profile;            /* an enum itls_token_profile value */
	uint8_t ik[ITLS_TOKEN_KEY_LEN];
	uint8_t ck[ITLS_TOKEN_KEY_LEN];   /* used by ITLS_TOKEN_KDF only */
};

/**
 * P0 of the KDF profile (TK-11): the 12 ASCII bytes "itls s_token" and
 * "itls c_token", no NUL. The contracts name them through these arrays.
 */
extern const uint8_t itls_token_label_s[12];
extern const uint8_t itls_token_label_c[12];

/*@ logic itls_bytes itls_label_s_token{L} = itls_mem((uint8_t *)&itls_token_label_s[0], 12);
  @ logic itls_bytes itls_label_c_token{L} = itls_mem((uint8_t *)&itls_token_label_c[0], 12);
  @
  @ // TK-01, TK-02: the HMAC profile
  @ logic itls_bytes itls_s_token_hmac(itls_bytes ik, itls_bytes cert) =
  @   itls_sub(itls_hmac_sha1(ik, cert), 0, 12);
  @ logic itls_bytes itls_c_token_hmac(itls_bytes ik, itls_bytes s_token) =
  @   itls_sub(itls_hmac_sha1(ik, s_token), 0, 12);
  @ // TK-11: the KDF profile
  @ logic itls_bytes itls_s_token_kdf{L}(itls_bytes ck, itls_bytes ik, itls_bytes cert) =
  @   itls_sub(itls_kdf2(itls_cat(ck, ik), ITLS_TOKEN_KDF_FC, itls_label_s_token, cert), 0, 12);
  @ logic itls_bytes itls_c_token_kdf{L}(itls_bytes ck, itls_bytes ik, itls_bytes s_token) =
  @   itls_sub(itls_kdf2(itls_cat(ck, ik), ITLS_TOKEN_KDF_FC, itls_label_c_token, s_token), 0, 12);
  @
  @ // the tokens a key struct gives (state L)
  @ logic itls_bytes itls_s_token_of{L}(struct itls_token_keys *k, itls_bytes cert) =
  @   k->profile == ITLS_TOKEN_HMAC ? itls_s_token_hmac(itls_mem(&k->ik[0], 16), cert)
  @   : itls_s_token_kdf(itls_mem(&k->ck[0], 16), itls_mem(&k->ik[0], 16), cert);
  @ logic itls_bytes itls_c_token_of{L}(struct itls_token_keys *k, itls_bytes s_token) =
  @   k->profile == ITLS_TOKEN_HMAC ? itls_c_token_hmac(itls_mem(&k->ik[0], 16), s_token)
  @   : itls_c_token_kdf(itls_mem(&k->ck[0], 16), itls_mem(&k->ik[0], 16), s_token);
  @
  @ predicate itls_profile_ok(integer p) = p == ITLS_TOKEN_HMAC || p == ITLS_TOKEN_KDF;
  @
  @ predicate itls_is_hex(integer c) =
  @   (48 <= c <= 57) || (65 <= c <= 70) || (97 <= c <= 102);
  @ logic integer itls_hexval(integer c) =
  @   c <= 57 ? c - 48 : (c <= 70 ? c - 55 : c - 87);
  @*/

/**
 * \brief Compute s_token (12 raw bytes) over the DER of the certificate.
 *
 * `cert` is the end-entity certificate exactly as the TLS Certificate
 * message carried it (TK-01). Reads keys and cert; writes s_token only on
 * success. Errors: ITLS_ERR_BAD_PROFILE (keys->profile unknown),
 * ITLS_ERR_EMPTY_CERTIFICATE (cert_len 0, TK-04), ITLS_ERR_TOO_LONG (KDF
 * profile and cert_len > 65535, TK-10). TK-01, TK-11.
 */
/*@ requires \valid_read(keys);
  @ requires \valid(s_token + (0 .. ITLS_TOKEN_LEN - 1));
  @ requires \valid_read(cert + (0 .. cert_len - 1));
  @ requires \separated(s_token + (0 .. ITLS_TOKEN_LEN - 1), keys);
  @ requires \separated(s_token + (0 .. ITLS_TOKEN_LEN - 1), cert + (0 .. cert_len - 1));
  @ assigns s_token[0 .. ITLS_TOKEN_LEN - 1];
  @ behavior bad_profile:
  @   assumes !itls_profile_ok(keys->profile);
  @   assigns \nothing;
  @   ensures \result == ITLS_ERR_BAD_PROFILE;
  @ behavior empty:
  @   assumes itls_profile_ok(keys->profile) && cert_len == 0;
  @   assigns \nothing;
  @   ensures \result == ITLS_ERR_EMPTY_CERTIFICATE;
  @ behavior too_long:
  @   assumes keys->profile == ITLS_TOKEN_KDF && cert_len > ITLS_KDF_MAX_PARAM_LEN;
  @   assigns \nothing;
  @   ensures \result == ITLS_ERR_TOO_LONG;
  @ behavior ok:
  @   assumes itls_profile_ok(keys->profile) && cert_len > 0;
  @   assumes keys->profile == ITLS_TOKEN_HMAC || cert_len <= ITLS_KDF_MAX_PARAM_LEN;
  @   ensures \result == ITLS_OK;
  @   ensures itls_mem(s_token, ITLS_TOKEN_LEN) ==
  @     \old(itls_s_token_of(keys, itls_mem((uint8_t *)cert, cert_len)));
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int
itls_token_server(uint8_t s_token[ITLS_TOKEN_LEN], const struct itls_token_keys *keys,
	const uint8_t *cert, size_t cert_len);

/**
 * \brief Compute c_token (12 raw bytes) over the 12 raw bytes of s_token.
 *
 * Not over its hex text (TK-02, D-TK-2). Errors:
 * ITLS_ERR_BAD_PROFILE. TK-02, TK-11.
 */
/*@ requires \valid_read(keys);
  @ requires \valid(c_token + (0 .. ITLS_TOKEN_LEN - 1));
  @ requires \valid_read(s_token + (0 .. ITLS_TOKEN_LEN - 1));
  @ requires \separated(c_token + (0 .. ITLS_TOKEN_LEN - 1), keys);
  @ requires \separated(c_token + (0 .. ITLS_TOKEN_LEN - 1), s_token + (0 .. ITLS_TOKEN_LEN - 1));
  @ assigns c_token[0 .. ITLS_TOKEN_LEN - 1];
  @ behavior bad_profile:
  @   assumes !itls_profile_ok(keys->profile);
  @   assigns \nothing;
  @   ensures \result == ITLS_ERR_BAD_PROFILE;
  @ behavior ok:
  @   assumes itls_profile_ok(keys->profile);
  @   ensures \result == ITLS_OK;
  @   ensures itls_mem(c_token, ITLS_TOKEN_LEN) ==
  @     \old(itls_c_token_of(keys, itls_mem((uint8_t *)s_token, ITLS_TOKEN_LEN)));
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int
itls_token_client(uint8_t c_token[ITLS_TOKEN_LEN], const struct itls_token_keys *keys,
	const uint8_t s_token[ITLS_TOKEN_LEN]);

/**
 * \brief UE side: does the received s_token belong to this certificate?
 *
 * Recomputes the expected s_token into a stack buffer, compares all 12
 * bytes in constant time (TK-07), wipes the buffer (TK-08). Returns ITLS_OK
 * when they are equal, ITLS_ERR_MISMATCH when not, or the errors of
 * itls_token_server. Writes nothing.
 */
/*@ requires \valid_read(keys);
  @ requires \valid_read(cert + (0 .. cert_len - 1));
  @ requires \valid_read(s_token + (0 .. ITLS_TOKEN_LEN - 1));
  @ assigns \nothing;
  @ behavior bad_profile:
  @   assumes !itls_profile_ok(keys->profile);
  @   ensures \result == ITLS_ERR_BAD_PROFILE;
  @ behavior empty:
  @   assumes itls_profile_ok(keys->profile) && cert_len == 0;
  @   ensures \result == ITLS_ERR_EMPTY_CERTIFICATE;
  @ behavior too_long:
  @   assumes keys->profile == ITLS_TOKEN_KDF && cert_len > ITLS_KDF_MAX_PARAM_LEN;
  @   ensures \result == ITLS_ERR_TOO_LONG;
  @ behavior checked:
  @   assumes itls_profile_ok(keys->profile) && cert_len > 0;
  @   assumes keys->profile == ITLS_TOKEN_HMAC || cert_len <= ITLS_KDF_MAX_PARAM_LEN;
  @   ensures \result == ITLS_OK || \result == ITLS_ERR_MISMATCH;
  @   ensures \result == ITLS_OK <==>
  @     \old(itls_mem((uint8_t *)s_token, ITLS_TOKEN_LEN) ==
  @       itls_s_token_of(keys, itls_mem((uint8_t *)cert, cert_len)));
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int
itls_token_verify_server(const struct itls_token_keys *keys, const uint8_t *cert,
	size_t cert_len, const uint8_t s_token[ITLS_TOKEN_LEN]);

/**
 * \brief P-CSCF side: is the received c_token the MAC of the s_token sent?
 *
 * Constant-time compare (TK-07), expected value wiped (TK-08). Returns
 * ITLS_OK, ITLS_ERR_MISMATCH or ITLS_ERR_BAD_PROFILE. Writes nothing.
 */
/*@ requires \valid_read(keys);
  @ requires \valid_read(s_token + (0 .. ITLS_TOKEN_LEN - 1));
  @ requires \valid_read(c_token + (0 .. ITLS_TOKEN_LEN - 1));
  @ assigns \nothing;
  @ behavior bad_profile:
  @   assumes !itls_profile_ok(keys->profile);
  @   ensures \result == ITLS_ERR_BAD_PROFILE;
  @ behavior checked:
  @   assumes itls_profile_ok(keys->profile);
  @   ensures \result == ITLS_OK || \result == ITLS_ERR_MISMATCH;
  @   ensures \result == ITLS_OK <==>
  @     \old(itls_mem((uint8_t *)c_token, ITLS_TOKEN_LEN) ==
  @       itls_c_token_of(keys, itls_mem((uint8_t *)s_token, ITLS_TOKEN_LEN)));
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int
itls_token_verify_client(const struct itls_token_keys *keys,
	const uint8_t s_token[ITLS_TOKEN_LEN], const uint8_t c_token[ITLS_TOKEN_LEN]);

/**
 * \brief The 24 lower-case hex characters of a token (TK-05).
 *
 * Writes out[0 .. 23] (no NUL). Cannot fail.
 */
/*@ requires \valid(out + (0 .. ITLS_TOKEN_HEX_LEN - 1));
  @ requires \valid_read(tok + (0 .. ITLS_TOKEN_LEN - 1));
  @ requires \separated(out + (0 .. ITLS_TOKEN_HEX_LEN - 1), tok + (0 .. ITLS_TOKEN_LEN - 1));
  @ assigns out[0 .. ITLS_TOKEN_HEX_LEN - 1];
  @ ensures \forall integer i; 0 <= i < ITLS_TOKEN_LEN ==>
  @   out[2 * i] == itls_hexdigit(tok[i] / 16) && out[2 * i + 1] == itls_hexdigit(tok[i] % 16);
  @*/
void
itls_token_to_hex(char out[ITLS_TOKEN_HEX_LEN], const uint8_t tok[ITLS_TOKEN_LEN]);

/**
 * \brief Read a token from its wire form: exactly 24 hex digits, either case.
 *
 * Returns ITLS_OK and writes tok[0 .. 11], or ITLS_ERR_BAD_TOKEN (another
 * length or a non-hex character, TK-06) and writes nothing.
 */
/*@ requires \valid(tok + (0 .. ITLS_TOKEN_LEN - 1));
  @ requires \valid_read(s + (0 .. len - 1));
  @ requires \separated(tok + (0 .. ITLS_TOKEN_LEN - 1), s + (0 .. len - 1));
  @ assigns tok[0 .. ITLS_TOKEN_LEN - 1];
  @ behavior ok:
  @   assumes len == ITLS_TOKEN_HEX_LEN;
  @   assumes \forall integer i; 0 <= i < ITLS_TOKEN_HEX_LEN ==> itls_is_hex(s[i]);
  @   ensures \result == ITLS_OK;
  @   ensures \forall integer i; 0 <= i < ITLS_TOKEN_LEN ==>
  @     tok[i] == 16 * itls_hexval(\old(s[2 * i])) + itls_hexval(\old(s[2 * i + 1]));
  @ behavior bad:
  @   assumes len != ITLS_TOKEN_HEX_LEN ||
  @     (\exists integer i; 0 <= i < ITLS_TOKEN_HEX_LEN && !itls_is_hex(s[i]));
  @   assigns \nothing;
  @   ensures \result == ITLS_ERR_BAD_TOKEN;
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int
itls_token_from_hex(uint8_t tok[ITLS_TOKEN_LEN], const char *s, size_t len);

/**
 * \brief The profile named `hmac` or `kdf` (lower case, exact), TK-12.
 *
 * Returns ITLS_OK and sets *profile, or ITLS_ERR_BAD_PROFILE and writes
 * nothing.
 */
/*@ requires \valid(profile);
  @ requires \valid_read(s + (0 .. len - 1));
  @ requires \separated(profile, s + (0 .. len - 1));
  @ assigns *profile;
  @ behavior hmac:
  @   assumes len == 4 && s[0] == 'h' && s[1] == 'm' && s[2] == 'a' && s[3] == 'c';
  @   ensures \result == ITLS_OK && *profile == ITLS_TOKEN_HMAC;
  @ behavior kdf:
  @   assumes len == 3 && s[0] == 'k' && s[1] == 'd' && s[2] == 'f';
  @   ensures \result == ITLS_OK && *profile == ITLS_TOKEN_KDF;
  @ behavior bad:
  @   assumes !(len == 4 && s[0] == 'h' && s[1] == 'm' && s[2] == 'a' && s[3] == 'c');
  @   assumes !(len == 3 && s[0] == 'k' && s[1] == 'd' && s[2] == 'f');
  @   assigns \nothing;
  @   ensures \result == ITLS_ERR_BAD_PROFILE;
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int
itls_token_profile_from_name(int *profile, const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif
