/*
 * crypto.c -- the BearSSL boundary (see itls/crypto.h).
 *
 * The only file of ref/core that includes <bearssl.h>. Not proved: its
 * contracts in itls/crypto.h are trusted (proofs/TRUSTED.md). Each function
 * is a straight call sequence into BearSSL, with no copy of the caller's
 * data, and wipes the BearSSL contexts it kept on the stack (they hold
 * key-derived state) before it returns.
 */
#include "itls/crypto.h"

#include <string.h>

#include <bearssl.h>

/*
 * memset called through a volatile pointer: the compiler cannot prove the
 * call is the plain memset, so it cannot drop it as a dead store (the
 * OPENSSL_cleanse idiom). It costs a few instructions per call, which
 * matters: a byte loop over the BearSSL contexts would add several percent
 * to a 1 KiB HMAC (the bench allows 5 %).
 */
static void *(*const volatile itls_memset_v)(void *, int, size_t) = memset;

/* see itls/crypto.h */
void
itls_crypto_wipe(uint8_t *p, size_t n)
{
	/* TK-08, AK-15, PS-04 */
	if (n > 0) {
		(void)itls_memset_v(p, 0, n);
	}
}

/* wipe an arbitrary object (a BearSSL context) */
static void
wipe_obj(void *p, size_t n)
{
	(void)itls_memset_v(p, 0, n);
}

static void
hmac_run(const br_hash_class *h, uint8_t *out, size_t out_len,
	const uint8_t *key, size_t key_len, const uint8_t *msg, size_t msg_len)
{
	br_hmac_key_context kc;
	br_hmac_context hc;

	br_hmac_key_init(&kc, h, key, key_len);
	br_hmac_init(&hc, &kc, out_len);
	br_hmac_update(&hc, msg, msg_len);
	br_hmac_out(&hc, out);
	wipe_obj(&kc, sizeof kc);
	wipe_obj(&hc, sizeof hc);
}

/* see itls/crypto.h */
void
itls_crypto_hmac_sha1(uint8_t *out, size_t out_len,
	const uint8_t *key, size_t key_len, const uint8_t *msg, size_t msg_len)
{
	/* TK-01, TK-02: HMAC-SHA-1-96 is out_len 12 (RFC 2404) */
	hmac_run(&br_sha1_vtable, out, out_len, key, key_len, msg, msg_len);
}

/* see itls/crypto.h */
void
itls_crypto_hmac_sha256(uint8_t *out, size_t out_len,
	const uint8_t *key, size_t key_len, const uint8_t *msg, size_t msg_len)
{
	hmac_run(&br_sha256_vtable, out, out_len, key, key_len, msg, msg_len);
}

/* join the key parts into buf (at most 64 bytes); returns the length */
static size_t
join_key(uint8_t buf[ITLS_KEY_MAX_PARTS * ITLS_KEY_MAX_PART_LEN],
	const struct itls_crypto_part *key, size_t key_n)
{
	size_t i, j, n = 0;

	for (i = 0; i < key_n; i++) {
		for (j = 0; j < key[i].len; j++) {
			buf[n++] = key[i].p[j];
		}
	}
	return n;
}

/* see itls/crypto.h */
void
itls_crypto_hmac_md5(uint8_t out[ITLS_MD5_LEN],
	const struct itls_crypto_part *key, size_t key_n,
	const uint8_t *msg, size_t msg_len)
{
	/* AK-13: the AKAv2 password PRF, key RES || IK || CK */
	uint8_t buf[ITLS_KEY_MAX_PARTS * ITLS_KEY_MAX_PART_LEN];
	size_t n = join_key(buf, key, key_n);

	hmac_run(&br_md5_vtable, out, ITLS_MD5_LEN, buf, n, msg, msg_len);
	itls_crypto_wipe(buf, sizeof buf);
}

/* see itls/crypto.h */
void
itls_crypto_sha256(uint8_t out[ITLS_SHA256_LEN], const uint8_t *msg, size_t msg_len)
{
	br_sha256_context c;

	br_sha256_init(&c);
	br_sha256_update(&c, msg, msg_len);
	br_sha256_out(&c, out);
	wipe_obj(&c, sizeof c);
}

/* see itls/crypto.h */
void
itls_crypto_md5(uint8_t out[ITLS_MD5_LEN],
	const struct itls_crypto_part *parts, size_t n)
{
	br_md5_context c;
	size_t i;

	/* AK-10: H() of RFC 2617 over the parts, in order */
	br_md5_init(&c);
	for (i = 0; i < n; i++) {
		br_md5_update(&c, parts[i].p, parts[i].len);
	}
	br_md5_out(&c, out);
	wipe_obj(&c, sizeof c);
}

/* see itls/crypto.h */
void
itls_crypto_aes128(uint8_t out[ITLS_AES_BLOCK], const uint8_t key[16],
	const uint8_t in[ITLS_AES_BLOCK])
{
	/*
	 * AK-01: BearSSL has no ECB interface; CBC encryption of one block
	 * with an all-zero IV is E_K(in). ct64 is BearSSL's constant-time
	 * (bitsliced) AES for 64-bit machines.
	 */
	br_aes_ct64_cbcenc_keys kc;
	uint8_t iv[ITLS_AES_BLOCK];
	size_t i;

	for (i = 0; i < ITLS_AES_BLOCK; i++) {
		iv[i] = 0;
		out[i] = in[i];
	}
	br_aes_ct64_cbcenc_init(&kc, key, 16);
	br_aes_ct64_cbcenc_run(&kc, iv, out, ITLS_AES_BLOCK);
	wipe_obj(&kc, sizeof kc);
	itls_crypto_wipe(iv, sizeof iv);
}

/* see itls/crypto.h */
void
itls_crypto_kdf(uint8_t *out, size_t out_len,
	const struct itls_crypto_part *key, size_t key_n,
	uint8_t fc, const struct itls_crypto_part *params, size_t n)
{
	/* TK-09: S = FC || P0 || L0 || ... (TS 33.220 Annex B.2) */
	br_hmac_key_context kc;
	br_hmac_context hc;
	uint8_t buf[ITLS_KEY_MAX_PARTS * ITLS_KEY_MAX_PART_LEN];
	uint8_t l[2];
	size_t i;

	/* TK-08, PS-04: the joined key (CK || IK) is wiped below */
	br_hmac_key_init(&kc, &br_sha256_vtable, buf, join_key(buf, key, key_n));
	br_hmac_init(&hc, &kc, out_len);
	br_hmac_update(&hc, &fc, 1);
	for (i = 0; i < n; i++) {
		l[0] = (uint8_t)(params[i].len >> 8);
		l[1] = (uint8_t)(params[i].len & 0xff);
		br_hmac_update(&hc, params[i].p, params[i].len);
		br_hmac_update(&hc, l, 2);
	}
	br_hmac_out(&hc, out);
	wipe_obj(&kc, sizeof kc);
	wipe_obj(&hc, sizeof hc);
	itls_crypto_wipe(buf, sizeof buf);
}

/* see itls/crypto.h */
void
itls_crypto_xor(uint8_t *out, const uint8_t *a, const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		out[i] = (uint8_t)(a[i] ^ b[i]);
	}
}

/* see itls/crypto.h */
int
itls_crypto_eq(const uint8_t *a, const uint8_t *b, size_t n)
{
	/* TK-07: no early exit; the reduction has no branch */
	uint32_t acc = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		acc |= (uint32_t)(a[i] ^ b[i]);
	}
	/* acc in 0..255: (acc - 1) >> 8 is 1 iff acc == 0 */
	return (int)((acc - 1) >> 8 & 1) - 1;
}
