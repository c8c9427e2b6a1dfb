/*
 * hop.c -- which transport and which ports a SIP message of the simulator
 * takes (spec/transport.md TR-01..TR-07), from the Security-Client and
 * Security-Server lines through the core parser (itls/secagree.h).
 */
#include "sim/hop.h"
#include "sim/net.h"

#include "itls/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
param_uint(const struct itls_secagree_mech *m, const char *buf, const char *name,
	uint32_t *out)
{
	size_t i, nl = strlen(name);

	for (i = 0; i < m->nparams; i++) {
		const struct itls_secagree_param *p = &m->params[i];
		if (p->name.len == nl && strncmp(buf + p->name.off, name, nl) == 0
			&& p->has_value && p->value.len > 0 && p->value.len < 11) {
			char tmp[12];
			char *end;
			unsigned long v;
			memcpy(tmp, buf + p->value.off, p->value.len);
			tmp[p->value.len] = 0;
			v = strtoul(tmp, &end, 10);
			if (*end != 0 || v > 0xffffffffUL) {
				return -1;
			}
			*out = (uint32_t)v;
			return 0;
		}
	}
	return -1;
}

/* the ipsec-3gpp mechanism of a line: port-c, port-s, spi-c, spi-s */
static int
ipsec_of(const char *line, uint32_t *pc, uint32_t *ps, uint32_t *sc, uint32_t *ss)
{
	struct itls_secagree_list *l = malloc(sizeof *l);
	size_t len = strlen(line), i;
	int rc = -1;

	if (l == NULL) {
		abort();
	}
	if (itls_secagree_parse(l, line, len) == ITLS_OK) {
		i = itls_secagree_find(l, line, len, "ipsec-3gpp", 10);
		if (i < l->count
			&& param_uint(&l->mechs[i], line, "port-c", pc) == 0
			&& param_uint(&l->mechs[i], line, "port-s", ps) == 0
			&& param_uint(&l->mechs[i], line, "spi-c", sc) == 0
			&& param_uint(&l->mechs[i], line, "spi-s", ss) == 0) {
			rc = 0;
		}
	}
	free(l);
	return rc;
}

int
sim_ipsec_params(const char *client_line, const char *server_line, struct sim_ipsec *p)
{
	/* TR-07: TS 33.203 §7.1, the UE's ports and SPIs from its
	 * Security-Client, the P-CSCF's from its Security-Server */
	memset(p, 0, sizeof *p);
	if (ipsec_of(client_line, &p->port_uc, &p->port_us, &p->spi_uc, &p->spi_us) != 0
		|| ipsec_of(server_line, &p->port_pc, &p->port_ps, &p->spi_pc, &p->spi_ps) != 0) {
		return -1;
	}
	p->ok = 1;
	return 0;
}

unsigned
sim_tls_dport(const char *client_line, const char *server_value)
{
	struct itls_secagree_list *c, *s;
	unsigned port = SIM_PORT_SIPS;
	size_t idx;
	char server_line[1100];

	/* TR-02: TLS first, before any Security-Server: the SIPS port (UE-02) */
	if (server_value == NULL || server_value[0] == 0) {
		return SIM_PORT_SIPS;
	}
	snprintf(server_line, sizeof server_line, "Security-Server: %s", server_value);
	c = malloc(sizeof *c);
	s = malloc(sizeof *s);
	if (c == NULL || s == NULL) {
		abort();
	}
	/* SA-27: the chosen mechanism says where the TLS connection goes */
	if (itls_secagree_parse(c, client_line, strlen(client_line)) == ITLS_OK
		&& itls_secagree_parse(s, server_line, strlen(server_line)) == ITLS_OK
		&& itls_secagree_select(c, client_line, strlen(client_line), s, server_line,
			strlen(server_line), &idx) == ITLS_OK) {
		unsigned p = 0;
		if (itls_secagree_transport(&s->mechs[idx], server_line, strlen(server_line), &p) == 1) {
			port = p;
		}
	}
	free(c);
	free(s);
	return port;
}

