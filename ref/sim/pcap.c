/*
 * pcap.c -- the packets recorded by sim/net.c as a classic pcap file
 * (Ethernet, IPv4, TCP/UDP/ESP), and the key log of the TLS connections
 * (spec/transport.md TR-08..TR-11).
 */
#include "sim/net.h"
#include "tls/bytes.h"

#include <string.h>

static void
le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* TR-11: each run of `demo --all` starts on the next multiple of ten
 * minutes at least one minute after the previous run's last packet */
#define RUN_GAP_S 600u

static int
write_pkt(FILE *f, const struct sim_pkt *k, uint64_t base_s, uint16_t ipid)
{
	uint8_t hdr[14 + 20 + 20], ph[12], rec[16];
	size_t l4 = k->proto == SIM_P_TCP ? 20 : k->proto == SIM_P_UDP ? 8 : 0;
	size_t hl = 14 + 20 + l4;
	uint64_t us = k->t_us;
	uint32_t s;

	/* TR-13: well-formed headers, lengths and checksums, so that nothing
	 * in the file is malformed */
	memset(hdr, 0, sizeof hdr);
	/* Ethernet: locally administered MACs 02:00:00:00:<net>:<host> */
	hdr[0] = 0x02; hdr[4] = k->dst[2]; hdr[5] = k->dst[3];
	hdr[6] = 0x02; hdr[10] = k->src[2]; hdr[11] = k->src[3];
	itls_put16(hdr + 12, 0x0800);
	/* IPv4, don't fragment */
	hdr[14] = 0x45;
	itls_put16(hdr + 16, (unsigned)(20 + l4 + k->len));
	itls_put16(hdr + 18, ipid);
	hdr[20] = 0x40;
	hdr[22] = 64;
	hdr[23] = k->proto;
	memcpy(hdr + 26, k->src, 4);
	memcpy(hdr + 30, k->dst, 4);
	itls_put16(hdr + 24, itls_csum_fold(itls_csum_add(0, hdr + 14, 20)));
	memcpy(ph, k->src, 4);
	memcpy(ph + 4, k->dst, 4);
	ph[8] = 0;
	ph[9] = k->proto;
	itls_put16(ph + 10, (unsigned)(l4 + k->len));
	if (k->proto == SIM_P_TCP) {
		uint8_t *tc = hdr + 34;
		itls_put16(tc, k->sport);
		itls_put16(tc + 2, k->dport);
		itls_put32(tc + 4, k->seq);
		itls_put32(tc + 8, k->ack);
		tc[12] = 0x50;
		tc[13] = k->flags;
		itls_put16(tc + 14, 65535);
		s = itls_csum_add(0, ph, 12);
		s = itls_csum_add(s, tc, 20);
		s = itls_csum_add(s, k->data, k->len);
		itls_put16(tc + 16, itls_csum_fold(s));
	} else if (k->proto == SIM_P_UDP) {
		uint8_t *u = hdr + 34;
		itls_put16(u, k->sport);
		itls_put16(u + 2, k->dport);
		itls_put16(u + 4, (unsigned)(8 + k->len));
		s = itls_csum_add(0, ph, 12);
		s = itls_csum_add(s, u, 8);
		s = itls_csum_add(s, k->data, k->len);
		itls_put16(u + 6, itls_csum_fold(s));
	}
	le32(rec, (uint32_t)(SIM_EPOCH + base_s + us / 1000000u));
	le32(rec + 4, (uint32_t)(us % 1000000u));
	le32(rec + 8, (uint32_t)(hl + k->len));
	le32(rec + 12, (uint32_t)(hl + k->len));
	if (fwrite(rec, 1, 16, f) != 16 || fwrite(hdr, 1, hl, f) != hl
		|| (k->len > 0 && fwrite(k->data, 1, k->len, f) != k->len)) {
		return -1;
	}
	return 0;
}

int
sim_pcap_write(FILE *f, const struct sim_run *runs, size_t nruns)
{
	uint8_t gh[24];
	size_t ri, i;
	uint16_t ipid = 1;
	uint64_t base = 0;

	le32(gh, 0xa1b2c3d4u);
	gh[4] = 2; gh[5] = 0;
	gh[6] = 4; gh[7] = 0;
	le32(gh + 8, 0);
	le32(gh + 12, 0);
	le32(gh + 16, 65535);
	le32(gh + 20, 1);   /* Ethernet */
	if (fwrite(gh, 1, sizeof gh, f) != sizeof gh) {
		return -1;
	}
	for (ri = 0; ri < nruns; ri++) {
		const struct sim_net *net = runs[ri].net;
		if (net == NULL) {
			continue;
		}
		for (i = 0; i < net->n; i++) {
			if (write_pkt(f, &net->pk[i], base, ipid++) != 0) {
				return -1;
			}
		}
		if (net->n > 0) {
			uint64_t end = base + net->pk[net->n - 1].t_us / 1000000u + 60u;
			base = (end + RUN_GAP_S - 1) / RUN_GAP_S * RUN_GAP_S;
		}
	}
	return 0;
}

int
sim_keylog_write(FILE *f, const struct sim_run *runs, size_t nruns)
{
	size_t ri;

	for (ri = 0; ri < nruns; ri++) {
		const struct sim_net *net = runs[ri].net;
		if (net == NULL || net->keylog.len == 0) {
			continue;
		}
		if (fwrite(net->keylog.p, 1, net->keylog.len, f) != net->keylog.len) {
			return -1;
		}
	}
	return 0;
}
