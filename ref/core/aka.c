/*
 * aka.c -- IMS AKA: Milenage, AUTN, AUTS, Digest responses (see itls/aka.h).
 *
 * spec/aka.md AK-01..AK-15; TS 35.206 §4.1; TS 33.102 §6.3; RFC 3310;
 * RFC 4169; RFC 2617 §3.2.2.
 */
#include "itls/aka.h"

const uint8_t itls_aka_qop_auth[4] = { 'a', 'u', 't', 'h' };
const uint8_t itls_aka_qop_auth_int[8] = { 'a', 'u', 't', 'h', '-', 'i', 'n', 't' };
/* AK-13 */
const uint8_t itls_aka_v2_label[26] = {
	'h', 't', 't', 'p', '-', 'd', 'i', 'g', 'e', 's', 't', '-', 'a',
	'k', 'a', 'v', '2', '-', 'p', 'a', 's', 's', 'w', 'o', 'r', 'd'
};
const uint8_t itls_aka_colon[1] = { ':' };

/* ---- byte-string helpers --------------------------------------------- */

/* o = bytes off .. off + n - 1 of the alen bytes at a */
/*@ requires off + n <= alen;
  @ requires \valid(o + (0 .. n - 1));
  @ requires \valid_read(a + (0 .. alen - 1));
  @ requires \separated(o + (0 .. n - 1), a + (0 .. alen - 1));
  @ assigns o[0 .. n - 1];
  @ ensures itls_mem(o, n) == itls_sub(\old(itls_mem((uint8_t *)a, alen)), off, n);
  @*/
static void
get_sub(uint8_t *o, const uint8_t *a, size_t alen, size_t off, size_t n)
{
	size_t i;

	(void)alen; /* used by the contract only */
	/*@ loop invariant 0 <= i <= n;
	  @ loop invariant \forall integer j; 0 <= j < i ==> o[j] == a[off + j];
	  @ loop assigns i, o[0 .. n - 1];
	  @ loop variant n - i;
	  @*/
	for (i = 0; i < n; i++) {
		o[i] = a[off + i];
	}
	/*@ assert itls_same(itls_mem(o, n), itls_sub(\at(itls_mem((uint8_t *)a, alen), Pre), off, n)); */
}

/* o = the 16 bytes at a turned left by r bytes */
/*@ requires r < 16;
  @ requires \valid(o + (0 .. 15));
  @ requires \valid_read(a + (0 .. 15));
  @ requires \separated(o + (0 .. 15), a + (0 .. 15));
  @ assigns o[0 .. 15];
  @ ensures itls_mem(o, 16) == itls_rot(\old(itls_mem((uint8_t *)a, 16)), r);
  @*/
static void
rot16(uint8_t o[16], const uint8_t a[16], size_t r)
{
	size_t i;

	/*@ loop invariant 0 <= i <= 16;
	  @ loop invariant \forall integer j; 0 <= j < i ==> o[j] == \at(a[(j + r) % 16], Pre);
	  @ loop assigns i, o[0 .. 15];
	  @ loop variant 16 - i;
	  @*/
	for (i = 0; i < 16; i++) {
		o[i] = a[(i + r) % 16];
	}
	/*@ assert itls_blen(\at(itls_mem((uint8_t *)a, 16), Pre)) == 16 && itls_blen(itls_mem(o, 16)) == 16; */
	/*@ assert itls_blen(itls_rot(\at(itls_mem((uint8_t *)a, 16), Pre), r)) == 16; */
	/*@ assert \forall integer j; 0 <= j < 16 ==>
	  @   itls_bat(itls_rot(\at(itls_mem((uint8_t *)a, 16), Pre), r), j) == \at(a[(j + r) % 16], Pre);
	  @*/
	/*@ assert itls_same(itls_mem(o, 16), itls_rot(\at(itls_mem((uint8_t *)a, 16), Pre), r)); */
}

/* o = 15 zero bytes then c: the Milenage constant c_k */
/*@ requires \valid(o + (0 .. 15));
  @ assigns o[0 .. 15];
  @ ensures itls_mem(o, 16) == itls_mil_cst(c);
  @*/
static void
mil_cst(uint8_t o[16], uint8_t c)
{
	size_t i;

	/*@ loop invariant 0 <= i <= 15;
	  @ loop invariant \forall integer j; 0 <= j < i ==> o[j] == 0;
	  @ loop assigns i, o[0 .. 14];
	  @ loop variant 15 - i;
	  @*/
	for (i = 0; i < 15; i++) {
		o[i] = 0;
	}
	o[15] = c;
	/*@ assert itls_blen(itls_zeros(15)) == 15 && itls_blen(itls_b1(c)) == 1; */
	/*@ assert itls_blen(itls_mil_cst(c)) == 16 && itls_blen(itls_mem(o, 16)) == 16; */
	/*@ assert \forall integer j; 0 <= j < 15 ==> itls_bat(itls_mil_cst(c), j) == 0; */
	/*@ assert itls_bat(itls_mil_cst(c), 15) == c; */
	/*@ assert itls_same(itls_mem(o, 16), itls_mil_cst(c)); */
}

/* x = rot(a ^ b, r bytes) ^ (15 zero bytes || c)  (TS 35.206 §4.1) */
/*@ requires r < 16;
  @ requires \valid(x + (0 .. 15));
  @ requires \valid_read(a + (0 .. 15));
  @ requires \valid_read(b + (0 .. 15));
  @ requires \separated(x + (0 .. 15), a + (0 .. 15));
  @ requires \separated(x + (0 .. 15), b + (0 .. 15));
  @ assigns x[0 .. 15];
  @ ensures itls_mem(x, 16) ==
  @   itls_mil_mix(\old(itls_mem((uint8_t *)a, 16)), \old(itls_mem((uint8_t *)b, 16)), r, c);
  @*/
static void
mil_mix(uint8_t x[16], const uint8_t a[16], const uint8_t b[16], size_t r, uint8_t c)
{
	uint8_t t[16];
	uint8_t u[16];

	itls_crypto_xor(t, a, b, 16);
	rot16(u, t, r);
	mil_cst(t, c);
	/*@ assert itls_same(itls_mem(&u[0], 16), itls_rot(itls_xor(\at(itls_mem((uint8_t *)a, 16), Pre),
	  @   \at(itls_mem((uint8_t *)b, 16), Pre)), r));
	  @*/
	itls_crypto_xor(x, u, t, 16);
	/*@ assert itls_mem(x, 16) ==
	  @   itls_mil_mix(\at(itls_mem((uint8_t *)a, 16), Pre), \at(itls_mem((uint8_t *)b, 16), Pre), r, c);
	  @*/
	/* AK-15 */
	itls_crypto_wipe(t, sizeof t);
	itls_crypto_wipe(u, sizeof u);
	/*@ assert itls_same(itls_mem(x, 16),
	  @   itls_mil_mix(\at(itls_mem((uint8_t *)a, 16), Pre), \at(itls_mem((uint8_t *)b, 16), Pre), r, c));
	  @*/
}

/* ---- Milenage ---------------------------------------------------------- */

/* TEMP = E_K(RAND ^ OPc) (AK-03) */
/*@ requires \valid(temp + (0 .. 15));
  @ requires \valid_read(k + (0 .. 15));
  @ requires \valid_read(opc + (0 .. 15));
  @ requires \valid_read(rand + (0 .. 15));
  @ requires \separated(temp + (0 .. 15), k + (0 .. 15), opc + (0 .. 15), rand + (0 .. 15));
  @ assigns temp[0 .. 15];
  @ ensures itls_mem(temp, 16) == itls_mil_temp(\old(itls_mem((uint8_t *)k, 16)),
  @   \old(itls_mem((uint8_t *)opc, 16)), \old(itls_mem((uint8_t *)rand, 16)));
  @*/
static void
mil_temp(uint8_t temp[16], const uint8_t k[16], const uint8_t opc[16], const uint8_t rand[16])
{
	uint8_t x[16];

	itls_crypto_xor(x, rand, opc, 16);
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	itls_crypto_aes128(temp, k, x);
	/*@ assert itls_mem(temp, 16) == itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre),
	  @   \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre));
	  @*/
	/* AK-15 */
	itls_crypto_wipe(x, sizeof x);
	/*@ assert itls_same(itls_mem(temp, 16), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre),
	  @   \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)));
	  @*/
}

/* OUTk = E_K(rot(TEMP ^ OPc, r) ^ c) ^ OPc, k = 2..5 (AK-05) */
/*@ requires r < 16;
  @ requires \valid(out + (0 .. 15));
  @ requires \valid_read(k + (0 .. 15));
  @ requires \valid_read(opc + (0 .. 15));
  @ requires \valid_read(temp + (0 .. 15));
  @ requires \separated(out + (0 .. 15), k + (0 .. 15), opc + (0 .. 15), temp + (0 .. 15));
  @ assigns out[0 .. 15];
  @ ensures itls_mem(out, 16) == itls_mil_outk_t(\old(itls_mem((uint8_t *)k, 16)),
  @   \old(itls_mem((uint8_t *)opc, 16)), \old(itls_mem((uint8_t *)temp, 16)), r, c);
  @*/
static void
mil_outk(uint8_t out[16], const uint8_t k[16], const uint8_t opc[16], const uint8_t temp[16],
	size_t r, uint8_t c)
{
	uint8_t x[16];
	uint8_t y[16];

	mil_mix(x, temp, opc, r, c);
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	itls_crypto_aes128(y, k, x);
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	itls_crypto_xor(out, y, opc, 16);
	/*@ assert itls_mem(out, 16) == itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre),
	  @   \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), r, c);
	  @*/
	/* AK-15 */
	itls_crypto_wipe(x, sizeof x);
	itls_crypto_wipe(y, sizeof y);
	/*@ assert itls_same(itls_mem(out, 16), itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre),
	  @   \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), r, c));
	  @*/
}

/* OUT1 = E_K(TEMP ^ rot(IN1 ^ OPc, 64 bits) ^ c1) ^ OPc (AK-03, AK-04) */
/*@ requires \valid(out + (0 .. 15));
  @ requires \valid_read(k + (0 .. 15));
  @ requires \valid_read(opc + (0 .. 15));
  @ requires \valid_read(temp + (0 .. 15));
  @ requires \valid_read(sqn + (0 .. 5));
  @ requires \valid_read(amf + (0 .. 1));
  @ requires \separated(out + (0 .. 15), k + (0 .. 15), opc + (0 .. 15), temp + (0 .. 15),
  @   sqn + (0 .. 5), amf + (0 .. 1));
  @ assigns out[0 .. 15];
  @ ensures itls_mem(out, 16) == itls_mil_out1_t(\old(itls_mem((uint8_t *)k, 16)),
  @   \old(itls_mem((uint8_t *)opc, 16)), \old(itls_mem((uint8_t *)temp, 16)),
  @   \old(itls_mem((uint8_t *)sqn, 6)), \old(itls_mem((uint8_t *)amf, 2)));
  @*/
