/*
 * fuzz_imsi.c -- libFuzzer target of itls_imsi_home_domain, itls_imsi_impi
 * and itls_imsi_impu (NM-21, TS 23.003 §13.2, §13.3, §13.4B).
 * fuzz-config: max_len=64 seeds=imsi
 *
 * Input: one byte choosing the MNC length (byte % 4: 0..3, so 2 and 3 and
 * two wrong ones) and one choosing the capacity, then the IMSI. Properties,
 * against this file's own construction of the names:
 *   - valid exactly when the IMSI is 6..15 ASCII digits and the MNC length
 *     2 or 3 (bad-imsi, else bad-mnc-length);
 *   - the home domain is "ims.mnc" MNC (3 digits, a 2-digit MNC with a
 *     leading 0) ".mcc" MCC ".3gppnetwork.org", the IMPI "<IMSI>@<domain>",
 *     the IMPU "sip:<IMPI>";
 *   - a capacity one byte short is buffer-too-small; on any error neither
 *     out nor *olen is written.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itls/naming.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef enum itls_err (*imsi_fn)(const uint8_t *, size_t, unsigned, char *, size_t, size_t *);

static void
one(imsi_fn f, const uint8_t *imsi, size_t il, unsigned mnc, size_t cap,
	enum itls_err want, const char *name, size_t nl)
{
	char out[128];
	size_t olen = 999, i;
	enum itls_err r;

	memset(out, 0x7e, sizeof out);
	r = f(imsi, il, mnc, out, cap, &olen);
	if (want == ITLS_OK && cap < nl) {
		want = ITLS_ERR_BUFFER_TOO_SMALL;
	}
	if (r != want) {
		abort();
	}
	if (r == ITLS_OK) {
		if (olen != nl || memcmp(out, name, nl) != 0 || out[nl] != 0x7e) {
			abort();
		}
		return;
	}
	if (olen != 999) {
		abort();
	}
	for (i = 0; i < sizeof out; i++) {
		if (out[i] != 0x7e) {
			abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *imsi;
	size_t il, i, dl, cap;
	unsigned mnc;
	int digits = 1;
	enum itls_err want;
	char dom[64], impi[96], impu[100];

	if (size < 2 || size > 64) {
		return 0;
	}
	mnc = data[0] % 4u;
	imsi = data + 2;
	il = size - 2;
	for (i = 0; i < il; i++) {
		if (imsi[i] < '0' || imsi[i] > '9') {
			digits = 0;
		}
	}
	if (!digits || il < 6 || il > 15) {
		want = ITLS_ERR_BAD_IMSI;
	} else if (mnc != 2 && mnc != 3) {
		want = ITLS_ERR_BAD_MNC_LENGTH;
	} else {
		want = ITLS_OK;
	}
	dl = 0;
	if (want == ITLS_OK) {
		memcpy(dom, "ims.mnc", 7);
		dom[7] = mnc == 2 ? '0' : (char)imsi[3];
		dom[8] = (char)imsi[mnc == 2 ? 3 : 4];
		dom[9] = (char)imsi[mnc == 2 ? 4 : 5];
		memcpy(dom + 10, ".mcc", 4);
		memcpy(dom + 14, imsi, 3);
		memcpy(dom + 17, ".3gppnetwork.org", 16);
		dl = 33;
		memcpy(impi, imsi, il);
		impi[il] = '@';
		memcpy(impi + il + 1, dom, dl);
		memcpy(impu, "sip:", 4);
		memcpy(impu + 4, impi, il + 1 + dl);
	}
	/* capacity: ample, or exactly the name's length minus the choice */
	cap = data[1] & 0x80 ? 128 : (size_t)(data[1] & 0x7f);
	if (cap > 128) {
		cap = 128;
	}
	one(itls_imsi_home_domain, imsi, il, mnc, cap, want, dom, dl);
	one(itls_imsi_impi, imsi, il, mnc, cap, want, impi, il + 1 + dl);
	one(itls_imsi_impu, imsi, il, mnc, cap, want, impu, il + 5 + dl);
	if (want == ITLS_OK) {
		one(itls_imsi_home_domain, imsi, il, mnc, dl - 1, ITLS_ERR_BUFFER_TOO_SMALL, dom, dl);
		one(itls_imsi_impi, imsi, il, mnc, il + dl, ITLS_ERR_BUFFER_TOO_SMALL, impi, il + 1 + dl);
		one(itls_imsi_impu, imsi, il, mnc, il + 4 + dl, ITLS_ERR_BUFFER_TOO_SMALL, impu, il + 5 + dl);
	}
	return 0;
}
