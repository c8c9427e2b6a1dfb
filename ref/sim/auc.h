/*
 * sim/auc.h -- the AKA arithmetic the simulator's USIM and HSS/AuC need:
 * (through itls/aka.h) Milenage (TS 35.206) for RES, CK, IK, AK and MAC-A, AUTN = SQN xor AK ||
 * AMF || MAC-A (TS 33.102 §6.3), and the AKAv1-MD5 Digest response (RFC
 * 3310: RFC 2617 with RES as the password).
 */
#ifndef ITLS_SIM_AUC_H
#define ITLS_SIM_AUC_H

#include <stddef.h>
#include <stdint.h>

struct sim_av {
	uint8_t rand[16], autn[16], xres[8], ck[16], ik[16];
};

/* HSS/AuC: an authentication vector for (K, OPc, RAND, SQN, AMF) */
void sim_auc_vector(const uint8_t k[16], const uint8_t opc[16],
	const uint8_t rand[16], const uint8_t sqn[6], const uint8_t amf[2],
	struct sim_av *av);

/*
 * USIM: check AUTN for RAND; on success (0) give RES, CK, IK and the SQN it
 * carried; -1 when MAC-A does not verify.
 */
int sim_usim_check(const uint8_t k[16], const uint8_t opc[16],
	const uint8_t rand[16], const uint8_t autn[16], uint8_t res[8],
	uint8_t ck[16], uint8_t ik[16], uint8_t sqn[6]);

/* RFC 3310 AKAv1-MD5 response (no qop), 32 lowercase hex + NUL in out */
void sim_digest_akav1(const uint8_t *res, size_t res_len, const char *username,
	const char *realm, const char *nonce, const char *method, const char *uri,
	char out[33]);

/* the AKAv1-MD5 (v2 = 0) or AKAv2-MD5 (v2 = 1, RFC 4169: the password is
 * derived from RES, IK and CK) response (no qop), 32 hex + NUL in out */
void sim_digest_aka(int v2, const uint8_t *res, size_t res_len, const uint8_t ik[16],
	const uint8_t ck[16], const char *username, const char *realm, const char *nonce,
	const char *method, const char *uri, char out[33]);

#endif
