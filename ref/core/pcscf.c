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

/*@ requires \valid(f) && \valid_read(st) && itls_pc_inv(st);
  @ requires itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @ requires \separated(f, st, ev);
  @ requires \separated(f, ev->cert + (0 .. ev->cert_len - 1));
  @ assigns *f;
  @ ensures f->stok_made == 0 || f->stok_made == 1;
  @ ensures f->verify_match == 0 || f->verify_match == 1;
  @ ensures f->client_match == 0 || f->client_match == 1;
  @ ensures f->ctok_valid == 0 || f->ctok_valid == 1;
  @ ensures f->ctok_valid == 1 ==> st->stok_sent == 1;
  @ ensures f->cert_match == 0 || f->cert_match == 1;
  @ ensures f->cert_match == 1 ==> st->stok_sent == 1;
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
		/* PC-06: s_token over our own certificate, under this SM5's keys */
		struct itls_token_keys k;
		pc_copy(k.ik, ev->ik, ITLS_FSM_KEY_LEN);
		pc_copy(k.ck, ev->ck, ITLS_FSM_KEY_LEN);
		k.profile = st->keys.profile;
		f->stok_made = itls_token_server(f->s_token, &k, ev->cert,
			ev->cert_len) == ITLS_OK ? 1 : 0;
		itls_crypto_wipe(k.ik, ITLS_FSM_KEY_LEN);
		itls_crypto_wipe(k.ck, ITLS_FSM_KEY_LEN);
	} else if (ev->kind == ITLS_PC_EV_SM7) {
		/* PC-10, PC-11: RFC 3329 §2.3.1 */
		f->verify_match = pc_same(ev->sec_verify, ev->sec_verify_len,
			st->sec_server, st->sec_server_len);
		f->client_match = pc_same(ev->sec_client, ev->sec_client_len,
			st->sec_client, st->sec_client_len);
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
}

/* ---- guards ---------------------------------------------------------------------- */

