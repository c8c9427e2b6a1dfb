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
 *      next state, or `failed` when the check does not hold. That it always
 *      holds is proved of the table (UE-22, D-UE-17: ue_table_facts, ue_find,
 *      ue_run), so the fallback is defence in depth.
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
	int cert_same;       /* SM6 over TLS: the SHA-256 of its certificate is the connection's (UE-25) */
	int psk_same;        /* TLS_UP, PSK: the handshake used this run's PSK (UE-27) */
	enum itls_mech mech; /* SM6: the UE's choice over Security-Server (UE-06) */
	enum itls_err sa_err;            /* SM6: why there is no choice */
};

/*
 * What the guards mean (ue_guard computes exactly this), and what the facts
 * behind the guards of the binding rows say of the bytes (UE-09, UE-25,
 * UE-27): the ground of the proof that no row trips the commit check
 * (UE-22, D-UE-17).
 */
/*@ predicate ue_tls{L}(struct ue_facts *f) = f->mech == ITLS_MECH_TLS;
  @ predicate ue_ipsec{L}(struct ue_facts *f) = f->mech == ITLS_MECH_IPSEC;
  @ predicate ue_cert{L}(struct itls_ue *st) = st->cfg.mode == ITLS_TLS_CERT;
  @ predicate ue_guard_holds{L}(struct itls_ue *st, struct itls_ue_event *ev,
  @     struct ue_facts *f, integer g) =
  @   g == ITLS_UE_G_ALWAYS ||
  @   (g == ITLS_UE_G_TLS_FIRST && st->cfg.tls_first != 0) ||
  @   (g == ITLS_UE_G_SA_FIRST && st->cfg.tls_first == 0) ||
  @   (g == ITLS_UE_G_CAN_FALLBACK && (st->cfg.offer & ITLS_OFFER_IPSEC) != 0) ||
  @   (g == ITLS_UE_G_NO_FALLBACK && (st->cfg.offer & ITLS_OFFER_IPSEC) == 0) ||
  @   (g == ITLS_UE_G_AKA_FAIL && ev->aka_ok == 0) ||
  @   (g == ITLS_UE_G_NO_COMMON && !ue_tls(f) && !ue_ipsec(f)) ||
  @   (g == ITLS_UE_G_TLS_NO_TOKEN && ue_tls(f) && ue_cert(st) && ev->has_stoken == 0) ||
  @   (g == ITLS_UE_G_CERT_SWAP && (ue_tls(f) || ue_ipsec(f)) && ue_cert(st) &&
  @     st->tls_up != 0 && ev->has_stoken != 0 && f->cert_same == 0) ||
  @   (g == ITLS_UE_G_TLS_BAD_TOKEN && ue_tls(f) && ue_cert(st) && st->tls_up != 0 &&
  @     f->stok_valid == 0) ||
  @   (g == ITLS_UE_G_TLS_BAD_NAMES && ue_tls(f) && ue_cert(st) && st->tls_up != 0 &&
  @     f->names_ok == 0) ||
  @   (g == ITLS_UE_G_TLS_OK && ue_tls(f) && ue_cert(st) && st->tls_up != 0 &&
  @     f->cert_same != 0 && f->stok_valid != 0 && f->names_ok != 0) ||
  @   (g == ITLS_UE_G_TLS_LATE && ue_tls(f) && ue_cert(st) && st->tls_up == 0 &&
  @     ev->has_stoken != 0) ||
  @   (g == ITLS_UE_G_TLS_PSK && ue_tls(f) && !ue_cert(st) && st->tls_up == 0) ||
  @   (g == ITLS_UE_G_TLS_PSK_UP && ue_tls(f) && !ue_cert(st) && st->tls_up != 0) ||
  @   (g == ITLS_UE_G_IPSEC_BAD_TOKEN && ue_ipsec(f) && ue_cert(st) && st->tls_up != 0 &&
  @     ev->has_stoken != 0 && f->stok_valid == 0) ||
  @   (g == ITLS_UE_G_IPSEC_TLS_TOKEN && ue_ipsec(f) && ue_cert(st) && st->tls_up != 0 &&
  @     ev->has_stoken != 0 && f->cert_same != 0 && f->stok_valid != 0) ||
  @   (g == ITLS_UE_G_IPSEC_TLS && ue_ipsec(f) && st->tls_up != 0 &&
  @     !(ue_cert(st) && ev->has_stoken != 0)) ||
  @   (g == ITLS_UE_G_IPSEC && ue_ipsec(f) && st->tls_up == 0) ||
  @   (g == ITLS_UE_G_CERT_BAD_TOKEN && ue_cert(st) && ev->resumed == 0 && f->stok_valid == 0) ||
  @   (g == ITLS_UE_G_CERT_BAD_NAMES && ue_cert(st) && ev->resumed == 0 && f->names_ok == 0) ||
  @   (g == ITLS_UE_G_CERT_OK && ue_cert(st) && ev->resumed == 0 && f->stok_valid != 0 &&
  @     f->names_ok != 0) ||
  @   (g == ITLS_UE_G_PSK_OK && !ue_cert(st) && ev->psk != 0 && f->psk_same != 0) ||
  @   (g == ITLS_UE_G_PSK_BAD && !ue_cert(st) && !(ev->psk != 0 && f->psk_same != 0)) ||
  @   (g == ITLS_UE_G_RESUMED && ev->resumed != 0) ||
  @   (g == ITLS_UE_G_NEW_SESSION && ue_cert(st) && ev->resumed == 0) ||
  @   (g == ITLS_UE_G_MECH_TLS && st->chosen == ITLS_MECH_TLS) ||
  @   (g == ITLS_UE_G_MECH_IPSEC && st->chosen == ITLS_MECH_IPSEC);
  @
  @ // UE-09: tok is the s_token, under ik (and ck) in profile p, of a certificate
  @ // cert that itls_token_verify_server accepts
  @ predicate ue_stok_ok{L}(integer p, itls_bytes ik, itls_bytes ck, itls_bytes tok,
  @     itls_bytes cert) =
  @   itls_blen(cert) > 0 && itls_profile_ok(p) &&
  @   (p == ITLS_TOKEN_HMAC || itls_blen(cert) <= ITLS_KDF_MAX_PARAM_LEN) &&
  @   tok == (p == ITLS_TOKEN_HMAC ? itls_s_token_hmac(ik, cert)
  @     : itls_s_token_kdf(ck, ik, cert));
  @ // the certificate of ev is the one recorded for the connection (UE-25)
  @ predicate ue_conn_same{L}(struct itls_ue *st, struct itls_ue_event *ev) =
  @   ev->cert_len > 0 && st->conn_has_cert == 1 &&
  @   itls_sha256(itls_mem((uint8_t *)ev->cert, ev->cert_len)) ==
  @     itls_mem(&st->conn_cert[0], ITLS_SHA256_LEN);
  @ // accept-s_token sets the record: the stored s_token verifies, under the
  @ // stored keys, over the certificate of the connection
  @ predicate ue_acc_ok{L}(struct itls_ue *st, struct itls_ue_event *ev) =
  @   ue_conn_same(st, ev) &&
  @   ue_stok_ok(st->keys.profile, itls_mem(&st->keys.ik[0], 16),
  @     itls_mem(&st->keys.ck[0], 16), itls_mem(&st->s_token[0], ITLS_TOKEN_LEN),
  @     itls_mem((uint8_t *)ev->cert, ev->cert_len));
  @ // the same, of an SM6 over TLS before load-challenge: the event's keys and s_token
  @ predicate ue_sm6_ok{L}(struct itls_ue *st, struct itls_ue_event *ev) =
  @   ue_conn_same(st, ev) &&
  @   ue_stok_ok(st->keys.profile, itls_mem((uint8_t *)&ev->ik[0], 16),
  @     itls_mem((uint8_t *)&ev->ck[0], 16), itls_mem((uint8_t *)&ev->s_token[0], ITLS_TOKEN_LEN),
  @     itls_mem((uint8_t *)ev->cert, ev->cert_len));
  @ // a late full handshake: the stored s_token verifies over its certificate
  @ predicate ue_late_ok{L}(struct itls_ue *st, struct itls_ue_event *ev) =
  @   ue_stok_ok(st->keys.profile, itls_mem(&st->keys.ik[0], 16),
  @     itls_mem(&st->keys.ck[0], 16), itls_mem(&st->s_token[0], ITLS_TOKEN_LEN),
  @     itls_mem((uint8_t *)ev->cert, ev->cert_len));
  @ // UE-27: a PSK-TLS handshake keyed with the PSK kept for this run
  @ predicate ue_psk_ok{L}(struct itls_ue *st, struct itls_ue_event *ev) =
  @   ev->psk != 0 && st->has_psk == 1 &&
  @   itls_mem((uint8_t *)&ev->psk_key[0], ITLS_FSM_PSK_LEN) ==
  @     itls_mem(&st->psk[0], ITLS_FSM_PSK_LEN);
  @*/

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
  @ ensures \result == 1 <==> ue_stok_ok(keys->profile,
  @   itls_mem((uint8_t *)&keys->ik[0], 16), itls_mem((uint8_t *)&keys->ck[0], 16),
  @   itls_mem((uint8_t *)tok, ITLS_TOKEN_LEN), itls_mem((uint8_t *)cert, cert_len));
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
  @ ensures \result == 1 ==> \old(ue_stok_ok(st->keys.profile,
  @   itls_mem((uint8_t *)&ev->ik[0], 16), itls_mem((uint8_t *)&ev->ck[0], 16),
  @   itls_mem((uint8_t *)&ev->s_token[0], ITLS_TOKEN_LEN),
  @   itls_mem((uint8_t *)ev->cert, ev->cert_len)));
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
	/* (proof steps: the key copy is the event's keys; the rest as it was) */
	/*@ assert itls_same(itls_mem(&k.ik[0], 16), \at(itls_mem((uint8_t *)&ev->ik[0], 16), Pre)); */
	/*@ assert itls_same(itls_mem(&k.ck[0], 16), \at(itls_mem((uint8_t *)&ev->ck[0], 16), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)&ev->s_token[0], ITLS_TOKEN_LEN),
	  @   \at(itls_mem((uint8_t *)&ev->s_token[0], ITLS_TOKEN_LEN), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)ev->cert, ev->cert_len),
	  @   \at(itls_mem((uint8_t *)ev->cert, ev->cert_len), Pre)); */
	/*@ assert itls_same(itls_label_s_token, \at(itls_label_s_token, Pre)); */
	/*@ assert v == 1 ==> \at(ue_stok_ok(st->keys.profile,
	  @   itls_mem((uint8_t *)&ev->ik[0], 16), itls_mem((uint8_t *)&ev->ck[0], 16),
	  @   itls_mem((uint8_t *)&ev->s_token[0], ITLS_TOKEN_LEN),
	  @   itls_mem((uint8_t *)ev->cert, ev->cert_len)), Pre); */
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

