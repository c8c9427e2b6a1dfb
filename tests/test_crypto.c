/*
 * test_crypto.c -- Criterion suite of ref/core/crypto.c (the BearSSL
 * boundary, itls/crypto.h). These are the published values that make the
 * trusted contracts of proofs/TRUSTED.md believable: RFC 2202 (HMAC-SHA-1,
 * with the 96-bit truncation case), RFC 4231 (HMAC-SHA-256), RFC 1321 and
 * RFC 2202 (MD5, HMAC-MD5), FIPS 180-4 (SHA-256), FIPS 197 and TS 35.207
 * (AES-128), RFC 5448 appendix C (the TS 33.220 KDF, FC 0x20).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "itls/crypto.h"

static size_t
unhex(const char *s, uint8_t *out)
{
	size_t i, n = strlen(s) / 2;

	for (i = 0; i < n; i++) {
		unsigned v;
		cr_assert(sscanf(s + 2 * i, "%2x", &v) == 1);
		out[i] = (uint8_t)v;
	}
	return n;
}

static void
eq_hex(const uint8_t *got, size_t n, const char *want)
{
	char buf[256];
	size_t i;

	cr_assert(2 * n < sizeof buf);
	for (i = 0; i < n; i++) {
		snprintf(buf + 2 * i, 3, "%02x", got[i]);
	}
	cr_assert_str_eq(buf, want);
}

static void
hmac1(const uint8_t *k, size_t kl, const char *msg, size_t outlen, const char *want)
{
	uint8_t mac[20];

	memset(mac, 0xee, sizeof mac);
	itls_crypto_hmac_sha1(mac, outlen, k, kl, (const uint8_t *)msg, strlen(msg));
	eq_hex(mac, outlen, want);
	/* writes out_len bytes and nothing else (contract: assigns) */
	if (outlen < 20) {
		cr_assert_eq(mac[outlen], 0xee);
	}
}

