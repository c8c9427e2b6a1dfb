/*
 * sim.c -- the actors and the scenarios of `itls demo` (see sim/sim.h).
 *
 * The network is a FIFO of deliveries. An actor that sends a message
 * builds its SIP text, records it in the ladder, moves it (through the
 * in-memory TLS connection when the hop uses TLS) and queues it for the
 * receiver; the receiver parses the text with the core parsers, turns it
 * into an event for its state machine and carries out the actions it gets
 * back. The state machines decide everything; this file only wires them.
 */
#include "sim/sim.h"
#include "sim/auc.h"
#include "sim/fixtures.h"
#include "sim/hop.h"
#include "sim/net.h"
#include "sim/sip.h"
#include "sim/variant.h"
#include "tls/pki.h"
#include "tls/psktls.h"
#include "tls/tls.h"

#include "itls/authparam.h"
#include "itls/crypto.h"
#include "itls/err.h"
#include "itls/pcscf.h"
#include "itls/secagree.h"
#include "itls/token.h"
#include "itls/ue.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

const struct sim_scenario sim_scenarios[SIM_SCN_COUNT] = {
	{ "itls", "I-TLS registration, TLS set up first",
	  "seed 004 §3.3.1 figure 1, §3.3.2.1 figure 2",
	  "registered over TLS; s_token checked by the UE, c_token by the P-CSCF; SM8 tls-yes" },
	{ "secagree-first", "sec-agree first, TLS set up after SM6",
	  "seed 004 §3.3.2.1 figure 4",
	  "the P-CSCF supports only tls: tls chosen, TLS after SM6, tokens checked, registered over TLS" },
	{ "prefer-ipsec", "TLS first, the P-CSCF prefers IPsec",
	  "seed 004 §3.3.2.1 figure 3",
	  "ipsec-3gpp chosen inside TLS; SM7 over IPsec with c_token; TLS closed after; registered over IPsec" },
	{ "fallback-ipsec", "TLS refused, fallback to Rel-5/6 IPsec",
	  "seed 004 §3.3.2.2 figure 5",
	  "the UE takes the unauthenticated refusal, falls back to sec-agree, registers over IPsec" },
	{ "psk", "PSK-TLS keyed from CK/IK",
	  "seed 004 §3.4 figure 6",
	  "no tokens; both ends derive the same PSK and identity; registered over PSK-TLS" },
	{ "mitm", "a man in the middle with its own certificate",
	  "seed 004 §3.3 (why s_token exists), seed 003 §3.1",
	  "the UE aborts at SM6: s_token does not verify over the certificate it received" },
	{ "bad-ctoken", "SM7 with a wrong c_token",
	  "seed 004 §3.3.1 step 9",
	  "the P-CSCF aborts at SM7 (token-invalid) and forwards nothing" },
	{ "bid-down", "an attacker strips tls from the unprotected negotiation",
	  "RFC 3329 §2.3.1, seed 004 §3.3.2.2",
	  "caught at SM7 by Security-Verify and by the Security-Client comparison; a forged TLS refusal is not detectable" },
	{ "no-tls-ue", "a Rel-5/6 UE that offers only ipsec-3gpp",
	  "seed 004 §3.3.3 (last paragraph)",
	  "no s_token in SM6, no c_token in SM7; registered over IPsec" },
	{ "resume", "the UE resumes its TLS session; a P-CSCF attempt is refused",
	  "seed 003 §3.1",
	  "abbreviated handshake by the UE, still registered over TLS; the network may not open or resume TLS toward the UE" },
	{ "tcp-upgrade", "sec-agree first over TCP, then TLS inside the same connection",
	  "seed 002 (TLS port assignments and connection management)",
	  "SM1 and SM6 in clear over TCP to 5060; after tls is chosen the TLS handshake runs inside that connection; SM7..SM12 inside it; registered over TLS" },
	{ "pki", "certificate mode: the chain to the home root, then the naming rules",
	  "seeds 002 and 003 §3.1 (certificate-based server authentication)",
	  "the UE validates pcscf.ims.com <- P-CSCF CA <- home root at the simulator's date, the name is in ims.com; registered over TLS" },
	{ "pki-untrusted", "certificate mode against a man in the middle with a self-signed certificate",
	  "seed 002 (PKI), seed 004 §3.3 (compare mitm)",
	  "refused in the handshake (not-trusted): no SIP message reaches the man in the middle, unlike I-TLS where s_token catches it at SM6" },
	{ "pki-wrong-domain", "certificate mode, a valid chain naming a host outside the home domain",
	  "seed 003 §3.1, NM-20",
	  "the chain validates, the naming rule refuses pcscf.other.net (domain-mismatch) in the handshake" },
	{ "pki-roaming", "certificate mode, a visited network's P-CSCF",
	  "seed 003 §3.1 and §4 (one IMS trust domain, CA hierarchy reflecting roaming agreements)",
	  "pcscf.visited.ims.com <- Visited Operator CA, cross-certified by the home root: accepted (TR-18); registered over TLS" },
	{ "akav2", "I-TLS registration with AKAv2-MD5",
	  "RFC 4169, seed 004 §3.3.1",
	  "the S-CSCF challenges with algorithm=AKAv2-MD5; the UE answers with the RFC 4169 password (RES, IK, CK); verified; tokens as in itls; registered over TLS" },
	{ "nat-tls", "TLS through a NAT: keep-alives, a request toward the UE over its connection",
	  "seed 001, seed 004 §4, seed 002 (draft-ietf-sip-outbound), seed 003 §3.1",
	  "(a) registered through the NAT; CRLF keep-alives hold the binding; a MESSAGE to the UE 6 min later arrives over the UE's TLS connection; (b) without keep-alives the binding expires and the MESSAGE cannot reach the UE" },
	{ "nat-ipsec", "Rel-5/6 IPsec behind the same NAT",
	  "seed 001 (IPsec access security and NA(P)T)",
	  "SM1..SM6 pass the NAT; SM7 in ESP arrives from the NAT's address, not the one the SAs were set up for: dropped; the registration cannot complete" },
	{ "reauth", "re-registration: a second AKA run on the same TLS connection",
	  "seed 002 (re-authentication over an existing TLS session), TS 33.203 §6.1",
	  "registered over TLS; the UE re-registers inside the same connection; a new RAND gives a new IK, whose s_token binds the same certificate and whose c_token the P-CSCF verifies; SM8 tls-yes for the new run; registered over TLS" },
};

int
sim_find(const char *name)
{
	int i;

	for (i = 0; i < SIM_SCN_COUNT; i++) {
		if (strcmp(name, sim_scenarios[i].name) == 0) {
			return i;
		}
	}
	return -1;
}

const char *
sim_actor_name(int a)
{
	static const char *const n[SIM_A_COUNT] = {
		"UE", "MitM", "P-CSCF", "I-CSCF", "S-CSCF"
	};
	return a >= 0 && a < SIM_A_COUNT ? n[a] : "?";
}

/* ---- configuration of a run ----------------------------------------------- */

enum attack {
	ATK_NONE = 0,
	ATK_STRIP_SERVER,   /* remove tls from the Security-Server of SM6 */
	ATK_STRIP_CLIENT,   /* remove tls from the Security-Client of SM1 */
	ATK_FORGE_REFUSAL,  /* answer the UE's ClientHello with a fatal alert */
	ATK_HEX_CTOKEN      /* c_token computed over the hex text of s_token */
};

struct setup {
	unsigned ue_offer;
	int tls_first;
	enum itls_tls_mode mode;
	unsigned pc_support;
	int pc_prefers_ipsec;
	int mitm;
	enum attack attack;
	int resume;          /* after registration: drop TLS, UE resumes */
};

/* identities (seed 003 §3.1: one IMS trust domain, operator realms in it) */
#define HOME_DOMAIN   "ims.com"
#define REALM         "operator1.ims.com"
#define IMPI          "user1@operator1.ims.com"
#define IMPU          "sip:user1@operator1.ims.com"
#define REGISTRAR     "sip:operator1.ims.com"
#define UE_ADDR       "10.0.0.1"
#define PC_ADDR       "10.0.0.2"
#define PC_CORE_ADDR  "10.0.1.2"
#define IC_ADDR       "10.0.1.3"
#define SC_ADDR       "10.0.1.4"

/* TR-20, TR-22: the NAT's binding timeout and the UE's keep-alive period */
#define SIM_NAT_TIMEOUT_S 300u
#define SIM_KEEPALIVE_S 120u

#define UE_SEC_IPSEC  "ipsec-3gpp;alg=hmac-sha-1-96;spi-c=11111;spi-s=22222;port-c=5062;port-s=5064"

/* ---- the world ------------------------------------------------------------------ */

struct delivery {
	int to, from;
	enum itls_transport via;
	int tls_closed;      /* not a message: the TLS connection closed */
	size_t len;
	char text[SIP_MAX];
};

#define QMAX 8

struct world {
	struct sim_run *run;
	struct setup cfg;
	int phase;                    /* 1: SM1..SM6, 2: SM7..SM12 */
	/* UE */
	struct itls_ue ue;
	uint8_t k[16], opc[16];
	struct itls_tls_client ue_tls;
	int tls_live;                 /* a TLS (or PSK-TLS) connection is up */
	int psk_conn;                 /* it is PSK-TLS (emulated) */
	char ue_client_line[512];     /* the UE's Security-Client header line */
	char ue_server_value[1024];   /* Security-Server value as received */
	uint8_t res[8], ck[16], ik[16];
	char nonce[128], realm[128];
	int cseq;
	/* P-CSCF */
	struct itls_pc pc;
	struct itls_tls_server pc_tls;
	struct itls_tls_link link;    /* UE <-> P-CSCF, or UE <-> MitM */
	char pc_server_line[512];
	struct sip_msg pc_sm1;        /* SM1 as received */
	struct sip_msg pc_sm5;
	struct sip_msg pc_sm7;
	/* MitM */
	struct itls_tls_server mitm_srv;
	struct itls_tls_client mitm_cli;
	struct itls_tls_link link2;   /* MitM <-> P-CSCF */
	/* S-CSCF / HSS */
	struct sim_av av;
	char sc_nonce[128];
	uint8_t hss_sqn[6];
	/* network */
	struct delivery q[QMAX];
	size_t qh, qn;
	/* outcome facts the checks look at */
	int sm6_had_stoken, sm7_had_ctoken, sm6_had_ck;
	enum itls_integrity sm2_ip, sm8_ip;
	int sm2_seen, sm8_seen, sm12_seen;
	int sm7_via;
	int ue_refused, pc_refused;
	int forged;
	enum itls_transport pc_req_via;   /* how the last REGISTER reached the P-CSCF */
	struct sip_msg pc_sm11;
	int resumed;
	int psk_equal;
	double t_tls;
	size_t tls_bytes;
	struct sim_ipsec ipsec;       /* negotiated ports and SPIs (TR-07) */
	struct itls_psktls psk;       /* the PSK-TLS connection (TR-12) */
	struct itls_pki pki;          /* certificate mode of the UE (TR-15) */
	char alg[16];                 /* the Digest algorithm of SM6 */
	int sc_v2;                    /* the S-CSCF verified an AKAv2-MD5 response */
	unsigned sc_runs;             /* authentication vectors the HSS/AuC made */
};

/* ---- ladder recording ------------------------------------------------------------ */

static struct sim_entry *
run_entry(struct sim_run *r, enum sim_kind kind, int from, int to)
{
	struct sim_entry *e;

	if (r->n == r->cap) {
		size_t nc = r->cap ? 2 * r->cap : 64;
		struct sim_entry *ne = realloc(r->e, nc * sizeof *ne);
		if (ne == NULL) {
			abort();
		}
		r->e = ne;
		r->cap = nc;
	}
	e = &r->e[r->n++];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->from = from;
	e->to = to;
	return e;
}

static struct sim_entry *
entry(struct world *w, enum sim_kind kind, int from, int to)
{
	return run_entry(w->run, kind, from, to);
}

static void
eline(struct sim_entry *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
eline(struct sim_entry *e, const char *fmt, ...)
{
	va_list ap;

	if (e->nlines >= SIM_LINES) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(e->line[e->nlines++], SIM_LINE_MAX, fmt, ap);
	va_end(ap);
}

static void
note(struct world *w, int who, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
note(struct world *w, int who, const char *fmt, ...)
{
	struct sim_entry *e = entry(w, SIM_E_NOTE, who, who);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->label, sizeof e->label, fmt, ap);
	va_end(ap);
}

static void
part(struct sim_run *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
part(struct sim_run *r, const char *fmt, ...)
{
	struct sim_entry *e = run_entry(r, SIM_E_PART, SIM_A_UE, SIM_A_UE);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->label, sizeof e->label, fmt, ap);
	va_end(ap);
}

static const char *
via_name(enum itls_transport t, int psk)
{
	switch (t) {
	case ITLS_TR_TLS:
		return psk ? "PSK-TLS" : "TLS";
	case ITLS_TR_IPSEC:
		return "IPsec";
	default:
		return "UDP";
	}
}

/* the header lines of a message that the ladder shows */
static void
show_headers(struct sim_entry *e, const char *text, size_t len)
{
	static const char *const names[] = {
		"Security-Client", "Security-Server", "Security-Verify",
		"WWW-Authenticate", "Authorization"
	};
	struct sip_parsed p;
	size_t i, j;

	if (sip_parse(text, len, &p) != 0) {
		return;
	}
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		for (j = 0; ; j++) {
			const struct sip_header *h = sip_get(&p, names[i], j);
			if (h == NULL) {
				break;
			}
			eline(e, "%s: %.*s", names[i], (int)h->value.len, h->value.p);
		}
	}
}

