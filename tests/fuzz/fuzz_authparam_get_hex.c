/*
 * fuzz_authparam_get_hex.c -- libFuzzer target of itls_authparam_get_hex and
 * itls_authparam_hex_decode (AP-29, AP-18, AP-19, AP-12; TK-16: the
 * constant-time hex decode of CK and IK).
 * fuzz-config: max_len=65535 seeds=vectors:authparam
 *
 * Input: a Digest parameter list (SM4/SM5/SM6/SM7). Each of ck, ik (16
 * bytes), s_token, c_token (12 bytes) is read with itls_authparam_get_hex
 * and compared with this file's own reading of the same parameter: its
 * unescaped content (itls_authparam_content) decoded by a plain hex
 * decoder. Properties:
 *   - absent -> missing-parameter; otherwise ITLS_OK exactly when the
 *     content is 2n hex digits (either case), with the same n bytes;
 *   - errors are bad-hex for ck/ik and bad-token for the tokens, and leave
 *     the output untouched;
 *   - itls_authparam_hex_decode on the raw input agrees with the plain
 *     decoder, and writes nothing on error.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itls/authparam.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct itls_authparam ap;
static char content[ITLS_AUTHPARAM_MAX_LEN];

static int
hexv(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* 1 and want[] when h[0..hl) is exactly 2n hex digits */
static int
plain_decode(const char *h, size_t hl, uint8_t *want, size_t n)
{
	size_t i;

	if (hl != 2 * n) {
		return 0;
	}
	for (i = 0; i < n; i++) {
		int a = hexv(h[2 * i]), b = hexv(h[2 * i + 1]);
		if (a < 0 || b < 0) {
			return 0;
		}
		want[i] = (uint8_t)(16 * a + b);
	}
	return 1;
}

static void
check_id(const char *s, size_t size, unsigned id, size_t n, enum itls_err bad)
{
	uint8_t out[16], want[16];
	size_t at = ap.at[id], cl = 0;
	enum itls_err r;
	int ok;

	memset(out, 0x5a, sizeof out);
	r = itls_authparam_get_hex(s, size, &ap, id, out, n);
	if (at >= ap.n) {
		if (r != ITLS_ERR_MISSING_PARAMETER) {
			abort();
		}
	} else {
		if (itls_authparam_content(s, size, &ap, at, content, sizeof content, &cl) != ITLS_OK) {
			abort();
		}
		ok = plain_decode(content, cl, want, n);
		if (ok ? (r != ITLS_OK || memcmp(out, want, n) != 0) : r != bad) {
			abort();
		}
	}
	if (r != ITLS_OK) {
		size_t i;
		for (i = 0; i < sizeof out; i++) {
			if (out[i] != 0x5a) {
				abort();        /* nothing written on error */
			}
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	uint8_t out[64], want[64];
	size_t n, i;
	enum itls_err r;

	if (size > ITLS_AUTHPARAM_MAX_LEN) {
		return 0;
	}
	/* the raw decoder, n from the input's length (and one wrong n) */
	n = size / 2 <= sizeof out ? size / 2 : sizeof out;
	memset(out, 0x5a, sizeof out);
	r = itls_authparam_hex_decode(s, size, out, n);
	if (plain_decode(s, size, want, n) ? (r != ITLS_OK || memcmp(out, want, n) != 0)
		: r != ITLS_ERR_BAD_HEX) {
		abort();
	}
	if (r != ITLS_OK) {
		for (i = 0; i < sizeof out; i++) {
			if (out[i] != 0x5a) {
				abort();
			}
		}
	}
	if (size > 0 && size % 2 == 0 && size / 2 + 1 <= sizeof out
		&& itls_authparam_hex_decode(s, size, out, size / 2 + 1) != ITLS_ERR_BAD_HEX) {
		abort();
	}
	if (itls_authparam_parse(s, size, &ap) != ITLS_OK) {
		return 0;
	}
	check_id(s, size, ITLS_AP_CK, 16, ITLS_ERR_BAD_HEX);
	check_id(s, size, ITLS_AP_IK, 16, ITLS_ERR_BAD_HEX);
	check_id(s, size, ITLS_AP_S_TOKEN, 12, ITLS_ERR_BAD_TOKEN);
	check_id(s, size, ITLS_AP_C_TOKEN, 12, ITLS_ERR_BAD_TOKEN);
	return 0;
}