static void
mil_out1(uint8_t out[16], const uint8_t k[16], const uint8_t opc[16], const uint8_t temp[16],
	const uint8_t sqn[6], const uint8_t amf[2])
{
	uint8_t in1[16];
	uint8_t x[16];
	uint8_t y[16];
	size_t i;

	/* AK-03: IN1 = SQN || AMF || SQN || AMF */
	/*@ loop invariant 0 <= i <= 6;
	  @ loop invariant \forall integer j; 0 <= j < i ==> in1[j] == sqn[j] && in1[j + 8] == sqn[j];
	  @ loop assigns i, in1[0 .. 15];
	  @ loop variant 6 - i;
	  @*/
	for (i = 0; i < 6; i++) {
		in1[i] = sqn[i];
		in1[i + 8] = sqn[i];
	}
	in1[6] = amf[0];
	in1[7] = amf[1];
	in1[14] = amf[0];
	in1[15] = amf[1];
	/*@ assert \forall integer j; 0 <= j < 6 ==> in1[j] == \at(sqn[j], Pre); */
	/*@ assert \forall integer j; 8 <= j < 14 ==> in1[j] == \at(sqn[j - 8], Pre); */
	/*@ assert itls_blen(\at(itls_mem((uint8_t *)sqn, 6), Pre)) == 6 &&
	  @   itls_blen(\at(itls_mem((uint8_t *)amf, 2), Pre)) == 2;
	  @*/
	/*@ assert \forall integer j; 0 <= j < 6 ==>
	  @   itls_bat(\at(itls_mem((uint8_t *)sqn, 6), Pre), j) == \at(sqn[j], Pre);
	  @*/
	/*@ assert \forall integer j; 0 <= j < 2 ==>
	  @   itls_bat(\at(itls_mem((uint8_t *)amf, 2), Pre), j) == \at(amf[j], Pre);
	  @*/
	/*@ assert itls_blen(itls_cat(\at(itls_mem((uint8_t *)sqn, 6), Pre),
	  @   \at(itls_mem((uint8_t *)amf, 2), Pre))) == 8;
	  @*/
	/*@ assert \forall integer j; 0 <= j < 6 ==>
	  @   itls_bat(itls_cat(\at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), j) ==
	  @   \at(sqn[j], Pre);
	  @*/
	/*@ assert \forall integer j; 6 <= j < 8 ==>
	  @   itls_bat(itls_cat(\at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), j) ==
	  @   \at(amf[j - 6], Pre);
	  @*/
	/*@ assert itls_blen(itls_cat(itls_cat(\at(itls_mem((uint8_t *)sqn, 6), Pre),
	  @   \at(itls_mem((uint8_t *)amf, 2), Pre)), \at(itls_mem((uint8_t *)sqn, 6), Pre))) == 14;
	  @*/
	/*@ assert \forall integer j; 0 <= j < 8 ==>
	  @   itls_bat(itls_cat(itls_cat(\at(itls_mem((uint8_t *)sqn, 6), Pre),
	  @     \at(itls_mem((uint8_t *)amf, 2), Pre)), \at(itls_mem((uint8_t *)sqn, 6), Pre)), j) ==
	  @   itls_bat(itls_cat(\at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), j);
	  @*/
	/*@ assert \forall integer j; 8 <= j < 14 ==>
	  @   itls_bat(itls_cat(itls_cat(\at(itls_mem((uint8_t *)sqn, 6), Pre),
	  @     \at(itls_mem((uint8_t *)amf, 2), Pre)), \at(itls_mem((uint8_t *)sqn, 6), Pre)), j) ==
	  @   \at(sqn[j - 8], Pre);
	  @*/
	/*@ assert itls_blen(itls_mil_in1(\at(itls_mem((uint8_t *)sqn, 6), Pre),
	  @   \at(itls_mem((uint8_t *)amf, 2), Pre))) == 16;
	  @*/
	/*@ assert \forall integer j; 0 <= j < 14 ==>
	  @   itls_bat(itls_mil_in1(\at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), j) ==
	  @   itls_bat(itls_cat(itls_cat(\at(itls_mem((uint8_t *)sqn, 6), Pre),
	  @     \at(itls_mem((uint8_t *)amf, 2), Pre)), \at(itls_mem((uint8_t *)sqn, 6), Pre)), j);
	  @*/
	/*@ assert \forall integer j; 14 <= j < 16 ==>
	  @   itls_bat(itls_mil_in1(\at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), j) ==
	  @   \at(amf[j - 14], Pre);
	  @*/
	/*@ assert in1[6] == \at(amf[0], Pre) && in1[7] == \at(amf[1], Pre) &&
	  @   in1[14] == \at(amf[0], Pre) && in1[15] == \at(amf[1], Pre);
	  @*/
	/*@ assert \forall integer j; 0 <= j < 6 ==>
	  @   itls_bat(itls_mem(&in1[0], 16), j) ==
	  @   itls_bat(itls_mil_in1(\at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), j);
	  @*/
	/*@ assert \forall integer j; 6 <= j < 8 ==>
	  @   itls_bat(itls_mem(&in1[0], 16), j) ==
	  @   itls_bat(itls_mil_in1(\at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), j);
	  @*/
	/*@ assert \forall integer j; 8 <= j < 14 ==>
	  @   itls_bat(itls_mem(&in1[0], 16), j) ==
	  @   itls_bat(itls_mil_in1(\at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), j);
	  @*/
	/*@ assert \forall integer j; 14 <= j < 16 ==>
	  @   itls_bat(itls_mem(&in1[0], 16), j) ==
	  @   itls_bat(itls_mil_in1(\at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), j);
	  @*/
	/*@ assert \forall integer j; 0 <= j < 16 ==>
	  @   itls_bat(itls_mem(&in1[0], 16), j) ==
	  @   itls_bat(itls_mil_in1(\at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), j);
	  @*/
	/*@ assert itls_same(itls_mem(&in1[0], 16), itls_mil_in1(\at(itls_mem((uint8_t *)sqn, 6), Pre),
	  @   \at(itls_mem((uint8_t *)amf, 2), Pre)));
	  @*/
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	mil_mix(x, in1, opc, 8, 0);
	/*@ assert itls_same(itls_mem((uint8_t *)temp, 16), \at(itls_mem((uint8_t *)temp, 16), Pre)); */
	itls_crypto_xor(y, temp, x, 16);
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	itls_crypto_aes128(x, k, y);
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	itls_crypto_xor(out, x, opc, 16);
	/*@ assert itls_mem(out, 16) == itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre),
	  @   \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre),
	  @   \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre));
	  @*/
	/* AK-15 */
	itls_crypto_wipe(x, sizeof x);
	itls_crypto_wipe(y, sizeof y);
	/*@ assert \forall integer j; 0 <= j < 16 ==> itls_bat(itls_mem(out, 16), j) ==
	  @   itls_bat(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre),
	  @   \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre),
	  @   \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), j);
	  @*/
	/*@ assert itls_same(itls_mem(out, 16), itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre),
	  @   \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre),
	  @   \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)));
	  @*/
}

/* MAC-A = f1 and MAC-S = f1* from TEMP (AK-04) */
/*@ requires \valid(mac_a + (0 .. 7)) && \valid(mac_s + (0 .. 7));
  @ requires \valid_read(k + (0 .. 15)) && \valid_read(opc + (0 .. 15));
  @ requires \valid_read(temp + (0 .. 15));
  @ requires \valid_read(sqn + (0 .. 5)) && \valid_read(amf + (0 .. 1));
  @ requires \separated(mac_a + (0 .. 7), mac_s + (0 .. 7), k + (0 .. 15), opc + (0 .. 15),
  @   temp + (0 .. 15), sqn + (0 .. 5), amf + (0 .. 1));
  @ assigns mac_a[0 .. 7], mac_s[0 .. 7];
  @ ensures itls_mem(mac_a, 8) == itls_sub(itls_mil_out1_t(\old(itls_mem((uint8_t *)k, 16)),
  @   \old(itls_mem((uint8_t *)opc, 16)), \old(itls_mem((uint8_t *)temp, 16)),
  @   \old(itls_mem((uint8_t *)sqn, 6)), \old(itls_mem((uint8_t *)amf, 2))), 0, 8);
  @ ensures itls_mem(mac_s, 8) == itls_sub(itls_mil_out1_t(\old(itls_mem((uint8_t *)k, 16)),
  @   \old(itls_mem((uint8_t *)opc, 16)), \old(itls_mem((uint8_t *)temp, 16)),
  @   \old(itls_mem((uint8_t *)sqn, 6)), \old(itls_mem((uint8_t *)amf, 2))), 8, 8);
  @*/
static void
mil_f1(uint8_t mac_a[8], uint8_t mac_s[8], const uint8_t k[16], const uint8_t opc[16],
	const uint8_t temp[16], const uint8_t sqn[6], const uint8_t amf[2])
{
	uint8_t o[16];

	mil_out1(o, k, opc, temp, sqn, amf);
	get_sub(mac_a, o, 16, 0, 8);
	/*@ assert itls_same(itls_mem((uint8_t *)&o[0], 16), itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre))); */
	get_sub(mac_s, o, 16, 8, 8);
	/* AK-15 */
	itls_crypto_wipe(o, sizeof o);
	/*@ assert \forall integer j; 0 <= j < 8 ==>
	  @   itls_bat(itls_mem((uint8_t *)mac_a, 8), j) == itls_bat(itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), 0, 8), j);
	  @*/
	/*@ assert itls_blen(itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), 0, 8)) == 8; */
	/*@ assert itls_same(itls_mem((uint8_t *)mac_a, 8), itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), 0, 8)); */
	/*@ assert \forall integer j; 0 <= j < 8 ==>
	  @   itls_bat(itls_mem((uint8_t *)mac_s, 8), j) == itls_bat(itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), 8, 8), j);
	  @*/
	/*@ assert itls_blen(itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), 8, 8)) == 8; */
	/*@ assert itls_same(itls_mem((uint8_t *)mac_s, 8), itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), 8, 8)); */
}

/* OUTk (r bytes, constant c) cut to n bytes from offset off: f2, f5, f5* (AK-06) */
/*@ requires r < 16 && off + n <= 16;
  @ requires \valid(dst + (0 .. n - 1));
  @ requires \valid_read(k + (0 .. 15)) && \valid_read(opc + (0 .. 15));
  @ requires \valid_read(temp + (0 .. 15));
  @ requires \separated(dst + (0 .. n - 1), k + (0 .. 15), opc + (0 .. 15), temp + (0 .. 15));
  @ assigns dst[0 .. n - 1];
  @ ensures itls_mem(dst, n) == itls_sub(itls_mil_outk_t(\old(itls_mem((uint8_t *)k, 16)),
  @   \old(itls_mem((uint8_t *)opc, 16)), \old(itls_mem((uint8_t *)temp, 16)), r, c), off, n);
  @*/
static void
mil_outk_sub(uint8_t *dst, const uint8_t k[16], const uint8_t opc[16], const uint8_t temp[16],
	size_t r, uint8_t c, size_t off, size_t n)
{
	uint8_t o[16];

	mil_outk(o, k, opc, temp, r, c);
	get_sub(dst, o, 16, off, n);
	/* AK-15 */
	itls_crypto_wipe(o, sizeof o);
	/*@ assert \forall integer j; 0 <= j < n ==>
	  @   itls_bat(itls_mem((uint8_t *)dst, n), j) == itls_bat(itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), r, c), off, n), j);
	  @*/
	/*@ assert itls_blen(itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), r, c), off, n)) == n; */
	/*@ assert itls_same(itls_mem((uint8_t *)dst, n), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), r, c), off, n)); */
}

