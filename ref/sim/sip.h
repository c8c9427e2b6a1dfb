/*
 * sim/sip.h -- SIP message text for the simulator: a builder that writes
 * real request/response text (RFC 3261 §7) and a parser that reads it back
 * on the receiving side (start line, header fields with line folding,
 * empty line, body by Content-Length).
 *
 * Hosted code. Header values are then handed to the core parsers
 * (itls/secagree.h for Security-*, itls/authparam.h for WWW-Authenticate
 * and Authorization).
 */
#ifndef ITLS_SIM_SIP_H
#define ITLS_SIM_SIP_H

#include <stddef.h>

#define SIP_MAX 8192
#define SIP_MAX_HEADERS 48

/* a message being written, or received */
struct sip_msg {
	char buf[SIP_MAX];
	size_t len;
	int overflow;
};

struct sip_view {
	const char *p;
	size_t len;
};

struct sip_header {
	struct sip_view name;
	struct sip_view value;   /* folding kept as received (LWS inside) */
};

struct sip_parsed {
	int is_request;
	struct sip_view method;  /* requests */
	struct sip_view uri;
	int status;              /* responses */
	struct sip_view reason;
	struct sip_header h[SIP_MAX_HEADERS];
	size_t nh;
	struct sip_view body;
};

void sip_request(struct sip_msg *m, const char *method, const char *uri);
void sip_response(struct sip_msg *m, int code, const char *reason);
void sip_header(struct sip_msg *m, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* a header whose value is the given bytes */
void sip_header_raw(struct sip_msg *m, const char *name, const char *v,
	size_t vlen);
/* Content-Length: 0 and the empty line */
void sip_end(struct sip_msg *m);
/* end the headers with Content-Type and Content-Length, then the body */
void sip_end_body(struct sip_msg *m, const char *type, const char *body, size_t len);

/* 0, or -1 when the text is not a SIP message */
int sip_parse(const char *buf, size_t len, struct sip_parsed *p);
/* the idx-th header named `name` (case-insensitive); NULL when none */
const struct sip_header *sip_get(const struct sip_parsed *p, const char *name,
	size_t idx);
/* the first line of the message (for the ladder) */
struct sip_view sip_first_line(const char *buf, size_t len);

#endif
