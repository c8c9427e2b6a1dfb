/*
 * util.c -- output buffering, argument and hex helpers, vector records.
 */
#include "cli.h"
#include "itls/err.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
out_init(struct itls_out *o)
{
	o->len = 0;
	o->overflow = 0;
}

void
out_printf(struct itls_out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->overflow) {
		return;
	}
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, sizeof o->buf - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof o->buf - o->len) {
		o->overflow = 1;
		return;
	}
	o->len += (size_t)n;
}

void
out_bytes(struct itls_out *o, const void *p, size_t n)
{
	if (o->overflow || n > sizeof o->buf - o->len) {
		o->overflow = 1;
		return;
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

void
out_hex(struct itls_out *o, const uint8_t *p, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		char c[2];
		c[0] = hx[p[i] >> 4];
		c[1] = hx[p[i] & 15];
		out_bytes(o, c, 2);
	}
}

int
out_flush(struct itls_out *o)
{
	if (o->overflow) {
		return cli_fail("too-long", "output larger than %zu bytes", sizeof o->buf);
	}
	if (o->len > 0 && fwrite(o->buf, 1, o->len, stdout) != o->len) {
		return EXIT_BADINPUT;
	}
	if (fflush(stdout) != 0) {
		return EXIT_BADINPUT;
	}
	return 0;
}

int
cli_fail(const char *word, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "itls: %s", word);
	if (fmt != NULL && fmt[0] != '\0') {
		fputs(": ", stderr);
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
	}
	fputc('\n', stderr);
	return EXIT_BADINPUT;
}

const char *
arg_get(int argc, char **argv, const char *name)
{
	int i;

	for (i = 0; i + 1 < argc; i++) {
		if (strcmp(argv[i], name) == 0) {
			return argv[i + 1];
		}
	}
	return NULL;
}

int
arg_has(int argc, char **argv, const char *name)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], name) == 0) {
			return 1;
		}
	}
	return 0;
}

static int
in_list(const char *s, const char *const *list)
{
	size_t i;

	if (list == NULL) {
		return 0;
	}
	for (i = 0; list[i] != NULL; i++) {
		if (strcmp(s, list[i]) == 0) {
			return 1;
		}
	}
	return 0;
}

int
arg_check(int argc, char **argv, const char *const *with_value,
	const char *const *flags)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) != 0) {
			continue;
		}
		if (in_list(argv[i], flags)) {
			continue;
		}
		if (!in_list(argv[i], with_value)) {
			return cli_fail("usage", "unknown option %s", argv[i]);
		}
		if (i + 1 >= argc) {
			return cli_fail("usage", "option %s needs a value", argv[i]);
		}
		i++; /* skip the option's value */
	}
	return 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

long
hex_decode(const char *s, size_t slen, uint8_t *out, size_t cap, size_t want)
{
	size_t i;

	if (slen % 2 != 0) {
		for (i = 0; i < slen; i++) {
			if (hexval((unsigned char)s[i]) < 0) {
				return -1;
			}
		}
		return -2;
	}
	for (i = 0; i < slen; i++) {
		if (hexval((unsigned char)s[i]) < 0) {
			return -1;
		}
	}
	if ((want != 0 && slen / 2 != want) || slen / 2 > cap) {
		return -2;
	}
	for (i = 0; i < slen / 2; i++) {
		out[i] = (uint8_t)(hexval((unsigned char)s[2 * i]) * 16
			+ hexval((unsigned char)s[2 * i + 1]));
	}
	return (long)(slen / 2);
}

long
file_read(const char *path, uint8_t *out, size_t cap)
{
	FILE *f;
	size_t n;
	int extra, err;

	if (strcmp(path, "-") == 0) {
		f = stdin;
	} else {
		f = fopen(path, "rb");
		if (f == NULL) {
			return FILE_UNREADABLE;
		}
	}
	n = fread(out, 1, cap, f);
	extra = ferror(f) ? EOF : fgetc(f);
	err = ferror(f) ? (errno != 0 ? errno : EIO) : 0;
	if (f != stdin) {
		fclose(f);
	}
	if (err != 0) {
		errno = err;
		return FILE_UNREADABLE;
	}
	return extra != EOF ? FILE_TOO_LONG : (long)n;
}

int
file_fail(const char *path, long rc, size_t cap)
{
	if (rc == FILE_TOO_LONG) {
		return cli_fail("too-long", "%s: larger than %zu bytes", path, cap);
	}
	return cli_fail("unreadable", "%s: %s", strcmp(path, "-") == 0 ? "stdin" : path,
		strerror(errno));
}

/* ---- vector records ------------------------------------------------------ */

const char *
vrec_get_nth(const struct vrec *r, const char *key, size_t i, size_t *len)
{
	size_t k;

	for (k = 0; k < r->n; k++) {
		if (strcmp(r->kv[k].key, key) == 0) {
			if (i == 0) {
				if (len != NULL) {
					*len = r->kv[k].len;
				}
				return r->kv[k].val;
			}
			i--;
		}
	}
	return NULL;
}

