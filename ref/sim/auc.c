/*
 * auc.c -- the USIM's and the HSS/AuC's AKA arithmetic for the simulator
 * (see sim/auc.h), on the verified core module itls/aka.h (Milenage, AUTN,
 * the RFC 3310 Digest response).
 */
#include "sim/auc.h"
#include "itls/aka.h"
#include "itls/err.h"

#include <string.h>

void
sim_auc_vector(const uint8_t k[16], const uint8_t opc[16],
	const uint8_t rand[16], const uint8_t sqn[6], const uint8_t amf[2],
	struct sim_av *av)
{
	struct itls_milenage_out m;

	itls_milenage(&m, k, opc, rand, sqn, amf);
	memcpy(av->rand, rand, 16);
	itls_aka_autn(av->autn, k, opc, rand, sqn, amf);
	memcpy(av->xres, m.res, 8);
	memcpy(av->ck, m.ck, 16);
	memcpy(av->ik, m.ik, 16);
	memset(&m, 0, sizeof m);
}

int
sim_usim_check(const uint8_t k[16], const uint8_t opc[16],
	const uint8_t rand[16], const uint8_t autn[16], uint8_t res[8],
	uint8_t ck[16], uint8_t ik[16], uint8_t sqn[6])
{
	struct itls_aka_check c;

	if (itls_aka_check_autn(&c, k, opc, rand, autn) != ITLS_OK) {
		return -1;
	}
	memcpy(res, c.res, 8);
	memcpy(ck, c.ck, 16);
	memcpy(ik, c.ik, 16);
	memcpy(sqn, c.sqn, 6);
	memset(&c, 0, sizeof c);
	return 0;
}

void
sim_digest_akav1(const uint8_t *res, size_t res_len, const char *username,
	const char *realm, const char *nonce, const char *method, const char *uri,
	char out[33])
{
	static const uint8_t zero[16] = { 0 };

	/* AKAv1 does not use IK and CK */
	sim_digest_aka(0, res, res_len, zero, zero, username, realm, nonce, method, uri, out);
}

void
sim_digest_aka(int v2, const uint8_t *res, size_t res_len, const uint8_t ik[16],
	const uint8_t ck[16], const char *username, const char *realm, const char *nonce,
	const char *method, const char *uri, char out[33])
{
	struct itls_aka_digest d;
	uint8_t r[ITLS_AKA_RESPONSE_LEN];

	memset(&d, 0, sizeof d);
	d.algorithm = v2 ? ITLS_AKA_V2_MD5 : ITLS_AKA_V1_MD5;
	d.res = res;
	d.res_len = res_len;
	d.ik = ik;
	d.ck = ck;
	d.username = (const uint8_t *)username;
	d.username_len = strlen(username);
	d.realm = (const uint8_t *)realm;
	d.realm_len = strlen(realm);
	d.nonce = (const uint8_t *)nonce;
	d.nonce_len = strlen(nonce);
	d.uri = (const uint8_t *)uri;
	d.uri_len = strlen(uri);
	d.method = (const uint8_t *)method;
	d.method_len = strlen(method);
	d.qop = ITLS_QOP_NONE;
	if (itls_aka_response(r, &d) != ITLS_OK) {
		out[0] = 0;
		return;
	}
	memcpy(out, r, 32);
	out[32] = 0;
}
