/*
 * itls/aka.h -- IMS AKA: Milenage, AUTN, AUTS, Digest responses
 * (spec/aka.md, AK-nn).
 *
 * Milenage (TS 35.206 §4.1) on the AES-128 block of itls/crypto.h, with
 * the 3GPP default constants r1..r5 = 64, 0, 32, 64, 96 bits and
 * c1..c5 = 0, 1, 2, 4, 8; the authentication token AUTN and its check
 * (TS 33.102 §6.3.2-6.3.3); the resynchronisation token AUTS; the HTTP
 * Digest response for AKAv1-MD5 (RFC 3310, password = RES) and AKAv2-MD5
 * (RFC 4169, password = base64(HMAC-MD5(RES || IK || CK,
 * "http-digest-akav2-password"))), RFC 2617 §3.2.2 with and without qop.
 *
 * The contracts say what each output is, as a composition of the AES, MD5
 * and HMAC-MD5 logic functions of itls/crypto.h: the logic functions
 * itls_mil_* below transcribe TS 35.206 §4.1 line by line.
 *
 * Pattern: outputs first; fixed sizes as arrays; K, OPc, RAND as 16-byte
 * arrays; nothing here allocates or prints; every stack block that held
 * key-derived material is wiped before return (AK-15).
 */
#ifndef ITLS_AKA_H
#define ITLS_AKA_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "itls/crypto.h"
#include "itls/err.h"

#define ITLS_AKA_K_LEN 16
#define ITLS_AKA_RAND_LEN 16
#define ITLS_AKA_SQN_LEN 6
#define ITLS_AKA_AMF_LEN 2
#define ITLS_AKA_MAC_LEN 8
#define ITLS_AKA_RES_LEN 8      /* Milenage f2 */
#define ITLS_AKA_KEY_LEN 16     /* CK, IK */
#define ITLS_AKA_AK_LEN 6
#define ITLS_AKA_AUTN_LEN 16
#define ITLS_AKA_AUTS_LEN 14
#define ITLS_AKA_RES_MIN 4      /* TS 33.102 §6.3.2: 32 to 128 bits */
#define ITLS_AKA_RES_MAX 16
#define ITLS_AKA_RESPONSE_LEN 32        /* hex of an MD5 */
#define ITLS_AKA_NC_LEN 8

/** Digest algorithms (AK-14). */
enum itls_aka_algorithm {
	ITLS_AKA_V1_MD5 = 1,    /* RFC 3310 */
	ITLS_AKA_V2_MD5 = 2     /* RFC 4169 */
};

/** Digest quality of protection (AK-10, AK-11). */
enum itls_aka_qop {
	ITLS_QOP_NONE = 0,      /* RFC 2069 compatible form */
	ITLS_QOP_AUTH = 1,
	ITLS_QOP_AUTH_INT = 2
};

/** All Milenage outputs for one (K, OPc, RAND, SQN, AMF). */
struct itls_milenage_out {
	uint8_t mac_a[ITLS_AKA_MAC_LEN];        /* f1 */
	uint8_t mac_s[ITLS_AKA_MAC_LEN];        /* f1* */
	uint8_t res[ITLS_AKA_RES_LEN];          /* f2 */
	uint8_t ck[ITLS_AKA_KEY_LEN];           /* f3 */
	uint8_t ik[ITLS_AKA_KEY_LEN];           /* f4 */
	uint8_t ak[ITLS_AKA_AK_LEN];            /* f5 */
	uint8_t ak_star[ITLS_AKA_AK_LEN];       /* f5* */
};

/** What a successful AUTN check releases (AK-08). */
struct itls_aka_check {
	uint8_t sqn[ITLS_AKA_SQN_LEN];
	uint8_t amf[ITLS_AKA_AMF_LEN];
	uint8_t res[ITLS_AKA_RES_LEN];
	uint8_t ck[ITLS_AKA_KEY_LEN];
	uint8_t ik[ITLS_AKA_KEY_LEN];
	uint8_t ak[ITLS_AKA_AK_LEN];
};