/* see itls/aka.h */
void
itls_milenage_opc(uint8_t opc[16], const uint8_t k[ITLS_AKA_K_LEN], const uint8_t op[16])
{
	uint8_t x[16];

	/* AK-02: OPc = OP ^ E_K(OP) */
	itls_crypto_aes128(x, k, op);
	/*@ assert itls_same(itls_mem((uint8_t *)op, 16), \at(itls_mem((uint8_t *)op, 16), Pre)); */
	itls_crypto_xor(opc, op, x, 16);
	/*@ assert itls_mem(opc, 16) == itls_mil_opc(\at(itls_mem((uint8_t *)k, 16), Pre),
	  @   \at(itls_mem((uint8_t *)op, 16), Pre));
	  @*/
	/* AK-15 */
	itls_crypto_wipe(x, sizeof x);
	/*@ assert itls_same(itls_mem(opc, 16), itls_mil_opc(\at(itls_mem((uint8_t *)k, 16), Pre),
	  @   \at(itls_mem((uint8_t *)op, 16), Pre)));
	  @*/
}

/* see itls/aka.h */
void
itls_milenage(struct itls_milenage_out *out, const uint8_t k[ITLS_AKA_K_LEN],
	const uint8_t opc[16], const uint8_t rand[ITLS_AKA_RAND_LEN],
	const uint8_t sqn[ITLS_AKA_SQN_LEN], const uint8_t amf[ITLS_AKA_AMF_LEN])
{
	uint8_t temp[16];

	/* AK-03 */
	mil_temp(temp, k, opc, rand);
	/* AK-04: f1, f1* */
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&temp[0], 16), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre))); */
	/*@ assert itls_same(itls_mem((uint8_t *)sqn, 6), \at(itls_mem((uint8_t *)sqn, 6), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)amf, 2), \at(itls_mem((uint8_t *)amf, 2), Pre)); */
	mil_f1(out->mac_a, out->mac_s, k, opc, temp, sqn, amf);
	/* AK-05, AK-06: OUT2 gives f5 (AK) and f2 (RES) */
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&temp[0], 16), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre))); */
	mil_outk_sub(out->ak, k, opc, temp, 0, 1, 0, 6);
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&temp[0], 16), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre))); */
	mil_outk_sub(out->res, k, opc, temp, 0, 1, 8, 8);
	/* OUT3 = CK, OUT4 = IK */
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&temp[0], 16), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre))); */
	mil_outk(out->ck, k, opc, temp, 4, 2);
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&temp[0], 16), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre))); */
	mil_outk(out->ik, k, opc, temp, 8, 4);
	/* OUT5 gives f5* (AK*) */
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&temp[0], 16), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre))); */
	mil_outk_sub(out->ak_star, k, opc, temp, 12, 8, 0, 6);
	/* AK-15 */
	itls_crypto_wipe(temp, sizeof temp);
	/*@ assert \forall integer j; 0 <= j < 8 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->mac_a[0], 8), j) == itls_bat(itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), 0, 8), j);
	  @*/
	/*@ assert itls_blen(itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), 0, 8)) == 8; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->mac_a[0], 8), itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), 0, 8)); */
	/*@ assert \forall integer j; 0 <= j < 8 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->mac_s[0], 8), j) == itls_bat(itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), 8, 8), j);
	  @*/
	/*@ assert itls_blen(itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), 8, 8)) == 8; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->mac_s[0], 8), itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), 8, 8)); */
	/*@ assert \forall integer j; 0 <= j < 6 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->ak[0], 6), j) == itls_bat(itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6), j);
	  @*/
	/*@ assert itls_blen(itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6)) == 6; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->ak[0], 6), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6)); */
	/*@ assert \forall integer j; 0 <= j < 8 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->res[0], 8), j) == itls_bat(itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 8, 8), j);
	  @*/
	/*@ assert itls_blen(itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 8, 8)) == 8; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->res[0], 8), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 8, 8)); */
	/*@ assert \forall integer j; 0 <= j < 16 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->ck[0], 16), j) == itls_bat(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 4, 2), j);
	  @*/
	/*@ assert itls_blen(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 4, 2)) == 16; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->ck[0], 16), itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 4, 2)); */
	/*@ assert \forall integer j; 0 <= j < 16 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->ik[0], 16), j) == itls_bat(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 8, 4), j);
	  @*/
	/*@ assert itls_blen(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 8, 4)) == 16; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->ik[0], 16), itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 8, 4)); */
	/*@ assert \forall integer j; 0 <= j < 6 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->ak_star[0], 6), j) == itls_bat(itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 12, 8), 0, 6), j);
	  @*/
	/*@ assert itls_blen(itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 12, 8), 0, 6)) == 6; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->ak_star[0], 6), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 12, 8), 0, 6)); */
}

/* see itls/aka.h */
void
itls_aka_autn(uint8_t autn[ITLS_AKA_AUTN_LEN], const uint8_t k[ITLS_AKA_K_LEN],
	const uint8_t opc[16], const uint8_t rand[ITLS_AKA_RAND_LEN],
	const uint8_t sqn[ITLS_AKA_SQN_LEN], const uint8_t amf[ITLS_AKA_AMF_LEN])
{
	uint8_t temp[16];
	uint8_t ak[6];
	uint8_t macs[8];

	mil_temp(temp, k, opc, rand);
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&temp[0], 16), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre))); */
	mil_outk_sub(ak, k, opc, temp, 0, 1, 0, 6);
	/* AK-07: AUTN = (SQN ^ AK) || AMF || MAC-A */
	/*@ assert itls_same(itls_mem((uint8_t *)sqn, 6), \at(itls_mem((uint8_t *)sqn, 6), Pre)); */
	itls_crypto_xor(autn, sqn, ak, 6);
	autn[6] = amf[0];
	autn[7] = amf[1];
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&temp[0], 16), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre))); */
	/*@ assert itls_same(itls_mem((uint8_t *)sqn, 6), \at(itls_mem((uint8_t *)sqn, 6), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)amf, 2), \at(itls_mem((uint8_t *)amf, 2), Pre)); */
	mil_f1(autn + 8, macs, k, opc, temp, sqn, amf);
	/* AK-15 */
	itls_crypto_wipe(temp, sizeof temp);
	itls_crypto_wipe(ak, sizeof ak);
	itls_crypto_wipe(macs, sizeof macs);
	/*@ assert \forall integer j; 0 <= j < 6 ==>
	  @   itls_bat(itls_mem((uint8_t *)autn, 6), j) == itls_bat(itls_xor(\at(itls_mem((uint8_t *)sqn, 6), Pre), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6)), j);
	  @*/
	/*@ assert itls_blen(itls_xor(\at(itls_mem((uint8_t *)sqn, 6), Pre), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6))) == 6; */
	/*@ assert itls_same(itls_mem((uint8_t *)autn, 6), itls_xor(\at(itls_mem((uint8_t *)sqn, 6), Pre), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6))); */
	/*@ assert \forall integer j; 0 <= j < 8 ==>
	  @   itls_bat(itls_mem((uint8_t *)autn + 8, 8), j) == itls_bat(itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), 0, 8), j);
	  @*/
	/*@ assert itls_blen(itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), 0, 8)) == 8; */
	/*@ assert itls_same(itls_mem((uint8_t *)autn + 8, 8), itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), \at(itls_mem((uint8_t *)sqn, 6), Pre), \at(itls_mem((uint8_t *)amf, 2), Pre)), 0, 8)); */
}

/* what a good AUTN releases (AK-08): SQN, AMF, AK as given, RES, CK, IK */
/*@ requires \valid(out);
  @ requires \valid_read(k + (0 .. 15)) && \valid_read(opc + (0 .. 15));
  @ requires \valid_read(temp + (0 .. 15)) && \valid_read(sqn + (0 .. 5));
  @ requires \valid_read(ak + (0 .. 5)) && \valid_read(amf + (0 .. 1));
  @ requires \separated(out, k + (0 .. 15), opc + (0 .. 15), temp + (0 .. 15), sqn + (0 .. 5),
  @   ak + (0 .. 5), amf + (0 .. 1));
  @ assigns *out;
  @ ensures itls_mem(&out->sqn[0], 6) == \old(itls_mem((uint8_t *)sqn, 6));
  @ ensures itls_mem(&out->ak[0], 6) == \old(itls_mem((uint8_t *)ak, 6));
  @ ensures out->amf[0] == \old(amf[0]) && out->amf[1] == \old(amf[1]);
  @ ensures itls_mem(&out->res[0], 8) == itls_sub(itls_mil_outk_t(\old(itls_mem((uint8_t *)k, 16)),
  @   \old(itls_mem((uint8_t *)opc, 16)), \old(itls_mem((uint8_t *)temp, 16)), 0, 1), 8, 8);
  @ ensures itls_mem(&out->ck[0], 16) == itls_mil_outk_t(\old(itls_mem((uint8_t *)k, 16)),
  @   \old(itls_mem((uint8_t *)opc, 16)), \old(itls_mem((uint8_t *)temp, 16)), 4, 2);
  @ ensures itls_mem(&out->ik[0], 16) == itls_mil_outk_t(\old(itls_mem((uint8_t *)k, 16)),
  @   \old(itls_mem((uint8_t *)opc, 16)), \old(itls_mem((uint8_t *)temp, 16)), 8, 4);
  @*/
static void
aka_release(struct itls_aka_check *out, const uint8_t k[16], const uint8_t opc[16],
	const uint8_t temp[16], const uint8_t sqn[6], const uint8_t ak[6], const uint8_t amf[2])
{
	get_sub(out->sqn, sqn, 6, 0, 6);
	out->amf[0] = amf[0];
	out->amf[1] = amf[1];
	/*@ assert itls_same(itls_mem((uint8_t *)ak, 6), \at(itls_mem((uint8_t *)ak, 6), Pre)); */
	get_sub(out->ak, ak, 6, 0, 6);
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)temp, 16), \at(itls_mem((uint8_t *)temp, 16), Pre)); */
	mil_outk_sub(out->res, k, opc, temp, 0, 1, 8, 8);
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)temp, 16), \at(itls_mem((uint8_t *)temp, 16), Pre)); */
	mil_outk(out->ck, k, opc, temp, 4, 2);
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)temp, 16), \at(itls_mem((uint8_t *)temp, 16), Pre)); */
	mil_outk(out->ik, k, opc, temp, 8, 4);
	/*@ assert \forall integer j; 0 <= j < 6 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->sqn[0], 6), j) == itls_bat(\at(itls_mem((uint8_t *)sqn, 6), Pre), j);
	  @*/
	/*@ assert itls_blen(\at(itls_mem((uint8_t *)sqn, 6), Pre)) == 6; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->sqn[0], 6), \at(itls_mem((uint8_t *)sqn, 6), Pre)); */
	/*@ assert \forall integer j; 0 <= j < 6 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->ak[0], 6), j) == itls_bat(\at(itls_mem((uint8_t *)ak, 6), Pre), j);
	  @*/
	/*@ assert itls_blen(\at(itls_mem((uint8_t *)ak, 6), Pre)) == 6; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->ak[0], 6), \at(itls_mem((uint8_t *)ak, 6), Pre)); */
	/*@ assert \forall integer j; 0 <= j < 8 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->res[0], 8), j) == itls_bat(itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), 0, 1), 8, 8), j);
	  @*/
	/*@ assert itls_blen(itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), 0, 1), 8, 8)) == 8; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->res[0], 8), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), 0, 1), 8, 8)); */
	/*@ assert \forall integer j; 0 <= j < 16 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->ck[0], 16), j) == itls_bat(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), 4, 2), j);
	  @*/
	/*@ assert itls_blen(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), 4, 2)) == 16; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->ck[0], 16), itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)temp, 16), Pre), 4, 2)); */
}

