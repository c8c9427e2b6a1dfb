/*
 * test_psk.c -- Criterion suite of ref/core/psk.c (spec/psk.md, PS-nn).
 *
 * The expected PSK was computed by hand with Python's hmac/hashlib
 * (HMAC-SHA-256(CK || IK, 01 || "itls psk" || 0008 || IMPI || 0031)),
 * independently of ref/, with CK and IK of TS 35.208 test set 1.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "itls/err.h"
#include "itls/psk.h"

static const char impi[] = "234150999999999@ims.mnc015.mcc234.3gppnetwork.org";
static uint8_t ck[16], ik[16];

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
	unhex("b40ba9a3c58b2a05bbf0d987b21bf8cb", ck);
	unhex("f769bcd751044604127672711c6d3441", ik);
}

TestSuite(psk, .init = setup);

Test(psk, derive, .description = "PS-01")
{
	uint8_t psk[32];
	char hex[65];
	size_t i;

	/* PS-01 */
	cr_assert_eq(itls_psk_derive(psk, ck, ik, (const uint8_t *)impi, strlen(impi)), ITLS_OK);
	for (i = 0; i < 32; i++) {
		snprintf(hex + 2 * i, 3, "%02x", psk[i]);
	}
	cr_assert_str_eq(hex, "a7bc33052f470eedbedc255787bdf22e8e6b51fc7047e4c3c3d8597aaf7fbe57");
	/* CK and IK play different parts: swapping them changes the key */
	{
		uint8_t other[32];

		cr_assert_eq(itls_psk_derive(other, ik, ck, (const uint8_t *)impi, strlen(impi)), ITLS_OK);
		cr_assert_neq(memcmp(other, psk, 32), 0);
	}
}

Test(psk, identity, .description = "PS-02")
{
	uint8_t id[128];
	size_t n = 0;

	/* PS-02: the identity is the IMPI byte for byte */
	cr_assert_eq(itls_psk_identity(id, sizeof id, (const uint8_t *)impi, strlen(impi), &n), ITLS_OK);
	cr_assert_eq(n, strlen(impi));
	cr_assert_eq(memcmp(id, impi, n), 0);
	cr_assert_eq(itls_psk_identity(id, 10, (const uint8_t *)impi, strlen(impi), &n),
		ITLS_ERR_BUFFER_TOO_SMALL);
	cr_assert_eq(n, strlen(impi));
}

Test(psk, errors, .description = "PS-03")
{
	static uint8_t big[65536];
	uint8_t psk[32], id[8];
	size_t n = 7;

	/* PS-03 */
	memset(psk, 0xee, sizeof psk);
	cr_assert_eq(itls_psk_derive(psk, ck, ik, (const uint8_t *)impi, 0), ITLS_ERR_EMPTY);
	cr_assert_eq(itls_psk_derive(psk, ck, ik, big, sizeof big), ITLS_ERR_TOO_LONG);
	cr_assert_eq(psk[0], 0xee);
	cr_assert_eq(itls_psk_derive(psk, ck, ik, big, 65535), ITLS_OK);
	cr_assert_eq(itls_psk_identity(id, sizeof id, big, 0, &n), ITLS_ERR_EMPTY);
	cr_assert_eq(itls_psk_identity(id, sizeof id, big, sizeof big, &n), ITLS_ERR_TOO_LONG);
	cr_assert_eq(n, 7);
}

Test(psk, inputs_untouched, .description = "PS-04")
{
	/* PS-04: the key CK || IK is joined and wiped inside crypto; inputs unchanged */
	uint8_t c2[16], i2[16], psk[32];

	memcpy(c2, ck, 16);
	memcpy(i2, ik, 16);
	cr_assert_eq(itls_psk_derive(psk, ck, ik, (const uint8_t *)impi, strlen(impi)), ITLS_OK);
	cr_assert_eq(memcmp(c2, ck, 16), 0);
	cr_assert_eq(memcmp(i2, ik, 16), 0);
}
