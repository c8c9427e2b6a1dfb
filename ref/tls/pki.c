/*
 * pki.c -- certificate mode: br_x509_minimal plus the naming rules of
 * ref/core, as one br_x509_class (see tls/pki.h).
 */
#include "tls/pki.h"
#include "itls/naming.h"

#include <string.h>

static struct itls_pki *
pki_of(const br_x509_class **ctx)
{
	return (struct itls_pki *)(void *)ctx;
}

static void
pki_start_chain(const br_x509_class **ctx, const char *server_name)
{
	struct itls_pki *p = pki_of(ctx);

	(void)server_name;
	/* TR-16: names are the naming rules' business, not BearSSL's
	 * server-name match: no server name for the minimal engine */
	br_x509_minimal_init_full(&p->xm, p->ta, p->nta);
	br_x509_minimal_set_time(&p->xm, p->days, p->seconds);
	p->xm.vtable->start_chain(&p->xm.vtable, NULL);
	p->cap->vtable->start_chain(&p->cap->vtable, NULL);
	p->x509_err = 0;
	p->name_err = ITLS_OK;
}

static void
pki_start_cert(const br_x509_class **ctx, uint32_t length)
{
	struct itls_pki *p = pki_of(ctx);

	p->xm.vtable->start_cert(&p->xm.vtable, length);
	p->cap->vtable->start_cert(&p->cap->vtable, length);
}

static void
pki_append(const br_x509_class **ctx, const unsigned char *buf, size_t len)
{
	struct itls_pki *p = pki_of(ctx);

	p->xm.vtable->append(&p->xm.vtable, buf, len);
	p->cap->vtable->append(&p->cap->vtable, buf, len);
}

static void
pki_end_cert(const br_x509_class **ctx)
{
	struct itls_pki *p = pki_of(ctx);

	p->xm.vtable->end_cert(&p->xm.vtable);
	p->cap->vtable->end_cert(&p->cap->vtable);
}

static unsigned
pki_end_chain(const br_x509_class **ctx)
{
	struct itls_pki *p = pki_of(ctx);

	(void)p->cap->vtable->end_chain(&p->cap->vtable);
	/* TR-15: the chain, its signatures, dates, constraints and order */
	p->x509_err = p->xm.vtable->end_chain(&p->xm.vtable);
	if (p->x509_err != 0) {
		return p->x509_err;
	}
	/* TR-16: then the naming rules of ref/core (NM-20) on the end entity */
	p->name_err = itls_name_check(p->cap->der, p->cap->der_len, p->domain,
		p->domain_len, NULL, 0, 0, 0);
	if (p->name_err != ITLS_OK) {
		return BR_ERR_X509_BAD_SERVER_NAME;
	}
	return 0;
}

static const br_x509_pkey *
pki_get_pkey(const br_x509_class *const *ctx, unsigned *usages)
{
	const struct itls_pki *p = (const struct itls_pki *)(const void *)ctx;

	return p->xm.vtable->get_pkey(&p->xm.vtable, usages);
}

static const br_x509_class pki_vtable = {
	sizeof(struct itls_pki),
	pki_start_chain,
	pki_start_cert,
	pki_append,
	pki_end_cert,
	pki_end_chain,
	pki_get_pkey
};

/* days since 0000-01-01 of 1970-01-01 (proleptic Gregorian) */
#define DAYS_TO_1970 719528u

void
itls_pki_init(struct itls_pki *p, uint64_t unix_time, const char *domain)
{
	size_t dl = strlen(domain);

	memset(p, 0, sizeof *p);
	p->vtable = &pki_vtable;
	/* TR-17: the simulator's clock, not the machine's */
	p->days = DAYS_TO_1970 + (uint32_t)(unix_time / 86400u);
	p->seconds = (uint32_t)(unix_time % 86400u);
	if (dl > sizeof p->domain) {
		dl = sizeof p->domain;
	}
	memcpy(p->domain, domain, dl);
	p->domain_len = dl;
}

