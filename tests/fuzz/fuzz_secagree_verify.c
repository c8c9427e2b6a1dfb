/*
 * fuzz_secagree_verify.c -- libFuzzer target of itls_secagree_verify (SA-25,
 * SA-26: the P-CSCF's no-bid-down check of Security-Verify in SM7).
 * fuzz-config: max_len=65535 seeds=sa-pairs
 *
 * Input: two values split at the first LF: the P-CSCF's Security-Server
 * value, then the UE's Security-Verify value. Properties, checked against
 * the canonical lines (SA-21), not against the function's own code:
 *   - verify says ITLS_OK exactly when the two canonical values are the
 *     same bytes (and mismatch otherwise);
 *   - the Security-Verify a UE builds by echoing the server's canonical
 *     value always verifies (reflexive);
 *   - one byte changed in the echoed value (that still parses to another
 *     canonical value) is refused: mismatch;
 *   - wrong kinds are bad-header-name whatever the content.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itls/secagree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CAP (2 * ITLS_SECAGREE_MAX_LEN + 64)
static struct itls_secagree_list ls, lv, le;
static char cs[CAP], cv[CAP], ce[CAP], echo[CAP];

/* the canonical value: the canonical line without its 17-byte name */
static int
canon(const struct itls_secagree_list *l, const char *b, size_t n, char *out, size_t *on)
{
	if (itls_secagree_serialize(l, b, n, out, CAP, on) != ITLS_OK || *on < 17) {
		abort();        /* a parsed list always serializes (SA-21) */
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	size_t cut, ns, nv, ne, nen;
	enum itls_err r;
	int same;

	if (size > ITLS_SECAGREE_MAX_LEN) {
		return 0;
	}
	for (cut = 0; cut < size && in[cut] != '\n'; cut++) {
	}
	if (itls_secagree_parse_value(&ls, ITLS_SECAGREE_SERVER, in, cut) != ITLS_OK) {
		return 0;
	}
	canon(&ls, in, cut, cs, &ns);
	/* reflexive: the echo of the server's canonical value verifies */
	memcpy(echo, cs + 17, ns - 17);
	nen = ns - 17;
	if (itls_secagree_parse_value(&le, ITLS_SECAGREE_VERIFY, echo, nen) != ITLS_OK
		|| itls_secagree_verify(&ls, in, cut, &le, echo, nen) != ITLS_OK) {
		abort();
	}
	/* kinds: a Security-Client or -Server list in place of Security-Verify */
	le.kind = ITLS_SECAGREE_SERVER;
	if (itls_secagree_verify(&ls, in, cut, &le, echo, nen) != ITLS_ERR_BAD_HEADER_NAME) {
		abort();
	}
	le.kind = ITLS_SECAGREE_VERIFY;
	ls.kind = ITLS_SECAGREE_CLIENT;
	if (itls_secagree_verify(&ls, in, cut, &le, echo, nen) != ITLS_ERR_BAD_HEADER_NAME) {
		abort();
	}
	ls.kind = ITLS_SECAGREE_SERVER;
	/* a one-byte change of the echo, chosen by the input's length */
	if (nen > 0) {
		size_t k = size % nen;
		echo[k] = (char)(echo[k] ^ 0x01);
		if (itls_secagree_parse_value(&le, ITLS_SECAGREE_VERIFY, echo, nen) == ITLS_OK) {
			canon(&le, echo, nen, ce, &ne);
			same = ne == ns && memcmp(ce + 17, cs + 17, ns - 17) == 0;
			r = itls_secagree_verify(&ls, in, cut, &le, echo, nen);
			if (r != (same ? ITLS_OK : ITLS_ERR_MISMATCH)) {
				abort();
			}
		}
	}
	/* the input's own second value */
	if (cut >= size) {
		return 0;
	}
	if (itls_secagree_parse_value(&lv, ITLS_SECAGREE_VERIFY, in + cut + 1,
		size - cut - 1) != ITLS_OK) {
		return 0;
	}
	canon(&lv, in + cut + 1, size - cut - 1, cv, &nv);
	same = nv == ns && memcmp(cv + 17, cs + 17, ns - 17) == 0;
	r = itls_secagree_verify(&ls, in, cut, &lv, in + cut + 1, size - cut - 1);
	if (r != (same ? ITLS_OK : ITLS_ERR_MISMATCH)) {
		abort();
	}
	return 0;
}