/**
 * The inputs of one Digest response. Every text is (pointer, length),
 * unquoted, hashed byte for byte; a pointer may be NULL only with length 0.
 */
struct itls_aka_digest {
	int algorithm;                  /* enum itls_aka_algorithm */
	const uint8_t *res;             /* RES, res_len bytes (4..16) */
	size_t res_len;
	const uint8_t *ik;              /* 16 bytes */
	const uint8_t *ck;              /* 16 bytes */
	const uint8_t *username;
	size_t username_len;
	const uint8_t *realm;
	size_t realm_len;
	const uint8_t *nonce;
	size_t nonce_len;
	const uint8_t *uri;
	size_t uri_len;
	const uint8_t *method;
	size_t method_len;
	int qop;                        /* enum itls_aka_qop */
	const uint8_t *cnonce;          /* with a qop: non-empty */
	size_t cnonce_len;
	const uint8_t *nc;              /* with a qop: 8 hex digits */
	size_t nc_len;
	const uint8_t *body;            /* auth-int only */
	size_t body_len;
};

/** The texts the response hashes for qop (AK-10). */
extern const uint8_t itls_aka_qop_auth[4];       /* "auth" */
extern const uint8_t itls_aka_qop_auth_int[8];   /* "auth-int" */
/** RFC 4169 §3: the 26 ASCII bytes "http-digest-akav2-password". */
extern const uint8_t itls_aka_v2_label[26];
extern const uint8_t itls_aka_colon[1];          /* ":" */

