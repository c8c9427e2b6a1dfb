/*
 * fuzz_secagree.c -- libFuzzer target of ref/core/secagree.c.
 *
 * Property (spec/secagree.md SA-21): for any input the parser accepts,
 * parse -> serialize -> parse -> serialize gives the same canonical line,
 * and the reparsed list equals the first one (SA-25 equality); selecting
 * from a list against itself (as client and server) always finds a
 * mechanism. Never a crash, an out-of-bounds read, or undefined behaviour.
 * The input is also parsed as a bare value and as two lines of one
 * message (split at the first LF), to reach those entry points.
 * SA-32: itls_secagree_parse_ranks gives the same result as
 * itls_secagree_parse_value (same error; on success the same names and q,
 * in order) for both a Security-Server and a Security-Client value, and
 * each q is the number its q text writes, read again here (SA-12).
 * fuzz-config: max_len=65535 seeds=vectors:secagree
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itls/secagree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct itls_secagree_list l1, l2;
static struct itls_secagree_ranks rk;

/* SA-12, read independently: the thousandths a qvalue text writes */
static int
qtext(const char *t, size_t n)
{
	int v = 0, w = 100;
	size_t k;

	if (n == 0 || t[0] == '1') {
		return 1000;
	}
	for (k = 2; k < n && k < 5; k++) {
		v += w * (t[k] - '0');
		w /= 10;
	}
	return v;
}

/* SA-32: the ranks of a value are the names and q of its full parse */
static void
ranks_as_value(const char *in, size_t size, enum itls_secagree_kind kind)
{
	enum itls_err ev = itls_secagree_parse_value(&l1, kind, in, size);
	enum itls_err er = itls_secagree_parse_ranks(&rk, kind, in, size);
	size_t i;

	if (ev != er) {
		abort();
	}
	if (ev != ITLS_OK) {
		return;
	}
	if (rk.count != l1.count || rk.kind != l1.kind) {
		abort();
	}
	for (i = 0; i < rk.count; i++) {
		if (rk.mechs[i].name.off != l1.mechs[i].name.off
			|| rk.mechs[i].name.len != l1.mechs[i].name.len
			|| rk.mechs[i].q != l1.mechs[i].q) {
			abort();
		}
		if (rk.mechs[i].q != ITLS_SECAGREE_Q_NONE && rk.mechs[i].q
			!= qtext(in + rk.mechs[i].qval.off, rk.mechs[i].qval.len)) {
			abort();
		}
	}
}
static char c1[2 * ITLS_SECAGREE_MAX_LEN + 64], c2[2 * ITLS_SECAGREE_MAX_LEN + 64];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	size_t n1 = 0, n2 = 0, idx = 0, i, cut;
	unsigned port;

	if (size > ITLS_SECAGREE_MAX_LEN) {
		return 0;
	}
	/* value-only entry points: the full list and the ranks agree (SA-32) */
	ranks_as_value(in, size, ITLS_SECAGREE_SERVER);
	ranks_as_value(in, size, ITLS_SECAGREE_CLIENT);
	/* two lines of one message */
	for (cut = 0; cut < size && in[cut] != '\n'; cut++) {
	}
	itls_secagree_init(&l1);
	if (cut < size && itls_secagree_append(&l1, in, cut, 0) == ITLS_OK) {
		(void)itls_secagree_append(&l1, in, size, cut + 1);
	}
	if (itls_secagree_parse(&l1, in, size) != ITLS_OK) {
		return 0;
	}
	if (itls_secagree_serialize(&l1, in, size, c1, sizeof c1, &n1) != ITLS_OK) {
		abort();
	}
	if (n1 > ITLS_SECAGREE_MAX_LEN) {
		return 0;
	}
	if (itls_secagree_parse(&l2, c1, n1) != ITLS_OK) {
		abort();                        /* the canonical line must parse */
	}
	if (itls_secagree_serialize(&l2, c1, n1, c2, sizeof c2, &n2) != ITLS_OK
		|| n1 != n2 || memcmp(c1, c2, n1) != 0) {
		abort();                        /* and be a fixed point */
	}
	if (l1.kind != l2.kind || itls_secagree_equal(&l1, in, size, &l2, c1, n1) != ITLS_OK) {
		abort();
	}
	for (i = 0; i < l1.count; i++) {
		(void)itls_secagree_transport(&l1.mechs[i], in, size, &port);
		if (itls_secagree_find(&l1, in, size, in + l1.mechs[i].name.off,
			l1.mechs[i].name.len) > i) {
			abort();
		}
	}
	l1.kind = ITLS_SECAGREE_CLIENT;
	l2.kind = ITLS_SECAGREE_SERVER;
	if (itls_secagree_select(&l1, in, size, &l2, c1, n1, &idx) != ITLS_OK
		|| idx >= l2.count) {
		abort();
	}
	return 0;
}
