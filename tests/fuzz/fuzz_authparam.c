/*
 * fuzz_authparam.c -- libFuzzer target of the Digest parameters module
 * (spec/authparam.md). Properties checked on every input:
 *   - parse never reads or writes out of bounds (ASan/UBSan);
 *   - AP-23: a value that parses has a canonical line that parses again
 *     to the same canonical line (parse -> serialize -> parse -> serialize);
 *   - AP-26, AP-28: SM6 and SM8 built from a parsed value parse again;
 *   - AP-12: every content copy fits in the content's length;
 *   - AP-24: base64 decoding of the input never writes past 3/4 of it.
 * fuzz-config: max_len=65535 seeds=vectors:authparam
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itls/authparam.h"

#define CANON_CAP (2 * ITLS_AUTHPARAM_MAX_LEN + 256)

static struct itls_authparam ap1, ap2;
static char canon1[CANON_CAP], canon2[CANON_CAP], built[CANON_CAP];
static uint8_t bytes[ITLS_AUTHPARAM_MAX_LEN];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
reparse(const char *s, size_t n)
{
	if (itls_authparam_parse(s, n, &ap2) != ITLS_OK) {
		abort();
	}
}

static void
reparse_built(const char *s, size_t n, size_t n_in)
{
	enum itls_err e = itls_authparam_parse(s, n, &ap2);

	if (e != ITLS_OK && !(e == ITLS_ERR_TOO_MANY_PARAMETERS
		&& n_in >= ITLS_AUTHPARAM_MAX_PARAMS)) {
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t n1, n2, i, cn, bn;
	struct itls_authparam_nonce nv;
	static const uint8_t tok[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };

	if (size > ITLS_AUTHPARAM_MAX_LEN) {
		return 0;
	}
	/* AP-24, AP-25 on the raw input */
	if (itls_authparam_b64_decode(s, size, bytes, sizeof bytes, &bn) == ITLS_OK
		&& bn > size / 4 * 3) {
		abort();
	}
	(void)itls_authparam_aka_nonce(s, size, bytes, sizeof bytes, &nv);

	if (itls_authparam_parse(s, size, &ap1) != ITLS_OK) {
		return 0;
	}
	if (itls_authparam_serialize(s, size, &ap1, canon1, sizeof canon1, &n1)
		!= ITLS_OK) {
		abort();
	}
	/* AP-23: the canonical line is a fixed point */
	reparse(canon1, n1);
	if (ap2.n != ap1.n
		|| itls_authparam_serialize(canon1, n1, &ap2, canon2, sizeof canon2, &n2)
			!= ITLS_OK
		|| n2 != n1 || memcmp(canon1, canon2, n1) != 0) {
		abort();
	}
	/* AP-12 */
	for (i = 0; i < ap1.n; i++) {
		if (itls_authparam_content(s, size, &ap1, i, built, sizeof built, &cn)
			!= ITLS_OK || cn > ap1.p[i].content.len) {
			abort();
		}
	}
	/* AP-26, AP-28: what the P-CSCF builds parses again -- except that a
	 * value already at the parser's capacity (ITLS_AUTHPARAM_MAX_PARAMS)
	 * grows by one parameter and is then refused as too-many-parameters */
	if (itls_authparam_sm6(s, size, &ap1, tok, built, sizeof built, &cn) == ITLS_OK) {
		reparse_built(built, cn, ap1.n);
	}
	if (itls_authparam_sm8(s, size, &ap1, ITLS_AP_IP_TLS_YES, built, sizeof built,
		&cn) == ITLS_OK) {
		reparse_built(built, cn, ap1.n);
	}
	return 0;
}