/* see itls/aka.h */
int
itls_aka_check_autn(struct itls_aka_check *out, const uint8_t k[ITLS_AKA_K_LEN],
	const uint8_t opc[16], const uint8_t rand[ITLS_AKA_RAND_LEN],
	const uint8_t autn[ITLS_AKA_AUTN_LEN])
{
	/* TEMP, AK, SQN, XMAC, MAC-S in one buffer, wiped at once (AK-15) */
	uint8_t w[44];
	int eq;

	/* AK-08: AK = f5(K, RAND), SQN = AUTN[0..5] ^ AK */
	mil_temp(w, k, opc, rand);
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&w[0], 16), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre))); */
	mil_outk_sub(w + 16, k, opc, w, 0, 1, 0, 6);
	/*@ assert itls_same(itls_mem((uint8_t *)autn, 6), \at(itls_mem((uint8_t *)autn, 6), Pre)); */
	itls_crypto_xor(w + 22, autn, w + 16, 6);
	/* XMAC = f1(K, SQN, RAND, AMF), compared with MAC-A in constant time */
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&w[0], 16), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre))); */
	/*@ assert itls_same(itls_mem((uint8_t *)autn + 6, 2), \at(itls_mem((uint8_t *)autn + 6, 2), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&w[22], 6), itls_xor(\at(itls_mem((uint8_t *)autn, 6), Pre), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6))); */
	mil_f1(w + 28, w + 36, k, opc, w, w + 22, autn + 6);
	eq = itls_crypto_eq(w + 28, autn + 8, ITLS_AKA_MAC_LEN);
	/*@ assert itls_same(itls_mem((uint8_t *)autn + 8, 8), \at(itls_mem((uint8_t *)autn + 8, 8), Pre)); */
	/*@ assert eq == 0 <==> itls_mem(&w[28], 8) == \at(itls_mem((uint8_t *)autn + 8, 8), Pre); */
	/*@ assert itls_mem(&w[28], 8) == itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), itls_xor(\at(itls_mem((uint8_t *)autn, 6), Pre), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6)), \at(itls_mem((uint8_t *)autn + 6, 2), Pre)), 0, 8); */
	/*@ assert eq == 0 <==> itls_autn_ok(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre), \at(itls_mem((uint8_t *)autn, 6), Pre), \at(itls_mem((uint8_t *)autn + 6, 2), Pre), \at(itls_mem((uint8_t *)autn + 8, 8), Pre)); */
	if (eq != 0) { /* TK-14 verdict: MAC-A wrong */
		itls_crypto_wipe(w, sizeof w);
		return ITLS_ERR_MAC_FAILURE;
	}
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&w[0], 16), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre))); */
	/*@ assert itls_same(itls_mem((uint8_t *)&w[22], 6), itls_xor(\at(itls_mem((uint8_t *)autn, 6), Pre), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6))); */
	/*@ assert itls_same(itls_mem((uint8_t *)&w[16], 6), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6)); */
	aka_release(out, k, opc, w, w + 22, w + 16, autn + 6);
	/*@ assert out->amf[0] == \at(autn[6], Pre) && out->amf[1] == \at(autn[7], Pre); */
	/* AK-15 */
	itls_crypto_wipe(w, sizeof w);
	/*@ assert \forall integer j; 0 <= j < 6 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->sqn[0], 6), j) == itls_bat(itls_xor(\at(itls_mem((uint8_t *)autn, 6), Pre), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6)), j);
	  @*/
	/*@ assert itls_blen(itls_xor(\at(itls_mem((uint8_t *)autn, 6), Pre), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6))) == 6; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->sqn[0], 6), itls_xor(\at(itls_mem((uint8_t *)autn, 6), Pre), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6))); */
	/*@ assert \forall integer j; 0 <= j < 6 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->ak[0], 6), j) == itls_bat(itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6), j);
	  @*/
	/*@ assert itls_blen(itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6)) == 6; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->ak[0], 6), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 0, 6)); */
	/*@ assert \forall integer j; 0 <= j < 8 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->res[0], 8), j) == itls_bat(itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 8, 8), j);
	  @*/
	/*@ assert itls_blen(itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 8, 8)) == 8; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->res[0], 8), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 0, 1), 8, 8)); */
	/*@ assert \forall integer j; 0 <= j < 16 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->ck[0], 16), j) == itls_bat(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 4, 2), j);
	  @*/
	/*@ assert itls_blen(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 4, 2)) == 16; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->ck[0], 16), itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 4, 2)); */
	/*@ assert \forall integer j; 0 <= j < 16 ==>
	  @   itls_bat(itls_mem((uint8_t *)&out->ik[0], 16), j) == itls_bat(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 8, 4), j);
	  @*/
	/*@ assert itls_blen(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 8, 4)) == 16; */
	/*@ assert itls_same(itls_mem((uint8_t *)&out->ik[0], 16), itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 8, 4)); */
	return ITLS_OK;
}

/* see itls/aka.h */
void
itls_aka_auts(uint8_t auts[ITLS_AKA_AUTS_LEN], const uint8_t k[ITLS_AKA_K_LEN],
	const uint8_t opc[16], const uint8_t rand[ITLS_AKA_RAND_LEN],
	const uint8_t sqn_ms[ITLS_AKA_SQN_LEN])
{
	static const uint8_t amf0[2] = { 0, 0 };
	uint8_t temp[16];
	uint8_t aks[6];
	uint8_t maca[8];

	/* AK-09: AUTS = (SQN_MS ^ AK*) || MAC-S, MAC-S = f1*(K, SQN_MS, RAND, 0x0000) */
	mil_temp(temp, k, opc, rand);
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&temp[0], 16), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre))); */
	mil_outk_sub(aks, k, opc, temp, 12, 8, 0, 6);
	/*@ assert itls_same(itls_mem((uint8_t *)sqn_ms, 6), \at(itls_mem((uint8_t *)sqn_ms, 6), Pre)); */
	itls_crypto_xor(auts, sqn_ms, aks, 6);
	/*@ assert itls_blen(itls_mem((uint8_t *)&amf0[0], 2)) == 2 && itls_blen(itls_zeros(2)) == 2; */
	/*@ assert itls_same(itls_mem((uint8_t *)&amf0[0], 2), itls_zeros(2)); */
	/*@ assert itls_same(itls_mem((uint8_t *)k, 16), \at(itls_mem((uint8_t *)k, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)opc, 16), \at(itls_mem((uint8_t *)opc, 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&temp[0], 16), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre))); */
	/*@ assert itls_same(itls_mem((uint8_t *)sqn_ms, 6), \at(itls_mem((uint8_t *)sqn_ms, 6), Pre)); */
	mil_f1(maca, auts + 6, k, opc, temp, sqn_ms, amf0);
	/* AK-15 */
	itls_crypto_wipe(temp, sizeof temp);
	itls_crypto_wipe(aks, sizeof aks);
	itls_crypto_wipe(maca, sizeof maca);
	/*@ assert \forall integer j; 0 <= j < 6 ==>
	  @   itls_bat(itls_mem((uint8_t *)auts, 6), j) == itls_bat(itls_xor(\at(itls_mem((uint8_t *)sqn_ms, 6), Pre), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 12, 8), 0, 6)), j);
	  @*/
	/*@ assert itls_blen(itls_xor(\at(itls_mem((uint8_t *)sqn_ms, 6), Pre), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 12, 8), 0, 6))) == 6; */
	/*@ assert itls_same(itls_mem((uint8_t *)auts, 6), itls_xor(\at(itls_mem((uint8_t *)sqn_ms, 6), Pre), itls_sub(itls_mil_outk_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), 12, 8), 0, 6))); */
	/*@ assert \forall integer j; 0 <= j < 8 ==>
	  @   itls_bat(itls_mem((uint8_t *)auts + 6, 8), j) == itls_bat(itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), \at(itls_mem((uint8_t *)sqn_ms, 6), Pre), itls_zeros(2)), 8, 8), j);
	  @*/
	/*@ assert itls_blen(itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), \at(itls_mem((uint8_t *)sqn_ms, 6), Pre), itls_zeros(2)), 8, 8)) == 8; */
	/*@ assert itls_same(itls_mem((uint8_t *)auts + 6, 8), itls_sub(itls_mil_out1_t(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), itls_mil_temp(\at(itls_mem((uint8_t *)k, 16), Pre), \at(itls_mem((uint8_t *)opc, 16), Pre), \at(itls_mem((uint8_t *)rand, 16), Pre)), \at(itls_mem((uint8_t *)sqn_ms, 6), Pre), itls_zeros(2)), 8, 8)); */
}

/* ---- Digest ------------------------------------------------------------ */

/* the lower-case hex digit of v (0..15) */
/*@ requires 0 <= v <= 15;
  @ assigns \nothing;
  @ ensures \result == itls_hexdigit(v);
  @*/
static uint8_t
hexdigit(unsigned v)
{
	/* TK-15: H(A1) is secret: 'a' - '0' - 10 = 39 added without a branch
	 * ((v + 246) / 256 is 1 when v >= 10). No local variable: a new one
	 * renumbers the later functions' variables and their WP goals, and
	 * the cached proofs of those goals would be lost. */
	/*@ assert (v + 246) / 256 == (v >= 10 ? 1 : 0); */
	return (uint8_t)('0' + v + 39u * ((v + 246u) / 256u));
}

/* out = the 32 lower-case hex characters of the 16 bytes at in */
/*@ requires \valid(out + (0 .. 31));
  @ requires \valid_read(in + (0 .. 15));
  @ requires \separated(out + (0 .. 31), in + (0 .. 15));
  @ assigns out[0 .. 31];
  @ ensures itls_mem(out, 32) == itls_hex(\old(itls_mem((uint8_t *)in, 16)));
  @*/
static void
hex16(uint8_t out[32], const uint8_t in[16])
{
	size_t i;

	/*@ loop invariant 0 <= i <= 16;
	  @ loop invariant \forall integer j; 0 <= j < 2 * i ==>
	  @   out[j] == (j % 2 == 0 ? itls_hexdigit(in[j / 2] / 16) : itls_hexdigit(in[j / 2] % 16));
	  @ loop assigns i, out[0 .. 31];
	  @ loop variant 16 - i;
	  @*/
	for (i = 0; i < 16; i++) {
		out[2 * i] = hexdigit(in[i] / 16u);
		out[2 * i + 1] = hexdigit(in[i] % 16u);
	}
	/*@ assert itls_same(itls_mem(out, 32), itls_hex(\at(itls_mem((uint8_t *)in, 16), Pre))); */
}

/* the base64 character of the 6-bit value v (RFC 4648 §4) */
/*@ requires 0 <= v <= 63;
  @ assigns \nothing;
  @ ensures \result == itls_b64c(v);
  @*/
static uint8_t
b64c(unsigned v)
{
	/* TK-13, TK-15: the password is secret (spec/token.md, "Constant time"), so
	 * no branch and no table: each step below is 1 when v is at or
	 * above a class boundary, computed by an addition and a division by
	 * 256 (a shift), and the character is v moved by the sum of the
	 * steps' offsets; tests/ct/run.sh checks it under memcheck (TK-17). */
	unsigned up;    /* the one local (as many as before: see hexdigit) */

	/*@ assert (v + 230) / 256 == (v >= 26 ? 1 : 0); */
	/*@ assert (v + 204) / 256 == (v >= 52 ? 1 : 0); */
	/*@ assert (v + 194) / 256 == (v >= 62 ? 1 : 0); */
	/*@ assert (v + 193) / 256 == (v >= 63 ? 1 : 0); */
	up = 65u + v + 6u * ((v + 230u) / 256u) + 3u * ((v + 193u) / 256u);
	return (uint8_t)(up - (75u * ((v + 204u) / 256u) + 15u * ((v + 194u) / 256u)));
}

