/*
 * fuzz_pcscf.c -- libFuzzer target for the P-CSCF state machine
 * fuzz-config: max_len=16384 seeds=pcscf
 * (spec/pcscf.md).
 *
 * Input: one configuration byte, then events of 8 header bytes, IK, CK,
 * c_token (44 bytes) and their variable parts (certificate, Security-Client,
 * Security-Server, Security-Verify, IMPI). Flags of the header let an event
 * reuse what the harness remembers, so that the success paths are reached:
 * R: the right c_token, computed here for the IK of the last SM5 and the
 * s_token it sent; C: the certificate of the last SM5 as the connection's;
 * H: the Security-Server of the last SM1 as SM7's Security-Verify; K (bit 3
 * of the kind byte): the Security-Client of the last SM1 as SM7's.
 *
 * After every step the harness checks, with its own copies and its own
 * token computations (not the machine's flags): SM8 only over the mechanism
 * it ranks highest among those both offered (PC-21), with the headers of SM1
 * byte for byte (PC-10, PC-11), and over I-TLS only with the c_token of the
 * s_token it sent, that s_token being over the connection's certificate
 * (PC-13, PC-22); never tls-yes right after a new full handshake in I-TLS
 * (PC-17); never the safety check (PC-20). Seeds: tests/fuzz/seed_pcscf.py.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itls/pcscf.h"
#include "itls/token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define F_RIGHT_CTOKEN 0x10u
#define F_SM5_CERT 0x20u
#define F_SM1_HEADERS 0x40u
#define F_RESUMED 0x80u
#define F_SM1_CLIENT 0x08u   /* in the kind byte */

/* what the harness remembers (its own copies) */
struct memo {
	int sm1;                         /* an SM1 was taken */
	unsigned offer;
	uint8_t client[ITLS_FSM_HDR_MAX + 2];
	size_t client_len;
	uint8_t server[ITLS_FSM_HDR_MAX + 2];
	size_t server_len;
	int sm6;                         /* an SM6 went out */
	int with_token;
	struct itls_token_keys keys;
	uint8_t cert[1024];   /* up to 255 * 4 + 3 bytes */
	size_t cert_len;
	uint8_t s_token[ITLS_TOKEN_LEN];
	int psk_hs;                      /* a PSK handshake since that SM6 */
};

static size_t
take(const uint8_t **p, size_t *n, size_t want, const uint8_t **out)
{
	size_t k = *n < want ? *n : want;

	*out = *p;
	*p += k;
	*n -= k;
	return k;
}

static size_t
hdr_len(uint8_t h, unsigned odd)
{
	/* up to 511, and 513/514: over the 512-byte limit (bad-event) */
	return h == 255 ? 513u + odd : (size_t)h * 2u + odd;
}

static enum itls_mech
pick(unsigned support, unsigned offer, int prefer_ipsec)
{
	unsigned c = support & offer & 3u;

	if (c == 3u) {
		return prefer_ipsec ? ITLS_MECH_IPSEC : ITLS_MECH_TLS;
	}
	return (c & 1u) ? ITLS_MECH_TLS : ((c & 2u) ? ITLS_MECH_IPSEC : ITLS_MECH_NONE);
}

