/*
 * pem_check.h -- the body of the two PEM-reader targets (fuzz_pem_name.c:
 * `itls name` and fuzz_pem_token.c: `itls token`; each command has its own
 * reader in ref/cli). PEM_DECODE(buf, n) decodes the first CERTIFICATE
 * block of buf in place and returns the DER length or -1. PEM_STRICT is 1
 * when the reader refuses a non-base64 byte inside the block.
 *
 * Properties:
 *   - any input: the result is -1 or at most 3/4 of the input's length
 *     (the decoded bytes fit where the text was: in place, never past it);
 *   - round trip: the input taken as DER, written as PEM here (RFC 7468:
 *     64-character lines, LF or CRLF, optional text before the block), is
 *     read back as exactly those bytes;
 *   - a strict reader refuses the block when one base64 character is
 *     replaced by '!' (bad input is refused, not skipped).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PEM_MAX (1u << 20)
static uint8_t pem_buf[PEM_MAX + 8];

static size_t
pem_write(uint8_t *o, const uint8_t *d, size_t n, int crlf, int pre, size_t *first)
{
	static const char tb[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t w = 0, i, col = 0;

	if (pre) {
		memcpy(o, "Bag Attributes\n", 15);
		w = 15;
	}
	memcpy(o + w, "-----BEGIN CERTIFICATE-----", 27);
	w += 27;
	if (crlf) o[w++] = '\r';
	o[w++] = '\n';
	*first = w;
	for (i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)d[i] << 16 | (i + 1 < n ? (uint32_t)d[i + 1] << 8 : 0)
			| (i + 2 < n ? d[i + 2] : 0);
		o[w++] = (uint8_t)tb[v >> 18 & 63];
		o[w++] = (uint8_t)tb[v >> 12 & 63];
		o[w++] = i + 1 < n ? (uint8_t)tb[v >> 6 & 63] : '=';
		o[w++] = i + 2 < n ? (uint8_t)tb[v & 63] : '=';
		col += 4;
		if (col == 64) {
			if (crlf) o[w++] = '\r';
			o[w++] = '\n';
			col = 0;
		}
	}
	if (col) {
		if (crlf) o[w++] = '\r';
		o[w++] = '\n';
	}
	memcpy(o + w, "-----END CERTIFICATE-----\n", 26);
	return w + 26;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	long r;
	size_t n, first;

	if (size > PEM_MAX) {
		return 0;
	}
	memcpy(pem_buf, data, size);
	r = PEM_DECODE(pem_buf, size);
	if (r < -1 || (r >= 0 && (size_t)r > size / 4 * 3 + 2)) {
		abort();
	}
	/* round trip of the input as DER */
	if (size == 0 || size > PEM_MAX / 2) {
		return 0;
	}
	n = pem_write(pem_buf, data, size, data[0] & 1, data[0] & 2, &first);
	r = PEM_DECODE(pem_buf, n);
	if (r != (long)size || memcmp(pem_buf, data, size) != 0) {
		abort();
	}
	if (PEM_STRICT) {
		n = pem_write(pem_buf, data, size, data[0] & 1, data[0] & 2, &first);
		size_t chars = (4 * size + 2) / 3;     /* base64 characters before '=' */
		pem_buf[first + (size_t)data[size - 1] % (chars < 64 ? chars : 64)] = '!';
		if (PEM_DECODE(pem_buf, n) != -1) {
			abort();
		}
	}
	return 0;
}
