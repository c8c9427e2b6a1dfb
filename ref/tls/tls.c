/*
 * tls.c -- BearSSL glue: capturing X.509 engine, in-memory TLS 1.2 link.
 * See tls/tls.h.
 */
#include "tls/tls.h"

#include <stdio.h>
#include <string.h>

/* ---- the capturing X.509 engine ------------------------------------------ */

static struct itls_tls_capture *
cap_of(const br_x509_class **ctx)
{
	return (struct itls_tls_capture *)(void *)ctx;
}

static void
cap_start_chain(const br_x509_class **ctx, const char *server_name)
{
	struct itls_tls_capture *c = cap_of(ctx);

	(void)server_name;   /* names are checked by the naming rules, not here */
	c->chain_started = 1;
	c->ncert = 0;
	c->der_len = 0;
	c->overflow = 0;
	c->key_ok = 0;
}

static void
cap_start_cert(const br_x509_class **ctx, uint32_t length)
{
	struct itls_tls_capture *c = cap_of(ctx);

	(void)length;
	if (c->ncert == 0) {
		br_x509_decoder_init(&c->dec, 0, 0);
	}
}

static void
cap_append(const br_x509_class **ctx, const unsigned char *buf, size_t len)
{
	struct itls_tls_capture *c = cap_of(ctx);

	if (c->ncert != 0) {
		return;   /* only the end-entity certificate (decision 1) */
	}
	if (len > sizeof c->der - c->der_len) {
		c->overflow = 1;
		return;
	}
	memcpy(c->der + c->der_len, buf, len);
	c->der_len += len;
	br_x509_decoder_push(&c->dec, buf, len);
}

static void
cap_end_cert(const br_x509_class **ctx)
{
	struct itls_tls_capture *c = cap_of(ctx);

	if (c->ncert == 0) {
		const br_x509_pkey *pk = br_x509_decoder_get_pkey(&c->dec);
		if (pk != NULL && !c->overflow) {
			c->key_ok = 1;
		}
	}
	c->ncert++;
}

static unsigned
cap_end_chain(const br_x509_class **ctx)
{
	struct itls_tls_capture *c = cap_of(ctx);

	/*
	 * Seed 004 step 1: the certificate is accepted as it is; no chain
	 * building, no trust anchor, no validity dates. The s_token check
	 * after SM6 is what authenticates it.
	 */
	if (c->ncert == 0) {
		return BR_ERR_X509_EMPTY_CHAIN;
	}
	if (!c->key_ok) {
		return BR_ERR_X509_UNSUPPORTED;
	}
	return 0;
}

static const br_x509_pkey *
cap_get_pkey(const br_x509_class *const *ctx, unsigned *usages)
{
	struct itls_tls_capture *c =
		(struct itls_tls_capture *)(void *)(uintptr_t)ctx;

	if (!c->key_ok) {
		return NULL;
	}
	if (usages != NULL) {
		*usages = BR_KEYTYPE_KEYX | BR_KEYTYPE_SIGN;
	}
	return br_x509_decoder_get_pkey(&c->dec);
}

static const br_x509_class cap_vtable = {
	sizeof(struct itls_tls_capture),
	cap_start_chain,
	cap_start_cert,
	cap_append,
	cap_end_cert,
	cap_end_chain,
	cap_get_pkey
};

void
itls_tls_capture_init(struct itls_tls_capture *c)
{
	memset(c, 0, sizeof *c);
	c->vtable = &cap_vtable;
}

/* ---- keys ----------------------------------------------------------------- */

struct pem_sink {
	unsigned char *out;
	size_t cap, len;
	int overflow;
};

static void
pem_dest(void *ctx, const void *src, size_t len)
{
	struct pem_sink *k = ctx;

	if (len > k->cap - k->len) {
		k->overflow = 1;
		return;
	}
	memcpy(k->out + k->len, src, len);
	k->len += len;
}