/*@ requires \valid_read(st) && itls_pc_inv(st);
  @ requires itls_pc_event_ok(ev);
  @ requires \valid_read(f);
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @*/
static int
pc_guard(const struct itls_pc *st, const struct itls_pc_event *ev,
	const struct pc_facts *f, enum itls_pc_guard g)
{
	int cert = st->cfg.mode == ITLS_TLS_CERT;
	/* PC-07: tokens only when both sides have tls */
	int ue_tls = st->ue_tls == 1
		&& (st->cfg.support & ITLS_OFFER_TLS) != 0;
	int due = st->stok_sent == 1
		&& (st->sm1_via == ITLS_TR_TLS || ev->via == ITLS_TR_TLS);
	int psk_bound = st->psk_ok == 1 && st->psk_run == st->aka_run;
	/* PC-14, PC-22: SM7 over TLS is bound to this run */
	int bound_now = cert ? (f->ctok_valid && f->cert_match) : psk_bound;
	enum itls_mech via_mech = ev->via == ITLS_TR_TLS ? ITLS_MECH_TLS
		: (ev->via == ITLS_TR_IPSEC ? ITLS_MECH_IPSEC : ITLS_MECH_NONE);

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
		return (ue_tls && cert && f->stok_made) ? 1 : 0;
	case ITLS_PC_G_TOKEN_FAIL:
		return (ue_tls && cert && !f->stok_made) ? 1 : 0;
	case ITLS_PC_G_PSK:
		return (ue_tls && !cert) ? 1 : 0;
	case ITLS_PC_G_NO_TLS:
		/* PC-07 */
		return ue_tls ? 0 : 1;
	case ITLS_PC_G_UNPROTECTED:
		/* PC-09 */
		return (ev->via == ITLS_TR_PLAIN
			|| (ev->via == ITLS_TR_TLS && !st->tls_up)) ? 1 : 0;
	case ITLS_PC_G_VERIFY_MISMATCH:
		return f->verify_match ? 0 : 1;
	case ITLS_PC_G_CLIENT_MISMATCH:
		return f->client_match ? 0 : 1;
	case ITLS_PC_G_NO_CTOKEN:
		/* PC-12 */
		return (due && !ev->has_ctoken) ? 1 : 0;
	case ITLS_PC_G_BAD_CTOKEN:
		return (ev->has_ctoken && st->stok_sent == 1 && !f->ctok_valid)
			? 1 : 0;
	case ITLS_PC_G_NOT_AGREED:
		/* PC-21 */
		return via_mech != st->agreed ? 1 : 0;
	case ITLS_PC_G_CERT_MISMATCH:
		/* PC-22 */
		return (ev->via == ITLS_TR_TLS && cert && st->stok_sent == 1
			&& !f->cert_match) ? 1 : 0;
	case ITLS_PC_G_TLS_UNBOUND:
		return (ev->via == ITLS_TR_TLS && !bound_now) ? 1 : 0;
	case ITLS_PC_G_TLS_OK:
		return (ev->via == ITLS_TR_TLS && st->tls_up && bound_now) ? 1 : 0;
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

/*@ requires \valid(st) && \valid(act) && \valid_read(f);
  @ requires itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @ requires \separated(st, act, f, ev);
  @ requires ev->kind == ITLS_PC_EV_SM1 ==> ev->sec_client_len <= ITLS_FSM_HDR_MAX &&
  @   ev->sec_server_len <= ITLS_FSM_HDR_MAX && ev->impi_len <= ITLS_FSM_NAME_MAX;
  @ requires pc_step_inv(st, ev);
  @ assigns st->tls_up, st->tls_bound, st->sm1_via, st->ue_offer, st->ue_tls, st->stok_sent,
  @   st->sec_client[0 .. ITLS_FSM_HDR_MAX - 1], st->sec_client_len,
  @   st->sec_server[0 .. ITLS_FSM_HDR_MAX - 1], st->sec_server_len,
  @   st->impi[0 .. ITLS_FSM_NAME_MAX - 1], st->impi_len, st->integrity, st->aka_run,
  @   st->ctok_ok, st->ctok_run, st->psk_ok, st->psk_run, st->has_psk,
  @   st->keys.ik[0 .. 15], st->keys.ck[0 .. 15], st->s_token[0 .. 11], st->psk[0 .. 31],
  @   st->sm6_sent, st->sm7_via, st->mech, st->reason, st->agreed,
  @   st->c_token[0 .. 11], st->sm7_cert_ok, *act;
  @ ensures act->kind == a;
  @ ensures pc_step_inv(st, ev);
  @ ensures itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @ ensures a == ITLS_PC_A_SEND_SM6 ==> st->sm6_sent == 1;
  @ ensures a != ITLS_PC_A_SEND_SM6 ==> st->sm6_sent == \old(st->sm6_sent);
  @ ensures a == ITLS_PC_A_SEND_SM6 && act->with_token == 1 ==>
  @   st->ue_tls == 1;
  @ ensures a == ITLS_PC_A_SEND_SM8 ==> act->integrity == ITLS_IP_TLS_YES ||
  @   act->integrity == ITLS_IP_YES;
  @ ensures a == ITLS_PC_A_SEND_SM8 && act->integrity == ITLS_IP_TLS_YES ==>
  @   st->sm7_via == ITLS_TR_TLS;
  @ ensures a == ITLS_PC_A_SEND_SM8 ==> act->mech == itls_pc_mech_of(ev->via);
  @*/
static void
pc_do(struct itls_pc *st, const struct itls_pc_event *ev,
	const struct pc_facts *f, enum itls_pc_guard g, enum itls_pc_act a,
	struct itls_pc_action *act)
{
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
		 * the c_token received against the s_token sent, under this run's keys */
		st->sm7_via = ev->via;
		pc_copy(st->c_token, ev->c_token, ITLS_FSM_TOKEN_LEN);
		st->ctok_ok = (st->stok_sent == 1 && ev->has_ctoken
			&& itls_token_verify_client(&st->keys, st->s_token,
				st->c_token) == ITLS_OK) ? 1 : 0;
		st->ctok_run = st->aka_run;
		/* PC-22: and the s_token is over this connection's certificate */
		st->sm7_cert_ok = (st->stok_sent == 1
			&& itls_token_verify_server(&st->keys, ev->cert, ev->cert_len,
				st->s_token) == ITLS_OK) ? 1 : 0;
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
  @          itls_pc_cert_link(st, ev)))) &&
  @   (a->kind == ITLS_PC_A_UNBIND ==>
  @     st->tls_bound == 0 && st->integrity != ITLS_IP_TLS_YES) &&
  @   (a->kind == ITLS_PC_A_SEND_SM6 && a->with_token == 1 ==> st->ue_tls == 1);
  @*/

