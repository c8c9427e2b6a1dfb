/*
 * pcscf.c -- the I-TLS state machine of the P-CSCF (see itls/pcscf.h,
 * spec/pcscf.md).
 *
 * Everything that decides a P-CSCF transition is in this file: the table,
 * the guards, the steps and the safety check before commit. The phases of
 * a step are those of ue.c: facts, lookup, steps, commit.
 */
#include "itls/pcscf.h"
#include "itls/crypto.h"
#include "itls/psk.h"
#include "itls/token.h"

#include <stddef.h>
#include <stdint.h>

/* ---- the transition table ---------------------------------------------------- */

#define S(x) ITLS_PC_##x
#define E(x) ITLS_PC_EV_##x
#define G(x) ITLS_PC_G_##x
#define A(x) ITLS_PC_A_##x

const struct itls_pc_row itls_pc_table[] = {
	/* PC-01: the handshake never asks for a client certificate (tls/ glue) */
	{ S(IDLE), E(TLS_UP), G(CERT_MODE), S(IDLE), { A(NOTE_TLS_UP) } },
	{ S(IDLE), E(TLS_CLOSED), G(ALWAYS), S(IDLE), { A(NOTE_TLS_DOWN) } },
	/* PC-02, PC-03 */
	{ S(IDLE), E(SM1), G(NO_COMMON), S(FAILED), { A(ABORT) } },
	{ S(IDLE), E(SM1), G(SM1_TLS), S(SM2_SENT), { A(STORE_SM1), A(SEND_SM2) } },
	{ S(IDLE), E(SM1), G(SM1_PLAIN), S(SM2_SENT), { A(STORE_SM1), A(SEND_SM2) } },
	{ S(IDLE), E(TLS_TO_UE), G(ALWAYS), S(IDLE), { A(REFUSE) } },

	/* PC-04..PC-08, PC-16 */
	{ S(SM2_SENT), E(SM5), G(NO_KEYS), S(FAILED), { A(ABORT) } },
	{ S(SM2_SENT), E(SM5), G(TOKEN), S(SM6_SENT),
		{ A(LOAD_KEYS), A(STRIP_KEYS), A(MAKE_STOKEN), A(SEND_SM6) } },
	{ S(SM2_SENT), E(SM5), G(TOKEN_FAIL), S(FAILED), { A(ABORT) } },
	{ S(SM2_SENT), E(SM5), G(PSK), S(SM6_SENT),
		{ A(LOAD_KEYS), A(STRIP_KEYS), A(MAKE_PSK), A(SEND_SM6) } },
	{ S(SM2_SENT), E(SM5), G(NO_TLS), S(SM6_SENT),
		{ A(LOAD_KEYS), A(STRIP_KEYS), A(SEND_SM6) } },
	{ S(SM2_SENT), E(SM11_REJECT), G(ALWAYS), S(FAILED), { A(FORWARD_REJECT) } },
	{ S(SM2_SENT), E(TLS_CLOSED), G(ALWAYS), S(SM2_SENT), { A(NOTE_TLS_DOWN) } },
	{ S(SM2_SENT), E(TLS_TO_UE), G(ALWAYS), S(SM2_SENT), { A(REFUSE) } },

	/* figures 4 and 6: TLS comes up after SM6 */
	{ S(SM6_SENT), E(TLS_UP), G(CERT_MODE), S(SM6_SENT), { A(NOTE_TLS_UP) } },
	{ S(SM6_SENT), E(TLS_UP), G(PSK_OK), S(SM6_SENT), { A(NOTE_TLS_UP), A(ACCEPT_PSK) } },
	{ S(SM6_SENT), E(TLS_CLOSED), G(ALWAYS), S(SM6_SENT), { A(NOTE_TLS_DOWN) } },
	/* PC-09..PC-15 */
	{ S(SM6_SENT), E(SM7), G(UNPROTECTED), S(FAILED), { A(ABORT) } },
	{ S(SM6_SENT), E(SM7), G(VERIFY_MISMATCH), S(FAILED), { A(ABORT) } },
	{ S(SM6_SENT), E(SM7), G(CLIENT_MISMATCH), S(FAILED), { A(ABORT) } },
	/* PC-21: only over the mechanism agreed at SM1 */
	{ S(SM6_SENT), E(SM7), G(NOT_AGREED), S(FAILED), { A(ABORT) } },
	{ S(SM6_SENT), E(SM7), G(NO_CTOKEN), S(FAILED), { A(ABORT) } },
	{ S(SM6_SENT), E(SM7), G(BAD_CTOKEN), S(FAILED), { A(ABORT) } },
	/* PC-22: s_token over the certificate of this connection */
	{ S(SM6_SENT), E(SM7), G(CERT_MISMATCH), S(FAILED), { A(ABORT) } },
	{ S(SM6_SENT), E(SM7), G(TLS_UNBOUND), S(FAILED), { A(ABORT) } },
	{ S(SM6_SENT), E(SM7), G(TLS_OK), S(SM8_SENT), { A(ACCEPT_CTOKEN), A(SEND_SM8) } },
	{ S(SM6_SENT), E(SM7), G(IPSEC_OK), S(SM8_SENT), { A(ACCEPT_CTOKEN), A(SEND_SM8) } },
	{ S(SM6_SENT), E(TLS_TO_UE), G(ALWAYS), S(SM6_SENT), { A(REFUSE) } },

	/* PC-18 */
	{ S(SM8_SENT), E(SM11), G(ALWAYS), S(REGISTERED), { A(SEND_SM12) } },
	{ S(SM8_SENT), E(SM11_REJECT), G(ALWAYS), S(FAILED), { A(FORWARD_REJECT) } },
	{ S(SM8_SENT), E(TLS_CLOSED), G(ALWAYS), S(SM8_SENT), { A(NOTE_TLS_DOWN) } },
	{ S(SM8_SENT), E(TLS_TO_UE), G(ALWAYS), S(SM8_SENT), { A(REFUSE) } },

	/* PC-17: only the UE resumes; a new full handshake is not bound (PSK-TLS:
	 * unless keyed with this run's PSK) and requires a re-registration */
	{ S(REGISTERED), E(TLS_CLOSED), G(ALWAYS), S(REGISTERED), { A(NOTE_TLS_DOWN) } },
	{ S(REGISTERED), E(TLS_UP), G(RESUMED), S(REGISTERED), { A(NOTE_TLS_UP) } },
	{ S(REGISTERED), E(TLS_UP), G(PSK_OK), S(REGISTERED), { A(NOTE_TLS_UP), A(ACCEPT_PSK) } },
	{ S(REGISTERED), E(TLS_UP), G(NEW_SESSION), S(REGISTERED), { A(NOTE_TLS_UP), A(UNBIND) } },
	{ S(REGISTERED), E(TLS_TO_UE), G(ALWAYS), S(REGISTERED), { A(REFUSE) } },
	/* PC-23: re-registration, a new AKA run (on this or a new connection) */
	{ S(REGISTERED), E(SM1), G(NO_COMMON), S(FAILED), { A(ABORT) } },
	{ S(REGISTERED), E(SM1), G(SM1_TLS), S(SM2_SENT), { A(STORE_SM1), A(SEND_SM2) } },
	{ S(REGISTERED), E(SM1), G(SM1_PLAIN), S(SM2_SENT), { A(STORE_SM1), A(SEND_SM2) } },

	/* failed is final: it has no row */
};

#undef S
#undef E
#undef G
#undef A

#define PC_TABLE_LEN (sizeof(itls_pc_table) / sizeof(itls_pc_table[0]))
const size_t itls_pc_table_len = PC_TABLE_LEN;

/* ---- names ------------------------------------------------------------------- */

/* see itls/pcscf.h */
const char *
itls_pc_state_name(int s)
{
	switch (s) {
	case ITLS_PC_IDLE:
		return "idle";
	case ITLS_PC_SM2_SENT:
		return "sm2-sent";
	case ITLS_PC_SM6_SENT:
		return "sm6-sent";
	case ITLS_PC_SM8_SENT:
		return "sm8-sent";
	case ITLS_PC_REGISTERED:
		return "registered";
	case ITLS_PC_FAILED:
		return "failed";
	default:
		return "?";
	}
}

/* see itls/pcscf.h */
const char *
itls_pc_event_name(int e)
{
	switch (e) {
	case ITLS_PC_EV_TLS_UP:
		return "tls-up";
	case ITLS_PC_EV_TLS_CLOSED:
		return "tls-closed";
	case ITLS_PC_EV_SM1:
		return "SM1";
	case ITLS_PC_EV_SM5:
		return "SM5";
	case ITLS_PC_EV_SM7:
		return "SM7";
	case ITLS_PC_EV_SM11:
		return "SM11";
	case ITLS_PC_EV_SM11_REJECT:
		return "SM11-reject";
	case ITLS_PC_EV_TLS_TO_UE:
		return "tls-to-ue";
	default:
		return "?";
	}
}

/* see itls/pcscf.h */
const char *
itls_pc_guard_name(int g)
{
	switch (g) {
	case ITLS_PC_G_ALWAYS:
		return "-";
	case ITLS_PC_G_NO_COMMON:
		return "no common mechanism";
	case ITLS_PC_G_SM1_TLS:
		return "over TLS";
	case ITLS_PC_G_SM1_PLAIN:
		return "unprotected";
	case ITLS_PC_G_NO_KEYS:
		return "no ck/ik";
	case ITLS_PC_G_TOKEN:
		return "UE offers tls, I-TLS";
	case ITLS_PC_G_TOKEN_FAIL:
		return "s_token cannot be made";
	case ITLS_PC_G_PSK:
		return "UE offers tls, PSK-TLS";
	case ITLS_PC_G_NO_TLS:
		return "tls not on both sides";
	case ITLS_PC_G_UNPROTECTED:
		return "unprotected";
	case ITLS_PC_G_VERIFY_MISMATCH:
		return "Security-Verify differs";
	case ITLS_PC_G_CLIENT_MISMATCH:
		return "Security-Client differs";
	case ITLS_PC_G_NO_CTOKEN:
		return "c_token due, absent";
	case ITLS_PC_G_BAD_CTOKEN:
		return "c_token invalid";
	case ITLS_PC_G_TLS_UNBOUND:
		return "TLS not bound";
	case ITLS_PC_G_TLS_OK:
		return "over bound TLS";
	case ITLS_PC_G_IPSEC_OK:
		return "over IPsec";
	case ITLS_PC_G_CERT_MODE:
		return "certificate handshake";
	case ITLS_PC_G_PSK_OK:
		return "PSK handshake";
	case ITLS_PC_G_RESUMED:
		return "resumed by the UE";
	case ITLS_PC_G_NEW_SESSION:
		return "new handshake";
	case ITLS_PC_G_NOT_AGREED:
		return "not the agreed mechanism";
	case ITLS_PC_G_CERT_MISMATCH:
		return "s_token not over this connection's certificate";
	default:
		return "?";
	}
}

/* see itls/pcscf.h */
const char *
itls_pc_act_name(int a)
{
	switch (a) {
	case ITLS_PC_A_NONE:
		return "-";
	case ITLS_PC_A_NOTE_TLS_UP:
		return "note-tls-up";
	case ITLS_PC_A_NOTE_TLS_DOWN:
		return "note-tls-down";
	case ITLS_PC_A_STORE_SM1:
		return "store-SM1";
	case ITLS_PC_A_SEND_SM2:
		return "send-SM2";
	case ITLS_PC_A_LOAD_KEYS:
		return "load-keys";
	case ITLS_PC_A_STRIP_KEYS:
		return "strip-ck-ik";
	case ITLS_PC_A_MAKE_STOKEN:
		return "make-s_token";
	case ITLS_PC_A_MAKE_PSK:
		return "make-psk";
	case ITLS_PC_A_SEND_SM6:
		return "send-SM6";
	case ITLS_PC_A_ACCEPT_CTOKEN:
		return "record-c_token";
	case ITLS_PC_A_ACCEPT_PSK:
		return "accept-psk";
	case ITLS_PC_A_SEND_SM8:
		return "send-SM8";
	case ITLS_PC_A_SEND_SM12:
		return "send-SM12";
	case ITLS_PC_A_FORWARD_REJECT:
		return "forward-reject";
	case ITLS_PC_A_REFUSE:
		return "refuse";
	case ITLS_PC_A_ABORT:
		return "abort";
	case ITLS_PC_A_UNBIND:
		return "unbind";
	default:
		return "?";
	}
}

/* see itls/pcscf.h */
const char *
itls_integrity_name(int v)
{
	switch (v) {
	case ITLS_IP_NO:
		return "no";
	case ITLS_IP_YES:
		return "yes";
	case ITLS_IP_TLS_PENDING:
		return "tls-pending";
	case ITLS_IP_TLS_YES:
		return "tls-yes";
	case ITLS_IP_ASSOC_PENDING:
		return "ip-assoc-pending";
	case ITLS_IP_ASSOC_YES:
		return "ip-assoc-yes";
	default:
		return "?";
	}
}

/* ---- helpers ------------------------------------------------------------------- */

/*@ requires \valid(dst + (0 .. n - 1));
  @ requires \valid_read(src + (0 .. n - 1));
  @ requires \separated(dst + (0 .. n - 1), src + (0 .. n - 1));
  @ assigns dst[0 .. n - 1];
  @ ensures \forall integer i; 0 <= i < n ==> dst[i] == \old(src[i]);
  @*/
static void
pc_copy(uint8_t *dst, const uint8_t *src, size_t n)
{
	size_t i;

	/*@ loop invariant 0 <= i <= n;
	  @ loop invariant \forall integer k; 0 <= k < i ==> dst[k] == \at(src[k], Pre);
	  @ loop assigns i, dst[0 .. n - 1];
	  @ loop variant n - i;
	  @*/
	for (i = 0; i < n; i++) {
		dst[i] = src[i];
	}
}

