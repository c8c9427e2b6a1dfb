/*
 * fuzz_x509name.c -- libFuzzer target for the certificate reader
 * (spec/naming.md NM-01 .. NM-08) and the name check built on it (NM-20).
 *
 * Any input must give ITLS_OK or one DER reason; on success every view
 * lies inside the input and the check runs to a verdict. Seed corpus:
 * the DER files of vectors/certs (tests/fuzz/run.sh).
 * fuzz-config: max_len=65535 seeds=certs
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "itls/naming.h"
#include "itls/x509name.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct itls_x509_names nm;
	enum itls_err e;
	size_t i;
	static const uint8_t dom[] = "ims.com";
	static const uint8_t realm[] = "operator1@ims.com";

	e = itls_x509_names_parse(data, size, &nm);
	if (e != ITLS_OK) {
		if (!(e == ITLS_ERR_EMPTY
			|| (e >= ITLS_ERR_DER_TRUNCATED && e <= ITLS_ERR_DER_BAD_VALUE))) {
			abort();
		}
		return 0;
	}
	if (nm.n_cn > ITLS_X509_MAX_CN || nm.n_san > ITLS_X509_MAX_SAN) {
		abort();
	}
	for (i = 0; i < nm.n_cn; i++) {
		if (nm.cn[i].off + nm.cn[i].len > size) {
			abort();
		}
	}
	for (i = 0; i < nm.n_san; i++) {
		if (nm.san[i].off + nm.san[i].len > size
			|| memchr(data + nm.san[i].off, 0, nm.san[i].len) != NULL) {
			abort();
		}
	}
	if (nm.tbs.off + nm.tbs.len > size || nm.spki.off + nm.spki.len > size
		|| nm.validity.off + nm.validity.len > size) {
		abort();
	}
	(void)itls_name_source(&nm, data, size);
	(void)itls_name_check_names(&nm, data, size, dom, 7, realm, 17, 1, 0);
	(void)itls_name_check_names(&nm, data, size, dom, 7, realm, 0, 0, 1);
	return 0;
}
