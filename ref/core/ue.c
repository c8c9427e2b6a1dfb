/*
 * ue.c -- the I-TLS state machine of the UE (see itls/ue.h, spec/ue.md).
 *
 * Everything that decides a UE transition is in this file: the table, the
 * guards, the steps, and the safety check applied before a transition is
 * committed (D-UE-2, h11's "Rule 1").
 *
 * A step of the machine has four phases:
 *   1. facts: the crypto and name checks the guards need, computed once
 *      from the event and the state (nothing in *st changes);
 *   2. lookup: the first row of (state, event) whose guard holds;
 *   3. steps: the row's steps in order, each updating *st and emitting one
 *      action;
 *   4. commit: the safety check (UE-20..UE-22); the new state is the row's
 *      next state, or `failed` when the check does not hold.
 */
#include "itls/ue.h"
#include "itls/crypto.h"
#include "itls/naming.h"
#include "itls/psk.h"
#include "itls/token.h"

#include <stddef.h>
#include <stdint.h>

/* ---- the transition table ---------------------------------------------------- */

#define S(x) ITLS_UE_##x
#define E(x) ITLS_UE_EV_##x
#define G(x) ITLS_UE_G_##x
#define A(x) ITLS_UE_A_##x

const struct itls_ue_row itls_ue_table[] = {
	/* UE-02, UE-03: the two orders of figures 2 and 4 */
	{ S(IDLE), E(START), G(TLS_FIRST), S(TLS_CONNECTING), { A(TLS_CONNECT) } },
	{ S(IDLE), E(START), G(SA_FIRST), S(SM1_SENT), { A(SEND_SM1) } },
	{ S(IDLE), E(TLS_INBOUND), G(ALWAYS), S(IDLE), { A(REFUSE) } },

	/* UE-05: the certificate is accepted as received; SM1 goes inside TLS */
	{ S(TLS_CONNECTING), E(TLS_UP), G(ALWAYS), S(SM1_SENT),
		{ A(NOTE_TLS_UP), A(SEND_SM1) } },
	/* UE-15, UE-16: figure 5, back to sec-agree (tls may still be chosen); refusal unauthenticated */
	{ S(TLS_CONNECTING), E(TLS_FAIL), G(CAN_FALLBACK), S(SM1_SENT),
		{ A(NOTE_UNAUTH_REFUSAL), A(SEND_SM1) } },
	{ S(TLS_CONNECTING), E(TLS_FAIL), G(NO_FALLBACK), S(FAILED), { A(ABORT) } },
	{ S(TLS_CONNECTING), E(TLS_INBOUND), G(ALWAYS), S(TLS_CONNECTING), { A(REFUSE) } },

	/* SM6: UE-06..UE-14, UE-17, UE-24 */
	{ S(SM1_SENT), E(SM6), G(AKA_FAIL), S(FAILED), { A(ABORT) } },
	{ S(SM1_SENT), E(SM6), G(NO_COMMON), S(FAILED), { A(ABORT) } },
	{ S(SM1_SENT), E(SM6), G(TLS_NO_TOKEN), S(FAILED), { A(ABORT) } },
	/* UE-25: the certificate of SM6 is the one of the connection that is up */
	{ S(SM1_SENT), E(SM6), G(CERT_SWAP), S(FAILED), { A(ABORT) } },
	{ S(SM1_SENT), E(SM6), G(TLS_BAD_TOKEN), S(FAILED), { A(ABORT) } },
	{ S(SM1_SENT), E(SM6), G(TLS_BAD_NAMES), S(FAILED), { A(ABORT) } },
	{ S(SM1_SENT), E(SM6), G(TLS_OK), S(SM7_SENT),
		{ A(LOAD_CHALLENGE), A(ACCEPT_STOKEN), A(MAKE_CTOKEN), A(SEND_SM7) } },
	{ S(SM1_SENT), E(SM6), G(TLS_LATE), S(TLS_LATE),
		{ A(LOAD_CHALLENGE), A(TLS_CONNECT) } },
	{ S(SM1_SENT), E(SM6), G(TLS_PSK), S(TLS_LATE),
		{ A(LOAD_CHALLENGE), A(MAKE_PSK), A(TLS_CONNECT_PSK) } },
	/* UE-30: a PSK-TLS re-registration re-keys the session with the new run's PSK */
	{ S(SM1_SENT), E(SM6), G(TLS_PSK_UP), S(TLS_LATE),
		{ A(LOAD_CHALLENGE), A(MAKE_PSK), A(TLS_CLOSE), A(TLS_CONNECT_PSK) } },
	{ S(SM1_SENT), E(SM6), G(IPSEC_BAD_TOKEN), S(FAILED), { A(ABORT) } },
	{ S(SM1_SENT), E(SM6), G(IPSEC_TLS_TOKEN), S(SM7_SENT),
		{ A(LOAD_CHALLENGE), A(ACCEPT_STOKEN), A(MAKE_CTOKEN), A(IPSEC_SETUP),
		  A(SEND_SM7), A(TLS_CLOSE) } },
	{ S(SM1_SENT), E(SM6), G(IPSEC_TLS), S(SM7_SENT),
		{ A(LOAD_CHALLENGE), A(IPSEC_SETUP), A(SEND_SM7), A(TLS_CLOSE) } },
	{ S(SM1_SENT), E(SM6), G(IPSEC), S(SM7_SENT),
		{ A(LOAD_CHALLENGE), A(IPSEC_SETUP), A(SEND_SM7) } },
	{ S(SM1_SENT), E(REJECT), G(ALWAYS), S(FAILED), { A(ABORT) } },
	{ S(SM1_SENT), E(TLS_LOST), G(ALWAYS), S(FAILED), { A(NOTE_TLS_DOWN), A(ABORT) } },
	{ S(SM1_SENT), E(TLS_INBOUND), G(ALWAYS), S(SM1_SENT), { A(REFUSE) } },

	/* UE-14, UE-17: TLS after sec-agree (figures 4 and 6) */
	{ S(TLS_LATE), E(TLS_UP), G(CERT_BAD_TOKEN), S(FAILED), { A(NOTE_TLS_UP), A(ABORT) } },
	{ S(TLS_LATE), E(TLS_UP), G(CERT_BAD_NAMES), S(FAILED), { A(NOTE_TLS_UP), A(ABORT) } },
	{ S(TLS_LATE), E(TLS_UP), G(CERT_OK), S(SM7_SENT),
		{ A(NOTE_TLS_UP), A(ACCEPT_STOKEN), A(MAKE_CTOKEN), A(SEND_SM7) } },
	{ S(TLS_LATE), E(TLS_UP), G(PSK_OK), S(SM7_SENT),
		{ A(NOTE_TLS_UP), A(ACCEPT_PSK), A(SEND_SM7) } },
	{ S(TLS_LATE), E(TLS_UP), G(PSK_BAD), S(FAILED), { A(NOTE_TLS_UP), A(ABORT) } },
	{ S(TLS_LATE), E(TLS_FAIL), G(ALWAYS), S(FAILED), { A(ABORT) } },
	{ S(TLS_LATE), E(TLS_INBOUND), G(ALWAYS), S(TLS_LATE), { A(REFUSE) } },

	/* SM12 */
	{ S(SM7_SENT), E(SM12), G(MECH_TLS), S(REGISTERED_TLS), { A(REGISTERED) } },
	{ S(SM7_SENT), E(SM12), G(MECH_IPSEC), S(REGISTERED_IPSEC), { A(REGISTERED) } },
	{ S(SM7_SENT), E(REJECT), G(ALWAYS), S(FAILED), { A(ABORT) } },
	{ S(SM7_SENT), E(TLS_LOST), G(MECH_TLS), S(FAILED), { A(NOTE_TLS_DOWN), A(ABORT) } },
	{ S(SM7_SENT), E(TLS_LOST), G(MECH_IPSEC), S(SM7_SENT), { A(NOTE_TLS_DOWN) } },
	{ S(SM7_SENT), E(TLS_INBOUND), G(ALWAYS), S(SM7_SENT), { A(REFUSE) } },

	/* UE-18, UE-19: only the UE resumes */
	{ S(REGISTERED_TLS), E(TLS_LOST), G(ALWAYS), S(RESUMING),
		{ A(NOTE_TLS_DOWN), A(TLS_RESUME) } },
	{ S(REGISTERED_TLS), E(TLS_INBOUND), G(ALWAYS), S(REGISTERED_TLS), { A(REFUSE) } },
	/* UE-28: re-registration, a new AKA run over the connection that is up */
	{ S(REGISTERED_TLS), E(REREGISTER), G(ALWAYS), S(SM1_SENT), { A(SEND_SM1) } },
	{ S(RESUMING), E(TLS_UP), G(PSK_OK), S(REGISTERED_TLS),
		{ A(NOTE_TLS_UP), A(ACCEPT_PSK), A(REGISTERED) } },
	{ S(RESUMING), E(TLS_UP), G(RESUMED), S(REGISTERED_TLS),
		{ A(NOTE_TLS_UP), A(REGISTERED) } },
	/* UE-29 (D-PC-9): a new full handshake is unbound; the UE re-registers over it */
	{ S(RESUMING), E(TLS_UP), G(NEW_SESSION), S(SM1_SENT), { A(NOTE_TLS_UP), A(SEND_SM1) } },
	{ S(RESUMING), E(TLS_FAIL), G(ALWAYS), S(FAILED), { A(ABORT) } },
	{ S(RESUMING), E(TLS_INBOUND), G(ALWAYS), S(RESUMING), { A(REFUSE) } },
	{ S(REGISTERED_IPSEC), E(TLS_LOST), G(ALWAYS), S(REGISTERED_IPSEC), { A(NOTE_TLS_DOWN) } },
	{ S(REGISTERED_IPSEC), E(TLS_INBOUND), G(ALWAYS), S(REGISTERED_IPSEC), { A(REFUSE) } },
	{ S(REGISTERED_IPSEC), E(REREGISTER), G(ALWAYS), S(SM1_SENT), { A(SEND_SM1) } },

	/* failed is final: it has no row (every event there is bad-event) */
};