/* first PEM object of in -> out (DER); -1 when none */
static long
pem_first(const uint8_t *in, size_t len, unsigned char *out, size_t cap)
{
	br_pem_decoder_context pc;
	struct pem_sink k;
	int inside = 0;

	br_pem_decoder_init(&pc);
	k.out = out;
	k.cap = cap;
	k.len = 0;
	k.overflow = 0;
	while (len > 0) {
		size_t n = br_pem_decoder_push(&pc, in, len);
		in += n;
		len -= n;
		switch (br_pem_decoder_event(&pc)) {
		case BR_PEM_BEGIN_OBJ:
			inside = 1;
			br_pem_decoder_setdest(&pc, pem_dest, &k);
			break;
		case BR_PEM_END_OBJ:
			if (inside && !k.overflow) {
				return (long)k.len;
			}
			return -1;
		case BR_PEM_ERROR:
			return -1;
		default:
			break;
		}
	}
	return -1;
}

int
itls_tls_server_init(struct itls_tls_server *s, const uint8_t *cert,
	size_t cert_len, const uint8_t *key, size_t key_len)
{
	return itls_tls_server_init_chain(s, &cert, &cert_len, 1, key, key_len);
}

int
itls_tls_server_init_chain(struct itls_tls_server *s, const uint8_t *const *certs,
	const size_t *lens, size_t ncert, const uint8_t *key, size_t key_len)
{
	unsigned char der[ITLS_TLS_KEY_MAX];
	const uint8_t *k = key;
	size_t klen = key_len, i, off = 0;

	memset(s, 0, sizeof *s);
	if (ncert == 0 || ncert > sizeof s->chain / sizeof s->chain[0]
		|| lens[0] == 0 || lens[0] > sizeof s->cert) {
		return -1;
	}
	memcpy(s->cert, certs[0], lens[0]);
	s->cert_len = lens[0];
	s->chain[0].data = s->cert;
	s->chain[0].data_len = lens[0];
	for (i = 1; i < ncert; i++) {
		if (lens[i] == 0 || lens[i] > sizeof s->extra - off) {
			return -1;
		}
		memcpy(s->extra + off, certs[i], lens[i]);
		s->chain[i].data = s->extra + off;
		s->chain[i].data_len = lens[i];
		off += lens[i];
	}
	s->chain_len = ncert;
	if (key_len > 10 && memcmp(key, "-----BEGIN", 10) == 0) {
		long n = pem_first(key, key_len, der, sizeof der);
		if (n <= 0) {
			return -1;
		}
		k = der;
		klen = (size_t)n;
	}
	br_skey_decoder_init(&s->skey);
	br_skey_decoder_push(&s->skey, k, klen);
	if (br_skey_decoder_last_error(&s->skey) != 0) {
		return -1;
	}
	s->key_type = br_skey_decoder_key_type(&s->skey);
	if (s->key_type == BR_KEYTYPE_EC) {
		/* the issuer's key type: EC for every chain of the fixtures */
		br_ssl_server_init_full_ec(&s->sc, s->chain, s->chain_len, BR_KEYTYPE_EC,
			br_skey_decoder_get_ec(&s->skey));
	} else if (s->key_type == BR_KEYTYPE_RSA) {
		br_ssl_server_init_full_rsa(&s->sc, s->chain, s->chain_len,
			br_skey_decoder_get_rsa(&s->skey));
	} else {
		return -1;
	}
	br_ssl_engine_set_versions(&s->sc.eng, BR_TLS12, BR_TLS12);
	br_ssl_engine_set_buffer(&s->sc.eng, s->iobuf, sizeof s->iobuf, 1);
	br_ssl_session_cache_lru_init(&s->lru, s->lru_store, sizeof s->lru_store);
	br_ssl_server_set_cache(&s->sc, &s->lru.vtable);
	/* no br_ssl_server_set_trust_anchor_names*: never a CertificateRequest */
	return 0;
}