/*@ // ---- Milenage, TS 35.206 §4.1 (AK-02 .. AK-06) -------------------------
  @ // c_k: 15 zero bytes then c (c1..c5 = 0, 1, 2, 4, 8)
  @ logic itls_bytes itls_mil_cst(integer c) = itls_cat(itls_zeros(15), itls_b1(c));
  @ // OPc = OP ^ E_K(OP)
  @ logic itls_bytes itls_mil_opc(itls_bytes k, itls_bytes op) = itls_xor(op, itls_aes128(k, op));
  @ // TEMP = E_K(RAND ^ OPc)
  @ logic itls_bytes itls_mil_temp(itls_bytes k, itls_bytes opc, itls_bytes rand) =
  @   itls_aes128(k, itls_xor(rand, opc));
  @ // IN1 = SQN || AMF || SQN || AMF
  @ logic itls_bytes itls_mil_in1(itls_bytes sqn, itls_bytes amf) =
  @   itls_cat(itls_cat(itls_cat(sqn, amf), sqn), amf);
  @ // rot(a ^ b, r bytes) ^ c
  @ logic itls_bytes itls_mil_mix(itls_bytes a, itls_bytes b, integer r, integer c) =
  @   itls_xor(itls_rot(itls_xor(a, b), r), itls_mil_cst(c));
  @ // OUT1 = E_K(TEMP ^ rot(IN1 ^ OPc, r1) ^ c1) ^ OPc, r1 = 64 bits
  @ logic itls_bytes itls_mil_out1_t(itls_bytes k, itls_bytes opc, itls_bytes temp,
  @     itls_bytes sqn, itls_bytes amf) =
  @   itls_xor(itls_aes128(k, itls_xor(temp, itls_mil_mix(itls_mil_in1(sqn, amf), opc, 8, 0))), opc);
  @ // OUTk = E_K(rot(TEMP ^ OPc, rk) ^ ck) ^ OPc, k = 2..5
  @ logic itls_bytes itls_mil_outk_t(itls_bytes k, itls_bytes opc, itls_bytes temp,
  @     integer r, integer c) =
  @   itls_xor(itls_aes128(k, itls_mil_mix(temp, opc, r, c)), opc);
  @ logic itls_bytes itls_mil_out1(itls_bytes k, itls_bytes opc, itls_bytes rand,
  @     itls_bytes sqn, itls_bytes amf) =
  @   itls_mil_out1_t(k, opc, itls_mil_temp(k, opc, rand), sqn, amf);
  @ logic itls_bytes itls_mil_out(itls_bytes k, itls_bytes opc, itls_bytes rand,
  @     integer r, integer c) =
  @   itls_mil_outk_t(k, opc, itls_mil_temp(k, opc, rand), r, c);
  @ logic itls_bytes itls_mil_f1(itls_bytes k, itls_bytes opc, itls_bytes rand,
  @     itls_bytes sqn, itls_bytes amf) = itls_sub(itls_mil_out1(k, opc, rand, sqn, amf), 0, 8);
  @ logic itls_bytes itls_mil_f1s(itls_bytes k, itls_bytes opc, itls_bytes rand,
  @     itls_bytes sqn, itls_bytes amf) = itls_sub(itls_mil_out1(k, opc, rand, sqn, amf), 8, 8);
  @ logic itls_bytes itls_mil_f5(itls_bytes k, itls_bytes opc, itls_bytes rand) =
  @   itls_sub(itls_mil_out(k, opc, rand, 0, 1), 0, 6);
  @ logic itls_bytes itls_mil_f2(itls_bytes k, itls_bytes opc, itls_bytes rand) =
  @   itls_sub(itls_mil_out(k, opc, rand, 0, 1), 8, 8);
  @ logic itls_bytes itls_mil_f3(itls_bytes k, itls_bytes opc, itls_bytes rand) =
  @   itls_mil_out(k, opc, rand, 4, 2);
  @ logic itls_bytes itls_mil_f4(itls_bytes k, itls_bytes opc, itls_bytes rand) =
  @   itls_mil_out(k, opc, rand, 8, 4);
  @ logic itls_bytes itls_mil_f5s(itls_bytes k, itls_bytes opc, itls_bytes rand) =
  @   itls_sub(itls_mil_out(k, opc, rand, 12, 8), 0, 6);
  @
  @ // ---- AUTN, AUTS, TS 33.102 §6.3 (AK-07 .. AK-09) ------------------------
  @ // AUTN = (SQN ^ AK) || AMF || MAC-A; AUTS = (SQN_MS ^ AK*) || MAC-S: the
  @ // contracts below state each field.
  @ // The UE's view of a received AUTN (its first 6, next 2 and last 8 bytes)
  @ logic itls_bytes itls_autn_sqn(itls_bytes k, itls_bytes opc, itls_bytes rand, itls_bytes sqn_ak) =
  @   itls_xor(sqn_ak, itls_mil_f5(k, opc, rand));
  @ predicate itls_autn_ok(itls_bytes k, itls_bytes opc, itls_bytes rand,
  @     itls_bytes sqn_ak, itls_bytes amf, itls_bytes mac) =
  @   itls_mil_f1(k, opc, rand, itls_autn_sqn(k, opc, rand, sqn_ak), amf) == mac;
  @
  @ // ---- Digest, RFC 2617 §3.2.2 (AK-10 .. AK-13) ----------------------------
  @ logic itls_bytes itls_colon = itls_b1(58);
  @ // "a:b:c" and "a:b:c:d:e:f"
  @ logic itls_bytes itls_j3(itls_bytes a, itls_bytes b, itls_bytes c) =
  @   itls_cat(itls_cat(itls_cat(itls_cat(a, itls_colon), b), itls_colon), c);
  @ logic itls_bytes itls_j6(itls_bytes a, itls_bytes b, itls_bytes c, itls_bytes d,
  @     itls_bytes e, itls_bytes f) =
  @   itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(itls_cat(
  @     a, itls_colon), b), itls_colon), c), itls_colon), d), itls_colon), e), itls_colon), f);
  @ logic itls_bytes itls_j2(itls_bytes a, itls_bytes b) = itls_cat(itls_cat(a, itls_colon), b);
  @
  @ logic itls_bytes itls_dmem{L}(uint8_t *p, integer n) = itls_mem(p, n);
  @
  @ // AK-12, AK-13: the password
  @ logic itls_bytes itls_aka_password{L}(struct itls_aka_digest *d) =
  @   d->algorithm == ITLS_AKA_V1_MD5 ? itls_mem((uint8_t *)d->res, d->res_len) :
  @   itls_base64(itls_hmac_md5(
  @     itls_cat(itls_cat(itls_mem((uint8_t *)d->res, d->res_len), itls_mem((uint8_t *)d->ik, 16)),
  @       itls_mem((uint8_t *)d->ck, 16)),
  @     itls_mem((uint8_t *)&itls_aka_v2_label[0], 26)));
  @ logic itls_bytes itls_aka_ha1{L}(struct itls_aka_digest *d) =
  @   itls_md5(itls_j3(itls_mem((uint8_t *)d->username, d->username_len),
  @     itls_mem((uint8_t *)d->realm, d->realm_len), itls_aka_password(d)));
  @ // AK-11
  @ logic itls_bytes itls_aka_ha2{L}(struct itls_aka_digest *d) =
  @   d->qop == ITLS_QOP_AUTH_INT ?
  @     itls_md5(itls_j3(itls_mem((uint8_t *)d->method, d->method_len),
  @       itls_mem((uint8_t *)d->uri, d->uri_len),
  @       itls_hex(itls_md5(itls_mem((uint8_t *)d->body, d->body_len))))) :
  @     itls_md5(itls_j2(itls_mem((uint8_t *)d->method, d->method_len),
  @       itls_mem((uint8_t *)d->uri, d->uri_len)));
  @ logic itls_bytes itls_aka_qop_text{L}(integer qop) =
  @   qop == ITLS_QOP_AUTH ? itls_mem((uint8_t *)&itls_aka_qop_auth[0], 4) :
  @     itls_mem((uint8_t *)&itls_aka_qop_auth_int[0], 8);
  @ // AK-10
  @ logic itls_bytes itls_aka_response{L}(struct itls_aka_digest *d) =
  @   d->qop == ITLS_QOP_NONE ?
  @     itls_md5(itls_j3(itls_hex(itls_aka_ha1(d)), itls_mem((uint8_t *)d->nonce, d->nonce_len),
  @       itls_hex(itls_aka_ha2(d)))) :
  @     itls_md5(itls_j6(itls_hex(itls_aka_ha1(d)), itls_mem((uint8_t *)d->nonce, d->nonce_len),
  @       itls_mem((uint8_t *)d->nc, d->nc_len), itls_mem((uint8_t *)d->cnonce, d->cnonce_len),
  @       itls_aka_qop_text(d->qop), itls_hex(itls_aka_ha2(d))));
  @
  @ predicate itls_aka_hexdigit(integer c) =
  @   (48 <= c <= 57) || (65 <= c <= 70) || (97 <= c <= 102);
  @ predicate itls_aka_digest_valid{L}(struct itls_aka_digest *d) =
  @   \valid_read(d->res + (0 .. d->res_len - 1)) &&
  @   \valid_read(d->ik + (0 .. 15)) && \valid_read(d->ck + (0 .. 15)) &&
  @   \valid_read(d->username + (0 .. d->username_len - 1)) &&
  @   \valid_read(d->realm + (0 .. d->realm_len - 1)) &&
  @   \valid_read(d->nonce + (0 .. d->nonce_len - 1)) &&
  @   \valid_read(d->uri + (0 .. d->uri_len - 1)) &&
  @   \valid_read(d->method + (0 .. d->method_len - 1)) &&
  @   \valid_read(d->cnonce + (0 .. d->cnonce_len - 1)) &&
  @   \valid_read(d->nc + (0 .. d->nc_len - 1)) &&
  @   \valid_read(d->body + (0 .. d->body_len - 1));
  @*/