static int
ue_side(int a)
{
	return a == SIM_A_UE || a == SIM_A_MITM;
}

unsigned
sim_ue_port(struct sim_run *r, int peer, enum itls_transport via, unsigned offer,
	const struct sim_ipsec *ip)
{
	int c;

	switch (via) {
	case ITLS_TR_TLS:
		/* TR-04: the source port of the TLS connection */
		c = sim_tcp_find(r, SIM_A_UE, peer, 1);
		return c >= 0 ? sim_tcp_port(r, c, SIM_A_UE) : SIM_PORT_SIPS;
	case ITLS_TR_IPSEC:
		/* TR-07: the protected server port of the UE */
		return ip != NULL && ip->ok ? ip->port_us : SIM_PORT_SIP;
	default:
		/* TR-03: over TCP when the UE offers tls (seed 002) */
		if (offer & ITLS_OFFER_TLS) {
			c = sim_tcp_find(r, SIM_A_UE, peer, 0);
			if (c < 0) {
				c = sim_tcp_connect(r, SIM_A_UE, peer, SIM_PORT_SIP);
			}
			return sim_tcp_port(r, c, SIM_A_UE);
		}
		return SIM_PORT_SIP;
	}
}

const char *
sim_ue_transport(struct sim_run *r, int peer, enum itls_transport via, unsigned offer)
{
	(void)r;
	(void)peer;
	if (via == ITLS_TR_TLS) {
		return "TLS";
	}
	if (via == ITLS_TR_PLAIN && (offer & ITLS_OFFER_TLS)) {
		return "TCP";
	}
	return "UDP";
}

void
sim_wire(struct sim_run *r, int from, int to, enum itls_transport via,
	const struct sim_ipsec *ip, const uint8_t ik[16], const uint8_t *p, size_t n)
{
	int c;

	if (!ue_side(from) && !ue_side(to)) {
		/* TR-19: a message longer than 1300 bytes goes over TCP */
		if (n > SIM_UDP_MAX) {
			c = sim_tcp_find(r, from, to, 0);
			if (c < 0) {
				c = sim_tcp_connect(r, from, to, SIM_PORT_SIP);
			}
			sim_tcp_data(r, c, from, p, n);
			return;
		}
		/* TR-01: the core hops, UDP between the SIP ports */
		sim_udp(r, from, to, SIM_PORT_SIP, SIM_PORT_SIP, p, n);
		return;
	}
	if (via == ITLS_TR_IPSEC && ip != NULL && ip->ok) {
		/* TR-07: UE port_uc -> P-CSCF port_ps under spi_ps; P-CSCF
		 * port_pc -> UE port_us under spi_us */
		if (ue_side(from)) {
			sim_esp(r, from, to, ip->spi_ps, ip->port_uc, ip->port_ps, ik, p, n);
		} else {
			sim_esp(r, from, to, ip->spi_us, ip->port_pc, ip->port_us, ik, p, n);
		}
		return;
	}
	/* TR-03: an unprotected message goes over the TCP connection between
	 * the two when there is one (a response on the request's connection),
	 * else over UDP between the SIP ports */
	c = sim_tcp_find(r, from, to, 0);
	if (c < 0 && via == ITLS_TR_PLAIN && r->net != NULL && sim_tcp_find(r, SIM_A_UE,
		from == SIM_A_UE ? to : from, 0) >= 0 && (from == SIM_A_MITM || to == SIM_A_MITM)) {
		/* an attacker on a TCP path speaks TCP too */
		c = sim_tcp_connect(r, from, to, SIM_PORT_SIP);
	}
	if (c >= 0) {
		sim_tcp_data(r, c, from, p, n);
		return;
	}
	sim_udp(r, from, to, SIM_PORT_SIP, SIM_PORT_SIP, p, n);
}
