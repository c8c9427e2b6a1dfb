/*
 * test_net.c -- the wire under the simulator (ref/sim/net.c, hop.c,
 * ref/tls/psktls.c): spec/transport.md. The capture of each scenario is
 * checked packet by packet: TCP handshakes and sequence numbers, segment
 * sizes, ports, ESP, the clock; PSK-TLS with equal and different PSKs.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "sim/hop.h"
#include "sim/net.h"
#include "sim/sim.h"
#include "tls/psktls.h"

static void
run(int scn, struct sim_run *r)
{
	cr_assert_eq(sim_run(scn, r), 0);
	cr_assert(r->pass, "%s: %s", sim_scenarios[scn].name, r->verdict);
	cr_assert_not_null(r->net);
}

/* TCP seq/ack replayed from the packets alone: every segment starts where
 * its direction left off and acknowledges everything the other side sent */
static void
check_tcp(const struct sim_run *r)
{
	struct { uint8_t a[4], b[4]; unsigned ap, bp; uint32_t next[2]; int syn[2]; } c[64];
	size_t nc = 0, i, k;

	for (i = 0; i < r->net->n; i++) {
		const struct sim_pkt *p = &r->net->pk[i];
		int d = -1;
		if (p->proto != SIM_P_TCP) {
			continue;
		}
		cr_assert_leq(p->len, SIM_MSS, "TR-06: segment of %zu bytes", p->len);
		for (k = 0; k < nc && d < 0; k++) {
			if (!memcmp(c[k].a, p->src, 4) && c[k].ap == p->sport && c[k].bp == p->dport) {
				d = 0;
			} else if (!memcmp(c[k].b, p->src, 4) && c[k].bp == p->sport && c[k].ap == p->dport) {
				d = 1;
			}
		}
		if (d < 0) {
			/* TR-04: a new connection starts with a SYN alone */
			cr_assert_eq(p->flags, SIM_SYN, "packet %zu", i);
			/* (TR-20: behind the NAT, the NAT's ports from 40000) */
			cr_assert_geq(p->sport, p->src[0] == 198 ? 40000u : SIM_PORT_EPHEMERAL);
			k = nc++;
			memcpy(c[k].a, p->src, 4);
			memcpy(c[k].b, p->dst, 4);
			c[k].ap = p->sport;
			c[k].bp = p->dport;
			c[k].next[0] = p->seq + 1;
			c[k].syn[0] = 1;
			c[k].syn[1] = 0;
			continue;
		}
		k--;
		if (!c[k].syn[d] && p->flags == (SIM_RST | SIM_ACK)) {
			/* TR-24: refused; the port pair is not used again in a run */
			cr_assert_eq(p->ack, c[k].next[0]);
			c[k].ap = 0;
			continue;
		}
		if (!c[k].syn[d]) {
			cr_assert_eq(p->flags, SIM_SYN | SIM_ACK);
			cr_assert_eq(p->ack, c[k].next[0]);
			c[k].next[1] = p->seq + 1;
			c[k].syn[1] = 1;
			continue;
		}
		cr_assert_eq(p->seq, c[k].next[d], "TR-04: seq of packet %zu", i);
		cr_assert(p->flags & SIM_ACK);
		cr_assert_eq(p->ack, c[k].next[1 - d], "TR-04: ack of packet %zu", i);
		c[k].next[d] += (uint32_t)p->len + ((p->flags & SIM_FIN) ? 1u : 0u);
	}
}

Test(net, every_scenario_tcp, .description = "TR-04 TR-05 TR-06 TR-10 TR-13 TR-24")
{
	int s;

	for (s = 0; s < SIM_SCN_COUNT; s++) {
		struct sim_run r;
		size_t i;
		run(s, &r);
		check_tcp(&r);
		/* TR-10: the clock only moves forward, from the first hop's latency */
		cr_assert_geq(r.net->pk[0].t_us, SIM_LAT_CORE);
		for (i = 1; i < r.net->n; i++) {
			cr_assert_gt(r.net->pk[i].t_us, r.net->pk[i - 1].t_us);
		}
		cr_assert_geq(sim_now(&r), SIM_EPOCH);
		sim_free(&r);
	}
}

Test(net, itls_ports, .description = "TR-02 TR-04 TR-05 TR-08 TR-09")
{
	struct sim_run r;
	const struct sim_pkt *p;

	run(SIM_ITLS, &r);
	p = &r.net->pk[0];
	cr_assert_eq(p->flags, SIM_SYN);
	cr_assert_eq(p->dport, SIM_PORT_SIPS);
	/* the ClientHello record follows the handshake */
	p = &r.net->pk[3];
	cr_assert_eq(p->data[0], 22);
	cr_assert_eq(p->data[5], 1);
	/* one key log line: CLIENT_RANDOM, 64 hex, 96 hex */
	cr_assert_eq(r.net->keylog.len, 14 + 64 + 1 + 96 + 1);
	cr_assert_eq(strncmp(r.net->keylog.p, "CLIENT_RANDOM ", 14), 0);
	sim_free(&r);
}

