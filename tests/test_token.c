/*
 * test_token.c -- Criterion suite of ref/core/token.c (spec/token.md, TK-nn).
 *
 * Expected tokens were computed by hand with Python's standard hmac and
 * hashlib modules (an implementation independent of ref/) over
 * vectors/certs/leaf.der (907 bytes), with IK = f769bcd7..6d3441 and
 * CK = b40ba9a3..1bf8cb (the IK and CK of TS 35.208 test set 1).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itls/err.h"
#include "itls/token.h"

static uint8_t cert[4096];
static size_t cert_len;
static struct itls_token_keys keys;

static void
unhex(const char *s, uint8_t *out)
{
	size_t i;

	for (i = 0; i < strlen(s) / 2; i++) {
		unsigned v;
		cr_assert(sscanf(s + 2 * i, "%2x", &v) == 1);
		out[i] = (uint8_t)v;
	}
}

static void
setup(void)
{
	FILE *f = fopen("vectors/certs/leaf.der", "rb");

	cr_assert_not_null(f, "run from the top of the tree");
	cert_len = fread(cert, 1, sizeof cert, f);
	fclose(f);
	cr_assert_eq(cert_len, 907);
	memset(&keys, 0, sizeof keys);
	keys.profile = ITLS_TOKEN_HMAC;
	unhex("f769bcd751044604127672711c6d3441", keys.ik);
	unhex("b40ba9a3c58b2a05bbf0d987b21bf8cb", keys.ck);
}

static void
tok_eq(const uint8_t tok[12], const char *want)
{
	char hex[25];

	itls_token_to_hex(hex, tok);
	hex[24] = '\0';
	cr_assert_str_eq(hex, want);
}

TestSuite(token, .init = setup);

Test(token, hmac_profile, .description = "TK-01 TK-02")
{
	uint8_t st[12], ct[12];

	/* TK-01: HMAC-SHA-1-96(IK, certificate DER) */
	cr_assert_eq(itls_token_server(st, &keys, cert, cert_len), ITLS_OK);
	tok_eq(st, "23932ba04cf5f04d6e1e99b5");
	/* TK-02: over the 12 raw bytes of s_token */
	cr_assert_eq(itls_token_client(ct, &keys, st), ITLS_OK);
	tok_eq(ct, "f6001edbf2c4c15038ef3841");
	/* the reading decision 2 rejects (MAC over the 24 hex characters) gives another value */
	itls_crypto_hmac_sha1(ct, 12, keys.ik, 16, (const uint8_t *)"23932ba04cf5f04d6e1e99b5", 24);
	tok_eq(ct, "d8870a904e370e6377b2d884");
}

Test(token, hmac_small_certificate, .description = "TK-01")
{
	static const uint8_t der[5] = { 0x30, 0x03, 0x01, 0x01, 0xff };
	uint8_t st[12];

	cr_assert_eq(itls_token_server(st, &keys, der, sizeof der), ITLS_OK);
	tok_eq(st, "a5a55fb58befb3e6254e72cd");
}

Test(token, kdf_profile, .description = "TK-09 TK-11")
{
	uint8_t st[12], ct[12];

	/* TK-09, TK-11: first 12 bytes of KDF(CK || IK, 0x01, "itls s_token", cert) */
	keys.profile = ITLS_TOKEN_KDF;
	cr_assert_eq(itls_token_server(st, &keys, cert, cert_len), ITLS_OK);
	tok_eq(st, "26301a3ecc17fa2478de3ae7");
	cr_assert_eq(itls_token_client(ct, &keys, st), ITLS_OK);
	tok_eq(ct, "98b6f5e76d16151f2a81bcdc");
	cr_assert_eq(itls_token_verify_server(&keys, cert, cert_len, st), ITLS_OK);
	cr_assert_eq(itls_token_verify_client(&keys, st, ct), ITLS_OK);
}

