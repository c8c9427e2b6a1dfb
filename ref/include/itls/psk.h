/*
 * itls/psk.h -- the PSK-TLS key and identity (spec/psk.md, PS-nn).
 *
 * Seed 004 §3.4 keys a PSK-TLS handshake from the AKA run but leaves the
 * derivation open; decision D-PS-1 fixes it for itls-ref (not a
 * standard):
 *   PSK      = KDF(CK || IK, FC = 0x01, P0 = "itls psk", P1 = IMPI)  (32 bytes)
 *   identity = the IMPI, byte for byte
 * with the KDF of TS 33.220 Annex B (HMAC-SHA-256). The 32-byte key
 * CK || IK is built on the stack and wiped before return (PS-04).
 *
 * Pattern: outputs first; returns ITLS_OK or a reason of itls/err.h and
 * writes nothing on error.
 */
#ifndef ITLS_PSK_H
#define ITLS_PSK_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "itls/crypto.h"
#include "itls/err.h"

#define ITLS_PSK_LEN 32
#define ITLS_PSK_KEY_LEN 16
/* RFC 4279 §2 / TS 33.220 Annex B.2: at most 2^16 - 1 bytes */
#define ITLS_PSK_MAX_IDENTITY 65535
#define ITLS_PSK_FC 0x01

/** P0 of the PSK derivation: the 8 ASCII bytes "itls psk", no NUL (PS-01). */
extern const uint8_t itls_psk_label[8];

/*@ logic itls_bytes itls_psk_label_bytes{L} = itls_mem((uint8_t *)&itls_psk_label[0], 8);
  @ // PS-01
  @ logic itls_bytes itls_psk_of{L}(itls_bytes ck, itls_bytes ik, itls_bytes impi) =
  @   itls_kdf2(itls_cat(ck, ik), ITLS_PSK_FC, itls_psk_label_bytes, impi);
  @*/

/**
 * \brief The 32-byte PSK of one AKA run for the user `impi` (PS-01).
 *
 * Reads ck[0..15], ik[0..15], impi[0..impi_len-1]; writes psk[0..31] only
 * on success. Errors: ITLS_ERR_EMPTY (impi_len 0), ITLS_ERR_TOO_LONG
 * (impi_len > 65535) (PS-03).
 */
/*@ requires \valid(psk + (0 .. ITLS_PSK_LEN - 1));
  @ requires \valid_read(ck + (0 .. ITLS_PSK_KEY_LEN - 1));
  @ requires \valid_read(ik + (0 .. ITLS_PSK_KEY_LEN - 1));
  @ requires \valid_read(impi + (0 .. impi_len - 1));
  @ requires \separated(psk + (0 .. ITLS_PSK_LEN - 1), ck + (0 .. ITLS_PSK_KEY_LEN - 1));
  @ requires \separated(psk + (0 .. ITLS_PSK_LEN - 1), ik + (0 .. ITLS_PSK_KEY_LEN - 1));
  @ requires \separated(psk + (0 .. ITLS_PSK_LEN - 1), impi + (0 .. impi_len - 1));
  @ assigns psk[0 .. ITLS_PSK_LEN - 1];
  @ behavior empty:
  @   assumes impi_len == 0;
  @   assigns \nothing;
  @   ensures \result == ITLS_ERR_EMPTY;
  @ behavior too_long:
  @   assumes impi_len > ITLS_PSK_MAX_IDENTITY;
  @   assigns \nothing;
  @   ensures \result == ITLS_ERR_TOO_LONG;
  @ behavior ok:
  @   assumes 0 < impi_len <= ITLS_PSK_MAX_IDENTITY;
  @   ensures \result == ITLS_OK;
  @   ensures itls_mem(psk, ITLS_PSK_LEN) ==
  @     \old(itls_psk_of(itls_mem((uint8_t *)ck, 16), itls_mem((uint8_t *)ik, 16),
  @       itls_mem((uint8_t *)impi, impi_len)));
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int
itls_psk_derive(uint8_t psk[ITLS_PSK_LEN], const uint8_t ck[ITLS_PSK_KEY_LEN],
	const uint8_t ik[ITLS_PSK_KEY_LEN], const uint8_t *impi, size_t impi_len);

/**
 * \brief The PSK identity of the user `impi`: the IMPI itself (PS-02).
 *
 * Copies impi into out[0 .. impi_len-1] and sets *out_len. Errors:
 * ITLS_ERR_EMPTY, ITLS_ERR_TOO_LONG (PS-03), ITLS_ERR_BUFFER_TOO_SMALL
 * (impi_len > cap); nothing is written on error.
 */
/*@ requires \valid(out + (0 .. cap - 1));
  @ requires \valid(out_len);
  @ requires \valid_read(impi + (0 .. impi_len - 1));
  @ requires \separated(out + (0 .. cap - 1), impi + (0 .. impi_len - 1), out_len);
  @ assigns out[0 .. cap - 1], *out_len;
  @ behavior empty:
  @   assumes impi_len == 0;
  @   assigns \nothing;
  @   ensures \result == ITLS_ERR_EMPTY;
  @ behavior too_long:
  @   assumes impi_len > ITLS_PSK_MAX_IDENTITY;
  @   assigns \nothing;
  @   ensures \result == ITLS_ERR_TOO_LONG;
  @ behavior too_small:
  @   assumes 0 < impi_len <= ITLS_PSK_MAX_IDENTITY && impi_len > cap;
  @   assigns \nothing;
  @   ensures \result == ITLS_ERR_BUFFER_TOO_SMALL;
  @ behavior ok:
  @   assumes 0 < impi_len <= ITLS_PSK_MAX_IDENTITY && impi_len <= cap;
  @   assigns out[0 .. impi_len - 1], *out_len;
  @   ensures \result == ITLS_OK;
  @   ensures *out_len == impi_len;
  @   ensures \forall integer i; 0 <= i < impi_len ==> out[i] == \old(impi[i]);
  @ complete behaviors;
  @ disjoint behaviors;
  @*/
int
itls_psk_identity(uint8_t *out, size_t cap, const uint8_t *impi, size_t impi_len,
	size_t *out_len);

#ifdef __cplusplus
}
#endif

#endif
