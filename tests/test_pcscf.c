/*
 * test_pcscf.c -- the P-CSCF state machine (ref/core/pcscf.c, spec/pcscf.md).
 *
 * Values: IK, CK of TS 35.208 test set 1; s_token over
 * vectors/certs/pcscf-rsa.der (vectors/token.txt tc 1) and its c_token
 * (vectors/token.txt c-token record); PSK of vectors/aka.txt.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "itls/pcscf.h"
#include "sim/fixtures.h"

static const uint8_t IK1[16] = { 0xf7, 0x69, 0xbc, 0xd7, 0x51, 0x04, 0x46, 0x04,
	0x12, 0x76, 0x72, 0x71, 0x1c, 0x6d, 0x34, 0x41 };
static const uint8_t CK1[16] = { 0xb4, 0x0b, 0xa9, 0xa3, 0xc5, 0x8b, 0x2a, 0x05,
	0xbb, 0xf0, 0xd9, 0x87, 0xb2, 0x1b, 0xf8, 0xcb };
static const uint8_t STOK[12] = { 0x44, 0x6c, 0x19, 0x57, 0x1e, 0x4c, 0x45, 0x88,
	0x00, 0x06, 0x5e, 0x7a };
static const uint8_t CTOK[12] = { 0x41, 0x3c, 0x40, 0x06, 0xbf, 0xb7, 0xf2, 0xba,
	0x6e, 0x06, 0x34, 0x72 };
static const uint8_t PSK1[32] = { 0x64, 0x2c, 0xe3, 0x7b, 0x93, 0x09, 0x45, 0xb4,
	0x3d, 0x6d, 0x14, 0x05, 0x40, 0x4e, 0x3f, 0xac, 0x85, 0xf5, 0x70, 0x12,
	0x9c, 0xd4, 0x32, 0xf6, 0x5d, 0x8d, 0xa2, 0xc9, 0x0d, 0x14, 0x3f, 0x78 };

static const char SCLI[] = "ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=3;port-s=4, tls";
static const char SCLI_NOTLS[] = "ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=3;port-s=4";
static const char SSRV[] = "tls;q=0.2, ipsec-3gpp;q=0.1;alg=hmac-sha-1-96;spi-c=5;spi-s=6;port-c=7;port-s=8";
static const char SSRV_NOTLS[] = "ipsec-3gpp;q=0.1;alg=hmac-sha-1-96;spi-c=5;spi-s=6;port-c=7;port-s=8";
static const char IMPI[] = "user1_private@home1.net";

static struct itls_pc_action acts[ITLS_FSM_MAX_ACTIONS];
static size_t nacts;

static void
pc_new_pref(struct itls_pc *p, unsigned support, enum itls_tls_mode mode,
	int prefer_ipsec)
{
	struct itls_pc_config c;

	memset(&c, 0, sizeof c);
	c.support = support;
	c.mode = mode;
	c.prefer_ipsec = prefer_ipsec;
	cr_assert_eq(itls_pc_init(p, &c), ITLS_OK);
	cr_assert_eq(p->state, ITLS_PC_IDLE);
}

static void
pc_new(struct itls_pc *p, unsigned support, enum itls_tls_mode mode)
{
	pc_new_pref(p, support, mode, 0);
}

static enum itls_err
step(struct itls_pc *p, const struct itls_pc_event *ev)
{
	enum itls_err e = itls_pc_step(p, ev, acts, &nacts);
	if (e == ITLS_OK) {
		cr_assert_lt(p->last_row, itls_pc_table_len);   /* PC-20: never the safety check */
	}
	return e;
}

static void
ev_kind(struct itls_pc_event *ev, enum itls_pc_event_kind k)
{
	memset(ev, 0, sizeof *ev);
	ev->kind = k;
}

static void
ev_sm1(struct itls_pc_event *ev, enum itls_transport via, unsigned offer)
{
	ev_kind(ev, ITLS_PC_EV_SM1);
	ev->via = via;
	ev->ue_offer = offer;
	if (offer & ITLS_OFFER_TLS) {
		ev->sec_client = (const uint8_t *)SCLI;
		ev->sec_client_len = strlen(SCLI);
	} else {
		ev->sec_client = (const uint8_t *)SCLI_NOTLS;
		ev->sec_client_len = strlen(SCLI_NOTLS);
	}
	ev->sec_server = (const uint8_t *)SSRV;
	ev->sec_server_len = strlen(SSRV);
	ev->impi = (const uint8_t *)IMPI;
	ev->impi_len = strlen(IMPI);
}

static void
ev_sm5(struct itls_pc_event *ev)
{
	ev_kind(ev, ITLS_PC_EV_SM5);
	ev->has_keys = 1;
	memcpy(ev->ik, IK1, 16);
	memcpy(ev->ck, CK1, 16);
	ev->cert = sim_pcscf_cert;
	ev->cert_len = sim_pcscf_cert_len;
}

static void
ev_sm7(struct itls_pc_event *ev, enum itls_transport via, int with_ctoken)
{
	ev_kind(ev, ITLS_PC_EV_SM7);
	ev->via = via;
	ev->sec_client = (const uint8_t *)SCLI;
	ev->sec_client_len = strlen(SCLI);
	ev->sec_verify = (const uint8_t *)SSRV;
	ev->sec_verify_len = strlen(SSRV);
	ev->has_ctoken = with_ctoken;
	memcpy(ev->c_token, CTOK, 12);
	/* PC-22: the certificate we presented on the connection */
	ev->cert = sim_pcscf_cert;
	ev->cert_len = sim_pcscf_cert_len;
}

static const struct itls_pc_action *
find_act(enum itls_pc_act a)
{
	size_t i;

	for (i = 0; i < nacts; i++) {
		if (acts[i].kind == a) {
			return &acts[i];
		}
	}
	return NULL;
}