static void
record_tls(struct world *w, struct itls_tls_link *l, int client, int server)
{
	size_t i;

	for (i = 0; i < l->nev; i++) {
		struct sim_entry *e = entry(w, SIM_E_TLS,
			l->ev[i].from_client ? client : server,
			l->ev[i].from_client ? server : client);
		snprintf(e->via, sizeof e->via, "TLS");
		snprintf(e->label, sizeof e->label, "%s", l->ev[i].text);
	}
	l->nev = 0;
}

/* ---- the network ------------------------------------------------------------------ */

static void
enqueue(struct world *w, int from, int to, enum itls_transport via,
	const char *text, size_t len, int closed)
{
	struct delivery *d;

	if (w->qn >= QMAX || len > sizeof d->text) {
		abort();
	}
	d = &w->q[(w->qh + w->qn) % QMAX];
	w->qn++;
	d->from = from;
	d->to = to;
	d->via = via;
	d->tls_closed = closed;
	d->len = len;
	if (len > 0) {
		memcpy(d->text, text, len);
	}
}

/*
 * Send a SIP message from `from` to `to`: record it, move it, queue it.
 * Over TLS the bytes go through the real engines; what arrives is what the
 * receiver parses.
 */
static void
send_msg(struct world *w, int from, int to, const char *sm, enum itls_transport via,
	const struct sip_msg *m)
{
	struct sim_entry *e;
	struct sip_view fl = sip_first_line(m->buf, m->len);
	static uint8_t wire[SIP_MAX];
	const char *arrived = m->buf;
	long got = (long)m->len;

	if (m->overflow) {
		abort();
	}
	e = entry(w, SIM_E_MSG, from, to);
	snprintf(e->via, sizeof e->via, "%s", via_name(via, w->psk_conn));
	snprintf(e->label, sizeof e->label, "%s %.*s", sm, (int)fl.len, fl.p);
	show_headers(e, m->buf, m->len);
	e->text = malloc(m->len);
	if (e->text == NULL) {
		abort();
	}
	memcpy(e->text, m->buf, m->len);
	e->text_len = m->len;
	e->tcp = via == ITLS_TR_TLS;
	if (via == ITLS_TR_TLS && !w->psk_conn
		&& (from == SIM_A_UE || to == SIM_A_UE
			|| ((from == SIM_A_MITM || to == SIM_A_MITM)))) {
		struct itls_tls_link *l = (from == SIM_A_PCSCF || to == SIM_A_PCSCF)
			&& w->cfg.mitm ? &w->link2 : &w->link;
		int from_client = from == SIM_A_UE
			|| (from == SIM_A_MITM && to == SIM_A_PCSCF);
		got = itls_tls_transfer(l, from_client, (const uint8_t *)m->buf,
			m->len, wire, sizeof wire);
		if (got < 0) {
			note(w, from, "TLS transfer failed");
			return;
		}
		arrived = (const char *)wire;
	} else if (via == ITLS_TR_TLS && w->psk_conn) {
		/* TR-12: PSK-TLS records, encrypted by one end, opened by the other */
		got = itls_psktls_transfer(&w->psk, from == SIM_A_UE, (const uint8_t *)m->buf,
			m->len, wire, sizeof wire);
		if (got < 0) {
			note(w, from, "PSK-TLS transfer failed");
			return;
		}
		arrived = (const char *)wire;
	} else {
		sim_wire(w->run, from, to, via, &w->ipsec, w->ik,
			(const uint8_t *)m->buf, m->len);
		if (via == ITLS_TR_IPSEC && to == SIM_A_PCSCF && sim_variant_of(w->run->scn)->nat) {
			/* TR-21: seed 001, the SA does not match what the NAT made of it */
			note(w, SIM_A_PCSCF, "ESP spi %u from 198.51.100.7 (the NAT), SA set up for "
				"10.0.0.1 (Contact, Via): policy check fails, dropped",
				(unsigned)w->ipsec.spi_ps);
			return;
		}
		if (via == ITLS_TR_PLAIN && sim_tcp_find(w->run, from, to, 0) >= 0) {
			snprintf(e->via, sizeof e->via, "TCP");   /* TR-03 */
		}
	}
	enqueue(w, from, to, via, arrived, (size_t)got, 0);
}

/* ---- small helpers ---------------------------------------------------------------- */

static void
hex(const uint8_t *p, size_t n, char *out)
{
	static const char d[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = d[p[i] >> 4];
		out[2 * i + 1] = d[p[i] & 15];
	}
	out[2 * n] = 0;
}

static void
b64(const uint8_t *p, size_t n, char *out)
{
	static const char a[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i, o = 0;

	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = ((uint32_t)p[i] << 16) | ((uint32_t)p[i + 1] << 8) | p[i + 2];
		out[o++] = a[(v >> 18) & 63];
		out[o++] = a[(v >> 12) & 63];
		out[o++] = a[(v >> 6) & 63];
		out[o++] = a[v & 63];
	}
	if (n - i == 1) {
		uint32_t v = (uint32_t)p[i] << 16;
		out[o++] = a[(v >> 18) & 63];
		out[o++] = a[(v >> 12) & 63];
		out[o++] = '=';
		out[o++] = '=';
	} else if (n - i == 2) {
		uint32_t v = ((uint32_t)p[i] << 16) | ((uint32_t)p[i + 1] << 8);
		out[o++] = a[(v >> 18) & 63];
		out[o++] = a[(v >> 12) & 63];
		out[o++] = a[(v >> 6) & 63];
		out[o++] = '=';
	}
	out[o] = 0;
}

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* copy header `name` of p into m (all occurrences) */
static void
copy_header(struct sip_msg *m, const struct sip_parsed *p, const char *name)
{
	size_t i;

	for (i = 0; ; i++) {
		const struct sip_header *h = sip_get(p, name, i);
		if (h == NULL) {
			return;
		}
		sip_header_raw(m, name, h->value.p, h->value.len);
	}
}

/* copy Via headers of p into m, skipping the first `skip` */
static void
copy_vias(struct sip_msg *m, const struct sip_parsed *p, size_t skip)
{
	size_t i;

	for (i = skip; ; i++) {
		const struct sip_header *h = sip_get(p, "Via", i);
		if (h == NULL) {
			return;
		}
		sip_header_raw(m, "Via", h->value.p, h->value.len);
	}
}

/* "Security-Xxx: value" line of the headers named `name` of p (concatenated) */
static int
sec_line(const struct sip_parsed *p, const char *name, char *out, size_t cap)
{
	size_t i, o;
	int n = snprintf(out, cap, "%s: ", name);

	if (n < 0 || (size_t)n >= cap) {
		return -1;
	}
	o = (size_t)n;
	for (i = 0; ; i++) {
		const struct sip_header *h = sip_get(p, name, i);
		if (h == NULL) {
			break;
		}
		if (i > 0) {
			if (o + 2 >= cap) {
				return -1;
			}
			out[o++] = ',';
			out[o++] = ' ';
		}
		if (o + h->value.len >= cap) {
			return -1;
		}
		memcpy(out + o, h->value.p, h->value.len);
		o += h->value.len;
	}
	if (i == 0) {
		return -1;
	}
	out[o] = 0;
	return (int)o;
}

/* parse a Security-* line; canonical value (after ": ") into out */
static int
sec_canon(const char *line, size_t len, struct itls_secagree_list *l,
	char *out, size_t cap, size_t *olen)
{
	char tmp[2048];
	size_t tl, skip;

	if (itls_secagree_parse(l, line, len) != ITLS_OK) {
		return -1;
	}
	if (itls_secagree_serialize(l, line, len, tmp, sizeof tmp, &tl) != ITLS_OK) {
		return -1;
	}
	skip = 17;   /* "Security-Client: " etc. */
	if (tl < skip || tl - skip > cap) {
		return -1;
	}
	memcpy(out, tmp + skip, tl - skip);
	*olen = tl - skip;
	return 0;
}

static int
list_offers(const struct itls_secagree_list *l, const char *buf, size_t len,
	const char *name)
{
	return itls_secagree_offers(l, buf, len, name, strlen(name));
}

/* the content of Digest parameter `id` (unescaped) into out (NUL-ended) */
static int
ap_text(const char *s, size_t len, const struct itls_authparam *ap,
	unsigned id, char *out, size_t cap)
{
	size_t olen;

	if (ap->at[id] >= ap->n || cap == 0) {
		return -1;
	}
	if (itls_authparam_content(s, len, ap, ap->at[id], out, cap - 1, &olen)
		!= ITLS_OK) {
		return -1;
	}
	out[olen] = 0;
	return 0;
}

static unsigned
ap_integrity(enum itls_integrity v)
{
	switch (v) {
	case ITLS_IP_YES:
		return ITLS_AP_IP_YES;
	case ITLS_IP_TLS_PENDING:
		return ITLS_AP_IP_TLS_PENDING;
	case ITLS_IP_TLS_YES:
		return ITLS_AP_IP_TLS_YES;
	case ITLS_IP_ASSOC_PENDING:
		return ITLS_AP_IP_IP_ASSOC_PENDING;
	case ITLS_IP_ASSOC_YES:
		return ITLS_AP_IP_IP_ASSOC_YES;
	default:
		return ITLS_AP_IP_NO;
	}
}

/* ---- state machine steps, recorded -------------------------------------------------- */

static void ue_actions(struct world *w, const struct itls_ue_action *a, size_t n);
static void pc_actions(struct world *w, const struct itls_pc_action *a, size_t n);

/* the actions of one step on the entry's second line: "a, b(reason), c" */
static void
act_line(struct sim_entry *en, const char *const *names,
	const enum itls_err *reasons, size_t n)
{
	char acts[SIM_LINE_MAX];
	size_t o = 0, i;
	int k;

	acts[0] = 0;
	for (i = 0; i < n && o < sizeof acts; i++) {
		k = snprintf(acts + o, sizeof acts - o, "%s%s", i ? ", " : "", names[i]);
		if (k > 0) {
			o += (size_t)k;
		}
		if (reasons[i] != ITLS_OK && o < sizeof acts) {
			k = snprintf(acts + o, sizeof acts - o, "(%s)", itls_err_name(reasons[i]));
			if (k > 0) {
				o += (size_t)k;
			}
		}
	}
	eline(en, "%s", acts);
}

static void
ue_feed(struct world *w, const struct itls_ue_event *ev)
{
	struct itls_ue_action a[ITLS_FSM_MAX_ACTIONS];
	size_t n, i;
	const char *names[ITLS_FSM_MAX_ACTIONS];
	enum itls_err reasons[ITLS_FSM_MAX_ACTIONS];
	int old = w->ue.state;
	double t0 = now_ns();
	enum itls_err e = itls_ue_step(&w->ue, ev, a, &n);
	struct sim_entry *en;

	w->run->ns_fsm += now_ns() - t0;
	en = entry(w, SIM_E_STEP, SIM_A_UE, SIM_A_UE);
	if (e != ITLS_OK) {
		snprintf(en->label, sizeof en->label, "%s --%s--> %s",
			itls_ue_state_name(old), itls_ue_event_name(ev->kind),
			itls_err_name(e));
		return;
	}
	if (w->ue.last_row < itls_ue_table_len && w->ue.last_row < sizeof w->run->ue_rows) {
		w->run->ue_rows[w->ue.last_row] = 1;
	}
	snprintf(en->label, sizeof en->label, "%s --%s [%s]--> %s",
		itls_ue_state_name(old), itls_ue_event_name(ev->kind),
		w->ue.last_row < itls_ue_table_len
			? itls_ue_guard_name(itls_ue_table[w->ue.last_row].guard)
			: "safety check",
		itls_ue_state_name(w->ue.state));
	for (i = 0; i < n; i++) {
		names[i] = itls_ue_act_name(a[i].kind);
		reasons[i] = a[i].reason;
	}
	act_line(en, names, reasons, n);
	ue_actions(w, a, n);
}

static void
pc_feed(struct world *w, const struct itls_pc_event *ev)
{
	struct itls_pc_action a[ITLS_FSM_MAX_ACTIONS];
	size_t n, i, k;
	const char *names[ITLS_FSM_MAX_ACTIONS];
	enum itls_err reasons[ITLS_FSM_MAX_ACTIONS];
	int old = w->pc.state;
	double t0 = now_ns();
	enum itls_err e = itls_pc_step(&w->pc, ev, a, &n);
	struct sim_entry *en;

	w->run->ns_fsm += now_ns() - t0;
	en = entry(w, SIM_E_STEP, SIM_A_PCSCF, SIM_A_PCSCF);

	if (e != ITLS_OK) {
		snprintf(en->label, sizeof en->label, "%s --%s--> %s",
			itls_pc_state_name(old), itls_pc_event_name(ev->kind),
			itls_err_name(e));
		return;
	}
	if (w->pc.last_row < itls_pc_table_len && w->pc.last_row < sizeof w->run->pc_rows) {
		w->run->pc_rows[w->pc.last_row] = 1;
	}
	snprintf(en->label, sizeof en->label, "%s --%s [%s]--> %s",
		itls_pc_state_name(old), itls_pc_event_name(ev->kind),
		w->pc.last_row < itls_pc_table_len
			? itls_pc_guard_name(itls_pc_table[w->pc.last_row].guard)
			: "safety check",
		itls_pc_state_name(w->pc.state));
	for (i = 0, k = 0; i < n; i++) {
		/* the ladder names record-c_token only when SM7 carried one: on
		 * flows without c_token (PSK, IPsec) the step records "nothing
		 * verified", which the ladder does not draw (PC-13) */
		if (a[i].kind == ITLS_PC_A_ACCEPT_CTOKEN && !ev->has_ctoken) {
			continue;
		}
		names[k] = itls_pc_act_name(a[i].kind);
		reasons[k++] = a[i].reason;
	}
	act_line(en, names, reasons, k);
	pc_actions(w, a, n);
}