/* UE-25: the SHA-256 of the certificate of this event is the one recorded for the connection */
/*@ requires \valid_read(st);
  @ requires itls_ue_event_ok(ev);
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 ==> \old(ue_conn_same(st, ev));
  @*/
static int
ue_cert_same(const struct itls_ue *st, const struct itls_ue_event *ev)
{
	uint8_t h[ITLS_SHA256_LEN];

	if (ev->cert_len == 0 || st->conn_has_cert != 1) {
		return 0;
	}
	itls_crypto_sha256(h, ev->cert, ev->cert_len);
	/*@ assert itls_same(itls_mem((uint8_t *)&st->conn_cert[0], ITLS_SHA256_LEN),
	  @   \at(itls_mem((uint8_t *)&st->conn_cert[0], ITLS_SHA256_LEN), Pre)); */
	return itls_crypto_eq(h, st->conn_cert, ITLS_SHA256_LEN) == 0 ? 1 : 0;
}

/* UE-27: a PSK-TLS handshake keyed with the PSK of this run */
/*@ requires \valid_read(st);
  @ requires itls_ue_event_ok(ev);
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 ==> ev->kind == ITLS_UE_EV_TLS_UP && ue_psk_ok(st, ev);
  @*/
static int
ue_psk_same(const struct itls_ue *st, const struct itls_ue_event *ev)
{
	return (ev->kind == ITLS_UE_EV_TLS_UP && ev->psk && st->has_psk == 1
		&& itls_crypto_eq(ev->psk_key, st->psk, ITLS_FSM_PSK_LEN) == 0) ? 1 : 0;
}

/*
 * SM6 over TLS with an s_token: the certificate of SM6 must be the
 * connection's (UE-25), and the token of this SM6, under this SM6's keys,
 * must verify over it (UE-09); names (UE-10).
 */
/*@ requires \valid(f) && \valid_read(st) && itls_ue_inv_data(st);
  @ requires itls_ue_event_ok(ev);
  @ requires \separated(f, st, ev);
  @ assigns f->cert_same, f->stok_valid, f->names_ok, f->names_err;
  @ ensures f->cert_same == 0 || f->cert_same == 1;
  @ ensures f->stok_valid == 0 || f->stok_valid == 1;
  @ ensures f->names_ok == 0 || f->names_ok == 1;
  @ ensures f->cert_same == 1 && f->stok_valid == 1 ==> \old(ue_sm6_ok(st, ev));
  @*/