Test(crypto, rfc2202_hmac_sha1, .description = "TK-01 TK-02")
{
	uint8_t k[80];

	memset(k, 0x0b, 20);
	hmac1(k, 20, "Hi There", 20, "b617318655057264e28bc0b6fb378c8ef146be00");
	hmac1((const uint8_t *)"Jefe", 4, "what do ya want for nothing?", 20,
		"effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
	memset(k, 0x0c, 20);
	hmac1(k, 20, "Test With Truncation", 20, "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04");
	/* RFC 2202 case 5: HMAC-SHA-1-96, the token MAC of TK-01 / TK-02 */
	hmac1(k, 20, "Test With Truncation", 12, "4c1a03424b55e07fe7f27be1");
	memset(k, 0xaa, 80);
	hmac1(k, 80, "Test Using Larger Than Block-Size Key - Hash Key First", 20,
		"aa4ae5e15272d00e95705637ce8a3b55ed402112");
}

static void
hmac256(const uint8_t *k, size_t kl, const char *msg, size_t outlen, const char *want)
{
	uint8_t mac[32];

	memset(mac, 0xee, sizeof mac);
	itls_crypto_hmac_sha256(mac, outlen, k, kl, (const uint8_t *)msg, strlen(msg));
	eq_hex(mac, outlen, want);
	if (outlen < 32) {
		cr_assert_eq(mac[outlen], 0xee);
	}
}

Test(crypto, rfc4231_hmac_sha256, .description = "TK-09")
{
	uint8_t k[131];

	memset(k, 0x0b, 20);
	hmac256(k, 20, "Hi There", 32,
		"b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	hmac256((const uint8_t *)"Jefe", 4, "what do ya want for nothing?", 32,
		"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
	memset(k, 0x0c, 20);
	hmac256(k, 20, "Test With Truncation", 16, "a3b6167473100ee06e0c796c2955552b");
	memset(k, 0xaa, 131);
	hmac256(k, 131, "Test Using Larger Than Block-Size Key - Hash Key First", 32,
		"60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

Test(crypto, sha256_md5, .description = "AK-10")
{
	uint8_t out[32];
	struct itls_crypto_part p[3];

	itls_crypto_sha256(out, (const uint8_t *)"abc", 3);
	eq_hex(out, 32, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* RFC 1321 appendix A.5; parts are hashed as their concatenation (AK-10) */
	itls_crypto_md5(out, p, 0);
	eq_hex(out, 16, "d41d8cd98f00b204e9800998ecf8427e");
	p[0].p = (const uint8_t *)"a";
	p[0].len = 1;
	p[1].p = NULL;
	p[1].len = 0;
	p[2].p = (const uint8_t *)"bc";
	p[2].len = 2;
	itls_crypto_md5(out, p, 3);
	eq_hex(out, 16, "900150983cd24fb0d6963f7d28e17f72");
}

Test(crypto, hmac_md5_key_parts, .description = "AK-13")
{
	/* RFC 2202 HMAC-MD5 case 1, the 16-byte key given as two parts (AK-13) */
	uint8_t k[16], out[16];
	struct itls_crypto_part p[2];

	memset(k, 0x0b, 16);
	p[0].p = k;
	p[0].len = 5;
	p[1].p = k + 5;
	p[1].len = 11;
	itls_crypto_hmac_md5(out, p, 2, (const uint8_t *)"Hi There", 8);
	eq_hex(out, 16, "9294727a3638bb1c13f48ef8158bfc9d");
}

Test(crypto, aes128, .description = "AK-01")
{
	uint8_t k[16], in[16], out[16];

	/* FIPS 197 appendix C.1 */
	unhex("000102030405060708090a0b0c0d0e0f", k);
	unhex("00112233445566778899aabbccddeeff", in);
	itls_crypto_aes128(out, k, in);
	eq_hex(out, 16, "69c4e0d86a7b0430d8cdb78070b4c55a");
	/* TS 35.207 section 5 (the Rijndael kernel of Milenage), test sets 1 and 2 (AK-01) */
	unhex("465b5ce8b199b49faa5f0a2ee238a6bc", k);
	unhex("ee36f7cf037d37d3692f7f0399e7949a", in);
	itls_crypto_aes128(out, k, in);
	eq_hex(out, 16, "9e2980c59739da67b136355e3cede6a2");
	unhex("0396eb317b6d1c36f19c1c84cd6ffd16", k);
	unhex("93cc3640c5d6a521d81235bd0882bf0a", in);
	itls_crypto_aes128(out, k, in);
	eq_hex(out, 16, "009a9e0996561525f611667bbf79e226");
}

Test(crypto, kdf_rfc5448, .description = "TK-09 TK-11")
{
	/*
	 * TK-09: RFC 5448 appendix C case 1 derives CK' || IK' with the TS
	 * 33.220 KDF: Key = CK || IK, FC = 0x20, P0 = "WLAN", P1 = SQN ^ AK.
	 */
	uint8_t ck[16], ik[16], sqnak[6], out[32];
	struct itls_crypto_part key[2], p[2];

	unhex("5349fbe098649f948f5d2e973a81c00f", ck);
	unhex("9744871ad32bf9bbd1dd5ce54e3e2e5a", ik);
	unhex("bb52e91c747a", sqnak);
	key[0].p = ck;
	key[0].len = 16;
	key[1].p = ik;
	key[1].len = 16;
	p[0].p = (const uint8_t *)"WLAN";
	p[0].len = 4;
	p[1].p = sqnak;
	p[1].len = 6;
	itls_crypto_kdf(out, 32, key, 2, 0x20, p, 2);
	eq_hex(out, 32, "0093962d0dd84aa5684b045c9edffa04ccfc230ca74fcc96c0a5d61164f5a76c");
	/* cut to 12 bytes: the KDF token profile's length (TK-11) */
	memset(out, 0xee, sizeof out);
	itls_crypto_kdf(out, 12, key, 2, 0x20, p, 2);
	eq_hex(out, 12, "0093962d0dd84aa5684b045c");
	cr_assert_eq(out[12], 0xee);
}

Test(crypto, eq_and_wipe, .description = "TK-07 TK-08")
{
	uint8_t a[12], b[12];
	size_t i;

	memset(a, 0x5a, sizeof a);
	memcpy(b, a, sizeof b);
	/* TK-07: 0 when equal, -1 otherwise, wherever the difference is */
	cr_assert_eq(itls_crypto_eq(a, b, 12), 0);
	for (i = 0; i < 12; i++) {
		b[i] ^= 0x01;
		cr_assert_eq(itls_crypto_eq(a, b, 12), -1);
		b[i] ^= 0x81;
		cr_assert_eq(itls_crypto_eq(a, b, 12), -1);
		b[i] ^= 0x80;
	}
	cr_assert_eq(itls_crypto_eq(a, b, 0), 0);
	/* TK-08: every byte zero after a wipe */
	itls_crypto_wipe(a, sizeof a);
	for (i = 0; i < 12; i++) {
		cr_assert_eq(a[i], 0);
	}
	itls_crypto_wipe(NULL, 0);
}
