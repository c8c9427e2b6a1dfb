/*
 * fuzz_sip.c -- libFuzzer target of the simulator's SIP reader
 * (ref/sim/sip.c: sip_parse, sip_get) and its builder.
 * fuzz-config: max_len=8192 seeds=sip link=sim
 *
 * Properties:
 *   - on any input, a message that parses has every view (method, URI,
 *     reason, header names and values, body) inside the input, at most
 *     SIP_MAX_HEADERS headers, non-empty names without ':' or a trailing
 *     blank, a body that ends where the input ends at the latest, and
 *     sip_get finds each header by its name (case-insensitive) no later
 *     than its own place;
 *   - round trip: a message built by sip_request / sip_response,
 *     sip_header_raw and sip_end from parts of the input (header values
 *     without CR or LF) parses back to the same start line, the same
 *     headers in the same order, and an empty body.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sim/sip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct sip_parsed p;
static struct sip_msg m;

static int
inside(const char *b, size_t n, struct sip_view v)
{
	return v.len == 0 || (v.p >= b && v.p <= b + n && v.len <= (size_t)(b + n - v.p));
}

static void
check_parsed(const char *b, size_t n)
{
	size_t i, k;
	char name[64];

	if (p.nh > SIP_MAX_HEADERS || !inside(b, n, p.body)
		|| (p.is_request && (!inside(b, n, p.method) || !inside(b, n, p.uri)))
		|| (!p.is_request && (!inside(b, n, p.reason) || p.status < 0 || p.status > 999))) {
		abort();
	}
	for (i = 0; i < p.nh; i++) {
		struct sip_view nm = p.h[i].name;
		const struct sip_header *g;
		if (!inside(b, n, nm) || !inside(b, n, p.h[i].value) || nm.len == 0
			|| memchr(nm.p, ':', nm.len) != NULL
			|| nm.p[nm.len - 1] == ' ' || nm.p[nm.len - 1] == '\t') {
			abort();
		}
		if (nm.len < sizeof name && memchr(nm.p, 0, nm.len) == NULL) {
			memcpy(name, nm.p, nm.len);
			name[nm.len] = 0;
			g = sip_get(&p, name, 0);
			if (g == NULL || g > &p.h[i] || g->name.len != nm.len
				|| strncasecmp(g->name.p, name, nm.len) != 0) {
				abort();
			}
			for (k = 0; k < i; k++) {
				if (p.h[k].name.len == nm.len && strncasecmp(p.h[k].name.p, name, nm.len) == 0) {
					break;
				}
			}
			if (g != &p.h[k]) {
				abort();
			}
		}
	}
}

/* a token of the input: bytes of [A-Za-z0-9-] (at least one) */
static size_t
token(const uint8_t *d, size_t n, char *out, size_t cap)
{
	size_t i, o = 0;

	for (i = 0; i < n && o + 1 < cap; i++) {
		uint8_t c = d[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
			out[o++] = (char)c;
		}
	}
	if (o == 0) {
		out[o++] = 'X';
	}
	out[o] = 0;
	return o;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *b = (const char *)data;
	char meth[32], uri[64], hn[SIP_MAX_HEADERS][24];
	const char *hv[SIP_MAX_HEADERS];
	size_t hl[SIP_MAX_HEADERS], nh = 0, i, pos, chunk;

	if (size > SIP_MAX) {
		return 0;
	}
	if (sip_parse(b, size, &p) == 0) {
		check_parsed(b, size);
	}
	/* round trip from the input's parts: 8 bytes per header; a value is
	 * the input's bytes up to the next CR or LF (trimmed of blanks) */
	if (size < 16) {
		return 0;
	}
	token(data, 8, meth, sizeof meth);
	token(data + 8, 8, uri, sizeof uri);
	pos = 16;
	while (pos + 8 <= size && nh < SIP_MAX_HEADERS - 1) {
		token(data + pos, 4, hn[nh], sizeof hn[nh]);
		if (strcasecmp(hn[nh], "Content-Length") == 0) {
			hn[nh][0] = 'Y';
		}
		chunk = data[pos + 4] % 64u;
		pos += 5;
		if (chunk > size - pos) {
			chunk = size - pos;
		}
		hv[nh] = b + pos;
		for (i = 0; i < chunk && b[pos + i] != '\r' && b[pos + i] != '\n'; i++) {
		}
		hl[nh] = i;
		while (hl[nh] > 0 && (hv[nh][0] == ' ' || hv[nh][0] == '\t')) {
			hv[nh]++;
			hl[nh]--;
		}
		while (hl[nh] > 0 && (hv[nh][hl[nh] - 1] == ' ' || hv[nh][hl[nh] - 1] == '\t')) {
			hl[nh]--;
		}
		pos += chunk;
		nh++;
	}
	if (data[0] & 1) {
		sip_response(&m, 100 + data[1] % 900, uri);
	} else {
		sip_request(&m, meth, uri);
	}
	for (i = 0; i < nh; i++) {
		sip_header_raw(&m, hn[i], hv[i], hl[i]);
	}
	sip_end(&m);
	if (m.overflow) {
		return 0;
	}
	if (sip_parse(m.buf, m.len, &p) != 0) {
		abort();
	}
	check_parsed(m.buf, m.len);
	if (p.is_request != !(data[0] & 1) || p.nh != nh + 1 || p.body.len != 0) {
		abort();
	}
	if (p.is_request ? (p.method.len != strlen(meth) || memcmp(p.method.p, meth, p.method.len) != 0
		|| p.uri.len != strlen(uri) || memcmp(p.uri.p, uri, p.uri.len) != 0)
		: (p.status != 100 + data[1] % 900 || p.reason.len != strlen(uri)
		|| memcmp(p.reason.p, uri, p.reason.len) != 0)) {
		abort();
	}
	for (i = 0; i < nh; i++) {
		if (p.h[i].name.len != strlen(hn[i]) || memcmp(p.h[i].name.p, hn[i], p.h[i].name.len) != 0
			|| p.h[i].value.len != hl[i] || memcmp(p.h[i].value.p, hv[i], hl[i]) != 0) {
			abort();
		}
	}
	return 0;
}