/**
 * \brief OPc = OP ^ E_K(OP) (AK-02). Writes opc[0..15].
 */
/*@ requires \valid(opc + (0 .. 15));
  @ requires \valid_read(k + (0 .. 15));
  @ requires \valid_read(op + (0 .. 15));
  @ requires \separated(opc + (0 .. 15), k + (0 .. 15));
  @ requires \separated(opc + (0 .. 15), op + (0 .. 15));
  @ assigns opc[0 .. 15];
  @ ensures itls_mem(opc, 16) ==
  @   itls_mil_opc(\old(itls_mem((uint8_t *)k, 16)), \old(itls_mem((uint8_t *)op, 16)));
  @*/
void
itls_milenage_opc(uint8_t opc[16], const uint8_t k[ITLS_AKA_K_LEN], const uint8_t op[16]);

/**
 * \brief Every Milenage output f1, f1*, f2, f3, f4, f5, f5* (AK-02..AK-06).
 *
 * Writes *out only.
 */
/*@ requires \valid(out);
  @ requires \valid_read(k + (0 .. 15));
  @ requires \valid_read(opc + (0 .. 15));
  @ requires \valid_read(rand + (0 .. 15));
  @ requires \valid_read(sqn + (0 .. 5));
  @ requires \valid_read(amf + (0 .. 1));
  @ requires \separated(out, k + (0 .. 15), opc + (0 .. 15), rand + (0 .. 15),
  @   sqn + (0 .. 5), amf + (0 .. 1));
  @ assigns *out;
  @ ensures itls_mem(&out->mac_a[0], 8) == \old(itls_mil_f1(itls_mem((uint8_t *)k, 16),
  @   itls_mem((uint8_t *)opc, 16), itls_mem((uint8_t *)rand, 16),
  @   itls_mem((uint8_t *)sqn, 6), itls_mem((uint8_t *)amf, 2)));
  @ ensures itls_mem(&out->mac_s[0], 8) == \old(itls_mil_f1s(itls_mem((uint8_t *)k, 16),
  @   itls_mem((uint8_t *)opc, 16), itls_mem((uint8_t *)rand, 16),
  @   itls_mem((uint8_t *)sqn, 6), itls_mem((uint8_t *)amf, 2)));
  @ ensures itls_mem(&out->res[0], 8) == \old(itls_mil_f2(itls_mem((uint8_t *)k, 16),
  @   itls_mem((uint8_t *)opc, 16), itls_mem((uint8_t *)rand, 16)));
  @ ensures itls_mem(&out->ck[0], 16) == \old(itls_mil_f3(itls_mem((uint8_t *)k, 16),
  @   itls_mem((uint8_t *)opc, 16), itls_mem((uint8_t *)rand, 16)));
  @ ensures itls_mem(&out->ik[0], 16) == \old(itls_mil_f4(itls_mem((uint8_t *)k, 16),
  @   itls_mem((uint8_t *)opc, 16), itls_mem((uint8_t *)rand, 16)));
  @ ensures itls_mem(&out->ak[0], 6) == \old(itls_mil_f5(itls_mem((uint8_t *)k, 16),
  @   itls_mem((uint8_t *)opc, 16), itls_mem((uint8_t *)rand, 16)));
  @ ensures itls_mem(&out->ak_star[0], 6) == \old(itls_mil_f5s(itls_mem((uint8_t *)k, 16),
  @   itls_mem((uint8_t *)opc, 16), itls_mem((uint8_t *)rand, 16)));
  @*/