/* the four base64 characters of group g of the 16 bytes at in (RFC 4648 §4) */
/*@ requires g <= 4;
  @ requires \valid(o + (0 .. 3));
  @ requires \valid_read(in + (0 .. 15));
  @ requires \separated(o + (0 .. 3), in + (0 .. 15));
  @ assigns o[0 .. 3];
  @ ensures o[0] == itls_bat(itls_base64(\old(itls_mem((uint8_t *)in, 16))), 4 * g);
  @ ensures o[1] == itls_bat(itls_base64(\old(itls_mem((uint8_t *)in, 16))), 4 * g + 1);
  @ ensures o[2] == itls_bat(itls_base64(\old(itls_mem((uint8_t *)in, 16))), 4 * g + 2);
  @ ensures o[3] == itls_bat(itls_base64(\old(itls_mem((uint8_t *)in, 16))), 4 * g + 3);
  @*/
static void
b64_group(uint8_t o[4], const uint8_t in[16], size_t g)
{
	unsigned b0 = in[3 * g];
	unsigned b1 = in[3 * g + 1];
	unsigned b2 = in[3 * g + 2];

	/*@ assert itls_blen(\at(itls_mem((uint8_t *)in, 16), Pre)) == 16 && itls_blen(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre))) == 24; */
	/*@ assert b0 == itls_bat(\at(itls_mem((uint8_t *)in, 16), Pre), 3 * g); */
	/*@ assert b1 == itls_bat(\at(itls_mem((uint8_t *)in, 16), Pre), 3 * g + 1); */
	/*@ assert b2 == itls_bat(\at(itls_mem((uint8_t *)in, 16), Pre), 3 * g + 2); */
	/*@ assert (4 * g) / 4 == g && (4 * g) % 4 == 0 && (4 * g + 1) / 4 == g && (4 * g + 1) % 4 == 1 &&
	  @   (4 * g + 2) / 4 == g && (4 * g + 2) % 4 == 2 && (4 * g + 3) / 4 == g && (4 * g + 3) % 4 == 3;
	  @*/
	o[0] = b64c(b0 / 4u);
	o[1] = b64c((b0 % 4u) * 16u + b1 / 16u);
	o[2] = b64c((b1 % 16u) * 4u + b2 / 64u);
	o[3] = b64c(b2 % 64u);
	/*@ assert o[0] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 4 * g); */
	/*@ assert o[1] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 4 * g + 1); */
	/*@ assert o[2] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 4 * g + 2); */
	/*@ assert o[3] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 4 * g + 3); */
	/*@ assert \forall integer r; 0 <= r < 4 ==> r == 0 || r == 1 || r == 2 || r == 3; */
}

/* the last group: one byte, two characters and "==" */
/*@ requires \valid(o + (0 .. 3));
  @ requires \valid_read(in + (0 .. 15));
  @ requires \separated(o + (0 .. 3), in + (0 .. 15));
  @ assigns o[0 .. 3];
  @ ensures o[0] == itls_bat(itls_base64(\old(itls_mem((uint8_t *)in, 16))), 20);
  @ ensures o[1] == itls_bat(itls_base64(\old(itls_mem((uint8_t *)in, 16))), 21);
  @ ensures o[2] == itls_bat(itls_base64(\old(itls_mem((uint8_t *)in, 16))), 22);
  @ ensures o[3] == itls_bat(itls_base64(\old(itls_mem((uint8_t *)in, 16))), 23);
  @*/
static void
b64_tail(uint8_t o[4], const uint8_t in[16])
{
	/*@ assert itls_blen(\at(itls_mem((uint8_t *)in, 16), Pre)) == 16 && itls_blen(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre))) == 24; */
	/*@ assert in[15] == itls_bat(\at(itls_mem((uint8_t *)in, 16), Pre), 15); */
	o[0] = b64c(in[15] / 4u);
	o[1] = b64c((in[15] % 4u) * 16u);
	o[2] = '=';
	o[3] = '=';
	/*@ assert o[0] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 20); */
	/*@ assert o[1] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 21); */
	/*@ assert o[2] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 22); */
	/*@ assert o[3] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 23); */
	/*@ assert \forall integer r; 0 <= r < 4 ==> r == 0 || r == 1 || r == 2 || r == 3; */
}

/* out = base64 of the 16 bytes at in: 24 characters, "==" at the end (AK-13) */
/*@ requires \valid(out + (0 .. 23));
  @ requires \valid_read(in + (0 .. 15));
  @ requires \separated(out + (0 .. 23), in + (0 .. 15));
  @ assigns out[0 .. 23];
  @ ensures itls_mem(out, 24) == itls_base64(\old(itls_mem((uint8_t *)in, 16)));
  @*/
static void
base64_16(uint8_t out[24], const uint8_t in[16])
{
	size_t g;

	/*@ loop invariant 0 <= g <= 5;
	  @ loop invariant \forall integer j; 0 <= j < 4 * g ==> out[j] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), j);
	  @ loop assigns g, out[0 .. 23];
	  @ loop variant 5 - g;
	  @*/
	for (g = 0; g < 5; g++) {
		/*@ assert itls_same(itls_mem((uint8_t *)in, 16), \at(itls_mem((uint8_t *)in, 16), Pre)); */
		b64_group(out + 4 * g, in, g);
		/*@ assert out[4 * g] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 4 * g); */
		/*@ assert out[4 * g + 1] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 4 * g + 1); */
		/*@ assert out[4 * g + 2] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 4 * g + 2); */
		/*@ assert out[4 * g + 3] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 4 * g + 3); */
		/*@ assert \forall integer j; 4 * g <= j < 4 * g + 4 ==>
		  @   j == 4 * g || j == 4 * g + 1 || j == 4 * g + 2 || j == 4 * g + 3;
		  @*/
		/*@ assert \forall integer j; 4 * g <= j < 4 * g + 4 ==> out[j] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), j); */
	}
	/*@ assert itls_same(itls_mem((uint8_t *)in, 16), \at(itls_mem((uint8_t *)in, 16), Pre)); */
	b64_tail(out + 20, in);
	/*@ assert out[20] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 20) && out[21] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 21) &&
	  @   out[22] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 22) && out[23] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), 23);
	  @*/
	/*@ assert \forall integer j; 20 <= j < 24 ==> j == 20 || j == 21 || j == 22 || j == 23; */
	/*@ assert \forall integer j; 20 <= j < 24 ==> out[j] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), j); */
	/*@ assert \forall integer j; 0 <= j < 24 ==> out[j] == itls_bat(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre)), j); */
	/*@ assert \forall integer j; 0 <= j < 24 ==> itls_bat(itls_mem(out, 24), j) == out[j]; */
	/*@ assert itls_blen(itls_mem(out, 24)) == 24 && itls_blen(itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre))) == 24; */
	/*@ assert itls_same(itls_mem(out, 24), itls_base64(\at(itls_mem((uint8_t *)in, 16), Pre))); */
}

/* out = hex(MD5(a ":" b ":" c)), 32 characters (RFC 2617 H() and LHEX; AK-10) */
/*@ requires \valid(out + (0 .. 31));
  @ requires \valid_read(a + (0 .. al - 1));
  @ requires \valid_read(b + (0 .. bl - 1));
  @ requires \valid_read(c + (0 .. cl - 1));
  @ requires \separated(out + (0 .. 31), a + (0 .. al - 1));
  @ requires \separated(out + (0 .. 31), b + (0 .. bl - 1));
  @ requires \separated(out + (0 .. 31), c + (0 .. cl - 1));
  @ assigns out[0 .. 31];
  @ ensures itls_mem(out, 32) == itls_hex(itls_md5(itls_j3(\old(itls_mem((uint8_t *)a, al)),
  @   \old(itls_mem((uint8_t *)b, bl)), \old(itls_mem((uint8_t *)c, cl)))));
  @*/
static void
md5_hex_j3(uint8_t out[32], const uint8_t *a, size_t al, const uint8_t *b, size_t bl,
	const uint8_t *c, size_t cl)
{
	struct itls_crypto_part p[5];
	uint8_t h[16];

	p[0].p = a;
	p[0].len = al;
	/*@ assert \forall integer j; 0 <= j <= 0 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	p[1].p = itls_aka_colon;
	p[1].len = 1;
	/*@ assert \forall integer j; 0 <= j <= 1 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	p[2].p = b;
	p[2].len = bl;
	/*@ assert \forall integer j; 0 <= j <= 2 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	p[3].p = itls_aka_colon;
	p[3].len = 1;
	/*@ assert \forall integer j; 0 <= j <= 3 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	p[4].p = c;
	p[4].len = cl;
	/*@ assert \forall integer j; 0 <= j <= 4 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	/*@ assert itls_blen(itls_mem((uint8_t *)&itls_aka_colon[0], 1)) == 1 && itls_blen(itls_colon) == 1 && itls_bat(itls_mem((uint8_t *)&itls_aka_colon[0], 1), 0) == 58; */
	/*@ assert itls_same(itls_mem((uint8_t *)&itls_aka_colon[0], 1), itls_colon); */
	/*@ assert itls_same(itls_mem((uint8_t *)a, al), \at(itls_mem((uint8_t *)a, al), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)b, bl), \at(itls_mem((uint8_t *)b, bl), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)c, cl), \at(itls_mem((uint8_t *)c, cl), Pre)); */
	/*@ assert itls_mem((uint8_t *)p[0].p, p[0].len) == \at(itls_mem((uint8_t *)a, al), Pre); */
	/*@ assert itls_mem((uint8_t *)p[1].p, p[1].len) == itls_colon; */
	/*@ assert itls_mem((uint8_t *)p[2].p, p[2].len) == \at(itls_mem((uint8_t *)b, bl), Pre); */
	/*@ assert itls_mem((uint8_t *)p[3].p, p[3].len) == itls_colon; */
	/*@ assert itls_mem((uint8_t *)p[4].p, p[4].len) == \at(itls_mem((uint8_t *)c, cl), Pre); */
	/*@ assert itls_parts(&p[0], 1) == \at(itls_mem((uint8_t *)a, al), Pre); */
	/*@ assert itls_parts(&p[0], 2) == itls_cat(itls_parts(&p[0], 1), itls_mem((uint8_t *)p[1].p, p[1].len)); */
	/*@ assert itls_parts(&p[0], 2) == itls_cat(\at(itls_mem((uint8_t *)a, al), Pre), itls_colon); */
	/*@ assert itls_parts(&p[0], 3) == itls_cat(itls_parts(&p[0], 2), itls_mem((uint8_t *)p[2].p, p[2].len)); */
	/*@ assert itls_parts(&p[0], 3) == itls_cat(itls_cat(\at(itls_mem((uint8_t *)a, al), Pre), itls_colon), \at(itls_mem((uint8_t *)b, bl), Pre)); */
	/*@ assert itls_parts(&p[0], 4) == itls_cat(itls_parts(&p[0], 3), itls_mem((uint8_t *)p[3].p, p[3].len)); */
	/*@ assert itls_parts(&p[0], 4) == itls_cat(itls_cat(itls_cat(\at(itls_mem((uint8_t *)a, al), Pre), itls_colon), \at(itls_mem((uint8_t *)b, bl), Pre)), itls_colon); */
	/*@ assert itls_parts(&p[0], 5) == itls_cat(itls_parts(&p[0], 4), itls_mem((uint8_t *)p[4].p, p[4].len)); */
	/*@ assert itls_parts(&p[0], 5) == itls_cat(itls_cat(itls_cat(itls_cat(\at(itls_mem((uint8_t *)a, al), Pre), itls_colon), \at(itls_mem((uint8_t *)b, bl), Pre)), itls_colon), \at(itls_mem((uint8_t *)c, cl), Pre)); */
	itls_crypto_md5(h, p, 5);
	hex16(out, h);
	/*@ assert itls_mem(out, 32) == itls_hex(itls_md5(itls_j3(\at(itls_mem((uint8_t *)a, al), Pre), \at(itls_mem((uint8_t *)b, bl), Pre), \at(itls_mem((uint8_t *)c, cl), Pre)))); */
	/* AK-15: HA1's MD5 derives from the password */
	itls_crypto_wipe(h, sizeof h);
	/*@ assert itls_same(itls_mem(out, 32), itls_hex(itls_md5(itls_j3(\at(itls_mem((uint8_t *)a, al), Pre), \at(itls_mem((uint8_t *)b, bl), Pre), \at(itls_mem((uint8_t *)c, cl), Pre))))); */
}