/* TLS up, SM1 over TLS, SM5: in sm6-sent with s_token made */
static void
to_sm6_tls_pref(struct itls_pc *p, int prefer_ipsec)
{
	struct itls_pc_event ev;
	const struct itls_pc_action *a;

	pc_new_pref(p, ITLS_OFFER_TLS | ITLS_OFFER_IPSEC, ITLS_TLS_CERT, prefer_ipsec);
	ev_kind(&ev, ITLS_PC_EV_TLS_UP);
	cr_assert_eq(step(p, &ev), ITLS_OK);
	cr_assert_eq(p->tls_up, 1);
	ev_sm1(&ev, ITLS_TR_TLS, ITLS_OFFER_TLS | ITLS_OFFER_IPSEC);
	cr_assert_eq(step(p, &ev), ITLS_OK);
	cr_assert_eq(p->state, ITLS_PC_SM2_SENT);
	a = find_act(ITLS_PC_A_SEND_SM2);
	cr_assert_eq(a->integrity, ITLS_IP_TLS_PENDING);   /* PC-03 */
	ev_sm5(&ev);
	cr_assert_eq(step(p, &ev), ITLS_OK);
	cr_assert_eq(p->state, ITLS_PC_SM6_SENT);
}

static void
to_sm6_tls(struct itls_pc *p)
{
	to_sm6_tls_pref(p, 0);
}

Test(pcscf, init)
{
	struct itls_pc p;
	struct itls_pc_config c;

	memset(&c, 0, sizeof c);
	cr_assert_eq(itls_pc_init(&p, &c), ITLS_ERR_NOT_ALLOWED);
	cr_assert_eq(p.state, ITLS_PC_FAILED);
	c.support = ITLS_OFFER_IPSEC;
	cr_assert_eq(itls_pc_init(&p, &c), ITLS_OK);
}

Test(pcscf, bad_event_leaves_state_unchanged, .description = "PC-19")
{
	struct itls_pc p, before;
	struct itls_pc_event ev;
	int k;

	pc_new(&p, ITLS_OFFER_TLS, ITLS_TLS_CERT);
	before = p;
	ev_sm7(&ev, ITLS_TR_TLS, 1);   /* PC-19: no SM7 before SM6 */
	cr_assert_eq(step(&p, &ev), ITLS_ERR_BAD_EVENT);
	cr_assert_eq(nacts, 0);
	cr_assert_eq(memcmp(&p, &before, sizeof p), 0);
	p.state = ITLS_PC_FAILED;
	for (k = 0; k < ITLS_PC_EV_COUNT; k++) {
		ev_kind(&ev, (enum itls_pc_event_kind)k);
		cr_assert_eq(step(&p, &ev), ITLS_ERR_BAD_EVENT);
	}
	pc_new(&p, ITLS_OFFER_TLS, ITLS_TLS_CERT);
	ev_sm1(&ev, ITLS_TR_PLAIN, ITLS_OFFER_TLS);
	ev.sec_client_len = ITLS_FSM_HDR_MAX + 1;
	cr_assert_eq(step(&p, &ev), ITLS_ERR_BAD_EVENT);
	cr_assert_eq(p.state, ITLS_PC_IDLE);
}

Test(pcscf, itls_full_path, .description = "PC-05 PC-06 PC-13 PC-14 PC-21 PC-22")
{
	struct itls_pc p;
	struct itls_pc_event ev;
	const struct itls_pc_action *a;

	to_sm6_tls(&p);
	/* PC-06: s_token over its own certificate, the value of the vectors */
	cr_assert_eq(p.stok_sent, 1);
	cr_assert_eq(memcmp(p.s_token, STOK, 12), 0);
	a = find_act(ITLS_PC_A_SEND_SM6);
	cr_assert_eq(a->with_token, 1);
	cr_assert_not_null(find_act(ITLS_PC_A_STRIP_KEYS));   /* PC-05 */
	ev_sm7(&ev, ITLS_TR_TLS, 1);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.state, ITLS_PC_SM8_SENT);
	cr_assert_eq(p.ctok_ok, 1);   /* PC-13 */
	cr_assert_eq(memcmp(p.c_token, CTOK, 12), 0);
	cr_assert_eq(p.sm7_cert_ok, 1);   /* PC-22 */
	cr_assert_eq(p.agreed, ITLS_MECH_TLS);   /* PC-21 */
	a = find_act(ITLS_PC_A_SEND_SM8);
	cr_assert_eq(a->integrity, ITLS_IP_TLS_YES);   /* PC-14 */
	cr_assert_eq(a->mech, ITLS_MECH_TLS);
	ev_kind(&ev, ITLS_PC_EV_SM11);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.state, ITLS_PC_REGISTERED);
	cr_assert_not_null(find_act(ITLS_PC_A_SEND_SM12));
}

Test(pcscf, wrong_or_missing_ctoken_aborts, .description = "PC-15 PC-12")
{
	struct itls_pc p;
	struct itls_pc_event ev;

	to_sm6_tls(&p);
	ev_sm7(&ev, ITLS_TR_TLS, 1);
	ev.c_token[5] ^= 4;
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.state, ITLS_PC_FAILED);
	cr_assert_eq(p.reason, ITLS_ERR_TOKEN_INVALID);
	cr_assert_null(find_act(ITLS_PC_A_SEND_SM8));   /* PC-15 */
	to_sm6_tls(&p);
	ev_sm7(&ev, ITLS_TR_TLS, 0);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.reason, ITLS_ERR_TOKEN_MISSING);   /* PC-12 */
	cr_assert_null(find_act(ITLS_PC_A_SEND_SM8));
	/* the hex-string reading of D-TK-2 is refused too */
	to_sm6_tls(&p);
	ev_sm7(&ev, ITLS_TR_TLS, 1);
	{
		/* HMAC-SHA1-96(IK, the 24 characters "446c19571e4c458800065e7a"),
		 * by Python's hmac module */
		static const uint8_t hexread[12] = { 0x6c, 0x13, 0xca, 0x70, 0x7e,
			0xbe, 0x53, 0x26, 0xb1, 0x6d, 0xa8, 0x8d };
		memcpy(ev.c_token, hexread, 12);
	}
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.reason, ITLS_ERR_TOKEN_INVALID);
}