struct dn_sink {
	unsigned char *out;
	size_t len, cap;
	int overflow;
};

static void
dn_append(void *ctx, const void *buf, size_t len)
{
	struct dn_sink *s = ctx;

	if (len > s->cap - s->len) {
		s->overflow = 1;
		return;
	}
	memcpy(s->out + s->len, buf, len);
	s->len += len;
}

int
itls_pki_add_anchor(struct itls_pki *p, const uint8_t *der, size_t len)
{
	br_x509_decoder_context dc;
	struct dn_sink s;
	const br_x509_pkey *pk;
	br_x509_trust_anchor *ta;
	unsigned char *k;

	if (p->nta >= ITLS_PKI_ANCHORS) {
		return -1;
	}
	s.out = p->dn[p->nta];
	s.len = 0;
	s.cap = ITLS_PKI_DN_MAX;
	s.overflow = 0;
	br_x509_decoder_init(&dc, dn_append, &s);
	br_x509_decoder_push(&dc, der, len);
	pk = br_x509_decoder_get_pkey(&dc);
	if (pk == NULL || s.overflow || br_x509_decoder_last_error(&dc) != 0) {
		return -1;
	}
	ta = &p->ta[p->nta];
	k = p->key[p->nta];
	ta->dn.data = s.out;
	ta->dn.len = s.len;
	ta->flags = br_x509_decoder_isCA(&dc) ? BR_X509_TA_CA : 0;
	ta->pkey.key_type = pk->key_type;
	if (pk->key_type == BR_KEYTYPE_RSA) {
		if (pk->key.rsa.nlen + pk->key.rsa.elen > ITLS_PKI_KEY_MAX) {
			return -1;
		}
		memcpy(k, pk->key.rsa.n, pk->key.rsa.nlen);
		memcpy(k + pk->key.rsa.nlen, pk->key.rsa.e, pk->key.rsa.elen);
		ta->pkey.key.rsa.n = k;
		ta->pkey.key.rsa.nlen = pk->key.rsa.nlen;
		ta->pkey.key.rsa.e = k + pk->key.rsa.nlen;
		ta->pkey.key.rsa.elen = pk->key.rsa.elen;
	} else if (pk->key_type == BR_KEYTYPE_EC) {
		if (pk->key.ec.qlen > ITLS_PKI_KEY_MAX) {
			return -1;
		}
		memcpy(k, pk->key.ec.q, pk->key.ec.qlen);
		ta->pkey.key.ec.curve = pk->key.ec.curve;
		ta->pkey.key.ec.q = k;
		ta->pkey.key.ec.qlen = pk->key.ec.qlen;
	} else {
		return -1;
	}
	p->nta++;
	return 0;
}

void
itls_pki_attach(struct itls_pki *p, struct itls_tls_client *c)
{
	p->cap = &c->cap;
	br_ssl_engine_set_x509(&c->cc.eng, &p->vtable);
}

const char *
itls_pki_reason(const struct itls_pki *p)
{
	switch (p->x509_err) {
	case 0:
		return p->name_err == ITLS_OK ? "valid" : itls_err_name(p->name_err);
	case BR_ERR_X509_NOT_TRUSTED:
		return "not-trusted";
	case BR_ERR_X509_EXPIRED:
		return "outside-validity";   /* expired or not yet valid */
	case BR_ERR_X509_BAD_SIGNATURE:
		return "bad-signature";
	case BR_ERR_X509_NOT_CA:
		return "not-ca";
	case BR_ERR_X509_DN_MISMATCH:
		return "chain-order";
	case BR_ERR_X509_FORBIDDEN_KEY_USAGE:
		return "key-usage";
	case BR_ERR_X509_EMPTY_CHAIN:
		return "empty-chain";
	default:
		return "x509-error";
	}
}