/* ---- TLS ------------------------------------------------------------------------------ */

static void
pc_tls_up(struct world *w, int resumed, int psk)
{
	struct itls_pc_event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = ITLS_PC_EV_TLS_UP;
	ev.resumed = resumed;
	ev.psk = psk;
	pc_feed(w, &ev);
}

static void
tls_connect(struct world *w, int resume)
{
	struct itls_ue_event ev;
	struct itls_tls_result res;
	double t0;
	int forged = w->cfg.attack == ATK_FORGE_REFUSAL && !w->forged;
	int refuse = !(w->cfg.pc_support & ITLS_OFFER_TLS) || forged;

	memset(&ev, 0, sizeof ev);
	itls_tls_client_start(&w->ue_tls, "pcscf.ims.com", resume);
	if (refuse) {
		/* figure 5: nobody on the path will do TLS (or an attacker says so) */
		struct sim_entry *e = entry(w, SIM_E_TLS, SIM_A_UE,
			forged ? SIM_A_MITM : SIM_A_PCSCF);
		int err;
		if (forged) {
			snprintf(e->via, sizeof e->via, "TLS");
			snprintf(e->label, sizeof e->label, "ClientHello");
		} else {
			/* a Rel-5/6 P-CSCF has no TLS: nothing listens on 5061 */
			snprintf(e->via, sizeof e->via, "TCP");
			snprintf(e->label, sizeof e->label, "SYN to port 5061 (SIPS)");
		}
		/* TR-08: on the wire, the attacker's alert on the UE's connection to
		 * it; or the RST of a P-CSCF without TLS (TR-24) */
		if (forged) {
			int c = sim_tcp_connect(w->run, SIM_A_UE, SIM_A_MITM,
				sim_tls_dport(w->ue_client_line, NULL));
			err = itls_tls_refuse(&w->ue_tls, sim_tap_record, sim_tap_ctx(w->run, c));
			sim_tcp_close(w->run, c, SIM_A_UE);
		} else {
			sim_tcp_refused(w->run, SIM_A_UE, SIM_A_PCSCF,
				sim_tls_dport(w->ue_client_line, NULL));
			err = itls_tls_inject_alert(&w->ue_tls);
		}
		w->forged |= forged;
		e = entry(w, SIM_E_TLS, forged ? SIM_A_MITM : SIM_A_PCSCF, SIM_A_UE);
		if (forged) {
			snprintf(e->via, sizeof e->via, "TLS");
			snprintf(e->label, sizeof e->label, "Alert fatal handshake_failure (forged, plaintext)");
			note(w, SIM_A_UE, "TLS refused (BearSSL error %d); nothing tells the UE who sent the alert", err);
		} else {
			snprintf(e->via, sizeof e->via, "TCP");
			snprintf(e->label, sizeof e->label, "RST: connection refused (no TLS service)");
			note(w, SIM_A_UE, "TLS refused: the connection to 5061 is refused; a RST is not authenticated either");
		}
		ev.kind = ITLS_UE_EV_TLS_FAIL;
		ue_feed(w, &ev);
		return;
	}
	t0 = now_ns();
	if (w->cfg.mitm) {
		/* the UE talks to the MitM, the MitM to the P-CSCF */
		struct itls_tls_result r2;
		itls_tls_server_reset(&w->mitm_srv);
		itls_tls_link_init(&w->link, &w->ue_tls, &w->mitm_srv);
		sim_tls_tap(w->run, &w->link, sim_tcp_connect(w->run, SIM_A_UE, SIM_A_MITM,
			sim_tls_dport(w->ue_client_line, NULL)));
		itls_tls_handshake(&w->link, &res);
		if (res.ok) {
			sim_keylog(w->run, &w->ue_tls);
		}
		record_tls(w, &w->link, SIM_A_UE, SIM_A_MITM);
		itls_tls_client_start(&w->mitm_cli, "pcscf.ims.com", 0);
		itls_tls_server_reset(&w->pc_tls);
		itls_tls_link_init(&w->link2, &w->mitm_cli, &w->pc_tls);
		sim_tls_tap(w->run, &w->link2, sim_tcp_connect(w->run, SIM_A_MITM, SIM_A_PCSCF,
			SIM_PORT_SIPS));
		itls_tls_handshake(&w->link2, &r2);
		if (r2.ok) {
			sim_keylog(w->run, &w->mitm_cli);
		}
		record_tls(w, &w->link2, SIM_A_MITM, SIM_A_PCSCF);
		w->tls_bytes += w->link2.bytes[0] + w->link2.bytes[1];
		if (r2.ok) {
			pc_tls_up(w, r2.resumed, 0);
		}
	} else {
		itls_tls_server_reset(&w->pc_tls);
		itls_tls_link_init(&w->link, &w->ue_tls, &w->pc_tls);
		{
			/* TR-14: the upgrade path of seed 002 reuses SM1's connection */
			int c = sim_variant_of(w->run->scn)->upgrade ? sim_tcp_find(w->run, SIM_A_UE, SIM_A_PCSCF, 0) : -1;
			if (c >= 0) {
				note(w, SIM_A_UE, "TLS starts inside the TCP connection of SM1, port %u "
					"(seed 002 upgrade path; D-SIM-7)", sim_tcp_port(w->run, c, SIM_A_PCSCF));
			} else {
				c = sim_tcp_connect(w->run, SIM_A_UE, SIM_A_PCSCF,
					sim_tls_dport(w->ue_client_line, w->ue_server_value));
			}
			sim_tls_tap(w->run, &w->link, c);
		}
		itls_tls_handshake(&w->link, &res);
		if (res.ok) {
			sim_keylog(w->run, &w->ue_tls);
		}
		record_tls(w, &w->link, SIM_A_UE, SIM_A_PCSCF);
	}
	w->t_tls += now_ns() - t0;
	w->tls_bytes += w->link.bytes[0] + w->link.bytes[1];
	if (!res.ok) {
		if (sim_variant_of(w->run->scn)->pki) {
			/* TR-15, TR-16: the chain or the name refused in the handshake */
			note(w, SIM_A_UE, "certificate refused in the handshake: %s (PKI mode)",
				itls_pki_reason(&w->pki));
		}
		note(w, SIM_A_UE, "TLS handshake failed (client %d, server %d)",
			res.client_err, res.server_err);
		/* TR-05: the UE closes the connection of the failed handshake */
		sim_tcp_close(w->run, sim_tcp_find(w->run, SIM_A_UE,
			w->cfg.mitm ? SIM_A_MITM : SIM_A_PCSCF, 1), SIM_A_UE);
		ev.kind = ITLS_UE_EV_TLS_FAIL;
		ue_feed(w, &ev);
		return;
	}
	w->tls_live = 1;
	w->psk_conn = 0;
	if (res.resumed) {
		w->resumed = 1;
		note(w, SIM_A_UE, "TLS 1.2 session resumed (%s): no Certificate message",
			itls_tls_suite_name(res.suite));
	} else {
		size_t cl;
		itls_tls_peer_cert(&w->ue_tls, &cl);
		note(w, SIM_A_UE, "TLS 1.2 up (%s); end-entity certificate captured as received: "
			"%zu bytes DER, accepted without CA validation (UE-05)",
			itls_tls_suite_name(res.suite), cl);
	}
	if (!w->cfg.mitm) {
		pc_tls_up(w, res.resumed, 0);
	}
	ev.kind = ITLS_UE_EV_TLS_UP;
	ev.resumed = res.resumed;
	if (!res.resumed) {
		ev.cert = itls_tls_peer_cert(&w->ue_tls, &ev.cert_len);
	}
	ue_feed(w, &ev);
}

/* PSK-TLS (figure 6): BearSSL has no PSK suites; the handshake succeeds
 * exactly when both ends hold the same PSK for the same identity, which
 * is what is checked here. tests/cli/demo.sh runs the real handshake. */
static void
psk_connect(struct world *w)
{
	struct itls_ue_event ev;
	char h1[65], h2[65];
	int same = w->ue.has_psk && w->pc.has_psk
		&& memcmp(w->ue.psk, w->pc.psk, ITLS_FSM_PSK_LEN) == 0
		&& w->ue.cfg.impi_len == w->pc.impi_len
		&& memcmp(w->ue.cfg.impi, w->pc.impi, w->pc.impi_len) == 0;
	struct sim_entry *e;

	hex(w->ue.psk, 32, h1);
	hex(w->pc.psk, 32, h2);
	/* the full PSK handshake of RFC 4279 section 2 (no identity hint) */
	e = entry(w, SIM_E_TLS, SIM_A_UE, SIM_A_PCSCF);
	snprintf(e->via, sizeof e->via, "PSK-TLS");
	snprintf(e->label, sizeof e->label, "ClientHello (TLS_PSK_WITH_AES_128_GCM_SHA256)");
	e = entry(w, SIM_E_TLS, SIM_A_PCSCF, SIM_A_UE);
	snprintf(e->via, sizeof e->via, "PSK-TLS");
	snprintf(e->label, sizeof e->label, "ServerHello, ServerHelloDone");
	e = entry(w, SIM_E_TLS, SIM_A_UE, SIM_A_PCSCF);
	snprintf(e->via, sizeof e->via, "PSK-TLS");
	snprintf(e->label, sizeof e->label, "ClientKeyExchange (identity \"%.*s\"), ChangeCipherSpec, Finished",
		(int)w->ue.cfg.impi_len, (const char *)w->ue.cfg.impi);
	eline(e, "UE PSK     %s", h1);
	e = entry(w, SIM_E_TLS, SIM_A_PCSCF, SIM_A_UE);
	snprintf(e->via, sizeof e->via, "PSK-TLS");
	snprintf(e->label, sizeof e->label, "ChangeCipherSpec, Finished");
	eline(e, "P-CSCF PSK %s", h2);
	{
		/* TR-12: the handshake for real, each end with its own PSK */
		uint8_t cr[32], sr[32];
		char kl[32 * 2 + 48 * 2 + 17];
		int c = sim_tcp_connect(w->run, SIM_A_UE, SIM_A_PCSCF,
			sim_tls_dport(w->ue_client_line, w->ue_server_value));
		sim_random(w->run, "client", cr);
		sim_random(w->run, "server", sr);
		w->psk.on_record = sim_tap_record;
		w->psk.on_record_ctx = sim_tap_ctx(w->run, c);
		same = itls_psktls_handshake(&w->psk, cr, sr, w->ue.cfg.impi, w->ue.cfg.impi_len,
			w->ue.psk, 32, w->pc.psk, 32) && same;
		if (same) {
			itls_psktls_keylog(&w->psk, kl);
			sim_keylog_line(w->run, kl);
		} else {
			sim_tcp_close(w->run, c, SIM_A_UE);
		}
	}
	note(w, SIM_A_UE, "PSK = KDF(CK || IK, \"itls psk\", IMPI) on both ends: %s",
		same ? "equal, the handshake succeeds" : "different, the handshake fails");
	note(w, SIM_A_UE, "(TLS 1.2 PSK records by ref/tls/psktls.c on BearSSL primitives, TR-12; "
		"tests/cli/demo.sh also runs it with openssl and gnutls)");
	w->psk_equal = same;
	memset(&ev, 0, sizeof ev);
	if (!same) {
		ev.kind = ITLS_UE_EV_TLS_FAIL;
		ue_feed(w, &ev);
		return;
	}
	w->tls_live = 1;
	w->psk_conn = 1;
	pc_tls_up(w, 0, 1);
	ev.kind = ITLS_UE_EV_TLS_UP;
	ev.psk = 1;
	/* the PSK both ends keyed the handshake with (UE-27) */
	memcpy(ev.psk_key, w->pc.psk, ITLS_FSM_PSK_LEN);
	ue_feed(w, &ev);
}

static void
tls_close(struct world *w)
{
	struct sim_entry *e;

	if (!w->tls_live) {
		return;
	}
	if (!w->psk_conn) {
		itls_tls_close(&w->link);
		record_tls(w, &w->link, SIM_A_UE, w->cfg.mitm ? SIM_A_MITM : SIM_A_PCSCF);
		sim_tcp_close(w->run, sim_tcp_find(w->run, SIM_A_UE,
			w->cfg.mitm ? SIM_A_MITM : SIM_A_PCSCF, 1), SIM_A_UE);
	} else {
		e = entry(w, SIM_E_TLS, SIM_A_UE, SIM_A_PCSCF);
		snprintf(e->via, sizeof e->via, "PSK-TLS");
		snprintf(e->label, sizeof e->label, "Alert close_notify");
		itls_psktls_close(&w->psk);
		sim_tcp_close(w->run, sim_tcp_find(w->run, SIM_A_UE, SIM_A_PCSCF, 1), SIM_A_UE);
	}
	w->tls_live = 0;
	enqueue(w, SIM_A_UE, SIM_A_PCSCF, ITLS_TR_TLS, NULL, 0, 1);
}