Test(pcscf, bid_down_is_caught, .description = "PC-10 PC-11 PC-09")
{
	struct itls_pc p;
	struct itls_pc_event ev;

	/* PC-10: Security-Verify must be the Security-Server sent */
	to_sm6_tls(&p);
	ev_sm7(&ev, ITLS_TR_TLS, 1);
	ev.sec_verify = (const uint8_t *)SSRV_NOTLS;
	ev.sec_verify_len = strlen(SSRV_NOTLS);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.reason, ITLS_ERR_BID_DOWN);
	/* PC-11: Security-Client must be the one of SM1 */
	to_sm6_tls(&p);
	ev_sm7(&ev, ITLS_TR_TLS, 1);
	ev.sec_client = (const uint8_t *)SCLI_NOTLS;
	ev.sec_client_len = strlen(SCLI_NOTLS);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.reason, ITLS_ERR_BID_DOWN);
	/* PC-09: SM7 must come protected */
	to_sm6_tls(&p);
	ev_sm7(&ev, ITLS_TR_PLAIN, 1);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.reason, ITLS_ERR_NOT_ALLOWED);
}

Test(pcscf, no_tokens_for_a_ue_without_tls, .description = "PC-03 PC-07")
{
	struct itls_pc p;
	struct itls_pc_event ev;
	const struct itls_pc_action *a;

	pc_new(&p, ITLS_OFFER_TLS | ITLS_OFFER_IPSEC, ITLS_TLS_CERT);
	ev_sm1(&ev, ITLS_TR_PLAIN, ITLS_OFFER_IPSEC);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(find_act(ITLS_PC_A_SEND_SM2)->integrity, ITLS_IP_NO);   /* PC-03 */
	ev_sm5(&ev);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	a = find_act(ITLS_PC_A_SEND_SM6);
	cr_assert_eq(a->with_token, 0);   /* PC-07 */
	cr_assert_eq(p.stok_sent, 0);
	ev_sm7(&ev, ITLS_TR_IPSEC, 0);
	ev.sec_client = (const uint8_t *)SCLI_NOTLS;
	ev.sec_client_len = strlen(SCLI_NOTLS);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.state, ITLS_PC_SM8_SENT);
	cr_assert_eq(find_act(ITLS_PC_A_SEND_SM8)->integrity, ITLS_IP_YES);
	/* a P-CSCF without TLS makes no token either */
	pc_new(&p, ITLS_OFFER_IPSEC, ITLS_TLS_CERT);
	ev_sm1(&ev, ITLS_TR_PLAIN, ITLS_OFFER_TLS | ITLS_OFFER_IPSEC);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	ev_sm5(&ev);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(find_act(ITLS_PC_A_SEND_SM6)->with_token, 0);
}

Test(pcscf, prefer_ipsec_checks_the_ctoken_over_ipsec,
	.description = "PC-12 PC-13 PC-21: figure 3, ipsec-3gpp agreed inside TLS")
{
	struct itls_pc p;
	struct itls_pc_event ev;

	to_sm6_tls_pref(&p, 1);
	cr_assert_eq(p.agreed, ITLS_MECH_IPSEC);
	ev_sm7(&ev, ITLS_TR_IPSEC, 1);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.state, ITLS_PC_SM8_SENT);
	cr_assert_eq(p.ctok_ok, 1);
	cr_assert_eq(find_act(ITLS_PC_A_SEND_SM8)->integrity, ITLS_IP_YES);
	cr_assert_eq(find_act(ITLS_PC_A_SEND_SM8)->mech, ITLS_MECH_IPSEC);
	/* SM1 came over TLS: the c_token is due even over IPsec */
	to_sm6_tls_pref(&p, 1);
	ev_sm7(&ev, ITLS_TR_IPSEC, 0);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.reason, ITLS_ERR_TOKEN_MISSING);
}

Test(pcscf, sm5_problems, .description = "PC-04 PC-02")
{
	struct itls_pc p;
	struct itls_pc_event ev;

	pc_new(&p, ITLS_OFFER_TLS, ITLS_TLS_CERT);
	ev_sm1(&ev, ITLS_TR_PLAIN, ITLS_OFFER_TLS);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	ev_sm5(&ev);
	ev.has_keys = 0;
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.reason, ITLS_ERR_MISSING_PARAMETER);   /* PC-04 */
	pc_new(&p, ITLS_OFFER_TLS, ITLS_TLS_CERT);
	ev_sm1(&ev, ITLS_TR_PLAIN, ITLS_OFFER_TLS);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	ev_sm5(&ev);
	ev.cert_len = 0;
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.reason, ITLS_ERR_EMPTY_CERTIFICATE);
	/* PC-02 */
	pc_new(&p, ITLS_OFFER_TLS, ITLS_TLS_CERT);
	ev_sm1(&ev, ITLS_TR_PLAIN, ITLS_OFFER_IPSEC);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.reason, ITLS_ERR_NO_COMMON_MECHANISM);
}