void
itls_milenage(struct itls_milenage_out *out, const uint8_t k[ITLS_AKA_K_LEN],
	const uint8_t opc[16], const uint8_t rand[ITLS_AKA_RAND_LEN],
	const uint8_t sqn[ITLS_AKA_SQN_LEN], const uint8_t amf[ITLS_AKA_AMF_LEN]);

/**
 * \brief AUTN = (SQN ^ AK) || AMF || MAC-A (AK-07). Writes autn[0..15].
 */
/*@ requires \valid(autn + (0 .. 15));
  @ requires \valid_read(k + (0 .. 15));
  @ requires \valid_read(opc + (0 .. 15));
  @ requires \valid_read(rand + (0 .. 15));
  @ requires \valid_read(sqn + (0 .. 5));
  @ requires \valid_read(amf + (0 .. 1));
  @ requires \separated(autn + (0 .. 15), k + (0 .. 15), opc + (0 .. 15), rand + (0 .. 15),
  @   sqn + (0 .. 5), amf + (0 .. 1));
  @ assigns autn[0 .. 15];
  @ ensures itls_mem(autn, 6) == \old(itls_xor(itls_mem((uint8_t *)sqn, 6),
  @   itls_mil_f5(itls_mem((uint8_t *)k, 16), itls_mem((uint8_t *)opc, 16),
  @   itls_mem((uint8_t *)rand, 16))));
  @ ensures autn[6] == \old(amf[0]) && autn[7] == \old(amf[1]);
  @ ensures itls_mem(autn + 8, 8) == \old(itls_mil_f1(itls_mem((uint8_t *)k, 16),
  @   itls_mem((uint8_t *)opc, 16), itls_mem((uint8_t *)rand, 16),
  @   itls_mem((uint8_t *)sqn, 6), itls_mem((uint8_t *)amf, 2)));
  @*/