Test(net, secagree_first_tcp_then_tls, .description = "TR-02 TR-03")
{
	struct sim_run r;
	size_t i, nsyn = 0;
	unsigned ports[4];

	run(SIM_SECAGREE_FIRST, &r);
	for (i = 0; i < r.net->n; i++) {
		const struct sim_pkt *p = &r.net->pk[i];
		if (p->proto == SIM_P_TCP && p->flags == SIM_SYN && nsyn < 4) {
			ports[nsyn++] = p->dport;
		}
	}
	cr_assert_eq(nsyn, 2);
	cr_assert_eq(ports[0], SIM_PORT_SIP);
	cr_assert_eq(ports[1], SIM_PORT_SIPS);
	sim_free(&r);
}

Test(net, ipsec_ports_and_icv, .description = "TR-01 TR-07")
{
	struct sim_run r;
	size_t i, nesp = 0;
	static const uint8_t ik[16] = {
		0xf7, 0x69, 0xbc, 0xd7, 0x51, 0x04, 0x46, 0x04,
		0x12, 0x76, 0x72, 0x71, 0x1c, 0x6d, 0x34, 0x41 };

	run(SIM_NO_TLS_UE, &r);
	for (i = 0; i < r.net->n; i++) {
		const struct sim_pkt *p = &r.net->pk[i];
		uint8_t key[20], icv[12];
		br_hmac_key_context kc;
		br_hmac_context hc;
		cr_assert_neq(p->proto, SIM_P_TCP, "TR-01: a Rel-5/6 UE uses UDP");
		if (p->proto != SIM_P_ESP) {
			cr_assert_eq(p->sport, SIM_PORT_SIP);
			cr_assert_eq(p->dport, SIM_PORT_SIP);
			continue;
		}
		nesp++;
		if (p->src[3] == 1) {
			cr_assert_eq(p->sport, 5062);   /* port-c of the UE */
			cr_assert_eq(p->dport, 5068);   /* port-s of the P-CSCF */
			cr_assert_eq(p->data[2] * 256 + p->data[3], 44444);
		} else {
			cr_assert_eq(p->sport, 5066);
			cr_assert_eq(p->dport, 5064);
			cr_assert_eq(p->data[2] * 256 + p->data[3], 22222);
		}
		/* the inner UDP ports are the packet's */
		cr_assert_eq(p->data[8] * 256 + p->data[9], p->sport);
		/* ICV: HMAC-SHA-1-96 under IK || 0^32 (TS 33.203 §6.3), recomputed */
		memcpy(key, ik, 16);
		memset(key + 16, 0, 4);
		br_hmac_key_init(&kc, &br_sha1_vtable, key, 20);
		br_hmac_init(&hc, &kc, 12);
		br_hmac_update(&hc, p->data, p->len - 12);
		br_hmac_out(&hc, icv);
		cr_assert_arr_eq(icv, p->data + p->len - 12, 12);
		/* trailer: next header UDP */
		cr_assert_eq(p->data[p->len - 13], 17);
	}
	cr_assert_eq(nesp, 2);   /* SM7 and SM12 */
	sim_free(&r);
}

Test(net, ipsec_params_from_headers, .description = "TR-07")
{
	struct sim_ipsec ip;

	cr_assert_eq(sim_ipsec_params(
		"Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=7001;port-s=7002",
		"Security-Server: tls;q=0.2, ipsec-3gpp;q=0.1;alg=hmac-sha-1-96;spi-c=3;spi-s=4;port-c=8001;port-s=8002",
		&ip), 0);
	cr_assert_eq(ip.port_uc, 7001);
	cr_assert_eq(ip.port_us, 7002);
	cr_assert_eq(ip.port_pc, 8001);
	cr_assert_eq(ip.port_ps, 8002);
	cr_assert_eq(ip.spi_us, 2);
	cr_assert_eq(ip.spi_ps, 4);
	cr_assert_eq(sim_ipsec_params("Security-Client: tls", "Security-Server: tls", &ip), -1);
	cr_assert_eq(ip.ok, 0);
}

Test(net, tls_port_from_chosen_mechanism, .description = "TR-02 SA-27")
{
	cr_assert_eq(sim_tls_dport("Security-Client: tls", NULL), 5061);
	cr_assert_eq(sim_tls_dport("Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=7001;port-s=7002, tls",
		"tls;q=0.2, ipsec-3gpp;q=0.1;alg=hmac-sha-1-96;spi-c=3;spi-s=4;port-c=8001;port-s=8002"), 5061);
}

/* TR-12: records of a PSK-TLS run */
struct recs {
	int n;
	int dir[32];
	uint8_t type[32];
};

static void
on_rec(void *ctx, int from_client, const uint8_t *rec, size_t len)
{
	struct recs *rs = ctx;

	(void)len;
	if (rs->n < 32) {
		rs->dir[rs->n] = from_client;
		rs->type[rs->n] = rec[0];
		rs->n++;
	}
}