Test(pcscf, psk_mode, .description = "PC-16")
{
	struct itls_pc p;
	struct itls_pc_event ev;

	pc_new(&p, ITLS_OFFER_TLS, ITLS_TLS_PSK);
	ev_sm1(&ev, ITLS_TR_PLAIN, ITLS_OFFER_TLS);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	ev_sm5(&ev);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(find_act(ITLS_PC_A_SEND_SM6)->with_token, 0);
	cr_assert_eq(p.has_psk, 1);   /* PC-16 */
	cr_assert_eq(memcmp(p.psk, PSK1, 32), 0);
	/* SM7 over TLS before a PSK handshake is not bound */
	{
		struct itls_pc q = p;
		struct itls_pc_event e2;
		ev_kind(&e2, ITLS_PC_EV_TLS_UP);
		cr_assert_eq(step(&q, &e2), ITLS_ERR_BAD_EVENT);   /* not a PSK handshake */
	}
	ev_kind(&ev, ITLS_PC_EV_TLS_UP);
	ev.psk = 1;
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.psk_ok, 1);
	ev_sm7(&ev, ITLS_TR_TLS, 0);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.state, ITLS_PC_SM8_SENT);
	cr_assert_eq(find_act(ITLS_PC_A_SEND_SM8)->integrity, ITLS_IP_TLS_YES);
}

/* a P-CSCF in PSK-TLS mode registered over a PSK handshake of the first run */
static void
to_registered_psk(struct itls_pc *p)
{
	struct itls_pc_event ev;

	pc_new(p, ITLS_OFFER_TLS, ITLS_TLS_PSK);
	ev_sm1(&ev, ITLS_TR_PLAIN, ITLS_OFFER_TLS);
	cr_assert_eq(step(p, &ev), ITLS_OK);
	ev_sm5(&ev);
	cr_assert_eq(step(p, &ev), ITLS_OK);
	ev_kind(&ev, ITLS_PC_EV_TLS_UP);
	ev.psk = 1;
	cr_assert_eq(step(p, &ev), ITLS_OK);
	ev_sm7(&ev, ITLS_TR_TLS, 0);
	cr_assert_eq(step(p, &ev), ITLS_OK);
	ev_kind(&ev, ITLS_PC_EV_SM11);
	cr_assert_eq(step(p, &ev), ITLS_OK);
}

/* D-PC-10: PSK-TLS does not give the P-CSCF the right to open TLS toward the UE */
Test(pcscf, psk_mode_never_opens_toward_the_ue, .description = "PC-17 PC-16: D-PC-10")
{
	struct itls_pc p;
	struct itls_pc_event ev;

	to_registered_psk(&p);
	cr_assert_eq(p.state, ITLS_PC_REGISTERED);
	cr_assert_eq(p.psk_ok, 1);
	/* the UE's connection is lost; the network has a request for the UE */
	ev_kind(&ev, ITLS_PC_EV_TLS_CLOSED);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	ev_kind(&ev, ITLS_PC_EV_TLS_TO_UE);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(nacts, 1);
	cr_assert_eq(acts[0].kind, ITLS_PC_A_REFUSE);
	cr_assert_eq(acts[0].reason, ITLS_ERR_NOT_ALLOWED);
	cr_assert_eq(p.state, ITLS_PC_REGISTERED);
	/* the UE comes back with a PSK handshake keyed with this run's PSK: bound again */
	ev_kind(&ev, ITLS_PC_EV_TLS_UP);
	ev.psk = 1;
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.psk_ok, 1);
	cr_assert_eq(p.state, ITLS_PC_REGISTERED);
}

Test(pcscf, never_toward_the_ue_and_resumption, .description = "PC-17")
{
	struct itls_pc p;
	struct itls_pc_event ev;

	to_sm6_tls(&p);
	ev_kind(&ev, ITLS_PC_EV_TLS_TO_UE);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(find_act(ITLS_PC_A_REFUSE)->reason, ITLS_ERR_NOT_ALLOWED);   /* PC-17 */
	cr_assert_eq(p.state, ITLS_PC_SM6_SENT);
	ev_sm7(&ev, ITLS_TR_TLS, 1);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	ev_kind(&ev, ITLS_PC_EV_SM11);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	ev_kind(&ev, ITLS_PC_EV_TLS_CLOSED);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.tls_up, 0);
	ev_kind(&ev, ITLS_PC_EV_TLS_UP);
	ev.resumed = 1;
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.tls_bound, 1);
	ev_kind(&ev, ITLS_PC_EV_TLS_UP);
	ev.resumed = 0;
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.tls_bound, 0);
	ev_kind(&ev, ITLS_PC_EV_SM11_REJECT);
	cr_assert_eq(step(&p, &ev), ITLS_ERR_BAD_EVENT);
}

Test(pcscf, home_network_rejects, .description = "PC-18")
{
	struct itls_pc p;
	struct itls_pc_event ev;

	to_sm6_tls(&p);
	ev_sm7(&ev, ITLS_TR_TLS, 1);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	ev_kind(&ev, ITLS_PC_EV_SM11_REJECT);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.state, ITLS_PC_FAILED);
	cr_assert_not_null(find_act(ITLS_PC_A_FORWARD_REJECT));   /* PC-18 */
}

/* registered over bound TLS (figure 1): the path of itls_full_path */
static void
to_registered_tls(struct itls_pc *p)
{
	struct itls_pc_event ev;

	to_sm6_tls(p);
	ev_sm7(&ev, ITLS_TR_TLS, 1);
	cr_assert_eq(step(p, &ev), ITLS_OK);
	ev_kind(&ev, ITLS_PC_EV_SM11);
	cr_assert_eq(step(p, &ev), ITLS_OK);
	cr_assert_eq(p->state, ITLS_PC_REGISTERED);
	cr_assert_eq(p->integrity, ITLS_IP_TLS_YES);
	cr_assert_eq(p->tls_bound, 1);
}

