/*
 * fuzz_realm.c -- libFuzzer target of itls_realm_domain (NM-14, NM-13).
 * fuzz-config: max_len=65535 seeds=naming-names
 *
 * Properties, against the plain reading of tests/fuzz/naming_ref.h:
 *   - *doff is always set: just after the last '@', or 0 without one;
 *   - ITLS_OK exactly when r[*doff ..] is a domain by NM-13, else bad-realm;
 *   - "user@" in front of a realm without '@' gives the same domain
 *     (doff 5) and the same verdict (round trip).
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
	size_t doff = (size_t)-1, want = 0, i, d2 = (size_t)-1;
	enum itls_err r, r2;
	int at = 0;

	if (size > 65535) {
		return 0;
	}
	for (i = 0; i < size; i++) {
		if (data[i] == '@') {
			want = i + 1;
			at = 1;
		}
	}
	r = itls_realm_domain(data, size, &doff);
	if (doff != want) {
		abort();
	}
	if (r != (ref_domain_ok(data + doff, size - doff) ? ITLS_OK : ITLS_ERR_BAD_REALM)) {
		abort();
	}
	if (!at) {
		memcpy(buf, "user@", 5);
		memcpy(buf + 5, data, size);
		r2 = itls_realm_domain(buf, size + 5, &d2);
		if (d2 != 5 || r2 != r) {
			abort();
		}
	}
	return 0;
}
