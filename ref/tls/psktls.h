/*
 * tls/psktls.h -- a minimal TLS 1.2 PSK connection (RFC 4279 plain PSK,
 * TLS_PSK_WITH_AES_128_GCM_SHA256, RFC 5487) between two in-memory ends,
 * built on BearSSL's primitives (PRF, SHA-256, AES-GCM) because BearSSL's
 * engines have no PSK suites (D-SIM-1, D-SIM-5).
 *
 * Hosted code for the simulator: each end derives its own keys from its
 * own PSK, so the handshake succeeds exactly when the two PSKs are equal
 * (the server's check of the client Finished fails otherwise, and it
 * answers with a bad_record_mac alert). Every record goes through the
 * record callback (the capture), and application data is encrypted by the
 * sender and decrypted by the receiver from those very bytes.
 *
 * Not a general TLS implementation: no extensions, no resumption, no
 * renegotiation, one cipher suite, both ends in one process.
 */
#ifndef ITLS_TLS_PSKTLS_H
#define ITLS_TLS_PSKTLS_H

#include "tls/tls.h"

#include <stddef.h>
#include <stdint.h>

#define ITLS_PSKTLS_SUITE 0x00A8u   /* TLS_PSK_WITH_AES_128_GCM_SHA256 */

struct itls_psktls_end {
	uint8_t ms[48];
	uint8_t wkey[16], wsalt[4];   /* this end's write key and salt */
	uint8_t rkey[16], rsalt[4];   /* the peer's */
	uint64_t wseq, rseq;
};

struct itls_psktls {
	uint8_t cr[32], sr[32];
	struct itls_psktls_end c, s;
	int up;
	itls_tls_record_fn on_record;
	void *on_record_ctx;
};

/*
 * Run the handshake. cr, sr: the two randoms; identity: the client's PSK
 * identity; cpsk/spsk: the PSK each end holds. Returns 1 when both ends
 * finished (equal PSKs), 0 when the server refused.
 */
int itls_psktls_handshake(struct itls_psktls *t, const uint8_t cr[32],
	const uint8_t sr[32], const uint8_t *identity, size_t id_len,
	const uint8_t *cpsk, size_t cpsk_len, const uint8_t *spsk, size_t spsk_len);

/* one application data record from one end, decrypted by the other; the
 * number of bytes (== len) or -1 */
long itls_psktls_transfer(struct itls_psktls *t, int from_client,
	const uint8_t *data, size_t len, uint8_t *out, size_t cap);

/* close_notify from the client, then from the server */
void itls_psktls_close(struct itls_psktls *t);

/* the NSS key log line of the connection (CLIENT_RANDOM cr ms, LF) */
void itls_psktls_keylog(const struct itls_psktls *t, char out[32 * 2 + 48 * 2 + 17]);

#endif