/* issue 10, attack 3: a TLS-only P-CSCF sent its s_token; SM7 comes over
 * IPsec without c_token. IPsec was never offered by the P-CSCF. */
Test(pcscf, attack3_mechanism_never_offered,
	.description = "PC-21: SM7 over a mechanism the P-CSCF did not offer")
{
	struct itls_pc p;
	struct itls_pc_event ev;

	pc_new(&p, ITLS_OFFER_TLS, ITLS_TLS_CERT);
	ev_sm1(&ev, ITLS_TR_PLAIN, ITLS_OFFER_TLS | ITLS_OFFER_IPSEC);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.agreed, ITLS_MECH_TLS);
	ev_sm5(&ev);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(find_act(ITLS_PC_A_SEND_SM6)->with_token, 1);
	ev_sm7(&ev, ITLS_TR_IPSEC, 0);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.state, ITLS_PC_FAILED);
	cr_assert_eq(p.reason, ITLS_ERR_NOT_AGREED);
	cr_assert_str_eq(itls_err_name(p.reason), "mechanism-not-agreed");
	cr_assert_null(find_act(ITLS_PC_A_SEND_SM8));
	cr_assert_eq(find_act(ITLS_PC_A_ABORT)->reason, ITLS_ERR_NOT_AGREED);
}

Test(pcscf, only_the_highest_ranked_common_mechanism,
	.description = "PC-21: both offered, the P-CSCF's first choice only")
{
	struct itls_pc p;
	struct itls_pc_event ev;

	/* tls ranked first: a valid c_token over IPsec is still refused */
	to_sm6_tls_pref(&p, 0);
	ev_sm7(&ev, ITLS_TR_IPSEC, 1);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.reason, ITLS_ERR_NOT_AGREED);
	cr_assert_null(find_act(ITLS_PC_A_SEND_SM8));
	/* ipsec-3gpp ranked first: SM7 over TLS is refused */
	to_sm6_tls_pref(&p, 1);
	ev_sm7(&ev, ITLS_TR_TLS, 1);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.reason, ITLS_ERR_NOT_AGREED);
	/* a UE that offered only ipsec-3gpp: ipsec agreed even if tls is ranked first */
	pc_new(&p, ITLS_OFFER_TLS | ITLS_OFFER_IPSEC, ITLS_TLS_CERT);
	ev_sm1(&ev, ITLS_TR_PLAIN, ITLS_OFFER_IPSEC);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.agreed, ITLS_MECH_IPSEC);
}

Test(pcscf, ctoken_over_another_certificate,
	.description = "PC-22: s_token not over this connection's certificate")
{
	struct itls_pc p;
	struct itls_pc_event ev;

	to_sm6_tls(&p);
	ev_sm7(&ev, ITLS_TR_TLS, 1);
	ev.cert = sim_mitm_cert;   /* the connection presented another certificate */
	ev.cert_len = sim_mitm_cert_len;
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.state, ITLS_PC_FAILED);
	cr_assert_eq(p.reason, ITLS_ERR_CERT_MISMATCH);
	cr_assert_str_eq(itls_err_name(p.reason), "cert-mismatch");
	cr_assert_null(find_act(ITLS_PC_A_SEND_SM8));
}

/* issue 10, attack 4: registered over bound TLS, the connection closes, a
 * new full handshake comes up: no longer tls-yes, re-registration required */
Test(pcscf, attack4_new_handshake_unbinds,
	.description = "PC-17 PC-23: a new full handshake is not bound")
{
	struct itls_pc p;
	struct itls_pc_event ev;

	to_registered_tls(&p);
	ev_kind(&ev, ITLS_PC_EV_TLS_CLOSED);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.integrity, ITLS_IP_TLS_YES);   /* the session may be resumed */
	ev_kind(&ev, ITLS_PC_EV_TLS_UP);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.state, ITLS_PC_REGISTERED);
	cr_assert_eq(p.tls_bound, 0);
	cr_assert_neq(p.integrity, ITLS_IP_TLS_YES);
	cr_assert_eq(p.integrity, ITLS_IP_TLS_PENDING);
	cr_assert_eq(find_act(ITLS_PC_A_UNBIND)->reason, ITLS_ERR_TLS_UNBOUND);
	cr_assert_str_eq(itls_err_name(p.reason), "tls-unbound");
	/* resuming that new session does not bind it either */
	ev_kind(&ev, ITLS_PC_EV_TLS_UP);
	ev.resumed = 1;
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.tls_bound, 0);
	cr_assert_neq(p.integrity, ITLS_IP_TLS_YES);
}