Test(net, psktls_equal_and_different, .description = "TR-12")
{
	struct itls_psktls t;
	struct recs rs;
	uint8_t cr[32], sr[32], a[32], b[32], out[64];
	char kl[32 * 2 + 48 * 2 + 17];
	static const char msg[] = "REGISTER sip:operator1.ims.com SIP/2.0\r\n";

	memset(cr, 1, 32);
	memset(sr, 2, 32);
	memset(a, 0x5a, 32);
	memcpy(b, a, 32);
	memset(&t, 0, sizeof t);
	memset(&rs, 0, sizeof rs);
	t.on_record = on_rec;
	t.on_record_ctx = &rs;
	cr_assert_eq(itls_psktls_handshake(&t, cr, sr, (const uint8_t *)"user1", 5, a, 32, b, 32), 1);
	/* ClientHello; ServerHello+Done; CKE; CCS; Finished; CCS; Finished */
	cr_assert_eq(rs.n, 7);
	cr_assert_eq(rs.type[3], 20);
	cr_assert_eq(rs.type[6], 22);
	cr_assert_eq(rs.dir[6], 0);
	cr_assert_eq(itls_psktls_transfer(&t, 1, (const uint8_t *)msg, sizeof msg - 1, out, sizeof out),
		(long)(sizeof msg - 1));
	cr_assert_arr_eq(out, msg, sizeof msg - 1);
	cr_assert_eq(rs.type[7], 23);
	itls_psktls_keylog(&t, kl);
	cr_assert_eq(strlen(kl), 14 + 64 + 1 + 96 + 1);
	/* one bit of difference in the server's PSK: refused with bad_record_mac */
	b[31] ^= 1;
	memset(&rs, 0, sizeof rs);
	cr_assert_eq(itls_psktls_handshake(&t, cr, sr, (const uint8_t *)"user1", 5, a, 32, b, 32), 0);
	cr_assert_eq(rs.n, 6);
	cr_assert_eq(rs.type[5], 21);
	cr_assert_eq(rs.dir[5], 0);
	cr_assert_eq(itls_psktls_transfer(&t, 1, (const uint8_t *)msg, sizeof msg - 1, out, sizeof out), -1);
}

Test(net, tcp_upgrade_one_connection, .description = "TR-14 TR-03")
{
	struct sim_run r;
	size_t i, nsyn = 0, tls_on_5060 = 0;

	run(SIM_TCP_UPGRADE, &r);
	for (i = 0; i < r.net->n; i++) {
		const struct sim_pkt *p = &r.net->pk[i];
		if (p->proto != SIM_P_TCP) {
			continue;
		}
		nsyn += p->flags == SIM_SYN;
		cr_assert(p->sport == 5060 || p->dport == 5060);
		if (p->len > 0 && p->data[0] == 22) {
			tls_on_5060++;
		}
	}
	cr_assert_eq(nsyn, 1);
	cr_assert_geq(tls_on_5060, 4);   /* hello, server flight, CKE, Finished x2 */
	sim_free(&r);
}

Test(net, nat_rewrites_and_keeps_alive, .description = "TR-19 TR-20 TR-22 TR-23")
{
	struct sim_run r;
	size_t i, from_nat = 0, from_ue = 0, big_tcp = 0;

	run(SIM_NAT_TLS, &r);
	for (i = 0; i < r.net->n; i++) {
		const struct sim_pkt *p = &r.net->pk[i];
		if (p->src[0] == 198) {
			from_nat++;
			cr_assert_geq(p->sport, 40000);
			cr_assert_lt(p->sport, 40010);
		}
		from_ue += p->src[0] == 10 && p->src[2] == 0 && p->src[3] == 1;
		if (p->proto == SIM_P_TCP && p->src[2] == 1 && p->len > 0 && p->dport == 5060) {
			big_tcp++;
		}
		if (p->proto == SIM_P_UDP) {
			cr_assert_leq(p->len, SIM_UDP_MAX, "TR-19");
		}
	}
	cr_assert_gt(from_nat, 0);
	cr_assert_eq(from_ue, 0, "TR-20: the capture is outside the NAT");
	cr_assert_geq(big_tcp, 1, "TR-19: the long MESSAGE over TCP");
	/* the clock covers two registrations and more than 10 minutes */
	cr_assert_gt(sim_now(&r) - SIM_EPOCH, 600);
	sim_free(&r);
}

Test(net, nat_ipsec_dropped, .description = "TR-21")
{
	struct sim_run r;
	size_t i, esp = 0;

	run(SIM_NAT_IPSEC, &r);
	for (i = 0; i < r.net->n; i++) {
		const struct sim_pkt *p = &r.net->pk[i];
		if (p->proto == SIM_P_ESP) {
			esp++;
			cr_assert_eq(p->src[0], 198);
			cr_assert_eq(p->sport, 5062);   /* ESP has no port for the NAT to map */
		}
	}
	cr_assert_eq(esp, 1);   /* SM7 only: nothing comes back */
	sim_free(&r);
}