/* ---- the UE ------------------------------------------------------------------------- */

static void
ue_send_register(struct world *w, int sm7, enum itls_transport via)
{
	struct sip_msg *m = malloc(sizeof *m);
	char auth[1024];
	size_t alen;
	int secure = via == ITLS_TR_TLS;
	int peer = (!sm7 && w->cfg.attack == ATK_STRIP_CLIENT)
		|| (w->cfg.mitm && via == ITLS_TR_TLS) ? SIM_A_MITM : SIM_A_PCSCF;
	unsigned port;

	if (m == NULL) {
		abort();
	}
	/* TR-03, TR-04, TR-07: Via and Contact carry the port the UE sends from */
	port = sim_ue_port(w->run, peer, via, w->cfg.ue_offer, &w->ipsec);
	w->cseq++;
	sip_request(m, "REGISTER", REGISTRAR);
	sip_header(m, "Via", "SIP/2.0/%s " UE_ADDR ":%u;branch=z9hG4bK-ue-%d",
		sim_ue_transport(w->run, peer, via, w->cfg.ue_offer), port, w->cseq);
	sip_header(m, "Max-Forwards", "70");
	sip_header(m, "From", "<" IMPU ">;tag=ue-4711");
	sip_header(m, "To", "<" IMPU ">");
	sip_header(m, "Call-ID", "itls-demo-%s@" UE_ADDR, sim_scenarios[w->run->scn].name);
	sip_header(m, "CSeq", "%d REGISTER", w->cseq);
	sip_header(m, "Contact", "<%s:" UE_ADDR ":%u>;expires=600000",
		secure ? "sips" : "sip", port);
	if (!sm7) {
		struct itls_authparam_creds c;
		memset(&c, 0, sizeof c);
		c.username.p = IMPI;
		c.username.len = strlen(IMPI);
		c.realm.p = REALM;
		c.realm.len = strlen(REALM);
		c.uri.p = REGISTRAR;
		c.uri.len = strlen(REGISTRAR);
		c.algorithm = ITLS_AP_ALG_NONE;
		if (itls_authparam_sm7(&c, auth, sizeof auth, &alen) != ITLS_OK) {
			abort();
		}
	} else {
		struct itls_authparam_creds c;
		char resp[33];
		/* AK-10..AK-14: the algorithm the challenge named */
		int v2 = strcasecmp(w->alg, "AKAv2-MD5") == 0;
		sim_digest_aka(v2, w->res, 8, w->ik, w->ck, IMPI, w->realm, w->nonce, "REGISTER",
			REGISTRAR, resp);
		memset(&c, 0, sizeof c);
		c.username.p = IMPI;
		c.username.len = strlen(IMPI);
		c.realm.p = w->realm;
		c.realm.len = strlen(w->realm);
		c.nonce.p = w->nonce;
		c.nonce.len = strlen(w->nonce);
		c.uri.p = REGISTRAR;
		c.uri.len = strlen(REGISTRAR);
		c.response.p = resp;
		c.response.len = 32;
		c.algorithm = v2 ? ITLS_AP_ALG_AKAV2_MD5 : ITLS_AP_ALG_AKAV1_MD5;
		if (w->ue.has_ctoken) {
			/* UE-11 */
			c.has_c_token = 1;
			memcpy(c.c_token, w->ue.c_token, 12);
			if (w->cfg.attack == ATK_HEX_CTOKEN) {
				/* the wrong reading of D-TK-2 */
				char sh[25];
				hex(w->ue.s_token, 12, sh);
				itls_crypto_hmac_sha1(c.c_token, 12, w->ue.keys.ik, 16,
					(const uint8_t *)sh, 24);
				note(w, SIM_A_UE, "this UE computes c_token over the 24 hex characters of s_token, not its 12 bytes");
			}
		}
		if (itls_authparam_sm7(&c, auth, sizeof auth, &alen) != ITLS_OK) {
			abort();
		}
	}
	sip_header_raw(m, "Authorization", auth, alen);
	/* UE-04, UE-12 */
	/* UE-04, UE-12: the same Security-Client in SM1 and SM7 */
	{
		const char *v = strchr(w->ue_client_line, ':') + 2;
		sip_header(m, "Security-Client", "%s", v);
	}
	if (sm7) {
		/* Security-Verify is the Security-Server received, as the UE
		 * machine kept it (UE-12) */
		sip_header_raw(m, "Security-Verify", w->ue.sec_server, w->ue.sec_server_len);
	}
	sip_header(m, "Require", "sec-agree");
	sip_header(m, "Proxy-Require", "sec-agree");
	sip_header(m, "Supported", "path, sec-agree");
	sip_header(m, "Expires", "600000");
	sip_end(m);
	if (!sm7 && w->cfg.attack == ATK_STRIP_CLIENT) {
		/* the attacker edits the unprotected SM1 on its way */
		struct sip_msg *t = malloc(sizeof *t);
		char *p;
		if (t == NULL) {
			abort();
		}
		send_msg(w, SIM_A_UE, SIM_A_MITM, "SM1", via, m);
		w->qn--;   /* the attacker takes it off the wire */
		*t = *m;
		p = strstr(t->buf, ", tls\r\n");
		if (p != NULL) {
			memmove(p, p + 5, t->len - (size_t)(p + 5 - t->buf));
			t->len -= 5;
		}
		note(w, SIM_A_MITM, "attacker removes tls from the Security-Client of the unprotected SM1");
		send_msg(w, SIM_A_MITM, SIM_A_PCSCF, "SM1'", via, t);
		free(t);
	} else if (w->cfg.mitm && via == ITLS_TR_TLS) {
		send_msg(w, SIM_A_UE, SIM_A_MITM, sm7 ? "SM7" : "SM1", via, m);
	} else {
		send_msg(w, SIM_A_UE, SIM_A_PCSCF, sm7 ? "SM7" : "SM1", via, m);
	}
	if (sm7) {
		w->phase = 2;
	}
	free(m);
}

static void
ue_actions(struct world *w, const struct itls_ue_action *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (a[i].kind) {
		case ITLS_UE_A_TLS_CONNECT:
			tls_connect(w, 0);
			break;
		case ITLS_UE_A_TLS_RESUME:
			tls_connect(w, 1);
			break;
		case ITLS_UE_A_TLS_CONNECT_PSK:
			psk_connect(w);
			break;
		case ITLS_UE_A_TLS_CLOSE:
			tls_close(w);
			break;
		case ITLS_UE_A_SEND_SM1:
			ue_send_register(w, 0, w->tls_live ? ITLS_TR_TLS : ITLS_TR_PLAIN);
			break;
		case ITLS_UE_A_SEND_SM7:
			ue_send_register(w, 1, a[i].via);
			w->sm7_via = a[i].via;
			break;
		case ITLS_UE_A_IPSEC_SETUP:
			note(w, SIM_A_UE, "IPsec SAs set up from IK (spi and ports of Security-Client / Security-Server)");
			break;
		case ITLS_UE_A_ACCEPT_STOKEN:
			note(w, SIM_A_UE, "s_token = HMAC-SHA1-96(IK, certificate received) verified; IK of AKA run %u (UE-09)",
				(unsigned)w->ue.aka_run);
			break;
		case ITLS_UE_A_REFUSE:
			w->ue_refused = 1;
			break;
		default:
			break;
		}
	}
}

/* SM6 or another response arrived at the UE */
static void
ue_receive(struct world *w, struct delivery *d)
{
	struct sip_parsed p;
	struct itls_ue_event ev;

	if (sip_parse(d->text, d->len, &p) != 0 || p.is_request) {
		note(w, SIM_A_UE, "unparsable message dropped");
		return;
	}
	memset(&ev, 0, sizeof ev);
	if (p.status == 401) {
		/* SM6 */
		const struct sip_header *h = sip_get(&p, "WWW-Authenticate", 0);
		struct itls_authparam ap;
		struct itls_authparam_nonce nv;
		uint8_t nbuf[256], sqn[6];
		char sline[1100], cval[1024];
		struct itls_secagree_list *cl = malloc(sizeof *cl);
		struct itls_secagree_list *sl = malloc(sizeof *sl);
		size_t idx, clen;
		if (cl == NULL || sl == NULL || h == NULL
			|| itls_authparam_parse(h->value.p, h->value.len, &ap) != ITLS_OK
			|| ap_text(h->value.p, h->value.len, &ap, ITLS_AP_NONCE, w->nonce, sizeof w->nonce) != 0
			|| ap_text(h->value.p, h->value.len, &ap, ITLS_AP_REALM, w->realm, sizeof w->realm) != 0
			|| itls_authparam_aka_nonce(w->nonce, strlen(w->nonce), nbuf, sizeof nbuf, &nv) != ITLS_OK) {
			note(w, SIM_A_UE, "SM6 not understood");
			free(cl);
			free(sl);
			return;
		}
		ev.kind = ITLS_UE_EV_SM6;
		(void)ap_text(h->value.p, h->value.len, &ap, ITLS_AP_ALGORITHM, w->alg, sizeof w->alg);
		ev.has_stoken = itls_authparam_get_hex(h->value.p, h->value.len, &ap,
			ITLS_AP_S_TOKEN, ev.s_token, 12) == ITLS_OK;
		/* the USIM (TS 33.102 §6.3.3) */
		ev.aka_ok = sim_usim_check(w->k, w->opc, nv.rand, nv.autn, w->res,
			w->ck, w->ik, sqn) == 0;
		memcpy(ev.ik, w->ik, 16);
		memcpy(ev.ck, w->ck, 16);
		note(w, SIM_A_UE, "USIM: AUTN %s; RES, CK, IK computed (Milenage)",
			ev.aka_ok ? "verified" : "REJECTED");
		/* the Security-Server value, canonical; the UE machine chooses
		 * from it itself (UE-06, RFC 3329 §2.3) */
		if (sec_line(&p, "Security-Server", sline, sizeof sline) > 0
			&& sec_canon(sline, strlen(sline), sl, cval, sizeof cval, &clen) == 0) {
			snprintf(w->ue_server_value, sizeof w->ue_server_value, "%.*s",
				(int)clen, cval);
			ev.sec_server = w->ue_server_value;
			ev.sec_server_len = clen;
			if (itls_secagree_parse(cl, w->ue_client_line, strlen(w->ue_client_line)) == ITLS_OK
				&& itls_secagree_select(cl, w->ue_client_line, strlen(w->ue_client_line),
				sl, sline, strlen(sline), &idx) == ITLS_OK) {
				char mech[256];
				size_t ml;
				if (itls_secagree_serialize_mech(sl, sline, strlen(sline), idx,
					mech, sizeof mech - 1, &ml) == ITLS_OK) {
					mech[ml] = 0;
					note(w, SIM_A_UE, "sec-agree: chooses %s (highest q of the P-CSCF among its own offer)", mech);
				}
			}
		}
		ev.realm = (const uint8_t *)w->realm;
		ev.realm_len = strlen(w->realm);
		if (w->tls_live && !w->psk_conn) {
			ev.cert = itls_tls_peer_cert(&w->ue_tls, &ev.cert_len);
		}
		free(cl);
		free(sl);
		ue_feed(w, &ev);
	} else if (p.status == 200) {
		w->sm12_seen = 1;
		ev.kind = ITLS_UE_EV_SM12;
		ue_feed(w, &ev);
	} else {
		ev.kind = ITLS_UE_EV_REJECT;
		ue_feed(w, &ev);
	}
}

/* ---- the P-CSCF ----------------------------------------------------------------------- */

static void
pc_send_sm2_sm8(struct world *w, int sm8, enum itls_integrity ip)
{
	struct sip_parsed p;
	struct sip_msg *m = malloc(sizeof *m);
	const struct sip_msg *src = sm8 ? &w->pc_sm7 : &w->pc_sm1;
	const struct sip_header *h;
	struct itls_authparam ap;
	char auth[1024];
	size_t alen;

	if (m == NULL || sip_parse(src->buf, src->len, &p) != 0) {
		abort();
	}
	sip_request(m, "REGISTER", REGISTRAR);
	sip_header(m, "Via", "SIP/2.0/UDP " PC_CORE_ADDR ":5060;branch=z9hG4bK-pc-%d",
		sm8 ? 2 : 1);
	copy_vias(m, &p, 0);
	sip_header(m, "Max-Forwards", "69");
	copy_header(m, &p, "From");
	copy_header(m, &p, "To");
	copy_header(m, &p, "Call-ID");
	copy_header(m, &p, "CSeq");
	copy_header(m, &p, "Contact");
	sip_header(m, "Path", "<sip:term@pcscf.ims.com;lr>");
	sip_header(m, "Require", "path");
	sip_header(m, "P-Visited-Network-ID", "\"visited.net\"");
	/* PC-03, PC-14: integrity-protected; c_token stripped (AP-28) */
	h = sip_get(&p, "Authorization", 0);
	if (h == NULL || itls_authparam_parse(h->value.p, h->value.len, &ap) != ITLS_OK
		|| itls_authparam_sm8(h->value.p, h->value.len, &ap, ap_integrity(ip),
			auth, sizeof auth, &alen) != ITLS_OK) {
		abort();
	}
	sip_header_raw(m, "Authorization", auth, alen);
	copy_header(m, &p, "Expires");
	sip_end(m);
	if (sm8) {
		w->sm8_seen = 1;
		w->sm8_ip = ip;
	} else {
		w->sm2_seen = 1;
		w->sm2_ip = ip;
	}
	send_msg(w, SIM_A_PCSCF, SIM_A_ICSCF, sm8 ? "SM8" : "SM2", ITLS_TR_PLAIN, m);
	free(m);
}

