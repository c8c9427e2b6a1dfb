/*
 * sim/net.h -- the wire under the simulator: addresses and ports of the
 * actors (TR-nn of spec/transport.md), TCP connections with their
 * handshake and sequence numbers, UDP datagrams, ESP packets of the
 * Rel-5/6 IPsec hop, the TLS records that BearSSL produced, the simulator
 * clock, and the NSS key log. sim/pcap.c writes what is recorded here.
 *
 * Hosted code (not part of the verified core). Everything is recorded in
 * the run (struct sim_run, field net), allocated on first use and freed by
 * sim_free.
 */
#ifndef ITLS_SIM_NET_H
#define ITLS_SIM_NET_H

#include "sim/sim.h"
#include "tls/tls.h"

#include <stddef.h>
#include <stdint.h>

/* TR-10: the simulator clock starts at 2026-01-15 09:00:00 UTC */
#define SIM_EPOCH 1768467600u
/* TR-10: one-way latency of the access hop and of a core hop (us) */
#define SIM_LAT_ACCESS 8000u
#define SIM_LAT_CORE 1000u
/* TR-06: payload bytes of a TCP segment (Ethernet MTU 1500 - 40) */
#define SIM_MSS 1460u

#define SIM_PORT_SIP 5060u      /* TR-01 */
#define SIM_PORT_SIPS 5061u     /* TR-02 */
#define SIM_PORT_EPHEMERAL 49152u
/* TR-19: RFC 3261 §18.1.1, the largest request sent over UDP (MTU - 200) */
#define SIM_UDP_MAX 1300u

enum sim_proto { SIM_P_TCP = 6, SIM_P_UDP = 17, SIM_P_ESP = 50 };

/* TCP flags */
#define SIM_FIN 0x01
#define SIM_SYN 0x02
#define SIM_RST 0x04
#define SIM_PSH 0x08
#define SIM_ACK 0x10

struct sim_pkt {
	uint64_t t_us;            /* simulator clock */
	uint8_t proto;            /* enum sim_proto */
	uint8_t src[4], dst[4];
	uint16_t sport, dport;    /* TCP/UDP; for ESP the ports of the UDP inside */
	uint8_t flags;            /* TCP */
	uint32_t seq, ack;        /* TCP */
	uint8_t *data;            /* TCP/UDP payload; ESP: the whole ESP packet */
	size_t len;
};

#define SIM_CONNS 32

/* TR-20: a NA(P)T between the UE and the P-CSCF */
#define SIM_NAT_MAPS 8
struct sim_nat {
	int on;
	uint8_t pub[4];               /* its public address */
	uint64_t timeout_us;          /* idle time after which a binding is gone */
	struct {
		uint8_t proto;
		unsigned priv, pub;       /* the UE's port, the NAT's port */
		uint64_t last_us;         /* last packet through it */
		int live;
	} map[SIM_NAT_MAPS];
	size_t n;
	unsigned next_port;
};

struct sim_conn {
	int a, b;                 /* a opened the connection toward b */
	unsigned aport, bport;
	uint32_t next[2];         /* next sequence number: [0] a, [1] b */
	int open;
	int tls;                  /* TLS runs on it */
};

struct sim_tls_tap {
	struct sim_run *r;
	int conn;
};

struct sim_net {
	struct sim_pkt *pk;
	size_t n, cap;
	uint64_t clock_us;
	int last_from, last_to;
	struct sim_conn c[SIM_CONNS];
	struct sim_tls_tap tap[SIM_CONNS];
	size_t nc;
	uint32_t esp_seq[2];      /* [0] toward the P-CSCF, [1] toward the UE */
	uint16_t ipid;
	unsigned rnd;
	struct sim_nat nat;
	struct sim_text keylog;
};

/* the IPv4 address of an actor on its hop toward peer (D-SIM-2) */
void sim_addr(int actor, int peer, uint8_t ip[4]);

/* TR-04: the TCP connection from client to server's port dport, opened now
 * (SYN, SYN-ACK, ACK); returns its index */
int sim_tcp_connect(struct sim_run *r, int client, int server, unsigned dport);
/* the last open connection between a and b (either way) that carries TLS
 * (tls 1), does not (tls 0) or either (tls -1); or -1 */
int sim_tcp_find(struct sim_run *r, int a, int b, int tls);
/* the local port of actor on connection c */
unsigned sim_tcp_port(struct sim_run *r, int c, int actor);
/* data from actor `from` on connection c (segments of at most SIM_MSS) */
void sim_tcp_data(struct sim_run *r, int c, int from, const uint8_t *p, size_t n);
/* TR-24: a connection attempt to a closed port: SYN, then RST+ACK */
void sim_tcp_refused(struct sim_run *r, int client, int server, unsigned dport);
/* TR-05: a connection that drops (radio loss, NAT): nothing more on it */
void sim_tcp_drop(struct sim_run *r, int c);
/* TR-05: orderly close started by `from` (FIN, FIN, ACK) */
void sim_tcp_close(struct sim_run *r, int c, int from);
/* a UDP datagram */
void sim_udp(struct sim_run *r, int from, int to, unsigned sport, unsigned dport,
	const uint8_t *p, size_t n);
/*
 * TR-07: a UDP datagram inside ESP (transport mode, NULL encryption,
 * HMAC-SHA-1-96 with IK_ESP = IK || 32 zero bits), SPI spi.
 */
void sim_esp(struct sim_run *r, int from, int to, uint32_t spi, unsigned sport,
	unsigned dport, const uint8_t ik[16], const uint8_t *p, size_t n);

/* TR-08: the records of link l are the TCP payload of connection c */
void sim_tls_tap(struct sim_run *r, struct itls_tls_link *l, int c);
/* the record callback of sim_tls_tap, and its context for connection c */
void sim_tap_record(void *ctx, int from_client, const uint8_t *rec, size_t len);
void *sim_tap_ctx(struct sim_run *r, int c);
/* TR-09: one key log line for the handshake client c just completed */
void sim_keylog(struct sim_run *r, const struct itls_tls_client *c);

/* a line of the key log as it is (PSK-TLS, tls/psktls.h) */
void sim_keylog_line(struct sim_run *r, const char *line);
/* 32 reproducible random bytes (PSK-TLS hello randoms): SHA-256 of the
 * scenario, a counter and label */
void sim_random(struct sim_run *r, const char *label, uint8_t out[32]);

/* TR-20: put a NAT with public address pub and binding timeout (s) in
 * front of the UE; the capture is taken on the P-CSCF's side of it */
void sim_nat_enable(struct sim_run *r, const uint8_t pub[4], unsigned timeout_s);
/* is the binding of the UE's connection c still there (at the present time)? */
int sim_nat_alive(struct sim_run *r, int c);
/* the public port the NAT maps the UE's TCP port of connection c to (0: none) */
unsigned sim_nat_port(struct sim_run *r, int c);
/* TR-10: time passes with nothing on the wire */
void sim_clock_idle(struct sim_run *r, uint64_t us);

/* the simulator's present time, seconds since 1970 (PKI validity) */
uint64_t sim_now(const struct sim_run *r);

void sim_net_free(struct sim_run *r);

#endif