#undef S
#undef E
#undef G
#undef A

#define UE_TABLE_LEN (sizeof(itls_ue_table) / sizeof(itls_ue_table[0]))
const size_t itls_ue_table_len = UE_TABLE_LEN;

/* ---- names ------------------------------------------------------------------- */

/* see itls/ue.h */
const char *
itls_ue_state_name(int s)
{
	switch (s) {
	case ITLS_UE_IDLE:
		return "idle";
	case ITLS_UE_TLS_CONNECTING:
		return "tls-connecting";
	case ITLS_UE_SM1_SENT:
		return "sm1-sent";
	case ITLS_UE_TLS_LATE:
		return "tls-late";
	case ITLS_UE_SM7_SENT:
		return "sm7-sent";
	case ITLS_UE_REGISTERED_TLS:
		return "registered-tls";
	case ITLS_UE_REGISTERED_IPSEC:
		return "registered-ipsec";
	case ITLS_UE_RESUMING:
		return "resuming";
	case ITLS_UE_FAILED:
		return "failed";
	default:
		return "?";
	}
}

/* see itls/ue.h */
const char *
itls_ue_event_name(int e)
{
	switch (e) {
	case ITLS_UE_EV_START:
		return "start";
	case ITLS_UE_EV_TLS_UP:
		return "tls-up";
	case ITLS_UE_EV_TLS_FAIL:
		return "tls-fail";
	case ITLS_UE_EV_SM6:
		return "SM6";
	case ITLS_UE_EV_SM12:
		return "SM12";
	case ITLS_UE_EV_REJECT:
		return "reject";
	case ITLS_UE_EV_TLS_LOST:
		return "tls-lost";
	case ITLS_UE_EV_TLS_INBOUND:
		return "tls-inbound";
	case ITLS_UE_EV_REREGISTER:
		return "reregister";
	default:
		return "?";
	}
}

/* see itls/ue.h */
const char *
itls_ue_guard_name(int g)
{
	switch (g) {
	case ITLS_UE_G_ALWAYS:
		return "-";
	case ITLS_UE_G_TLS_FIRST:
		return "tls-first";
	case ITLS_UE_G_SA_FIRST:
		return "sec-agree-first";
	case ITLS_UE_G_CAN_FALLBACK:
		return "ipsec offered";
	case ITLS_UE_G_NO_FALLBACK:
		return "nothing else offered";
	case ITLS_UE_G_AKA_FAIL:
		return "AUTN rejected";
	case ITLS_UE_G_NO_COMMON:
		return "no common mechanism";
	case ITLS_UE_G_TLS_NO_TOKEN:
		return "tls, no s_token";
	case ITLS_UE_G_CERT_SWAP:
		return "certificate not the connection's";
	case ITLS_UE_G_TLS_BAD_TOKEN:
		return "tls, s_token invalid";
	case ITLS_UE_G_TLS_BAD_NAMES:
		return "tls, names fail";
	case ITLS_UE_G_TLS_OK:
		return "tls, s_token valid";
	case ITLS_UE_G_TLS_LATE:
		return "tls, TLS not up";
	case ITLS_UE_G_TLS_PSK:
		return "tls, PSK mode";
	case ITLS_UE_G_TLS_PSK_UP:
		return "tls, PSK mode, TLS up";
	case ITLS_UE_G_IPSEC_BAD_TOKEN:
		return "ipsec, s_token invalid";
	case ITLS_UE_G_IPSEC_TLS_TOKEN:
		return "ipsec in TLS, s_token valid";
	case ITLS_UE_G_IPSEC_TLS:
		return "ipsec in TLS, no s_token";
	case ITLS_UE_G_IPSEC:
		return "ipsec, no TLS";
	case ITLS_UE_G_CERT_BAD_TOKEN:
		return "s_token invalid over cert";
	case ITLS_UE_G_CERT_BAD_NAMES:
		return "names fail";
	case ITLS_UE_G_CERT_OK:
		return "s_token valid over cert";
	case ITLS_UE_G_PSK_OK:
		return "PSK handshake";
	case ITLS_UE_G_PSK_BAD:
		return "not a PSK handshake";
	case ITLS_UE_G_RESUMED:
		return "resumed";
	case ITLS_UE_G_NEW_SESSION:
		return "new full handshake";
	case ITLS_UE_G_MECH_TLS:
		return "mechanism tls";
	case ITLS_UE_G_MECH_IPSEC:
		return "mechanism ipsec";
	default:
		return "?";
	}
}

/* see itls/ue.h */
const char *
itls_ue_act_name(int a)
{
	switch (a) {
	case ITLS_UE_A_NONE:
		return "-";
	case ITLS_UE_A_TLS_CONNECT:
		return "tls-connect";
	case ITLS_UE_A_TLS_CONNECT_PSK:
		return "tls-connect-psk";
	case ITLS_UE_A_TLS_RESUME:
		return "tls-resume";
	case ITLS_UE_A_TLS_CLOSE:
		return "tls-close";
	case ITLS_UE_A_NOTE_TLS_UP:
		return "note-tls-up";
	case ITLS_UE_A_NOTE_TLS_DOWN:
		return "note-tls-down";
	case ITLS_UE_A_NOTE_UNAUTH_REFUSAL:
		return "note-unauthenticated-refusal";
	case ITLS_UE_A_SEND_SM1:
		return "send-SM1";
	case ITLS_UE_A_LOAD_CHALLENGE:
		return "load-challenge";
	case ITLS_UE_A_ACCEPT_STOKEN:
		return "accept-s_token";
	case ITLS_UE_A_ACCEPT_PSK:
		return "accept-psk";
	case ITLS_UE_A_MAKE_CTOKEN:
		return "make-c_token";
	case ITLS_UE_A_MAKE_PSK:
		return "make-psk";
	case ITLS_UE_A_IPSEC_SETUP:
		return "ipsec-setup";
	case ITLS_UE_A_SEND_SM7:
		return "send-SM7";
	case ITLS_UE_A_REGISTERED:
		return "registered";
	case ITLS_UE_A_REFUSE:
		return "refuse";
	case ITLS_UE_A_ABORT:
		return "abort";
	default:
		return "?";
	}
}

/*@ requires \valid(dst + (0 .. n - 1));
  @ requires \valid_read(src + (0 .. n - 1));
  @ requires \separated(dst + (0 .. n - 1), src + (0 .. n - 1));
  @ assigns dst[0 .. n - 1];
  @ ensures \forall integer i; 0 <= i < n ==> dst[i] == \old(src[i]);
  @*/
static void
ue_copy(uint8_t *dst, const uint8_t *src, size_t n)
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

/* the same for text (Security-* values) */
/*@ requires \valid(dst + (0 .. n - 1));
  @ requires \valid_read(src + (0 .. n - 1));
  @ requires \separated(dst + (0 .. n - 1), src + (0 .. n - 1));
  @ assigns dst[0 .. n - 1];
  @ ensures \forall integer i; 0 <= i < n ==> dst[i] == \old(src[i]);
  @*/
static void
ue_copy_text(char *dst, const char *src, size_t n)
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
ue_zero(uint8_t *p, size_t n)
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

/* ---- agreement (UE-06) ----------------------------------------------------------- */

/* ASCII lower case; only A-Z fold (SA-28) */
/*@ assigns \nothing;
  @ ensures \result == sa_lower(c);
  @*/