const char *
vrec_get(const struct vrec *r, const char *key, size_t *len)
{
	return vrec_get_nth(r, key, 0, len);
}

size_t
vrec_count(const struct vrec *r, const char *key)
{
	size_t k, c = 0;

	for (k = 0; k < r->n; k++) {
		if (strcmp(r->kv[k].key, key) == 0) {
			c++;
		}
	}
	return c;
}

long
vrec_hex(const struct vrec *r, const char *key, uint8_t *out, size_t cap)
{
	size_t len;
	const char *v = vrec_get(r, key, &len);
	long n;

	if (v == NULL) {
		return -1;
	}
	n = hex_decode(v, len, out, cap, 0);
	return n < 0 ? -1 : n;
}

long
vrec_cert(const struct vrec *r, uint8_t *out, size_t cap)
{
	size_t len;
	const char *v = vrec_get(r, "cert", &len);
	char path[4096];

	if (v == NULL) {
		return vrec_hex(r, "cert_hex", out, cap);
	}
	if (snprintf(path, sizeof path, "%s/%.*s", r->certs, (int)len, v)
		>= (int)sizeof path) {
		return -1;
	}
	return file_read(path, out, cap);
}

static int
vrec_result_is(const struct vrec *r, const char *word)
{
	size_t len;
	const char *v = vrec_get(r, "result", &len);

	return v != NULL && len == strlen(word) && memcmp(v, word, len) == 0;
}

int
vrec_cert_fail(const struct vrec *r, long rc, char *msg, size_t cap)
{
	size_t len;
	const char *v = vrec_get(r, "cert", &len);

	if (v == NULL) {
		snprintf(msg, cap, "cert_hex is not hex");
	} else if (rc == FILE_TOO_LONG) {
		snprintf(msg, cap, "cert %.*s: too-long", (int)len, v);
	} else {
		snprintf(msg, cap, "cert %.*s: unreadable in %s: %s (itls check --certs DIR)",
			(int)len, v, r->certs, strerror(errno));
	}
	return 2;
}

int
vrec_valid(const struct vrec *r)
{
	return vrec_result_is(r, "valid");
}

int
vrec_acceptable(const struct vrec *r)
{
	return vrec_result_is(r, "acceptable");
}

int
vrec_outcome(const struct vrec *r, int err, char *msg, size_t cap)
{
	size_t len;
	const char *reason;

	if (vrec_acceptable(r)) {
		/* FORMAT.md: success (outputs compared when the record has them) or
		 * failure (with the record's reason when it names one) both pass */
		if (err == ITLS_OK) {
			return 0;
		}
	} else if (vrec_valid(r)) {
		if (err != ITLS_OK) {
			snprintf(msg, cap, "expected valid, got error %s", itls_err_name(err));
			return 1;
		}
		return 0;
	}
	if (err == ITLS_OK) {
		reason = vrec_get(r, "reason", &len);
		snprintf(msg, cap, "expected invalid (%.*s), got success",
			reason ? (int)len : 1, reason ? reason : "?");
		return 1;
	}
	reason = vrec_get(r, "reason", &len);
	if (reason == NULL || (len == 1 && reason[0] == '*')) {
		return 0;
	}
	if (strlen(itls_err_name(err)) != len
		|| memcmp(itls_err_name(err), reason, len) != 0) {
		snprintf(msg, cap, "expected reason %.*s, got %s", (int)len, reason,
			itls_err_name(err));
		return 1;
	}
	return 0;
}

int
vrec_expect(const struct vrec *r, const char *key, const char *got,
	size_t len, char *msg, size_t cap)
{
	size_t elen;
	const char *e = vrec_get(r, key, &elen);

	if (e == NULL) {
		if (vrec_acceptable(r)) {
			return 0; /* an acceptable record without outputs: success passes */
		}
		snprintf(msg, cap, "record has no %s", key);
		return 1;
	}
	if (elen != len || memcmp(e, got, len) != 0) {
		snprintf(msg, cap, "%s: expected \"%.*s\", got \"%.*s\"", key,
			(int)elen, e, (int)len, got);
		return 1;
	}
	return 0;
}

int
vrec_expect_hex(const struct vrec *r, const char *key, const uint8_t *got,
	size_t len, char *msg, size_t cap)
{
	char hex[4096];
	static const char hx[] = "0123456789abcdef";
	size_t i;

	if (len * 2 > sizeof hex) {
		snprintf(msg, cap, "%s: value too long", key);
		return 1;
	}
	for (i = 0; i < len; i++) {
		hex[2 * i] = hx[got[i] >> 4];
		hex[2 * i + 1] = hx[got[i] & 15];
	}
	return vrec_expect(r, key, hex, 2 * len, msg, cap);
}