static void
pc_send_sm6(struct world *w, int with_token)
{
	struct sip_parsed p;
	struct sip_msg *m = malloc(sizeof *m);
	const struct sip_header *h;
	struct itls_authparam ap;
	char www[1024];
	size_t wlen;
	enum itls_transport via = w->pc.sm1_via;

	if (m == NULL || sip_parse(w->pc_sm5.buf, w->pc_sm5.len, &p) != 0) {
		abort();
	}
	sip_response(m, 401, "Unauthorized");
	copy_vias(m, &p, 1);
	copy_header(m, &p, "From");
	copy_header(m, &p, "To");
	copy_header(m, &p, "Call-ID");
	copy_header(m, &p, "CSeq");
	/* PC-05, PC-06, PC-07: ck and ik removed, s_token when the UE offered tls */
	h = sip_get(&p, "WWW-Authenticate", 0);
	if (h == NULL || itls_authparam_parse(h->value.p, h->value.len, &ap) != ITLS_OK
		|| itls_authparam_sm6(h->value.p, h->value.len, &ap,
			with_token ? w->pc.s_token : NULL, www, sizeof www, &wlen) != ITLS_OK) {
		abort();
	}
	sip_header_raw(m, "WWW-Authenticate", www, wlen);
	/* PC-08 */
	sip_header(m, "Security-Server", "%s", strchr(w->pc_server_line, ':') + 2);
	sip_end(m);
	w->sm6_had_stoken = with_token;
	if (w->cfg.attack == ATK_STRIP_SERVER) {
		struct sip_msg *t = malloc(sizeof *t);
		char *q;
		if (t == NULL) {
			abort();
		}
		send_msg(w, SIM_A_PCSCF, SIM_A_MITM, "SM6", via, m);
		w->qn--;
		*t = *m;
		q = strstr(t->buf, "Security-Server: tls;q=0.2, ");
		if (q != NULL) {
			memmove(q + 17, q + 28, t->len - (size_t)(q + 28 - t->buf));
			t->len -= 11;
		}
		note(w, SIM_A_MITM, "attacker removes tls from the Security-Server of the unprotected SM6");
		send_msg(w, SIM_A_MITM, SIM_A_UE, "SM6'", via, t);
		free(t);
	} else if (w->cfg.mitm && via == ITLS_TR_TLS) {
		send_msg(w, SIM_A_PCSCF, SIM_A_MITM, "SM6", via, m);
	} else {
		send_msg(w, SIM_A_PCSCF, SIM_A_UE, "SM6", via, m);
	}
	free(m);
}

/* a response toward the UE: SM12 from SM11, or an error to the last REGISTER */
static void
pc_respond(struct world *w, int code, const char *reason, const char *sm)
{
	struct sip_msg *m = malloc(sizeof *m);
	struct sip_parsed p;
	const struct sip_msg *t;
	size_t skip;
	enum itls_transport via = w->pc_req_via;

	if (m == NULL) {
		abort();
	}
	if (code == 200) {
		t = &w->pc_sm11;
		skip = 1;
	} else if (w->pc_sm7.len > 0) {
		t = &w->pc_sm7;
		skip = 0;
	} else {
		t = &w->pc_sm1;
		skip = 0;
	}
	if (sip_parse(t->buf, t->len, &p) != 0) {
		abort();
	}
	sip_response(m, code, reason);
	copy_vias(m, &p, skip);
	copy_header(m, &p, "From");
	copy_header(m, &p, "To");
	copy_header(m, &p, "Call-ID");
	copy_header(m, &p, "CSeq");
	if (code == 200) {
		copy_header(m, &p, "Path");
		copy_header(m, &p, "Service-Route");
		copy_header(m, &p, "P-Associated-URI");
	}
	if (code == 494) {
		sip_header(m, "Security-Server", "%s", strchr(w->pc_server_line, ':') + 2);
	}
	sip_end(m);
	if (w->cfg.mitm && via == ITLS_TR_TLS) {
		send_msg(w, SIM_A_PCSCF, SIM_A_MITM, sm, via, m);
	} else {
		send_msg(w, SIM_A_PCSCF, SIM_A_UE, sm, via, m);
	}
	free(m);
}

static void
pc_actions(struct world *w, const struct itls_pc_action *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (a[i].kind) {
		case ITLS_PC_A_SEND_SM2:
			pc_send_sm2_sm8(w, 0, a[i].integrity);
			break;
		case ITLS_PC_A_SEND_SM6:
			pc_send_sm6(w, a[i].with_token);
			break;
		case ITLS_PC_A_MAKE_STOKEN:
			if (w->pc.stok_sent) {
				char t[25];
				hex(w->pc.s_token, 12, t);
				note(w, SIM_A_PCSCF, "s_token = HMAC-SHA1-96(IK, own certificate) = %s (PC-06)", t);
			}
			break;
		case ITLS_PC_A_ACCEPT_CTOKEN:
			if (w->pc.ctok_ok) {
				note(w, SIM_A_PCSCF, "c_token = HMAC-SHA1-96(IK, s_token) verified and stripped (PC-13)");
			}
			break;
		case ITLS_PC_A_SEND_SM8:
			pc_send_sm2_sm8(w, 1, a[i].integrity);
			break;
		case ITLS_PC_A_SEND_SM12:
			pc_respond(w, 200, "OK", "SM12");
			break;
		case ITLS_PC_A_FORWARD_REJECT:
			pc_respond(w, 403, "Forbidden", "403");
			break;
		case ITLS_PC_A_ABORT:
			/* the UE learns of it through an error response */
			if (a[i].reason == ITLS_ERR_NO_COMMON_MECHANISM) {
				pc_respond(w, 494, "Security Agreement Required", "494");
			} else {
				pc_respond(w, 403, "Forbidden", "403");
			}
			break;
		case ITLS_PC_A_REFUSE:
			w->pc_refused = 1;
			break;
		default:
			break;
		}
	}
}

static void
pc_receive(struct world *w, struct delivery *d)
{
	struct sip_parsed p;
	struct itls_pc_event ev;

	memset(&ev, 0, sizeof ev);
	if (d->tls_closed) {
		ev.kind = ITLS_PC_EV_TLS_CLOSED;
		pc_feed(w, &ev);
		return;
	}
	if (sip_parse(d->text, d->len, &p) != 0) {
		note(w, SIM_A_PCSCF, "unparsable message dropped");
		return;
	}
	if (p.is_request) {
		char cline[1100], cval[1024], sval[1024], vline[1100], vval[1024];
		char impi[256];
		size_t clen = 0, slen = 0, vlen = 0;
		struct itls_secagree_list *l = malloc(sizeof *l);
		const struct sip_header *h = sip_get(&p, "Authorization", 0);
		struct itls_authparam ap;
		int has_verify = sip_get(&p, "Security-Verify", 0) != NULL;
		if (l == NULL) {
			abort();
		}
		ev.via = d->via;
		w->pc_req_via = d->via;
		if (sec_line(&p, "Security-Client", cline, sizeof cline) > 0
			&& sec_canon(cline, strlen(cline), l, cval, sizeof cval, &clen) == 0) {
			ev.sec_client = (const uint8_t *)cval;
			ev.sec_client_len = clen;
			ev.ue_offer = (list_offers(l, cline, strlen(cline), "tls") ? ITLS_OFFER_TLS : 0)
				| (list_offers(l, cline, strlen(cline), "ipsec-3gpp") ? ITLS_OFFER_IPSEC : 0);
		}
		if (h == NULL || itls_authparam_parse(h->value.p, h->value.len, &ap) != ITLS_OK) {
			note(w, SIM_A_PCSCF, "REGISTER without a usable Authorization");
			free(l);
			return;
		}
		if (!has_verify) {
			/* SM1 */
			w->pc_sm1.len = d->len;
			memcpy(w->pc_sm1.buf, d->text, d->len);
			ev.kind = ITLS_PC_EV_SM1;
			if (sec_canon(w->pc_server_line, strlen(w->pc_server_line), l, sval,
				sizeof sval, &slen) == 0) {
				ev.sec_server = (const uint8_t *)sval;
				ev.sec_server_len = slen;
			}
			if (ap_text(h->value.p, h->value.len, &ap, ITLS_AP_USERNAME, impi,
				sizeof impi) == 0) {
				ev.impi = (const uint8_t *)impi;
				ev.impi_len = strlen(impi);
			}
		} else {
			/* SM7 */
			w->pc_sm7.len = d->len;
			memcpy(w->pc_sm7.buf, d->text, d->len);
			ev.kind = ITLS_PC_EV_SM7;
			if (sec_line(&p, "Security-Verify", vline, sizeof vline) > 0
				&& sec_canon(vline, strlen(vline), l, vval, sizeof vval, &vlen) == 0) {
				ev.sec_verify = (const uint8_t *)vval;
				ev.sec_verify_len = vlen;
			}
			ev.has_ctoken = itls_authparam_get_hex(h->value.p, h->value.len, &ap,
				ITLS_AP_C_TOKEN, ev.c_token, 12) == ITLS_OK;
			w->sm7_had_ctoken = ev.has_ctoken;
			/* PC-22: the certificate pc_tls presented on this connection
			 * (in PKI mode the end entity of the chain it serves) */
			ev.cert = w->pc_tls.cert;
			ev.cert_len = w->pc_tls.cert_len;
		}
		free(l);
		pc_feed(w, &ev);
		return;
	}
	/* responses from the I-CSCF: SM5, SM11 */
	if (p.status == 401) {
		const struct sip_header *h = sip_get(&p, "WWW-Authenticate", 0);
		struct itls_authparam ap;
		w->pc_sm5.len = d->len;
		memcpy(w->pc_sm5.buf, d->text, d->len);
		ev.kind = ITLS_PC_EV_SM5;
		if (h != NULL && itls_authparam_parse(h->value.p, h->value.len, &ap) == ITLS_OK) {
			ev.has_keys = itls_authparam_get_hex(h->value.p, h->value.len, &ap,
				ITLS_AP_CK, ev.ck, 16) == ITLS_OK
				&& itls_authparam_get_hex(h->value.p, h->value.len, &ap,
				ITLS_AP_IK, ev.ik, 16) == ITLS_OK;
		}
		ev.cert = w->pc_tls.cert;   /* the certificate it serves */
		ev.cert_len = w->pc_tls.cert_len;
		pc_feed(w, &ev);
	} else if (p.status == 200) {
		w->pc_sm11.len = d->len;   /* the template of SM12 */
		memcpy(w->pc_sm11.buf, d->text, d->len);
		ev.kind = ITLS_PC_EV_SM11;
		pc_feed(w, &ev);
	} else {
		ev.kind = ITLS_PC_EV_SM11_REJECT;
		pc_feed(w, &ev);
	}
}

/* ---- the I-CSCF and the S-CSCF --------------------------------------------------------- */

static void
ic_receive(struct world *w, struct delivery *d)
{
	struct sip_parsed p;
	struct sip_msg *m = malloc(sizeof *m);
	size_t i;

	if (m == NULL || sip_parse(d->text, d->len, &p) != 0) {
		abort();
	}
	/* relay: requests to the S-CSCF with our Via on top, responses back
	 * to the P-CSCF without it */
	if (p.is_request) {
		sip_request(m, "REGISTER", REGISTRAR);
		sip_header(m, "Via", "SIP/2.0/UDP " IC_ADDR ":5060;branch=z9hG4bK-ic-%d", w->phase);
		for (i = 0; i < p.nh; i++) {
			char name[64];
			snprintf(name, sizeof name, "%.*s", (int)p.h[i].name.len, p.h[i].name.p);
			if (strcasecmp(name, "Content-Length") == 0) {
				continue;
			}
			if (strcasecmp(name, "Max-Forwards") == 0) {
				sip_header(m, "Max-Forwards", "68");
				continue;
			}
			sip_header_raw(m, name, p.h[i].value.p, p.h[i].value.len);
		}
		sip_end(m);
		send_msg(w, SIM_A_ICSCF, SIM_A_SCSCF, w->phase == 1 ? "SM3" : "SM9",
			ITLS_TR_PLAIN, m);
	} else {
		sip_response(m, p.status, p.status == 200 ? "OK" : p.status == 401
			? "Unauthorized" : "Forbidden");
		for (i = 0; i < p.nh; i++) {
			char name[64];
			snprintf(name, sizeof name, "%.*s", (int)p.h[i].name.len, p.h[i].name.p);
			if (strcasecmp(name, "Content-Length") == 0) {
				continue;
			}
			if (strcasecmp(name, "Via") == 0 && &p.h[i] == sip_get(&p, "Via", 0)) {
				continue;
			}
			sip_header_raw(m, name, p.h[i].value.p, p.h[i].value.len);
		}
		sip_end(m);
		send_msg(w, SIM_A_ICSCF, SIM_A_PCSCF, p.status == 401 ? "SM5"
			: p.status == 200 ? "SM11" : "403", ITLS_TR_PLAIN, m);
	}
	free(m);
}