/*@ requires \valid_read(st) && itls_pc_event_ok(ev);
  @ requires itls_profile_ok(st->keys.profile);
  @ requires st->sec_client_len <= ITLS_FSM_HDR_MAX && st->sec_server_len <= ITLS_FSM_HDR_MAX;
  @ requires \valid_read(a);
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 ==> pc_act_safe(st, ev, a);
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
  @ ensures \result == 1 ==> itls_pc_state_ok(next) &&
  @   (itls_pc_after_sm6(next) ==> st->sm6_sent == 1) &&
  @   (itls_pc_after_sm8(next) ==> itls_pc_sm8_ok(st)) &&
  @   (st->integrity == ITLS_IP_TLS_YES ==> st->tls_bound == 1 && itls_pc_bound(st));
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
	/* PC-17: tls-yes only while bound */
	if (st->integrity == ITLS_IP_TLS_YES
		&& !(st->tls_bound == 1 && pc_bound(st))) {
		return 0;
	}
	return 1;
}

/* ---- table access ------------------------------------------------------------- */

/* the first row of (state, event) whose guard holds; PC_TABLE_LEN when none */
/*@ requires \valid_read(st) && itls_pc_inv(st);
  @ requires itls_pc_event_ok(ev);
  @ requires \valid_read(f);
  @ assigns \nothing;
  @ ensures 0 <= \result <= PC_TABLE_LEN;
  @*/