Test(token, kdf_too_long, .description = "TK-10")
{
	static uint8_t big[65536];
	uint8_t st[12];

	/* TK-10: a KDF parameter longer than 65535 bytes */
	memset(st, 0xee, sizeof st);
	keys.profile = ITLS_TOKEN_KDF;
	cr_assert_eq(itls_token_server(st, &keys, big, sizeof big), ITLS_ERR_TOO_LONG);
	cr_assert_eq(st[0], 0xee);
	cr_assert_eq(itls_token_verify_server(&keys, big, sizeof big, st), ITLS_ERR_TOO_LONG);
	cr_assert_eq(itls_token_server(st, &keys, big, 65535), ITLS_OK);
	/* the HMAC profile has no such limit */
	keys.profile = ITLS_TOKEN_HMAC;
	cr_assert_eq(itls_token_server(st, &keys, big, sizeof big), ITLS_OK);
}

Test(token, empty_certificate, .description = "TK-04")
{
	uint8_t st[12];

	/* TK-04 */
	memset(st, 0xee, sizeof st);
	cr_assert_eq(itls_token_server(st, &keys, cert, 0), ITLS_ERR_EMPTY_CERTIFICATE);
	cr_assert_eq(st[0], 0xee);
	cr_assert_eq(itls_token_verify_server(&keys, cert, 0, st), ITLS_ERR_EMPTY_CERTIFICATE);
	keys.profile = ITLS_TOKEN_KDF;
	cr_assert_eq(itls_token_server(st, &keys, NULL, 0), ITLS_ERR_EMPTY_CERTIFICATE);
}

Test(token, bad_profile, .description = "TK-12")
{
	uint8_t st[12], ct[12];
	int p = -7;

	/* TK-12 */
	keys.profile = 5;
	cr_assert_eq(itls_token_server(st, &keys, cert, cert_len), ITLS_ERR_BAD_PROFILE);
	cr_assert_eq(itls_token_client(ct, &keys, st), ITLS_ERR_BAD_PROFILE);
	cr_assert_eq(itls_token_verify_server(&keys, cert, cert_len, st), ITLS_ERR_BAD_PROFILE);
	cr_assert_eq(itls_token_verify_client(&keys, st, ct), ITLS_ERR_BAD_PROFILE);
	cr_assert_eq(itls_token_profile_from_name(&p, "hmac", 4), ITLS_OK);
	cr_assert_eq(p, ITLS_TOKEN_HMAC);
	cr_assert_eq(itls_token_profile_from_name(&p, "kdf", 3), ITLS_OK);
	cr_assert_eq(p, ITLS_TOKEN_KDF);
	cr_assert_eq(itls_token_profile_from_name(&p, "HMAC", 4), ITLS_ERR_BAD_PROFILE);
	cr_assert_eq(itls_token_profile_from_name(&p, "hmac-sha1", 9), ITLS_ERR_BAD_PROFILE);
	cr_assert_eq(itls_token_profile_from_name(&p, "", 0), ITLS_ERR_BAD_PROFILE);
	cr_assert_eq(p, ITLS_TOKEN_KDF);
}

Test(token, verify_mismatch_every_bit, .description = "TK-07")
{
	uint8_t st[12], ct[12];
	size_t i;
	int b;

	/* TK-07: one flipped bit anywhere is a mismatch */
	cr_assert_eq(itls_token_server(st, &keys, cert, cert_len), ITLS_OK);
	cr_assert_eq(itls_token_client(ct, &keys, st), ITLS_OK);
	cr_assert_eq(itls_token_verify_server(&keys, cert, cert_len, st), ITLS_OK);
	cr_assert_eq(itls_token_verify_client(&keys, st, ct), ITLS_OK);
	for (i = 0; i < 12; i++) {
		for (b = 0; b < 8; b++) {
			st[i] ^= (uint8_t)(1u << b);
			cr_assert_eq(itls_token_verify_server(&keys, cert, cert_len, st), ITLS_ERR_MISMATCH);
			st[i] ^= (uint8_t)(1u << b);
			ct[i] ^= (uint8_t)(1u << b);
			cr_assert_eq(itls_token_verify_client(&keys, st, ct), ITLS_ERR_MISMATCH);
			ct[i] ^= (uint8_t)(1u << b);
		}
	}
	/* a certificate with one changed byte (a man in the middle's) */
	cert[100] ^= 1;
	cr_assert_eq(itls_token_verify_server(&keys, cert, cert_len, st), ITLS_ERR_MISMATCH);
	/* another IK */
	cert[100] ^= 1;
	keys.ik[0] ^= 1;
	cr_assert_eq(itls_token_verify_server(&keys, cert, cert_len, st), ITLS_ERR_MISMATCH);
}

