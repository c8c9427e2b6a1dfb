/*
 * sim/sim.h -- the registration simulator behind `itls demo` and the flow
 * tests.
 *
 * Actors: a UE (USIM with K, OPc; a BearSSL TLS client with the capturing
 * X.509 engine; the UE state machine of itls/ue.h), a P-CSCF (a BearSSL TLS
 * server with the certificate and key of vectors/certs/pcscf-rsa.*; the
 * state machine of itls/pcscf.h), an I-CSCF that relays, an S-CSCF with the
 * HSS/AuC (Milenage) that challenges and checks the Digest response, and,
 * in some scenarios, a man in the middle with its own certificate
 * (vectors/certs/mitm.*) that relays SIP between two TLS connections.
 *
 * Every message is SIP text built by its sender and parsed back by its
 * receiver (sim/sip.h, then itls/secagree.h and itls/authparam.h). The UE ->
 * P-CSCF hop runs inside a real in-memory TLS 1.2 connection (tls/tls.h)
 * when TLS is in use. Nothing here decides protocol behaviour: the two state
 * machines do; the simulator carries out their actions.
 *
 * A run records a ladder of entries (messages with their security headers,
 * TLS records, state machine transitions, notes) that sim/ladder.c prints
 * as text or graphviz, and the packets that crossed the simulated wire
 * (sim/net.c, sim/hop.c: TCP, UDP, ESP, the TLS records, the clock, the key
 * log) that sim/pcap.c writes (spec/transport.md).
 */
#ifndef ITLS_SIM_SIM_H
#define ITLS_SIM_SIM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct sim_net;

enum sim_scn {
	SIM_ITLS = 0,
	SIM_SECAGREE_FIRST,
	SIM_PREFER_IPSEC,
	SIM_FALLBACK_IPSEC,
	SIM_PSK,
	SIM_MITM,
	SIM_BAD_CTOKEN,
	SIM_BID_DOWN,
	SIM_NO_TLS_UE,
	SIM_RESUME,
	SIM_TCP_UPGRADE,
	SIM_PKI,
	SIM_PKI_UNTRUSTED,
	SIM_PKI_WRONG_DOMAIN,
	SIM_PKI_ROAMING,
	SIM_AKAV2,
	SIM_NAT_TLS,
	SIM_NAT_IPSEC,
	SIM_REAUTH,
	SIM_SCN_COUNT
};

struct sim_scenario {
	const char *name;
	const char *title;     /* one line */
	const char *source;    /* seed figure / section */
	const char *expect;    /* how the run must end */
};

extern const struct sim_scenario sim_scenarios[SIM_SCN_COUNT];
/* index of a scenario name, or -1 */
int sim_find(const char *name);

enum sim_actor {
	SIM_A_UE = 0,
	SIM_A_MITM,
	SIM_A_PCSCF,
	SIM_A_ICSCF,
	SIM_A_SCSCF,
	SIM_A_COUNT
};
const char *sim_actor_name(int a);

enum sim_kind {
	SIM_E_MSG = 0,    /* a SIP message */
	SIM_E_TLS,        /* TLS records one way (handshake messages, alerts) */
	SIM_E_STEP,       /* a state machine transition */
	SIM_E_NOTE,       /* a remark by one actor */
	SIM_E_PART        /* the title of a sub-run */
};

#define SIM_LINES 8
#define SIM_LINE_MAX 320

struct sim_entry {
	enum sim_kind kind;
	int from, to;             /* actors; to == from for STEP and NOTE */
	char via[16];             /* "TLS", "UDP", "IPsec", "PSK-TLS" */
	char label[160];
	char line[SIM_LINES][SIM_LINE_MAX];
	size_t nlines;
	char *text;               /* MSG: the SIP text as sent (heap) */
	size_t text_len;
	int tcp;                  /* MSG: 1 inside TLS (drawn '=') */
};

struct sim_run {
	int scn;
	struct sim_entry *e;
	size_t n, cap;
	int pass;                 /* 1 when the run ended as the spec says */
	char verdict[512];
	/* numbers (make bench) */
	double ns_total;          /* the whole registration */
	double ns_tls;            /* inside TLS handshakes */
	double ns_fsm;            /* inside itls_ue_step / itls_pc_step (tokens, PSK, names) */
	size_t tls_bytes;
	/* which table rows fired (coverage for the tests) */
	unsigned char ue_rows[128];
	unsigned char pc_rows[128];
	struct sim_net *net;      /* the wire: packets, clock, key log (sim/net.h) */
};

/* run scenario scn (0 .. SIM_SCN_COUNT-1); fills *r (sim_free afterwards).
 * Returns 0 when it ran (r->pass says whether it ended as expected), -1 on
 * an internal failure (message in r->verdict). */
int sim_run(int scn, struct sim_run *r);
void sim_free(struct sim_run *r);
/* sizes of the two state structs (bytes) */
size_t sim_sizeof_ue(void);
size_t sim_sizeof_pc(void);

/* ---- output (sim/ladder.c) --------------------------------------------- */

/* a growing text buffer */
struct sim_text {
	char *p;
	size_t len, cap;
};
void sim_text_init(struct sim_text *t);
void sim_text_free(struct sim_text *t);
void sim_text_printf(struct sim_text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* the ladder as text */
void sim_ladder_text(const struct sim_run *r, struct sim_text *t);
/* every SIP message of the run in full, as markdown (spec/generated/) */
void sim_messages_md(const struct sim_run *r, struct sim_text *t);
/* the ladder as a graphviz digraph */
void sim_ladder_dot(const struct sim_run *r, struct sim_text *t);
/* the packets of the runs as a pcap file (Ethernet/IPv4/TCP, UDP, ESP;
 * sim/pcap.c) and the NSS key log of their TLS connections */
int sim_pcap_write(FILE *f, const struct sim_run *runs, size_t nruns);
int sim_keylog_write(FILE *f, const struct sim_run *runs, size_t nruns);

/* the transition tables as markdown, and as graphviz (machine: "ue"|"pcscf") */
int sim_table_md(const char *machine, struct sim_text *t);
int sim_table_dot(const char *machine, struct sim_text *t);

#endif
