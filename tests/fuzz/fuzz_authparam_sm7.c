/*
 * fuzz_authparam_sm7.c -- libFuzzer target of itls_authparam_sm7, the UE's
 * SM7 credentials builder (AP-27, AP-30), checked through the parser.
 * fuzz-config: max_len=65535 seeds=sm7
 *
 * Input: 20 bytes of choices (algorithm, qop, integrity, c_token or not,
 * capacity, nc, c_token), then the texts username, realm, nonce, uri,
 * response, cnonce separated by LF. Properties:
 *   - error <=> a text holds a control byte but HTAB (bad-quoted-string),
 *     or the capacity is short (buffer-too-small); on error nothing is
 *     written (out and *out_len keep their bytes);
 *   - on success the line parses (AP-22) as credentials, and every text
 *     read back (AP-12, unescaped) equals the input text, algorithm and qop
 *     are present exactly when chosen, nc is the 8 hex digits of nc, and
 *     c_token reads back (AP-29) as the 12 bytes given (round trip);
 *   - one byte less of capacity than the line's length is buffer-too-small.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itls/authparam.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CAP (8 * ITLS_AUTHPARAM_MAX_LEN)
static char out[CAP];
static char back[CAP];
static struct itls_authparam ap;

static int
has_ctl(const struct itls_authparam_text *t)
{
	size_t i;

	for (i = 0; i < t->len; i++) {
		unsigned char b = (unsigned char)t->p[i];
		if ((b < 0x20 && b != '\t') || b == 0x7f) {
			return 1;
		}
	}
	return 0;
}

static void
untouched(size_t n, size_t olen)
{
	size_t i;

	if (olen != 777) {
		abort();
	}
	for (i = 0; i < n; i++) {
		if (out[i] != (char)0xa5) {
			abort();
		}
	}
}

/* the content of parameter id reads back as text t */
static void
same_text(const char *s, size_t n, unsigned id, const struct itls_authparam_text *t)
{
	size_t at = ap.at[id], bl = 0;

	if (at >= ap.n || itls_authparam_content(s, n, &ap, at, back, sizeof back, &bl) != ITLS_OK
		|| bl != t->len || (bl > 0 && memcmp(back, t->p, bl) != 0)) {
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct itls_authparam_creds c;
	struct itls_authparam_text *txt[6];
	const char *p;
	size_t i, k, rest, cap, full, olen = 777, olen2;
	int ctl = 0;
	enum itls_err r;
	uint8_t tok[12];
	char ncs[9];

	if (size < 20 || size > ITLS_AUTHPARAM_MAX_LEN) {
		return 0;
	}
	memset(&c, 0, sizeof c);
	c.algorithm = data[0] % 4u;
	c.qop = data[1] % 3u;
	c.integrity = data[2] % 8u;
	c.has_c_token = data[3] & 1;
	/* enough room: each text at most doubles when escaped, plus the names */
	full = 2 * size + 512;
	cap = (data[3] & 2) ? (size_t)data[4] * 8u : full;
	c.nc = (uint32_t)data[5] << 24 | (uint32_t)data[6] << 16 | (uint32_t)data[7] << 8 | data[8];
	memcpy(c.c_token, data + 8, 12);
	txt[0] = &c.username; txt[1] = &c.realm; txt[2] = &c.nonce;
	txt[3] = &c.uri; txt[4] = &c.response; txt[5] = &c.cnonce;
	p = (const char *)data + 20;
	rest = size - 20;
	for (k = 0; k < 6; k++) {
		for (i = 0; i < rest && p[i] != '\n'; i++) {
		}
		txt[k]->p = p;
		txt[k]->len = i;
		if (k < 5 || c.qop != ITLS_AP_QOP_NONE) {
			ctl |= has_ctl(txt[k]);
		}
		if (i < rest) {
			i++;
		}
		p += i;
		rest -= i;
	}
	memset(out, 0xa5, cap);
	r = itls_authparam_sm7(&c, out, cap, &olen);
	if (r != ITLS_OK) {
		if (!(r == ITLS_ERR_BAD_QUOTED_STRING && ctl) && r != ITLS_ERR_BUFFER_TOO_SMALL) {
			abort();
		}
		if (r == ITLS_ERR_BUFFER_TOO_SMALL && cap == full) {
			abort();
		}
		untouched(cap, olen);
		return 0;
	}
	if (ctl || olen < 7 || olen > cap || memcmp(out, "Digest ", 7) != 0) {
		abort();
	}
	/* exactly one byte short: refused, nothing written */
	olen2 = 777;
	memcpy(back, out, olen);
	memset(out, 0xa5, olen);
	if (itls_authparam_sm7(&c, out, olen - 1, &olen2) != ITLS_ERR_BUFFER_TOO_SMALL) {
		abort();
	}
	untouched(olen - 1, olen2);
	memcpy(out, back, olen);
	if (olen > ITLS_AUTHPARAM_MAX_LEN) {
		return 0;
	}
	/* round trip through the parser */
	if (itls_authparam_parse(out, olen, &ap) != ITLS_OK || !ap.credentials) {
		abort();
	}
	same_text(out, olen, ITLS_AP_USERNAME, &c.username);
	same_text(out, olen, ITLS_AP_REALM, &c.realm);
	same_text(out, olen, ITLS_AP_NONCE, &c.nonce);
	same_text(out, olen, ITLS_AP_URI, &c.uri);
	same_text(out, olen, ITLS_AP_RESPONSE, &c.response);
	if ((ap.at[ITLS_AP_ALGORITHM] < ap.n) != (c.algorithm != ITLS_AP_ALG_NONE)
		|| (ap.at[ITLS_AP_QOP] < ap.n) != (c.qop != ITLS_AP_QOP_NONE)
		|| (ap.at[ITLS_AP_INTEGRITY_PROTECTED] < ap.n) != (c.integrity != ITLS_AP_IP_NONE)) {
		abort();
	}
	if (c.qop != ITLS_AP_QOP_NONE) {
		struct itls_authparam_text t;
		static const char hx[] = "0123456789abcdef";
		same_text(out, olen, ITLS_AP_CNONCE, &c.cnonce);
		for (k = 0; k < 8; k++) {
			ncs[k] = hx[(c.nc >> (28 - 4 * k)) & 15u];
		}
		t.p = ncs;
		t.len = 8;
		same_text(out, olen, ITLS_AP_NC, &t);
	}
	if (c.has_c_token) {
		if (itls_authparam_get_hex(out, olen, &ap, ITLS_AP_C_TOKEN, tok, 12) != ITLS_OK
			|| memcmp(tok, c.c_token, 12) != 0) {
			abort();
		}
	} else if (ap.at[ITLS_AP_C_TOKEN] < ap.n) {
		abort();
	}
	return 0;
}