static int
ue_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* the mechanism b[off .. off+len) names: tls, ipsec-3gpp, or none */
/*@ requires \valid_read(b + (off .. off + len - 1));
  @ assigns \nothing;
  @ ensures itls_ue_is_tls(b, off, len) ==> \result == ITLS_MECH_TLS;
  @ ensures itls_ue_is_ipsec(b, off, len) ==> \result == ITLS_MECH_IPSEC;
  @ ensures !itls_ue_is_tls(b, off, len) && !itls_ue_is_ipsec(b, off, len) ==>
  @   \result == ITLS_MECH_NONE;
  @*/
static enum itls_mech
ue_mech_name(const char *b, size_t off, size_t len)
{
	const char *p = b + off;

	if (len == 3 && ue_lower(p[0]) == 't' && ue_lower(p[1]) == 'l'
		&& ue_lower(p[2]) == 's') {
		return ITLS_MECH_TLS;
	}
	if (len == 10 && ue_lower(p[0]) == 'i' && ue_lower(p[1]) == 'p'
		&& ue_lower(p[2]) == 's' && ue_lower(p[3]) == 'e'
		&& ue_lower(p[4]) == 'c' && p[5] == '-' && p[6] == '3'
		&& ue_lower(p[7]) == 'g' && ue_lower(p[8]) == 'p'
		&& ue_lower(p[9]) == 'p') {
		return ITLS_MECH_IPSEC;
	}
	return ITLS_MECH_NONE;
}

/*
 * UE-06 (RFC 3329 §2.3): among the mechanisms of the Security-Server l
 * (names and q, views into b[0 .. blen)) that the UE offers, the one with
 * the highest q, the first of equals; ITLS_MECH_NONE when the UE offers
 * none of them. A view outside b counts as a name the UE does not know.
 */
/*@ requires \valid_read(l);
  @ requires \valid_read(b + (0 .. blen - 1));
  @ assigns \nothing;
  @ ensures itls_ue_mech_ok(\result);
  @ ensures UE_06: itls_ue_agreed(l, b, blen, offer, \result);
  @*/
static enum itls_mech
ue_agree(const struct itls_secagree_ranks *l, const char *b, size_t blen,
	unsigned offer)
{
	size_t n = l->count < ITLS_SECAGREE_MAX_MECHS ? l->count
		: ITLS_SECAGREE_MAX_MECHS;
	size_t i, best = 0;
	int found = 0;
	enum itls_mech bm = ITLS_MECH_NONE;

	/*@ loop invariant 0 <= i <= n;
	  @ loop invariant n <= l->count && n <= ITLS_SECAGREE_MAX_MECHS;
	  @ loop invariant n == l->count || n == ITLS_SECAGREE_MAX_MECHS;
	  @ loop invariant found == 0 || found == 1;
	  @ loop invariant found == 0 ==> bm == ITLS_MECH_NONE;
	  @ loop invariant found == 0 ==> \forall integer k; 0 <= k < i ==>
	  @   !itls_ue_offered(l, b, blen, offer, k);
	  @ loop invariant found == 1 ==> best < i;
	  @ loop invariant found == 1 ==> itls_ue_offer_at(l, b, blen, offer, best, bm);
	  @ loop invariant found == 1 ==> \forall integer k; 0 <= k < i &&
	  @   itls_ue_offered(l, b, blen, offer, k) ==> l->mechs[k].q <= l->mechs[best].q;
	  @ loop invariant found == 1 ==> \forall integer k; 0 <= k < best &&
	  @   itls_ue_offered(l, b, blen, offer, k) ==> l->mechs[k].q < l->mechs[best].q;
	  @ loop assigns i, best, found, bm;
	  @ loop variant n - i;
	  @*/
	for (i = 0; i < n; i++) {
		size_t off = l->mechs[i].name.off;
		size_t len = l->mechs[i].name.len;
		enum itls_mech k;
		int mine;

		if (off > blen || len > blen - off) {
			continue;
		}
		k = ue_mech_name(b, off, len);
		mine = (k == ITLS_MECH_TLS && (offer & ITLS_OFFER_TLS) != 0)
			|| (k == ITLS_MECH_IPSEC && (offer & ITLS_OFFER_IPSEC) != 0);
		if (!mine) {
			continue;
		}
		if (!found || l->mechs[i].q > l->mechs[best].q) {
			found = 1;
			best = i;
			bm = k;
		}
	}
	return bm;
}

/* ---- crypto and names: the facts the guards need ------------------------------ */

/* what phase 1 computes */
struct ue_facts {
	int stok_valid;      /* the s_token in play verifies over the event's certificate */
	int names_ok;        /* names and realm pass (or are not checked) */
	enum itls_err names_err;
	int has_hash;        /* cert_hash is the SHA-256 of the event's certificate */
	uint8_t cert_hash[ITLS_SHA256_LEN];
	int cert_same;       /* SM6 over TLS: that digest is the connection's (UE-25) */
	int psk_same;        /* TLS_UP, PSK: the handshake used this run's PSK (UE-27) */
	enum itls_mech mech; /* SM6: the UE's choice over Security-Server (UE-06) */
	enum itls_err sa_err;            /* SM6: why there is no choice */
};

/*
 * UE-09: s_token = MAC under this run's keys of the certificate DER
 * (itls/token.h, TK-01/TK-11), compared in constant time (TK-07).
 * 1 when it verifies.
 */
/*@ requires \valid_read(keys);
  @ requires \valid_read(tok + (0 .. 11));
  @ requires \valid_read(cert + (0 .. cert_len - 1));
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 ==> cert_len > 0 && itls_profile_ok(keys->profile) &&
  @   itls_mem((uint8_t *)tok, ITLS_TOKEN_LEN) ==
  @     itls_s_token_of(keys, itls_mem((uint8_t *)cert, cert_len));
  @*/
static int
ue_stok_check(const struct itls_token_keys *keys, const uint8_t *tok,
	const uint8_t *cert, size_t cert_len)
{
	if (cert_len == 0) {
		return 0;
	}
	return itls_token_verify_server(keys, cert, cert_len, tok) == ITLS_OK
		? 1 : 0;
}

/*
 * UE-10: seed 003 §3.1 -- the certificate
 * identifies a host within the home domain and the realm corresponds.
 */
/*@ requires \valid(f);
  @ requires \valid_read(cert + (0 .. cert_len - 1));
  @ requires \valid_read(realm + (0 .. realm_len - 1));
  @ requires \valid_read(st) && st->cfg.domain_len <= ITLS_FSM_NAME_MAX;
  @ requires \separated(f, st);
  @ assigns f->names_ok, f->names_err;
  @ ensures f->names_ok == 0 || f->names_ok == 1;
  @*/
static void
ue_names(struct ue_facts *f, const struct itls_ue *st, const uint8_t *cert,
	size_t cert_len, const uint8_t *realm, size_t realm_len)
{
	enum itls_err e;

	f->names_ok = 1;
	f->names_err = ITLS_OK;
	if (!st->cfg.check_names) {
		return;
	}
	e = itls_name_check(cert, cert_len, st->cfg.domain, st->cfg.domain_len,
		realm, realm_len, realm_len > 0 ? 1 : 0, 0);
	if (e != ITLS_OK) {
		f->names_ok = 0;
		f->names_err = e;
	}
}

/* UE-09: s_token of this SM6, under this SM6's keys, over its certificate */
/*@ requires \valid_read(st) && itls_ue_inv_data(st);
  @ requires itls_ue_event_ok(ev);
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @*/
static int
ue_stok_sm6(const struct itls_ue *st, const struct itls_ue_event *ev)
{
	struct itls_token_keys k;
	int v;

	ue_copy(k.ik, ev->ik, ITLS_FSM_KEY_LEN);
	ue_copy(k.ck, ev->ck, ITLS_FSM_KEY_LEN);
	k.profile = st->keys.profile;
	v = ue_stok_check(&k, ev->s_token, ev->cert, ev->cert_len);
	itls_crypto_wipe(k.ik, ITLS_FSM_KEY_LEN);
	itls_crypto_wipe(k.ck, ITLS_FSM_KEY_LEN);
	return v;
}

/* UE-06: parse Security-Server, choose */
/*@ requires \valid(f) && \valid_read(st) && itls_ue_inv_data(st);
  @ requires itls_ue_event_ok(ev);
  @ requires \separated(f, st, ev);
  @ requires \separated(f, ev->sec_server + (0 .. ev->sec_server_len - 1));
  @ assigns f->mech, f->sa_err;
  @ ensures itls_ue_mech_ok(f->mech);
  @ ensures f->sa_err != ITLS_OK;
  @*/
static void
ue_choose(struct ue_facts *f, const struct itls_ue *st,
	const struct itls_ue_event *ev)
{
	struct itls_secagree_ranks l;   /* names and q only (SA-32): a small stack */
	enum itls_err e;

	f->mech = ITLS_MECH_NONE;
	f->sa_err = ITLS_ERR_NO_COMMON_MECHANISM;
	e = itls_secagree_parse_ranks(&l, ITLS_SECAGREE_SERVER, ev->sec_server,
		ev->sec_server_len);
	if (e != ITLS_OK) {
		f->sa_err = e;
		return;
	}
	f->mech = ue_agree(&l, ev->sec_server, ev->sec_server_len, st->cfg.offer);
}

