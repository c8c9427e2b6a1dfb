/*
 * psktls.c -- TLS 1.2 PSK (RFC 4279 §2, RFC 5487, RFC 5288 GCM records)
 * on BearSSL primitives. See tls/psktls.h.
 */
#include "tls/psktls.h"
#include "tls/bytes.h"

#include <stdio.h>
#include <string.h>

#define REC_MAX (5 + 8 + 16384 + 16)

static void
prf(void *dst, size_t len, const uint8_t *secret, size_t slen, const char *label,
	const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	br_tls_prf_seed_chunk seed[2];

	seed[0].data = a;
	seed[0].len = alen;
	seed[1].data = b;
	seed[1].len = blen;
	br_tls12_sha256_prf(dst, len, secret, slen, label, b != NULL ? 2 : 1, seed);
}

/* RFC 4279 §2: premaster = N, N zero bytes, N, PSK; then the key block
 * of a GCM suite (RFC 5288 §3): two 16-byte keys, two 4-byte salts */
static void
derive(struct itls_psktls *t, struct itls_psktls_end *e, int client,
	const uint8_t *psk, size_t len)
{
	uint8_t pms[2 + 64 + 2 + 64], kb[40];

	if (len > 64) {
		len = 64;
	}
	itls_put16(pms, len);
	memset(pms + 2, 0, len);
	itls_put16(pms + 2 + len, len);
	memcpy(pms + 4 + len, psk, len);
	prf(e->ms, 48, pms, 4 + 2 * len, "master secret", t->cr, 32, t->sr, 32);
	prf(kb, sizeof kb, e->ms, 48, "key expansion", t->sr, 32, t->cr, 32);
	memcpy(client ? e->wkey : e->rkey, kb, 16);
	memcpy(client ? e->rkey : e->wkey, kb + 16, 16);
	memcpy(client ? e->wsalt : e->rsalt, kb + 32, 4);
	memcpy(client ? e->rsalt : e->wsalt, kb + 36, 4);
	e->wseq = 0;
	e->rseq = 0;
}

static void
emit(struct itls_psktls *t, int from_client, const uint8_t *rec, size_t len)
{
	if (t->on_record != NULL) {
		t->on_record(t->on_record_ctx, from_client, rec, len);
	}
}

static void
gcm(const uint8_t key[16], const uint8_t salt[4], uint64_t seq, uint8_t type,
	size_t plen, int encrypt, uint8_t *explicit_nonce, uint8_t *data, uint8_t tag[16])
{
	br_aes_ct_ctr_keys aes;
	br_gcm_context g;
	uint8_t iv[12], aad[13];

	memcpy(iv, salt, 4);
	memcpy(iv + 4, explicit_nonce, 8);
	itls_put64(aad, seq);
	aad[8] = type;
	aad[9] = 3;
	aad[10] = 3;
	itls_put16(aad + 11, plen);
	br_aes_ct_ctr_init(&aes, key, 16);
	br_gcm_init(&g, &aes.vtable, br_ghash_ctmul);
	br_gcm_reset(&g, iv, sizeof iv);
	br_gcm_aad_inject(&g, aad, sizeof aad);
	br_gcm_flip(&g);
	br_gcm_run(&g, encrypt, data, plen);
	br_gcm_get_tag(&g, tag);
}

/* a protected record of `type` from end e into rec; its length */
static size_t
seal(struct itls_psktls_end *e, uint8_t type, const uint8_t *p, size_t n, uint8_t *rec)
{
	rec[0] = type;
	rec[1] = 3;
	rec[2] = 3;
	itls_put16(rec + 3, 8 + n + 16);
	itls_put64(rec + 5, e->wseq);   /* RFC 5288 §3: the explicit nonce */
	memcpy(rec + 13, p, n);
	gcm(e->wkey, e->wsalt, e->wseq, type, n, 1, rec + 5, rec + 13, rec + 13 + n);
	e->wseq++;
	return 5 + 8 + n + 16;
}

/* open a protected record at end e (in place); the plaintext length or -1 */
static long
open_rec(struct itls_psktls_end *e, uint8_t *rec, size_t len)
{
	uint8_t tag[16];
	size_t n;

	if (len < 5 + 8 + 16) {
		return -1;
	}
	n = len - 5 - 8 - 16;
	gcm(e->rkey, e->rsalt, e->rseq, rec[0], n, 0, rec + 5, rec + 13, tag);
	if (memcmp(tag, rec + 13 + n, 16) != 0) {
		return -1;
	}
	e->rseq++;
	return (long)n;
}

static size_t
plain(uint8_t type, const uint8_t *p, size_t n, uint8_t *rec)
{
	rec[0] = type;
	rec[1] = 3;
	rec[2] = 3;
	itls_put16(rec + 3, n);
	memcpy(rec + 5, p, n);
	return 5 + n;
}

static void
finished(const struct itls_psktls_end *e, const br_sha256_context *hs,
	const char *label, uint8_t out[16])
{
	br_sha256_context h = *hs;
	uint8_t d[32];

	br_sha256_out(&h, d);
	out[0] = 20;
	itls_put24(out + 1, 12);
	prf(out + 4, 12, e->ms, 48, label, d, 32, NULL, 0);
}

