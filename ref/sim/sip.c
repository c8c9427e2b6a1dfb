/*
 * sip.c -- SIP message text: builder and parser (see sim/sip.h).
 */
#include "sim/sip.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void
put(struct sip_msg *m, const char *s, size_t n)
{
	if (m->overflow || n > sizeof m->buf - m->len) {
		m->overflow = 1;
		return;
	}
	memcpy(m->buf + m->len, s, n);
	m->len += n;
}

void
sip_request(struct sip_msg *m, const char *method, const char *uri)
{
	m->len = 0;
	m->overflow = 0;
	put(m, method, strlen(method));
	put(m, " ", 1);
	put(m, uri, strlen(uri));
	put(m, " SIP/2.0\r\n", 10);
}

void
sip_response(struct sip_msg *m, int code, const char *reason)
{
	char line[128];
	int n;

	m->len = 0;
	m->overflow = 0;
	n = snprintf(line, sizeof line, "SIP/2.0 %d %s\r\n", code, reason);
	put(m, line, (size_t)n);
}

void
sip_header(struct sip_msg *m, const char *name, const char *fmt, ...)
{
	char v[2048];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(v, sizeof v, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof v) {
		m->overflow = 1;
		return;
	}
	sip_header_raw(m, name, v, (size_t)n);
}

void
sip_header_raw(struct sip_msg *m, const char *name, const char *v, size_t vlen)
{
	put(m, name, strlen(name));
	put(m, ": ", 2);
	put(m, v, vlen);
	put(m, "\r\n", 2);
}

void
sip_end(struct sip_msg *m)
{
	sip_header(m, "Content-Length", "0");
	put(m, "\r\n", 2);
}

void
sip_end_body(struct sip_msg *m, const char *type, const char *body, size_t len)
{
	sip_header(m, "Content-Type", "%s", type);
	sip_header(m, "Content-Length", "%zu", len);
	put(m, "\r\n", 2);
	put(m, body, len);
}

/* ---- parser --------------------------------------------------------------- */

/* end of the line starting at i (index of CR or LF); len when none */
static size_t
line_end(const char *b, size_t len, size_t i)
{
	while (i < len && b[i] != '\r' && b[i] != '\n') {
		i++;
	}
	return i;
}

static size_t
skip_eol(const char *b, size_t len, size_t i)
{
	if (i < len && b[i] == '\r') {
		i++;
	}
	if (i < len && b[i] == '\n') {
		i++;
	}
	return i;
}

static int
parse_start(const char *b, size_t n, struct sip_parsed *p)
{
	size_t sp1, sp2;

	for (sp1 = 0; sp1 < n && b[sp1] != ' '; sp1++) {
		;
	}
	if (sp1 == n) {
		return -1;
	}
	for (sp2 = sp1 + 1; sp2 < n && b[sp2] != ' '; sp2++) {
		;
	}
	if (sp1 == 7 && memcmp(b, "SIP/2.0", 7) == 0) {
		size_t i;
		int code = 0;
		if (sp2 - sp1 - 1 != 3) {
			return -1;
		}
		for (i = sp1 + 1; i < sp2; i++) {
			if (!isdigit((unsigned char)b[i])) {
				return -1;
			}
			code = code * 10 + (b[i] - '0');
		}
		p->is_request = 0;
		p->status = code;
		p->reason.p = sp2 < n ? b + sp2 + 1 : b + n;
		p->reason.len = sp2 < n ? n - sp2 - 1 : 0;
		return 0;
	}
	if (sp2 >= n || n - sp2 - 1 != 7 || memcmp(b + sp2 + 1, "SIP/2.0", 7) != 0) {
		return -1;
	}
	p->is_request = 1;
	p->method.p = b;
	p->method.len = sp1;
	p->uri.p = b + sp1 + 1;
	p->uri.len = sp2 - sp1 - 1;
	return 0;
}

int
sip_parse(const char *buf, size_t len, struct sip_parsed *p)
{
	size_t i, e;
	long clen = -1;

	memset(p, 0, sizeof *p);
	e = line_end(buf, len, 0);
	if (e == len || parse_start(buf, e, p) != 0) {
		return -1;
	}
	i = skip_eol(buf, len, e);
	for (;;) {
		size_t colon, vs, ve;
		struct sip_header *h;
		if (i >= len) {
			return -1;   /* no empty line */
		}
		e = line_end(buf, len, i);
		if (e == i) {
			i = skip_eol(buf, len, e);
			break;
		}
		for (colon = i; colon < e && buf[colon] != ':'; colon++) {
			;
		}
		if (colon == e || colon == i || p->nh >= SIP_MAX_HEADERS) {
			return -1;
		}
		h = &p->h[p->nh++];
		h->name.p = buf + i;
		h->name.len = colon - i;
		while (h->name.len > 0 && (h->name.p[h->name.len - 1] == ' '
			|| h->name.p[h->name.len - 1] == '\t')) {
			h->name.len--;
		}
		if (h->name.len == 0) {
			return -1;   /* a blank name (found by tests/fuzz/fuzz_sip.c) */
		}
		vs = colon + 1;
		while (vs < e && (buf[vs] == ' ' || buf[vs] == '\t')) {
			vs++;
		}
		/* folded continuation lines (RFC 3261 §7.3.1) */
		ve = e;
		i = skip_eol(buf, len, e);
		while (i < len && (buf[i] == ' ' || buf[i] == '\t')) {
			ve = line_end(buf, len, i);
			i = skip_eol(buf, len, ve);
		}
		h->value.p = buf + vs;
		h->value.len = ve - vs;
		if (h->name.len == 14 && strncasecmp(h->name.p, "Content-Length", 14) == 0) {
			char tmp[16];
			size_t k = h->value.len < sizeof tmp - 1 ? h->value.len : sizeof tmp - 1;
			memcpy(tmp, h->value.p, k);
			tmp[k] = 0;
			clen = strtol(tmp, NULL, 10);
		}
	}
	if (clen < 0) {
		clen = (long)(len - i);
	}
	if ((size_t)clen > len - i) {
		return -1;
	}
	p->body.p = buf + i;
	p->body.len = (size_t)clen;
	return 0;
}

const struct sip_header *
sip_get(const struct sip_parsed *p, const char *name, size_t idx)
{
	size_t i, n = strlen(name);

	for (i = 0; i < p->nh; i++) {
		if (p->h[i].name.len == n && strncasecmp(p->h[i].name.p, name, n) == 0) {
			if (idx == 0) {
				return &p->h[i];
			}
			idx--;
		}
	}
	return NULL;
}

struct sip_view
sip_first_line(const char *buf, size_t len)
{
	struct sip_view v;

	v.p = buf;
	v.len = line_end(buf, len, 0);
	return v;
}