/*@ requires \valid(f) && \valid_read(st) && itls_ue_inv(st);
  @ requires itls_ue_event_ok(ev);
  @ requires \separated(f, st, ev);
  @ requires \separated(f, ev->cert + (0 .. ev->cert_len - 1),
  @   ev->sec_server + (0 .. ev->sec_server_len - 1));
  @ assigns *f;
  @ ensures f->stok_valid == 0 || f->stok_valid == 1;
  @ ensures f->names_ok == 0 || f->names_ok == 1;
  @ ensures f->cert_same == 0 || f->cert_same == 1;
  @ ensures f->psk_same == 0 || f->psk_same == 1;
  @ ensures itls_ue_mech_ok(f->mech);
  @ ensures f->sa_err != ITLS_OK;
  @*/
static void
ue_facts(struct ue_facts *f, const struct itls_ue *st,
	const struct itls_ue_event *ev)
{
	int sv = 0;

	f->stok_valid = 0;
	f->names_ok = 1;
	f->names_err = ITLS_OK;
	f->has_hash = 0;
	f->cert_same = 0;
	f->psk_same = 0;
	f->mech = ITLS_MECH_NONE;
	f->sa_err = ITLS_ERR_NO_COMMON_MECHANISM;
	if (ev->kind == ITLS_UE_EV_SM6) {
		ue_choose(f, st, ev);
	}
	if (st->cfg.mode != ITLS_TLS_CERT) {
		/* UE-27: the PSK the handshake was keyed with is this run's */
		if (ev->kind == ITLS_UE_EV_TLS_UP && ev->psk && st->has_psk == 1
			&& itls_crypto_eq(ev->psk_key, st->psk, ITLS_FSM_PSK_LEN) == 0) {
			f->psk_same = 1;
		}
		return;
	}
	/* UE-25: the digest of the certificate of this event */
	if (ev->cert_len > 0 && ((ev->kind == ITLS_UE_EV_SM6 && st->tls_up)
		|| (ev->kind == ITLS_UE_EV_TLS_UP && !ev->resumed))) {
		itls_crypto_sha256(f->cert_hash, ev->cert, ev->cert_len);
		f->has_hash = 1;
	}
	if (ev->kind == ITLS_UE_EV_SM6 && st->tls_up && ev->has_stoken) {
		/* TLS first: the certificate of SM6 must be the connection's
		 * (UE-25), and the token of this SM6, under this SM6's keys,
		 * must verify over it (UE-09) */
		if (f->has_hash && st->conn_has_cert == 1
			&& itls_crypto_eq(f->cert_hash, st->conn_cert, ITLS_SHA256_LEN) == 0) {
			f->cert_same = 1;
		}
		sv = ue_stok_sm6(st, ev);
		ue_names(f, st, ev->cert, ev->cert_len, ev->realm, ev->realm_len);
	} else if (ev->kind == ITLS_UE_EV_TLS_UP && st->has_stoken
		&& ev->cert_len > 0) {
		/* TLS after SM6, or a new full handshake: the stored token */
		sv = ue_stok_check(&st->keys, st->s_token, ev->cert, ev->cert_len);
		ue_names(f, st, ev->cert, ev->cert_len, st->realm, st->realm_len);
	}
	f->stok_valid = sv;
}

/* ---- guards ---------------------------------------------------------------------- */

/*@ requires \valid_read(st) && itls_ue_inv(st);
  @ requires itls_ue_event_ok(ev);
  @ requires \valid_read(f);
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @*/
static int
ue_guard(const struct itls_ue *st, const struct itls_ue_event *ev,
	const struct ue_facts *f, enum itls_ue_guard g)
{
	int cert = st->cfg.mode == ITLS_TLS_CERT;
	int tls = f->mech == ITLS_MECH_TLS;
	int ipsec = f->mech == ITLS_MECH_IPSEC;

	switch (g) {
	case ITLS_UE_G_ALWAYS:
		return 1;
	case ITLS_UE_G_TLS_FIRST:
		return st->cfg.tls_first ? 1 : 0;
	case ITLS_UE_G_SA_FIRST:
		return st->cfg.tls_first ? 0 : 1;
	case ITLS_UE_G_CAN_FALLBACK:
		return (st->cfg.offer & ITLS_OFFER_IPSEC) ? 1 : 0;
	case ITLS_UE_G_NO_FALLBACK:
		return (st->cfg.offer & ITLS_OFFER_IPSEC) ? 0 : 1;
	case ITLS_UE_G_AKA_FAIL:
		/* UE-07 */
		return ev->aka_ok ? 0 : 1;
	case ITLS_UE_G_NO_COMMON:
		/* UE-06: the UE's own choice found nothing it offered */
		return (tls || ipsec) ? 0 : 1;
	case ITLS_UE_G_TLS_NO_TOKEN:
		/* UE-08 */
		return (tls && cert && !ev->has_stoken) ? 1 : 0;
	case ITLS_UE_G_CERT_SWAP:
		/* UE-25 */
		return ((tls || ipsec) && cert && st->tls_up && ev->has_stoken
			&& !f->cert_same) ? 1 : 0;
	case ITLS_UE_G_TLS_BAD_TOKEN:
		/* UE-09 */
		return (tls && cert && st->tls_up && !f->stok_valid) ? 1 : 0;
	case ITLS_UE_G_TLS_BAD_NAMES:
		/* UE-10 */
		return (tls && cert && st->tls_up && !f->names_ok) ? 1 : 0;
	case ITLS_UE_G_TLS_OK:
		return (tls && cert && st->tls_up && f->cert_same && f->stok_valid
			&& f->names_ok) ? 1 : 0;
	case ITLS_UE_G_TLS_LATE:
		/* UE-14 */
		return (tls && cert && !st->tls_up && ev->has_stoken) ? 1 : 0;
	case ITLS_UE_G_TLS_PSK:
		/* UE-17 */
		return (tls && !cert && !st->tls_up) ? 1 : 0;
	case ITLS_UE_G_TLS_PSK_UP:
		/* UE-30 */
		return (tls && !cert && st->tls_up) ? 1 : 0;
	case ITLS_UE_G_IPSEC_BAD_TOKEN:
		/* UE-13 */
		return (ipsec && cert && st->tls_up && ev->has_stoken
			&& !f->stok_valid) ? 1 : 0;
	case ITLS_UE_G_IPSEC_TLS_TOKEN:
		return (ipsec && cert && st->tls_up && ev->has_stoken
			&& f->cert_same && f->stok_valid) ? 1 : 0;
	case ITLS_UE_G_IPSEC_TLS:
		return (ipsec && st->tls_up && !(cert && ev->has_stoken)) ? 1 : 0;
	case ITLS_UE_G_IPSEC:
		/* UE-24: without TLS a received s_token cannot be checked: ignored */
		return (ipsec && !st->tls_up) ? 1 : 0;
	case ITLS_UE_G_CERT_BAD_TOKEN:
		return (cert && !ev->resumed && !f->stok_valid) ? 1 : 0;
	case ITLS_UE_G_CERT_BAD_NAMES:
		return (cert && !ev->resumed && !f->names_ok) ? 1 : 0;
	case ITLS_UE_G_CERT_OK:
		return (cert && !ev->resumed && f->stok_valid && f->names_ok)
			? 1 : 0;
	case ITLS_UE_G_PSK_OK:
		/* UE-27 */
		return (!cert && ev->psk && f->psk_same) ? 1 : 0;
	case ITLS_UE_G_PSK_BAD:
		return (!cert && !(ev->psk && f->psk_same)) ? 1 : 0;
	case ITLS_UE_G_RESUMED:
		/* UE-19, UE-26: a resumed session is the one already bound */
		return ev->resumed ? 1 : 0;
	case ITLS_UE_G_NEW_SESSION:
		/* UE-29, D-PC-9 */
		return (cert && !ev->resumed) ? 1 : 0;
	case ITLS_UE_G_MECH_TLS:
		return st->chosen == ITLS_MECH_TLS ? 1 : 0;
	case ITLS_UE_G_MECH_IPSEC:
		return st->chosen == ITLS_MECH_IPSEC ? 1 : 0;
	default:
		return 0;
	}
}

