/*
 * tls/pki.h -- certificate (PKI) mode for the UE's TLS client: BearSSL's
 * X.509 "minimal" engine (chain to the home network's trust anchors,
 * signatures, validity dates against a given time, basic constraints, key
 * usage, the TLS certificate-list order), followed by the naming rules of
 * ref/core (itls_name_check, NM-20) against the IMS trust domain
 * (spec/transport.md TR-15..TR-18, D-SIM-8).
 *
 * Hosted code: the chain validation is BearSSL glue; the naming decision
 * is the proved core's. The engine also feeds the capturing engine of
 * tls/tls.h, so that the end-entity certificate is still available as
 * received (itls_tls_peer_cert) for the tokens.
 */
#ifndef ITLS_TLS_PKI_H
#define ITLS_TLS_PKI_H

#include "tls/tls.h"
#include "itls/err.h"

#include <stddef.h>
#include <stdint.h>

#define ITLS_PKI_ANCHORS 4
#define ITLS_PKI_DN_MAX 256
#define ITLS_PKI_KEY_MAX 520
#define ITLS_PKI_DOMAIN_MAX 128

struct itls_pki {
	const br_x509_class *vtable;
	br_x509_minimal_context xm;
	struct itls_tls_capture *cap;      /* the client's capture engine */
	br_x509_trust_anchor ta[ITLS_PKI_ANCHORS];
	unsigned char dn[ITLS_PKI_ANCHORS][ITLS_PKI_DN_MAX];
	unsigned char key[ITLS_PKI_ANCHORS][ITLS_PKI_KEY_MAX];
	size_t nta;
	uint32_t days, seconds;            /* validation time */
	uint8_t domain[ITLS_PKI_DOMAIN_MAX];
	size_t domain_len;
	/* outcome of the last chain */
	unsigned x509_err;                 /* BearSSL's end_chain result (0: valid) */
	enum itls_err name_err;            /* the naming rule's result */
};

/* the time of validation from seconds since 1970 (UTC) */
void itls_pki_init(struct itls_pki *p, uint64_t unix_time, const char *domain);
/* add the self-signed (or any CA) certificate der as a trust anchor; 0 or -1 */
int itls_pki_add_anchor(struct itls_pki *p, const uint8_t *der, size_t len);
/* use p as the X.509 engine of client c (after itls_tls_client_init) */
void itls_pki_attach(struct itls_pki *p, struct itls_tls_client *c);
/* a word for the outcome: "valid", "not-trusted", "expired", ..., or the
 * naming reason of itls_err_name */
const char *itls_pki_reason(const struct itls_pki *p);

#endif
