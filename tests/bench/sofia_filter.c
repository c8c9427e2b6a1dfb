/*
 * sofia_filter.c -- the baseline of the whole-process print-path figure of
 * `make bench` (tests/bench/run.sh): what `itls secagree parse` does, done
 * with sofia-sip. Reads `Security-Client: ...` lines on stdin, decodes the
 * value with sofia-sip's Security-Client decoder, encodes each mechanism
 * again with its encoder (sip_security_client_e) and prints
 * "ok Security-Client: <mechanisms joined by ', '>" or "error syntax", one
 * line per input line, like the itls filter (one fwrite per line).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sofia-sip/su_alloc.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/msg_header.h>

int
main(void)
{
	su_home_t home[1] = { SU_HOME_INIT(home) };
	char *line = NULL, out[8192];
	size_t cap = 0, len, v, pos;
	ssize_t got;
	int bad = 0;

	while ((got = getline(&line, &cap, stdin)) >= 0) {
		msg_header_t *h, *x;
		issize_t n;

		len = (size_t)got;
		if (len > 0 && line[len - 1] == '\n') {
			line[--len] = '\0';
			if (len > 0 && line[len - 1] == '\r') {
				line[--len] = '\0';
			}
		}
		/* the header name, as sofia's message parser strips it */
		v = 0;
		while (v < len && line[v] != ':') {
			v++;
		}
		if (v < len) {
			v++;
		}
		while (v < len && (line[v] == ' ' || line[v] == '\t')) {
			v++;
		}
		h = msg_header_alloc(home, sip_security_client_class, 0);
		if (h == NULL || sip_security_client_d(home, h, line + v, (isize_t)(len - v)) < 0) {
			puts("error syntax");
			bad = 1;
			continue;
		}
		/* the line is assembled in one buffer and written by one fwrite */
		memcpy(out, "ok Security-Client: ", 20);
		pos = 20;
		/* a list decodes into a chain of headers: join them by ", " */
		for (x = h; x != NULL; x = (msg_header_t *)x->sh_next) {
			if (x != h) {
				out[pos++] = ',';
				out[pos++] = ' ';
			}
			n = sip_security_client_e(out + pos, (isize_t)(sizeof out - pos - 3), x, 0);
			if (n < 0 || (size_t)n >= sizeof out - pos - 3) {
				abort();
			}
			pos += (size_t)n;
		}
		out[pos++] = '\n';
		fwrite(out, 1, pos, stdout);
		for (x = h; x != NULL; ) {
			msg_header_t *nx = (msg_header_t *)x->sh_next;
			msg_header_free(home, x);
			x = nx;
		}
	}
	free(line);
	su_home_deinit(home);
	return bad ? 2 : 0;
}
