/*
 * net.c -- the wire under the simulator (see sim/net.h, spec/transport.md).
 */
#include "sim/net.h"
#include "tls/bytes.h"

#include <stdlib.h>
#include <string.h>

static struct sim_net *
net_of(struct sim_run *r)
{
	if (r->net == NULL) {
		r->net = calloc(1, sizeof *r->net);
		if (r->net == NULL) {
			abort();
		}
		r->net->last_from = -1;
		sim_text_init(&r->net->keylog);
	}
	return r->net;
}

void
sim_net_free(struct sim_run *r)
{
	size_t i;

	if (r->net == NULL) {
		return;
	}
	for (i = 0; i < r->net->n; i++) {
		free(r->net->pk[i].data);
	}
	free(r->net->pk);
	sim_text_free(&r->net->keylog);
	free(r->net);
	r->net = NULL;
}

uint64_t
sim_now(const struct sim_run *r)
{
	return SIM_EPOCH + (r->net ? r->net->clock_us / 1000000u : 0);
}

/* D-SIM-2 */
void
sim_addr(int actor, int peer, uint8_t ip[4])
{
	ip[0] = 10;
	ip[1] = 0;
	switch (actor) {
	case SIM_A_UE:
		ip[2] = 0; ip[3] = 1;
		break;
	case SIM_A_MITM:
		ip[2] = 0; ip[3] = 66;
		break;
	case SIM_A_PCSCF:
		ip[2] = (peer == SIM_A_ICSCF || peer == SIM_A_SCSCF) ? 1 : 0;
		ip[3] = 2;
		break;
	case SIM_A_ICSCF:
		ip[2] = 1; ip[3] = 3;
		break;
	default:
		ip[2] = 1; ip[3] = 4;
		break;
	}
}

static int
access_hop(int a, int b)
{
	return a == SIM_A_UE || b == SIM_A_UE || a == SIM_A_MITM || b == SIM_A_MITM;
}

/* TR-10: a packet leaves `from` now; the clock moves by the hop's latency
 * when the direction changes, by 50 us between back-to-back packets */
static struct sim_pkt *
pkt(struct sim_run *r, int from, int to, uint8_t proto, const uint8_t *p, size_t n)
{
	struct sim_net *net = net_of(r);
	struct sim_pkt *k;

	if (net->n == net->cap) {
		size_t nc = net->cap ? 2 * net->cap : 128;
		struct sim_pkt *np = realloc(net->pk, nc * sizeof *np);
		if (np == NULL) {
			abort();
		}
		net->pk = np;
		net->cap = nc;
	}
	if (net->last_from == from && net->last_to == to) {
		net->clock_us += 50;
	} else {
		net->clock_us += access_hop(from, to) ? SIM_LAT_ACCESS : SIM_LAT_CORE;
	}
	net->last_from = from;
	net->last_to = to;
	k = &net->pk[net->n++];
	memset(k, 0, sizeof *k);
	k->t_us = net->clock_us;
	k->proto = proto;
	sim_addr(from, to, k->src);
	sim_addr(to, from, k->dst);
	if (n > 0) {
		k->data = malloc(n);
		if (k->data == NULL) {
			abort();
		}
		memcpy(k->data, p, n);
	}
	k->len = n;
	return k;
}

/* ---- NAT (TR-20) ------------------------------------------------------------- */

static int
nat_side(int a)
{
	return a == SIM_A_UE;
}

static int
nat_find(struct sim_nat *n, uint8_t proto, unsigned priv)
{
	size_t i;

	for (i = 0; i < n->n; i++) {
		if (n->map[i].live && n->map[i].proto == proto && n->map[i].priv == priv) {
			return (int)i;
		}
	}
	return -1;
}

/* rewrite a packet between the UE and the network as seen outside the NAT:
 * the UE's address becomes the public one, its port the mapped one (ESP
 * has no port: the address alone) */