Test(token, hex_wire_form, .description = "TK-05 TK-06")
{
	uint8_t t[12];

	/* TK-05: lower case out; TK-06: either case in */
	cr_assert_eq(itls_token_from_hex(t, "23932BA04CF5f04d6e1e99b5", 24), ITLS_OK);
	tok_eq(t, "23932ba04cf5f04d6e1e99b5");
	cr_assert_eq(itls_token_from_hex(t, "00112233445566778899aabb", 24), ITLS_OK);
	tok_eq(t, "00112233445566778899aabb");
	memset(t, 0xee, sizeof t);
	cr_assert_eq(itls_token_from_hex(t, "00112233445566778899aab", 23), ITLS_ERR_BAD_TOKEN);
	cr_assert_eq(itls_token_from_hex(t, "00112233445566778899aabbc", 25), ITLS_ERR_BAD_TOKEN);
	cr_assert_eq(itls_token_from_hex(t, "00112233445566778899aabg", 24), ITLS_ERR_BAD_TOKEN);
	cr_assert_eq(itls_token_from_hex(t, "0011223344556677 899aabb", 24), ITLS_ERR_BAD_TOKEN);
	cr_assert_eq(itls_token_from_hex(t, "\"0112233445566778899aab\"", 24), ITLS_ERR_BAD_TOKEN);
	cr_assert_eq(itls_token_from_hex(t, "", 0), ITLS_ERR_BAD_TOKEN);
	cr_assert_eq(t[0], 0xee);
}

Test(token, key_length_is_by_type, .description = "TK-03")
{
	/*
	 * TK-03: IK and CK are 16-byte arrays in the API; the length and hex
	 * errors (bad-length, bad-hex) are the CLI's and the vector reader's,
	 * tested in tests/cli/token.sh. Here: both keys matter in KDF, only IK
	 * in HMAC.
	 */
	uint8_t a[12], b[12];

	cr_assert_eq(itls_token_server(a, &keys, cert, cert_len), ITLS_OK);
	keys.ck[0] ^= 1;
	cr_assert_eq(itls_token_server(b, &keys, cert, cert_len), ITLS_OK);
	cr_assert_eq(memcmp(a, b, 12), 0);
	keys.profile = ITLS_TOKEN_KDF;
	cr_assert_eq(itls_token_server(a, &keys, cert, cert_len), ITLS_OK);
	keys.ck[0] ^= 1;
	cr_assert_eq(itls_token_server(b, &keys, cert, cert_len), ITLS_OK);
	cr_assert_neq(memcmp(a, b, 12), 0);
}

Test(token, wipes_nothing_visible, .description = "TK-08")
{
	/* TK-08: the functions write only their outputs (keys and cert unchanged) */
	struct itls_token_keys k2 = keys;
	uint8_t st[12];

	keys.profile = ITLS_TOKEN_KDF;
	k2.profile = ITLS_TOKEN_KDF;
	cr_assert_eq(itls_token_server(st, &keys, cert, cert_len), ITLS_OK);
	cr_assert_eq(memcmp(&k2, &keys, sizeof keys), 0);
}
