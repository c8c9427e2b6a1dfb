/*
 * fuzz_ue.c -- libFuzzer target for the UE state machine (spec/ue.md).
 *
 * The input is read as a configuration byte, then events: each event takes
 * a kind byte, flag bytes, and slices of the input as IK, s_token, the
 * certificate, the Security-Server value and the realm. After every step
 * the proved properties are checked again at run time (UE-20, UE-21) and
 * the safety check must never have fired (UE-22).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itls/ue.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t
take(const uint8_t **p, size_t *n, size_t want, const uint8_t **out)
{
	size_t k = *n < want ? *n : want;

	*out = *p;
	*p += k;
	*n -= k;
	return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct itls_ue u;
	struct itls_ue_config c;
	struct itls_ue_event ev;
	struct itls_ue_action a[ITLS_FSM_MAX_ACTIONS];
	size_t n, i, k;
	const uint8_t *p = data, *s;
	int steps = 0;

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
	while (size >= 4 && steps++ < 32) {
		memset(&ev, 0, sizeof ev);
		ev.kind = (enum itls_ue_event_kind)(p[0] % ITLS_UE_EV_COUNT);
		ev.chosen = (enum itls_mech)(p[1] % 3);
		ev.aka_ok = p[2] & 1;
		ev.has_stoken = (p[2] >> 1) & 1;
		ev.resumed = (p[2] >> 2) & 1;
		ev.psk = (p[2] >> 3) & 1;
		k = p[3];
		p += 4;
		size -= 4;
		if (take(&p, &size, 16, &s) == 16) {
			memcpy(ev.ik, s, 16);
		}
		if (take(&p, &size, 12, &s) == 12) {
			memcpy(ev.s_token, s, 12);
		}
		ev.cert_len = take(&p, &size, k * 4, &ev.cert);
		ev.sec_server_len = take(&p, &size, k % 64, &ev.sec_server);
		ev.realm_len = take(&p, &size, k % 24, &ev.realm);
		if (itls_ue_step(&u, &ev, a, &n) != ITLS_OK) {
			continue;
		}
		if (u.last_row >= itls_ue_table_len) {
			abort();   /* UE-22: no row may trip the safety check */
		}
		for (i = 0; i < n; i++) {
			if (a[i].kind == ITLS_UE_A_SEND_SM7 && u.sm6_seen != 1) {
				abort();   /* UE-21 */
			}
		}
		if (u.state == ITLS_UE_REGISTERED_TLS && u.cfg.mode == ITLS_TLS_CERT
			&& !(u.stok_ok == 1 && u.stok_run == u.aka_run)) {
			abort();   /* UE-20 */
		}
	}
	return 0;
}