static void
nat_apply(struct sim_run *r, struct sim_pkt *k, int from, int to)
{
	struct sim_nat *n = &r->net->nat;
	int out = nat_side(from), i;
	unsigned priv;

	if (!n->on || (!nat_side(from) && !nat_side(to))) {
		return;
	}
	priv = k->proto == SIM_P_ESP ? 0 : (out ? k->sport : k->dport);
	i = nat_find(n, k->proto, priv);
	if (i >= 0 && k->t_us - n->map[i].last_us > n->timeout_us) {
		n->map[i].live = 0;   /* the binding timed out */
		i = -1;
	}
	if (i < 0 && out && n->n < SIM_NAT_MAPS) {
		i = (int)n->n++;
		n->map[i].proto = k->proto;
		n->map[i].priv = priv;
		n->map[i].pub = k->proto == SIM_P_ESP ? 0 : n->next_port++;
		n->map[i].live = 1;
	}
	if (i < 0) {
		return;   /* callers check sim_nat_alive before sending inward */
	}
	n->map[i].last_us = k->t_us;
	if (out) {
		memcpy(k->src, n->pub, 4);
		if (k->proto != SIM_P_ESP) {
			k->sport = (uint16_t)n->map[i].pub;
		}
	} else {
		memcpy(k->dst, n->pub, 4);
		if (k->proto != SIM_P_ESP) {
			k->dport = (uint16_t)n->map[i].pub;
		}
	}
}

void
sim_nat_enable(struct sim_run *r, const uint8_t pub[4], unsigned timeout_s)
{
	struct sim_nat *n = &net_of(r)->nat;

	if (n->on) {
		return;   /* a later sub-run of the same scenario: the same NAT */
	}
	memset(n, 0, sizeof *n);
	n->on = 1;
	memcpy(n->pub, pub, 4);
	n->timeout_us = (uint64_t)timeout_s * 1000000u;
	n->next_port = 40000;
}

int
sim_nat_alive(struct sim_run *r, int c)
{
	struct sim_net *net = net_of(r);
	struct sim_nat *n = &net->nat;
	int i;

	if (!n->on) {
		return 1;
	}
	if (c < 0) {
		return 0;
	}
	i = nat_find(n, SIM_P_TCP, net->c[c].aport);
	return i >= 0 && net->clock_us + SIM_LAT_CORE - n->map[i].last_us <= n->timeout_us;
}

unsigned
sim_nat_port(struct sim_run *r, int c)
{
	struct sim_net *net = net_of(r);
	int i = nat_find(&net->nat, SIM_P_TCP, net->c[c].aport);

	return i >= 0 ? net->nat.map[i].pub : 0;
}

void
sim_clock_idle(struct sim_run *r, uint64_t us)
{
	struct sim_net *net = net_of(r);

	net->clock_us += us;
	net->last_from = -1;
}

/* ---- TCP ------------------------------------------------------------------ */

static void
seg(struct sim_run *r, int c, int from, uint8_t flags, const uint8_t *p, size_t n)
{
	struct sim_conn *cn = &r->net->c[c];
	int d = from == cn->a ? 0 : 1;
	int to = d ? cn->a : cn->b;
	struct sim_pkt *k = pkt(r, from, to, SIM_P_TCP, p, n);

	k->sport = (uint16_t)(d ? cn->bport : cn->aport);
	k->dport = (uint16_t)(d ? cn->aport : cn->bport);
	k->flags = flags;
	k->seq = cn->next[d];
	k->ack = (flags & SIM_ACK) ? cn->next[1 - d] : 0;
	cn->next[d] += (uint32_t)n + ((flags & (SIM_SYN | SIM_FIN)) ? 1u : 0u);
	nat_apply(r, k, from, to);
}

/* a new connection and its SYN */
static int
sim_tcp_connect_syn(struct sim_run *r, int client, int server, unsigned dport)
{
	struct sim_net *net = net_of(r);
	struct sim_conn *cn;
	int c;

	if (net->nc >= SIM_CONNS) {
		abort();
	}
	c = (int)net->nc++;
	cn = &net->c[c];
	memset(cn, 0, sizeof *cn);
	cn->a = client;
	cn->b = server;
	/* TR-04: an ephemeral port, unique over every run of `demo --all` */
	cn->aport = SIM_PORT_EPHEMERAL + (unsigned)r->scn * SIM_CONNS + (unsigned)c;
	cn->bport = dport;
	/* initial sequence numbers: fixed, different per connection and side */
	cn->next[0] = 0x1000000u * (uint32_t)(c + 1) + 0x1111u * (uint32_t)r->scn;
	cn->next[1] = 0x80000000u + 0x1000000u * (uint32_t)(c + 1);
	cn->open = 1;
	seg(r, c, client, SIM_SYN, NULL, 0);
	return c;
}