Test(pcscf, reregistration_binds_again,
	.description = "PC-23 PC-03 PC-13 PC-14 PC-17: SM1 in registered, a second AKA run")
{
	struct itls_pc p;
	struct itls_pc_event ev;
	uint32_t run;

	to_registered_tls(&p);
	run = p.aka_run;
	ev_kind(&ev, ITLS_PC_EV_TLS_CLOSED);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	ev_kind(&ev, ITLS_PC_EV_TLS_UP);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.tls_bound, 0);
	/* the re-registration over the new connection */
	ev_sm1(&ev, ITLS_TR_TLS, ITLS_OFFER_TLS | ITLS_OFFER_IPSEC);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.state, ITLS_PC_SM2_SENT);
	cr_assert_eq(find_act(ITLS_PC_A_SEND_SM2)->integrity, ITLS_IP_TLS_PENDING);
	ev_sm5(&ev);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.state, ITLS_PC_SM6_SENT);
	cr_assert_eq(p.aka_run, run + 1);
	cr_assert_eq(p.ctok_ok, 0);
	cr_assert_eq(memcmp(p.s_token, STOK, 12), 0);
	/* the old c_token is checked against the new run: same keys here (the
	 * vectors' run), so the c_token of the vectors verifies */
	ev_sm7(&ev, ITLS_TR_TLS, 1);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(find_act(ITLS_PC_A_SEND_SM8)->integrity, ITLS_IP_TLS_YES);
	ev_kind(&ev, ITLS_PC_EV_SM11);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.state, ITLS_PC_REGISTERED);
	cr_assert_eq(p.tls_bound, 1);
	cr_assert_eq(p.integrity, ITLS_IP_TLS_YES);
	cr_assert_eq(p.ctok_run, p.aka_run);
	/* a re-registration on the same, still bound, connection (issue 13) */
	ev_sm1(&ev, ITLS_TR_TLS, ITLS_OFFER_TLS | ITLS_OFFER_IPSEC);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.state, ITLS_PC_SM2_SENT);
	ev_sm5(&ev);
	ev.ik[0] ^= 1;   /* a new run with another IK: the old c_token is refused */
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_neq(p.integrity, ITLS_IP_TLS_YES);
	ev_sm7(&ev, ITLS_TR_TLS, 1);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.reason, ITLS_ERR_TOKEN_INVALID);
	cr_assert_null(find_act(ITLS_PC_A_SEND_SM8));
	/* an unprotected SM1 in registered starts over too; none in common aborts */
	to_registered_tls(&p);
	ev_sm1(&ev, ITLS_TR_PLAIN, ITLS_OFFER_TLS);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(find_act(ITLS_PC_A_SEND_SM2)->integrity, ITLS_IP_NO);
	to_registered_tls(&p);
	ev_sm1(&ev, ITLS_TR_TLS, 0);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.reason, ITLS_ERR_NO_COMMON_MECHANISM);
}

/* PSK-TLS: registered, a new handshake with this run's PSK stays bound; after
 * a re-registration the old connection is not bound to the new run */
Test(pcscf, psk_new_handshake_and_reregistration,
	.description = "PC-16 PC-17 PC-23 PC-14")
{
	struct itls_pc p;
	struct itls_pc_event ev;

	to_registered_psk(&p);
	cr_assert_eq(p.integrity, ITLS_IP_TLS_YES);
	ev_kind(&ev, ITLS_PC_EV_TLS_CLOSED);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	ev_kind(&ev, ITLS_PC_EV_TLS_UP);
	ev.psk = 1;
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_not_null(find_act(ITLS_PC_A_ACCEPT_PSK));
	cr_assert_eq(p.tls_bound, 1);
	cr_assert_eq(p.integrity, ITLS_IP_TLS_YES);
	/* a handshake without this run's PSK is a new, unbound session */
	ev_kind(&ev, ITLS_PC_EV_TLS_UP);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_not_null(find_act(ITLS_PC_A_UNBIND));
	cr_assert_eq(p.tls_bound, 0);
	cr_assert_neq(p.integrity, ITLS_IP_TLS_YES);
	/* re-registration over that connection: SM7 over it is not bound to the
	 * new run until a handshake with the new run's PSK */
	ev_sm1(&ev, ITLS_TR_TLS, ITLS_OFFER_TLS);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	ev_sm5(&ev);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	ev_sm7(&ev, ITLS_TR_TLS, 0);
	cr_assert_eq(step(&p, &ev), ITLS_OK);
	cr_assert_eq(p.state, ITLS_PC_FAILED);
	cr_assert_eq(p.reason, ITLS_ERR_TLS_UNBOUND);
	cr_assert_null(find_act(ITLS_PC_A_SEND_SM8));
}

static uint32_t rnd_state = 777;

static uint32_t
rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

/* a prefix toward registration (whatever the configuration lets through) */
static void
walk_prefix(struct itls_pc *p)
{
	struct itls_pc_event ev;

	ev_sm1(&ev, ITLS_TR_PLAIN, ITLS_OFFER_TLS | ITLS_OFFER_IPSEC);
	(void)itls_pc_step(p, &ev, acts, &nacts);
	ev_sm5(&ev);
	(void)itls_pc_step(p, &ev, acts, &nacts);
	ev_kind(&ev, ITLS_PC_EV_TLS_UP);
	ev.psk = 1;
	(void)itls_pc_step(p, &ev, acts, &nacts);
	ev_sm7(&ev, ITLS_TR_TLS, 1);
	(void)itls_pc_step(p, &ev, acts, &nacts);
	ev_kind(&ev, ITLS_PC_EV_SM11);
	(void)itls_pc_step(p, &ev, acts, &nacts);
}