void
itls_aka_autn(uint8_t autn[ITLS_AKA_AUTN_LEN], const uint8_t k[ITLS_AKA_K_LEN],
	const uint8_t opc[16], const uint8_t rand[ITLS_AKA_RAND_LEN],
	const uint8_t sqn[ITLS_AKA_SQN_LEN], const uint8_t amf[ITLS_AKA_AMF_LEN]);

/**
 * \brief Check an AUTN as the USIM does (AK-08).
 *
 * Recovers SQN with AK = f5(K, RAND), recomputes MAC-A over the received
 * AMF and compares it with AUTN[8..15] in constant time. On success
 * returns ITLS_OK and fills *out (SQN, AMF, RES, CK, IK, AK); on a wrong
 * MAC returns ITLS_ERR_MAC_FAILURE and writes nothing. SQN freshness is
 * not checked (D-AK-3).
 */
/*@ requires \valid(out);
  @ requires \valid_read(k + (0 .. 15));
  @ requires \valid_read(opc + (0 .. 15));
  @ requires \valid_read(rand + (0 .. 15));
  @ requires \valid_read(autn + (0 .. 15));
  @ requires \separated(out, k + (0 .. 15), opc + (0 .. 15), rand + (0 .. 15), autn + (0 .. 15));
  @ assigns *out;
  @ behavior ok:
  @   assumes itls_autn_ok(itls_mem((uint8_t *)k, 16), itls_mem((uint8_t *)opc, 16),
  @     itls_mem((uint8_t *)rand, 16), itls_mem((uint8_t *)autn, 6),
  @     itls_mem((uint8_t *)autn + 6, 2), itls_mem((uint8_t *)autn + 8, 8));
  @   ensures \result == ITLS_OK;
  @   ensures itls_mem(&out->sqn[0], 6) == \old(itls_autn_sqn(itls_mem((uint8_t *)k, 16),
  @     itls_mem((uint8_t *)opc, 16), itls_mem((uint8_t *)rand, 16), itls_mem((uint8_t *)autn, 6)));
  @   ensures out->amf[0] == \old(autn[6]) && out->amf[1] == \old(autn[7]);
  @   ensures itls_mem(&out->res[0], 8) == \old(itls_mil_f2(itls_mem((uint8_t *)k, 16),
  @     itls_mem((uint8_t *)opc, 16), itls_mem((uint8_t *)rand, 16)));
  @   ensures itls_mem(&out->ck[0], 16) == \old(itls_mil_f3(itls_mem((uint8_t *)k, 16),
  @     itls_mem((uint8_t *)opc, 16), itls_mem((uint8_t *)rand, 16)));
  @   ensures itls_mem(&out->ik[0], 16) == \old(itls_mil_f4(itls_mem((uint8_t *)k, 16),
  @     itls_mem((uint8_t *)opc, 16), itls_mem((uint8_t *)rand, 16)));
  @   ensures itls_mem(&out->ak[0], 6) == \old(itls_mil_f5(itls_mem((uint8_t *)k, 16),
  @     itls_mem((uint8_t *)opc, 16), itls_mem((uint8_t *)rand, 16)));
  @ behavior mac_failure:
  @   assumes !itls_autn_ok(itls_mem((uint8_t *)k, 16), itls_mem((uint8_t *)opc, 16),
  @     itls_mem((uint8_t *)rand, 16), itls_mem((uint8_t *)autn, 6),
  @     itls_mem((uint8_t *)autn + 6, 2), itls_mem((uint8_t *)autn + 8, 8));
  @   assigns \nothing;
  @   ensures \result == ITLS_ERR_MAC_FAILURE;
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int
itls_aka_check_autn(struct itls_aka_check *out, const uint8_t k[ITLS_AKA_K_LEN],
	const uint8_t opc[16], const uint8_t rand[ITLS_AKA_RAND_LEN],
	const uint8_t autn[ITLS_AKA_AUTN_LEN]);

/**
 * \brief AUTS = (SQN_MS ^ AK*) || MAC-S, MAC-S over the dummy AMF 0x0000
 * (AK-09). Writes auts[0..13].
 */