static void
sc_receive(struct world *w, struct delivery *d)
{
	struct sip_parsed p;
	struct sip_msg *m = malloc(sizeof *m);
	const struct sip_header *h;
	struct itls_authparam ap;
	char resp[64], expect[33];
	int ok = 0, challenge = 1;

	if (m == NULL || sip_parse(d->text, d->len, &p) != 0) {
		abort();
	}
	h = sip_get(&p, "Authorization", 0);
	if (h != NULL && itls_authparam_parse(h->value.p, h->value.len, &ap) == ITLS_OK
		&& ap_text(h->value.p, h->value.len, &ap, ITLS_AP_RESPONSE, resp, sizeof resp) == 0
		&& resp[0] != 0) {
		/* SM9: RFC 3310 with RES as the password (XRES here), or RFC
		 * 4169 with the password derived from XRES, IK and CK */
		int v2 = sim_variant_of(w->run->scn)->akav2;
		challenge = 0;
		sim_digest_aka(v2, w->av.xres, 8, w->av.ik, w->av.ck, IMPI, REALM, w->sc_nonce,
			"REGISTER", REGISTRAR, expect);
		ok = strcmp(expect, resp) == 0;
		w->sc_v2 = v2 && ok;
		note(w, SIM_A_SCSCF, "Digest response %s (%s, XRES%s)", ok ? "verified" : "WRONG",
			v2 ? "AKAv2-MD5" : "AKAv1-MD5", v2 ? ", IK, CK" : "");
	}
	if (challenge) {
		/* SM3: a fresh vector from the HSS/AuC (Milenage, TS 35.206) */
		static const uint8_t rand[16] = {
			0x23, 0x55, 0x3c, 0xbe, 0x96, 0x37, 0xa8, 0x9d,
			0x21, 0x8a, 0xe6, 0x4d, 0xae, 0x47, 0xbf, 0x35 };
		static const uint8_t amf[2] = { 0x80, 0x00 };
		uint8_t nb[32], rnd[16];
		char ck[33], ik[33];
		/* a later vector (re-registration, UE-28) has its own RAND and the
		 * next sequence number (SEQ + 1, IND unchanged: TS 33.102 C.3.2) */
		memcpy(rnd, rand, 16);
		rnd[15] ^= (uint8_t)w->sc_runs;
		sim_auc_vector(w->k, w->opc, rnd, w->hss_sqn, amf, &w->av);
		w->sc_runs++;
		{
			int i;
			unsigned c = 32;
			for (i = 5; i >= 0 && c != 0; i--) {
				c += w->hss_sqn[i];
				w->hss_sqn[i] = (uint8_t)c;
				c >>= 8;
			}
		}
		memcpy(nb, w->av.rand, 16);
		memcpy(nb + 16, w->av.autn, 16);
		b64(nb, 32, w->sc_nonce);
		hex(w->av.ck, 16, ck);
		hex(w->av.ik, 16, ik);
		sip_response(m, 401, "Unauthorized");
		copy_vias(m, &p, 0);
		copy_header(m, &p, "From");
		sip_header(m, "To", "<" IMPU ">;tag=sc-1");
		copy_header(m, &p, "Call-ID");
		copy_header(m, &p, "CSeq");
		sip_header(m, "WWW-Authenticate",
			"Digest realm=\"" REALM "\", nonce=\"%s\", algorithm=%s, ck=\"%s\", ik=\"%s\"",
			w->sc_nonce, sim_variant_of(w->run->scn)->akav2 ? "AKAv2-MD5" : "AKAv1-MD5",
			ck, ik);
		sip_end(m);
		note(w, SIM_A_SCSCF, "HSS/AuC: authentication vector (RAND, AUTN, XRES, CK, IK) by Milenage");
		send_msg(w, SIM_A_SCSCF, SIM_A_ICSCF, "SM4", ITLS_TR_PLAIN, m);
	} else {
		sip_response(m, ok ? 200 : 403, ok ? "OK" : "Forbidden");
		copy_vias(m, &p, 0);
		copy_header(m, &p, "From");
		sip_header(m, "To", "<" IMPU ">;tag=sc-1");
		copy_header(m, &p, "Call-ID");
		copy_header(m, &p, "CSeq");
		if (ok) {
			copy_header(m, &p, "Path");
			sip_header(m, "Service-Route", "<sip:orig@scscf.operator1.ims.com;lr>");
			sip_header(m, "P-Associated-URI", "<" IMPU ">");
		}
		sip_end(m);
		send_msg(w, SIM_A_SCSCF, SIM_A_ICSCF, ok ? "SM10" : "403", ITLS_TR_PLAIN, m);
	}
	free(m);
}

/* the man in the middle relays what it gets */
static void
mitm_receive(struct world *w, struct delivery *d)
{
	struct sip_msg *m = malloc(sizeof *m);
	struct sip_parsed p;
	int to;
	const char *sm = "relay";

	if (m == NULL || sip_parse(d->text, d->len, &p) != 0) {
		abort();
	}
	memcpy(m->buf, d->text, d->len);
	m->len = d->len;
	m->overflow = 0;
	to = d->from == SIM_A_UE ? SIM_A_PCSCF : SIM_A_UE;
	if (p.is_request) {
		sm = sip_get(&p, "Security-Verify", 0) ? "SM7" : "SM1";
	} else {
		sm = p.status == 401 ? "SM6" : p.status == 200 ? "SM12" : "403";
	}
	send_msg(w, SIM_A_MITM, to, sm, d->via, m);
	free(m);
}

static void
network_run(struct world *w)
{
	int guard = 0;

	while (w->qn > 0 && ++guard < 200) {
		struct delivery *d = malloc(sizeof *d);
		if (d == NULL) {
			abort();
		}
		*d = w->q[w->qh];
		w->qh = (w->qh + 1) % QMAX;
		w->qn--;
		switch (d->to) {
		case SIM_A_UE:
			ue_receive(w, d);
			break;
		case SIM_A_PCSCF:
			pc_receive(w, d);
			break;
		case SIM_A_ICSCF:
			ic_receive(w, d);
			break;
		case SIM_A_SCSCF:
			sc_receive(w, d);
			break;
		case SIM_A_MITM:
			mitm_receive(w, d);
			break;
		default:
			break;
		}
		free(d);
	}
}

/* ---- one registration ------------------------------------------------------------------ */

/* TR-15: the UE's trust anchor (the home root) and the simulator's date */
static int
sim_pki_setup(struct world *w)
{
	if (!sim_variant_of(w->run->scn)->pki) {
		return 0;
	}
	itls_pki_init(&w->pki, sim_now(w->run), HOME_DOMAIN);
	if (itls_pki_add_anchor(&w->pki, sim_pki_root, sim_pki_root_len) != 0) {
		return -1;
	}
	itls_pki_attach(&w->pki, &w->ue_tls);
	return 0;
}

/* the certificate list the P-CSCF serves in PKI mode, end entity first */
static int
sim_pki_serve(struct world *w)
{
	const uint8_t *c[2];
	size_t l[2];
	const uint8_t *key = sim_pki_pcscf_key;
	size_t klen = sim_pki_pcscf_key_len;

	switch (sim_variant_of(w->run->scn)->chain) {
	case SIM_PKI_HOME:
		c[0] = sim_pki_pcscf;
		l[0] = sim_pki_pcscf_len;
		break;
	case SIM_PKI_OTHER:
		c[0] = sim_pki_other;
		l[0] = sim_pki_other_len;
		break;
	case SIM_PKI_VISITED:
		c[0] = sim_pki_visited;
		l[0] = sim_pki_visited_len;
		c[1] = sim_pki_visited_ca;
		l[1] = sim_pki_visited_ca_len;
		key = sim_pki_visited_key;
		klen = sim_pki_visited_key_len;
		return itls_tls_server_init_chain(&w->pc_tls, c, l, 2, key, klen);
	default:
		return 0;
	}
	c[1] = sim_pki_int;
	l[1] = sim_pki_int_len;
	return itls_tls_server_init_chain(&w->pc_tls, c, l, 2, key, klen);
}

static int
world_init(struct world *w, struct sim_run *r, const struct setup *cfg)
{
	static const uint8_t k[16] = {
		0x46, 0x5b, 0x5c, 0xe8, 0xb1, 0x99, 0xb4, 0x9f,
		0xaa, 0x5f, 0x0a, 0x2e, 0xe2, 0x38, 0xa6, 0xbc };
	static const uint8_t opc[16] = {
		0xcd, 0x63, 0xcb, 0x71, 0x95, 0x4a, 0x9f, 0x4e,
		0x48, 0xa5, 0x99, 0x4e, 0x37, 0xa0, 0x2b, 0xaf };
	static const uint8_t sqn[6] = { 0xff, 0x9b, 0xb4, 0xd0, 0xb6, 0x07 };
	struct itls_ue_config uc;
	struct itls_pc_config pcc;

	memset(w, 0, sizeof *w);
	w->run = r;
	w->cfg = *cfg;
	w->phase = 1;
	memcpy(w->k, k, 16);
	memcpy(w->opc, opc, 16);
	memcpy(w->hss_sqn, sqn, 6);
	/* the UE */
	memset(&uc, 0, sizeof uc);
	uc.offer = cfg->ue_offer;
	uc.tls_first = cfg->tls_first;
	uc.mode = cfg->mode;
	uc.check_names = 1;
	memcpy(uc.domain, HOME_DOMAIN, strlen(HOME_DOMAIN));
	uc.domain_len = strlen(HOME_DOMAIN);
	memcpy(uc.impi, IMPI, strlen(IMPI));
	uc.impi_len = strlen(IMPI);
	snprintf(w->ue_client_line, sizeof w->ue_client_line, "Security-Client: %s%s%s",
		(cfg->ue_offer & ITLS_OFFER_IPSEC) ? UE_SEC_IPSEC : "",
		(cfg->ue_offer & ITLS_OFFER_IPSEC) && (cfg->ue_offer & ITLS_OFFER_TLS) ? ", " : "",
		(cfg->ue_offer & ITLS_OFFER_TLS) ? "tls" : "");
	if (itls_ue_init(&w->ue, &uc) != ITLS_OK) {
		return -1;
	}
	itls_tls_client_init(&w->ue_tls);
	if (sim_pki_setup(w) != 0) {
		return -1;
	}
	if (sim_variant_of(r->scn)->nat) {
		/* TR-20: a NAT in front of the UE; bindings idle for 5 min expire */
		static const uint8_t pub[4] = { 198, 51, 100, 7 };
		sim_nat_enable(r, pub, SIM_NAT_TIMEOUT_S);
	}
	/* the P-CSCF */
	memset(&pcc, 0, sizeof pcc);
	pcc.support = cfg->pc_support;
	pcc.mode = cfg->mode;
	pcc.prefer_ipsec = cfg->pc_prefers_ipsec;   /* PC-21: the order of pc_server_line */
	if (itls_pc_init(&w->pc, &pcc) != ITLS_OK) {
		return -1;
	}
	{
		const char *tls = cfg->pc_prefers_ipsec ? "tls;q=0.1" : "tls;q=0.2";
		char ipsec[200];
		snprintf(ipsec, sizeof ipsec, "ipsec-3gpp;q=%s;alg=hmac-sha-1-96;spi-c=33333;spi-s=44444;port-c=5066;port-s=5068",
			cfg->pc_prefers_ipsec ? "0.5" : "0.1");
		if (cfg->pc_support == (ITLS_OFFER_TLS | ITLS_OFFER_IPSEC)) {
			snprintf(w->pc_server_line, sizeof w->pc_server_line,
				"Security-Server: %s, %s", tls, ipsec);
		} else if (cfg->pc_support == ITLS_OFFER_TLS) {
			snprintf(w->pc_server_line, sizeof w->pc_server_line,
				"Security-Server: %s", tls);
		} else {
			snprintf(w->pc_server_line, sizeof w->pc_server_line,
				"Security-Server: %s", ipsec);
		}
	}
	/* TR-07: the ports and SPIs of the IPsec hop, as negotiated */
	(void)sim_ipsec_params(w->ue_client_line, w->pc_server_line, &w->ipsec);
	if (itls_tls_server_init(&w->pc_tls, sim_pcscf_cert, sim_pcscf_cert_len,
		sim_pcscf_key, sim_pcscf_key_len) != 0) {
		return -1;
	}
	if (sim_pki_serve(w) != 0) {
		return -1;
	}
	if (cfg->mitm) {
		int pki = sim_variant_of(r->scn)->pki;   /* TR-15: pki-mitm.der */
		if (itls_tls_server_init(&w->mitm_srv, pki ? sim_pki_mitm : sim_mitm_cert,
			pki ? sim_pki_mitm_len : sim_mitm_cert_len,
			sim_mitm_key, sim_mitm_key_len) != 0) {
			return -1;
		}
		itls_tls_client_init(&w->mitm_cli);
	}
	return 0;
}

static void
registration(struct world *w)
{
	struct itls_ue_event ev;
	double t0 = now_ns();

	memset(&ev, 0, sizeof ev);
	ev.kind = ITLS_UE_EV_START;
	ue_feed(w, &ev);
	network_run(w);
	w->run->ns_total += now_ns() - t0;
	w->run->ns_tls += w->t_tls;
	w->run->tls_bytes += w->tls_bytes;
	w->t_tls = 0;
	w->tls_bytes = 0;
}

static int
run_one(struct sim_run *r, const struct setup *cfg, struct world **out)
{
	struct world *w = calloc(1, sizeof *w);

	if (w == NULL || world_init(w, r, cfg) != 0) {
		free(w);
		snprintf(r->verdict, sizeof r->verdict, "internal: set-up failed");
		return -1;
	}
	registration(w);
	*out = w;
	return 0;
}

/* ---- the scenarios ---------------------------------------------------------------------- */

#define BOTH (ITLS_OFFER_TLS | ITLS_OFFER_IPSEC)

