/*
 * fuzz_pcscf.c -- libFuzzer target for the P-CSCF state machine
 * (spec/pcscf.md). Events are read from the input as in fuzz_ue.c; after
 * every step PC-15 is checked again at run time and the safety check must
 * never have fired (PC-20).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itls/pcscf.h"

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
	struct itls_pc pc;
	struct itls_pc_config c;
	struct itls_pc_event ev;
	struct itls_pc_action a[ITLS_FSM_MAX_ACTIONS];
	size_t n, i, k;
	const uint8_t *p = data, *s;
	int steps = 0;

	if (size < 1) {
		return 0;
	}
	memset(&c, 0, sizeof c);
	c.support = data[0] & 3u;
	c.mode = ((data[0] >> 2) & 1) ? ITLS_TLS_PSK : ITLS_TLS_CERT;
	c.kdf_tokens = (data[0] >> 3) & 1;
	p++;
	size--;
	if (itls_pc_init(&pc, &c) != ITLS_OK) {
		return 0;
	}
	while (size >= 4 && steps++ < 32) {
		memset(&ev, 0, sizeof ev);
		ev.kind = (enum itls_pc_event_kind)(p[0] % ITLS_PC_EV_COUNT);
		ev.via = (enum itls_transport)(p[1] % 3);
		ev.ue_offer = (p[1] >> 2) & 3u;
		ev.has_keys = p[2] & 1;
		ev.has_ctoken = (p[2] >> 1) & 1;
		ev.resumed = (p[2] >> 2) & 1;
		ev.psk = (p[2] >> 3) & 1;
		k = p[3];
		p += 4;
		size -= 4;
		if (take(&p, &size, 16, &s) == 16) {
			memcpy(ev.ik, s, 16);
		}
		if (take(&p, &size, 12, &s) == 12) {
			memcpy(ev.c_token, s, 12);
		}
		ev.cert_len = take(&p, &size, k * 4, &ev.cert);
		ev.sec_client_len = take(&p, &size, k % 32, &ev.sec_client);
		ev.sec_server_len = take(&p, &size, k % 16, &ev.sec_server);
		ev.sec_verify_len = take(&p, &size, k % 16, &ev.sec_verify);
		ev.impi_len = take(&p, &size, k % 8, &ev.impi);
		if (itls_pc_step(&pc, &ev, a, &n) != ITLS_OK) {
			continue;
		}
		if (pc.last_row >= itls_pc_table_len) {
			abort();   /* PC-20 */
		}
		for (i = 0; i < n; i++) {
			if (a[i].kind == ITLS_PC_A_SEND_SM8) {
				if (pc.sm6_sent != 1) {
					abort();   /* PC-15 */
				}
				if (pc.stok_sent && (pc.sm1_via == ITLS_TR_TLS
					|| pc.sm7_via == ITLS_TR_TLS) && pc.ctok_ok != 1) {
					abort();   /* PC-15 */
				}
			}
			if (a[i].kind == ITLS_PC_A_SEND_SM6 && a[i].with_token
				&& !(pc.ue_offer & ITLS_OFFER_TLS)) {
				abort();   /* PC-07 */
			}
		}
	}
	return 0;
}