/*@ requires \valid(auts + (0 .. 13));
  @ requires \valid_read(k + (0 .. 15));
  @ requires \valid_read(opc + (0 .. 15));
  @ requires \valid_read(rand + (0 .. 15));
  @ requires \valid_read(sqn_ms + (0 .. 5));
  @ requires \separated(auts + (0 .. 13), k + (0 .. 15), opc + (0 .. 15), rand + (0 .. 15),
  @   sqn_ms + (0 .. 5));
  @ assigns auts[0 .. 13];
  @ ensures itls_mem(auts, 6) == \old(itls_xor(itls_mem((uint8_t *)sqn_ms, 6),
  @   itls_mil_f5s(itls_mem((uint8_t *)k, 16), itls_mem((uint8_t *)opc, 16),
  @   itls_mem((uint8_t *)rand, 16))));
  @ ensures itls_mem(auts + 6, 8) == \old(itls_mil_f1s(itls_mem((uint8_t *)k, 16),
  @   itls_mem((uint8_t *)opc, 16), itls_mem((uint8_t *)rand, 16),
  @   itls_mem((uint8_t *)sqn_ms, 6), itls_zeros(2)));
  @*/
void
itls_aka_auts(uint8_t auts[ITLS_AKA_AUTS_LEN], const uint8_t k[ITLS_AKA_K_LEN],
	const uint8_t opc[16], const uint8_t rand[ITLS_AKA_RAND_LEN],
	const uint8_t sqn_ms[ITLS_AKA_SQN_LEN]);

