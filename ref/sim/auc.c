/*
 * auc.c -- Milenage, AUTN, AKAv1-MD5 for the simulator (see sim/auc.h).
 *
 * Built on the core's crypto boundary (itls/crypto.h: AES-128, MD5).
 */
#include "sim/auc.h"
#include "itls/crypto.h"

#include <stdio.h>
#include <string.h>

/* TS 35.206 §4.1: OUTi = E_K(rot(TEMP xor OPc, ri) xor ci) xor OPc */
static void
milenage_out(const uint8_t k[16], const uint8_t opc[16],
	const uint8_t temp[16], unsigned r_bytes, uint8_t c_last,
	uint8_t out[16])
{
	uint8_t x[16], y[16];
	unsigned i;

	for (i = 0; i < 16; i++) {
		y[i] = temp[i] ^ opc[i];
	}
	for (i = 0; i < 16; i++) {
		x[i] = y[(i + r_bytes) % 16];
	}
	x[15] ^= c_last;
	itls_crypto_aes128(out, k, x);
	for (i = 0; i < 16; i++) {
		out[i] ^= opc[i];
	}
}

static void
milenage(const uint8_t k[16], const uint8_t opc[16], const uint8_t rand[16],
	const uint8_t sqn[6], const uint8_t amf[2], uint8_t mac_a[8],
	uint8_t res[8], uint8_t ck[16], uint8_t ik[16], uint8_t ak[6])
{
	uint8_t temp[16], in1[16], x[16], out[16];
	unsigned i;

	for (i = 0; i < 16; i++) {
		x[i] = rand[i] ^ opc[i];
	}
	itls_crypto_aes128(temp, k, x);
	/* f1: IN1 = SQN || AMF || SQN || AMF, r1 = 64 bits, c1 = 0 */
	memcpy(in1, sqn, 6);
	memcpy(in1 + 6, amf, 2);
	memcpy(in1 + 8, sqn, 6);
	memcpy(in1 + 14, amf, 2);
	for (i = 0; i < 16; i++) {
		x[i] = temp[i] ^ in1[(i + 8) % 16] ^ opc[(i + 8) % 16];
	}
	itls_crypto_aes128(out, k, x);
	for (i = 0; i < 8; i++) {
		mac_a[i] = out[i] ^ opc[i];
	}
	/* f2, f5: r2 = 0, c2 = 1 */
	milenage_out(k, opc, temp, 0, 1, out);
	memcpy(res, out + 8, 8);
	memcpy(ak, out, 6);
	/* f3: r3 = 32 bits, c3 = 2 */
	milenage_out(k, opc, temp, 4, 2, ck);
	/* f4: r4 = 64 bits, c4 = 4 */
	milenage_out(k, opc, temp, 8, 4, ik);
}

void
sim_auc_vector(const uint8_t k[16], const uint8_t opc[16],
	const uint8_t rand[16], const uint8_t sqn[6], const uint8_t amf[2],
	struct sim_av *av)
{
	uint8_t mac_a[8], ak[6];
	unsigned i;

	memcpy(av->rand, rand, 16);
	milenage(k, opc, rand, sqn, amf, mac_a, av->xres, av->ck, av->ik, ak);
	for (i = 0; i < 6; i++) {
		av->autn[i] = sqn[i] ^ ak[i];
	}
	memcpy(av->autn + 6, amf, 2);
	memcpy(av->autn + 8, mac_a, 8);
}

int
sim_usim_check(const uint8_t k[16], const uint8_t opc[16],
	const uint8_t rand[16], const uint8_t autn[16], uint8_t res[8],
	uint8_t ck[16], uint8_t ik[16], uint8_t sqn[6])
{
	uint8_t mac_a[8], ak[6], res0[8], ck0[16], ik0[16], xmac[8];
	uint8_t zero[6] = { 0 };
	unsigned i;

	/* AK does not depend on SQN: get it first, then recover SQN */
	milenage(k, opc, rand, zero, autn + 6, mac_a, res0, ck0, ik0, ak);
	for (i = 0; i < 6; i++) {
		sqn[i] = autn[i] ^ ak[i];
	}
	milenage(k, opc, rand, sqn, autn + 6, xmac, res, ck, ik, ak);
	if (itls_crypto_eq(xmac, autn + 8, 8) != 0) {
		return -1;
	}
	return 0;
}

static void
hex(const uint8_t *p, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = d[p[i] >> 4];
		out[2 * i + 1] = d[p[i] & 15];
	}
	out[2 * n] = 0;
}

void
sim_digest_akav1(const uint8_t *res, size_t res_len, const char *username,
	const char *realm, const char *nonce, const char *method, const char *uri,
	char out[33])
{
	struct itls_crypto_part p[5];
	uint8_t h[16];
	char ha1[33], ha2[33];

	p[0].p = (const uint8_t *)username; p[0].len = strlen(username);
	p[1].p = (const uint8_t *)":"; p[1].len = 1;
	p[2].p = (const uint8_t *)realm; p[2].len = strlen(realm);
	p[3].p = (const uint8_t *)":"; p[3].len = 1;
	p[4].p = res; p[4].len = res_len;
	itls_crypto_md5(h, p, 5);
	hex(h, 16, ha1);
	p[0].p = (const uint8_t *)method; p[0].len = strlen(method);
	p[2].p = (const uint8_t *)uri; p[2].len = strlen(uri);
	itls_crypto_md5(h, p, 3);
	hex(h, 16, ha2);
	p[0].p = (const uint8_t *)ha1; p[0].len = 32;
	p[2].p = (const uint8_t *)nonce; p[2].len = strlen(nonce);
	p[4].p = (const uint8_t *)ha2; p[4].len = 32;
	itls_crypto_md5(h, p, 5);
	hex(h, 16, out);
}