int
itls_tls_server_reset(struct itls_tls_server *s)
{
	return br_ssl_server_reset(&s->sc) ? 0 : -1;
}

/* ---- client --------------------------------------------------------------- */

void
itls_tls_client_init(struct itls_tls_client *c)
{
	memset(c, 0, sizeof *c);
	br_ssl_client_init_full(&c->cc, &c->xmin, NULL, 0);
	br_ssl_engine_set_versions(&c->cc.eng, BR_TLS12, BR_TLS12);
	br_ssl_engine_set_buffer(&c->cc.eng, c->iobuf, sizeof c->iobuf, 1);
	itls_tls_capture_init(&c->cap);
	br_ssl_engine_set_x509(&c->cc.eng, &c->cap.vtable);
}

int
itls_tls_client_start(struct itls_tls_client *c, const char *server_name,
	int resume)
{
	int r;

	c->cap.chain_started = 0;
	if (resume && c->have_session) {
		br_ssl_engine_set_session_parameters(&c->cc.eng, &c->session);
		r = br_ssl_client_reset(&c->cc, server_name, 1);
	} else {
		r = br_ssl_client_reset(&c->cc, server_name, 0);
	}
	return r ? 0 : -1;
}

void
itls_tls_client_forget(struct itls_tls_client *c)
{
	memset(&c->session, 0, sizeof c->session);
	c->have_session = 0;
}

const uint8_t *
itls_tls_peer_cert(const struct itls_tls_client *c, size_t *len)
{
	*len = c->cap.der_len;
	return c->cap.der;
}

/* ---- the link and its record pump -------------------------------------------- */

void
itls_tls_link_init(struct itls_tls_link *l, struct itls_tls_client *c,
	struct itls_tls_server *s)
{
	memset(l, 0, sizeof *l);
	l->c = c;
	l->s = s;
}

static const char *
hs_name(unsigned t)
{
	switch (t) {
	case 0: return "HelloRequest";
	case 1: return "ClientHello";
	case 2: return "ServerHello";
	case 4: return "NewSessionTicket";
	case 11: return "Certificate";
	case 12: return "ServerKeyExchange";
	case 13: return "CertificateRequest";
	case 14: return "ServerHelloDone";
	case 15: return "CertificateVerify";
	case 16: return "ClientKeyExchange";
	case 20: return "Finished";
	default: return "Handshake?";
	}
}

static void
add_event(struct itls_tls_link *l, int from_client, const char *text)
{
	struct itls_tls_event *e;

	/* consecutive records the same way make one line */
	if (l->nev > 0 && l->ev[l->nev - 1].from_client == from_client) {
		e = &l->ev[l->nev - 1];
		if (strlen(e->text) + 2 + strlen(text) < sizeof e->text) {
			strcat(e->text, ", ");
			strcat(e->text, text);
		}
		return;
	}
	if (l->nev >= ITLS_TLS_EVENTS) {
		return;
	}
	e = &l->ev[l->nev++];
	e->from_client = from_client;
	snprintf(e->text, sizeof e->text, "%s", text);
}

static void
observe_record(struct itls_tls_link *l, int dir, const unsigned char *r, size_t n)
{
	struct itls_tls_observer *o = &l->obs[dir];
	char buf[64];

	l->records[dir]++;
	if (l->on_record != NULL) {
		l->on_record(l->on_record_ctx, dir, r, n);
	}
	switch (r[0]) {
	case 20:
		o->encrypted = 1;
		add_event(l, dir, "ChangeCipherSpec");
		break;
	case 21:
		if (o->encrypted) {
			add_event(l, dir, "Alert (encrypted)");
		} else if (n >= 7) {
			snprintf(buf, sizeof buf, "Alert %s %u",
				r[5] == 2 ? "fatal" : "warning", r[6]);
			add_event(l, dir, buf);
		}
		break;
	case 22:
		if (o->encrypted) {
			add_event(l, dir, "Finished");
		} else {
			size_t off = 5;
			while (off + 4 <= n) {
				size_t hl = ((size_t)r[off + 1] << 16)
					| ((size_t)r[off + 2] << 8) | r[off + 3];
				add_event(l, dir, hs_name(r[off]));
				off += 4 + hl;
			}
		}
		break;
	case 23:
		/* application data is shown by the SIP ladder itself */
		break;
	default:
		add_event(l, dir, "record?");
		break;
	}
}

