/*
 * fuzz_ue.c -- libFuzzer target for the UE state machine (spec/ue.md).
 * fuzz-config: max_len=65536 seeds=ue
 *
 * Input: one configuration byte, then events. Each event is a kind byte,
 * a flag byte, a selector byte, IK (16), CK (16), s_token (12), then a
 * two-byte length and that many bytes of certificate, a one-byte length
 * and that many bytes of Security-Server (or a canned value), and a
 * realm. Flag bits make the success paths reachable:
 *   0 aka_ok, 1 has_stoken, 2 resumed, 3 psk,
 *   4 derive: replace s_token by the right one for this IK/CK and
 *     certificate (the fuzzer cannot guess a MAC),
 *   5 again: use the certificate given last (in any event),
 *   6 right psk: a PSK-TLS handshake keyed with the UE's own PSK.
 * After every step the harness checks, independently of the machine's
 * records: the safety check never fired (UE-22); no SM7 before SM6
 * (UE-21); registered-tls in I-TLS mode means the stored s_token is
 * HMAC-SHA1-96(IK, the certificate of the connection), recomputed here
 * with BearSSL over the certificate bytes the harness itself gave at the
 * last full handshake (UE-20, UE-25, UE-26); in PSK-TLS mode the stored
 * PSK is the run's KDF(CK || IK, "itls psk", IMPI), recomputed (UE-27);
 * the mechanism chosen at SM6 is the highest q of Security-Server among
 * what the UE offers, recomputed here over the parsed list (UE-06); and
 * Security-Verify is the Security-Server received (UE-12).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <bearssl.h>
#ifdef FUZZ_UE_TRACE
#include <stdio.h>
#endif

#include "itls/secagree.h"
#include "itls/token.h"
#include "itls/ue.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const canned[] = {
	"tls;q=0.2, ipsec-3gpp;q=0.1;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=3;port-s=4",
	"tls;q=0.1, ipsec-3gpp;q=0.5;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=3;port-s=4",
	"tls;q=0.9",
	"ipsec-3gpp;q=0.9;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=3;port-s=4",
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

static void
hmac(const br_hash_class *h, uint8_t *out, const uint8_t *key, size_t klen,
	const uint8_t *m, size_t mlen)
{
	br_hmac_key_context kc;
	br_hmac_context hc;

	br_hmac_key_init(&kc, h, key, klen);
	br_hmac_init(&hc, &kc, 0);
	br_hmac_update(&hc, m, mlen);
	br_hmac_out(&hc, out);
}

/* UE-06 recomputed: the highest q among tls / ipsec-3gpp as offered */
static enum itls_mech
choice(const char *srv, size_t len, unsigned offer)
{
	static struct itls_secagree_list l;
	enum itls_mech best = ITLS_MECH_NONE;
	int bq = 0;
	size_t i;

	if (itls_secagree_parse_value(&l, ITLS_SECAGREE_SERVER, srv, len) != ITLS_OK) {
		return ITLS_MECH_NONE;
	}
	for (i = 0; i < l.count; i++) {
		const char *nm = srv + l.mechs[i].name.off;
		size_t nl = l.mechs[i].name.len;
		enum itls_mech m = ITLS_MECH_NONE;
		if (nl == 3 && strncasecmp(nm, "tls", 3) == 0 && (offer & ITLS_OFFER_TLS)) {
			m = ITLS_MECH_TLS;
		} else if (nl == 10 && strncasecmp(nm, "ipsec-3gpp", 10) == 0
			&& (offer & ITLS_OFFER_IPSEC)) {
			m = ITLS_MECH_IPSEC;
		}
		if (m != ITLS_MECH_NONE && (best == ITLS_MECH_NONE || l.mechs[i].q > bq)) {
			best = m;
			bq = l.mechs[i].q;
		}
	}
	return best;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct itls_ue u;
	static uint8_t conn[65536], last[65536];
	struct itls_ue_config c;
	struct itls_ue_event ev;
	struct itls_ue_action a[ITLS_FSM_MAX_ACTIONS];
	size_t n, i, k, conn_len = 0, last_len = 0;
	const uint8_t *p = data, *s;
	int steps = 0, have_conn = 0;
	const uint8_t *dc;
	size_t dl;

	if (size < 1) {
		return 0;
	}
	memset(&c, 0, sizeof c);
	c.offer = (data[0] & 3u);
	c.tls_first = (data[0] >> 2) & 1;
	c.mode = ((data[0] >> 3) & 1) ? ITLS_TLS_PSK : ITLS_TLS_CERT;
	c.kdf_tokens = (data[0] >> 4) & 1;
	c.check_names = (data[0] >> 5) & 1;
	memcpy(c.domain, "ims.com", 7);
	c.domain_len = 7;
	memcpy(c.impi, "u@ims.com", 9);
	c.impi_len = 9;
	p++;
	size--;
	if (itls_ue_init(&u, &c) != ITLS_OK) {
		return 0;
	}
	while (size >= 3 && steps++ < 32) {
		uint8_t fl, sel;
		size_t before_len = u.sec_server_len;
		int before_state = u.state;

		memset(&ev, 0, sizeof ev);
		ev.kind = (enum itls_ue_event_kind)(p[0] % ITLS_UE_EV_COUNT);
		fl = p[1];
		sel = p[2];
		p += 3;
		size -= 3;
		ev.aka_ok = fl & 1;
		ev.has_stoken = (fl >> 1) & 1;
		ev.resumed = (fl >> 2) & 1;
		ev.psk = (fl >> 3) & 1;
		if (take(&p, &size, 16, &s) == 16) {
			memcpy(ev.ik, s, 16);
		}
		if (take(&p, &size, 16, &s) == 16) {
			memcpy(ev.ck, s, 16);
		}
		if (take(&p, &size, 12, &s) == 12) {
			memcpy(ev.s_token, s, 12);
		}
		k = 0;
		if (take(&p, &size, 2, &s) == 2) {
			k = (size_t)s[0] << 8 | s[1];
		}
		ev.cert_len = take(&p, &size, k, &ev.cert);
		if (((fl >> 5) & 1) && last_len > 0) {
			ev.cert = last;
			ev.cert_len = last_len;
		}
		if (sel & 0x80) {
			const char *v = canned[sel % 4];
			ev.sec_server = v;
			ev.sec_server_len = strlen(v);
		} else {
			ev.sec_server_len = take(&p, &size, sel, &s);
			ev.sec_server = (const char *)s;
		}
		if (size > 0) {
			k = p[0] % 32;
			p++;
			size--;
			ev.realm_len = take(&p, &size, k, &ev.realm);
		}
		if ((fl >> 4) & 1) {
			/* the right s_token for this IK, CK and certificate */
			struct itls_token_keys tk;
			tk.profile = u.keys.profile;
			memcpy(tk.ik, ev.kind == ITLS_UE_EV_SM6 ? ev.ik : u.keys.ik, 16);
			memcpy(tk.ck, ev.kind == ITLS_UE_EV_SM6 ? ev.ck : u.keys.ck, 16);
			/* over the certificate of this SM6, or (figure 4) over the
			 * one given last, which a later handshake may show again */
			dc = ev.cert_len > 0 ? ev.cert : last;
			dl = ev.cert_len > 0 ? ev.cert_len : last_len;
			if (ev.kind == ITLS_UE_EV_SM6) {
				(void)itls_token_server(ev.s_token, &tk, dc, dl);
			}
		}
		if ((fl >> 6) & 1) {
			memcpy(ev.psk_key, u.psk, 32);
		}
		if (ev.cert_len > 0 && ev.cert != last) {
			memcpy(last, ev.cert, ev.cert_len);
			last_len = ev.cert_len;
		}
		if (itls_ue_step(&u, &ev, a, &n) != ITLS_OK) {
			continue;
		}
		if (u.last_row >= itls_ue_table_len) {
			abort();   /* UE-22: no row may trip the safety check */
		}
#ifdef FUZZ_UE_TRACE
		fprintf(stderr, "row %zu -> %s %s\n", u.last_row, itls_ue_state_name(u.state),
			u.state == ITLS_UE_FAILED ? itls_err_name(u.reason) : "");
#endif
		if (ev.kind == ITLS_UE_EV_TLS_UP && !ev.resumed && ev.cert_len > 0
			&& ev.cert_len <= sizeof conn) {
			/* the certificate of the connection now up, as the harness gave it */
			memcpy(conn, ev.cert, ev.cert_len);
			conn_len = ev.cert_len;
			have_conn = 1;
		}
		for (i = 0; i < n; i++) {
			if (a[i].kind == ITLS_UE_A_SEND_SM7 && u.sm6_seen != 1) {
				abort();   /* UE-21 */
			}
			if (a[i].kind == ITLS_UE_A_SEND_SM7 && ev.kind == ITLS_UE_EV_SM6
				&& (u.sec_server_len != ev.sec_server_len
				|| memcmp(u.sec_server, ev.sec_server, ev.sec_server_len) != 0)) {
				abort();   /* UE-12 */
			}
		}
		if (ev.kind == ITLS_UE_EV_SM6 && before_state == ITLS_UE_SM1_SENT
			&& u.state != ITLS_UE_FAILED
			&& u.chosen != choice(ev.sec_server, ev.sec_server_len, u.cfg.offer)) {
			abort();   /* UE-06 */
		}
		(void)before_len;
		if (u.state == ITLS_UE_REGISTERED_TLS && u.cfg.mode == ITLS_TLS_CERT) {
			uint8_t h[32], mac[32];
			br_sha256_context sc;
			if (!(u.stok_ok == 1 && u.stok_run == u.aka_run) || !have_conn) {
				abort();   /* UE-20 */
			}
			br_sha256_init(&sc);
			br_sha256_update(&sc, conn, conn_len);
			br_sha256_out(&sc, h);
			if (u.conn_has_cert != 1 || memcmp(h, u.conn_cert, 32) != 0) {
				abort();   /* UE-25, UE-26: the certificate of the connection */
			}
			if (u.keys.profile == ITLS_TOKEN_HMAC) {
				hmac(&br_sha1_vtable, mac, u.keys.ik, 16, conn, conn_len);
				if (memcmp(mac, u.s_token, 12) != 0) {
					abort();   /* UE-20: s_token = HMAC-SHA1-96(IK, cert) */
				}
			} else if (itls_token_verify_server(&u.keys, conn, conn_len,
				u.s_token) != ITLS_OK) {
				abort();
			}
		}
		if (u.state == ITLS_UE_REGISTERED_TLS && u.cfg.mode == ITLS_TLS_PSK) {
			/* UE-27: PSK = HMAC-SHA-256(CK || IK, 01 || "itls psk" || 0008 || IMPI || 0009) */
			uint8_t key[32], msg[1 + 8 + 2 + 9 + 2], out[32];
			memcpy(key, u.keys.ck, 16);
			memcpy(key + 16, u.keys.ik, 16);
			msg[0] = 0x01;
			memcpy(msg + 1, "itls psk", 8);
			msg[9] = 0;
			msg[10] = 8;
			memcpy(msg + 11, "u@ims.com", 9);
			msg[20] = 0;
			msg[21] = 9;
			hmac(&br_sha256_vtable, out, key, 32, msg, sizeof msg);
			if (!(u.psk_ok == 1 && u.psk_run == u.aka_run)
				|| memcmp(out, u.psk, 32) != 0) {
				abort();
			}
		}
	}
	return 0;
}