int
sim_tcp_connect(struct sim_run *r, int client, int server, unsigned dport)
{
	int c = sim_tcp_connect_syn(r, client, server, dport);

	seg(r, c, server, SIM_SYN | SIM_ACK, NULL, 0);
	seg(r, c, client, SIM_ACK, NULL, 0);
	return c;
}

int
sim_tcp_find(struct sim_run *r, int a, int b, int tls)
{
	struct sim_net *net = net_of(r);
	size_t i;

	for (i = net->nc; i-- > 0;) {
		const struct sim_conn *cn = &net->c[i];
		if (cn->open && (tls < 0 || cn->tls == tls)
			&& ((cn->a == a && cn->b == b) || (cn->a == b && cn->b == a))) {
			return (int)i;
		}
	}
	return -1;
}

unsigned
sim_tcp_port(struct sim_run *r, int c, int actor)
{
	const struct sim_conn *cn = &net_of(r)->c[c];

	return actor == cn->a ? cn->aport : cn->bport;
}

void
sim_tcp_data(struct sim_run *r, int c, int from, const uint8_t *p, size_t n)
{
	while (n > 0) {
		size_t k = n < SIM_MSS ? n : SIM_MSS;
		seg(r, c, from, SIM_PSH | SIM_ACK, p, k);
		p += k;
		n -= k;
	}
}

void
sim_tcp_refused(struct sim_run *r, int client, int server, unsigned dport)
{
	struct sim_net *net = net_of(r);
	struct sim_conn *cn;
	int c = sim_tcp_connect_syn(r, client, server, dport);

	cn = &net->c[c];
	/* RFC 793 §3.4: the RST answering a SYN acknowledges it, from seq 0 */
	cn->next[1] = 0;
	seg(r, c, server, SIM_RST | SIM_ACK, NULL, 0);
	cn->open = 0;
}

void
sim_tcp_drop(struct sim_run *r, int c)
{
	if (c >= 0 && r->net != NULL) {
		r->net->c[c].open = 0;
	}
}

void
sim_tcp_close(struct sim_run *r, int c, int from)
{
	struct sim_conn *cn;

	if (c < 0 || r->net == NULL || !r->net->c[c].open) {
		return;
	}
	cn = &r->net->c[c];
	seg(r, c, from, SIM_FIN | SIM_ACK, NULL, 0);
	seg(r, c, from == cn->a ? cn->b : cn->a, SIM_FIN | SIM_ACK, NULL, 0);
	seg(r, c, from, SIM_ACK, NULL, 0);
	cn->open = 0;
}

/* ---- UDP and ESP ------------------------------------------------------------ */

void
sim_udp(struct sim_run *r, int from, int to, unsigned sport, unsigned dport,
	const uint8_t *p, size_t n)
{
	struct sim_pkt *k = pkt(r, from, to, SIM_P_UDP, p, n);

	k->sport = (uint16_t)sport;
	k->dport = (uint16_t)dport;
	nat_apply(r, k, from, to);
}