/*@ requires \valid(p + (0 .. n - 1));
  @ assigns p[0 .. n - 1];
  @ ensures \forall integer i; 0 <= i < n ==> p[i] == 0;
  @*/
static void
pc_zero(uint8_t *p, size_t n)
{
	size_t i;

	/*@ loop invariant 0 <= i <= n;
	  @ loop invariant \forall integer k; 0 <= k < i ==> p[k] == 0;
	  @ loop assigns i, p[0 .. n - 1];
	  @ loop variant n - i;
	  @*/
	for (i = 0; i < n; i++) {
		p[i] = 0;
	}
}

/* equal byte strings (headers: not secret, so an early exit is fine) */
/*@ requires \valid_read(a + (0 .. alen - 1));
  @ requires \valid_read(b + (0 .. blen - 1));
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 <==> alen == blen &&
  @   (\forall integer i; 0 <= i < alen ==> a[i] == b[i]);
  @*/
static int
pc_same(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	size_t i;

	if (alen != blen) {
		return 0;
	}
	/*@ loop invariant 0 <= i <= alen;
	  @ loop invariant \forall integer k; 0 <= k < i ==> a[k] == b[k];
	  @ loop assigns i;
	  @ loop variant alen - i;
	  @*/
	for (i = 0; i < alen; i++) {
		if (a[i] != b[i]) {
			return 0;
		}
	}
	return 1;
}

/* ---- facts ------------------------------------------------------------------------ */

struct pc_facts {
	int stok_made;       /* SM5: s_token computed over our certificate */
	uint8_t s_token[ITLS_FSM_TOKEN_LEN];
	int verify_match;    /* SM7: Security-Verify == our Security-Server */
	int client_match;    /* SM7: Security-Client == SM1's */
	int ctok_valid;      /* SM7: c_token verifies under this run's keys */
	int cert_match;      /* SM7: s_token sent is over the connection's certificate (PC-22) */
};

/* SM5, PC-06: s_token over our own certificate, under this SM5's keys */
/*@ requires \valid(f) && \valid_read(st);
  @ requires itls_pc_event_ok(ev);
  @ requires \separated(f, st, ev);
  @ requires \separated(f, ev->cert + (0 .. ev->cert_len - 1));
  @ assigns f->stok_made, f->s_token[0 .. ITLS_FSM_TOKEN_LEN - 1];
  @ ensures f->stok_made == 0 || f->stok_made == 1;
  @*/
static void
pc_facts_sm5(struct pc_facts *f, const struct itls_pc *st,
	const struct itls_pc_event *ev)
{
	struct itls_token_keys k;

	pc_copy(k.ik, ev->ik, ITLS_FSM_KEY_LEN);
	pc_copy(k.ck, ev->ck, ITLS_FSM_KEY_LEN);
	k.profile = st->keys.profile;
	f->stok_made = itls_token_server(f->s_token, &k, ev->cert,
		ev->cert_len) == ITLS_OK ? 1 : 0;
	itls_crypto_wipe(k.ik, ITLS_FSM_KEY_LEN);
	itls_crypto_wipe(k.ck, ITLS_FSM_KEY_LEN);
}

/* the facts of SM7 are flags; c_token and the certificate only with an s_token sent */
/*@ predicate pc_sm7_facts_ok(struct pc_facts *f, struct itls_pc *st) =
  @   (f->verify_match == 0 || f->verify_match == 1) &&
  @   (f->client_match == 0 || f->client_match == 1) &&
  @   (f->ctok_valid == 0 || f->ctok_valid == 1) &&
  @   (f->ctok_valid == 1 ==> st->stok_sent == 1) &&
  @   (f->cert_match == 0 || f->cert_match == 1) &&
  @   (f->cert_match == 1 ==> st->stok_sent == 1);
  @*/

/* what the token checks of SM7 mean (PC-13, PC-22), in terms of itls/token.h */
/*@ predicate pc_ctok_verifies{L}(struct itls_pc *st, struct itls_pc_event *ev) =
  @   ev->has_ctoken != 0 && st->stok_sent == 1 &&
  @   itls_mem(&ev->c_token[0], ITLS_FSM_TOKEN_LEN) ==
  @     itls_c_token_of(&st->keys, itls_mem(&st->s_token[0], ITLS_FSM_TOKEN_LEN));
  @ // itls_token_verify_server says ok: a certificate it accepts, and the link
  @ predicate pc_cert_checks{L}(struct itls_pc *st, struct itls_pc_event *ev) =
  @   ev->cert_len > 0 &&
  @   (st->keys.profile == ITLS_TOKEN_HMAC || ev->cert_len <= ITLS_KDF_MAX_PARAM_LEN) &&
  @   itls_pc_cert_link(st, ev);
  @ predicate pc_cert_verifies{L}(struct itls_pc *st, struct itls_pc_event *ev) =
  @   st->stok_sent == 1 && pc_cert_checks(st, ev);
  @ predicate pc_sm7_facts_means{L}(struct pc_facts *f, struct itls_pc *st,
  @     struct itls_pc_event *ev) =
  @   (f->verify_match == 0 || f->verify_match == 1) &&
  @   (f->client_match == 0 || f->client_match == 1) &&
  @   (f->ctok_valid == 0 || f->ctok_valid == 1) &&
  @   (f->cert_match == 0 || f->cert_match == 1) &&
  @   (f->verify_match == 1 <==> itls_pc_same_bytes((uint8_t *)ev->sec_verify,
  @     ev->sec_verify_len, &st->sec_server[0], st->sec_server_len)) &&
  @   (f->client_match == 1 <==> itls_pc_same_bytes((uint8_t *)ev->sec_client,
  @     ev->sec_client_len, &st->sec_client[0], st->sec_client_len)) &&
  @   (f->ctok_valid == 1 <==> pc_ctok_verifies(st, ev)) &&
  @   (f->cert_match == 1 <==> pc_cert_verifies(st, ev));
  @*/

/* SM7: what RFC 3329 §2.3.1 (PC-10, PC-11), PC-13 and PC-22 check */
/*@ requires \valid(f) && \valid_read(st);
  @ requires st->sec_client_len <= ITLS_FSM_HDR_MAX && st->sec_server_len <= ITLS_FSM_HDR_MAX;
  @ requires itls_profile_ok(st->keys.profile);
  @ requires itls_pc_event_ok(ev);
  @ requires \separated(f, st, ev);
  @ requires \separated(f, ev->cert + (0 .. ev->cert_len - 1));
  @ assigns f->verify_match, f->client_match, f->ctok_valid, f->cert_match;
  @ ensures pc_sm7_facts_ok(f, st);
  @ ensures pc_sm7_facts_means(f, st, ev);
  @*/
static void
pc_facts_sm7(struct pc_facts *f, const struct itls_pc *st,
	const struct itls_pc_event *ev)
{
	f->verify_match = pc_same(ev->sec_verify, ev->sec_verify_len,
		st->sec_server, st->sec_server_len);
	f->client_match = pc_same(ev->sec_client, ev->sec_client_len,
		st->sec_client, st->sec_client_len);
	f->ctok_valid = 0;
	f->cert_match = 0;
	/* PC-13: c_token = MAC(IK, s_token we sent), constant time */
	if (ev->has_ctoken && st->stok_sent == 1) {
		f->ctok_valid = itls_token_verify_client(&st->keys,
			st->s_token, ev->c_token) == ITLS_OK ? 1 : 0;
	}
	/* PC-22: and s_token is over the certificate of this connection */
	if (st->stok_sent == 1) {
		f->cert_match = itls_token_verify_server(&st->keys, ev->cert,
			ev->cert_len, st->s_token) == ITLS_OK ? 1 : 0;
	}
}

/*@ requires \valid(f) && \valid_read(st) && itls_pc_inv(st);
  @ requires itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @ requires \separated(f, st, ev);
  @ requires \separated(f, ev->cert + (0 .. ev->cert_len - 1));
  @ assigns *f;
  @ ensures f->stok_made == 0 || f->stok_made == 1;
  @ ensures pc_sm7_facts_ok(f, st);
  @ ensures ev->kind == ITLS_PC_EV_SM7 ==> pc_sm7_facts_means(f, st, ev);
  @*/
static void
pc_facts(struct pc_facts *f, const struct itls_pc *st,
	const struct itls_pc_event *ev)
{
	f->stok_made = 0;
	f->verify_match = 0;
	f->client_match = 0;
	f->ctok_valid = 0;
	f->cert_match = 0;
	pc_zero(f->s_token, ITLS_FSM_TOKEN_LEN);
	if (ev->kind == ITLS_PC_EV_SM5 && ev->has_keys) {
		pc_facts_sm5(f, st, ev);
	} else if (ev->kind == ITLS_PC_EV_SM7) {
		pc_facts_sm7(f, st, ev);
	}
}

/* ---- guards ---------------------------------------------------------------------- */

/* what each guard means, in logic (pc_guard computes it) */
/*@ predicate pc_cert(struct itls_pc *st) = st->cfg.mode == ITLS_TLS_CERT;
  @ // PC-07: tokens only when both sides have tls
  @ predicate pc_ue_tls(struct itls_pc *st) =
  @   st->ue_tls == 1 && (st->cfg.support & ITLS_OFFER_TLS) != 0;
  @ predicate pc_due(struct itls_pc *st, struct itls_pc_event *ev) =
  @   st->stok_sent == 1 && (st->sm1_via == ITLS_TR_TLS || ev->via == ITLS_TR_TLS);
  @ // PC-14, PC-22: SM7 over TLS is bound to this run
  @ predicate pc_bound_now(struct itls_pc *st, struct pc_facts *f) =
  @   pc_cert(st) ? (f->ctok_valid != 0 && f->cert_match != 0)
  @     : (st->psk_ok == 1 && st->psk_run == st->aka_run);
  @ predicate pc_guard_holds(struct itls_pc *st, struct itls_pc_event *ev,
  @     struct pc_facts *f, integer g) =
  @   g == ITLS_PC_G_ALWAYS ||
  @   (g == ITLS_PC_G_NO_COMMON && (ev->ue_offer & st->cfg.support) == 0) ||
  @   (g == ITLS_PC_G_SM1_TLS && ev->via == ITLS_TR_TLS && st->tls_up != 0) ||
  @   (g == ITLS_PC_G_SM1_PLAIN && ev->via == ITLS_TR_PLAIN) ||
  @   (g == ITLS_PC_G_NO_KEYS && ev->has_keys == 0) ||
  @   (g == ITLS_PC_G_TOKEN && pc_ue_tls(st) && pc_cert(st) && f->stok_made != 0) ||
  @   (g == ITLS_PC_G_TOKEN_FAIL && pc_ue_tls(st) && pc_cert(st) && f->stok_made == 0) ||
  @   (g == ITLS_PC_G_PSK && pc_ue_tls(st) && !pc_cert(st)) ||
  @   (g == ITLS_PC_G_NO_TLS && !pc_ue_tls(st)) ||
  @   (g == ITLS_PC_G_UNPROTECTED && (ev->via == ITLS_TR_PLAIN ||
  @     (ev->via == ITLS_TR_TLS && st->tls_up == 0))) ||
  @   (g == ITLS_PC_G_VERIFY_MISMATCH && f->verify_match == 0) ||
  @   (g == ITLS_PC_G_CLIENT_MISMATCH && f->client_match == 0) ||
  @   (g == ITLS_PC_G_NO_CTOKEN && pc_due(st, ev) && ev->has_ctoken == 0) ||
  @   (g == ITLS_PC_G_BAD_CTOKEN && ev->has_ctoken != 0 && st->stok_sent == 1 &&
  @     f->ctok_valid == 0) ||
  @   (g == ITLS_PC_G_NOT_AGREED && itls_pc_mech_of(ev->via) != st->agreed) ||
  @   (g == ITLS_PC_G_CERT_MISMATCH && ev->via == ITLS_TR_TLS && pc_cert(st) &&
  @     st->stok_sent == 1 && f->cert_match == 0) ||
  @   (g == ITLS_PC_G_TLS_UNBOUND && ev->via == ITLS_TR_TLS && !pc_bound_now(st, f)) ||
  @   (g == ITLS_PC_G_TLS_OK && ev->via == ITLS_TR_TLS && st->tls_up != 0 &&
  @     pc_bound_now(st, f)) ||
  @   (g == ITLS_PC_G_IPSEC_OK && ev->via == ITLS_TR_IPSEC) ||
  @   (g == ITLS_PC_G_CERT_MODE && pc_cert(st)) ||
  @   (g == ITLS_PC_G_PSK_OK && !pc_cert(st) && ev->psk != 0 && st->has_psk != 0) ||
  @   (g == ITLS_PC_G_RESUMED && ev->resumed != 0) ||
  @   (g == ITLS_PC_G_NEW_SESSION && ev->resumed == 0);
  @*/

/* PC-07: tokens only when both sides have tls */
/*@ requires \valid_read(st);
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 <==> pc_ue_tls(st);
  @*/
static int
pc_g_ue_tls(const struct itls_pc *st)
{
	return st->ue_tls == 1 && (st->cfg.support & ITLS_OFFER_TLS) != 0 ? 1 : 0;
}

/* PC-14, PC-22: SM7 over TLS is bound to this run */
/*@ requires \valid_read(st) && \valid_read(f);
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 <==> pc_bound_now(st, f);
  @*/
static int
pc_g_bound_now(const struct itls_pc *st, const struct pc_facts *f)
{
	if (st->cfg.mode == ITLS_TLS_CERT) {
		return f->ctok_valid && f->cert_match ? 1 : 0;
	}
	return st->psk_ok == 1 && st->psk_run == st->aka_run ? 1 : 0;
}