/* the reason an ABORT of row guard g gives */
/*@ requires \valid_read(f);
  @ requires f->sa_err != ITLS_OK;
  @ assigns \nothing;
  @ ensures \result != ITLS_OK;
  @ ensures g == ITLS_UE_G_AKA_FAIL ==> \result == ITLS_ERR_MAC_FAILURE;
  @ ensures g == ITLS_UE_G_TLS_NO_TOKEN ==> \result == ITLS_ERR_TOKEN_MISSING;
  @ ensures g == ITLS_UE_G_CERT_SWAP ==> \result == ITLS_ERR_CERT_MISMATCH;
  @ ensures g == ITLS_UE_G_PSK_BAD ==> \result == ITLS_ERR_PSK_MISMATCH;
  @ ensures g == ITLS_UE_G_NO_COMMON ==> \result == f->sa_err;
  @ ensures g == ITLS_UE_G_TLS_BAD_TOKEN || g == ITLS_UE_G_IPSEC_BAD_TOKEN ||
  @   g == ITLS_UE_G_CERT_BAD_TOKEN ==>
  @   \result == ITLS_ERR_TOKEN_INVALID;
  @*/
static enum itls_err
ue_abort_reason(enum itls_ue_guard g, const struct ue_facts *f)
{
	switch (g) {
	case ITLS_UE_G_AKA_FAIL:
		return ITLS_ERR_MAC_FAILURE;
	case ITLS_UE_G_NO_COMMON:
		/* UE-06: no-common-mechanism, or why Security-Server did not parse */
		return f->sa_err;
	case ITLS_UE_G_NO_FALLBACK:
		return ITLS_ERR_NO_COMMON_MECHANISM;
	case ITLS_UE_G_TLS_NO_TOKEN:
		return ITLS_ERR_TOKEN_MISSING;
	case ITLS_UE_G_CERT_SWAP:
		return ITLS_ERR_CERT_MISMATCH;
	case ITLS_UE_G_PSK_BAD:
		return ITLS_ERR_PSK_MISMATCH;
	case ITLS_UE_G_TLS_BAD_TOKEN:
	case ITLS_UE_G_IPSEC_BAD_TOKEN:
	case ITLS_UE_G_CERT_BAD_TOKEN:
		return ITLS_ERR_TOKEN_INVALID;
	case ITLS_UE_G_TLS_BAD_NAMES:
	case ITLS_UE_G_CERT_BAD_NAMES:
		return f->names_err != ITLS_OK ? f->names_err
			: ITLS_ERR_DOMAIN_MISMATCH;
	default:
		return ITLS_ERR_NOT_ALLOWED;
	}
}

/* ---- steps ------------------------------------------------------------------------ */

/* UE-11: c_token = MAC under this run's keys of the 12 raw bytes of s_token */
/*@ requires \valid(st);
  @ assigns st->c_token[0 .. 11], st->has_ctoken;
  @ ensures st->has_ctoken == 0 || st->has_ctoken == 1;
  @*/
static void
ue_make_ctoken(struct itls_ue *st)
{
	st->has_ctoken = itls_token_client(st->c_token, &st->keys, st->s_token)
		== ITLS_OK ? 1 : 0;
}

/*
 * UE-17: PSK = KDF(CK || IK, FC 0x01, "itls psk", IMPI) (D-PS-1); UE-27: a
 * new PSK is not yet the one of any handshake
 */
/*@ requires \valid(st);
  @ requires st->cfg.impi_len <= ITLS_FSM_NAME_MAX;
  @ assigns st->psk[0 .. 31], st->has_psk, st->psk_ok;
  @ ensures st->has_psk == 0 || st->has_psk == 1;
  @ ensures UE_27: itls_ue_psk_rec(st);
  @*/
static void
ue_make_psk(struct itls_ue *st)
{
	int e = itls_psk_derive(st->psk, st->keys.ck, st->keys.ik,
		st->cfg.impi, st->cfg.impi_len);

	st->psk_ok = 0;
	st->has_psk = 0;
	if (e == ITLS_OK) {
		/* (proof steps: the inputs of the derivation are as they were) */
		/*@ assert itls_same(itls_mem(&st->keys.ck[0], 16), \at(itls_mem(&st->keys.ck[0], 16), Pre)); */
		/*@ assert itls_same(itls_mem(&st->keys.ik[0], 16), \at(itls_mem(&st->keys.ik[0], 16), Pre)); */
		/*@ assert itls_same(itls_mem(&st->cfg.impi[0], st->cfg.impi_len),
		  @   \at(itls_mem(&st->cfg.impi[0], st->cfg.impi_len), Pre)); */
		/*@ assert itls_same(itls_psk_label_bytes, \at(itls_psk_label_bytes, Pre)); */
		st->has_psk = 1;
	}
}

/* wipe the keys of the run (on abort); what was bound to them is not */
/*@ requires \valid(st);
  @ assigns st->keys.ik[0 .. 15], st->keys.ck[0 .. 15], st->psk[0 .. 31], st->has_psk,
  @   st->stok_ok, st->psk_ok;
  @ ensures st->has_psk == 0 && st->stok_ok == 0 && st->psk_ok == 0;
  @*/
static void
ue_wipe_keys(struct itls_ue *st)
{
	itls_crypto_wipe(st->keys.ik, ITLS_FSM_KEY_LEN);
	itls_crypto_wipe(st->keys.ck, ITLS_FSM_KEY_LEN);
	itls_crypto_wipe(st->psk, ITLS_FSM_PSK_LEN);
	st->has_psk = 0;
	st->stok_ok = 0;
	st->psk_ok = 0;
}

/*
 * UE-09, UE-25: the s_token record is the outcome of the verification of
 * the stored s_token, under the stored keys, over the certificate of this
 * event, whose SHA-256 must be the one recorded for the connection.
 */
/*@ requires \valid(st);
  @ requires itls_ue_event_ok(ev);
  @ requires \separated(st, ev);
  @ requires \separated(st, ev->cert + (0 .. ev->cert_len - 1));
  @ assigns st->stok_ok, st->stok_run;
  @ ensures st->stok_run == st->aka_run;
  @ ensures st->stok_ok == 0 || st->stok_ok == 1;
  @ ensures UE_25: st->stok_ok == 1 ==> itls_ue_stok_bound(st);
  @*/
static void
ue_accept_stoken(struct itls_ue *st, const struct itls_ue_event *ev)
{
	uint8_t h[ITLS_SHA256_LEN];

	st->stok_ok = 0;
	st->stok_run = st->aka_run;
	if (ev->cert_len == 0 || st->conn_has_cert != 1) {
		return;
	}
	itls_crypto_sha256(h, ev->cert, ev->cert_len);
	if (itls_crypto_eq(h, st->conn_cert, ITLS_SHA256_LEN) == 0
		&& ue_stok_check(&st->keys, st->s_token, ev->cert, ev->cert_len) == 1) {
		/*@ assert itls_ue_conn_is(st, itls_mem((uint8_t *)ev->cert, ev->cert_len)); */
		/*@ assert itls_mem(&st->s_token[0], ITLS_TOKEN_LEN) ==
		  @   itls_s_token_of(&st->keys, itls_mem((uint8_t *)ev->cert, ev->cert_len)); */
		/*@ assert itls_blen(itls_mem((uint8_t *)ev->cert, ev->cert_len)) > 0; */
		st->stok_ok = 1;
	}
}

/* UE-25, UE-26: a full handshake records the digest of its certificate */
/*@ requires \valid(st);
  @ requires itls_ue_event_ok(ev);
  @ requires \separated(st, ev);
  @ requires \separated(st, ev->cert + (0 .. ev->cert_len - 1));
  @ assigns st->stok_ok, st->conn_has_cert, st->conn_cert[0 .. ITLS_SHA256_LEN - 1];
  @ ensures st->stok_ok == 0;
  @ ensures st->conn_has_cert == 0 || st->conn_has_cert == 1;
  @ ensures UE_25: st->conn_has_cert == 1 ==>
  @   itls_ue_conn_is(st, itls_mem((uint8_t *)ev->cert, ev->cert_len));
  @*/
static void
ue_note_conn(struct itls_ue *st, const struct itls_ue_event *ev)
{
	st->stok_ok = 0;
	st->conn_has_cert = 0;
	if (ev->cert_len > 0) {
		itls_crypto_sha256(st->conn_cert, ev->cert, ev->cert_len);
		st->conn_has_cert = 1;
	}
}

/*
 * Run one step a; fill *act. Only the steps ACCEPT_* set the records
 * stok_ok / psk_ok, each from a check it makes itself (UE-09, UE-25,
 * UE-27); LOAD_CHALLENGE, a new full handshake and ABORT clear them.
 */