Test(pcscf, random_walks_keep_the_safety_properties,
	.description = "PC-07 PC-10 PC-11 PC-15 PC-17 PC-20 PC-21 PC-22: every row, no safety-check fallback")
{
	static unsigned char seen[256];
	static const enum itls_pc_event_kind pick[10] = {
		ITLS_PC_EV_TLS_UP, ITLS_PC_EV_TLS_UP, ITLS_PC_EV_TLS_CLOSED,
		ITLS_PC_EV_SM1, ITLS_PC_EV_SM1, ITLS_PC_EV_SM5, ITLS_PC_EV_SM7,
		ITLS_PC_EV_SM7, ITLS_PC_EV_SM11, ITLS_PC_EV_SM11_REJECT };
	struct itls_pc p;
	struct itls_pc_event ev;
	size_t i, j, covered = 0;
	int walk;

	for (walk = 0; walk < 30000; walk++) {
		pc_new_pref(&p, 1 + rnd() % 3, rnd() % 3 == 0 ? ITLS_TLS_PSK : ITLS_TLS_CERT,
			(int)(rnd() & 1));
		if (walk % 4 == 0) {
			walk_prefix(&p);
		}
		for (j = 0; j < 24; j++) {
			enum itls_pc_event_kind k = rnd() % 11 == 0 ? ITLS_PC_EV_TLS_TO_UE
				: pick[rnd() % 10];
			switch (k) {
			case ITLS_PC_EV_SM1:
				ev_sm1(&ev, (enum itls_transport)(rnd() % 2), rnd() % 4);
				break;
			case ITLS_PC_EV_SM5:
				ev_sm5(&ev);
				ev.has_keys = rnd() % 8 != 0;
				if (rnd() % 8 == 0) {
					ev.cert_len = 0;
				}
				break;
			case ITLS_PC_EV_SM7:
				ev_sm7(&ev, (enum itls_transport)(rnd() % 3), (int)(rnd() & 1));
				if (rnd() % 4 == 0) {
					ev.c_token[rnd() % 12] ^= 1;
				}
				if (rnd() % 6 == 0) {
					ev.sec_verify_len--;
				}
				if (rnd() % 6 == 0) {
					ev.sec_client_len--;
				}
				if (rnd() % 6 == 0) {
					ev.cert = sim_mitm_cert;
					ev.cert_len = sim_mitm_cert_len;
				}
				break;
			default:
				ev_kind(&ev, k);
				ev.resumed = (int)(rnd() & 1);
				ev.psk = (int)(rnd() & 1);
				break;
			}
			if (step(&p, &ev) == ITLS_OK) {
				seen[p.last_row] = 1;
				/* PC-20: the row's own next state, never the fallback's */
				cr_assert_eq(p.state, itls_pc_table[p.last_row].next);
				if (p.integrity == ITLS_IP_TLS_YES) {
					cr_assert(p.state == ITLS_PC_SM8_SENT
						|| p.state == ITLS_PC_REGISTERED);
				}
				for (i = 0; i < nacts; i++) {
					if (acts[i].kind == ITLS_PC_A_SEND_SM8) {
						/* PC-15 */
						cr_assert_eq(p.sm6_sent, 1);
						if (p.stok_sent && (p.sm1_via == ITLS_TR_TLS
							|| p.sm7_via == ITLS_TR_TLS)) {
							cr_assert_eq(p.ctok_ok, 1);
						}
						if (acts[i].integrity == ITLS_IP_TLS_YES) {
							cr_assert(p.ctok_ok || p.psk_ok);
							cr_assert_eq(p.tls_bound, 1);
						}
						/* PC-10, PC-11: the headers of SM7 are those stored */
						cr_assert_eq(ev.sec_verify_len, p.sec_server_len);
						cr_assert_eq(memcmp(ev.sec_verify, p.sec_server,
							p.sec_server_len), 0);
						cr_assert_eq(ev.sec_client_len, p.sec_client_len);
						/* PC-21: the agreed mechanism, the one of the transport */
						cr_assert_eq(acts[i].mech, p.agreed);
						cr_assert_eq(acts[i].mech, ev.via == ITLS_TR_TLS
							? ITLS_MECH_TLS : ITLS_MECH_IPSEC);
						/* PC-22: in I-TLS over TLS, the certificate of the vectors */
						if (acts[i].mech == ITLS_MECH_TLS && p.cfg.mode == ITLS_TLS_CERT) {
							cr_assert_eq(ev.cert, sim_pcscf_cert);
							cr_assert_eq(memcmp(ev.c_token, CTOK, 12), 0);
						}
					}
					if (p.integrity == ITLS_IP_TLS_YES) {
						cr_assert_eq(p.tls_bound, 1);   /* PC-17 */
					}
					if (acts[i].kind == ITLS_PC_A_SEND_SM6 && acts[i].with_token) {
						cr_assert(p.ue_offer & ITLS_OFFER_TLS);   /* PC-07 */
						cr_assert_eq(p.ue_tls, 1);
					}
				}
			}
		}
	}
	for (i = 0; i < itls_pc_table_len; i++) {
		covered += seen[i];
		if (!seen[i]) {
			printf("row %zu not reached: %s %s [%s]\n", i,
				itls_pc_state_name(itls_pc_table[i].state),
				itls_pc_event_name(itls_pc_table[i].event),
				itls_pc_guard_name(itls_pc_table[i].guard));
		}
	}
	cr_assert_eq(covered, itls_pc_table_len, "%zu of %zu rows reached", covered,
		itls_pc_table_len);
}

/* a row of several steps is one of the five kinds pc_run proves (pc_multi_ok) */
static int
multi_kind_ok(const struct itls_pc_row *r)
{
	const enum itls_pc_act *a = r->steps;

	if (r->event == ITLS_PC_EV_SM1) {
		return r->next == ITLS_PC_SM2_SENT && a[0] == ITLS_PC_A_STORE_SM1
			&& a[1] == ITLS_PC_A_SEND_SM2 && a[2] == ITLS_PC_A_NONE;
	}
	if (r->event == ITLS_PC_EV_SM5) {
		return r->next == ITLS_PC_SM6_SENT && a[0] == ITLS_PC_A_LOAD_KEYS
			&& a[1] == ITLS_PC_A_STRIP_KEYS
			&& ((a[2] == ITLS_PC_A_SEND_SM6 && a[3] == ITLS_PC_A_NONE)
				|| ((a[2] == ITLS_PC_A_MAKE_STOKEN || a[2] == ITLS_PC_A_MAKE_PSK)
					&& a[3] == ITLS_PC_A_SEND_SM6 && a[4] == ITLS_PC_A_NONE));
	}
	if (r->event == ITLS_PC_EV_TLS_UP && r->guard == ITLS_PC_G_PSK_OK) {
		return r->next == r->state && (r->state == ITLS_PC_SM6_SENT
				|| r->state == ITLS_PC_REGISTERED)
			&& a[0] == ITLS_PC_A_NOTE_TLS_UP && a[1] == ITLS_PC_A_ACCEPT_PSK
			&& a[2] == ITLS_PC_A_NONE;
	}
	if (r->event == ITLS_PC_EV_TLS_UP) {
		return r->state == ITLS_PC_REGISTERED && r->next == r->state
			&& a[0] == ITLS_PC_A_NOTE_TLS_UP && a[1] == ITLS_PC_A_UNBIND
			&& a[2] == ITLS_PC_A_NONE;
	}
	return r->event == ITLS_PC_EV_SM7 && r->state == ITLS_PC_SM6_SENT
		&& r->next == ITLS_PC_SM8_SENT && a[0] == ITLS_PC_A_ACCEPT_CTOKEN
		&& a[1] == ITLS_PC_A_SEND_SM8 && a[2] == ITLS_PC_A_NONE;
}

