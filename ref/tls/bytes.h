/*
 * tls/bytes.h -- big-endian writers and the Internet checksum (RFC 1071),
 * shared by the PSK-TLS records (tls/psktls.c) and the simulator's wire
 * and capture (sim/net.c, sim/pcap.c). Hosted code.
 */
#ifndef ITLS_TLS_BYTES_H
#define ITLS_TLS_BYTES_H

#include <stddef.h>
#include <stdint.h>

static inline void
itls_put16(uint8_t *p, uint64_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void
itls_put24(uint8_t *p, uint64_t v)
{
	p[0] = (uint8_t)(v >> 16);
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)v;
}

static inline void
itls_put32(uint8_t *p, uint64_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline void
itls_put64(uint8_t *p, uint64_t v)
{
	itls_put32(p, v >> 32);
	itls_put32(p + 4, v);
}

/* one's complement sum of n bytes, added to s */
static inline uint32_t
itls_csum_add(uint32_t s, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2) {
		s += ((uint32_t)p[i] << 8) | p[i + 1];
	}
	if (n & 1) {
		s += (uint32_t)p[n - 1] << 8;
	}
	return s;
}

static inline unsigned
itls_csum_fold(uint32_t s)
{
	while (s >> 16) {
		s = (s & 0xffff) + (s >> 16);
	}
	return (~s) & 0xffff;
}

#endif