/*
 * Each case computes only what its guard reads (small goals: D-PR-5).
 */
/*@ requires \valid_read(st) && itls_pc_inv(st);
  @ requires itls_pc_event_ok(ev);
  @ requires \valid_read(f);
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 <==> pc_guard_holds(st, ev, f, g);
  @*/
static int
pc_guard(const struct itls_pc *st, const struct itls_pc_event *ev,
	const struct pc_facts *f, enum itls_pc_guard g)
{
	int cert = st->cfg.mode == ITLS_TLS_CERT;

	switch (g) {
	case ITLS_PC_G_ALWAYS:
		return 1;
	case ITLS_PC_G_NO_COMMON:
		/* PC-02 */
		return (ev->ue_offer & st->cfg.support) == 0 ? 1 : 0;
	case ITLS_PC_G_SM1_TLS:
		return ev->via == ITLS_TR_TLS && st->tls_up ? 1 : 0;
	case ITLS_PC_G_SM1_PLAIN:
		return ev->via == ITLS_TR_PLAIN ? 1 : 0;
	case ITLS_PC_G_NO_KEYS:
		/* PC-04 */
		return ev->has_keys ? 0 : 1;
	case ITLS_PC_G_TOKEN:
		return (pc_g_ue_tls(st) && cert && f->stok_made) ? 1 : 0;
	case ITLS_PC_G_TOKEN_FAIL:
		return (pc_g_ue_tls(st) && cert && !f->stok_made) ? 1 : 0;
	case ITLS_PC_G_PSK:
		return (pc_g_ue_tls(st) && !cert) ? 1 : 0;
	case ITLS_PC_G_NO_TLS:
		/* PC-07 */
		return pc_g_ue_tls(st) ? 0 : 1;
	case ITLS_PC_G_UNPROTECTED:
		/* PC-09 */
		return (ev->via == ITLS_TR_PLAIN
			|| (ev->via == ITLS_TR_TLS && !st->tls_up)) ? 1 : 0;
	case ITLS_PC_G_VERIFY_MISMATCH:
		return f->verify_match ? 0 : 1;
	case ITLS_PC_G_CLIENT_MISMATCH:
		return f->client_match ? 0 : 1;
	case ITLS_PC_G_NO_CTOKEN:
		/* PC-12: due when s_token went out and TLS carried SM1 or SM7 */
		return (st->stok_sent == 1 && (st->sm1_via == ITLS_TR_TLS
			|| ev->via == ITLS_TR_TLS) && !ev->has_ctoken) ? 1 : 0;
	case ITLS_PC_G_BAD_CTOKEN:
		return (ev->has_ctoken && st->stok_sent == 1 && !f->ctok_valid)
			? 1 : 0;
	case ITLS_PC_G_NOT_AGREED:
		/* PC-21: the mechanism of the transport SM7 came over */
		if (ev->via == ITLS_TR_TLS) {
			return st->agreed != ITLS_MECH_TLS ? 1 : 0;
		}
		if (ev->via == ITLS_TR_IPSEC) {
			return st->agreed != ITLS_MECH_IPSEC ? 1 : 0;
		}
		return st->agreed != ITLS_MECH_NONE ? 1 : 0;
	case ITLS_PC_G_CERT_MISMATCH:
		/* PC-22 */
		return (ev->via == ITLS_TR_TLS && cert && st->stok_sent == 1
			&& !f->cert_match) ? 1 : 0;
	case ITLS_PC_G_TLS_UNBOUND:
		return (ev->via == ITLS_TR_TLS && !pc_g_bound_now(st, f)) ? 1 : 0;
	case ITLS_PC_G_TLS_OK:
		return (ev->via == ITLS_TR_TLS && st->tls_up && pc_g_bound_now(st, f))
			? 1 : 0;
	case ITLS_PC_G_IPSEC_OK:
		return ev->via == ITLS_TR_IPSEC ? 1 : 0;
	case ITLS_PC_G_CERT_MODE:
		return cert ? 1 : 0;
	case ITLS_PC_G_PSK_OK:
		return (!cert && ev->psk && st->has_psk) ? 1 : 0;
	case ITLS_PC_G_RESUMED:
		return ev->resumed ? 1 : 0;
	case ITLS_PC_G_NEW_SESSION:
		return ev->resumed ? 0 : 1;
	default:
		return 0;
	}
}

/*@ assigns \nothing;
  @ ensures \result != ITLS_OK;
  @ ensures g == ITLS_PC_G_NO_COMMON ==> \result == ITLS_ERR_NO_COMMON_MECHANISM;
  @ ensures g == ITLS_PC_G_VERIFY_MISMATCH || g == ITLS_PC_G_CLIENT_MISMATCH ==>
  @   \result == ITLS_ERR_BID_DOWN;
  @ ensures g == ITLS_PC_G_NO_CTOKEN ==> \result == ITLS_ERR_TOKEN_MISSING;
  @ ensures g == ITLS_PC_G_BAD_CTOKEN ==> \result == ITLS_ERR_TOKEN_INVALID;
  @ ensures g == ITLS_PC_G_NOT_AGREED ==> \result == ITLS_ERR_NOT_AGREED;
  @ ensures g == ITLS_PC_G_CERT_MISMATCH ==> \result == ITLS_ERR_CERT_MISMATCH;
  @ ensures g == ITLS_PC_G_TLS_UNBOUND ==> \result == ITLS_ERR_TLS_UNBOUND;
  @*/
static enum itls_err
pc_abort_reason(enum itls_pc_guard g)
{
	switch (g) {
	case ITLS_PC_G_NO_COMMON:
		return ITLS_ERR_NO_COMMON_MECHANISM;
	case ITLS_PC_G_NO_KEYS:
		return ITLS_ERR_MISSING_PARAMETER;
	case ITLS_PC_G_TOKEN_FAIL:
		return ITLS_ERR_EMPTY_CERTIFICATE;
	case ITLS_PC_G_VERIFY_MISMATCH:
	case ITLS_PC_G_CLIENT_MISMATCH:
		return ITLS_ERR_BID_DOWN;
	case ITLS_PC_G_NO_CTOKEN:
		return ITLS_ERR_TOKEN_MISSING;
	case ITLS_PC_G_BAD_CTOKEN:
		return ITLS_ERR_TOKEN_INVALID;
	case ITLS_PC_G_NOT_AGREED:
		return ITLS_ERR_NOT_AGREED;
	case ITLS_PC_G_CERT_MISMATCH:
		return ITLS_ERR_CERT_MISMATCH;
	case ITLS_PC_G_TLS_UNBOUND:
		return ITLS_ERR_TLS_UNBOUND;
	default:
		return ITLS_ERR_NOT_ALLOWED;
	}
}

/* ---- steps ------------------------------------------------------------------------ */

/* PC-16: PSK = KDF(CK || IK, FC 0x01, "itls psk", IMPI) (D-PS-1) */
/*@ requires \valid(st);
  @ requires st->impi_len <= ITLS_FSM_NAME_MAX;
  @ assigns st->psk[0 .. 31], st->has_psk;
  @ ensures st->has_psk == 0 || st->has_psk == 1;
  @*/
static void
pc_make_psk(struct itls_pc *st)
{
	st->has_psk = itls_psk_derive(st->psk, st->keys.ck, st->keys.ik,
		st->impi, st->impi_len) == ITLS_OK ? 1 : 0;
}

/* keys gone: nothing is bound any more (PC-13, PC-17) */
/*@ requires \valid(st);
  @ assigns st->keys.ik[0 .. 15], st->keys.ck[0 .. 15], st->psk[0 .. 31], st->has_psk,
  @   st->ctok_ok, st->psk_ok, st->tls_bound, st->integrity, st->sm7_cert_ok;
  @ ensures st->has_psk == 0 && st->ctok_ok == 0 && st->psk_ok == 0;
  @ ensures st->tls_bound == 0 && st->integrity == ITLS_IP_NO && st->sm7_cert_ok == 0;
  @*/
static void
pc_wipe_keys(struct itls_pc *st)
{
	itls_crypto_wipe(st->keys.ik, ITLS_FSM_KEY_LEN);
	itls_crypto_wipe(st->keys.ck, ITLS_FSM_KEY_LEN);
	itls_crypto_wipe(st->psk, ITLS_FSM_PSK_LEN);
	st->has_psk = 0;
	st->ctok_ok = 0;
	st->psk_ok = 0;
	st->tls_bound = 0;
	st->sm7_cert_ok = 0;
	st->integrity = ITLS_IP_NO;
}

/* PC-21: our highest-ranked mechanism among those both sides offered */
/*@ assigns \nothing;
  @ ensures \result == itls_pc_pick(support, offer, prefer_ipsec);
  @ ensures itls_pc_mech_ok(\result);
  @*/
static enum itls_mech
pc_pick(unsigned support, unsigned offer, int prefer_ipsec)
{
	int tls = (support & ITLS_OFFER_TLS) != 0 && (offer & ITLS_OFFER_TLS) != 0;
	int ipsec = (support & ITLS_OFFER_IPSEC) != 0 && (offer & ITLS_OFFER_IPSEC) != 0;

	if (tls && ipsec) {
		return prefer_ipsec != 0 ? ITLS_MECH_IPSEC : ITLS_MECH_TLS;
	}
	if (tls) {
		return ITLS_MECH_TLS;
	}
	if (ipsec) {
		return ITLS_MECH_IPSEC;
	}
	return ITLS_MECH_NONE;
}

/* what each returned action needs (PC-07, PC-10, PC-11, PC-13..PC-15, PC-17, PC-21, PC-22) */
/*@ predicate pc_act_safe{L}(struct itls_pc *st, struct itls_pc_event *ev,
  @     struct itls_pc_action *a) =
  @   (a->kind == ITLS_PC_A_SEND_SM8 ==>
  @     itls_pc_sm8_ok(st) && ev->kind == ITLS_PC_EV_SM7 &&
  @     itls_pc_same_bytes((uint8_t *)ev->sec_verify, ev->sec_verify_len,
  @       &st->sec_server[0], st->sec_server_len) &&
  @     itls_pc_same_bytes((uint8_t *)ev->sec_client, ev->sec_client_len,
  @       &st->sec_client[0], st->sec_client_len) &&
  @     a->mech != ITLS_MECH_NONE && a->mech == st->agreed &&
  @     a->mech == itls_pc_mech_of(ev->via) &&
  @     (a->mech == ITLS_MECH_TLS && st->cfg.mode == ITLS_TLS_CERT ==>
  @       st->ctok_ok == 1 && st->ctok_run == st->aka_run) &&
  @     (itls_pc_ctok_due(st) ==> itls_pc_ctok_link(st)) &&
  @     (a->integrity == ITLS_IP_TLS_YES ==> itls_pc_bound(st) && st->tls_bound == 1 &&
  @       (st->cfg.mode == ITLS_TLS_CERT ==> st->sm7_cert_ok == 1 &&
  @          pc_cert_checks(st, ev)))) &&
  @   (a->kind == ITLS_PC_A_UNBIND ==>
  @     st->tls_bound == 0 && st->integrity != ITLS_IP_TLS_YES) &&
  @   (a->kind == ITLS_PC_A_SEND_SM6 && a->with_token == 1 ==> st->ue_tls == 1);
  @*/

/* an action the safety check has nothing to ask of */
/*@ predicate pc_act_plain(struct itls_pc_action *a) =
  @   a->kind != ITLS_PC_A_SEND_SM8 && a->kind != ITLS_PC_A_UNBIND &&
  @   a->kind != ITLS_PC_A_SEND_SM6;
  @*/

/* what the state invariant asks of the state a transition ends in */
/*@ predicate pc_next_safe{L}(struct itls_pc *st, integer next) =
  @   itls_pc_state_ok(next) &&
  @   (itls_pc_after_sm6(next) ==> st->sm6_sent == 1) &&
  @   (itls_pc_after_sm8(next) ==> itls_pc_sm8_ok(st)) &&
  @   (st->integrity == ITLS_IP_TLS_YES ==> st->tls_bound == 1 && itls_pc_bound(st) &&
  @     itls_pc_after_sm8(next));
  @*/

/* what the commit asks of a transition: its state and each action it returns */
/*@ predicate pc_commit_ok{L}(struct itls_pc *st, struct itls_pc_event *ev, integer next,
  @     struct itls_pc_action *out, integer k) =
  @   pc_next_safe(st, next) && k <= ITLS_FSM_ROW_ACTS &&
  @   (k > 0 ==> pc_act_safe(st, ev, out + 0)) && (k > 1 ==> pc_act_safe(st, ev, out + 1)) &&
  @   (k > 2 ==> pc_act_safe(st, ev, out + 2)) && (k > 3 ==> pc_act_safe(st, ev, out + 3)) &&
  @   (k > 4 ==> pc_act_safe(st, ev, out + 4)) && (k > 5 ==> pc_act_safe(st, ev, out + 5));
  @*/

/* PC-20, SM7 over bound TLS or IPsec (the rows of sm6-sent on SM7 before them did not
 * match): what the first step (record-c_token) needs ... */
