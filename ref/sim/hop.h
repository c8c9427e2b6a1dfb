/*
 * sim/hop.h -- transport and ports of the simulator's SIP messages
 * (spec/transport.md TR-01..TR-07). Hosted code.
 */
#ifndef ITLS_SIM_HOP_H
#define ITLS_SIM_HOP_H

#include "sim/sim.h"
#include "itls/fsm.h"
#include "itls/secagree.h"

#include <stdint.h>

/* the negotiated ipsec-3gpp parameters (TS 33.203 §7.1) */
struct sim_ipsec {
	int ok;
	uint32_t port_uc, port_us, port_pc, port_ps;
	uint32_t spi_uc, spi_us, spi_pc, spi_ps;
};

/* from the UE's Security-Client line and the P-CSCF's Security-Server line
 * (full lines, "Security-Xxx: ..."); 0, or -1 when one has no usable
 * ipsec-3gpp */
int sim_ipsec_params(const char *client_line, const char *server_line,
	struct sim_ipsec *p);

/* TR-02: the P-CSCF port of the UE's TLS connection: 5061 before any
 * Security-Server (server_value NULL or empty), else what
 * itls_secagree_transport says of the mechanism chosen from the
 * Security-Server value received (SA-27) */
unsigned sim_tls_dport(const char *client_line, const char *server_value);

/* TR-03, TR-04, TR-07: the UE's port for Via and Contact of a request to
 * peer over via (opens the TCP connection of an unprotected request when
 * the UE uses TCP); and the Via transport word */
unsigned sim_ue_port(struct sim_run *r, int peer, enum itls_transport via,
	unsigned offer, const struct sim_ipsec *ip);
const char *sim_ue_transport(struct sim_run *r, int peer, enum itls_transport via,
	unsigned offer);

/* put a SIP message that does not travel inside TLS on the wire */
void sim_wire(struct sim_run *r, int from, int to, enum itls_transport via,
	const struct sim_ipsec *ip, const uint8_t ik[16], const uint8_t *p, size_t n);

#endif