/* HA1 in hex: MD5(username ":" realm ":" password) (AK-10, AK-12, AK-13) */
/*@ requires \valid(ha1 + (0 .. 31));
  @ requires \valid_read(d);
  @ requires itls_aka_digest_valid(d);
  @ requires d->algorithm == ITLS_AKA_V1_MD5 || d->algorithm == ITLS_AKA_V2_MD5;
  @ requires ITLS_AKA_RES_MIN <= d->res_len <= ITLS_AKA_RES_MAX;
  @ requires d->qop == ITLS_QOP_NONE || d->qop == ITLS_QOP_AUTH || d->qop == ITLS_QOP_AUTH_INT;
  @ requires \separated(ha1 + (0 .. 32 - 1), d);
  @ requires \separated(ha1 + (0 .. 32 - 1), d->res + (0 .. d->res_len - 1), d->ik + (0 .. 15),
  @   d->ck + (0 .. 15), d->username + (0 .. d->username_len - 1),
  @   d->realm + (0 .. d->realm_len - 1), d->nonce + (0 .. d->nonce_len - 1),
  @   d->uri + (0 .. d->uri_len - 1), d->method + (0 .. d->method_len - 1),
  @   d->cnonce + (0 .. d->cnonce_len - 1), d->nc + (0 .. d->nc_len - 1),
  @   d->body + (0 .. d->body_len - 1));
  @ assigns ha1[0 .. 31];
  @ ensures itls_mem(ha1, 32) == \old(itls_hex(itls_aka_ha1(d)));
  @*/
static void
digest_ha1(uint8_t ha1[32], const struct itls_aka_digest *d)
{
	struct itls_crypto_part p[5];
	uint8_t w[40];          /* HMAC-MD5 (16), password (24) */

	if (d->algorithm == ITLS_AKA_V2_MD5) {
		/* AK-13: base64(HMAC-MD5(RES || IK || CK, "http-digest-akav2-password")) */
		p[0].p = d->res;
		p[0].len = d->res_len;
		p[1].p = d->ik;
		p[1].len = ITLS_AKA_KEY_LEN;
		p[2].p = d->ck;
		p[2].len = ITLS_AKA_KEY_LEN;
		/*@ assert itls_parts(&p[0], 3) == itls_cat(itls_cat(itls_mem((uint8_t *)d->res, d->res_len), itls_mem((uint8_t *)d->ik, 16)), itls_mem((uint8_t *)d->ck, 16)); */
		itls_crypto_hmac_md5(w, p, 3, itls_aka_v2_label, sizeof itls_aka_v2_label);
		/*@ assert itls_same(itls_mem((uint8_t *)&itls_aka_v2_label[0], 26), \at(itls_mem((uint8_t *)&itls_aka_v2_label[0], 26), Pre)); */
		/*@ assert itls_same(itls_mem((uint8_t *)d->res, d->res_len), \at(itls_mem((uint8_t *)d->res, d->res_len), Pre)); */
		/*@ assert itls_same(itls_mem((uint8_t *)d->ik, 16), \at(itls_mem((uint8_t *)d->ik, 16), Pre)); */
		/*@ assert itls_same(itls_mem((uint8_t *)d->ck, 16), \at(itls_mem((uint8_t *)d->ck, 16), Pre)); */
		/*@ assert itls_mem(&w[0], 16) == \at(itls_hmac_md5(itls_cat(itls_cat(itls_mem((uint8_t *)d->res, d->res_len), itls_mem((uint8_t *)d->ik, 16)), itls_mem((uint8_t *)d->ck, 16)), itls_mem((uint8_t *)&itls_aka_v2_label[0], 26)), Pre); */
		base64_16(w + 16, w);
		/*@ assert itls_mem(&w[16], 24) == \at(itls_aka_password(d), Pre); */
		p[4].p = w + 16;
		p[4].len = 24;
	} else {
		/* AK-12: the raw RES bytes */
		p[4].p = d->res;
		p[4].len = d->res_len;
		/*@ assert itls_same(itls_mem((uint8_t *)d->res, d->res_len), \at(itls_mem((uint8_t *)d->res, d->res_len), Pre)); */
	}
	/*@ assert itls_mem((uint8_t *)p[4].p, p[4].len) == \at(itls_aka_password(d), Pre); */
	/*@ assert itls_same(itls_mem((uint8_t *)d->username, d->username_len), \at(itls_mem((uint8_t *)d->username, d->username_len), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)d->realm, d->realm_len), \at(itls_mem((uint8_t *)d->realm, d->realm_len), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)p[4].p, p[4].len), \at(itls_aka_password(d), Pre)); */
	md5_hex_j3(ha1, d->username, d->username_len, d->realm, d->realm_len, p[4].p, p[4].len);
	/*@ assert itls_mem(ha1, 32) == \at(itls_hex(itls_aka_ha1(d)), Pre); */
	/* AK-15: the password derives from RES */
	itls_crypto_wipe(w, sizeof w);
	/*@ assert \forall integer j; 0 <= j < 32 ==> itls_bat(itls_mem(ha1, 32), j) == itls_bat(\at(itls_hex(itls_aka_ha1(d)), Pre), j); */
	/*@ assert itls_blen(itls_mem(ha1, 32)) == 32 && itls_blen(\at(itls_hex(itls_aka_ha1(d)), Pre)) == 32; */
	/*@ assert itls_same(itls_mem(ha1, 32), \at(itls_hex(itls_aka_ha1(d)), Pre)); */
}

/* HA2 in hex: MD5(method ":" uri) or, for auth-int, MD5(method ":" uri ":" H(body)) (AK-11) */
/*@ requires \valid(ha2 + (0 .. 31));
  @ requires \valid_read(d);
  @ requires itls_aka_digest_valid(d);
  @ requires d->algorithm == ITLS_AKA_V1_MD5 || d->algorithm == ITLS_AKA_V2_MD5;
  @ requires ITLS_AKA_RES_MIN <= d->res_len <= ITLS_AKA_RES_MAX;
  @ requires d->qop == ITLS_QOP_NONE || d->qop == ITLS_QOP_AUTH || d->qop == ITLS_QOP_AUTH_INT;
  @ requires \separated(ha2 + (0 .. 32 - 1), d);
  @ requires \separated(ha2 + (0 .. 32 - 1), d->res + (0 .. d->res_len - 1), d->ik + (0 .. 15),
  @   d->ck + (0 .. 15), d->username + (0 .. d->username_len - 1),
  @   d->realm + (0 .. d->realm_len - 1), d->nonce + (0 .. d->nonce_len - 1),
  @   d->uri + (0 .. d->uri_len - 1), d->method + (0 .. d->method_len - 1),
  @   d->cnonce + (0 .. d->cnonce_len - 1), d->nc + (0 .. d->nc_len - 1),
  @   d->body + (0 .. d->body_len - 1));
  @ assigns ha2[0 .. 31];
  @ ensures itls_mem(ha2, 32) == \old(itls_hex(itls_aka_ha2(d)));
  @*/
static void
digest_ha2(uint8_t ha2[32], const struct itls_aka_digest *d)
{
	struct itls_crypto_part p[5];
	uint8_t h[16];
	uint8_t hb[32];

	p[0].p = d->method;
	p[0].len = d->method_len;
	p[1].p = itls_aka_colon;
	p[1].len = 1;
	p[2].p = d->uri;
	p[2].len = d->uri_len;
	if (d->qop == ITLS_QOP_AUTH_INT) {
		p[3].p = d->body;
		p[3].len = d->body_len;
		/*@ assert itls_parts(&p[3], 1) == itls_mem((uint8_t *)d->body, d->body_len); */
		itls_crypto_md5(h, p + 3, 1);
		hex16(hb, h);
		/*@ assert itls_mem(&hb[0], 32) == \at(itls_hex(itls_md5(itls_mem((uint8_t *)d->body, d->body_len))), Pre); */
		p[3].p = itls_aka_colon;
		p[3].len = 1;
		p[4].p = hb;
		p[4].len = sizeof hb;
		/*@ assert itls_blen(itls_mem((uint8_t *)&itls_aka_colon[0], 1)) == 1 && itls_blen(itls_colon) == 1 && itls_bat(itls_mem((uint8_t *)&itls_aka_colon[0], 1), 0) == 58; */
		/*@ assert itls_same(itls_mem((uint8_t *)&itls_aka_colon[0], 1), itls_colon); */
		/*@ assert itls_same(itls_mem((uint8_t *)d->method, d->method_len), \at(itls_mem((uint8_t *)d->method, d->method_len), Pre)); */
		/*@ assert itls_same(itls_mem((uint8_t *)d->uri, d->uri_len), \at(itls_mem((uint8_t *)d->uri, d->uri_len), Pre)); */
		/*@ assert itls_same(itls_mem(&hb[0], 32), \at(itls_hex(itls_md5(itls_mem((uint8_t *)d->body, d->body_len))), Pre)); */
		/*@ assert itls_parts(&p[0], 5) == itls_j3(\at(itls_mem((uint8_t *)d->method, d->method_len), Pre), \at(itls_mem((uint8_t *)d->uri, d->uri_len), Pre), \at(itls_hex(itls_md5(itls_mem((uint8_t *)d->body, d->body_len))), Pre)); */
		itls_crypto_md5(h, p, 5);
	} else {
		/*@ assert itls_blen(itls_mem((uint8_t *)&itls_aka_colon[0], 1)) == 1 && itls_blen(itls_colon) == 1 && itls_bat(itls_mem((uint8_t *)&itls_aka_colon[0], 1), 0) == 58; */
		/*@ assert itls_same(itls_mem((uint8_t *)&itls_aka_colon[0], 1), itls_colon); */
		/*@ assert itls_parts(&p[0], 3) == itls_j2(\at(itls_mem((uint8_t *)d->method, d->method_len), Pre), \at(itls_mem((uint8_t *)d->uri, d->uri_len), Pre)); */
		itls_crypto_md5(h, p, 3);
	}
	/*@ assert itls_mem(&h[0], 16) == \at(itls_aka_ha2(d), Pre); */
	hex16(ha2, h);
}