/*@ predicate pc_sm7_hdrs{L}(struct itls_pc *st, struct itls_pc_event *ev) =
  @   ev->kind == ITLS_PC_EV_SM7 && st->sm6_sent == 1 &&
  @   itls_pc_same_bytes((uint8_t *)ev->sec_verify, ev->sec_verify_len,
  @     &st->sec_server[0], st->sec_server_len) &&
  @   itls_pc_same_bytes((uint8_t *)ev->sec_client, ev->sec_client_len,
  @     &st->sec_client[0], st->sec_client_len) &&
  @   itls_pc_mech_of(ev->via) != ITLS_MECH_NONE && itls_pc_mech_of(ev->via) == st->agreed;
  @ predicate pc_sm7_pre{L}(struct itls_pc *st, struct itls_pc_event *ev) =
  @   pc_sm7_hdrs(st, ev) &&
  @   (st->stok_sent == 1 && (st->sm1_via == ITLS_TR_TLS || ev->via == ITLS_TR_TLS) ==>
  @     pc_ctok_verifies(st, ev)) &&
  @   (ev->via == ITLS_TR_TLS && st->cfg.mode == ITLS_TLS_CERT ==>
  @     pc_ctok_verifies(st, ev) && pc_cert_verifies(st, ev)) &&
  @   (ev->via == ITLS_TR_TLS && st->cfg.mode != ITLS_TLS_CERT ==>
  @     st->psk_ok == 1 && st->psk_run == st->aka_run);
  @ // ... what it leaves for the second (send-SM8)
  @ predicate pc_sm7_mid{L}(struct itls_pc *st, struct itls_pc_event *ev) =
  @   pc_sm7_hdrs(st, ev) &&
  @   st->sm7_via == ev->via && st->ctok_run == st->aka_run &&
  @   (itls_pc_ctok_due(st) ==> st->ctok_ok == 1) && itls_pc_ctok_link(st) &&
  @   (ev->via == ITLS_TR_TLS && st->cfg.mode == ITLS_TLS_CERT ==>
  @     st->ctok_ok == 1 && st->sm7_cert_ok == 1 && pc_cert_checks(st, ev)) &&
  @   (ev->via == ITLS_TR_TLS && st->cfg.mode != ITLS_TLS_CERT ==>
  @     st->psk_ok == 1 && st->psk_run == st->aka_run);
  @*/

/* what every step keeps: the data invariant */
/*@ predicate pc_step_inv{L}(struct itls_pc *st, struct itls_pc_event *ev) =
  @   st->sec_client_len <= ITLS_FSM_HDR_MAX && st->sec_server_len <= ITLS_FSM_HDR_MAX &&
  @   st->impi_len <= ITLS_FSM_NAME_MAX &&
  @   itls_pc_tr_ok(st->sm1_via) && itls_pc_tr_ok(st->sm7_via) &&
  @   (st->stok_sent == 1 ==> st->ue_tls == 1) &&
  @   itls_profile_ok(st->keys.profile) &&
  @   (st->cfg.mode == ITLS_TLS_CERT || st->cfg.mode == ITLS_TLS_PSK) &&
  @   itls_pc_mech_ok(st->agreed) &&
  @   st->agreed == itls_pc_pick(st->cfg.support, st->ue_offer, st->cfg.prefer_ipsec);
  @*/

/* PC-20: what steps leave alone (the run, its binding) */
/*@ predicate pc_keeps_ctok{L1,L2}(struct itls_pc *st) =
  @   \at(st->sm6_sent, L1) == \at(st->sm6_sent, L2) &&
  @   \at(st->stok_sent, L1) == \at(st->stok_sent, L2) &&
  @   \at(st->sm1_via, L1) == \at(st->sm1_via, L2) &&
  @   \at(st->sm7_via, L1) == \at(st->sm7_via, L2) &&
  @   \at(st->ctok_ok, L1) == \at(st->ctok_ok, L2) &&
  @   \at(st->ctok_run, L1) == \at(st->ctok_run, L2) &&
  @   \at(st->aka_run, L1) == \at(st->aka_run, L2);
  @ predicate pc_keeps_run{L1,L2}(struct itls_pc *st) =
  @   \at(st->sm6_sent, L1) == \at(st->sm6_sent, L2) &&
  @   \at(st->stok_sent, L1) == \at(st->stok_sent, L2) &&
  @   \at(st->sm1_via, L1) == \at(st->sm1_via, L2) &&
  @   \at(st->sm7_via, L1) == \at(st->sm7_via, L2) &&
  @   \at(st->ctok_ok, L1) == \at(st->ctok_ok, L2) &&
  @   \at(st->ctok_run, L1) == \at(st->ctok_run, L2) &&
  @   \at(st->aka_run, L1) == \at(st->aka_run, L2) &&
  @   \at(st->psk_ok, L1) == \at(st->psk_ok, L2) &&
  @   \at(st->psk_run, L1) == \at(st->psk_run, L2) &&
  @   \at(st->integrity, L1) == \at(st->integrity, L2);
  @*/

/* PC-13: the record is the outcome of the verification itself, of the c_token
 * received against the s_token sent, under this run's keys; PC-22: and whether
 * the s_token is over this connection's certificate */
/*@ requires \valid(st) && itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @ requires itls_profile_ok(st->keys.profile);
  @ requires pc_step_inv(st, ev);
  @ assigns st->sm7_via, st->c_token[0 .. ITLS_FSM_TOKEN_LEN - 1], st->ctok_ok, st->ctok_run,
  @   st->sm7_cert_ok;
  @ ensures st->sm7_via == ev->via;
  @ ensures pc_step_inv(st, ev);
  @ ensures st->ctok_run == st->aka_run;
  @ ensures st->ctok_ok == 0 || st->ctok_ok == 1;
  @ ensures st->sm7_cert_ok == 0 || st->sm7_cert_ok == 1;
  @ ensures st->ctok_ok == 1 <==> \old(pc_ctok_verifies(st, ev));
  @ ensures st->sm7_cert_ok == 1 <==> \old(pc_cert_verifies(st, ev));
  @ ensures itls_pc_ctok_link(st);
  @ ensures st->sm7_cert_ok == 1 ==> pc_cert_checks(st, ev);
  @ // PC-20: what send-SM8 needs next (pc_run, the rows that accept SM7)
  @ ensures \old(pc_sm7_pre(st, ev)) ==> pc_sm7_mid(st, ev);
  @*/
static void
pc_accept_ctoken(struct itls_pc *st, const struct itls_pc_event *ev)
{
	st->sm7_via = ev->via;
	pc_copy(st->c_token, ev->c_token, ITLS_FSM_TOKEN_LEN);
	/* the bytes the checks below read: the same as before the copy */
	/*@ assert itls_same(itls_mem(&st->c_token[0], ITLS_FSM_TOKEN_LEN),
	  @   \at(itls_mem((uint8_t *)&ev->c_token[0], ITLS_FSM_TOKEN_LEN), Pre)); */
	/*@ assert itls_same(itls_mem(&st->s_token[0], ITLS_FSM_TOKEN_LEN),
	  @   \at(itls_mem(&st->s_token[0], ITLS_FSM_TOKEN_LEN), Pre)); */
	/*@ assert itls_same(itls_mem(&st->keys.ik[0], 16), \at(itls_mem(&st->keys.ik[0], 16), Pre)); */
	/*@ assert itls_same(itls_mem(&st->keys.ck[0], 16), \at(itls_mem(&st->keys.ck[0], 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)ev->cert, ev->cert_len),
	  @   \at(itls_mem((uint8_t *)ev->cert, ev->cert_len), Pre)); */
	/*@ assert itls_mem(&st->s_token[0], ITLS_FSM_TOKEN_LEN) ==
	  @   \at(itls_mem(&st->s_token[0], ITLS_FSM_TOKEN_LEN), Pre); */
	/*@ assert itls_mem(&st->keys.ik[0], 16) == \at(itls_mem(&st->keys.ik[0], 16), Pre) &&
	  @   itls_mem(&st->keys.ck[0], 16) == \at(itls_mem(&st->keys.ck[0], 16), Pre); */
	/*@ assert itls_c_token_of(&st->keys, itls_mem(&st->s_token[0], ITLS_FSM_TOKEN_LEN)) ==
	  @   \at(itls_c_token_of(&st->keys, itls_mem(&st->s_token[0], ITLS_FSM_TOKEN_LEN)), Pre); */
	/*@ assert itls_s_token_of(&st->keys, itls_mem((uint8_t *)ev->cert, ev->cert_len)) ==
	  @   \at(itls_s_token_of(&st->keys, itls_mem((uint8_t *)ev->cert, ev->cert_len)), Pre); */
	/*@ assert itls_mem(&st->c_token[0], ITLS_FSM_TOKEN_LEN) ==
	  @   \at(itls_mem((uint8_t *)&ev->c_token[0], ITLS_FSM_TOKEN_LEN), Pre); */
	st->ctok_ok = (st->stok_sent == 1 && ev->has_ctoken
		&& itls_token_verify_client(&st->keys, st->s_token,
			st->c_token) == ITLS_OK) ? 1 : 0;
	st->ctok_run = st->aka_run;
	st->sm7_cert_ok = (st->stok_sent == 1
		&& itls_token_verify_server(&st->keys, ev->cert, ev->cert_len,
			st->s_token) == ITLS_OK) ? 1 : 0;
	/*@ assert \at(pc_sm7_pre(st, ev), Pre) ==> pc_sm7_hdrs(st, ev); */
}

/*@ requires \valid(st) && \valid(act) && \valid_read(f);
  @ requires itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @ requires \separated(st, act, f, ev);
  @ requires ev->kind == ITLS_PC_EV_SM1 ==> ev->sec_client_len <= ITLS_FSM_HDR_MAX &&
  @   ev->sec_server_len <= ITLS_FSM_HDR_MAX && ev->impi_len <= ITLS_FSM_NAME_MAX;
  @ requires pc_step_inv(st, ev);
  @ // the whole state: what a step leaves is in the ensures below (small frames, D-PR-5)
  @ assigns *st, *act;
  @ ensures act->kind == a;
  @ ensures pc_step_inv(st, ev);
  @ ensures itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @ ensures ev->kind == ITLS_PC_EV_SM1 ==> ev->sec_client_len <= ITLS_FSM_HDR_MAX &&
  @   ev->sec_server_len <= ITLS_FSM_HDR_MAX && ev->impi_len <= ITLS_FSM_NAME_MAX;
  @ ensures a == ITLS_PC_A_SEND_SM6 ==> st->sm6_sent == 1;
  @ ensures a != ITLS_PC_A_SEND_SM6 ==> st->sm6_sent == \old(st->sm6_sent);
  @ ensures a == ITLS_PC_A_SEND_SM6 && act->with_token == 1 ==>
  @   st->ue_tls == 1;
  @ ensures a == ITLS_PC_A_SEND_SM8 ==> act->integrity == ITLS_IP_TLS_YES ||
  @   act->integrity == ITLS_IP_YES;
  @ ensures a == ITLS_PC_A_SEND_SM8 && act->integrity == ITLS_IP_TLS_YES ==>
  @   st->sm7_via == ITLS_TR_TLS;
  @ ensures a == ITLS_PC_A_SEND_SM8 ==> act->mech == itls_pc_mech_of(ev->via);
  @ ensures a == ITLS_PC_A_NOTE_TLS_UP || a == ITLS_PC_A_NOTE_TLS_DOWN ||
  @   a == ITLS_PC_A_REFUSE || a == ITLS_PC_A_SEND_SM12 ==> pc_keeps_run{Pre, Post}(st);
  @ ensures a == ITLS_PC_A_NOTE_TLS_DOWN || a == ITLS_PC_A_REFUSE ||
  @   a == ITLS_PC_A_SEND_SM12 || (a == ITLS_PC_A_NOTE_TLS_UP && ev->resumed != 0) ==>
  @   st->tls_bound == \old(st->tls_bound);
  @ ensures a == ITLS_PC_A_ABORT || a == ITLS_PC_A_FORWARD_REJECT ==>
  @   st->integrity == ITLS_IP_NO;
  @ // PC-20, rows of several steps (pc_run): what each step leaves for the next one
  @ ensures a == ITLS_PC_A_SEND_SM2 || a == ITLS_PC_A_LOAD_KEYS ==>
  @   st->integrity != ITLS_IP_TLS_YES;
  @ ensures a == ITLS_PC_A_STORE_SM1 || a == ITLS_PC_A_STRIP_KEYS ||
  @   a == ITLS_PC_A_MAKE_STOKEN || a == ITLS_PC_A_MAKE_PSK || a == ITLS_PC_A_SEND_SM6 ==>
  @   st->integrity == \old(st->integrity);
  @ ensures a == ITLS_PC_A_NOTE_TLS_UP ==> st->has_psk == \old(st->has_psk);
  @ ensures a == ITLS_PC_A_ACCEPT_PSK ==> pc_keeps_ctok{Pre, Post}(st) &&
  @   st->psk_run == st->aka_run && st->tls_bound == st->psk_ok &&
  @   (ev->psk != 0 && \old(st->has_psk) != 0 ==> st->psk_ok == 1) &&
  @   (st->integrity == ITLS_IP_TLS_YES ==> st->psk_ok == 1) &&
  @   (\old(st->integrity) != ITLS_IP_TLS_YES ==> st->integrity != ITLS_IP_TLS_YES);
  @ ensures a == ITLS_PC_A_UNBIND ==> pc_keeps_ctok{Pre, Post}(st) &&
  @   st->psk_ok == \old(st->psk_ok) && st->psk_run == \old(st->psk_run) &&
  @   st->tls_bound == 0 && st->integrity != ITLS_IP_TLS_YES;
  @ ensures a == ITLS_PC_A_ACCEPT_CTOKEN && \old(pc_sm7_pre(st, ev)) ==> pc_sm7_mid(st, ev);
  @ ensures a == ITLS_PC_A_SEND_SM8 && \old(pc_sm7_mid(st, ev)) ==>
  @   pc_next_safe(st, ITLS_PC_SM8_SENT) && pc_act_safe(st, ev, act);
  @*/