/*@ // AK-14: e is what the checks of itls_aka_response give for d, in their order:
  @ // algorithm, qop, length of RES, then with a qop cnonce and nc present and nc
  @ // exactly eight hex digits; ITLS_OK when all pass
  @ predicate itls_aka_nc_bad{L}(struct itls_aka_digest *d) =
  @   d->nc_len != ITLS_AKA_NC_LEN ||
  @   (\exists integer i; 0 <= i < ITLS_AKA_NC_LEN && !itls_aka_hexdigit(d->nc[i]));
  @ predicate itls_aka_response_is{L}(struct itls_aka_digest *d, integer e) =
  @   d->algorithm != ITLS_AKA_V1_MD5 && d->algorithm != ITLS_AKA_V2_MD5 ?
  @     e == ITLS_ERR_BAD_ALGORITHM :
  @   d->qop != ITLS_QOP_NONE && d->qop != ITLS_QOP_AUTH && d->qop != ITLS_QOP_AUTH_INT ?
  @     e == ITLS_ERR_BAD_QOP :
  @   d->res_len < ITLS_AKA_RES_MIN || d->res_len > ITLS_AKA_RES_MAX ?
  @     e == ITLS_ERR_BAD_LENGTH :
  @   d->qop == ITLS_QOP_NONE ? e == ITLS_OK :
  @   d->cnonce_len == 0 || d->nc_len == 0 ? e == ITLS_ERR_MISSING_PARAMETER :
  @   (itls_aka_nc_bad(d) ==> e == ITLS_ERR_BAD_NC) && (!itls_aka_nc_bad(d) ==> e == ITLS_OK);
  @*/

/**
 * \brief The Digest `response` for AKAv1-MD5 or AKAv2-MD5 (AK-10..AK-14).
 *
 * Writes the 32 lower-case hex characters of the response to out[0..31]
 * (no NUL) on success. Errors, checked in this order, nothing written:
 * ITLS_ERR_BAD_ALGORITHM (algorithm not an enum itls_aka_algorithm value),
 * ITLS_ERR_BAD_QOP (qop not an enum itls_aka_qop value),
 * ITLS_ERR_BAD_LENGTH (res_len outside 4..16), with a qop:
 * ITLS_ERR_MISSING_PARAMETER (empty cnonce or nc), ITLS_ERR_BAD_NC (nc
 * not exactly 8 hex digits).
 */
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
  @ assigns out[0 .. 31];
  @ behavior error:
  @   assumes !itls_aka_response_is(d, ITLS_OK);
  @   assigns \nothing;
  @   ensures \result != ITLS_OK && itls_aka_response_is(d, \result);
  @ behavior ok:
  @   assumes itls_aka_response_is(d, ITLS_OK);
  @   ensures \result == ITLS_OK;
  @   ensures itls_mem(out, 32) == \old(itls_hex(itls_aka_response(d)));
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int
itls_aka_response(uint8_t out[ITLS_AKA_RESPONSE_LEN], const struct itls_aka_digest *d);

/**
 * \brief `AKAv1-MD5` or `AKAv2-MD5`, ASCII case-insensitive (AK-14).
 *
 * Sets *alg and returns ITLS_OK, or returns ITLS_ERR_BAD_ALGORITHM.
 */
/*@ requires \valid(alg);
  @ requires \valid_read(s + (0 .. len - 1));
  @ requires \separated(alg, s + (0 .. len - 1));
  @ assigns *alg;
  @ ensures \result == ITLS_OK || \result == ITLS_ERR_BAD_ALGORITHM;
  @ ensures \result == ITLS_OK ==> len == 9 && (*alg == ITLS_AKA_V1_MD5 || *alg == ITLS_AKA_V2_MD5);
  @ ensures \result != ITLS_OK ==> *alg == \old(*alg);
  @*/
int
itls_aka_algorithm_from_name(int *alg, const char *s, size_t len);

/**
 * \brief `auth` or `auth-int` (lower case, exact; AK-14); sets *qop.
 *
 * Returns ITLS_OK or ITLS_ERR_BAD_QOP.
 */
/*@ requires \valid(qop);
  @ requires \valid_read(s + (0 .. len - 1));
  @ requires \separated(qop, s + (0 .. len - 1));
  @ assigns *qop;
  @ ensures \result == ITLS_OK || \result == ITLS_ERR_BAD_QOP;
  @ ensures \result == ITLS_OK ==> (len == 4 && *qop == ITLS_QOP_AUTH) ||
  @   (len == 8 && *qop == ITLS_QOP_AUTH_INT);
  @ ensures \result != ITLS_OK ==> *qop == \old(*qop);
  @*/
int
itls_aka_qop_from_name(int *qop, const char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif
