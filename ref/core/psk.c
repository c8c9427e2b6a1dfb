/*
 * psk.c -- the PSK-TLS key and identity (see itls/psk.h).
 *
 * spec/psk.md PS-01..PS-04; D-PS-1.
 */
#include "itls/psk.h"

/* PS-01: P0 */
const uint8_t itls_psk_label[8] = { 'i', 't', 'l', 's', ' ', 'p', 's', 'k' };

/* see itls/psk.h */
int
itls_psk_derive(uint8_t psk[ITLS_PSK_LEN], const uint8_t ck[ITLS_PSK_KEY_LEN],
	const uint8_t ik[ITLS_PSK_KEY_LEN], const uint8_t *impi, size_t impi_len)
{
	struct itls_crypto_part k[2];
	struct itls_crypto_part p[2];

	/* PS-03 */
	if (impi_len == 0) {
		return ITLS_ERR_EMPTY;
	}
	if (impi_len > ITLS_PSK_MAX_IDENTITY) {
		return ITLS_ERR_TOO_LONG;
	}
	/*
	 * PS-01: Key = CK || IK, P0 = "itls psk", P1 = IMPI. PS-04: the key
	 * goes to crypto in two parts; crypto.c joins them in a buffer that
	 * it wipes, so no copy of CK or IK is made here.
	 */
	k[0].p = ck;
	k[0].len = ITLS_PSK_KEY_LEN;
	k[1].p = ik;
	k[1].len = ITLS_PSK_KEY_LEN;
	p[0].p = itls_psk_label;
	p[0].len = sizeof itls_psk_label;
	p[1].p = impi;
	p[1].len = impi_len;
	/*@ assert itls_same(itls_mem((uint8_t *)ck, 16), \at(itls_mem((uint8_t *)ck, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)ik, 16), \at(itls_mem((uint8_t *)ik, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&itls_psk_label[0], 8),
	  @   \at(itls_mem((uint8_t *)&itls_psk_label[0], 8), Pre));
	  @*/
	/*@ assert itls_same(itls_mem((uint8_t *)impi, impi_len), \at(itls_mem((uint8_t *)impi, impi_len), Pre)); */
	/*@ assert itls_parts(&k[0], 2) == itls_cat(itls_mem((uint8_t *)ck, 16), itls_mem((uint8_t *)ik, 16)); */
	/*@ assert itls_kdf_s(ITLS_PSK_FC, &p[0], 2) ==
	  @   itls_cat(itls_cat(itls_b1(ITLS_PSK_FC),
	  @       itls_cat(itls_mem((uint8_t *)&itls_psk_label[0], 8), itls_be16(8))),
	  @     itls_cat(itls_mem((uint8_t *)impi, impi_len), itls_be16(impi_len)));
	  @*/
	itls_crypto_kdf(psk, ITLS_PSK_LEN, k, 2, ITLS_PSK_FC, p, 2);
	/* all 32 bytes: the first 32 of a 32-byte MAC are the MAC */
	/*@ assert itls_same(itls_mem(psk, ITLS_PSK_LEN),
	  @   \at(itls_psk_of(itls_mem((uint8_t *)ck, 16), itls_mem((uint8_t *)ik, 16),
	  @     itls_mem((uint8_t *)impi, impi_len)), Pre));
	  @*/
	return ITLS_OK;
}

/* see itls/psk.h */
int
itls_psk_identity(uint8_t *out, size_t cap, const uint8_t *impi, size_t impi_len,
	size_t *out_len)
{
	size_t i;

	/* PS-03 */
	if (impi_len == 0) {
		return ITLS_ERR_EMPTY;
	}
	if (impi_len > ITLS_PSK_MAX_IDENTITY) {
		return ITLS_ERR_TOO_LONG;
	}
	if (impi_len > cap) {
		return ITLS_ERR_BUFFER_TOO_SMALL;
	}
	/* PS-02: the identity is the IMPI, byte for byte */
	/*@ loop invariant 0 <= i <= impi_len;
	  @ loop invariant \forall integer j; 0 <= j < i ==> out[j] == impi[j];
	  @ loop assigns i, out[0 .. impi_len - 1];
	  @ loop variant impi_len - i;
	  @*/
	for (i = 0; i < impi_len; i++) {
		out[i] = impi[i];
	}
	*out_len = impi_len;
	return ITLS_OK;
}