static void
pc_do(struct itls_pc *st, const struct itls_pc_event *ev,
	const struct pc_facts *f, enum itls_pc_guard g, enum itls_pc_act a,
	struct itls_pc_action *act)
{
	/* record-c_token first, before anything else is written (PC-13, PC-22) */
	if (a == ITLS_PC_A_ACCEPT_CTOKEN) {
		pc_accept_ctoken(st, ev);
	}
	act->kind = a;
	act->mech = ITLS_MECH_NONE;
	act->integrity = ITLS_IP_NO;
	act->with_token = 0;
	act->reason = ITLS_OK;
	switch (a) {
	case ITLS_PC_A_NOTE_TLS_UP:
		st->tls_up = 1;
		/* PC-17: a resumed session keeps its binding, a new one has none */
		if (!ev->resumed) {
			st->tls_bound = 0;
		}
		break;
	case ITLS_PC_A_NOTE_TLS_DOWN:
		st->tls_up = 0;
		break;
	case ITLS_PC_A_STORE_SM1:
		st->sm1_via = ev->via;
		st->ue_offer = ev->ue_offer & (ITLS_OFFER_TLS | ITLS_OFFER_IPSEC);
		st->ue_tls = (ev->ue_offer & ITLS_OFFER_TLS) != 0 ? 1 : 0;
		/* PC-21: the mechanism SM7 will have to use */
		st->agreed = pc_pick(st->cfg.support, st->ue_offer, st->cfg.prefer_ipsec);
		st->stok_sent = 0;
		if (ev->kind == ITLS_PC_EV_SM1) {
			pc_copy(st->sec_client, ev->sec_client, ev->sec_client_len);
			st->sec_client_len = ev->sec_client_len;
			pc_copy(st->sec_server, ev->sec_server, ev->sec_server_len);
			st->sec_server_len = ev->sec_server_len;
			pc_copy(st->impi, ev->impi, ev->impi_len);
			st->impi_len = ev->impi_len;
		}
		break;
	case ITLS_PC_A_SEND_SM2:
		/* PC-03: TS 24.229 §5.2.2 */
		st->integrity = st->sm1_via == ITLS_TR_TLS ? ITLS_IP_TLS_PENDING
			: ITLS_IP_NO;
		act->integrity = st->integrity;
		break;
	case ITLS_PC_A_LOAD_KEYS:
		if (st->aka_run < UINT32_MAX) {
			st->aka_run++;
		}
		st->ctok_ok = 0;
		st->psk_ok = 0;
		st->has_psk = 0;
		st->stok_sent = 0;
		st->tls_bound = 0;
		st->sm7_cert_ok = 0;
		if (st->integrity == ITLS_IP_TLS_YES) {
			st->integrity = ITLS_IP_TLS_PENDING;
		}
		pc_copy(st->keys.ik, ev->ik, ITLS_FSM_KEY_LEN);
		pc_copy(st->keys.ck, ev->ck, ITLS_FSM_KEY_LEN);
		break;
	case ITLS_PC_A_STRIP_KEYS:
		/* PC-05: the UE never sees ck, ik (itls/authparam.h builds SM6) */
		break;
	case ITLS_PC_A_MAKE_STOKEN:
		/* PC-06, PC-07 */
		st->ctok_ok = 0;
		st->sm7_cert_ok = 0;
		if (f->stok_made && st->ue_tls == 1) {
			pc_copy(st->s_token, f->s_token, ITLS_FSM_TOKEN_LEN);
			st->stok_sent = 1;
		}
		break;
	case ITLS_PC_A_MAKE_PSK:
		pc_make_psk(st);
		break;
	case ITLS_PC_A_SEND_SM6:
		/* PC-08: with Security-Server; s_token only when made (PC-07) */
		st->sm6_sent = 1;
		act->with_token = st->stok_sent == 1 ? 1 : 0;
		break;
	case ITLS_PC_A_ACCEPT_CTOKEN:
		/* PC-13: the record is the outcome of the verification itself, of
		 * the c_token received against the s_token sent, under this run's keys
		 * (pc_accept_ctoken, above) */
		break;
	case ITLS_PC_A_ACCEPT_PSK:
		st->psk_ok = (ev->psk && st->has_psk) ? 1 : 0;
		st->psk_run = st->aka_run;
		/* PC-16: a handshake with this run's PSK is bound to the run */
		st->tls_bound = st->psk_ok;
		if (st->psk_ok != 1 && st->integrity == ITLS_IP_TLS_YES) {
			st->integrity = ITLS_IP_TLS_PENDING;
		}
		break;
	case ITLS_PC_A_SEND_SM8:
		/* PC-14 */
		st->sm7_via = ev->via;
		if (ev->via == ITLS_TR_TLS) {
			st->mech = ITLS_MECH_TLS;
			st->integrity = ITLS_IP_TLS_YES;
			st->tls_bound = 1;
		} else {
			st->mech = ev->via == ITLS_TR_IPSEC ? ITLS_MECH_IPSEC
				: ITLS_MECH_NONE;
			st->integrity = ITLS_IP_YES;
		}
		act->mech = st->mech;
		act->integrity = st->integrity;
		break;
	case ITLS_PC_A_SEND_SM12:
		act->mech = st->mech;
		break;
	case ITLS_PC_A_REFUSE:
		act->reason = ITLS_ERR_NOT_ALLOWED;
		st->reason = ITLS_ERR_NOT_ALLOWED;
		break;
	case ITLS_PC_A_UNBIND:
		/* PC-17: not tls-yes any more; the UE must register again */
		st->tls_bound = 0;
		if (st->integrity == ITLS_IP_TLS_YES) {
			st->integrity = ITLS_IP_TLS_PENDING;
		}
		act->reason = ITLS_ERR_TLS_UNBOUND;
		st->reason = ITLS_ERR_TLS_UNBOUND;
		break;
	case ITLS_PC_A_FORWARD_REJECT:
		st->reason = ITLS_ERR_NOT_ALLOWED;
		act->reason = ITLS_ERR_NOT_ALLOWED;
		pc_wipe_keys(st);
		break;
	case ITLS_PC_A_ABORT:
		act->reason = pc_abort_reason(g);
		st->reason = act->reason;
		pc_wipe_keys(st);
		break;
	default:
		break;
	}
}

/* ---- the safety check (PC-15, PC-20) -------------------------------------------------- */

/*@ requires \valid_read(st);
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 <==> itls_pc_sm8_ok(st);
  @*/
static int
pc_sm8_ok(const struct itls_pc *st)
{
	int due = st->stok_sent == 1
		&& (st->sm1_via == ITLS_TR_TLS || st->sm7_via == ITLS_TR_TLS);
	int bound = (st->ctok_ok == 1 && st->ctok_run == st->aka_run)
		|| (st->psk_ok == 1 && st->psk_run == st->aka_run);

	if (st->sm6_sent != 1) {
		return 0;
	}
	if (due && !(st->ctok_ok == 1 && st->ctok_run == st->aka_run)) {
		return 0;
	}
	if (st->sm7_via == ITLS_TR_TLS && !bound) {
		return 0;
	}
	return 1;
}

/*@ requires \valid_read(st);
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 <==> itls_pc_bound(st);
  @*/
static int
pc_bound(const struct itls_pc *st)
{
	return ((st->ctok_ok == 1 && st->ctok_run == st->aka_run)
		|| (st->psk_ok == 1 && st->psk_run == st->aka_run)) ? 1 : 0;
}

/*@ requires \valid_read(st) && itls_pc_event_ok(ev);
  @ requires itls_profile_ok(st->keys.profile);
  @ requires st->sec_client_len <= ITLS_FSM_HDR_MAX && st->sec_server_len <= ITLS_FSM_HDR_MAX;
  @ requires \valid_read(a);
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 <==> pc_act_safe(st, ev, a);
  @ ensures pc_act_plain(a) ==> \result == 1;
  @*/
static int
pc_act_ok(const struct itls_pc *st, const struct itls_pc_event *ev,
	const struct itls_pc_action *a)
{
	int cert = st->cfg.mode == ITLS_TLS_CERT;

	if (a->kind == ITLS_PC_A_SEND_SM8) {
		enum itls_mech via_mech = ev->via == ITLS_TR_TLS ? ITLS_MECH_TLS
			: (ev->via == ITLS_TR_IPSEC ? ITLS_MECH_IPSEC : ITLS_MECH_NONE);
		if (!pc_sm8_ok(st) || ev->kind != ITLS_PC_EV_SM7) {
			return 0;
		}
		/* PC-10, PC-11 */
		if (!pc_same(ev->sec_verify, ev->sec_verify_len, st->sec_server,
			st->sec_server_len) || !pc_same(ev->sec_client,
			ev->sec_client_len, st->sec_client, st->sec_client_len)) {
			return 0;
		}
		/* PC-21 */
		if (a->mech == ITLS_MECH_NONE || a->mech != st->agreed
			|| a->mech != via_mech) {
			return 0;
		}
		if (a->mech == ITLS_MECH_TLS && cert
			&& !(st->ctok_ok == 1 && st->ctok_run == st->aka_run)) {
			return 0;
		}
		/* PC-13: the recorded c_token is that of the s_token sent */
		if (st->stok_sent == 1 && (st->sm1_via == ITLS_TR_TLS
			|| st->sm7_via == ITLS_TR_TLS) && st->ctok_ok == 1
			&& itls_token_verify_client(&st->keys, st->s_token,
				st->c_token) != ITLS_OK) {
			return 0;
		}
		/* PC-14, PC-22 */
		if (a->integrity == ITLS_IP_TLS_YES
			&& !((pc_bound(st) && st->tls_bound == 1)
				&& (!cert || (st->sm7_cert_ok == 1
					&& itls_token_verify_server(&st->keys, ev->cert,
						ev->cert_len, st->s_token) == ITLS_OK)))) {
			return 0;
		}
	}
	/* PC-17 */
	if (a->kind == ITLS_PC_A_UNBIND && (st->tls_bound != 0
		|| st->integrity == ITLS_IP_TLS_YES)) {
		return 0;
	}
	/* PC-07 */
	if (a->kind == ITLS_PC_A_SEND_SM6 && a->with_token == 1 && st->ue_tls != 1) {
		return 0;
	}
	return 1;
}

/*@ requires \valid_read(st) && itls_pc_event_ok(ev);
  @ requires itls_profile_ok(st->keys.profile);
  @ requires st->sec_client_len <= ITLS_FSM_HDR_MAX && st->sec_server_len <= ITLS_FSM_HDR_MAX;
  @ requires \valid_read(out + (0 .. k - 1));
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 ==>
  @   (\forall integer i; 0 <= i < k ==> pc_act_safe(st, ev, out + i));
  @ ensures (\forall integer i; 0 <= i < k ==> pc_act_plain(out + i)) ==> \result == 1;
  @ ensures (\forall integer i; 0 <= i < k ==> pc_act_safe(st, ev, out + i)) ==> \result == 1;
  @*/
static int
pc_actions_safe(const struct itls_pc *st, const struct itls_pc_event *ev,
	const struct itls_pc_action *out, size_t k)
{
	size_t i;

	/*@ loop invariant 0 <= i <= k;
	  @ loop invariant \forall integer j; 0 <= j < i ==> pc_act_safe(st, ev, out + j);
	  @ loop assigns i;
	  @ loop variant k - i;
	  @*/
	for (i = 0; i < k; i++) {
		if (!pc_act_ok(st, ev, &out[i])) {
			return 0;
		}
	}
	return 1;
}

/*@ requires \valid_read(st);
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 <==> pc_next_safe(st, next);
  @*/
static int
pc_state_safe(const struct itls_pc *st, enum itls_pc_state next)
{
	if ((int)next < 0 || (int)next >= (int)ITLS_PC_STATE_COUNT) {
		return 0;
	}
	if ((next == ITLS_PC_SM6_SENT || next == ITLS_PC_SM8_SENT
		|| next == ITLS_PC_REGISTERED) && st->sm6_sent != 1) {
		return 0;
	}
	if ((next == ITLS_PC_SM8_SENT || next == ITLS_PC_REGISTERED)
		&& !pc_sm8_ok(st)) {
		return 0;
	}
	/* PC-17: tls-yes only while bound, and only once SM8 went out */
	if (st->integrity == ITLS_IP_TLS_YES
		&& !(st->tls_bound == 1 && pc_bound(st)
			&& (next == ITLS_PC_SM8_SENT || next == ITLS_PC_REGISTERED))) {
		return 0;
	}
	return 1;
}

/* ---- table access ------------------------------------------------------------- */

/* row q matches (state, event) and its guard holds */
/*@ predicate pc_row_taken{L}(struct itls_pc *st, struct itls_pc_event *ev,
  @     struct pc_facts *f, integer q) =
  @   itls_pc_table[q].state == st->state && itls_pc_table[q].event == ev->kind &&
  @   pc_guard_holds(st, ev, f, itls_pc_table[q].guard);
  @*/

/* the first row of (state, event) whose guard holds; PC_TABLE_LEN when none */
/*@ requires \valid_read(st) && itls_pc_inv(st);
  @ requires itls_pc_event_ok(ev);
  @ requires \valid_read(f);
  @ assigns \nothing;
  @ ensures 0 <= \result <= PC_TABLE_LEN;
  @ ensures \result < PC_TABLE_LEN ==> pc_row_taken(st, ev, f, \result);
  @ ensures \forall integer q; 0 <= q < \result ==> !pc_row_taken(st, ev, f, q);
  @*/