/*@ requires \valid(st) && \valid(act) && \valid_read(f);
  @ requires itls_ue_event_ok(ev);
  @ requires \separated(st, act, f, ev);
  @ requires \separated(st, ev->cert + (0 .. ev->cert_len - 1),
  @   ev->sec_server + (0 .. ev->sec_server_len - 1), ev->realm + (0 .. ev->realm_len - 1));
  @ requires ev->kind == ITLS_UE_EV_SM6 ==>
  @   ev->sec_server_len <= ITLS_FSM_HDR_MAX && ev->realm_len <= ITLS_FSM_NAME_MAX;
  @ requires st->cfg.impi_len <= ITLS_FSM_NAME_MAX;
  @ requires st->sec_server_len <= ITLS_FSM_HDR_MAX && st->realm_len <= ITLS_FSM_NAME_MAX;
  @ requires itls_ue_mech_ok(st->chosen);
  @ requires itls_ue_mech_ok(f->mech);
  @ requires f->sa_err != ITLS_OK;
  @ requires itls_ue_psk_rec(st);
  @ assigns st->tls_up, st->refusal_unauth, st->aka_run, st->sm6_seen,
  @   st->stok_ok, st->stok_run, st->psk_ok, st->psk_run, st->has_ctoken, st->has_psk,
  @   st->chosen, st->keys.ik[0 .. 15], st->keys.ck[0 .. 15], st->has_stoken,
  @   st->s_token[0 .. 11], st->c_token[0 .. 11], st->psk[0 .. 31],
  @   st->sec_server[0 .. ITLS_FSM_HDR_MAX - 1], st->sec_server_len,
  @   st->realm[0 .. ITLS_FSM_NAME_MAX - 1], st->realm_len, st->reason,
  @   st->conn_has_cert, st->conn_cert[0 .. ITLS_SHA256_LEN - 1], *act;
  @ ensures act->kind == a;
  @ ensures st->sec_server_len <= ITLS_FSM_HDR_MAX && st->realm_len <= ITLS_FSM_NAME_MAX;
  @ ensures itls_ue_mech_ok(st->chosen);
  @ ensures a == ITLS_UE_A_LOAD_CHALLENGE ==> st->sm6_seen == 1;
  @ ensures a != ITLS_UE_A_LOAD_CHALLENGE ==> st->sm6_seen == \old(st->sm6_seen);
  @ ensures a == ITLS_UE_A_SEND_SM7 ==> act->mech == st->chosen;
  @ ensures UE_27: itls_ue_psk_rec(st);
  @ ensures UE_26: ev->kind == ITLS_UE_EV_TLS_UP && ev->resumed != 0 ==>
  @   st->conn_has_cert == \old(st->conn_has_cert) &&
  @   (\forall integer i; 0 <= i < ITLS_SHA256_LEN ==> st->conn_cert[i] == \old(st->conn_cert[i]));
  @*/
static void
ue_do(struct itls_ue *st, const struct itls_ue_event *ev,
	const struct ue_facts *f, enum itls_ue_guard g, enum itls_ue_act a,
	struct itls_ue_action *act)
{
	act->kind = a;
	act->mech = ITLS_MECH_NONE;
	act->via = st->tls_up ? ITLS_TR_TLS : ITLS_TR_PLAIN;
	act->reason = ITLS_OK;
	switch (a) {
	case ITLS_UE_A_TLS_CLOSE:
	case ITLS_UE_A_NOTE_TLS_DOWN:
		/* the recorded certificate stays: it is the one of the session
		 * the UE may resume (UE-26) */
		st->tls_up = 0;
		break;
	case ITLS_UE_A_NOTE_TLS_UP:
		st->tls_up = 1;
		act->via = ITLS_TR_TLS;
		if (ev->kind == ITLS_UE_EV_TLS_UP && ev->resumed == 0) {
			/* UE-25: a full handshake; what was bound to the earlier
			 * certificate is not bound to this one */
			ue_note_conn(st, ev);
			/*@ assert itls_same(itls_mem(&st->psk[0], ITLS_FSM_PSK_LEN),
			  @   \at(itls_mem(&st->psk[0], ITLS_FSM_PSK_LEN), Pre)); */
			/*@ assert itls_same(itls_mem(&st->keys.ck[0], 16), \at(itls_mem(&st->keys.ck[0], 16), Pre)); */
			/*@ assert itls_same(itls_mem(&st->keys.ik[0], 16), \at(itls_mem(&st->keys.ik[0], 16), Pre)); */
			/*@ assert itls_same(itls_mem(&st->cfg.impi[0], st->cfg.impi_len),
			  @   \at(itls_mem(&st->cfg.impi[0], st->cfg.impi_len), Pre)); */
			/*@ assert itls_same(itls_psk_label_bytes, \at(itls_psk_label_bytes, Pre)); */
		}
		break;
	case ITLS_UE_A_NOTE_UNAUTH_REFUSAL:
		/* UE-15: nothing authenticates the refusal of figure 5 */
		st->refusal_unauth = 1;
		break;
	case ITLS_UE_A_LOAD_CHALLENGE:
		/* UE-09: a new AKA run; what was bound to the old one is not */
		if (st->aka_run < UINT32_MAX) {
			st->aka_run++;
		}
		st->sm6_seen = 1;
		st->stok_ok = 0;
		st->psk_ok = 0;
		st->has_ctoken = 0;
		st->has_psk = 0;
		ue_copy(st->keys.ik, ev->ik, ITLS_FSM_KEY_LEN);
		ue_copy(st->keys.ck, ev->ck, ITLS_FSM_KEY_LEN);
		st->has_stoken = ev->has_stoken ? 1 : 0;
		ue_copy(st->s_token, ev->s_token, ITLS_FSM_TOKEN_LEN);
		if (ev->kind == ITLS_UE_EV_SM6) {
			/* UE-12: kept for Security-Verify */
			ue_copy_text(st->sec_server, ev->sec_server, ev->sec_server_len);
			st->sec_server_len = ev->sec_server_len;
			ue_copy(st->realm, ev->realm, ev->realm_len);
			st->realm_len = ev->realm_len;
		}
		/* UE-06: the UE's own choice over this Security-Server (facts) */
		st->chosen = f->mech;
		act->mech = st->chosen;
		break;
	case ITLS_UE_A_ACCEPT_STOKEN:
		ue_accept_stoken(st, ev);
		break;
	case ITLS_UE_A_ACCEPT_PSK:
		/* UE-17, UE-27: the handshake used the PSK of this run */
		st->psk_ok = (ev->psk && st->has_psk == 1
			&& itls_crypto_eq(ev->psk_key, st->psk, ITLS_FSM_PSK_LEN) == 0)
			? 1 : 0;
		st->psk_run = st->aka_run;
		break;
	case ITLS_UE_A_MAKE_CTOKEN:
		ue_make_ctoken(st);
		/*@ assert itls_same(itls_mem(&st->psk[0], ITLS_FSM_PSK_LEN),
		  @   \at(itls_mem(&st->psk[0], ITLS_FSM_PSK_LEN), Pre)); */
		/*@ assert itls_same(itls_mem(&st->keys.ck[0], 16), \at(itls_mem(&st->keys.ck[0], 16), Pre)); */
		/*@ assert itls_same(itls_mem(&st->keys.ik[0], 16), \at(itls_mem(&st->keys.ik[0], 16), Pre)); */
		/*@ assert itls_same(itls_mem(&st->cfg.impi[0], st->cfg.impi_len),
		  @   \at(itls_mem(&st->cfg.impi[0], st->cfg.impi_len), Pre)); */
		/*@ assert itls_same(itls_psk_label_bytes, \at(itls_psk_label_bytes, Pre)); */
		break;
	case ITLS_UE_A_MAKE_PSK:
		ue_make_psk(st);
		break;
	case ITLS_UE_A_SEND_SM7:
		/* UE-12: Security-Verify = sec_server; Security-Client = cfg.sec_client */
		act->mech = st->chosen;
		act->via = st->chosen == ITLS_MECH_TLS ? ITLS_TR_TLS : ITLS_TR_IPSEC;
		break;
	case ITLS_UE_A_REGISTERED:
	case ITLS_UE_A_IPSEC_SETUP:
		act->mech = st->chosen;
		break;
	case ITLS_UE_A_SEND_SM1:
		/* UE-04; UE-28: a re-registration of a UE registered over IPsec
		 * goes over its security associations */
		if (!st->tls_up && st->chosen == ITLS_MECH_IPSEC) {
			act->via = ITLS_TR_IPSEC;
		}
		break;
	case ITLS_UE_A_REFUSE:
		/* UE-18 */
		act->reason = ITLS_ERR_NOT_ALLOWED;
		st->reason = ITLS_ERR_NOT_ALLOWED;
		break;
	case ITLS_UE_A_ABORT:
		act->reason = ue_abort_reason(g, f);
		st->reason = act->reason;
		ue_wipe_keys(st);
		break;
	default:
		break;
	}
}

/* ---- the safety check (UE-20..UE-22) ------------------------------------------------ */