/* the response in hex: MD5(HA1 ":" nonce [":" nc ":" cnonce ":" qop] ":" HA2) (AK-10) */
/*@ requires \valid(out + (0 .. 31));
  @ requires \valid_read(ha1 + (0 .. 31)) && \valid_read(ha2 + (0 .. 31));
  @ requires \valid_read(d);
  @ requires itls_aka_digest_valid(d);
  @ requires d->algorithm == ITLS_AKA_V1_MD5 || d->algorithm == ITLS_AKA_V2_MD5;
  @ requires ITLS_AKA_RES_MIN <= d->res_len <= ITLS_AKA_RES_MAX;
  @ requires d->qop == ITLS_QOP_NONE || d->qop == ITLS_QOP_AUTH || d->qop == ITLS_QOP_AUTH_INT;
  @ requires \separated(out + (0 .. 32 - 1), d);
  @ requires \separated(out + (0 .. 32 - 1), d->res + (0 .. d->res_len - 1), d->ik + (0 .. 15),
  @   d->ck + (0 .. 15), d->username + (0 .. d->username_len - 1),
  @   d->realm + (0 .. d->realm_len - 1), d->nonce + (0 .. d->nonce_len - 1),
  @   d->uri + (0 .. d->uri_len - 1), d->method + (0 .. d->method_len - 1),
  @   d->cnonce + (0 .. d->cnonce_len - 1), d->nc + (0 .. d->nc_len - 1),
  @   d->body + (0 .. d->body_len - 1));
  @ requires \separated(out + (0 .. 31), ha1 + (0 .. 31), ha2 + (0 .. 31));
  @ assigns out[0 .. 31];
  @ ensures d->qop == ITLS_QOP_NONE ==> itls_mem(out, 32) == \old(itls_hex(itls_md5(itls_j3(
  @   itls_mem((uint8_t *)ha1, 32), itls_mem((uint8_t *)d->nonce, d->nonce_len), itls_mem((uint8_t *)ha2, 32)))));
  @ ensures d->qop != ITLS_QOP_NONE ==> itls_mem(out, 32) == \old(itls_hex(itls_md5(itls_j6(
  @   itls_mem((uint8_t *)ha1, 32), itls_mem((uint8_t *)d->nonce, d->nonce_len),
  @   itls_mem((uint8_t *)d->nc, d->nc_len), itls_mem((uint8_t *)d->cnonce, d->cnonce_len),
  @   itls_aka_qop_text(d->qop), itls_mem((uint8_t *)ha2, 32)))));
  @*/
static void
digest_resp(uint8_t out[32], const struct itls_aka_digest *d, const uint8_t ha1[32],
	const uint8_t ha2[32])
{
	struct itls_crypto_part p[11];
	uint8_t h[16];
	const uint8_t *qt = itls_aka_qop_auth;
	size_t ql = sizeof itls_aka_qop_auth;

	if (d->qop == ITLS_QOP_NONE) {
		/* RFC 2069 compatibility: MD5(HA1 ":" nonce ":" HA2) */
		md5_hex_j3(out, ha1, 32, d->nonce, d->nonce_len, ha2, 32);
		return;
	}
	if (d->qop == ITLS_QOP_AUTH_INT) {
		qt = itls_aka_qop_auth_int;
		ql = sizeof itls_aka_qop_auth_int;
	}
	p[0].p = ha1;
	p[0].len = 32;
	/*@ assert \forall integer j; 0 <= j <= 0 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	p[1].p = itls_aka_colon;
	p[1].len = 1;
	/*@ assert \forall integer j; 0 <= j <= 1 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	p[2].p = d->nonce;
	p[2].len = d->nonce_len;
	/*@ assert \forall integer j; 0 <= j <= 2 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	p[3].p = itls_aka_colon;
	p[3].len = 1;
	/*@ assert \forall integer j; 0 <= j <= 3 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	p[4].p = d->nc;
	p[4].len = d->nc_len;
	/*@ assert \forall integer j; 0 <= j <= 4 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	p[5].p = itls_aka_colon;
	p[5].len = 1;
	/*@ assert \forall integer j; 0 <= j <= 5 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	p[6].p = d->cnonce;
	p[6].len = d->cnonce_len;
	/*@ assert \forall integer j; 0 <= j <= 6 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	p[7].p = itls_aka_colon;
	p[7].len = 1;
	/*@ assert \forall integer j; 0 <= j <= 7 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	p[8].p = qt;
	p[8].len = ql;
	/*@ assert \forall integer j; 0 <= j <= 8 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	p[9].p = itls_aka_colon;
	p[9].len = 1;
	/*@ assert \forall integer j; 0 <= j <= 9 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	p[10].p = ha2;
	p[10].len = 32;
	/*@ assert \forall integer j; 0 <= j <= 10 ==> \valid_read(p[j].p + (0 .. p[j].len - 1)) &&
	  @   \separated(p[j].p + (0 .. p[j].len - 1), &h[0] + (0 .. 15));
	  @*/
	/*@ assert itls_blen(itls_mem((uint8_t *)&itls_aka_colon[0], 1)) == 1 && itls_blen(itls_colon) == 1 && itls_bat(itls_mem((uint8_t *)&itls_aka_colon[0], 1), 0) == 58; */
	/*@ assert itls_same(itls_mem((uint8_t *)&itls_aka_colon[0], 1), itls_colon); */
	/*@ assert itls_same(itls_mem((uint8_t *)ha1, 32), \at(itls_mem((uint8_t *)ha1, 32), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)ha2, 32), \at(itls_mem((uint8_t *)ha2, 32), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)d->nonce, d->nonce_len), \at(itls_mem((uint8_t *)d->nonce, d->nonce_len), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)d->nc, d->nc_len), \at(itls_mem((uint8_t *)d->nc, d->nc_len), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)d->cnonce, d->cnonce_len), \at(itls_mem((uint8_t *)d->cnonce, d->cnonce_len), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)qt, ql), \at(itls_aka_qop_text(d->qop), Pre)); */
	/*@ assert itls_mem((uint8_t *)p[0].p, p[0].len) == \at(itls_mem((uint8_t *)ha1, 32), Pre); */
	/*@ assert itls_mem((uint8_t *)p[1].p, p[1].len) == itls_colon; */
	/*@ assert itls_mem((uint8_t *)p[2].p, p[2].len) == \at(itls_mem((uint8_t *)d->nonce, d->nonce_len), Pre); */
	/*@ assert itls_mem((uint8_t *)p[3].p, p[3].len) == itls_colon; */
	/*@ assert itls_mem((uint8_t *)p[4].p, p[4].len) == \at(itls_mem((uint8_t *)d->nc, d->nc_len), Pre); */
	/*@ assert itls_mem((uint8_t *)p[5].p, p[5].len) == itls_colon; */
	/*@ assert itls_mem((uint8_t *)p[6].p, p[6].len) == \at(itls_mem((uint8_t *)d->cnonce, d->cnonce_len), Pre); */
	/*@ assert itls_mem((uint8_t *)p[7].p, p[7].len) == itls_colon; */
	/*@ assert itls_mem((uint8_t *)p[8].p, p[8].len) == \at(itls_aka_qop_text(d->qop), Pre); */
	/*@ assert itls_mem((uint8_t *)p[9].p, p[9].len) == itls_colon; */
	/*@ assert itls_mem((uint8_t *)p[10].p, p[10].len) == \at(itls_mem((uint8_t *)ha2, 32), Pre); */
	/*@ assert itls_parts(&p[0], 1) == \at(itls_mem((uint8_t *)ha1, 32), Pre); */
	/*@ assert itls_parts(&p[0], 2) == itls_cat(itls_parts(&p[0], 1), itls_mem((uint8_t *)p[1].p, p[1].len)); */
	/*@ assert itls_parts(&p[0], 2) == itls_cat(\at(itls_mem((uint8_t *)ha1, 32), Pre), itls_colon); */
	/*@ assert itls_parts(&p[0], 3) == itls_cat(itls_parts(&p[0], 2), itls_mem((uint8_t *)p[2].p, p[2].len)); */
	/*@ assert itls_parts(&p[0], 3) == itls_cat(itls_cat(\at(itls_mem((uint8_t *)ha1, 32), Pre), itls_colon), \at(itls_mem((uint8_t *)d->nonce, d->nonce_len), Pre)); */
	/*@ assert itls_parts(&p[0], 4) == itls_cat(itls_parts(&p[0], 3), itls_mem((uint8_t *)p[3].p, p[3].len)); */
	/*@ assert itls_parts(&p[0], 4) == itls_cat(itls_cat(itls_cat(\at(itls_mem((uint8_t *)ha1, 32), Pre), itls_colon), \at(itls_mem((uint8_t *)d->nonce, d->nonce_len), Pre)), itls_colon); */
	/*@ assert itls_parts(&p[0], 5) == itls_cat(itls_parts(&p[0], 4), itls_mem((uint8_t *)p[4].p, p[4].len)); */
	/*@ assert itls_parts(&p[0], 5) == itls_cat(itls_cat(itls_cat(itls_cat(\at(itls_mem((uint8_t *)ha1, 32), Pre), itls_colon), \at(itls_mem((uint8_t *)d->nonce, d->nonce_len), Pre)), itls_colon), \at(itls_mem((uint8_t *)d->nc, d->nc_len), Pre)); */
	/*@ assert itls_parts(&p[0], 6) == itls_cat(itls_parts(&p[0], 5), itls_mem((uint8_t *)p[5].p, p[5].len)); */
	/*@ assert itls_parts(&p[0], 6) == itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(\at(itls_mem((uint8_t *)ha1, 32), Pre), itls_colon), \at(itls_mem((uint8_t *)d->nonce, d->nonce_len), Pre)), itls_colon), \at(itls_mem((uint8_t *)d->nc, d->nc_len), Pre)), itls_colon); */
	/*@ assert itls_parts(&p[0], 7) == itls_cat(itls_parts(&p[0], 6), itls_mem((uint8_t *)p[6].p, p[6].len)); */
	/*@ assert itls_parts(&p[0], 7) == itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(\at(itls_mem((uint8_t *)ha1, 32), Pre), itls_colon), \at(itls_mem((uint8_t *)d->nonce, d->nonce_len), Pre)), itls_colon), \at(itls_mem((uint8_t *)d->nc, d->nc_len), Pre)), itls_colon), \at(itls_mem((uint8_t *)d->cnonce, d->cnonce_len), Pre)); */
	/*@ assert itls_parts(&p[0], 8) == itls_cat(itls_parts(&p[0], 7), itls_mem((uint8_t *)p[7].p, p[7].len)); */
	/*@ assert itls_parts(&p[0], 8) == itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(\at(itls_mem((uint8_t *)ha1, 32), Pre), itls_colon), \at(itls_mem((uint8_t *)d->nonce, d->nonce_len), Pre)), itls_colon), \at(itls_mem((uint8_t *)d->nc, d->nc_len), Pre)), itls_colon), \at(itls_mem((uint8_t *)d->cnonce, d->cnonce_len), Pre)), itls_colon); */
	/*@ assert itls_parts(&p[0], 9) == itls_cat(itls_parts(&p[0], 8), itls_mem((uint8_t *)p[8].p, p[8].len)); */
	/*@ assert itls_parts(&p[0], 9) == itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(\at(itls_mem((uint8_t *)ha1, 32), Pre), itls_colon), \at(itls_mem((uint8_t *)d->nonce, d->nonce_len), Pre)), itls_colon), \at(itls_mem((uint8_t *)d->nc, d->nc_len), Pre)), itls_colon), \at(itls_mem((uint8_t *)d->cnonce, d->cnonce_len), Pre)), itls_colon), \at(itls_aka_qop_text(d->qop), Pre)); */
	/*@ assert itls_parts(&p[0], 10) == itls_cat(itls_parts(&p[0], 9), itls_mem((uint8_t *)p[9].p, p[9].len)); */
	/*@ assert itls_parts(&p[0], 10) == itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(\at(itls_mem((uint8_t *)ha1, 32), Pre), itls_colon), \at(itls_mem((uint8_t *)d->nonce, d->nonce_len), Pre)), itls_colon), \at(itls_mem((uint8_t *)d->nc, d->nc_len), Pre)), itls_colon), \at(itls_mem((uint8_t *)d->cnonce, d->cnonce_len), Pre)), itls_colon), \at(itls_aka_qop_text(d->qop), Pre)), itls_colon); */
	/*@ assert itls_parts(&p[0], 11) == itls_cat(itls_parts(&p[0], 10), itls_mem((uint8_t *)p[10].p, p[10].len)); */
	/*@ assert itls_parts(&p[0], 11) == itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(\at(itls_mem((uint8_t *)ha1, 32), Pre), itls_colon), \at(itls_mem((uint8_t *)d->nonce, d->nonce_len), Pre)), itls_colon), \at(itls_mem((uint8_t *)d->nc, d->nc_len), Pre)), itls_colon), \at(itls_mem((uint8_t *)d->cnonce, d->cnonce_len), Pre)), itls_colon), \at(itls_aka_qop_text(d->qop), Pre)), itls_colon), \at(itls_mem((uint8_t *)ha2, 32), Pre)); */
	itls_crypto_md5(h, p, 11);
	hex16(out, h);
}