static size_t
pc_lookup(const struct itls_pc *st, const struct itls_pc_event *ev,
	const struct pc_facts *f)
{
	size_t r;

	/*@ loop invariant 0 <= r <= PC_TABLE_LEN;
	  @ loop invariant \forall integer q; 0 <= q < r ==> !pc_row_taken(st, ev, f, q);
	  @ loop assigns r;
	  @ loop variant PC_TABLE_LEN - r;
	  @*/
	for (r = 0; r < PC_TABLE_LEN; r++) {
		if (itls_pc_table[r].state == st->state
			&& itls_pc_table[r].event == ev->kind
			&& pc_guard(st, ev, f, itls_pc_table[r].guard)) {
			return r;
		}
	}
	return PC_TABLE_LEN;
}

/*
 * PC-20, what the proof uses of the table itself: a row of one step either
 * stays in its state (or goes from sm8-sent to registered) with a step that
 * keeps the run (a new handshake only where nothing is tls-yes, or resumed),
 * or aborts to `failed`; the rows of several steps are those of
 * itls_pc_multi_step.
 */
/*@ predicate pc_one_step(integer a0, integer a1) =
  @   a0 != ITLS_PC_A_NONE && a1 == ITLS_PC_A_NONE;
  @ predicate pc_shape_ok(integer s, integer e, integer next, integer g,
  @     integer a0, integer a1) =
  @   itls_pc_state_ok(next) &&
  @   (pc_one_step(a0, a1) ==>
  @     ((next == s || (s == ITLS_PC_SM8_SENT && next == ITLS_PC_REGISTERED)) &&
  @      (a0 == ITLS_PC_A_NOTE_TLS_DOWN || a0 == ITLS_PC_A_REFUSE ||
  @       a0 == ITLS_PC_A_SEND_SM12 || (a0 == ITLS_PC_A_NOTE_TLS_UP &&
  @         (s == ITLS_PC_IDLE || s == ITLS_PC_SM6_SENT || g == ITLS_PC_G_RESUMED)))) ||
  @     (next == ITLS_PC_FAILED && (a0 == ITLS_PC_A_ABORT || a0 == ITLS_PC_A_FORWARD_REJECT))) &&
  @   (!pc_one_step(a0, a1) ==> itls_pc_multi_step(s, e));
  @ predicate pc_row_shape_ok{L}(integer r) =
  @   pc_shape_ok(itls_pc_table[r].state, itls_pc_table[r].event, itls_pc_table[r].next,
  @     itls_pc_table[r].guard, itls_pc_table[r].steps[0], itls_pc_table[r].steps[1]);
  @*/

/* PC-20: the rows of several steps, by their steps (pc_run proves each kind) */
/*@ predicate pc_cls_sm1(integer e, integer next, integer a0, integer a1, integer a2) =
  @   e == ITLS_PC_EV_SM1 && next == ITLS_PC_SM2_SENT &&
  @   a0 == ITLS_PC_A_STORE_SM1 && a1 == ITLS_PC_A_SEND_SM2 && a2 == ITLS_PC_A_NONE;
  @ predicate pc_cls_sm5(integer e, integer next, integer a0, integer a1, integer a2,
  @     integer a3, integer a4) =
  @   e == ITLS_PC_EV_SM5 && next == ITLS_PC_SM6_SENT &&
  @   a0 == ITLS_PC_A_LOAD_KEYS && a1 == ITLS_PC_A_STRIP_KEYS &&
  @   ((a2 == ITLS_PC_A_SEND_SM6 && a3 == ITLS_PC_A_NONE) ||
  @    ((a2 == ITLS_PC_A_MAKE_STOKEN || a2 == ITLS_PC_A_MAKE_PSK) &&
  @     a3 == ITLS_PC_A_SEND_SM6 && a4 == ITLS_PC_A_NONE));
  @ predicate pc_cls_psk(integer s, integer e, integer next, integer g, integer a0,
  @     integer a1, integer a2) =
  @   e == ITLS_PC_EV_TLS_UP && g == ITLS_PC_G_PSK_OK && next == s &&
  @   (s == ITLS_PC_SM6_SENT || s == ITLS_PC_REGISTERED) &&
  @   a0 == ITLS_PC_A_NOTE_TLS_UP && a1 == ITLS_PC_A_ACCEPT_PSK && a2 == ITLS_PC_A_NONE;
  @ predicate pc_cls_unbind(integer s, integer e, integer next, integer a0, integer a1,
  @     integer a2) =
  @   e == ITLS_PC_EV_TLS_UP && s == ITLS_PC_REGISTERED && next == s &&
  @   a0 == ITLS_PC_A_NOTE_TLS_UP && a1 == ITLS_PC_A_UNBIND && a2 == ITLS_PC_A_NONE;
  @ predicate pc_cls_sm7(integer s, integer e, integer next, integer a0, integer a1,
  @     integer a2) =
  @   e == ITLS_PC_EV_SM7 && s == ITLS_PC_SM6_SENT && next == ITLS_PC_SM8_SENT &&
  @   a0 == ITLS_PC_A_ACCEPT_CTOKEN && a1 == ITLS_PC_A_SEND_SM8 && a2 == ITLS_PC_A_NONE;
  @ predicate pc_multi_ok(integer s, integer e, integer next, integer g, integer a0,
  @     integer a1, integer a2, integer a3, integer a4) =
  @   pc_cls_sm1(e, next, a0, a1, a2) || pc_cls_sm5(e, next, a0, a1, a2, a3, a4) ||
  @   pc_cls_psk(s, e, next, g, a0, a1, a2) || pc_cls_unbind(s, e, next, a0, a1, a2) ||
  @   pc_cls_sm7(s, e, next, a0, a1, a2);
  @ predicate pc_row_multi_ok{L}(integer r) =
  @   !pc_one_step(itls_pc_table[r].steps[0], itls_pc_table[r].steps[1]) ==>
  @   pc_multi_ok(itls_pc_table[r].state, itls_pc_table[r].event, itls_pc_table[r].next,
  @     itls_pc_table[r].guard, itls_pc_table[r].steps[0], itls_pc_table[r].steps[1],
  @     itls_pc_table[r].steps[2], itls_pc_table[r].steps[3], itls_pc_table[r].steps[4]);
  @ // the rows that accept SM7 come after the eight that refuse it (17 .. 24)
  @ predicate pc_row_sm7_ok{L}(integer r) =
  @   itls_pc_table[r].state == ITLS_PC_SM6_SENT && itls_pc_table[r].event == ITLS_PC_EV_SM7 &&
  @   itls_pc_table[r].next == ITLS_PC_SM8_SENT ==> r == 25 || r == 26;
  @*/

/* a lemma about the table, proved row by row (the assertion lists the rows) */
/*@ requires r < PC_TABLE_LEN;
  @ assigns \nothing;
  @ ensures pc_row_shape_ok(r);
  @ ensures pc_row_multi_ok(r);
  @ ensures pc_row_sm7_ok(r);
  @*/
static void
pc_table_facts(size_t r)
{
	/*@ assert pc_rows: r == 0 || r == 1 || r == 2 || r == 3 || r == 4 || r == 5 || r == 6 || r == 7 ||
	  @   r == 8 || r == 9 || r == 10 || r == 11 || r == 12 || r == 13 || r == 14 || r == 15 ||
	  @   r == 16 || r == 17 || r == 18 || r == 19 || r == 20 || r == 21 || r == 22 || r == 23 ||
	  @   r == 24 || r == 25 || r == 26 || r == 27 || r == 28 || r == 29 || r == 30 || r == 31 ||
	  @   r == 32 || r == 33 || r == 34 || r == 35 || r == 36 || r == 37 || r == 38 || r == 39; */
	(void)r;
}

/*
 * PC-20, SM7 accepted: the rows of sm6-sent on SM7 that accept it (over bound TLS,
 * over IPsec) come after the eight that refuse it, none of whose guards held; so
 * what the first steps of those rows need holds (a lemma: no code).
 */
/*@ requires r < PC_TABLE_LEN;
  @ requires \valid_read(st) && itls_pc_inv(st);
  @ requires itls_pc_event_ok(ev) && \valid_read(f);
  @ requires pc_row_taken(st, ev, f, r);
  @ requires \forall integer q; 0 <= q < r ==> !pc_row_taken(st, ev, f, q);
  @ requires ev->kind == ITLS_PC_EV_SM7 ==> pc_sm7_facts_means(f, st, ev);
  @ assigns \nothing;
  @ behavior sm7:
  @   assumes st->state == ITLS_PC_SM6_SENT && ev->kind == ITLS_PC_EV_SM7 &&
  @     itls_pc_table[r].next == ITLS_PC_SM8_SENT;
  @   ensures pc_sm7_pre(st, ev);
  @*/
static void
pc_sm7_passed(const struct itls_pc *st, const struct itls_pc_event *ev,
	const struct pc_facts *f, size_t r)
{
	pc_table_facts(r);
	/*@ for sm7: assert itls_pc_table[r].state == ITLS_PC_SM6_SENT &&
	  @   itls_pc_table[r].event == ITLS_PC_EV_SM7; */
	/*@ for sm7: assert r == 25 || r == 26; */
	/*@ for sm7: assert !pc_row_taken(st, ev, f, 17) && !pc_row_taken(st, ev, f, 18) &&
	  @   !pc_row_taken(st, ev, f, 19) && !pc_row_taken(st, ev, f, 20) &&
	  @   !pc_row_taken(st, ev, f, 21) && !pc_row_taken(st, ev, f, 22) &&
	  @   !pc_row_taken(st, ev, f, 23) && !pc_row_taken(st, ev, f, 24); */
	/*@ for sm7: assert !pc_guard_holds(st, ev, f, ITLS_PC_G_UNPROTECTED) &&
	  @   !pc_guard_holds(st, ev, f, ITLS_PC_G_VERIFY_MISMATCH) &&
	  @   !pc_guard_holds(st, ev, f, ITLS_PC_G_CLIENT_MISMATCH) &&
	  @   !pc_guard_holds(st, ev, f, ITLS_PC_G_NOT_AGREED) &&
	  @   !pc_guard_holds(st, ev, f, ITLS_PC_G_NO_CTOKEN) &&
	  @   !pc_guard_holds(st, ev, f, ITLS_PC_G_BAD_CTOKEN) &&
	  @   !pc_guard_holds(st, ev, f, ITLS_PC_G_CERT_MISMATCH) &&
	  @   !pc_guard_holds(st, ev, f, ITLS_PC_G_TLS_UNBOUND); */
	/*@ for sm7: assert ev->via != ITLS_TR_PLAIN && f->verify_match == 1 &&
	  @   f->client_match == 1 && itls_pc_mech_of(ev->via) == st->agreed; */
	/*@ for sm7: assert pc_sm7_hdrs(st, ev); */
	/*@ for sm7: assert pc_due(st, ev) ==> ev->has_ctoken != 0 && f->ctok_valid == 1; */
	/*@ for sm7: assert ev->via == ITLS_TR_TLS ==> pc_bound_now(st, f); */
	(void)st;
	(void)ev;
	(void)f;
}

/* the row to take: its index (PC_TABLE_LEN when none) and what the proof of its steps needs */
/*@ requires \valid_read(st) && itls_pc_inv(st);
  @ requires itls_pc_event_ok(ev);
  @ requires \valid_read(f);
  @ requires ev->kind == ITLS_PC_EV_SM7 ==> pc_sm7_facts_means(f, st, ev);
  @ assigns \nothing;
  @ ensures \result <= PC_TABLE_LEN;
  @ ensures \result < PC_TABLE_LEN ==> pc_row_taken(st, ev, f, \result);
  @ ensures \result < PC_TABLE_LEN && st->state == ITLS_PC_SM6_SENT &&
  @   ev->kind == ITLS_PC_EV_SM7 && itls_pc_table[\result].next == ITLS_PC_SM8_SENT ==>
  @   pc_sm7_pre(st, ev);
  @*/
static size_t
pc_find(const struct itls_pc *st, const struct itls_pc_event *ev,
	const struct pc_facts *f)
{
	size_t r = pc_lookup(st, ev, f);

	if (r < PC_TABLE_LEN) {
		pc_sm7_passed(st, ev, f, r);
	}
	return r;
}

/*
 * Commit a transition: the row's next state when the safety check holds,
 * else `failed` with one ABORT (not-allowed) replacing the actions.
 */
/*@ requires \valid(st) && itls_pc_inv_data(st);
  @ requires itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @ requires \valid(out + (0 .. ITLS_FSM_MAX_ACTIONS - 1)) && \valid(n);
  @ requires \separated(st, out + (0 .. ITLS_FSM_MAX_ACTIONS - 1), n);
  @ requires \separated(n, out + (0 .. ITLS_FSM_MAX_ACTIONS - 1));
  @ requires \separated(n, ev);
  @ requires \separated(out + (0 .. ITLS_FSM_MAX_ACTIONS - 1),
  @   ev->sec_client + (0 .. ev->sec_client_len - 1),
  @   ev->sec_verify + (0 .. ev->sec_verify_len - 1), ev->cert + (0 .. ev->cert_len - 1));
  @ requires k <= ITLS_FSM_ROW_ACTS;
  @ // PC-20: the row's steps left what the check asks (pc_apply proves it of every row)
  @ requires pc_commit_ok(st, ev, next, out, k);
  @ assigns st->state, st->last_row, st->reason, st->keys.ik[0 .. 15],
  @   st->keys.ck[0 .. 15], st->psk[0 .. 31], st->has_psk, st->ctok_ok, st->psk_ok,
  @   st->tls_bound, st->integrity, st->sm7_cert_ok, out[0], *n;
  @ ensures itls_pc_inv(st);
  @ ensures 0 <= *n <= k || *n == 1;
  @ ensures *n <= ITLS_FSM_MAX_ACTIONS;
  @ ensures \forall integer i; 0 <= i < *n ==> pc_act_safe(st, ev, out + i);
  @ ensures st->last_row == r && st->state == next && *n == k;
  @ // the named clauses of itls_pc_step (each defined once, in itls/pcscf.h)
  @ ensures itls_pc_sm8_gated(st, out, *n);
  @ ensures itls_pc_sm8_ctok(st, out, *n);
  @ ensures itls_pc_sm8_verify(st, ev, out, *n);
  @ ensures itls_pc_sm8_client(st, ev, out, *n);
  @ ensures itls_pc_sm8_agreed(st, ev, out, *n);
  @ ensures itls_pc_sm8_tls_bound(st, out, *n);
  @ ensures itls_pc_sm8_cert_bound(st, ev, out, *n);
  @ ensures itls_pc_tls_yes_bound(st);
  @ ensures itls_pc_unbind_ok(st, out, *n);
  @ ensures itls_pc_token_to_tls(st, out, *n);
  @*/