static void
verdict(struct sim_run *r, int pass, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
verdict(struct sim_run *r, int pass, const char *fmt, ...)
{
	va_list ap;

	r->pass = pass;
	va_start(ap, fmt);
	vsnprintf(r->verdict, sizeof r->verdict, fmt, ap);
	va_end(ap);
}

static int
registered_tls(const struct world *w)
{
	return w->ue.state == ITLS_UE_REGISTERED_TLS && w->pc.state == ITLS_PC_REGISTERED
		&& w->pc.mech == ITLS_MECH_TLS;
}

static int
registered_ipsec(const struct world *w)
{
	return w->ue.state == ITLS_UE_REGISTERED_IPSEC && w->pc.state == ITLS_PC_REGISTERED
		&& w->pc.mech == ITLS_MECH_IPSEC;
}

static void
describe(struct sim_run *r, const struct world *w, int pass)
{
	verdict(r, pass, "UE %s%s%s, P-CSCF %s%s%s",
		itls_ue_state_name(w->ue.state),
		w->ue.state == ITLS_UE_FAILED ? " " : "",
		w->ue.state == ITLS_UE_FAILED ? itls_err_name(w->ue.reason) : "",
		itls_pc_state_name(w->pc.state),
		w->pc.state == ITLS_PC_FAILED ? " " : "",
		w->pc.state == ITLS_PC_FAILED ? itls_err_name(w->pc.reason) : "");
}

static int
scn_itls(struct sim_run *r, int tls_first, unsigned pc_support)
{
	struct setup s = { BOTH, tls_first, ITLS_TLS_CERT, pc_support, 0, 0, ATK_NONE, 0 };
	struct world *w;
	int ok;

	if (run_one(r, &s, &w) != 0) {
		return -1;
	}
	ok = registered_tls(w) && w->sm6_had_stoken && w->sm7_had_ctoken
		&& w->ue.stok_ok && w->pc.ctok_ok && w->sm8_ip == ITLS_IP_TLS_YES
		&& w->sm2_ip == (tls_first ? ITLS_IP_TLS_PENDING : ITLS_IP_NO)
		&& w->sm7_via == ITLS_TR_TLS;
	describe(r, w, ok);
	free(w);
	return 0;
}

static int
scn_prefer_ipsec(struct sim_run *r)
{
	struct setup s = { BOTH, 1, ITLS_TLS_CERT, BOTH, 1, 0, ATK_NONE, 0 };
	struct world *w;
	int ok;

	if (run_one(r, &s, &w) != 0) {
		return -1;
	}
	ok = registered_ipsec(w) && w->sm6_had_stoken && w->sm7_had_ctoken
		&& w->pc.ctok_ok && w->sm7_via == ITLS_TR_IPSEC && !w->tls_live
		&& !w->pc.tls_up && w->sm8_ip == ITLS_IP_YES;
	describe(r, w, ok);
	free(w);
	return 0;
}

static int
scn_fallback(struct sim_run *r)
{
	struct setup s = { BOTH, 1, ITLS_TLS_CERT, ITLS_OFFER_IPSEC, 0, 0, ATK_NONE, 0 };
	struct world *w;
	int ok;

	if (run_one(r, &s, &w) != 0) {
		return -1;
	}
	ok = registered_ipsec(w) && w->ue.refusal_unauth && !w->sm6_had_stoken
		&& !w->sm7_had_ctoken && w->sm8_ip == ITLS_IP_YES;
	describe(r, w, ok);
	free(w);
	return 0;
}

static int
scn_psk(struct sim_run *r)
{
	struct setup s = { BOTH, 0, ITLS_TLS_PSK, ITLS_OFFER_TLS, 0, 0, ATK_NONE, 0 };
	struct world *w;
	int ok;

	if (run_one(r, &s, &w) != 0) {
		return -1;
	}
	ok = registered_tls(w) && w->psk_equal && !w->sm6_had_stoken
		&& !w->sm7_had_ctoken && w->ue.psk_ok && w->pc.psk_ok
		&& w->sm8_ip == ITLS_IP_TLS_YES;
	describe(r, w, ok);
	free(w);
	return 0;
}

static int
scn_mitm(struct sim_run *r)
{
	struct setup s = { BOTH, 1, ITLS_TLS_CERT, BOTH, 0, 1, ATK_NONE, 0 };
	struct world *w;
	int ok;

	if (run_one(r, &s, &w) != 0) {
		return -1;
	}
	note(w, SIM_A_UE, "the MitM's certificate carries the same names (pcscf.ims.com): "
		"only s_token tells the two apart");
	ok = w->ue.state == ITLS_UE_FAILED && w->ue.reason == ITLS_ERR_TOKEN_INVALID
		&& w->pc.state == ITLS_PC_SM6_SENT && !w->sm8_seen;
	describe(r, w, ok);
	free(w);
	return 0;
}

static int
scn_bad_ctoken(struct sim_run *r)
{
	struct setup s = { BOTH, 1, ITLS_TLS_CERT, BOTH, 0, 0, ATK_HEX_CTOKEN, 0 };
	struct world *w;
	int ok;

	if (run_one(r, &s, &w) != 0) {
		return -1;
	}
	ok = w->pc.state == ITLS_PC_FAILED && w->pc.reason == ITLS_ERR_TOKEN_INVALID
		&& !w->sm8_seen && w->ue.state == ITLS_UE_FAILED;
	describe(r, w, ok);
	free(w);
	return 0;
}

static int
scn_bid_down(struct sim_run *r)
{
	struct setup a = { BOTH, 0, ITLS_TLS_CERT, BOTH, 0, 0, ATK_STRIP_SERVER, 0 };
	struct setup b = { BOTH, 0, ITLS_TLS_CERT, BOTH, 1, 0, ATK_STRIP_CLIENT, 0 };
	struct setup c = { BOTH, 1, ITLS_TLS_CERT, BOTH, 0, 0, ATK_FORGE_REFUSAL, 0 };
	struct world *w;
	int ok_a, ok_b, ok_c;

	part(r, "(a) sec-agree first; an attacker removes tls from the Security-Server of SM6");
	if (run_one(r, &a, &w) != 0) {
		return -1;
	}
	ok_a = w->ue.chosen == ITLS_MECH_IPSEC && w->pc.state == ITLS_PC_FAILED
		&& w->pc.reason == ITLS_ERR_BID_DOWN && !w->sm8_seen;
	note(w, SIM_A_PCSCF, "%s", ok_a ? "caught: Security-Verify of the protected SM7 differs from the Security-Server sent (PC-10)"
		: "NOT caught");
	free(w);
	part(r, "(b) sec-agree first, the P-CSCF prefers ipsec-3gpp; an attacker removes tls from the Security-Client of SM1");
	if (run_one(r, &b, &w) != 0) {
		return -1;
	}
	ok_b = w->ue.chosen == ITLS_MECH_IPSEC && w->pc.state == ITLS_PC_FAILED
		&& w->pc.reason == ITLS_ERR_BID_DOWN && !w->sm8_seen && !w->sm6_had_stoken;
	note(w, SIM_A_PCSCF, "%s", ok_b ? "caught: the Security-Client of the protected SM7 differs from the one of SM1 (PC-11)"
		: "NOT caught");
	free(w);
	part(r, "(c) TLS first; an attacker answers the ClientHello with a fatal alert (figure 5)");
	if (run_one(r, &c, &w) != 0) {
		return -1;
	}
	ok_c = registered_tls(w) && w->ue.refusal_unauth && w->sm2_ip == ITLS_IP_NO;
	note(w, SIM_A_UE, "%s", ok_c ? "not detectable (seed 004 §3.3.2.2): the refusal cannot be authenticated; "
		"sec-agree still chose tls, but SM1..SM6 travelled unprotected (UE-15, UE-16)"
		: "unexpected outcome");
	free(w);
	verdict(r, ok_a && ok_b && ok_c,
		"(a) %s, (b) %s, (c) %s",
		ok_a ? "P-CSCF failed bid-down at SM7 (Security-Verify)" : "NOT caught",
		ok_b ? "P-CSCF failed bid-down at SM7 (Security-Client)" : "NOT caught",
		ok_c ? "registered over TLS, refusal not detectable" : "unexpected");
	return 0;
}

static int
scn_no_tls_ue(struct sim_run *r)
{
	struct setup s = { ITLS_OFFER_IPSEC, 0, ITLS_TLS_CERT, BOTH, 0, 0, ATK_NONE, 0 };
	struct world *w;
	int ok;

	if (run_one(r, &s, &w) != 0) {
		return -1;
	}
	ok = registered_ipsec(w) && !w->sm6_had_stoken && !w->sm7_had_ctoken
		&& w->sm8_ip == ITLS_IP_YES;
	describe(r, w, ok);
	free(w);
	return 0;
}

static int
scn_resume(struct sim_run *r)
{
	struct setup s = { BOTH, 1, ITLS_TLS_CERT, BOTH, 0, 0, ATK_NONE, 1 };
	struct world *w;
	struct itls_ue_event ev;
	struct itls_pc_event pe;
	int ok;

	if (run_one(r, &s, &w) != 0) {
		return -1;
	}
	if (!registered_tls(w)) {
		describe(r, w, 0);
		free(w);
		return 0;
	}
	/* the connection drops (NAT timeout, radio loss) */
	note(w, SIM_A_UE, "the TCP connection under TLS drops: no close_notify reaches either end");
	/* TR-05: nothing of the close crosses the wire */
	sim_tcp_drop(w->run, sim_tcp_find(w->run, SIM_A_UE, SIM_A_PCSCF, 1));
	w->link.on_record = NULL;
	itls_tls_close(&w->link);
	w->link.nev = 0;	/* the alerts of the close never cross the dropped connection */
	w->tls_live = 0;
	memset(&pe, 0, sizeof pe);
	pe.kind = ITLS_PC_EV_TLS_CLOSED;
	pc_feed(w, &pe);
	memset(&ev, 0, sizeof ev);
	ev.kind = ITLS_UE_EV_TLS_LOST;
	ue_feed(w, &ev);
	network_run(w);
	/* the network wants to reach the UE: it may not open or resume TLS */
	note(w, SIM_A_PCSCF, "a request for the UE arrives while no TLS connection is up: "
		"the P-CSCF may not open or resume TLS toward the UE");
	memset(&pe, 0, sizeof pe);
	pe.kind = ITLS_PC_EV_TLS_TO_UE;
	pc_feed(w, &pe);
	memset(&ev, 0, sizeof ev);
	ev.kind = ITLS_UE_EV_TLS_INBOUND;
	note(w, SIM_A_UE, "probe: a ClientHello arrives from the network side (UE-18)");
	ue_feed(w, &ev);
	ok = registered_tls(w) && w->resumed && w->ue_refused && w->pc_refused
		&& w->ue.stok_ok && w->ue.stok_run == w->ue.aka_run;
	describe(r, w, ok);
	free(w);
	return 0;
}

/* PKI mode (TR-15..TR-18, D-SIM-8): a UE that offers tls only, TLS first */
static int
scn_pki(struct sim_run *r, int scn)
{
	struct setup s = { ITLS_OFFER_TLS, 1, ITLS_TLS_CERT, BOTH, 0,
		scn == SIM_PKI_UNTRUSTED, ATK_NONE, 0 };
	struct world *w;
	int ok;

	if (run_one(r, &s, &w) != 0) {
		return -1;
	}
	switch (scn) {
	case SIM_PKI_UNTRUSTED:
		ok = w->ue.state == ITLS_UE_FAILED && !w->tls_live
			&& strcmp(itls_pki_reason(&w->pki), "not-trusted") == 0
			&& !w->sm2_seen && !w->sm8_seen;
		break;
	case SIM_PKI_WRONG_DOMAIN:
		ok = w->ue.state == ITLS_UE_FAILED && !w->tls_live
			&& w->pki.x509_err == 0 && w->pki.name_err == ITLS_ERR_DOMAIN_MISMATCH
			&& !w->sm2_seen;
		break;
	default:
		ok = registered_tls(w) && w->pki.x509_err == 0 && w->pki.name_err == ITLS_OK
			&& w->ue.stok_ok && w->pc.ctok_ok;
		break;
	}
	describe(r, w, ok);
	if (w->ue.state == ITLS_UE_FAILED) {
		char v[sizeof r->verdict];
		snprintf(v, sizeof v, "%s", r->verdict);
		verdict(r, ok, "certificate refused in the handshake (%s): %s",
			itls_pki_reason(&w->pki), v);
	}
	free(w);
	return 0;
}

/* ---- NAT (TR-19..TR-22) ---------------------------------------------------- */

/* TR-22: a CRLF keep-alive over the UE's TLS connection (RFC 5626 §3.5.1) */
static void
nat_keepalive(struct world *w)
{
	static const uint8_t ping[4] = { '\r', '\n', '\r', '\n' };
	static const uint8_t pong[2] = { '\r', '\n' };
	uint8_t got[4];
	struct sim_entry *e;

	if (itls_tls_transfer(&w->link, 1, ping, 4, got, sizeof got) != 4
		|| itls_tls_transfer(&w->link, 0, pong, 2, got, sizeof got) != 2) {
		note(w, SIM_A_UE, "keep-alive failed");
		return;
	}
	e = entry(w, SIM_E_TLS, SIM_A_UE, SIM_A_PCSCF);
	snprintf(e->via, sizeof e->via, "TLS");
	snprintf(e->label, sizeof e->label, "CRLF CRLF (keep-alive ping, RFC 5626)");
	e = entry(w, SIM_E_TLS, SIM_A_PCSCF, SIM_A_UE);
	snprintf(e->via, sizeof e->via, "TLS");
	snprintf(e->label, sizeof e->label, "CRLF (pong)");
}

/* From, To, Call-ID, CSeq of the MESSAGE and of its 200 (with the To tag) */
static void
message_dialog(struct sip_msg *m, int response)
{
	sip_header(m, "From", "<sip:alice@operator1.ims.com>;tag=al-1");
	sip_header(m, "To", "<" IMPU ">%s", response ? ";tag=ue-9" : "");
	sip_header(m, "Call-ID", "itls-demo-message@" SC_ADDR);
	sip_header(m, "CSeq", "1 MESSAGE");
}

/* TR-23: a MESSAGE from the S-CSCF to the registered UE, over the UE's own
 * connection; returns 1 when the UE answered 200 */
static int
nat_message(struct world *w)
{
	struct sip_msg *m = malloc(sizeof *m);
	char body[1400];
	int c = sim_tcp_find(w->run, SIM_A_UE, SIM_A_PCSCF, 1);
	unsigned port = c >= 0 ? sim_tcp_port(w->run, c, SIM_A_UE) : 0;
	int ok = 0;

	if (m == NULL) {
		abort();
	}
	/* a body that makes the request longer than 1300 bytes (TR-19) */
	memset(body, 'x', sizeof body);
	memcpy(body, "Hello over the UE's own connection. ", 36);
	w->phase = 3;
	sip_request(m, "MESSAGE", "sip:user1@" UE_ADDR ";transport=tls");
	sip_header(m, "Via", "SIP/2.0/UDP " SC_ADDR ":5060;branch=z9hG4bK-sc-msg");
	sip_header(m, "Max-Forwards", "69");
	sip_header(m, "Route", "<sip:term@pcscf.ims.com;lr>");
	message_dialog(m, 0);
	sip_end_body(m, "text/plain", body, sizeof body);
	send_msg(w, SIM_A_SCSCF, SIM_A_PCSCF, "T1", ITLS_TR_PLAIN, m);
	w->qn--;   /* handled here, not by the REGISTER logic of pc_receive */
	if (!sim_nat_alive(w->run, c)) {
		note(w, SIM_A_PCSCF, "the UE's connection leads nowhere: the NAT binding of "
			"198.51.100.7:%u expired; the MESSAGE cannot be delivered (408 after timer F)",
			c >= 0 ? sim_nat_port(w->run, c) : 0);
		free(m);
		return 0;
	}
	note(w, SIM_A_PCSCF, "the registration's flow: the TLS connection from 198.51.100.7:%u "
		"(the NAT) carries the request toward the UE (RFC 5626 §5.3; seed 004 §4)",
		sim_nat_port(w->run, c));
	sip_request(m, "MESSAGE", "sip:user1@" UE_ADDR ";transport=tls");
	sip_header(m, "Via", "SIP/2.0/TLS pcscf.ims.com:5061;branch=z9hG4bK-pc-msg");
	sip_header(m, "Via", "SIP/2.0/UDP " SC_ADDR ":5060;branch=z9hG4bK-sc-msg");
	sip_header(m, "Max-Forwards", "68");
	message_dialog(m, 0);
	sip_end_body(m, "text/plain", body, sizeof body);
	send_msg(w, SIM_A_PCSCF, SIM_A_UE, "T2", ITLS_TR_TLS, m);
	if (w->qn > 0) {
		w->qn--;
		ok = 1;
	}
	sip_response(m, 200, "OK");
	sip_header(m, "Via", "SIP/2.0/TLS pcscf.ims.com:5061;branch=z9hG4bK-pc-msg");
	sip_header(m, "Via", "SIP/2.0/UDP " SC_ADDR ":5060;branch=z9hG4bK-sc-msg");
	message_dialog(m, 1);
	sip_end(m);
	send_msg(w, SIM_A_UE, SIM_A_PCSCF, "T3", ITLS_TR_TLS, m);
	if (w->qn > 0) {
		w->qn--;
	}
	sip_response(m, 200, "OK");
	sip_header(m, "Via", "SIP/2.0/UDP " SC_ADDR ":5060;branch=z9hG4bK-sc-msg");
	message_dialog(m, 1);
	sip_end(m);
	send_msg(w, SIM_A_PCSCF, SIM_A_SCSCF, "T4", ITLS_TR_PLAIN, m);
	if (w->qn > 0) {
		w->qn--;
	}
	(void)port;
	free(m);
	return ok;
}

static int
scn_nat_tls(struct sim_run *r)
{
	struct setup s = { BOTH, 1, ITLS_TLS_CERT, BOTH, 0, 0, ATK_NONE, 0 };
	struct world *w;
	int ok_a, ok_b, i;

	part(r, "(a) the UE keeps its binding alive with CRLF keep-alives every 2 minutes");
	if (run_one(r, &s, &w) != 0) {
		return -1;
	}
	ok_a = registered_tls(w);
	note(w, SIM_A_UE, "NAT 10.0.0.1:%u <-> 198.51.100.7:%u; bindings idle for %u s expire",
		sim_tcp_port(r, sim_tcp_find(r, SIM_A_UE, SIM_A_PCSCF, 1), SIM_A_UE),
		sim_nat_port(r, sim_tcp_find(r, SIM_A_UE, SIM_A_PCSCF, 1)), SIM_NAT_TIMEOUT_S);
	for (i = 0; i < 3; i++) {
		sim_clock_idle(r, SIM_KEEPALIVE_S * 1000000ull);
		nat_keepalive(w);
	}
	sim_clock_idle(r, 60 * 1000000ull);
	ok_a = ok_a && nat_message(w);
	free(w);
	part(r, "(b) the same without keep-alives");
	if (run_one(r, &s, &w) != 0) {
		return -1;
	}
	sim_clock_idle(r, (SIM_NAT_TIMEOUT_S + 60) * 1000000ull);
	ok_b = registered_tls(w) && !nat_message(w);
	free(w);
	verdict(r, ok_a && ok_b, "(a) %s, (b) %s",
		ok_a ? "registered through the NAT, MESSAGE delivered over the UE's connection after 7 min"
		: "NOT delivered",
		ok_b ? "binding expired, MESSAGE undeliverable" : "unexpected");
	return 0;
}

static int
scn_nat_ipsec(struct sim_run *r)
{
	struct setup s = { ITLS_OFFER_IPSEC, 0, ITLS_TLS_CERT, BOTH, 0, 0, ATK_NONE, 0 };
	struct world *w;
	int ok;

	if (run_one(r, &s, &w) != 0) {
		return -1;
	}
	note(w, SIM_A_UE, "no SM12: the UE's timer F expires; NAT traversal (UDP encapsulation, "
		"RFC 3948) is not part of Rel-5/6 IMS access security (seed 001)");
	ok = w->ue.state == ITLS_UE_SM7_SENT && w->pc.state == ITLS_PC_SM6_SENT
		&& !w->sm8_seen && w->sm2_seen;
	describe(r, w, ok);
	free(w);
	return 0;
}

/* re-registration over the same TLS connection (UE-28, PC-23, D-PC-9) */
static int
scn_reauth(struct sim_run *r)
{
	struct setup s = { BOTH, 1, ITLS_TLS_CERT, BOTH, 0, 0, ATK_NONE, 0 };
	struct world *w;
	struct itls_ue_event ev;
	uint8_t stok1[12], ctok1[12], ik1[16], cert1[32];
	char nonce1[128];
	int ok, conns;

	part(r, "(1) registration over TLS, AKA run 1");
	if (run_one(r, &s, &w) != 0) {
		return -1;
	}
	if (!registered_tls(w) || w->sm8_ip != ITLS_IP_TLS_YES) {
		describe(r, w, 0);
		free(w);
		return 0;
	}
	memcpy(stok1, w->ue.s_token, 12);
	memcpy(ctok1, w->ue.c_token, 12);
	memcpy(ik1, w->ue.keys.ik, 16);
	memcpy(cert1, w->ue.conn_cert, 32);
	snprintf(nonce1, sizeof nonce1, "%s", w->nonce);
	conns = sim_tcp_find(r, SIM_A_UE, SIM_A_PCSCF, 1);
	part(r, "(2) re-registration inside the same TLS connection, AKA run 2");
	note(w, SIM_A_UE, "re-registration (UE-28): the same Security-Client, SM1 inside the TLS "
		"connection that is up; the challenge starts a new AKA run");
	w->phase = 1;
	w->sm8_seen = 0;
	w->sm12_seen = 0;
	w->sm8_ip = ITLS_IP_NO;
	memset(&ev, 0, sizeof ev);
	ev.kind = ITLS_UE_EV_REREGISTER;
	ue_feed(w, &ev);
	network_run(w);
	ok = registered_tls(w) && w->ue.aka_run == 2 && w->ue.stok_ok
		&& w->ue.stok_run == 2 && w->pc.ctok_ok && w->sm8_seen
		&& w->sm8_ip == ITLS_IP_TLS_YES && w->sm7_via == ITLS_TR_TLS
		&& strcmp(nonce1, w->nonce) != 0
		&& memcmp(ik1, w->ue.keys.ik, 16) != 0
		&& memcmp(stok1, w->ue.s_token, 12) != 0
		&& memcmp(ctok1, w->ue.c_token, 12) != 0
		&& memcmp(cert1, w->ue.conn_cert, 32) == 0
		&& sim_tcp_find(r, SIM_A_UE, SIM_A_PCSCF, 1) == conns;
	if (ok) {
		char t1[25], t2[25];
		hex(stok1, 12, t1);
		hex(w->ue.s_token, 12, t2);
		note(w, SIM_A_UE, "s_token run 1 %s, run 2 %s: new IK, same certificate (UE-25)",
			t1, t2);
	}
	describe(r, w, ok);
	free(w);
	return 0;
}

/* AKAv2-MD5 end to end (RFC 4169; AK-10..AK-14) */
static int
scn_akav2(struct sim_run *r)
{
	struct setup s = { BOTH, 1, ITLS_TLS_CERT, BOTH, 0, 0, ATK_NONE, 0 };
	struct world *w;
	int ok;

	if (run_one(r, &s, &w) != 0) {
		return -1;
	}
	ok = registered_tls(w) && w->sc_v2 && strcmp(w->alg, "AKAv2-MD5") == 0
		&& w->ue.stok_ok && w->pc.ctok_ok;
	describe(r, w, ok);
	free(w);
	return 0;
}

/* seed 002's upgrade path (TR-14, D-SIM-7) */
static int
scn_tcp_upgrade(struct sim_run *r)
{
	struct setup s = { BOTH, 0, ITLS_TLS_CERT, ITLS_OFFER_TLS, 0, 0, ATK_NONE, 0 };
	struct world *w;
	int ok, c;

	if (run_one(r, &s, &w) != 0) {
		return -1;
	}
	/* one TCP connection, to 5060, carried everything */
	c = sim_tcp_find(r, SIM_A_UE, SIM_A_PCSCF, 1);
	ok = registered_tls(w) && w->sm6_had_stoken && w->sm7_had_ctoken
		&& w->ue.stok_ok && w->pc.ctok_ok && w->sm8_ip == ITLS_IP_TLS_YES
		&& w->sm7_via == ITLS_TR_TLS && c == 0
		&& sim_tcp_port(r, c, SIM_A_PCSCF) == 5060;
	describe(r, w, ok);
	free(w);
	return 0;
}

int
sim_run(int scn, struct sim_run *r)
{
	memset(r, 0, sizeof *r);
	r->scn = scn;
	switch (scn) {
	case SIM_ITLS:
		return scn_itls(r, 1, BOTH);
	case SIM_SECAGREE_FIRST:
		return scn_itls(r, 0, ITLS_OFFER_TLS);
	case SIM_PREFER_IPSEC:
		return scn_prefer_ipsec(r);
	case SIM_FALLBACK_IPSEC:
		return scn_fallback(r);
	case SIM_PSK:
		return scn_psk(r);
	case SIM_MITM:
		return scn_mitm(r);
	case SIM_BAD_CTOKEN:
		return scn_bad_ctoken(r);
	case SIM_BID_DOWN:
		return scn_bid_down(r);
	case SIM_NO_TLS_UE:
		return scn_no_tls_ue(r);
	case SIM_RESUME:
		return scn_resume(r);
	case SIM_TCP_UPGRADE:
		return scn_tcp_upgrade(r);
	case SIM_AKAV2:
		return scn_akav2(r);
	case SIM_NAT_TLS:
		return scn_nat_tls(r);
	case SIM_NAT_IPSEC:
		return scn_nat_ipsec(r);
	case SIM_REAUTH:
		return scn_reauth(r);
	case SIM_PKI:
	case SIM_PKI_WRONG_DOMAIN:
	case SIM_PKI_ROAMING:
	case SIM_PKI_UNTRUSTED:
		return scn_pki(r, scn);
	default:
		snprintf(r->verdict, sizeof r->verdict, "no such scenario");
		return -1;
	}
}

void
sim_free(struct sim_run *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->e[i].text);
	}
	free(r->e);
	r->e = NULL;
	sim_net_free(r);
	r->n = r->cap = 0;
}

size_t
sim_sizeof_ue(void)
{
	return sizeof(struct itls_ue);
}

size_t
sim_sizeof_pc(void)
{
	return sizeof(struct itls_pc);
}