static void
ue_facts_sm6(struct ue_facts *f, const struct itls_ue *st,
	const struct itls_ue_event *ev)
{
	f->cert_same = ue_cert_same(st, ev);
	f->stok_valid = ue_stok_sm6(st, ev);
	ue_names(f, st, ev->cert, ev->cert_len, ev->realm, ev->realm_len);
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
  @ ensures UE_27: f->psk_same == 1 ==> !ue_cert(st) && \old(ue_psk_ok(st, ev));
  @ ensures UE_25: ev->kind == ITLS_UE_EV_SM6 && f->cert_same == 1 && f->stok_valid == 1 ==>
  @   \old(ue_sm6_ok(st, ev));
  @ ensures UE_09: ev->kind == ITLS_UE_EV_TLS_UP && f->stok_valid == 1 ==>
  @   \old(ue_late_ok(st, ev));
  @*/
static void
ue_facts(struct ue_facts *f, const struct itls_ue *st,
	const struct itls_ue_event *ev)
{
	f->stok_valid = 0;
	f->names_ok = 1;
	f->names_err = ITLS_OK;
	f->cert_same = 0;
	f->psk_same = 0;
	f->mech = ITLS_MECH_NONE;
	f->sa_err = ITLS_ERR_NO_COMMON_MECHANISM;
	if (ev->kind == ITLS_UE_EV_SM6) {
		ue_choose(f, st, ev);
	}
	if (st->cfg.mode != ITLS_TLS_CERT) {
		f->psk_same = ue_psk_same(st, ev);
		return;
	}
	if (ev->kind == ITLS_UE_EV_SM6 && st->tls_up && ev->has_stoken) {
		ue_facts_sm6(f, st, ev);
	} else if (ev->kind == ITLS_UE_EV_TLS_UP && st->has_stoken
		&& ev->cert_len > 0) {
		/* TLS after SM6, or a new full handshake: the stored token */
		f->stok_valid = ue_stok_check(&st->keys, st->s_token, ev->cert, ev->cert_len);
		ue_names(f, st, ev->cert, ev->cert_len, st->realm, st->realm_len);
	}
}

/* ---- guards ---------------------------------------------------------------------- */

/* the guards that imply a mechanism chosen (load-challenge sets it) */
/*@ predicate ue_tls_guard(integer g) =
  @   g == ITLS_UE_G_TLS_OK || g == ITLS_UE_G_TLS_LATE || g == ITLS_UE_G_TLS_PSK ||
  @   g == ITLS_UE_G_TLS_PSK_UP;
  @ predicate ue_ipsec_guard(integer g) =
  @   g == ITLS_UE_G_IPSEC_TLS_TOKEN || g == ITLS_UE_G_IPSEC_TLS || g == ITLS_UE_G_IPSEC;
  @*/

/*
 * What the guard g of the row taken says that the steps do not change
 * (chosen0: the mechanism before the steps).
 */
/*@ predicate ue_guard_gives{L}(struct itls_ue *st, struct itls_ue_event *ev,
  @     struct ue_facts *f, integer g, integer chosen0) =
  @   (ue_tls_guard(g) ==> f->mech == ITLS_MECH_TLS) &&
  @   (ue_ipsec_guard(g) ==> f->mech == ITLS_MECH_IPSEC) &&
  @   (g == ITLS_UE_G_MECH_TLS ==> chosen0 == ITLS_MECH_TLS) &&
  @   (g == ITLS_UE_G_MECH_IPSEC ==> chosen0 == ITLS_MECH_IPSEC) &&
  @   (g == ITLS_UE_G_TLS_OK || g == ITLS_UE_G_CERT_OK ==> st->cfg.mode == ITLS_TLS_CERT) &&
  @   (g == ITLS_UE_G_PSK_OK ==> st->cfg.mode == ITLS_TLS_PSK) &&
  @   (g == ITLS_UE_G_RESUMED ==> ev->resumed != 0);
  @*/


/*@ requires \valid_read(st) && itls_ue_inv(st);
  @ requires itls_ue_event_ok(ev);
  @ requires \valid_read(f);
  @ assigns \nothing;
  @ ensures \result == 0 || \result == 1;
  @ ensures \result == 1 <==> ue_guard_holds(st, ev, f, g);
  @ ensures UE_22: \result == 1 ==> ue_guard_gives(st, ev, f, g, st->chosen);
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
  @ ensures UE_22: \old(ue_acc_ok(st, ev)) ==> st->stok_ok == 1;
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
	/* (proof steps: what the check reads is as it was) */
	/*@ assert itls_same(itls_mem(&st->conn_cert[0], ITLS_SHA256_LEN),
	  @   \at(itls_mem(&st->conn_cert[0], ITLS_SHA256_LEN), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)ev->cert, ev->cert_len),
	  @   \at(itls_mem((uint8_t *)ev->cert, ev->cert_len), Pre)); */
	/*@ assert itls_same(itls_mem(&st->keys.ik[0], 16), \at(itls_mem(&st->keys.ik[0], 16), Pre)); */
	/*@ assert itls_same(itls_mem(&st->keys.ck[0], 16), \at(itls_mem(&st->keys.ck[0], 16), Pre)); */
	/*@ assert itls_same(itls_mem(&st->s_token[0], ITLS_TOKEN_LEN),
	  @   \at(itls_mem(&st->s_token[0], ITLS_TOKEN_LEN), Pre)); */
	/*@ assert itls_same(itls_label_s_token, \at(itls_label_s_token, Pre)); */
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
  @ ensures ev->cert_len > 0 ==> st->conn_has_cert == 1;
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

/* NOTE_TLS_UP: TLS is up; a full handshake records its certificate (UE-25) */
/*@ requires \valid(st);
  @ requires itls_ue_event_ok(ev);
  @ requires \separated(st, ev);
  @ requires \separated(st, ev->cert + (0 .. ev->cert_len - 1));
  @ requires st->cfg.impi_len <= ITLS_FSM_NAME_MAX;
  @ requires itls_ue_psk_rec(st);
  @ assigns st->tls_up, st->stok_ok, st->conn_has_cert, st->conn_cert[0 .. ITLS_SHA256_LEN - 1];
  @ ensures st->tls_up == 1;
  @ ensures UE_27: itls_ue_psk_rec(st);
  @ ensures UE_26: !(ev->kind == ITLS_UE_EV_TLS_UP && ev->resumed == 0) ==>
  @   st->stok_ok == \old(st->stok_ok) && st->conn_has_cert == \old(st->conn_has_cert) &&
  @   (\forall integer i; 0 <= i < ITLS_SHA256_LEN ==> st->conn_cert[i] == \old(st->conn_cert[i]));
  @ ensures UE_22: ev->kind == ITLS_UE_EV_TLS_UP && ev->resumed == 0 &&
  @   \old(ue_late_ok(st, ev)) ==> ue_acc_ok(st, ev);
  @ ensures UE_22: \old(ue_psk_ok(st, ev)) ==> ue_psk_ok(st, ev);
  @*/
static void
ue_tls_up(struct itls_ue *st, const struct itls_ue_event *ev)
{
	st->tls_up = 1;
	if (ev->kind == ITLS_UE_EV_TLS_UP && ev->resumed == 0) {
		/* UE-25: a full handshake; what was bound to the earlier
		 * certificate is not bound to this one */
		ue_note_conn(st, ev);
		/* (proof steps: what the records and the checks read is as it was) */
		/*@ assert itls_same(itls_mem(&st->psk[0], ITLS_FSM_PSK_LEN),
		  @   \at(itls_mem(&st->psk[0], ITLS_FSM_PSK_LEN), Pre)); */
		/*@ assert itls_same(itls_mem(&st->keys.ck[0], 16), \at(itls_mem(&st->keys.ck[0], 16), Pre)); */
		/*@ assert itls_same(itls_mem(&st->keys.ik[0], 16), \at(itls_mem(&st->keys.ik[0], 16), Pre)); */
		/*@ assert itls_same(itls_mem(&st->cfg.impi[0], st->cfg.impi_len),
		  @   \at(itls_mem(&st->cfg.impi[0], st->cfg.impi_len), Pre)); */
		/*@ assert itls_same(itls_psk_label_bytes, \at(itls_psk_label_bytes, Pre)); */
		/*@ assert itls_same(itls_mem(&st->s_token[0], ITLS_TOKEN_LEN),
		  @   \at(itls_mem(&st->s_token[0], ITLS_TOKEN_LEN), Pre)); */
		/*@ assert itls_same(itls_mem((uint8_t *)ev->cert, ev->cert_len),
		  @   \at(itls_mem((uint8_t *)ev->cert, ev->cert_len), Pre)); */
		/*@ assert itls_same(itls_mem((uint8_t *)&ev->psk_key[0], ITLS_FSM_PSK_LEN),
		  @   \at(itls_mem((uint8_t *)&ev->psk_key[0], ITLS_FSM_PSK_LEN), Pre)); */
		/*@ assert itls_same(itls_label_s_token, \at(itls_label_s_token, Pre)); */
	}
}

/* LOAD_CHALLENGE: UE-09, a new AKA run; what was bound to the old one is not */
/*@ requires \valid(st) && \valid_read(f);
  @ requires itls_ue_event_ok(ev);
  @ requires \separated(st, f, ev);
  @ requires \separated(st, ev->cert + (0 .. ev->cert_len - 1),
  @   ev->sec_server + (0 .. ev->sec_server_len - 1), ev->realm + (0 .. ev->realm_len - 1));
  @ requires ev->kind == ITLS_UE_EV_SM6 ==>
  @   ev->sec_server_len <= ITLS_FSM_HDR_MAX && ev->realm_len <= ITLS_FSM_NAME_MAX;
  @ requires st->sec_server_len <= ITLS_FSM_HDR_MAX && st->realm_len <= ITLS_FSM_NAME_MAX;
  @ requires itls_ue_mech_ok(f->mech);
  @ assigns st->aka_run, st->sm6_seen, st->stok_ok, st->psk_ok, st->has_ctoken, st->has_psk,
  @   st->chosen, st->keys.ik[0 .. 15], st->keys.ck[0 .. 15], st->has_stoken,
  @   st->s_token[0 .. 11], st->sec_server[0 .. ITLS_FSM_HDR_MAX - 1], st->sec_server_len,
  @   st->realm[0 .. ITLS_FSM_NAME_MAX - 1], st->realm_len;
  @ ensures st->sm6_seen == 1 && st->chosen == f->mech;
  @ ensures st->stok_ok == 0 && st->psk_ok == 0 && st->has_psk == 0;
  @ ensures st->sec_server_len <= ITLS_FSM_HDR_MAX && st->realm_len <= ITLS_FSM_NAME_MAX;
  @ ensures UE_22: \old(ue_sm6_ok(st, ev)) ==> ue_acc_ok(st, ev);
  @*/
static void
ue_load_challenge(struct itls_ue *st, const struct itls_ue_event *ev,
	const struct ue_facts *f)
{
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
	/* (proof steps: the keys and s_token are the event's; the rest as it was) */
	/*@ assert itls_same(itls_mem(&st->keys.ik[0], 16),
	  @   \at(itls_mem((uint8_t *)&ev->ik[0], 16), Pre)); */
	/*@ assert itls_same(itls_mem(&st->keys.ck[0], 16),
	  @   \at(itls_mem((uint8_t *)&ev->ck[0], 16), Pre)); */
	/*@ assert itls_same(itls_mem(&st->s_token[0], ITLS_TOKEN_LEN),
	  @   \at(itls_mem((uint8_t *)&ev->s_token[0], ITLS_TOKEN_LEN), Pre)); */
	/*@ assert itls_same(itls_mem((uint8_t *)ev->cert, ev->cert_len),
	  @   \at(itls_mem((uint8_t *)ev->cert, ev->cert_len), Pre)); */
	/*@ assert itls_same(itls_mem(&st->conn_cert[0], ITLS_SHA256_LEN),
	  @   \at(itls_mem(&st->conn_cert[0], ITLS_SHA256_LEN), Pre)); */
	/*@ assert itls_same(itls_label_s_token, \at(itls_label_s_token, Pre)); */
}

/* the steps that leave the binding records as they are (UE-22) */
/*@ predicate ue_neutral(integer a) =
  @   a == ITLS_UE_A_NONE || a == ITLS_UE_A_TLS_CONNECT || a == ITLS_UE_A_TLS_CONNECT_PSK ||
  @   a == ITLS_UE_A_TLS_RESUME || a == ITLS_UE_A_TLS_CLOSE || a == ITLS_UE_A_NOTE_TLS_DOWN ||
  @   a == ITLS_UE_A_NOTE_UNAUTH_REFUSAL || a == ITLS_UE_A_SEND_SM1 ||
  @   a == ITLS_UE_A_MAKE_CTOKEN || a == ITLS_UE_A_IPSEC_SETUP || a == ITLS_UE_A_SEND_SM7 ||
  @   a == ITLS_UE_A_REGISTERED || a == ITLS_UE_A_REFUSE;
  @ predicate ue_keeps{L}(integer a, struct itls_ue_event *ev) =
  @   ue_neutral(a) || (a == ITLS_UE_A_NOTE_TLS_UP && ev->resumed != 0);
  @*/

/*
 * Run one step a; fill out[k] (and no other action). Only the steps ACCEPT_* set the records
 * stok_ok / psk_ok, each from a check it makes itself (UE-09, UE-25,
 * UE-27); LOAD_CHALLENGE, a new full handshake and ABORT clear them.
 */
/*@ requires \valid(st) && \valid(out + k) && \valid_read(f);
  @ requires itls_ue_event_ok(ev);
  @ requires \separated(st, out + (0 .. k), f, ev);
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
  @   st->conn_has_cert, st->conn_cert[0 .. ITLS_SHA256_LEN - 1], out[k];
  @ ensures out[k].kind == a;
  @ ensures \forall integer i; 0 <= i < k ==>
  @   out[i].kind == \old(out[i].kind) && out[i].mech == \old(out[i].mech);
  @ ensures st->sec_server_len <= ITLS_FSM_HDR_MAX && st->realm_len <= ITLS_FSM_NAME_MAX;
  @ ensures itls_ue_mech_ok(st->chosen);
  @ ensures a == ITLS_UE_A_LOAD_CHALLENGE ==> st->sm6_seen == 1;
  @ ensures a != ITLS_UE_A_LOAD_CHALLENGE ==> st->sm6_seen == \old(st->sm6_seen);
  @ ensures a == ITLS_UE_A_SEND_SM7 ==> out[k].mech == st->chosen;
  @ ensures UE_27: itls_ue_psk_rec(st);
  @ ensures UE_26: ev->kind == ITLS_UE_EV_TLS_UP && ev->resumed != 0 ==>
  @   st->conn_has_cert == \old(st->conn_has_cert) &&
  @   (\forall integer i; 0 <= i < ITLS_SHA256_LEN ==> st->conn_cert[i] == \old(st->conn_cert[i]));
  @ ensures a != ITLS_UE_A_LOAD_CHALLENGE ==> st->chosen == \old(st->chosen);
  @ ensures a == ITLS_UE_A_LOAD_CHALLENGE ==> st->chosen == f->mech;
  @ ensures UE_22: ue_keeps(a, ev) ==> st->stok_ok == \old(st->stok_ok) &&
  @   st->stok_run == \old(st->stok_run) && st->psk_ok == \old(st->psk_ok) &&
  @   st->psk_run == \old(st->psk_run) && st->aka_run == \old(st->aka_run);
  @ ensures UE_22: a == ITLS_UE_A_LOAD_CHALLENGE && \old(ue_sm6_ok(st, ev)) ==>
  @   ue_acc_ok(st, ev);
  @ ensures UE_22: a == ITLS_UE_A_NOTE_TLS_UP && ev->kind == ITLS_UE_EV_TLS_UP &&
  @   ev->resumed == 0 && \old(ue_late_ok(st, ev)) ==> ue_acc_ok(st, ev);
  @ ensures UE_22: a == ITLS_UE_A_NOTE_TLS_UP && \old(ue_psk_ok(st, ev)) ==> ue_psk_ok(st, ev);
  @ ensures UE_22: a == ITLS_UE_A_ACCEPT_STOKEN && \old(ue_acc_ok(st, ev)) ==>
  @   st->stok_ok == 1 && st->stok_run == st->aka_run;
  @ ensures UE_22: a == ITLS_UE_A_ACCEPT_PSK && \old(ue_psk_ok(st, ev)) ==>
  @   st->psk_ok == 1 && st->psk_run == st->aka_run;
  @ // (what it leaves, stated for the caller's loop: the mode, the facts, the event)
  @ ensures st->cfg.mode == \old(st->cfg.mode);
  @ ensures f->mech == \old(f->mech) && f->sa_err == \old(f->sa_err);
  @ ensures ev->kind == \old(ev->kind) && ev->resumed == \old(ev->resumed);
  @*/
static void
ue_do(struct itls_ue *st, const struct itls_ue_event *ev,
	const struct ue_facts *f, enum itls_ue_guard g, enum itls_ue_act a,
	struct itls_ue_action *out, size_t k)
{
	struct itls_ue_action *act = &out[k];

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
		ue_tls_up(st, ev);
		act->via = ITLS_TR_TLS;
		break;
	case ITLS_UE_A_NOTE_UNAUTH_REFUSAL:
		/* UE-15: nothing authenticates the refusal of figure 5 */
		st->refusal_unauth = 1;
		break;
	case ITLS_UE_A_LOAD_CHALLENGE:
		ue_load_challenge(st, ev, f);
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
  @ ensures UE_22: (\forall integer i; 0 <= i < k && out[i].kind == ITLS_UE_A_SEND_SM7 ==>
  @      st->sm6_seen == 1) &&
  @   (\forall integer i; 0 <= i < k && out[i].kind == ITLS_UE_A_SEND_SM7 &&
  @      out[i].mech == ITLS_MECH_TLS ==> itls_ue_bound(st)) ==> \result == 1;
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
/*@ predicate ue_next_safe{L}(struct itls_ue *st, integer next) =
  @   itls_ue_state_ok(next) &&
  @   (itls_ue_after_sm6(next) ==> st->sm6_seen == 1 && st->chosen != ITLS_MECH_NONE) &&
  @   (next == ITLS_UE_REGISTERED_TLS ==> st->chosen == ITLS_MECH_TLS) &&
  @   (next == ITLS_UE_RESUMING ==> st->chosen == ITLS_MECH_TLS) &&
  @   (next == ITLS_UE_REGISTERED_IPSEC ==> st->chosen == ITLS_MECH_IPSEC) &&
  @   ((next == ITLS_UE_SM7_SENT || next == ITLS_UE_REGISTERED_TLS ||
  @     next == ITLS_UE_RESUMING) && st->chosen == ITLS_MECH_TLS ==> itls_ue_bound(st));
  @*/
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
  @ ensures UE_22: ue_next_safe(st, next) ==> \result == 1;
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
  @ ensures UE_23: \result < UE_TABLE_LEN ==> itls_ue_table[\result].state == st->state &&
  @   itls_ue_table[\result].event == ev->kind &&
  @   ue_guard_holds(st, ev, f, itls_ue_table[\result].guard);
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

/*
 * UE-22, what the proof uses of the table itself (D-UE-17): the facts each
 * row of the const table satisfies, as a predicate of its fields (state s,
 * event e, guard g, next state nx, steps a0 .. a5).
 */
/*@ // the states from which SM7 has been sent (UE-20)
  @ predicate ue_sent(integer s) =
  @   s == ITLS_UE_SM7_SENT || s == ITLS_UE_REGISTERED_TLS || s == ITLS_UE_RESUMING;
  @ // a step of a row with guard g that leaves the binding records as they are
  @ predicate ue_row_keeps(integer g, integer a) =
  @   ue_neutral(a) || (a == ITLS_UE_A_NOTE_TLS_UP && g == ITLS_UE_G_RESUMED);
  @ predicate ue_row_ok(integer s, integer e, integer g, integer nx, integer a0,
  @     integer a1, integer a2, integer a3, integer a4, integer a5) =
  @   itls_ue_state_ok(nx) &&
  @   // load-challenge comes first or not at all, under a guard that chooses
  @   a1 != ITLS_UE_A_LOAD_CHALLENGE && a2 != ITLS_UE_A_LOAD_CHALLENGE &&
  @   a3 != ITLS_UE_A_LOAD_CHALLENGE && a4 != ITLS_UE_A_LOAD_CHALLENGE &&
  @   a5 != ITLS_UE_A_LOAD_CHALLENGE &&
  @   (a0 == ITLS_UE_A_LOAD_CHALLENGE ==> ue_tls_guard(g) || ue_ipsec_guard(g)) &&
  @   // a state after SM6 is reached by load-challenge or from such a state
  @   (itls_ue_after_sm6(nx) && a0 != ITLS_UE_A_LOAD_CHALLENGE ==> itls_ue_after_sm6(s)) &&
  @   // registered-* and resuming only where the mechanism is known
  @   (nx == ITLS_UE_REGISTERED_TLS || nx == ITLS_UE_RESUMING ==>
  @     a0 != ITLS_UE_A_LOAD_CHALLENGE && (s == ITLS_UE_REGISTERED_TLS ||
  @     s == ITLS_UE_RESUMING || (s == ITLS_UE_SM7_SENT && g == ITLS_UE_G_MECH_TLS))) &&
  @   (nx == ITLS_UE_REGISTERED_IPSEC ==> a0 != ITLS_UE_A_LOAD_CHALLENGE &&
  @     (s == ITLS_UE_REGISTERED_IPSEC || (s == ITLS_UE_SM7_SENT && g == ITLS_UE_G_MECH_IPSEC))) &&
  @   // SM7 goes only into sm7-sent
  @   (a0 == ITLS_UE_A_SEND_SM7 || a1 == ITLS_UE_A_SEND_SM7 || a2 == ITLS_UE_A_SEND_SM7 ||
  @    a3 == ITLS_UE_A_SEND_SM7 || a4 == ITLS_UE_A_SEND_SM7 || a5 == ITLS_UE_A_SEND_SM7 ==>
  @     nx == ITLS_UE_SM7_SENT) &&
  @   // into sm7-sent, registered-tls or resuming: a binding row, IPsec chosen,
  @   // or from such a state with steps that keep the records
  @   (ue_sent(nx) ==> g == ITLS_UE_G_TLS_OK || g == ITLS_UE_G_CERT_OK ||
  @     g == ITLS_UE_G_PSK_OK || (a0 == ITLS_UE_A_LOAD_CHALLENGE && ue_ipsec_guard(g)) ||
  @     (ue_sent(s) && ue_row_keeps(g, a0) && ue_row_keeps(g, a1) && ue_row_keeps(g, a2) &&
  @      ue_row_keeps(g, a3) && ue_row_keeps(g, a4) && ue_row_keeps(g, a5))) &&
  @   // the three binding rows: the step that sets the record second, then
  @   // only steps that leave the records alone
  @   (g == ITLS_UE_G_TLS_OK ==> e == ITLS_UE_EV_SM6 &&
  @     a0 == ITLS_UE_A_LOAD_CHALLENGE && a1 == ITLS_UE_A_ACCEPT_STOKEN &&
  @     ue_neutral(a2) && ue_neutral(a3) && ue_neutral(a4) && ue_neutral(a5)) &&
  @   (g == ITLS_UE_G_CERT_OK ==> e == ITLS_UE_EV_TLS_UP &&
  @     a0 == ITLS_UE_A_NOTE_TLS_UP && a1 == ITLS_UE_A_ACCEPT_STOKEN &&
  @     ue_neutral(a2) && ue_neutral(a3) && ue_neutral(a4) && ue_neutral(a5)) &&
  @   (g == ITLS_UE_G_PSK_OK ==> e == ITLS_UE_EV_TLS_UP &&
  @     a0 == ITLS_UE_A_NOTE_TLS_UP && a1 == ITLS_UE_A_ACCEPT_PSK &&
  @     ue_neutral(a2) && ue_neutral(a3) && ue_neutral(a4) && ue_neutral(a5));
  @ predicate ue_table_row_ok{L}(integer r) =
  @   ue_row_ok(itls_ue_table[r].state, itls_ue_table[r].event, itls_ue_table[r].guard,
  @     itls_ue_table[r].next, itls_ue_table[r].steps[0], itls_ue_table[r].steps[1],
  @     itls_ue_table[r].steps[2], itls_ue_table[r].steps[3], itls_ue_table[r].steps[4],
  @     itls_ue_table[r].steps[5]);
  @*/

/* the facts of row r, proved of the const table row by row (the assertion lists the rows) */
/*@ requires r < UE_TABLE_LEN;
  @ assigns \nothing;
  @ ensures UE_22: ue_table_row_ok(r);
  @*/
static void
ue_table_facts(size_t r)
{
	/*@ assert ue_rows: r == 0 || r == 1 || r == 2 || r == 3 || r == 4 || r == 5 || r == 6 || r == 7 ||
	  @   r == 8 || r == 9 || r == 10 || r == 11 || r == 12 || r == 13 || r == 14 || r == 15 ||
	  @   r == 16 || r == 17 || r == 18 || r == 19 || r == 20 || r == 21 || r == 22 || r == 23 ||
	  @   r == 24 || r == 25 || r == 26 || r == 27 || r == 28 || r == 29 || r == 30 || r == 31 ||
	  @   r == 32 || r == 33 || r == 34 || r == 35 || r == 36 || r == 37 || r == 38 || r == 39 ||
	  @   r == 40 || r == 41 || r == 42 || r == 43 || r == 44 || r == 45 || r == 46 || r == 47; */
	(void)r;
}

/*
 * What the binding rows' guards say of the bytes (UE-09, UE-25, UE-27):
 * `tls, s_token valid` (SM6 over TLS), `s_token valid over cert` (a late
 * full handshake) and `PSK handshake`.
 */
/*@ predicate ue_binding_facts{L}(struct itls_ue *st, struct itls_ue_event *ev,
  @     struct ue_facts *f, integer g) =
  @   (g == ITLS_UE_G_TLS_OK ==> ue_sm6_ok(st, ev)) &&
  @   (g == ITLS_UE_G_CERT_OK ==> ue_late_ok(st, ev) && ev->kind == ITLS_UE_EV_TLS_UP &&
  @     ev->resumed == 0) &&
  @   (g == ITLS_UE_G_PSK_OK ==> ue_psk_ok(st, ev));
  @*/

/*
 * What the binding rows' guards say of the bytes, from the guard's meaning
 * and the facts' (a lemma: the body is empty, the proof is of the contract).
 */
/*@ requires \valid_read(st) && \valid_read(ev) && \valid_read(f);
  @ requires UE_23: ue_guard_holds(st, ev, f, g);
  @ requires g == ITLS_UE_G_TLS_OK ==> ev->kind == ITLS_UE_EV_SM6;
  @ requires g == ITLS_UE_G_CERT_OK ==> ev->kind == ITLS_UE_EV_TLS_UP;
  @ requires f->cert_same == 0 || f->cert_same == 1;
  @ requires f->stok_valid == 0 || f->stok_valid == 1;
  @ requires f->psk_same == 0 || f->psk_same == 1;
  @ requires UE_25: ev->kind == ITLS_UE_EV_SM6 && f->cert_same == 1 && f->stok_valid == 1 ==>
  @   ue_sm6_ok(st, ev);
  @ requires UE_09: ev->kind == ITLS_UE_EV_TLS_UP && f->stok_valid == 1 ==> ue_late_ok(st, ev);
  @ requires UE_27: f->psk_same == 1 ==> ue_psk_ok(st, ev);
  @ requires st->cfg.mode == ITLS_TLS_CERT || st->cfg.mode == ITLS_TLS_PSK;
  @ assigns \nothing;
  @ ensures UE_22: ue_binding_facts(st, ev, f, g);
  @ ensures UE_22: ue_guard_gives(st, ev, f, g, st->chosen);
  @*/
static void
ue_bind(const struct itls_ue *st, const struct itls_ue_event *ev,
	const struct ue_facts *f, enum itls_ue_guard g)
{
	(void)st;
	(void)ev;
	(void)f;
	(void)g;
}

/* the row to take: its index (UE_TABLE_LEN when none) and its contents */
struct ue_pick {
	size_t r;
	struct itls_ue_row row;
};

/*
 * Phase 2: the row to take and its contents, returned by value, with what
 * the proof of UE-22 needs of it stated without the table (so that the
 * goals of the callers do not carry the table's initializer, D-UE-17).
 */
/*@ requires \valid_read(st) && itls_ue_inv(st);
  @ requires itls_ue_event_ok(ev);
  @ requires \valid_read(f);
  @ requires f->cert_same == 0 || f->cert_same == 1;
  @ requires f->stok_valid == 0 || f->stok_valid == 1;
  @ requires f->psk_same == 0 || f->psk_same == 1;
  @ requires UE_25: ev->kind == ITLS_UE_EV_SM6 && f->cert_same == 1 && f->stok_valid == 1 ==>
  @   ue_sm6_ok(st, ev);
  @ requires UE_09: ev->kind == ITLS_UE_EV_TLS_UP && f->stok_valid == 1 ==> ue_late_ok(st, ev);
  @ requires UE_27: f->psk_same == 1 ==> ue_psk_ok(st, ev);
  @ assigns \nothing;
  @ ensures \result.r <= UE_TABLE_LEN;
  @ ensures UE_23: \result.r < UE_TABLE_LEN ==> ue_guard_holds(st, ev, f, \result.row.guard);
  @ ensures UE_22: \result.r < UE_TABLE_LEN ==> ue_row_ok(st->state, ev->kind,
  @   \result.row.guard, \result.row.next, \result.row.steps[0], \result.row.steps[1],
  @   \result.row.steps[2], \result.row.steps[3], \result.row.steps[4],
  @   \result.row.steps[5]);
  @ ensures UE_22: \result.r < UE_TABLE_LEN ==>
  @   ue_guard_gives(st, ev, f, \result.row.guard, st->chosen);
  @ ensures UE_22: \result.r < UE_TABLE_LEN ==> ue_binding_facts(st, ev, f, \result.row.guard);
  @*/
static struct ue_pick
ue_find(const struct itls_ue *st, const struct itls_ue_event *ev,
	const struct ue_facts *f)
{
	struct ue_pick p;

	p.r = ue_lookup(st, ev, f);
	p.row = itls_ue_table[p.r < UE_TABLE_LEN ? p.r : 0];
	if (p.r < UE_TABLE_LEN) {
		ue_table_facts(p.r);
		ue_bind(st, ev, f, p.row.guard);
	}
	return p;
}

/*
 * Commit a transition: the row's next state when the safety check holds,
 * else `failed` with one ABORT (not-allowed) replacing the actions (UE-22).
 * The caller proves what the check tests (requires UE_22), so the check
 * never fires: it stays as defence in depth (D-UE-17).
 */
/*@ requires \valid(st) && itls_ue_inv_data(st) && itls_ue_psk_rec(st);
  @ requires \valid(out + (0 .. ITLS_FSM_MAX_ACTIONS - 1)) && \valid(n);
  @ requires \separated(st, out + (0 .. ITLS_FSM_MAX_ACTIONS - 1), n);
  @ requires \separated(n, out + (0 .. ITLS_FSM_MAX_ACTIONS - 1));
  @ requires k <= ITLS_FSM_ROW_ACTS;
  @ requires UE_22: ue_next_safe(st, next);
  @ requires UE_22: \forall integer i; 0 <= i < k && out[i].kind == ITLS_UE_A_SEND_SM7 ==>
  @   st->sm6_seen == 1;
  @ requires UE_22: \forall integer i; 0 <= i < k && out[i].kind == ITLS_UE_A_SEND_SM7 &&
  @   out[i].mech == ITLS_MECH_TLS ==> itls_ue_bound(st);
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
  @ ensures UE_22: st->state == next && st->last_row == r && *n == k;
  @*/
static void
ue_commit(struct itls_ue *st, enum itls_ue_state next, size_t r,
	struct itls_ue_action *out, size_t k, size_t *n)
{
	int safe = ue_state_safe(st, next);

	if (safe) {
		safe = ue_actions_safe(st, out, k);
	}
	/* UE-22: proved of every row of the table; the check stays as defence in depth */
	/*@ assert UE_22: safe == 1; */
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

/*
 * Phases 3 and 4 for row r, which ue_lookup took (its state and event are
 * st's and ev's, its guard holds): run its steps, then commit. UE-22,
 * proved of the table: whatever the row, its steps leave what the check at
 * commit asks, so the check never fires and the state is the row's next
 * state (the check stays as defence in depth, D-UE-17).
 */
/*@ requires \valid(st) && itls_ue_inv(st);
  @ requires itls_ue_event_ok(ev);
  @ requires \valid_read(f);
  @ requires \valid(out + (0 .. ITLS_FSM_MAX_ACTIONS - 1)) && \valid(n);
  @ requires \separated(st, ev, f, out + (0 .. ITLS_FSM_MAX_ACTIONS - 1), n);
  @ requires \separated(st, ev->cert + (0 .. ev->cert_len - 1),
  @   ev->sec_server + (0 .. ev->sec_server_len - 1), ev->realm + (0 .. ev->realm_len - 1));
  @ requires \separated(out + (0 .. ITLS_FSM_MAX_ACTIONS - 1), n, f,
  @   ev->cert + (0 .. ev->cert_len - 1), ev->sec_server + (0 .. ev->sec_server_len - 1),
  @   ev->realm + (0 .. ev->realm_len - 1));
  @ requires ev->kind == ITLS_UE_EV_SM6 ==>
  @   ev->sec_server_len <= ITLS_FSM_HDR_MAX && ev->realm_len <= ITLS_FSM_NAME_MAX;
  @ requires itls_ue_mech_ok(f->mech) && f->sa_err != ITLS_OK;
  @ requires UE_22: ue_guard_gives(st, ev, f, row.guard, st->chosen);
  @ requires UE_22: ue_binding_facts(st, ev, f, row.guard);
  @ requires UE_22: ue_row_ok(st->state, ev->kind, row.guard, row.next, row.steps[0],
  @   row.steps[1], row.steps[2], row.steps[3], row.steps[4], row.steps[5]);
  @ assigns *st, out[0 .. ITLS_FSM_MAX_ACTIONS - 1], *n;
  @ ensures itls_ue_inv(st);
  @ ensures *n <= ITLS_FSM_MAX_ACTIONS;
  @ ensures UE_21: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_UE_A_SEND_SM7 ==>
  @   st->sm6_seen == 1;
  @ ensures UE_20: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_UE_A_SEND_SM7 &&
  @   out[i].mech == ITLS_MECH_TLS ==> itls_ue_bound(st);
  @ ensures UE_26: ev->kind == ITLS_UE_EV_TLS_UP && ev->resumed != 0 ==>
  @   st->conn_has_cert == \old(st->conn_has_cert) &&
  @   (\forall integer i; 0 <= i < ITLS_SHA256_LEN ==> st->conn_cert[i] == \old(st->conn_cert[i]));
  @ ensures UE_22: st->last_row == r && st->state == row.next;
  @*/
static void
ue_run(struct itls_ue *st, const struct itls_ue_event *ev,
	const struct ue_facts *f, size_t r, struct itls_ue_row row,
	struct itls_ue_action *out, size_t *n)
{
	size_t j, k;
	enum itls_ue_state next = row.next;
	enum itls_ue_guard g = row.guard;
	/* UE-26: a resumed handshake (proof only: what must not change) */
	int resumed_up = ev->kind == ITLS_UE_EV_TLS_UP && ev->resumed != 0;

	(void)resumed_up;
	/* 3. steps */
	k = 0;
	/*@ loop invariant 0 <= j <= ITLS_FSM_ROW_ACTS;
	  @ loop invariant 0 <= k <= j;
	  @ loop invariant UE_22: k == j;
	  @ loop invariant UE_22: \forall integer i; 1 <= i < ITLS_FSM_ROW_ACTS ==>
	  @   row.steps[i] != ITLS_UE_A_LOAD_CHALLENGE;
	  @ loop invariant UE_22_neutral: g == ITLS_UE_G_TLS_OK || g == ITLS_UE_G_CERT_OK ||
	  @   g == ITLS_UE_G_PSK_OK ==>
	  @   \forall integer i; 2 <= i < ITLS_FSM_ROW_ACTS ==> ue_neutral(row.steps[i]);
	  @ loop invariant UE_22: ue_guard_gives(st, ev, f, g, \at(st->chosen, Pre));
	  @ loop invariant UE_22_sm7: \forall integer i; 0 <= i < ITLS_FSM_ROW_ACTS &&
	  @   row.steps[i] == ITLS_UE_A_SEND_SM7 ==> next == ITLS_UE_SM7_SENT;
	  @ loop invariant UE_22_acts: \forall integer i; 0 <= i < k &&
	  @   out[i].kind == ITLS_UE_A_SEND_SM7 ==> out[i].mech == st->chosen &&
	  @   next == ITLS_UE_SM7_SENT;
	  @ loop invariant UE_22: j >= 1 && row.steps[0] == ITLS_UE_A_LOAD_CHALLENGE ==>
	  @   st->sm6_seen == 1 && st->chosen == f->mech;
	  @ loop invariant UE_22: !(j >= 1 && row.steps[0] == ITLS_UE_A_LOAD_CHALLENGE) ==>
	  @   st->sm6_seen == \at(st->sm6_seen, Pre) && st->chosen == \at(st->chosen, Pre);
	  @ loop invariant UE_22: (\forall integer i; 0 <= i < j ==> ue_keeps(row.steps[i], ev)) ==>
	  @   st->stok_ok == \at(st->stok_ok, Pre) && st->stok_run == \at(st->stok_run, Pre) &&
	  @   st->psk_ok == \at(st->psk_ok, Pre) && st->psk_run == \at(st->psk_run, Pre) &&
	  @   st->aka_run == \at(st->aka_run, Pre);
	  @ loop invariant UE_22: j == 0 ==> ue_binding_facts(st, ev, f, g);
	  @ loop invariant UE_22: (g == ITLS_UE_G_TLS_OK || g == ITLS_UE_G_CERT_OK) && j == 1 ==>
	  @   ue_acc_ok(st, ev);
	  @ loop invariant UE_22: (g == ITLS_UE_G_TLS_OK || g == ITLS_UE_G_CERT_OK) && j >= 2 ==>
	  @   st->stok_ok == 1 && st->stok_run == st->aka_run;
	  @ loop invariant UE_22: g == ITLS_UE_G_PSK_OK && j <= 1 ==> ue_psk_ok(st, ev);
	  @ loop invariant UE_22: g == ITLS_UE_G_PSK_OK && j >= 2 ==>
	  @   st->psk_ok == 1 && st->psk_run == st->aka_run;
	  @ loop invariant st->sec_server_len <= ITLS_FSM_HDR_MAX;
	  @ loop invariant st->realm_len <= ITLS_FSM_NAME_MAX;
	  @ loop invariant itls_ue_mech_ok(st->chosen);
	  @ loop invariant itls_ue_mech_ok(f->mech) && f->sa_err != ITLS_OK;
	  @ loop invariant itls_profile_ok(st->keys.profile);
	  @ loop invariant st->cfg.mode == ITLS_TLS_CERT || st->cfg.mode == ITLS_TLS_PSK;
	  @ loop invariant st->cfg.mode == \at(st->cfg.mode, Pre);
	  @ loop invariant st->cfg.domain_len <= ITLS_FSM_NAME_MAX;
	  @ loop invariant st->cfg.impi_len <= ITLS_FSM_NAME_MAX;
	  @ loop invariant itls_ue_psk_rec(st);
	  @ loop invariant ev->kind == \at(ev->kind, Pre) && ev->resumed == \at(ev->resumed, Pre);
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
		enum itls_ue_act a = row.steps[j];
		if (a == ITLS_UE_A_NONE) {
			break;
		}
		ue_do(st, ev, f, g, a, out, k);
		k++;
	}
	/* 4. commit: UE-20, UE-21; UE-22, what the check asks holds of every row */
	/*@ assert itls_ue_inv_data(st); */
	/*@ assert UE_22: itls_ue_after_sm6(next) ==>
	  @   st->sm6_seen == 1 && st->chosen != ITLS_MECH_NONE; */
	/*@ assert UE_22: next == ITLS_UE_REGISTERED_TLS || next == ITLS_UE_RESUMING ==>
	  @   st->chosen == ITLS_MECH_TLS; */
	/*@ assert UE_22: next == ITLS_UE_REGISTERED_IPSEC ==> st->chosen == ITLS_MECH_IPSEC; */
	/* (the binding: a binding row bound the session in its second step ...) */
	/*@ assert UE_22: g == ITLS_UE_G_TLS_OK || g == ITLS_UE_G_CERT_OK ||
	  @   g == ITLS_UE_G_PSK_OK ==> j >= 2; */
	/*@ assert UE_22: g == ITLS_UE_G_TLS_OK || g == ITLS_UE_G_CERT_OK ||
	  @   g == ITLS_UE_G_PSK_OK ==> itls_ue_bound(st); */
	/* (... or a row from a state after SM7 kept the records and the mechanism) */
	/*@ assert UE_22: ue_row_keeps(g, row.steps[0]) && ue_row_keeps(g, row.steps[1]) &&
	  @   ue_row_keeps(g, row.steps[2]) && ue_row_keeps(g, row.steps[3]) &&
	  @   ue_row_keeps(g, row.steps[4]) && ue_row_keeps(g, row.steps[5]) ==>
	  @   (\forall integer i; 0 <= i < ITLS_FSM_ROW_ACTS ==> ue_row_keeps(g, row.steps[i])); */
	/*@ assert UE_22: ue_row_keeps(g, row.steps[0]) && ue_row_keeps(g, row.steps[1]) &&
	  @   ue_row_keeps(g, row.steps[2]) && ue_row_keeps(g, row.steps[3]) &&
	  @   ue_row_keeps(g, row.steps[4]) && ue_row_keeps(g, row.steps[5]) ==>
	  @   (\forall integer i; 0 <= i < j ==> ue_keeps(row.steps[i], ev)); */
	/*@ assert UE_22: ue_row_keeps(g, row.steps[0]) && ue_row_keeps(g, row.steps[1]) &&
	  @   ue_row_keeps(g, row.steps[2]) && ue_row_keeps(g, row.steps[3]) &&
	  @   ue_row_keeps(g, row.steps[4]) && ue_row_keeps(g, row.steps[5]) ==>
	  @   st->chosen == \at(st->chosen, Pre) && st->cfg.mode == \at(st->cfg.mode, Pre) &&
	  @   st->stok_ok == \at(st->stok_ok, Pre) && st->stok_run == \at(st->stok_run, Pre) &&
	  @   st->psk_ok == \at(st->psk_ok, Pre) && st->psk_run == \at(st->psk_run, Pre) &&
	  @   st->aka_run == \at(st->aka_run, Pre); */
	/*@ assert UE_22: ue_sent(next) && st->chosen == ITLS_MECH_TLS ==> itls_ue_bound(st); */

	/*@ assert resumed_up != 0 ==> st->conn_has_cert == \at(st->conn_has_cert, Pre) &&
	  @   (\forall integer i; 0 <= i < ITLS_SHA256_LEN ==>
	  @     st->conn_cert[i] == \at(st->conn_cert[i], Pre)); */
	ue_commit(st, next, r, out, k, n);
	/*@ assert resumed_up != 0 ==> st->conn_has_cert == \at(st->conn_has_cert, Pre); */
	/*@ assert resumed_up != 0 ==> (\forall integer i; 0 <= i < ITLS_SHA256_LEN ==>
	  @   st->conn_cert[i] == \at(st->conn_cert[i], Pre)); */
	/*@ assert ev->kind == ITLS_UE_EV_TLS_UP && ev->resumed != 0 ==> resumed_up != 0; */
}

/* ---- the machine -------------------------------------------------------------------- */

/*
 * itls_ue_init in three parts, each with the contract the next one needs
 * (D-PR-5: WP's cost per goal grows with the stores before it).
 */
/* the records of a UE that has done nothing yet */
/*@ requires \valid(st);
  @ assigns st->last_row, st->tls_up, st->sm6_seen, st->aka_run, st->has_stoken,
  @   st->has_ctoken, st->stok_ok, st->stok_run, st->psk_ok, st->psk_run, st->has_psk,
  @   st->refusal_unauth, st->conn_has_cert, st->sec_server_len, st->realm_len,
  @   st->cfg.domain_len, st->cfg.impi_len, st->state, st->chosen, st->reason;
  @ ensures st->state == ITLS_UE_IDLE && st->chosen == ITLS_MECH_NONE && st->reason == ITLS_OK;
  @ ensures st->last_row == UE_TABLE_LEN;
  @ ensures st->tls_up == 0 && st->sm6_seen == 0 && st->aka_run == 0 && st->has_stoken == 0 &&
  @   st->has_ctoken == 0 && st->stok_ok == 0 && st->stok_run == 0 && st->psk_ok == 0 &&
  @   st->psk_run == 0 && st->has_psk == 0 && st->refusal_unauth == 0 &&
  @   st->conn_has_cert == 0;
  @ ensures st->sec_server_len == 0 && st->realm_len == 0 && st->cfg.domain_len == 0 &&
  @   st->cfg.impi_len == 0;
  @*/
static void
ue_init_records(struct itls_ue *st)
{
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
	st->state = ITLS_UE_IDLE;
	st->chosen = ITLS_MECH_NONE;
	st->reason = ITLS_OK;
}

/* no key, token or digest of an earlier use of st */
/*@ requires \valid(st);
  @ assigns st->keys.ik[0 .. 15], st->keys.ck[0 .. 15], st->s_token[0 .. 11],
  @   st->c_token[0 .. 11], st->psk[0 .. 31], st->conn_cert[0 .. ITLS_SHA256_LEN - 1];
  @ ensures \forall integer i; 0 <= i < ITLS_FSM_KEY_LEN ==>
  @   st->keys.ik[i] == 0 && st->keys.ck[i] == 0;
  @ ensures \forall integer i; 0 <= i < ITLS_FSM_TOKEN_LEN ==>
  @   st->s_token[i] == 0 && st->c_token[i] == 0;
  @ ensures \forall integer i; 0 <= i < ITLS_FSM_PSK_LEN ==> st->psk[i] == 0;
  @ ensures \forall integer i; 0 <= i < ITLS_SHA256_LEN ==> st->conn_cert[i] == 0;
  @*/
static void
ue_init_zero(struct itls_ue *st)
{
	ue_zero(st->keys.ik, ITLS_FSM_KEY_LEN);
	ue_zero(st->keys.ck, ITLS_FSM_KEY_LEN);
	ue_zero(st->s_token, ITLS_FSM_TOKEN_LEN);
	ue_zero(st->c_token, ITLS_FSM_TOKEN_LEN);
	ue_zero(st->psk, ITLS_FSM_PSK_LEN);
	ue_zero(st->conn_cert, ITLS_SHA256_LEN);
}

/* the configuration's flags, normalised */
/*@ requires \valid(st) && \valid_read(cfg);
  @ requires \separated(st, cfg);
  @ assigns st->cfg.offer, st->cfg.tls_first, st->cfg.mode, st->cfg.kdf_tokens,
  @   st->keys.profile, st->cfg.check_names;
  @ ensures st->cfg.offer == (cfg->offer & (ITLS_OFFER_TLS | ITLS_OFFER_IPSEC));
  @ ensures st->cfg.tls_first == (cfg->tls_first != 0 ? 1 : 0);
  @ ensures st->cfg.mode == (cfg->mode == ITLS_TLS_PSK ? ITLS_TLS_PSK : ITLS_TLS_CERT);
  @ ensures st->cfg.kdf_tokens == (cfg->kdf_tokens != 0 ? 1 : 0);
  @ ensures st->keys.profile == (st->cfg.kdf_tokens != 0 ? ITLS_TOKEN_KDF : ITLS_TOKEN_HMAC);
  @ ensures st->cfg.check_names == (cfg->check_names != 0 ? 1 : 0);
  @*/
static void
ue_init_flags(struct itls_ue *st, const struct itls_ue_config *cfg)
{
	st->cfg.offer = cfg->offer & (ITLS_OFFER_TLS | ITLS_OFFER_IPSEC);
	st->cfg.tls_first = cfg->tls_first ? 1 : 0;
	st->cfg.mode = cfg->mode == ITLS_TLS_PSK ? ITLS_TLS_PSK : ITLS_TLS_CERT;
	st->cfg.kdf_tokens = cfg->kdf_tokens ? 1 : 0;
	st->keys.profile = st->cfg.kdf_tokens ? ITLS_TOKEN_KDF : ITLS_TOKEN_HMAC;
	st->cfg.check_names = cfg->check_names ? 1 : 0;
}

/* see itls/ue.h */
enum itls_err
itls_ue_init(struct itls_ue *st, const struct itls_ue_config *cfg)
{
	size_t dlen = cfg->domain_len;
	size_t ilen = cfg->impi_len;

	ue_init_records(st);
	ue_init_zero(st);
	ue_init_flags(st, cfg);
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
	struct ue_pick p;

	*n = 0;
	/* an SM6 whose headers do not fit is not an event this UE can take */
	if (ev->kind == ITLS_UE_EV_SM6 && (ev->sec_server_len > ITLS_FSM_HDR_MAX
		|| ev->realm_len > ITLS_FSM_NAME_MAX)) {
		return ITLS_ERR_BAD_EVENT;
	}
	/* 1. facts */
	ue_facts(&f, st, ev);
	/* (proof steps: UE-26, the recorded digest and its presence as they were) */
	/*@ assert itls_same(itls_mem(&st->conn_cert[0], ITLS_SHA256_LEN),
	  @   \at(itls_mem(&st->conn_cert[0], ITLS_SHA256_LEN), Pre)); */
	/*@ assert st->conn_has_cert == \at(st->conn_has_cert, Pre); */
	/* 2. lookup: UE-23 */
	p = ue_find(st, ev, &f);
	if (p.r >= UE_TABLE_LEN) {
		return ITLS_ERR_BAD_EVENT;
	}
	/* 3. steps, 4. commit: UE-20, UE-21, UE-22 */
	ue_run(st, ev, &f, p.r, p.row, out, n);
	/*@ assert ev->kind == ITLS_UE_EV_TLS_UP && ev->resumed != 0 ==>
	  @   st->conn_has_cert == \at(st->conn_has_cert, Pre); */
	/* (proof step: UE-26, the recorded digest as it was) */
	/*@ assert ev->kind == ITLS_UE_EV_TLS_UP && ev->resumed != 0 ==>
	  @   itls_same(itls_mem(&st->conn_cert[0], ITLS_SHA256_LEN),
	  @     \at(itls_mem(&st->conn_cert[0], ITLS_SHA256_LEN), Pre)); */
	return ITLS_OK;
}