/*@ requires \valid_read(st);
  @ requires \valid_read(out + (0 .. k - 1));
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 ==>
  @   (\forall integer i; 0 <= i < k && out[i].kind == ITLS_UE_A_SEND_SM7 ==>
  @      st->sm6_seen == 1) &&
  @   (\forall integer i; 0 <= i < k && out[i].kind == ITLS_UE_A_SEND_SM7 &&
  @      out[i].mech == ITLS_MECH_TLS ==> itls_ue_bound(st));
  @*/
static int
ue_actions_safe(const struct itls_ue *st, const struct itls_ue_action *out,
	size_t k)
{
	size_t i;
	int bound = (st->cfg.mode == ITLS_TLS_CERT && st->stok_ok == 1
			&& st->stok_run == st->aka_run)
		|| (st->cfg.mode == ITLS_TLS_PSK && st->psk_ok == 1
			&& st->psk_run == st->aka_run);

	/*@ loop invariant 0 <= i <= k;
	  @ loop invariant \forall integer j; 0 <= j < i && out[j].kind == ITLS_UE_A_SEND_SM7 ==>
	  @   st->sm6_seen == 1;
	  @ loop invariant \forall integer j; 0 <= j < i && out[j].kind == ITLS_UE_A_SEND_SM7 &&
	  @   out[j].mech == ITLS_MECH_TLS ==> itls_ue_bound(st);
	  @ loop assigns i;
	  @ loop variant k - i;
	  @*/
	for (i = 0; i < k; i++) {
		if (out[i].kind == ITLS_UE_A_SEND_SM7) {
			if (st->sm6_seen != 1) {
				return 0;
			}
			if (out[i].mech == ITLS_MECH_TLS && !bound) {
				return 0;
			}
		}
	}
	return 1;
}

/* the invariant, for the state the row leads to */
/*@ requires \valid_read(st);
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 ==> itls_ue_state_ok(next) &&
  @   (itls_ue_after_sm6(next) ==> st->sm6_seen == 1 && st->chosen != ITLS_MECH_NONE) &&
  @   (next == ITLS_UE_REGISTERED_TLS ==> st->chosen == ITLS_MECH_TLS) &&
  @   (next == ITLS_UE_RESUMING ==> st->chosen == ITLS_MECH_TLS) &&
  @   (next == ITLS_UE_REGISTERED_IPSEC ==> st->chosen == ITLS_MECH_IPSEC) &&
  @   ((next == ITLS_UE_SM7_SENT || next == ITLS_UE_REGISTERED_TLS ||
  @     next == ITLS_UE_RESUMING) && st->chosen == ITLS_MECH_TLS ==> itls_ue_bound(st));
  @*/
static int
ue_state_safe(const struct itls_ue *st, enum itls_ue_state next)
{
	int bound = (st->cfg.mode == ITLS_TLS_CERT && st->stok_ok == 1
			&& st->stok_run == st->aka_run)
		|| (st->cfg.mode == ITLS_TLS_PSK && st->psk_ok == 1
			&& st->psk_run == st->aka_run);
	int after = next == ITLS_UE_TLS_LATE || next == ITLS_UE_SM7_SENT
		|| next == ITLS_UE_REGISTERED_TLS || next == ITLS_UE_REGISTERED_IPSEC
		|| next == ITLS_UE_RESUMING;

	if ((int)next < 0 || (int)next >= (int)ITLS_UE_STATE_COUNT) {
		return 0;
	}
	if (after && (st->sm6_seen != 1 || st->chosen == ITLS_MECH_NONE)) {
		return 0;
	}
	if ((next == ITLS_UE_REGISTERED_TLS || next == ITLS_UE_RESUMING)
		&& st->chosen != ITLS_MECH_TLS) {
		return 0;
	}
	if (next == ITLS_UE_REGISTERED_IPSEC && st->chosen != ITLS_MECH_IPSEC) {
		return 0;
	}
	if ((next == ITLS_UE_SM7_SENT || next == ITLS_UE_REGISTERED_TLS
		|| next == ITLS_UE_RESUMING) && st->chosen == ITLS_MECH_TLS
		&& !bound) {
		return 0;
	}
	return 1;
}

/* ---- table access ------------------------------------------------------------- */

/* the first row of (state, event) whose guard holds; UE_TABLE_LEN when none */
/*@ requires \valid_read(st) && itls_ue_inv(st);
  @ requires itls_ue_event_ok(ev);
  @ requires \valid_read(f);
  @ assigns \nothing;
  @ ensures 0 <= \result <= UE_TABLE_LEN;
  @*/
static size_t
ue_lookup(const struct itls_ue *st, const struct itls_ue_event *ev,
	const struct ue_facts *f)
{
	size_t r;

	/*@ loop invariant 0 <= r <= UE_TABLE_LEN;
	  @ loop assigns r;
	  @ loop variant UE_TABLE_LEN - r;
	  @*/
	for (r = 0; r < UE_TABLE_LEN; r++) {
		if (itls_ue_table[r].state == st->state
			&& itls_ue_table[r].event == ev->kind
			&& ue_guard(st, ev, f, itls_ue_table[r].guard)) {
			return r;
		}
	}
	return UE_TABLE_LEN;
}

/* row r, copied out */
/*@ requires r < UE_TABLE_LEN;
  @ requires \valid(next) && \valid(g) && \valid(steps + (0 .. ITLS_FSM_ROW_ACTS - 1));
  @ requires \separated(next, g, steps + (0 .. ITLS_FSM_ROW_ACTS - 1));
  @ assigns *next, *g, steps[0 .. ITLS_FSM_ROW_ACTS - 1];
  @*/
static void
ue_row(size_t r, enum itls_ue_state *next, enum itls_ue_guard *g,
	enum itls_ue_act *steps)
{
	size_t j;

	*next = itls_ue_table[r].next;
	*g = itls_ue_table[r].guard;
	/*@ loop invariant 0 <= j <= ITLS_FSM_ROW_ACTS;
	  @ loop assigns j, steps[0 .. ITLS_FSM_ROW_ACTS - 1];
	  @ loop variant ITLS_FSM_ROW_ACTS - j;
	  @*/
	for (j = 0; j < ITLS_FSM_ROW_ACTS; j++) {
		steps[j] = itls_ue_table[r].steps[j];
	}
}

/*
 * Commit a transition: the row's next state when the safety check holds,
 * else `failed` with one ABORT (not-allowed) replacing the actions (UE-22).
 */
/*@ requires \valid(st) && itls_ue_inv_data(st) && itls_ue_psk_rec(st);
  @ requires \valid(out + (0 .. ITLS_FSM_MAX_ACTIONS - 1)) && \valid(n);
  @ requires \separated(st, out + (0 .. ITLS_FSM_MAX_ACTIONS - 1), n);
  @ requires \separated(n, out + (0 .. ITLS_FSM_MAX_ACTIONS - 1));
  @ requires k <= ITLS_FSM_ROW_ACTS;
  @ assigns st->state, st->last_row, st->reason, st->keys.ik[0 .. 15],
  @   st->keys.ck[0 .. 15], st->psk[0 .. 31], st->has_psk, st->stok_ok, st->psk_ok,
  @   out[0], *n;
  @ ensures itls_ue_inv(st);
  @ ensures *n <= ITLS_FSM_MAX_ACTIONS;
  @ ensures UE_26: \forall integer i; 0 <= i < ITLS_SHA256_LEN ==>
  @   st->conn_cert[i] == \old(st->conn_cert[i]);
  @ ensures \forall integer i; 0 <= i < *n && out[i].kind == ITLS_UE_A_SEND_SM7 ==>
  @   st->sm6_seen == 1;
  @ ensures \forall integer i; 0 <= i < *n && out[i].kind == ITLS_UE_A_SEND_SM7 &&
  @   out[i].mech == ITLS_MECH_TLS ==> itls_ue_bound(st);
  @*/
static void
ue_commit(struct itls_ue *st, enum itls_ue_state next, size_t r,
	struct itls_ue_action *out, size_t k, size_t *n)
{
	int safe = ue_state_safe(st, next);

	if (safe) {
		safe = ue_actions_safe(st, out, k);
	}
	if (safe) {
		st->state = next;
		st->last_row = r;
		*n = k;
		return;
	}
	ue_wipe_keys(st);
	st->state = ITLS_UE_FAILED;
	st->reason = ITLS_ERR_NOT_ALLOWED;
	st->last_row = UE_TABLE_LEN;
	out[0].kind = ITLS_UE_A_ABORT;
	out[0].mech = ITLS_MECH_NONE;
	out[0].via = ITLS_TR_PLAIN;
	out[0].reason = ITLS_ERR_NOT_ALLOWED;
	*n = 1;
}

/* ---- the machine -------------------------------------------------------------------- */