/* feed moved bytes to the record observer of direction dir */
static void
observe(struct itls_tls_link *l, int dir, const unsigned char *p, size_t n)
{
	struct itls_tls_observer *o = &l->obs[dir];

	l->bytes[dir] += n;
	while (n > 0) {
		size_t need;
		if (o->have < 5) {
			need = 5 - o->have;
		} else {
			size_t rl = ((size_t)o->rec[3] << 8) | o->rec[4];
			need = 5 + rl - o->have;
		}
		if (need > n) {
			need = n;
		}
		if (o->have + need > sizeof o->rec) {
			o->have = 0;   /* not a record stream we understand */
			return;
		}
		memcpy(o->rec + o->have, p, need);
		o->have += need;
		p += need;
		n -= need;
		if (o->have >= 5) {
			size_t rl = ((size_t)o->rec[3] << 8) | o->rec[4];
			if (o->have == 5 + rl) {
				observe_record(l, dir, o->rec, o->have);
				o->have = 0;
			}
		}
	}
}

/* move records from a to b once; returns the number of bytes moved */
static size_t
pump_one(struct itls_tls_link *l, br_ssl_engine_context *a,
	br_ssl_engine_context *b, int dir)
{
	unsigned char *sb, *rb;
	size_t slen, rlen, n;

	if (!(br_ssl_engine_current_state(a) & BR_SSL_SENDREC)) {
		return 0;
	}
	if (!(br_ssl_engine_current_state(b) & BR_SSL_RECVREC)) {
		return 0;
	}
	sb = br_ssl_engine_sendrec_buf(a, &slen);
	rb = br_ssl_engine_recvrec_buf(b, &rlen);
	n = slen < rlen ? slen : rlen;
	if (n == 0) {
		return 0;
	}
	memcpy(rb, sb, n);
	observe(l, dir, sb, n);
	br_ssl_engine_sendrec_ack(a, n);
	br_ssl_engine_recvrec_ack(b, n);
	return n;
}

/* pump both ways until nothing moves */
static void
pump(struct itls_tls_link *l)
{
	br_ssl_engine_context *ce = &l->c->cc.eng;
	br_ssl_engine_context *se = &l->s->sc.eng;
	int guard = 0;

	for (;;) {
		size_t moved = pump_one(l, ce, se, 1) + pump_one(l, se, ce, 0);
		if (moved == 0 || ++guard > 10000) {
			break;
		}
	}
}

static int
ready(br_ssl_engine_context *e)
{
	return (br_ssl_engine_current_state(e) & BR_SSL_SENDAPP) != 0;
}

void
itls_tls_handshake(struct itls_tls_link *l, struct itls_tls_result *res)
{
	br_ssl_engine_context *ce = &l->c->cc.eng;
	br_ssl_engine_context *se = &l->s->sc.eng;

	memset(res, 0, sizeof *res);
	pump(l);
	res->client_err = br_ssl_engine_last_error(ce);
	res->server_err = br_ssl_engine_last_error(se);
	res->ok = ready(ce) && ready(se) && res->client_err == 0
		&& res->server_err == 0;
	if (res->ok) {
		br_ssl_engine_get_session_parameters(ce, &l->c->session);
		l->c->have_session = 1;
		res->resumed = !l->c->cap.chain_started;
		res->version = l->c->session.version;
		res->suite = l->c->session.cipher_suite;
	}
}