static void
check_sm8(const struct itls_pc *pc, const struct itls_pc_event *ev,
	const struct itls_pc_action *a, const struct memo *m)
{
	enum itls_mech via = ev->via == ITLS_TR_TLS ? ITLS_MECH_TLS
		: (ev->via == ITLS_TR_IPSEC ? ITLS_MECH_IPSEC : ITLS_MECH_NONE);
	uint8_t t[ITLS_TOKEN_LEN];

	if (ev->kind != ITLS_PC_EV_SM7 || !m->sm1 || !m->sm6 || pc->sm6_sent != 1) {
		abort();   /* PC-15, PC-19 */
	}
	/* PC-10, PC-11: the headers of SM1, byte for byte */
	if (ev->sec_verify_len != m->server_len || ev->sec_client_len != m->client_len
		|| memcmp(ev->sec_verify, m->server, m->server_len) != 0
		|| memcmp(ev->sec_client, m->client, m->client_len) != 0) {
		abort();
	}
	/* PC-21: the agreed mechanism, the one SM7 came over */
	if (a->mech == ITLS_MECH_NONE || a->mech != via
		|| a->mech != pick(pc->cfg.support, m->offer, pc->cfg.prefer_ipsec)) {
		abort();
	}
	if (a->integrity == ITLS_IP_TLS_YES && via != ITLS_MECH_TLS) {
		abort();
	}
	if (via == ITLS_MECH_TLS && pc->cfg.mode == ITLS_TLS_CERT) {
		/* PC-13: the c_token of the s_token sent, under the run's IK */
		if (!m->with_token || !ev->has_ctoken
			|| itls_token_client(t, &m->keys, m->s_token) != ITLS_OK
			|| memcmp(t, ev->c_token, ITLS_TOKEN_LEN) != 0) {
			abort();
		}
		/* PC-22: that s_token is over the certificate of this connection */
		if (itls_token_server(t, &m->keys, ev->cert, ev->cert_len) != ITLS_OK
			|| memcmp(t, m->s_token, ITLS_TOKEN_LEN) != 0) {
			abort();
		}
	}
	if (via == ITLS_MECH_TLS && pc->cfg.mode == ITLS_TLS_PSK && !m->psk_hs) {
		abort();   /* PC-16: bound by a handshake with this run's PSK */
	}
}