static void
pc_commit(struct itls_pc *st, const struct itls_pc_event *ev,
	enum itls_pc_state next, size_t r, struct itls_pc_action *out, size_t k,
	size_t *n)
{
	int safe;

	/*@ assert \forall integer i; 0 <= i < k ==> pc_act_safe(st, ev, out + i); */
	/* the state is written first, so that the checks read the final state */
	st->state = next;
	st->last_row = r;
	*n = k;
	/*@ assert itls_pc_inv_data(st); */
	/*@ assert pc_next_safe(st, next); */
	/*@ assert \forall integer i; 0 <= i < k ==> pc_act_safe(st, ev, out + i); */
	safe = pc_state_safe(st, next);
	if (safe) {
		safe = pc_actions_safe(st, ev, out, k);
	}
	/* PC-20: the check is defence in depth; the row's steps left what it asks, so it
	 * passes and the fallback below never runs */
	/*@ check PC_20: safe == 1; */
	if (safe) {
		/*@ assert itls_pc_inv_state(st); */
		return;
	}
	/* the actions first, then the state: the invariant is the last thing shown */
	out[0].kind = ITLS_PC_A_ABORT;
	out[0].mech = ITLS_MECH_NONE;
	out[0].integrity = ITLS_IP_NO;
	out[0].with_token = 0;
	out[0].reason = ITLS_ERR_NOT_ALLOWED;
	*n = 1;
	pc_wipe_keys(st);
	/*@ assert itls_pc_inv_data(st); */
	st->state = ITLS_PC_FAILED;
	st->reason = ITLS_ERR_NOT_ALLOWED;
	st->last_row = PC_TABLE_LEN;
	/*@ assert itls_pc_inv_state(st); */
	/*@ assert out[0].kind == ITLS_PC_A_ABORT && *n == 1; */
}

/* ---- the machine -------------------------------------------------------------------- */

/* see itls/pcscf.h */
enum itls_err
itls_pc_init(struct itls_pc *st, const struct itls_pc_config *cfg)
{
	st->last_row = PC_TABLE_LEN;
	st->tls_up = 0;
	st->tls_bound = 0;
	st->ue_offer = 0;
	st->ue_tls = 0;
	st->aka_run = 0;
	st->stok_sent = 0;
	st->sm6_sent = 0;
	st->ctok_ok = 0;
	st->ctok_run = 0;
	st->psk_ok = 0;
	st->psk_run = 0;
	st->has_psk = 0;
	st->sec_client_len = 0;
	st->sec_server_len = 0;
	st->impi_len = 0;
	pc_zero(st->keys.ik, ITLS_FSM_KEY_LEN);
	pc_zero(st->keys.ck, ITLS_FSM_KEY_LEN);
	pc_zero(st->s_token, ITLS_FSM_TOKEN_LEN);
	pc_zero(st->c_token, ITLS_FSM_TOKEN_LEN);
	pc_zero(st->psk, ITLS_FSM_PSK_LEN);
	st->sm7_cert_ok = 0;
	st->state = ITLS_PC_IDLE;
	st->sm1_via = ITLS_TR_PLAIN;
	st->sm7_via = ITLS_TR_PLAIN;
	st->mech = ITLS_MECH_NONE;
	st->integrity = ITLS_IP_NO;
	st->reason = ITLS_OK;
	st->cfg.support = cfg->support & (ITLS_OFFER_TLS | ITLS_OFFER_IPSEC);
	st->cfg.mode = cfg->mode == ITLS_TLS_PSK ? ITLS_TLS_PSK : ITLS_TLS_CERT;
	st->cfg.kdf_tokens = cfg->kdf_tokens ? 1 : 0;
	st->cfg.prefer_ipsec = cfg->prefer_ipsec ? 1 : 0;
	st->keys.profile = st->cfg.kdf_tokens ? ITLS_TOKEN_KDF : ITLS_TOKEN_HMAC;
	/* PC-21: nothing offered yet, nothing agreed */
	st->agreed = pc_pick(st->cfg.support, st->ue_offer, st->cfg.prefer_ipsec);
	if (st->cfg.support == 0) {
		st->state = ITLS_PC_FAILED;
		st->reason = ITLS_ERR_NOT_ALLOWED;
	}
	st->sm6_sent = 0;
	st->ctok_ok = 0;
	st->psk_ok = 0;
	/*@ assert st->sm6_sent == 0 && st->ctok_ok == 0 && st->psk_ok == 0; */
	/*@ assert itls_pc_inv_data(st); */
	/*@ assert itls_pc_inv_state(st); */
	return st->cfg.support == 0 ? ITLS_ERR_NOT_ALLOWED : ITLS_OK;
}

/*
 * PC-20: the steps a0 .. a5 of a row of several steps, in the table's order up to
 * its first `-`, each appending its action. Proved, for each kind of such row
 * (pc_multi_ok), to leave what the check at commit asks.
 */
/*@ requires \valid(st) && \valid_read(f);
  @ requires itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @ requires \separated(st, f, ev);
  @ requires \valid(out + (0 .. ITLS_FSM_ROW_ACTS - 1));
  @ requires \separated(out + (0 .. ITLS_FSM_ROW_ACTS - 1), st, f, ev);
  @ requires ev->kind == ITLS_PC_EV_SM1 ==> ev->sec_client_len <= ITLS_FSM_HDR_MAX &&
  @   ev->sec_server_len <= ITLS_FSM_HDR_MAX && ev->impi_len <= ITLS_FSM_NAME_MAX;
  @ requires pc_step_inv(st, ev) && itls_pc_inv_state(st);
  @ requires g == ITLS_PC_G_PSK_OK ==> ev->psk != 0 && st->has_psk != 0;
  @ requires pc_multi_ok(st->state, ev->kind, next, g, a0, a1, a2, a3,
  @   a4);
  @ requires st->state == ITLS_PC_SM6_SENT && ev->kind == ITLS_PC_EV_SM7 &&
  @   next == ITLS_PC_SM8_SENT ==> pc_sm7_pre(st, ev);
  @ assigns *st, out[0 .. ITLS_FSM_ROW_ACTS - 1];
  @ ensures 0 <= \result <= ITLS_FSM_ROW_ACTS;
  @ behavior sm1:
  @   assumes ev->kind == ITLS_PC_EV_SM1 && next == ITLS_PC_SM2_SENT &&
  @     a0 == ITLS_PC_A_STORE_SM1 && a1 == ITLS_PC_A_SEND_SM2 &&
  @     a2 == ITLS_PC_A_NONE;
  @   ensures \result == 2;
  @   ensures pc_step_inv(st, ev);
  @   ensures itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @   ensures pc_commit_ok(st, ev, next, out, \result);
  @ behavior sm5_three:
  @   assumes ev->kind == ITLS_PC_EV_SM5 && next == ITLS_PC_SM6_SENT &&
  @     a0 == ITLS_PC_A_LOAD_KEYS && a1 == ITLS_PC_A_STRIP_KEYS &&
  @     a2 == ITLS_PC_A_SEND_SM6 && a3 == ITLS_PC_A_NONE;
  @   ensures \result == 3;
  @   ensures pc_step_inv(st, ev);
  @   ensures itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @   ensures pc_commit_ok(st, ev, next, out, \result);
  @ behavior sm5_four:
  @   assumes ev->kind == ITLS_PC_EV_SM5 && next == ITLS_PC_SM6_SENT &&
  @     a0 == ITLS_PC_A_LOAD_KEYS && a1 == ITLS_PC_A_STRIP_KEYS &&
  @     (a2 == ITLS_PC_A_MAKE_STOKEN || a2 == ITLS_PC_A_MAKE_PSK) &&
  @     a3 == ITLS_PC_A_SEND_SM6 && a4 == ITLS_PC_A_NONE;
  @   ensures \result == 4;
  @   ensures pc_step_inv(st, ev);
  @   ensures itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @   ensures pc_commit_ok(st, ev, next, out, \result);
  @ behavior psk:
  @   assumes ev->kind == ITLS_PC_EV_TLS_UP && g == ITLS_PC_G_PSK_OK && next == st->state &&
  @     (st->state == ITLS_PC_SM6_SENT || st->state == ITLS_PC_REGISTERED) &&
  @     a0 == ITLS_PC_A_NOTE_TLS_UP && a1 == ITLS_PC_A_ACCEPT_PSK &&
  @     a2 == ITLS_PC_A_NONE;
  @   ensures \result == 2;
  @   ensures pc_step_inv(st, ev);
  @   ensures itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @   ensures pc_commit_ok(st, ev, next, out, \result);
  @ behavior unbind:
  @   assumes ev->kind == ITLS_PC_EV_TLS_UP && st->state == ITLS_PC_REGISTERED &&
  @     next == st->state && a0 == ITLS_PC_A_NOTE_TLS_UP &&
  @     a1 == ITLS_PC_A_UNBIND && a2 == ITLS_PC_A_NONE;
  @   ensures \result == 2;
  @   ensures pc_step_inv(st, ev);
  @   ensures itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @   ensures pc_commit_ok(st, ev, next, out, \result);
  @ behavior sm7:
  @   assumes ev->kind == ITLS_PC_EV_SM7 && st->state == ITLS_PC_SM6_SENT &&
  @     next == ITLS_PC_SM8_SENT && a0 == ITLS_PC_A_ACCEPT_CTOKEN &&
  @     a1 == ITLS_PC_A_SEND_SM8 && a2 == ITLS_PC_A_NONE;
  @   ensures \result == 2;
  @   ensures pc_step_inv(st, ev);
  @   ensures itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @   ensures pc_commit_ok(st, ev, next, out, \result);
  @ complete behaviors;
  @*/
static size_t
pc_run(struct itls_pc *st, const struct itls_pc_event *ev, const struct pc_facts *f,
	enum itls_pc_guard g, enum itls_pc_state next, enum itls_pc_act a0,
	enum itls_pc_act a1, enum itls_pc_act a2, enum itls_pc_act a3, enum itls_pc_act a4,
	enum itls_pc_act a5, struct itls_pc_action *out)
{
	size_t k = 0;

	(void)next;
	/* what each call of pc_do needs of the buffers, stated before any runs */
	/*@ assert \valid(st) && \valid(&out[0]) && \valid_read(f); */
	/*@ assert \separated(st, &out[0], f, ev); */
	/*@ assert \valid(st) && \valid(&out[1]) && \valid_read(f); */
	/*@ assert \separated(st, &out[1], f, ev); */
	/*@ assert \valid(st) && \valid(&out[2]) && \valid_read(f); */
	/*@ assert \separated(st, &out[2], f, ev); */
	/*@ assert \valid(st) && \valid(&out[3]) && \valid_read(f); */
	/*@ assert \separated(st, &out[3], f, ev); */
	/*@ assert \valid(st) && \valid(&out[4]) && \valid_read(f); */
	/*@ assert \separated(st, &out[4], f, ev); */
	/*@ assert \valid(st) && \valid(&out[5]) && \valid_read(f); */
	/*@ assert \separated(st, &out[5], f, ev); */
	/* (the asserts carry the actions already returned past the next step) */
	if (a0 != ITLS_PC_A_NONE) {
		pc_do(st, ev, f, g, a0, &out[0]);
		k = 1;
		if (a1 != ITLS_PC_A_NONE) {
			pc_do(st, ev, f, g, a1, &out[1]);
			k = 2;
			/*@ assert out[0].kind == a0; */
			if (a2 != ITLS_PC_A_NONE) {
				pc_do(st, ev, f, g, a2, &out[2]);
				k = 3;
				/*@ assert out[0].kind == a0; */
				/*@ assert out[1].kind == a1; */
				if (a3 != ITLS_PC_A_NONE) {
					pc_do(st, ev, f, g, a3, &out[3]);
					k = 4;
					/*@ assert out[0].kind == a0; */
					/*@ assert out[1].kind == a1; */
					/*@ assert out[2].kind == a2; */
					if (a4 != ITLS_PC_A_NONE) {
						pc_do(st, ev, f, g, a4, &out[4]);
						k = 5;
						if (a5 != ITLS_PC_A_NONE) {
							pc_do(st, ev, f, g, a5, &out[5]);
							k = 6;
						}
					}
				}
			}
		}
	}
	/* PC-20: what the commit asks, kind of row by kind of row */
	/*@ for sm1: assert k == 2 && out[0].kind == ITLS_PC_A_STORE_SM1 &&
	  @   out[1].kind == ITLS_PC_A_SEND_SM2; */
	/*@ for sm5_three: assert k == 3 && out[0].kind == ITLS_PC_A_LOAD_KEYS &&
	  @   out[1].kind == ITLS_PC_A_STRIP_KEYS && out[2].kind == ITLS_PC_A_SEND_SM6; */
	/*@ for sm5_four: assert k == 4 && out[0].kind == ITLS_PC_A_LOAD_KEYS &&
	  @   out[1].kind == ITLS_PC_A_STRIP_KEYS && out[2].kind == a2 &&
	  @   out[3].kind == ITLS_PC_A_SEND_SM6; */
	/*@ for psk: assert k == 2 && out[0].kind == ITLS_PC_A_NOTE_TLS_UP &&
	  @   out[1].kind == ITLS_PC_A_ACCEPT_PSK; */
	/*@ for unbind: assert k == 2 && out[0].kind == ITLS_PC_A_NOTE_TLS_UP &&
	  @   out[1].kind == ITLS_PC_A_UNBIND; */
	/*@ for sm7: assert k == 2 && out[0].kind == ITLS_PC_A_ACCEPT_CTOKEN &&
	  @   out[1].kind == ITLS_PC_A_SEND_SM8; */
	/*@ for sm1, psk, unbind, sm7: assert pc_act_safe(st, ev, out + 0); */
	/*@ for sm1, psk, unbind, sm7: assert pc_act_safe(st, ev, out + 1); */
	/*@ for sm5_three, sm5_four: assert pc_act_safe(st, ev, out + 0) &&
	  @   pc_act_safe(st, ev, out + 1) && pc_act_safe(st, ev, out + 2); */
	/*@ for sm5_four: assert pc_act_safe(st, ev, out + 3); */
	/*@ for sm1, sm5_three, sm5_four, psk, unbind, sm7: assert pc_next_safe(st, next); */
	return k;
}