/* AK-14: the errors of itls_aka_response, checked in the documented order.
 * Apart from the computation (aka_response_hex), so that the goals of each
 * stay small (D-PR-5). */
/*@ requires \valid_read(d);
  @ requires \valid_read(d->nc + (0 .. d->nc_len - 1));
  @ assigns \nothing;
  @ ensures itls_aka_response_is(d, \result);
  @*/
static int
aka_response_check(const struct itls_aka_digest *d)
{
	size_t i;

	/* AK-14: check the inputs, in the documented order */
	if (d->algorithm != ITLS_AKA_V1_MD5 && d->algorithm != ITLS_AKA_V2_MD5) {
		return ITLS_ERR_BAD_ALGORITHM;
	}
	if (d->qop != ITLS_QOP_NONE && d->qop != ITLS_QOP_AUTH && d->qop != ITLS_QOP_AUTH_INT) {
		return ITLS_ERR_BAD_QOP;
	}
	if (d->res_len < ITLS_AKA_RES_MIN || d->res_len > ITLS_AKA_RES_MAX) {
		return ITLS_ERR_BAD_LENGTH;
	}
	if (d->qop != ITLS_QOP_NONE) {
		if (d->cnonce_len == 0 || d->nc_len == 0) {
			return ITLS_ERR_MISSING_PARAMETER;
		}
		if (d->nc_len != ITLS_AKA_NC_LEN) {
			return ITLS_ERR_BAD_NC;
		}
		/*@ loop invariant 0 <= i <= ITLS_AKA_NC_LEN;
		  @ loop invariant \forall integer j; 0 <= j < i ==> itls_aka_hexdigit(d->nc[j]);
		  @ loop assigns i;
		  @ loop variant ITLS_AKA_NC_LEN - i;
		  @*/
		for (i = 0; i < ITLS_AKA_NC_LEN; i++) {
			uint8_t c = d->nc[i];
			if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')
				|| (c >= 'a' && c <= 'f'))) {
				return ITLS_ERR_BAD_NC;
			}
		}
	}
	return ITLS_OK;
}

/* AK-10 .. AK-13: the response in hex, of inputs aka_response_check accepts */
/*@ requires \valid_read(d);
  @ requires itls_aka_digest_valid(d);
  @ requires \valid(out + (0 .. 31));
  @ requires \separated(out + (0 .. 31), d);
  @ requires \separated(out + (0 .. 31), d->res + (0 .. d->res_len - 1), d->ik + (0 .. 15),
  @   d->ck + (0 .. 15), d->username + (0 .. d->username_len - 1),
  @   d->realm + (0 .. d->realm_len - 1), d->nonce + (0 .. d->nonce_len - 1),
  @   d->uri + (0 .. d->uri_len - 1), d->method + (0 .. d->method_len - 1),
  @   d->cnonce + (0 .. d->cnonce_len - 1), d->nc + (0 .. d->nc_len - 1),
  @   d->body + (0 .. d->body_len - 1));
  @ requires d->algorithm == ITLS_AKA_V1_MD5 || d->algorithm == ITLS_AKA_V2_MD5;
  @ requires ITLS_AKA_RES_MIN <= d->res_len <= ITLS_AKA_RES_MAX;
  @ requires d->qop == ITLS_QOP_NONE || d->qop == ITLS_QOP_AUTH || d->qop == ITLS_QOP_AUTH_INT;
  @ assigns out[0 .. 31];
  @ ensures itls_mem(out, 32) == \old(itls_hex(itls_aka_response(d)));
  @*/
static void
aka_response_hex(uint8_t out[ITLS_AKA_RESPONSE_LEN], const struct itls_aka_digest *d)
{
	uint8_t ha1[32];
	uint8_t ha2[32];

	/* AK-10 .. AK-13 */
	digest_ha1(ha1, d);
	/*@ assert itls_same(itls_mem((uint8_t *)d->method, d->method_len), \at(itls_mem((uint8_t *)d->method, d->method_len), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)d->uri, d->uri_len), \at(itls_mem((uint8_t *)d->uri, d->uri_len), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)d->body, d->body_len), \at(itls_mem((uint8_t *)d->body, d->body_len), Pre)); */
	/*@ assert itls_aka_ha2(d) == \at(itls_aka_ha2(d), Pre); */
	digest_ha2(ha2, d);
	/*@ assert itls_same(itls_mem(&ha1[0], 32), \at(itls_hex(itls_aka_ha1(d)), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)d->nonce, d->nonce_len), \at(itls_mem((uint8_t *)d->nonce, d->nonce_len), Pre)); */
	/*@ assert d->qop != ITLS_QOP_NONE ==> itls_same(itls_mem((uint8_t *)d->nc, d->nc_len), \at(itls_mem((uint8_t *)d->nc, d->nc_len), Pre)); */
	/*@ assert d->qop != ITLS_QOP_NONE ==> itls_same(itls_mem((uint8_t *)d->cnonce, d->cnonce_len), \at(itls_mem((uint8_t *)d->cnonce, d->cnonce_len), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&itls_aka_qop_auth[0], 4), \at(itls_mem((uint8_t *)&itls_aka_qop_auth[0], 4), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&itls_aka_qop_auth_int[0], 8), \at(itls_mem((uint8_t *)&itls_aka_qop_auth_int[0], 8), Pre)); */
	/*@ assert itls_same(itls_aka_qop_text(d->qop), \at(itls_aka_qop_text(d->qop), Pre)); */
	/*@ assert itls_same(itls_mem(&ha2[0], 32), \at(itls_hex(itls_aka_ha2(d)), Pre)); */
	digest_resp(out, d, ha1, ha2);
	/*@ assert d->qop == ITLS_QOP_NONE ==>
	  @   itls_mem(out, 32) == itls_hex(itls_md5(itls_j3(\at(itls_hex(itls_aka_ha1(d)), Pre), \at(itls_mem((uint8_t *)d->nonce, d->nonce_len), Pre), \at(itls_hex(itls_aka_ha2(d)), Pre))));
	  @*/
	/*@ assert d->qop != ITLS_QOP_NONE ==>
	  @   itls_mem(out, 32) == itls_hex(itls_md5(itls_j6(\at(itls_hex(itls_aka_ha1(d)), Pre), \at(itls_mem((uint8_t *)d->nonce, d->nonce_len), Pre), \at(itls_mem((uint8_t *)d->nc, d->nc_len), Pre), \at(itls_mem((uint8_t *)d->cnonce, d->cnonce_len), Pre),
	  @     \at(itls_aka_qop_text(d->qop), Pre), \at(itls_hex(itls_aka_ha2(d)), Pre))));
	  @*/
	/*@ assert itls_mem(out, 32) == \at(itls_hex(itls_aka_response(d)), Pre); */
	/* AK-15: HA1 derives from the password */
	itls_crypto_wipe(ha1, sizeof ha1);
	/*@ assert itls_same(itls_mem(out, 32), \at(itls_hex(itls_aka_response(d)), Pre)); */
}

/* see itls/aka.h */
int
itls_aka_response(uint8_t out[ITLS_AKA_RESPONSE_LEN], const struct itls_aka_digest *d)
{
	int e;

	/* AK-14: check the inputs, in the documented order */
	e = aka_response_check(d);
	if (e != ITLS_OK) {
		return e;
	}
	aka_response_hex(out, d);
	return ITLS_OK;
}

/* ASCII lower case of c */
/*@ assigns \nothing;
  @ ensures 'A' <= c <= 'Z' ==> \result == c + 32;
  @ ensures !('A' <= c <= 'Z') ==> \result == c;
  @*/
static char
lower(char c)
{
	if (c >= 'A' && c <= 'Z') {
		return (char)(c + 32);
	}
	return c;
}

/* see itls/aka.h */
int
itls_aka_algorithm_from_name(int *alg, const char *s, size_t len)
{
	static const char v1[9] = { 'a', 'k', 'a', 'v', '1', '-', 'm', 'd', '5' };
	int m1 = 1;
	int m2 = 1;
	size_t i;

	/* AK-14: ASCII case-insensitive */
	if (len != 9) {
		return ITLS_ERR_BAD_ALGORITHM;
	}
	/*@ loop invariant 0 <= i <= 9;
	  @ loop invariant m1 == 0 || m1 == 1;
	  @ loop invariant m2 == 0 || m2 == 1;
	  @ loop assigns i, m1, m2;
	  @ loop variant 9 - i;
	  @*/
	for (i = 0; i < 9; i++) {
		char c = lower(s[i]);
		if (c != v1[i]) {
			m1 = 0;
		}
		if (c != (i == 4 ? '2' : v1[i])) {
			m2 = 0;
		}
	}
	if (m1) {
		*alg = ITLS_AKA_V1_MD5;
		return ITLS_OK;
	}
	if (m2) {
		*alg = ITLS_AKA_V2_MD5;
		return ITLS_OK;
	}
	return ITLS_ERR_BAD_ALGORITHM;
}

/* see itls/aka.h */
int
itls_aka_qop_from_name(int *qop, const char *s, size_t len)
{
	/* AK-14: exactly "auth" or "auth-int", lower case */
	if (len >= 4 && s[0] == 'a' && s[1] == 'u' && s[2] == 't' && s[3] == 'h') {
		if (len == 4) {
			*qop = ITLS_QOP_AUTH;
			return ITLS_OK;
		}
		if (len == 8 && s[4] == '-' && s[5] == 'i' && s[6] == 'n' && s[7] == 't') {
			*qop = ITLS_QOP_AUTH_INT;
			return ITLS_OK;
		}
	}
	return ITLS_ERR_BAD_QOP;
}