/* remember what an accepted step established */
static void
remember(struct memo *m, const struct itls_pc *pc, const struct itls_pc_event *ev,
	const struct itls_pc_action *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (a[i].kind == ITLS_PC_A_SEND_SM2) {
			m->sm1 = 1;
			m->sm6 = 0;
			m->offer = ev->ue_offer & 3u;
			memcpy(m->client, ev->sec_client, ev->sec_client_len);
			m->client_len = ev->sec_client_len;
			memcpy(m->server, ev->sec_server, ev->sec_server_len);
			m->server_len = ev->sec_server_len;
		}
		if (a[i].kind == ITLS_PC_A_SEND_SM6) {
			m->sm6 = 1;
			m->psk_hs = 0;
			m->with_token = a[i].with_token;
			memcpy(m->keys.ik, ev->ik, 16);
			memcpy(m->keys.ck, ev->ck, 16);
			m->keys.profile = pc->cfg.kdf_tokens ? ITLS_TOKEN_KDF : ITLS_TOKEN_HMAC;
			memmove(m->cert, ev->cert, ev->cert_len);
			m->cert_len = ev->cert_len;
			if (m->with_token && itls_token_server(m->s_token, &m->keys,
				m->cert, m->cert_len) != ITLS_OK) {
				abort();   /* PC-06: s_token went out, it must be computable */
			}
			if (m->with_token && memcmp(m->s_token, pc->s_token, ITLS_TOKEN_LEN) != 0) {
				abort();   /* PC-06: the s_token sent is the MAC of the certificate */
			}
		}
		if (a[i].kind == ITLS_PC_A_ACCEPT_PSK && pc->psk_ok == 1) {
			m->psk_hs = 1;
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct memo m;
	struct itls_pc pc;
	struct itls_pc_config c;
	struct itls_pc_event ev;
	struct itls_pc_action a[ITLS_FSM_MAX_ACTIONS];
	size_t n, i;
	const uint8_t *p = data, *s;
	int steps = 0;

	if (size < 1) {
		return 0;
	}
	memset(&m, 0, sizeof m);
	memset(&c, 0, sizeof c);
	c.support = data[0] & 3u;
	c.mode = ((data[0] >> 2) & 1) ? ITLS_TLS_PSK : ITLS_TLS_CERT;
	c.kdf_tokens = (data[0] >> 3) & 1;
	c.prefer_ipsec = (data[0] >> 4) & 1;
	p++;
	size--;
	if (itls_pc_init(&pc, &c) != ITLS_OK) {
		return 0;
	}
	while (size >= 8 && steps++ < 32) {
		const uint8_t *h = p;
		unsigned fl = h[1];
		enum itls_err e;

		memset(&ev, 0, sizeof ev);
		ev.kind = (enum itls_pc_event_kind)((h[0] & 7u) % ITLS_PC_EV_COUNT);
		ev.via = (enum itls_transport)((fl & 3u) % 3u);
		ev.ue_offer = (fl >> 2) & 3u;
		ev.resumed = (fl & F_RESUMED) != 0;
		ev.has_keys = h[2] & 1;
		ev.has_ctoken = (h[2] >> 1) & 1;
		ev.psk = (h[2] >> 2) & 1;
		p += 8;
		size -= 8;
		if (take(&p, &size, 16, &s) == 16) {
			memcpy(ev.ik, s, 16);
		}
		if (take(&p, &size, 16, &s) == 16) {
			memcpy(ev.ck, s, 16);
		}
		if (take(&p, &size, 12, &s) == 12) {
			memcpy(ev.c_token, s, 12);
		}
		ev.cert_len = take(&p, &size, (size_t)h[3] * 4u + (h[2] >> 6), &ev.cert);
		ev.sec_client_len = take(&p, &size, hdr_len(h[4], (h[2] >> 3) & 1u), &ev.sec_client);
		ev.sec_server_len = take(&p, &size, hdr_len(h[5], (h[2] >> 4) & 1u), &ev.sec_server);
		ev.sec_verify_len = take(&p, &size, hdr_len(h[6], (h[2] >> 5) & 1u), &ev.sec_verify);
		ev.impi_len = take(&p, &size, h[7], &ev.impi);
		if ((fl & F_SM5_CERT) && m.sm6) {
			ev.cert = m.cert;
			ev.cert_len = m.cert_len;
		}
		if ((h[0] & F_SM1_CLIENT) && m.sm1 && ev.kind == ITLS_PC_EV_SM7) {
			ev.sec_client = m.client;
			ev.sec_client_len = m.client_len;
		}
		if ((fl & F_SM1_HEADERS) && m.sm1 && ev.kind == ITLS_PC_EV_SM7) {
			ev.sec_verify = m.server;
			ev.sec_verify_len = m.server_len;
		}
		if ((fl & F_RIGHT_CTOKEN) && m.sm6 && m.with_token) {
			/* the UE's c_token, computed here for the run's IK (TK-02) */
			if (itls_token_client(ev.c_token, &m.keys, m.s_token) != ITLS_OK) {
				abort();
			}
			ev.has_ctoken = 1;
		}
		e = itls_pc_step(&pc, &ev, a, &n);
		if (e != ITLS_OK) {
			if (e != ITLS_ERR_BAD_EVENT || n != 0) {
				abort();   /* PC-19 */
			}
			continue;
		}
		if (pc.last_row >= itls_pc_table_len) {
			abort();   /* PC-20: the safety check never fires */
		}
#ifdef FUZZ_ROW_TRACE
		fprintf(stderr, "row %zu\n", pc.last_row);   /* which rows a corpus reaches */
#endif
		for (i = 0; i < n; i++) {
			if (a[i].kind == ITLS_PC_A_SEND_SM8) {
				check_sm8(&pc, &ev, &a[i], &m);
			}
			if (a[i].kind == ITLS_PC_A_SEND_SM6 && a[i].with_token
				&& !(m.offer & ITLS_OFFER_TLS)) {
				abort();   /* PC-07 */
			}
		}
		/* PC-17: a new full I-TLS handshake is never tls-yes */
		if (ev.kind == ITLS_PC_EV_TLS_UP && !ev.resumed
			&& pc.cfg.mode == ITLS_TLS_CERT && pc.integrity == ITLS_IP_TLS_YES) {
			abort();
		}
		remember(&m, &pc, &ev, a, n);
	}
	return 0;
}