/* see cli.h */
/*
 * The stdin filter's I/O (issue 14, the print path: per-line stdio calls
 * cost more than the parse). Input is read with read(2) in blocks into one
 * buffer that holds the longest line a parser takes (65535 bytes, CR LF)
 * and one block; lines are found with memchr. A longer line is `too-long`
 * (the reason the parsers give for it) and is skipped, not kept: memory
 * stays bounded whatever the input. Output lines are assembled in one
 * buffer, canon() writing its text straight into it, and written when the
 * buffer is nearly full or before the next read (so an interactive user
 * sees each answer before typing the next line).
 */
#define CLI_LINE_MAX 65535
#define CLI_IN_BLOCK 65536
#define CLI_OUT_CAP (1u << 19)
static char cli_in[CLI_LINE_MAX + 2 + CLI_IN_BLOCK];
static char cli_obuf[CLI_OUT_CAP];

/* write out what the output buffer holds; 0, or -1 on a write error */
static int
cli_obuf_flush(size_t *olen)
{
	if (*olen > 0 && fwrite(cli_obuf, 1, *olen, stdout) != *olen) {
		return -1;
	}
	*olen = 0;
	return fflush(stdout) != 0 ? -1 : 0;
}

/* one line: "ok <canonical text>" or "error <reason>" into the output
 * buffer, which has room for cap + 4 bytes; 1 when the line failed */
static int
cli_one_line(cli_canon_fn canon, size_t cap, const char *line, size_t len,
	size_t *olen)
{
	char *o = cli_obuf + *olen;
	enum itls_err e;
	size_t n = 0;
	const char *w;

	if (len > 0 && line[len - 1] == '\r') {
		len--;
	}
	e = len > CLI_LINE_MAX ? ITLS_ERR_TOO_LONG : canon(line, len, o + 3, cap, &n);
	if (e == ITLS_OK) {
		o[0] = 'o';
		o[1] = 'k';
		o[2] = ' ';
		o[3 + n] = '\n';
		*olen += n + 4;
		return 0;
	}
	w = itls_err_name(e);
	n = strlen(w);
	memcpy(o, "error ", 6);
	memcpy(o + 6, w, n);
	o[6 + n] = '\n';
	*olen += n + 7;
	return 1;
}

/* see cli.h */
int
cli_line_filter(cli_canon_fn canon, char *out, size_t cap)
{
	size_t beg = 0, end = 0, olen = 0, total = 0;
	int bad = 0, skip = 0, eof = 0;
	ssize_t got;

	(void)out;   /* canon writes into the output buffer instead */
	if (cap > CLI_OUT_CAP / 2) {
		cap = CLI_OUT_CAP / 2;
	}
	for (;;) {
		char *nl = memchr(cli_in + beg, '\n', end - beg);
		size_t len;

		if (nl == NULL && !eof) {
			/* no whole line left: keep the partial one, read more */
			if (skip) {
				beg = end = 0;            /* still inside a too-long line */
			} else if (end - beg > CLI_LINE_MAX + 1) {
				/* SA-31, AP-01: a line longer than any parser takes */
				if (CLI_OUT_CAP - olen < cap + 4 && cli_obuf_flush(&olen) != 0) {
					return cli_fail("io", "cannot write stdout");
				}
				bad |= cli_one_line(canon, cap, cli_in, CLI_LINE_MAX + 1, &olen);
				skip = 1;
				beg = end = 0;
			} else if (beg > 0) {
				memmove(cli_in, cli_in + beg, end - beg);
				end -= beg;
				beg = 0;
			}
			if (cli_obuf_flush(&olen) != 0) {
				return cli_fail("io", "cannot write stdout");
			}
			got = read(0, cli_in + end, sizeof cli_in - end);
			if (got < 0) {
				if (errno == EINTR) {
					continue;
				}
				return cli_fail("io", "cannot read stdin");
			}
			if (got == 0) {
				eof = 1;
			}
			end += (size_t)got;
			total += (size_t)got;
			continue;
		}
		if (nl == NULL) {
			/* end of input: a last line without LF, if any */
			if (skip || beg == end) {
				break;
			}
			len = end - beg;
		} else {
			len = (size_t)(nl - (cli_in + beg));
		}
		if (skip) {
			skip = 0;                         /* the end of a too-long line */
		} else {
			if (CLI_OUT_CAP - olen < cap + 8 && cli_obuf_flush(&olen) != 0) {
				return cli_fail("io", "cannot write stdout");
			}
			bad |= cli_one_line(canon, cap, cli_in + beg, len, &olen);
		}
		beg += len + (nl != NULL);
		if (nl == NULL) {
			break;
		}
	}
	if (cli_obuf_flush(&olen) != 0) {
		return cli_fail("io", "cannot write stdout");
	}
	if (total == 0) {
		return cli_fail("empty", "no line on stdin"); /* D-CLI-1 */
	}
	return bad ? EXIT_BADINPUT : EXIT_POSITIVE;
}