/* the facts of the table that the proof of PC-20 rests on (pc_table_facts) */
Test(pcscf, one_step_rows_have_the_shape_the_proof_uses,
	.description = "PC-20: rows of one step stay (or sm8-sent to registered) or abort; the 12 others are of the five kinds pc_run proves; SM7 is accepted only after the eight refusing rows")
{
	size_t i, one = 0, multi = 0;

	for (i = 0; i < itls_pc_table_len; i++) {
		const struct itls_pc_row *r = &itls_pc_table[i];
		cr_assert_neq(r->steps[0], ITLS_PC_A_NONE);
		if (r->steps[1] == ITLS_PC_A_NONE) {
			one++;
			if (r->next == ITLS_PC_FAILED) {
				cr_assert(r->steps[0] == ITLS_PC_A_ABORT
					|| r->steps[0] == ITLS_PC_A_FORWARD_REJECT, "row %zu", i);
				continue;
			}
			cr_assert(r->next == r->state || (r->state == ITLS_PC_SM8_SENT
				&& r->next == ITLS_PC_REGISTERED), "row %zu", i);
			cr_assert(r->steps[0] == ITLS_PC_A_NOTE_TLS_DOWN
				|| r->steps[0] == ITLS_PC_A_REFUSE
				|| r->steps[0] == ITLS_PC_A_SEND_SM12
				|| (r->steps[0] == ITLS_PC_A_NOTE_TLS_UP
					&& (r->state == ITLS_PC_IDLE || r->state == ITLS_PC_SM6_SENT
						|| r->guard == ITLS_PC_G_RESUMED)), "row %zu", i);
		} else {
			multi++;
			cr_assert((r->event == ITLS_PC_EV_SM1 && (r->state == ITLS_PC_IDLE
					|| r->state == ITLS_PC_REGISTERED))
				|| (r->event == ITLS_PC_EV_SM5 && r->state == ITLS_PC_SM2_SENT)
				|| (r->event == ITLS_PC_EV_TLS_UP && (r->state == ITLS_PC_SM6_SENT
					|| r->state == ITLS_PC_REGISTERED))
				|| (r->event == ITLS_PC_EV_SM7 && r->state == ITLS_PC_SM6_SENT),
				"row %zu", i);
			cr_assert(multi_kind_ok(r), "row %zu", i);
		}
		/* pc_sm7_passed: the rows that accept SM7 are 25 and 26, after rows
		 * 17 .. 24 of sm6-sent on SM7, whose guards refuse it */
		if (r->state == ITLS_PC_SM6_SENT && r->event == ITLS_PC_EV_SM7
			&& r->next == ITLS_PC_SM8_SENT) {
			cr_assert(i == 25 || i == 26, "row %zu", i);
		}
	}
	cr_assert_eq(one, 28);
	cr_assert_eq(multi, 12);
	{
		static const enum itls_pc_guard refuse[8] = {
			ITLS_PC_G_UNPROTECTED, ITLS_PC_G_VERIFY_MISMATCH,
			ITLS_PC_G_CLIENT_MISMATCH, ITLS_PC_G_NOT_AGREED, ITLS_PC_G_NO_CTOKEN,
			ITLS_PC_G_BAD_CTOKEN, ITLS_PC_G_CERT_MISMATCH, ITLS_PC_G_TLS_UNBOUND
		};
		for (i = 0; i < 8; i++) {
			cr_assert_eq(itls_pc_table[17 + i].state, ITLS_PC_SM6_SENT);
			cr_assert_eq(itls_pc_table[17 + i].event, ITLS_PC_EV_SM7);
			cr_assert_eq(itls_pc_table[17 + i].guard, refuse[i], "row %zu", 17 + i);
			cr_assert_eq(itls_pc_table[17 + i].next, ITLS_PC_FAILED);
		}
	}
}

Test(pcscf, names_of_everything)
{
	size_t i;

	cr_assert_str_eq(itls_pc_state_name(ITLS_PC_SM6_SENT), "sm6-sent");
	cr_assert_str_eq(itls_integrity_name(ITLS_IP_TLS_PENDING), "tls-pending");
	cr_assert_str_eq(itls_integrity_name(ITLS_IP_ASSOC_YES), "ip-assoc-yes");
	cr_assert_str_eq(itls_integrity_name(9), "?");
	for (i = 0; i < ITLS_PC_G_COUNT; i++) {
		cr_assert_str_neq(itls_pc_guard_name((int)i), "?");
	}
	for (i = 0; i < ITLS_PC_A_COUNT; i++) {
		cr_assert_str_neq(itls_pc_act_name((int)i), "?");
	}
	for (i = 0; i < ITLS_PC_EV_COUNT; i++) {
		cr_assert_str_neq(itls_pc_event_name((int)i), "?");
	}
	printf("sizeof(struct itls_pc) = %zu bytes\n", sizeof(struct itls_pc));
}