/* see itls/ue.h */
enum itls_err
itls_ue_init(struct itls_ue *st, const struct itls_ue_config *cfg)
{
	size_t dlen = cfg->domain_len;
	size_t ilen = cfg->impi_len;

	st->last_row = UE_TABLE_LEN;
	st->tls_up = 0;
	st->sm6_seen = 0;
	st->aka_run = 0;
	st->has_stoken = 0;
	st->has_ctoken = 0;
	st->stok_ok = 0;
	st->stok_run = 0;
	st->psk_ok = 0;
	st->psk_run = 0;
	st->has_psk = 0;
	st->refusal_unauth = 0;
	st->conn_has_cert = 0;
	st->sec_server_len = 0;
	st->realm_len = 0;
	st->cfg.domain_len = 0;
	st->cfg.impi_len = 0;
	ue_zero(st->keys.ik, ITLS_FSM_KEY_LEN);
	ue_zero(st->keys.ck, ITLS_FSM_KEY_LEN);
	ue_zero(st->s_token, ITLS_FSM_TOKEN_LEN);
	ue_zero(st->c_token, ITLS_FSM_TOKEN_LEN);
	ue_zero(st->psk, ITLS_FSM_PSK_LEN);
	ue_zero(st->conn_cert, ITLS_SHA256_LEN);
	st->state = ITLS_UE_IDLE;
	st->chosen = ITLS_MECH_NONE;
	st->reason = ITLS_OK;
	st->cfg.offer = cfg->offer & (ITLS_OFFER_TLS | ITLS_OFFER_IPSEC);
	st->cfg.tls_first = cfg->tls_first ? 1 : 0;
	st->cfg.mode = cfg->mode == ITLS_TLS_PSK ? ITLS_TLS_PSK : ITLS_TLS_CERT;
	st->cfg.kdf_tokens = cfg->kdf_tokens ? 1 : 0;
	st->keys.profile = st->cfg.kdf_tokens ? ITLS_TOKEN_KDF : ITLS_TOKEN_HMAC;
	st->cfg.check_names = cfg->check_names ? 1 : 0;
	if (dlen > ITLS_FSM_NAME_MAX || ilen > ITLS_FSM_NAME_MAX) {
		st->state = ITLS_UE_FAILED;
		st->reason = ITLS_ERR_BAD_LENGTH;
		return ITLS_ERR_BAD_LENGTH;
	}
	ue_copy(st->cfg.domain, cfg->domain, dlen);
	st->cfg.domain_len = dlen;
	ue_copy(st->cfg.impi, cfg->impi, ilen);
	st->cfg.impi_len = ilen;
	/* UE-01 */
	if (st->cfg.offer == 0
		|| (st->cfg.tls_first && !(st->cfg.offer & ITLS_OFFER_TLS))
		|| (st->cfg.mode == ITLS_TLS_PSK && st->cfg.tls_first)) {
		st->state = ITLS_UE_FAILED;
		st->reason = ITLS_ERR_NOT_ALLOWED;
		return ITLS_ERR_NOT_ALLOWED;
	}
	return ITLS_OK;
}

/* see itls/ue.h */
enum itls_err
itls_ue_step(struct itls_ue *st, const struct itls_ue_event *ev,
	struct itls_ue_action *out, size_t *n)
{
	struct ue_facts f;
	size_t r, j, k;
	enum itls_ue_state next;
	enum itls_ue_guard g;
	enum itls_ue_act steps[ITLS_FSM_ROW_ACTS];
	/* UE-26: a resumed handshake (proof only: what must not change) */
	int resumed_up = ev->kind == ITLS_UE_EV_TLS_UP && ev->resumed != 0;

	(void)resumed_up;
	*n = 0;
	/* an SM6 whose headers do not fit is not an event this UE can take */
	if (ev->kind == ITLS_UE_EV_SM6 && (ev->sec_server_len > ITLS_FSM_HDR_MAX
		|| ev->realm_len > ITLS_FSM_NAME_MAX)) {
		return ITLS_ERR_BAD_EVENT;
	}
	/* 1. facts */
	ue_facts(&f, st, ev);
	/* (proof steps: what the records speak of is as it was, UE-26, UE-27) */
	/*@ assert itls_same(itls_mem(&st->psk[0], ITLS_FSM_PSK_LEN),
	  @   \at(itls_mem(&st->psk[0], ITLS_FSM_PSK_LEN), Pre)); */
	/*@ assert itls_same(itls_mem(&st->keys.ck[0], 16), \at(itls_mem(&st->keys.ck[0], 16), Pre)); */
	/*@ assert itls_same(itls_mem(&st->keys.ik[0], 16), \at(itls_mem(&st->keys.ik[0], 16), Pre)); */
	/*@ assert itls_same(itls_mem(&st->cfg.impi[0], st->cfg.impi_len),
	  @   \at(itls_mem(&st->cfg.impi[0], st->cfg.impi_len), Pre)); */
	/*@ assert itls_same(itls_psk_label_bytes, \at(itls_psk_label_bytes, Pre)); */
	/*@ assert itls_same(itls_mem(&st->conn_cert[0], ITLS_SHA256_LEN),
	  @   \at(itls_mem(&st->conn_cert[0], ITLS_SHA256_LEN), Pre)); */
	/* 2. lookup: UE-23 */
	r = ue_lookup(st, ev, &f);
	if (r >= UE_TABLE_LEN) {
		return ITLS_ERR_BAD_EVENT;
	}
	ue_row(r, &next, &g, steps);
	/* 3. steps */
	k = 0;
	/*@ loop invariant 0 <= j <= ITLS_FSM_ROW_ACTS;
	  @ loop invariant 0 <= k <= j;
	  @ loop invariant st->sec_server_len <= ITLS_FSM_HDR_MAX;
	  @ loop invariant st->realm_len <= ITLS_FSM_NAME_MAX;
	  @ loop invariant itls_ue_mech_ok(st->chosen);
	  @ loop invariant itls_ue_mech_ok(f.mech) && f.sa_err != ITLS_OK;
	  @ loop invariant itls_profile_ok(st->keys.profile);
	  @ loop invariant st->cfg.mode == ITLS_TLS_CERT || st->cfg.mode == ITLS_TLS_PSK;
	  @ loop invariant st->cfg.domain_len <= ITLS_FSM_NAME_MAX;
	  @ loop invariant st->cfg.impi_len <= ITLS_FSM_NAME_MAX;
	  @ loop invariant itls_ue_psk_rec(st);
	  @ loop invariant resumed_up != 0 ==>
	  @   st->conn_has_cert == \at(st->conn_has_cert, Pre) &&
	  @   (\forall integer i; 0 <= i < ITLS_SHA256_LEN ==>
	  @     st->conn_cert[i] == \at(st->conn_cert[i], Pre));
	  @ loop assigns j, k, st->tls_up, st->refusal_unauth, st->aka_run, st->sm6_seen,
	  @   st->stok_ok, st->stok_run, st->psk_ok, st->psk_run, st->has_ctoken, st->has_psk,
	  @   st->chosen, st->keys.ik[0 .. 15], st->keys.ck[0 .. 15], st->has_stoken,
	  @   st->s_token[0 .. 11], st->c_token[0 .. 11], st->psk[0 .. 31],
	  @   st->sec_server[0 .. ITLS_FSM_HDR_MAX - 1], st->sec_server_len,
	  @   st->realm[0 .. ITLS_FSM_NAME_MAX - 1], st->realm_len, st->reason,
	  @   st->conn_has_cert, st->conn_cert[0 .. ITLS_SHA256_LEN - 1],
	  @   out[0 .. ITLS_FSM_MAX_ACTIONS - 1];
	  @ loop variant ITLS_FSM_ROW_ACTS - j;
	  @*/
	for (j = 0; j < ITLS_FSM_ROW_ACTS; j++) {
		enum itls_ue_act a = steps[j];
		if (a == ITLS_UE_A_NONE) {
			break;
		}
		ue_do(st, ev, &f, g, a, &out[k]);
		k++;
	}
	/* 4. commit: UE-20, UE-21, UE-22 */
	/*@ assert itls_ue_inv_data(st); */
	/*@ assert resumed_up != 0 ==> (\forall integer i; 0 <= i < ITLS_SHA256_LEN ==>
	  @   st->conn_cert[i] == \at(st->conn_cert[i], Pre)); */
	ue_commit(st, next, r, out, k, n);
	/*@ assert resumed_up != 0 ==> (\forall integer i; 0 <= i < ITLS_SHA256_LEN ==>
	  @   st->conn_cert[i] == \at(st->conn_cert[i], Pre)); */
	/*@ assert ev->kind == ITLS_UE_EV_TLS_UP && ev->resumed != 0 ==> resumed_up != 0; */
	/*@ assert ev->kind == ITLS_UE_EV_TLS_UP && ev->resumed != 0 ==>
	  @   itls_same(itls_mem(&st->conn_cert[0], ITLS_SHA256_LEN),
	  @     \at(itls_mem(&st->conn_cert[0], ITLS_SHA256_LEN), Pre)); */
	return ITLS_OK;
}