int
itls_psktls_handshake(struct itls_psktls *t, const uint8_t cr[32],
	const uint8_t sr[32], const uint8_t *identity, size_t id_len,
	const uint8_t *cpsk, size_t cpsk_len, const uint8_t *spsk, size_t spsk_len)
{
	static uint8_t rec[REC_MAX];
	uint8_t ch[4 + 2 + 32 + 1 + 4 + 2], sh[4 + 2 + 32 + 1 + 2 + 1], shd[4];
	uint8_t cke[4 + 2 + 256], cfin[16], sfin[16], got[16], flight[1024];
	static const uint8_t ccs[1] = { 1 };
	static const uint8_t bad_mac[2] = { 2, 20 };
	br_sha256_context hs;
	size_t n;
	long k;

	memcpy(t->cr, cr, 32);
	memcpy(t->sr, sr, 32);
	t->up = 0;
	if (id_len > 256) {
		return 0;
	}
	/* ClientHello: TLS 1.2, no session, one suite, null compression */
	ch[0] = 1;
	itls_put24(ch + 1, sizeof ch - 4);
	ch[4] = 3;
	ch[5] = 3;
	memcpy(ch + 6, cr, 32);
	ch[38] = 0;
	itls_put16(ch + 39, 2);
	itls_put16(ch + 41, ITLS_PSKTLS_SUITE);
	ch[43] = 1;
	ch[44] = 0;
	/* ServerHello, ServerHelloDone (no identity hint: no ServerKeyExchange) */
	sh[0] = 2;
	itls_put24(sh + 1, sizeof sh - 4);
	sh[4] = 3;
	sh[5] = 3;
	memcpy(sh + 6, sr, 32);
	sh[38] = 0;
	itls_put16(sh + 39, ITLS_PSKTLS_SUITE);
	sh[41] = 0;
	shd[0] = 14;
	itls_put24(shd + 1, 0);
	/* ClientKeyExchange: the PSK identity (RFC 4279 §2) */
	cke[0] = 16;
	itls_put24(cke + 1, 2 + id_len);
	itls_put16(cke + 4, id_len);
	memcpy(cke + 6, identity, id_len);

	br_sha256_init(&hs);
	br_sha256_update(&hs, ch, sizeof ch);
	emit(t, 1, rec, plain(22, ch, sizeof ch, rec));
	br_sha256_update(&hs, sh, sizeof sh);
	br_sha256_update(&hs, shd, sizeof shd);
	memcpy(flight, sh, sizeof sh);
	memcpy(flight + sizeof sh, shd, sizeof shd);
	emit(t, 0, rec, plain(22, flight, sizeof sh + sizeof shd, rec));
	br_sha256_update(&hs, cke, 6 + id_len);
	derive(t, &t->c, 1, cpsk, cpsk_len);
	derive(t, &t->s, 0, spsk, spsk_len);
	emit(t, 1, rec, plain(22, cke, 6 + id_len, rec));
	emit(t, 1, rec, plain(20, ccs, 1, rec));
	finished(&t->c, &hs, "client finished", cfin);
	n = seal(&t->c, 22, cfin, 16, rec);
	emit(t, 1, rec, n);
	/* the server checks the client Finished under its own keys */
	k = open_rec(&t->s, rec, n);
	finished(&t->s, &hs, "client finished", got);
	if (k != 16 || memcmp(rec + 13, got, 16) != 0) {
		emit(t, 0, rec, plain(21, bad_mac, 2, rec));
		return 0;
	}
	br_sha256_update(&hs, cfin, 16);
	emit(t, 0, rec, plain(20, ccs, 1, rec));
	finished(&t->s, &hs, "server finished", sfin);
	n = seal(&t->s, 22, sfin, 16, rec);
	emit(t, 0, rec, n);
	k = open_rec(&t->c, rec, n);
	finished(&t->c, &hs, "server finished", got);
	if (k != 16 || memcmp(rec + 13, got, 16) != 0) {
		return 0;
	}
	t->up = 1;
	return 1;
}

long
itls_psktls_transfer(struct itls_psktls *t, int from_client, const uint8_t *data,
	size_t len, uint8_t *out, size_t cap)
{
	static uint8_t rec[REC_MAX];
	struct itls_psktls_end *w = from_client ? &t->c : &t->s;
	struct itls_psktls_end *r = from_client ? &t->s : &t->c;
	size_t got = 0;

	if (!t->up || len > cap) {
		return -1;
	}
	while (got < len) {
		size_t n = len - got < 16384 ? len - got : 16384, rl;
		long k;
		rl = seal(w, 23, data + got, n, rec);
		emit(t, from_client, rec, rl);
		k = open_rec(r, rec, rl);
		if (k < 0 || (size_t)k != n) {
			return -1;
		}
		memcpy(out + got, rec + 13, n);
		got += n;
	}
	return (long)got;
}

void
itls_psktls_close(struct itls_psktls *t)
{
	static const uint8_t close_notify[2] = { 1, 0 };
	uint8_t rec[5 + 8 + 2 + 16];

	if (!t->up) {
		return;
	}
	emit(t, 1, rec, seal(&t->c, 21, close_notify, 2, rec));
	emit(t, 0, rec, seal(&t->s, 21, close_notify, 2, rec));
	t->up = 0;
}

void
itls_psktls_keylog(const struct itls_psktls *t, char out[32 * 2 + 48 * 2 + 17])
{
	size_t i, o;

	o = (size_t)sprintf(out, "CLIENT_RANDOM ");
	for (i = 0; i < 32; i++) {
		o += (size_t)sprintf(out + o, "%02x", t->cr[i]);
	}
	out[o++] = ' ';
	for (i = 0; i < 48; i++) {
		o += (size_t)sprintf(out + o, "%02x", t->c.ms[i]);
	}
	out[o++] = '\n';
	out[o] = 0;
}