static size_t
pc_lookup(const struct itls_pc *st, const struct itls_pc_event *ev,
	const struct pc_facts *f)
{
	size_t r;

	/*@ loop invariant 0 <= r <= PC_TABLE_LEN;
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

/* row r, copied out */
/*@ requires r < PC_TABLE_LEN;
  @ requires \valid(next) && \valid(g) && \valid(steps + (0 .. ITLS_FSM_ROW_ACTS - 1));
  @ requires \separated(next, g, steps + (0 .. ITLS_FSM_ROW_ACTS - 1));
  @ assigns *next, *g, steps[0 .. ITLS_FSM_ROW_ACTS - 1];
  @*/
static void
pc_row(size_t r, enum itls_pc_state *next, enum itls_pc_guard *g,
	enum itls_pc_act *steps)
{
	size_t j;

	*next = itls_pc_table[r].next;
	*g = itls_pc_table[r].guard;
	/*@ loop invariant 0 <= j <= ITLS_FSM_ROW_ACTS;
	  @ loop assigns j, steps[0 .. ITLS_FSM_ROW_ACTS - 1];
	  @ loop variant ITLS_FSM_ROW_ACTS - j;
	  @*/
	for (j = 0; j < ITLS_FSM_ROW_ACTS; j++) {
		steps[j] = itls_pc_table[r].steps[j];
	}
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
  @ assigns st->state, st->last_row, st->reason, st->keys.ik[0 .. 15],
  @   st->keys.ck[0 .. 15], st->psk[0 .. 31], st->has_psk, st->ctok_ok, st->psk_ok,
  @   st->tls_bound, st->integrity, st->sm7_cert_ok, out[0], *n;
  @ ensures itls_pc_inv(st);
  @ ensures 0 <= *n <= k || *n == 1;
  @ ensures *n <= ITLS_FSM_MAX_ACTIONS;
  @ ensures \forall integer i; 0 <= i < *n ==> pc_act_safe(st, ev, out + i);
  @ // the clauses of itls_pc_step, word for word
  @ ensures PC_15: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_PC_A_SEND_SM8 ==>
  @   itls_pc_sm8_ok(st);
  @ ensures PC_13: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_PC_A_SEND_SM8 &&
  @   itls_pc_ctok_due(st) ==> st->ctok_ok == 1 && st->ctok_run == st->aka_run &&
  @   itls_mem(&st->c_token[0], ITLS_FSM_TOKEN_LEN) ==
  @     itls_c_token_of(&st->keys, itls_mem(&st->s_token[0], ITLS_FSM_TOKEN_LEN));
  @ ensures PC_10: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_PC_A_SEND_SM8 ==>
  @   ev->kind == ITLS_PC_EV_SM7 &&
  @   itls_pc_same_bytes((uint8_t *)ev->sec_verify, ev->sec_verify_len,
  @     &st->sec_server[0], st->sec_server_len);
  @ ensures PC_11: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_PC_A_SEND_SM8 ==>
  @   itls_pc_same_bytes((uint8_t *)ev->sec_client, ev->sec_client_len,
  @     &st->sec_client[0], st->sec_client_len);
  @ ensures PC_21: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_PC_A_SEND_SM8 ==>
  @   out[i].mech != ITLS_MECH_NONE && out[i].mech == st->agreed &&
  @   out[i].mech == itls_pc_mech_of(ev->via) &&
  @   st->agreed == itls_pc_pick(st->cfg.support, st->ue_offer, st->cfg.prefer_ipsec) &&
  @   (out[i].mech == ITLS_MECH_TLS && st->cfg.mode == ITLS_TLS_CERT ==>
  @     st->ctok_ok == 1 && st->ctok_run == st->aka_run);
  @ ensures PC_14: itls_pc_sm8_tls_bound(st, out, *n);
  @ ensures PC_22: itls_pc_sm8_cert_bound(st, ev, out, *n);
  @ ensures PC_17: st->integrity == ITLS_IP_TLS_YES ==> st->tls_bound == 1 && itls_pc_bound(st);
  @ ensures PC_17_unbind: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_PC_A_UNBIND ==>
  @   st->tls_bound == 0 && st->integrity != ITLS_IP_TLS_YES;
  @ ensures PC_07: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_PC_A_SEND_SM6 &&
  @   out[i].with_token == 1 ==> st->ue_tls == 1;
  @*/
static void
pc_commit(struct itls_pc *st, const struct itls_pc_event *ev,
	enum itls_pc_state next, size_t r, struct itls_pc_action *out, size_t k,
	size_t *n)
{
	int safe;

	/* the state is written first, so that the checks read the final state */
	st->state = next;
	st->last_row = r;
	*n = k;
	/*@ assert itls_pc_inv_data(st); */
	safe = pc_state_safe(st, next);
	if (safe) {
		safe = pc_actions_safe(st, ev, out, k);
	}
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
 * Steps 3 and 4 of a transition along row r (found by pc_lookup): the row's
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
  @ requires r < PC_TABLE_LEN;
  @ requires ev->kind == ITLS_PC_EV_SM1 ==> ev->sec_client_len <= ITLS_FSM_HDR_MAX &&
  @   ev->sec_server_len <= ITLS_FSM_HDR_MAX && ev->impi_len <= ITLS_FSM_NAME_MAX;
  @ requires \valid(out + (0 .. ITLS_FSM_MAX_ACTIONS - 1)) && \valid(n);
  @ requires \separated(out + (0 .. ITLS_FSM_MAX_ACTIONS - 1), n, st, ev);
  @ requires \separated(out + (0 .. ITLS_FSM_MAX_ACTIONS - 1),
  @   ev->sec_client + (0 .. ev->sec_client_len - 1),
  @   ev->sec_server + (0 .. ev->sec_server_len - 1),
  @   ev->sec_verify + (0 .. ev->sec_verify_len - 1),
  @   ev->impi + (0 .. ev->impi_len - 1), ev->cert + (0 .. ev->cert_len - 1));
  @ requires \separated(n,
  @   ev->sec_client + (0 .. ev->sec_client_len - 1),
  @   ev->sec_server + (0 .. ev->sec_server_len - 1),
  @   ev->sec_verify + (0 .. ev->sec_verify_len - 1),
  @   ev->impi + (0 .. ev->impi_len - 1), ev->cert + (0 .. ev->cert_len - 1));
  @ assigns *st, out[0 .. ITLS_FSM_MAX_ACTIONS - 1], *n;
  @ ensures itls_pc_inv(st);
  @ ensures 0 <= *n <= ITLS_FSM_MAX_ACTIONS;
  @ ensures PC_15: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_PC_A_SEND_SM8 ==>
  @   itls_pc_sm8_ok(st);
  @ ensures PC_13: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_PC_A_SEND_SM8 &&
  @   itls_pc_ctok_due(st) ==> st->ctok_ok == 1 && st->ctok_run == st->aka_run &&
  @   itls_mem(&st->c_token[0], ITLS_FSM_TOKEN_LEN) ==
  @     itls_c_token_of(&st->keys, itls_mem(&st->s_token[0], ITLS_FSM_TOKEN_LEN));
  @ ensures PC_10: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_PC_A_SEND_SM8 ==>
  @   ev->kind == ITLS_PC_EV_SM7 &&
  @   itls_pc_same_bytes((uint8_t *)ev->sec_verify, ev->sec_verify_len,
  @     &st->sec_server[0], st->sec_server_len);
  @ ensures PC_11: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_PC_A_SEND_SM8 ==>
  @   itls_pc_same_bytes((uint8_t *)ev->sec_client, ev->sec_client_len,
  @     &st->sec_client[0], st->sec_client_len);
  @ ensures PC_21: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_PC_A_SEND_SM8 ==>
  @   out[i].mech != ITLS_MECH_NONE && out[i].mech == st->agreed &&
  @   out[i].mech == itls_pc_mech_of(ev->via) &&
  @   st->agreed == itls_pc_pick(st->cfg.support, st->ue_offer, st->cfg.prefer_ipsec) &&
  @   (out[i].mech == ITLS_MECH_TLS && st->cfg.mode == ITLS_TLS_CERT ==>
  @     st->ctok_ok == 1 && st->ctok_run == st->aka_run);
  @ ensures PC_14: itls_pc_sm8_tls_bound(st, out, *n);
  @ ensures PC_22: itls_pc_sm8_cert_bound(st, ev, out, *n);
  @ ensures PC_17: st->integrity == ITLS_IP_TLS_YES ==> st->tls_bound == 1 && itls_pc_bound(st);
  @ ensures PC_17_unbind: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_PC_A_UNBIND ==>
  @   st->tls_bound == 0 && st->integrity != ITLS_IP_TLS_YES;
  @ ensures PC_07: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_PC_A_SEND_SM6 &&
  @   out[i].with_token == 1 ==> st->ue_tls == 1;
  @*/
static void
pc_apply(struct itls_pc *st, const struct itls_pc_event *ev,
	struct pc_facts *f, size_t r, struct itls_pc_action *out, size_t *n)
{
	size_t j, k;
	enum itls_pc_state next;
	enum itls_pc_guard g;
	enum itls_pc_act steps[ITLS_FSM_ROW_ACTS];

	pc_row(r, &next, &g, steps);
	/* 3. steps; PC-22 is recorded afresh by each transition */
	st->sm7_cert_ok = 0;
	/*@ assert pc_step_inv(st, ev); */
	k = 0;
	/*@ loop invariant 0 <= j <= ITLS_FSM_ROW_ACTS;
	  @ loop invariant 0 <= k <= j;
	  @ loop invariant pc_step_inv(st, ev);
	  @ loop invariant itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
	  @ loop assigns j, k, st->tls_up, st->tls_bound, st->sm1_via, st->ue_offer, st->ue_tls, st->stok_sent,
	  @   st->sec_client[0 .. ITLS_FSM_HDR_MAX - 1], st->sec_client_len,
	  @   st->sec_server[0 .. ITLS_FSM_HDR_MAX - 1], st->sec_server_len,
	  @   st->impi[0 .. ITLS_FSM_NAME_MAX - 1], st->impi_len, st->integrity, st->aka_run,
	  @   st->ctok_ok, st->ctok_run, st->psk_ok, st->psk_run, st->has_psk,
	  @   st->keys.ik[0 .. 15], st->keys.ck[0 .. 15], st->s_token[0 .. 11], st->psk[0 .. 31],
	  @   st->sm6_sent, st->sm7_via, st->mech, st->reason, st->agreed,
	  @   st->c_token[0 .. 11], st->sm7_cert_ok,
	  @   out[0 .. ITLS_FSM_MAX_ACTIONS - 1];
	  @ loop variant ITLS_FSM_ROW_ACTS - j;
	  @*/
	for (j = 0; j < ITLS_FSM_ROW_ACTS; j++) {
		enum itls_pc_act a = steps[j];
		if (a == ITLS_PC_A_NONE) {
			break;
		}
		pc_do(st, ev, f, g, a, &out[k]);
		k++;
	}
	/* 4. commit: PC-15, PC-20 */
	/*@ assert pc_step_inv(st, ev); */
	/*@ assert itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st); */
	/*@ assert itls_pc_inv_data(st); */
	pc_commit(st, ev, next, r, out, k, n);
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
	r = pc_lookup(st, ev, &f);
	if (r >= PC_TABLE_LEN) {
		itls_crypto_wipe(f.s_token, ITLS_FSM_TOKEN_LEN);
		/*@ assert itls_pc_inv(st); */
		return ITLS_ERR_BAD_EVENT;
	}
	/* 3., 4. */
	pc_apply(st, ev, &f, r, out, n);
	itls_crypto_wipe(f.s_token, ITLS_FSM_TOKEN_LEN);
	return ITLS_OK;
}
