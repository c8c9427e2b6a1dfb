/*
 * naming_ref.h -- the fuzz targets' own, plain reading of NM-11 (within)
 * and NM-13 (domain syntax), written from spec/naming.md and not from
 * ref/core/naming.c, so that the targets compare two readings of the rule.
 */
#ifndef FUZZ_NAMING_REF_H
#define FUZZ_NAMING_REF_H

#include <stddef.h>
#include <stdint.h>

static inline size_t
ref_trim(const uint8_t *d, size_t n)
{
	return n > 0 && d[n - 1] == '.' ? n - 1 : n;
}

/* NM-13: after one trailing dot, >= 1 byte of [A-Za-z0-9.-], no empty label */
static inline int
ref_domain_ok(const uint8_t *d, size_t n)
{
	size_t i, lab = 0;

	n = ref_trim(d, n);
	if (n == 0) {
		return 0;
	}
	for (i = 0; i < n; i++) {
		uint8_t c = d[i];
		if (c == '.') {
			if (lab == 0) {
				return 0;
			}
			lab = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
			|| (c >= '0' && c <= '9') || c == '-')) {
			return 0;
		}
		lab++;
	}
	return lab > 0;
}

static inline uint8_t
ref_low(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
}

/* NM-11: a equals d or ends with "." d, ASCII case folded, one trailing dot off each */
static inline int
ref_within(const uint8_t *a, size_t an, const uint8_t *d, size_t dn)
{
	size_t i;

	an = ref_trim(a, an);
	dn = ref_trim(d, dn);
	if (dn > an || (dn < an && a[an - dn - 1] != '.')) {
		return 0;
	}
	for (i = 0; i < dn; i++) {
		if (ref_low(a[an - dn + i]) != ref_low(d[i])) {
			return 0;
		}
	}
	return 1;
}

#endif