void
sim_esp(struct sim_run *r, int from, int to, uint32_t spi, unsigned sport,
	unsigned dport, const uint8_t ik[16], const uint8_t *p, size_t n)
{
	struct sim_net *net = net_of(r);
	/* ESP header 8, UDP 8, payload, padding 0..3, pad length, next header, ICV 12 */
	size_t body = 8 + n, pad = (4 - (body + 2) % 4) % 4;
	size_t total = 8 + body + pad + 2 + 12, i;
	uint8_t *e = malloc(total), key[20];
	uint8_t src[4], dst[4], ph[12];
	br_hmac_key_context kc;
	br_hmac_context hc;
	struct sim_pkt *k;
	uint32_t s;
	int d = to == SIM_A_UE ? 1 : 0;

	if (e == NULL) {
		abort();
	}
	itls_put32(e, spi);
	itls_put32(e + 4, ++net->esp_seq[d]);
	/* the UDP datagram inside, checksummed over the real addresses */
	sim_addr(from, to, src);
	sim_addr(to, from, dst);
	itls_put16(e + 8, sport);
	itls_put16(e + 10, dport);
	itls_put16(e + 12, (unsigned)(8 + n));
	itls_put16(e + 14, 0);
	memcpy(e + 16, p, n);
	memcpy(ph, src, 4);
	memcpy(ph + 4, dst, 4);
	ph[8] = 0;
	ph[9] = SIM_P_UDP;
	itls_put16(ph + 10, (unsigned)(8 + n));
	s = itls_csum_add(0, ph, 12);
	s = itls_csum_add(s, e + 8, 8 + n);
	itls_put16(e + 14, itls_csum_fold(s));
	/* RFC 4303 §2.4: monotonic padding 1, 2, 3, ... */
	for (i = 0; i < pad; i++) {
		e[8 + body + i] = (uint8_t)(i + 1);
	}
	e[8 + body + pad] = (uint8_t)pad;
	e[8 + body + pad + 1] = SIM_P_UDP;
	/* TR-07: ICV = HMAC-SHA-1-96(IK_ESP, ESP header .. trailer) */
	memcpy(key, ik, 16);
	memset(key + 16, 0, 4);
	br_hmac_key_init(&kc, &br_sha1_vtable, key, sizeof key);
	br_hmac_init(&hc, &kc, 12);
	br_hmac_update(&hc, e, total - 12);
	br_hmac_out(&hc, e + total - 12);
	k = pkt(r, from, to, SIM_P_ESP, e, total);
	k->sport = (uint16_t)sport;
	k->dport = (uint16_t)dport;
	nat_apply(r, k, from, to);
	free(e);
}

/* ---- TLS records and the key log ------------------------------------------------- */

void
sim_tap_record(void *ctx, int from_client, const uint8_t *rec, size_t len)
{
	struct sim_tls_tap *t = ctx;
	const struct sim_conn *cn = &t->r->net->c[t->conn];

	sim_tcp_data(t->r, t->conn, from_client ? cn->a : cn->b, rec, len);
}

void
sim_tls_tap(struct sim_run *r, struct itls_tls_link *l, int c)
{
	struct sim_net *net = net_of(r);

	net->tap[c].r = r;
	net->tap[c].conn = c;
	net->c[c].tls = 1;
	l->on_record = sim_tap_record;
	l->on_record_ctx = &net->tap[c];
}

void *
sim_tap_ctx(struct sim_run *r, int c)
{
	struct sim_net *net = net_of(r);

	net->tap[c].r = r;
	net->tap[c].conn = c;
	net->c[c].tls = 1;
	return &net->tap[c];
}

void
sim_keylog(struct sim_run *r, const struct itls_tls_client *c)
{
	struct sim_net *net = net_of(r);
	br_ssl_session_parameters sp;
	size_t i;

	/* TR-09: NSS key log format, CLIENT_RANDOM <32 bytes> <master secret> */
	br_ssl_engine_get_session_parameters(&c->cc.eng, &sp);
	sim_text_printf(&net->keylog, "CLIENT_RANDOM ");
	for (i = 0; i < 32; i++) {
		sim_text_printf(&net->keylog, "%02x", c->cc.eng.client_random[i]);
	}
	sim_text_printf(&net->keylog, " ");
	for (i = 0; i < 48; i++) {
		sim_text_printf(&net->keylog, "%02x", sp.master_secret[i]);
	}
	sim_text_printf(&net->keylog, "\n");
}

void
sim_keylog_line(struct sim_run *r, const char *line)
{
	sim_text_printf(&net_of(r)->keylog, "%s", line);
}

void
sim_random(struct sim_run *r, const char *label, uint8_t out[32])
{
	struct sim_net *net = net_of(r);
	br_sha256_context h;
	uint8_t b[8];

	b[0] = (uint8_t)r->scn;
	b[1] = (uint8_t)(net->rnd >> 24);
	b[2] = (uint8_t)(net->rnd >> 16);
	b[3] = (uint8_t)(net->rnd >> 8);
	b[4] = (uint8_t)net->rnd;
	b[5] = b[6] = b[7] = 0;
	net->rnd++;
	br_sha256_init(&h);
	br_sha256_update(&h, "itls-sim random", 15);
	br_sha256_update(&h, b, sizeof b);
	br_sha256_update(&h, label, strlen(label));
	br_sha256_out(&h, out);
}