/*
 * Steps 3 and 4 of a transition along row r (found by pc_find): the row's
 * steps, then the commit. A function of its own so that the goals of
 * itls_pc_step stay small.
 */
/*@ requires \valid(st) && itls_pc_inv(st);
  @ requires itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @ requires \valid(f) && \separated(f, st, ev, out + (0 .. ITLS_FSM_MAX_ACTIONS - 1), n);
  @ requires \separated(f, ev->sec_client + (0 .. ev->sec_client_len - 1),
  @   ev->sec_server + (0 .. ev->sec_server_len - 1),
  @   ev->sec_verify + (0 .. ev->sec_verify_len - 1),
  @   ev->impi + (0 .. ev->impi_len - 1), ev->cert + (0 .. ev->cert_len - 1));
  @ // the row found by pc_find
  @ requires r < PC_TABLE_LEN;
  @ requires pc_row_taken(st, ev, f, r);
  @ requires st->state == ITLS_PC_SM6_SENT && ev->kind == ITLS_PC_EV_SM7 &&
  @   itls_pc_table[r].next == ITLS_PC_SM8_SENT ==> pc_sm7_pre(st, ev);
  @ requires ev->kind == ITLS_PC_EV_SM1 ==> ev->sec_client_len <= ITLS_FSM_HDR_MAX &&
  @   ev->sec_server_len <= ITLS_FSM_HDR_MAX && ev->impi_len <= ITLS_FSM_NAME_MAX;
  @ requires itls_pc_out_ok(st, ev, out, n);
  @ assigns *st, out[0 .. ITLS_FSM_MAX_ACTIONS - 1], *n;
  @ ensures itls_pc_inv(st);
  @ ensures 0 <= *n <= ITLS_FSM_MAX_ACTIONS;
  @ ensures st->last_row == r && st->state == itls_pc_table[r].next;
  @ ensures itls_pc_sm8_gated(st, out, *n);
  @ ensures itls_pc_sm8_ctok(st, out, *n);
  @ ensures itls_pc_sm8_verify(st, ev, out, *n);
  @ ensures itls_pc_sm8_client(st, ev, out, *n);
  @ ensures itls_pc_sm8_agreed(st, ev, out, *n);
  @ ensures itls_pc_sm8_tls_bound(st, out, *n);
  @ ensures itls_pc_sm8_cert_bound(st, ev, out, *n);
  @ ensures itls_pc_tls_yes_bound(st);
  @ ensures itls_pc_unbind_ok(st, out, *n);
  @ ensures itls_pc_token_to_tls(st, out, *n);
  @*/
static void
pc_apply(struct itls_pc *st, const struct itls_pc_event *ev,
	struct pc_facts *f, size_t r, struct itls_pc_action *out, size_t *n)
{
	/* the row, read before anything is written */
	enum itls_pc_state next = itls_pc_table[r].next;
	enum itls_pc_guard g = itls_pc_table[r].guard;
	enum itls_pc_act a0 = itls_pc_table[r].steps[0], a1 = itls_pc_table[r].steps[1];
	enum itls_pc_act a2 = itls_pc_table[r].steps[2], a3 = itls_pc_table[r].steps[3];
	enum itls_pc_act a4 = itls_pc_table[r].steps[4], a5 = itls_pc_table[r].steps[5];
	size_t k;

	/* PC-20: what the proof uses of the table (a lemma, no code) */
	pc_table_facts(r);
	/*@ assert pc_guard_holds(st, ev, f, g); */
	/*@ assert pc_shape_ok(st->state, ev->kind, next, g, a0, a1); */
	/*@ assert !pc_one_step(a0, a1) ==>
	  @   pc_multi_ok(st->state, ev->kind, next, g, a0, a1, a2, a3, a4); */
	/*@ assert g == ITLS_PC_G_PSK_OK ==> ev->psk != 0 && st->has_psk != 0; */
	/*@ assert g == ITLS_PC_G_RESUMED ==> ev->resumed != 0; */
	/* 3. steps; PC-22 is recorded afresh by each transition */
	st->sm7_cert_ok = 0;
	/*@ assert pc_step_inv(st, ev); */
	if (a0 != ITLS_PC_A_NONE && a1 == ITLS_PC_A_NONE) {
		/* a row of one step (most rows) */
		/*@ assert itls_pc_inv_state(st) && st->state == \at(st->state, Pre); */
		/*@ assert PC_20_up: a0 == ITLS_PC_A_NOTE_TLS_UP && next != ITLS_PC_FAILED &&
		  @   st->integrity == ITLS_IP_TLS_YES ==> ev->resumed != 0; */
		pc_do(st, ev, f, g, a0, &out[0]);
		k = 1;
		/* PC-20: what the check at commit asks holds (pc_shape_ok: the table) */
		/*@ assert PC_20_step: next != ITLS_PC_FAILED ==> a0 == ITLS_PC_A_NOTE_TLS_DOWN ||
		  @   a0 == ITLS_PC_A_REFUSE || a0 == ITLS_PC_A_SEND_SM12 || a0 == ITLS_PC_A_NOTE_TLS_UP; */
		/*@ assert PC_20_plain: pc_act_plain(&out[0]); */
		/*@ assert PC_20_sm6: itls_pc_after_sm6(next) ==> st->sm6_sent == 1; */
		/*@ assert PC_20_sm8: itls_pc_after_sm8(next) ==> itls_pc_sm8_ok(st); */
		/*@ assert PC_20_keep: next != ITLS_PC_FAILED ==> pc_keeps_run{Pre, Here}(st); */
		/*@ assert PC_20_bound: next != ITLS_PC_FAILED && \at(st->integrity, Pre) == ITLS_IP_TLS_YES ==>
		  @   st->tls_bound == \at(st->tls_bound, Pre); */
		/*@ assert PC_20_failed: next == ITLS_PC_FAILED ==> st->integrity != ITLS_IP_TLS_YES; */
		/*@ assert PC_20_not_yes: next != ITLS_PC_FAILED &&
		  @   \at(st->integrity, Pre) != ITLS_IP_TLS_YES ==> st->integrity != ITLS_IP_TLS_YES; */
		/*@ assert PC_20_yes: next != ITLS_PC_FAILED && \at(st->integrity, Pre) == ITLS_IP_TLS_YES ==>
		  @   st->tls_bound == 1 && itls_pc_bound(st) && itls_pc_after_sm8(next); */
		/*@ assert PC_20_tls: st->integrity == ITLS_IP_TLS_YES ==> st->tls_bound == 1 &&
		  @   itls_pc_bound(st) && itls_pc_after_sm8(next); */
		/*@ assert PC_20_next: pc_next_safe(st, next); */
	} else {
		/* a row of several steps */
		k = pc_run(st, ev, f, g, next, a0, a1, a2, a3, a4, a5, out);
	}
	/* 4. commit: PC-15, PC-20 */
	/*@ assert ev->sec_client == \at(ev->sec_client, Pre) &&
	  @   ev->sec_client_len == \at(ev->sec_client_len, Pre) &&
	  @   ev->sec_verify == \at(ev->sec_verify, Pre) &&
	  @   ev->sec_verify_len == \at(ev->sec_verify_len, Pre) &&
	  @   ev->cert == \at(ev->cert, Pre) && ev->cert_len == \at(ev->cert_len, Pre); */
	/*@ assert PC_20: pc_commit_ok(st, ev, next, out, k); */
	/*@ assert pc_step_inv(st, ev); */
	/*@ assert itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st); */
	/*@ assert itls_pc_inv_data(st); */
	pc_commit(st, ev, next, r, out, k, n);
}

/* the facts' s_token wiped (TK-08); the bytes the named clauses read are not touched */
/*@ requires \valid(f) && itls_pc_inv(st);
  @ requires \separated(f, st, ev);
  @ requires \separated(f, ev->cert + (0 .. ev->cert_len - 1));
  @ requires \separated(f, out + (0 .. ITLS_FSM_MAX_ACTIONS - 1), n);
  @ requires \separated(f, ev->sec_client + (0 .. ev->sec_client_len - 1));
  @ requires \separated(f, ev->sec_verify + (0 .. ev->sec_verify_len - 1));
  @ assigns f->s_token[0 .. ITLS_FSM_TOKEN_LEN - 1];
  @ behavior tokens:
  @   assumes \true;
  @   ensures \old(itls_pc_sm8_ctok(st, out, *n)) ==> itls_pc_sm8_ctok(st, out, *n);
  @   ensures \old(itls_pc_sm8_cert_bound(st, ev, out, *n)) ==>
  @     itls_pc_sm8_cert_bound(st, ev, out, *n);
  @ behavior headers:
  @   assumes \true;
  @   ensures \old(itls_pc_sm8_verify(st, ev, out, *n)) ==> itls_pc_sm8_verify(st, ev, out, *n);
  @   ensures \old(itls_pc_sm8_client(st, ev, out, *n)) ==> itls_pc_sm8_client(st, ev, out, *n);
  @*/
static void
pc_wipe_facts(struct pc_facts *f, const struct itls_pc *st,
	const struct itls_pc_event *ev, const struct itls_pc_action *out, const size_t *n)
{
	(void)st;
	(void)ev;
	(void)out;
	(void)n;
	itls_crypto_wipe(f->s_token, ITLS_FSM_TOKEN_LEN);
	/*@ for headers: assert \forall integer j; 0 <= j < ev->sec_verify_len ==>
	  @   ev->sec_verify[j] == \at(ev->sec_verify[j], Pre); */
	/*@ for headers: assert \forall integer j; 0 <= j < ev->sec_client_len ==>
	  @   ev->sec_client[j] == \at(ev->sec_client[j], Pre); */
	/*@ for headers: assert st->sec_server_len <= ITLS_FSM_HDR_MAX &&
	  @   st->sec_client_len <= ITLS_FSM_HDR_MAX; */
	/*@ for headers: assert \forall integer j; 0 <= j < st->sec_server_len ==>
	  @   st->sec_server[j] == \at(st->sec_server[j], Pre); */
	/*@ for headers: assert \forall integer j; 0 <= j < st->sec_client_len ==>
	  @   st->sec_client[j] == \at(st->sec_client[j], Pre); */
	/*@ for tokens: assert itls_same(itls_mem(&st->c_token[0], ITLS_FSM_TOKEN_LEN),
	  @   \at(itls_mem(&st->c_token[0], ITLS_FSM_TOKEN_LEN), Pre)); */
	/*@ for tokens: assert itls_same(itls_mem(&st->s_token[0], ITLS_FSM_TOKEN_LEN),
	  @   \at(itls_mem(&st->s_token[0], ITLS_FSM_TOKEN_LEN), Pre)); */
	/*@ for tokens: assert itls_same(itls_mem(&st->keys.ik[0], 16), \at(itls_mem(&st->keys.ik[0], 16), Pre)); */
	/*@ for tokens: assert itls_same(itls_mem(&st->keys.ck[0], 16), \at(itls_mem(&st->keys.ck[0], 16), Pre)); */
	/*@ for tokens: assert itls_same(itls_mem((uint8_t *)ev->cert, ev->cert_len),
	  @   \at(itls_mem((uint8_t *)ev->cert, ev->cert_len), Pre)); */
}

/* see itls/pcscf.h */
enum itls_err
itls_pc_step(struct itls_pc *st, const struct itls_pc_event *ev,
	struct itls_pc_action *out, size_t *n)
{
	struct pc_facts f;
	size_t r;

	*n = 0;
	if (ev->kind == ITLS_PC_EV_SM1 && (ev->sec_client_len > ITLS_FSM_HDR_MAX
		|| ev->sec_server_len > ITLS_FSM_HDR_MAX
		|| ev->impi_len > ITLS_FSM_NAME_MAX)) {
		/*@ assert itls_pc_inv(st); */
		return ITLS_ERR_BAD_EVENT;
	}
	/* 1. facts */
	pc_facts(&f, st, ev);
	/* 2. lookup: PC-19 */
	r = pc_find(st, ev, &f);
	if (r >= PC_TABLE_LEN) {
		itls_crypto_wipe(f.s_token, ITLS_FSM_TOKEN_LEN);
		/*@ assert itls_pc_inv(st); */
		return ITLS_ERR_BAD_EVENT;
	}
	/* 3., 4. */
	pc_apply(st, ev, &f, r, out, n);
	pc_wipe_facts(&f, st, ev, out, n);
	return ITLS_OK;
}
