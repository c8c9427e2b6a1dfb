/*
 * fuzz_trust.c -- libFuzzer target of itls_trust_check (NM-22, with NM-11,
 * NM-13, NM-14) and itls_name_domain.
 * fuzz-config: max_len=65535 seeds=naming-trust
 *
 * Input: a name (IMPI, IMPU or domain) and a trust domain, split at the
 * first LF. Properties, against the plain reading of naming_ref.h:
 *   - bad-domain exactly when t fails NM-13;
 *   - otherwise ITLS_OK exactly when the name's domain (itls_name_domain,
 *     whose own result is checked: inside the name, NM-13) is within t by
 *     NM-11, bad-name when there is no domain, outside-trust-domain else;
 *   - a trust domain is within itself: "user@" t checked against t is OK.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itls/naming.h"
#include "naming_ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t buf[65536 + 8];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t cut, tl, doff = 0, dlen = 0;
	const uint8_t *t;
	enum itls_err r, rd, want;

	if (size > 65535) {
		return 0;
	}
	for (cut = 0; cut < size && data[cut] != '\n'; cut++) {
	}
	t = cut < size ? data + cut + 1 : data + size;
	tl = cut < size ? size - cut - 1 : 0;
	r = itls_trust_check(data, cut, t, tl);
	rd = itls_name_domain(data, cut, &doff, &dlen);
	if (rd == ITLS_OK && (doff + dlen > cut || !ref_domain_ok(data + doff, dlen))) {
		abort();
	}
	if (!ref_domain_ok(t, tl)) {
		want = ITLS_ERR_BAD_DOMAIN;
	} else if (rd != ITLS_OK) {
		want = ITLS_ERR_BAD_NAME;
	} else {
		want = ref_within(data + doff, dlen, t, tl) ? ITLS_OK : ITLS_ERR_OUTSIDE_TRUST_DOMAIN;
	}
	if (r != want) {
		abort();
	}
	if (ref_domain_ok(t, tl)) {
		memcpy(buf, "user@", 5);
		memcpy(buf + 5, t, tl);
		if (itls_trust_check(buf, tl + 5, t, tl) != ITLS_OK) {
			abort();
		}
	}
	return 0;
}