long
itls_tls_transfer(struct itls_tls_link *l, int from_client,
	const uint8_t *data, size_t len, uint8_t *out, size_t cap)
{
	br_ssl_engine_context *ce = &l->c->cc.eng;
	br_ssl_engine_context *se = &l->s->sc.eng;
	br_ssl_engine_context *w = from_client ? ce : se;
	br_ssl_engine_context *r = from_client ? se : ce;
	size_t sent = 0, got = 0;
	int guard = 0;

	if (len > cap) {
		return -1;
	}
	while (got < len) {
		if (++guard > 100000) {
			return -1;
		}
		if (sent < len && (br_ssl_engine_current_state(w) & BR_SSL_SENDAPP)) {
			size_t alen;
			unsigned char *ab = br_ssl_engine_sendapp_buf(w, &alen);
			size_t n = len - sent < alen ? len - sent : alen;
			memcpy(ab, data + sent, n);
			br_ssl_engine_sendapp_ack(w, n);
			sent += n;
			if (sent == len) {
				br_ssl_engine_flush(w, 0);
			}
		}
		pump(l);
		if (br_ssl_engine_current_state(r) & BR_SSL_RECVAPP) {
			size_t alen;
			unsigned char *ab = br_ssl_engine_recvapp_buf(r, &alen);
			size_t n = len - got < alen ? len - got : alen;
			memcpy(out + got, ab, n);
			br_ssl_engine_recvapp_ack(r, n);
			got += n;
		} else if (br_ssl_engine_current_state(r) & BR_SSL_CLOSED
			|| br_ssl_engine_current_state(w) & BR_SSL_CLOSED) {
			return -1;
		}
	}
	return (long)got;
}

void
itls_tls_close(struct itls_tls_link *l)
{
	br_ssl_engine_close(&l->c->cc.eng);
	pump(l);
	if (!(br_ssl_engine_current_state(&l->s->sc.eng) & BR_SSL_CLOSED)) {
		br_ssl_engine_close(&l->s->sc.eng);
		pump(l);
	}
}

int
itls_tls_inject_alert(struct itls_tls_client *c)
{
	return itls_tls_refuse(c, NULL, NULL);
}

int
itls_tls_refuse(struct itls_tls_client *c, itls_tls_record_fn fn, void *ctx)
{
	static const unsigned char alert[7] = { 21, 3, 3, 0, 2, 2, 40 };
	static unsigned char hello[ITLS_TLS_CERT_MAX];
	br_ssl_engine_context *e = &c->cc.eng;
	size_t len, off, hl = 0;
	unsigned char *b;

	/* the ClientHello goes nowhere: drain it (and keep it for the tap) */
	while (br_ssl_engine_current_state(e) & BR_SSL_SENDREC) {
		b = br_ssl_engine_sendrec_buf(e, &len);
		if (len <= sizeof hello - hl) {
			memcpy(hello + hl, b, len);
			hl += len;
		}
		br_ssl_engine_sendrec_ack(e, len);
	}
	if (fn != NULL && hl > 0) {
		fn(ctx, 1, hello, hl);
	}
	off = 0;
	while (off < sizeof alert
		&& (br_ssl_engine_current_state(e) & BR_SSL_RECVREC)) {
		b = br_ssl_engine_recvrec_buf(e, &len);
		if (len > sizeof alert - off) {
			len = sizeof alert - off;
		}
		memcpy(b, alert + off, len);
		br_ssl_engine_recvrec_ack(e, len);
		off += len;
	}
	if (fn != NULL) {
		fn(ctx, 0, alert, sizeof alert);
	}
	return br_ssl_engine_last_error(e);
}

const char *
itls_tls_suite_name(uint16_t suite)
{
	switch (suite) {
	case BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:
		return "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
	case BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384:
		return "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
	case BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256:
		return "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
	case BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:
		return "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
	case BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:
		return "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
	case BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256:
		return "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256";
	default:
		return "TLS 1.2 suite";
	}
}
