/*
 * itls/pcscf.h -- the I-TLS state machine of the P-CSCF (spec/pcscf.md, PC-nn).
 *
 * Theory of operation. The P-CSCF sits between the UE and the home network
 * (I-CSCF, S-CSCF). It answers the UE's TLS handshake with its certificate
 * and never asks the UE for one (seed 002). It
 * relays the initial REGISTER (SM1 -> SM2) marking toward the S-CSCF how it
 * arrived (integrity-protected, TS 24.229 §5.2.2); it receives the challenge
 * with CK and IK (SM5), removes them and -- when the UE offered tls -- adds
 * s_token, the MAC under IK of its own certificate (seed 004
 * §3.3.1 step 5, §3.3.3), with its Security-Server
 * (SM6). When the protected REGISTER arrives (SM7) it checks that it came
 * protected, that Security-Verify repeats its Security-Server and that
 * Security-Client repeats the one of SM1 (RFC 3329 §2.3.1: bid-down), and
 * verifies c_token (step 9); only then does it forward SM8. In PSK-TLS mode
 * (figure 6) no tokens are used: the handshake keyed from CK/IK binds the
 * session. The P-CSCF never opens or resumes TLS toward the UE (seed 003
 * §3.1).
 *
 * Same shape as itls/ue.h: caller-owned state, a const table of rows
 * {state, event, guard, next, steps}, one step function returning actions,
 * and a safety check before commit (PC-15, PC-20): SM8 is never forwarded
 * unless the c_token that was due verified, and `tls-yes` is never claimed
 * for a session not bound to this AKA run. The check is defence in depth:
 * that every row's guard and steps pass it is proved (PC-20).
 */
#ifndef ITLS_PCSCF_H
#define ITLS_PCSCF_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "itls/err.h"
#include "itls/fsm.h"
#include "itls/token.h"

/** States of the P-CSCF (for one UE). */
enum itls_pc_state {
	ITLS_PC_IDLE = 0,            /**< waiting for SM1 (a TLS connection may be up) */
	ITLS_PC_SM2_SENT,            /**< SM1 relayed, waiting for the challenge SM5 */
	ITLS_PC_SM6_SENT,            /**< challenge sent, waiting for SM7 */
	ITLS_PC_SM8_SENT,            /**< SM7 checked and relayed, waiting for SM11 */
	ITLS_PC_REGISTERED,          /**< SM12 sent */
	ITLS_PC_FAILED,              /**< aborted (reason in `reason`) */
	ITLS_PC_STATE_COUNT
};

/** Events the caller feeds in. */
enum itls_pc_event_kind {
	ITLS_PC_EV_TLS_UP = 0,       /**< a UE completed a TLS handshake with us */
	ITLS_PC_EV_TLS_CLOSED,       /**< that connection closed */
	ITLS_PC_EV_SM1,              /**< initial REGISTER from the UE (parsed) */
	ITLS_PC_EV_SM5,              /**< 401 challenge from the home network, with ck/ik */
	ITLS_PC_EV_SM7,              /**< protected REGISTER from the UE (parsed) */
	ITLS_PC_EV_SM11,             /**< 200 OK from the home network */
	ITLS_PC_EV_SM11_REJECT,      /**< a final error from the home network */
	ITLS_PC_EV_TLS_TO_UE,        /**< something asks us to open/resume TLS toward the UE */
	ITLS_PC_EV_COUNT
};

/** Guards of the table (spec/generated/pcscf-table.md). */
enum itls_pc_guard {
	ITLS_PC_G_ALWAYS = 0,
	ITLS_PC_G_NO_COMMON,         /**< SM1: the UE offers nothing we support */
	ITLS_PC_G_SM1_TLS,           /**< SM1 came inside TLS */
	ITLS_PC_G_SM1_PLAIN,         /**< SM1 came unprotected */
	ITLS_PC_G_NO_KEYS,           /**< SM5 lacks ck or ik */
	ITLS_PC_G_TOKEN,             /**< SM5, UE offered tls, I-TLS: s_token made */
	ITLS_PC_G_TOKEN_FAIL,        /**< SM5, UE offered tls, s_token could not be made */
	ITLS_PC_G_PSK,               /**< SM5, UE offered tls, PSK-TLS mode */
	ITLS_PC_G_NO_TLS,            /**< SM5, UE did not offer tls: no tokens (PC-07) */
	ITLS_PC_G_UNPROTECTED,       /**< SM7 not inside TLS or IPsec */
	ITLS_PC_G_VERIFY_MISMATCH,   /**< SM7 Security-Verify differs from our Security-Server */
	ITLS_PC_G_CLIENT_MISMATCH,   /**< SM7 Security-Client differs from SM1's */
	ITLS_PC_G_NO_CTOKEN,         /**< c_token due and absent */
	ITLS_PC_G_BAD_CTOKEN,        /**< c_token present and wrong */
	ITLS_PC_G_TLS_UNBOUND,       /**< SM7 over TLS not bound to this run */
	ITLS_PC_G_TLS_OK,            /**< SM7 over bound TLS */
	ITLS_PC_G_IPSEC_OK,          /**< SM7 over IPsec */
	ITLS_PC_G_CERT_MODE,         /**< a certificate handshake (I-TLS) */
	ITLS_PC_G_PSK_OK,            /**< a PSK-TLS handshake with this run's PSK */
	ITLS_PC_G_RESUMED,           /**< the UE resumed its session */
	ITLS_PC_G_NEW_SESSION,       /**< a new full handshake after registration */
	ITLS_PC_G_NOT_AGREED,        /**< SM7 over a mechanism other than the agreed one (PC-21) */
	ITLS_PC_G_CERT_MISMATCH,     /**< SM7 over TLS: s_token is not over this connection's certificate (PC-22) */
	ITLS_PC_G_COUNT
};

/** Steps of a row; each produces one action of the same code. */
enum itls_pc_act {
	ITLS_PC_A_NONE = 0,
	ITLS_PC_A_NOTE_TLS_UP,       /**< record that TLS is up */
	ITLS_PC_A_NOTE_TLS_DOWN,     /**< record that TLS is down */
	ITLS_PC_A_STORE_SM1,         /**< keep SM1's Security-Client, our Security-Server, IMPI */
	ITLS_PC_A_SEND_SM2,          /**< relay the REGISTER with integrity-protected (PC-03) */
	ITLS_PC_A_LOAD_KEYS,         /**< keep CK, IK of this run */
	ITLS_PC_A_STRIP_KEYS,        /**< remove ck, ik from the challenge (PC-05) */
	ITLS_PC_A_MAKE_STOKEN,       /**< s_token over our certificate (PC-06) */
	ITLS_PC_A_MAKE_PSK,          /**< PSK from CK, IK, IMPI (PC-16) */
	ITLS_PC_A_SEND_SM6,          /**< send the challenge (+ s_token) and Security-Server */
	ITLS_PC_A_ACCEPT_CTOKEN,     /**< record the outcome of the c_token check (PC-13) */
	ITLS_PC_A_ACCEPT_PSK,        /**< record the PSK-TLS binding */
	ITLS_PC_A_SEND_SM8,          /**< relay the REGISTER with integrity-protected (PC-14) */
	ITLS_PC_A_SEND_SM12,         /**< relay the 200 OK */
	ITLS_PC_A_FORWARD_REJECT,    /**< relay the error response */
	ITLS_PC_A_REFUSE,            /**< refuse to open/resume TLS toward the UE (PC-17) */
	ITLS_PC_A_ABORT,             /**< give up; reason says why */
	ITLS_PC_A_UNBIND,            /**< a new full handshake: not tls-yes, re-registration required (PC-17) */
	ITLS_PC_A_COUNT
};

/** One action returned to the caller. */
struct itls_pc_action {
	enum itls_pc_act kind;
	enum itls_mech mech;              /**< SEND_SM8, SEND_SM12: mechanism in use */
	enum itls_integrity integrity;    /**< SEND_SM2, SEND_SM8 */
	int with_token;                   /**< SEND_SM6: s_token included */
	enum itls_err reason;             /**< ABORT, REFUSE, UNBIND */
};

/** One row of the transition table. */
struct itls_pc_row {
	enum itls_pc_state state;
	enum itls_pc_event_kind event;
	enum itls_pc_guard guard;
	enum itls_pc_state next;
	enum itls_pc_act steps[ITLS_FSM_ROW_ACTS];   /**< ITLS_PC_A_NONE-terminated */
};

extern const struct itls_pc_row itls_pc_table[];
extern const size_t itls_pc_table_len;

/** Configuration, fixed at itls_pc_init. */
struct itls_pc_config {
	unsigned support;            /**< ITLS_OFFER_TLS | ITLS_OFFER_IPSEC */
	enum itls_tls_mode mode;     /**< I-TLS or PSK-TLS */
	int kdf_tokens;              /**< the KDF token profile (D-TK-4) */
	int prefer_ipsec;            /**< PC-21: our Security-Server ranks ipsec-3gpp above tls */
};

/** The P-CSCF's state for one UE (caller-owned, no pointers). */
struct itls_pc {
	enum itls_pc_state state;
	struct itls_pc_config cfg;
	int tls_up;                  /**< a TLS connection with the UE is up */
	int tls_bound;               /**< that connection is bound to the current run */
	enum itls_transport sm1_via;
	unsigned ue_offer;           /**< mechanisms in SM1's Security-Client */
	int ue_tls;                  /**< 1 when that list has tls */
	uint32_t aka_run;            /**< challenges loaded */
	struct itls_token_keys keys; /**< CK, IK of this run from SM5 */
	int stok_sent;               /**< s_token computed and put in SM6 */
	uint8_t s_token[ITLS_FSM_TOKEN_LEN];
	int sm6_sent;                /**< record: a challenge went to the UE */
	enum itls_transport sm7_via;
	/* record, set only from the outcome of the c_token verification (PC-13) */
	int ctok_ok;
	uint32_t ctok_run;
	/* record, set only when a PSK-TLS handshake with this run's PSK succeeded */
	int psk_ok;
	uint32_t psk_run;
	int has_psk;
	uint8_t psk[ITLS_FSM_PSK_LEN];
	enum itls_mech agreed;       /**< PC-21: the mechanism SM7 must use (set at SM1) */
	uint8_t c_token[ITLS_FSM_TOKEN_LEN];   /**< the c_token that verified (PC-13) */
	int sm7_cert_ok;             /**< set by the last transition: s_token is over the certificate
	                                  of the connection its SM7 came over (PC-22) */
	enum itls_mech mech;         /**< mechanism SM7 used */
	enum itls_integrity integrity;   /**< value put in the last SM2 / SM8 */
	uint8_t sec_client[ITLS_FSM_HDR_MAX];   /**< canonical Security-Client of SM1 */
	size_t sec_client_len;
	uint8_t sec_server[ITLS_FSM_HDR_MAX];   /**< canonical Security-Server we send */
	size_t sec_server_len;
	uint8_t impi[ITLS_FSM_NAME_MAX];        /**< the UE's IMPI (SM1 username) */
	size_t impi_len;
	enum itls_err reason;
	size_t last_row;             /**< table row of the last transition (table length: the safety check fired) */
};

/** An event with its parsed data (views into caller memory). */
struct itls_pc_event {
	enum itls_pc_event_kind kind;
	enum itls_transport via;     /**< SM1, SM7: how the message arrived */
	int resumed;                 /**< TLS_UP: the UE resumed a session */
	int psk;                     /**< TLS_UP: PSK-TLS handshake with the PSK we hold */
	unsigned ue_offer;           /**< SM1: mechanisms of its Security-Client */
	const uint8_t *sec_client;   /**< SM1, SM7: canonical Security-Client value */
	size_t sec_client_len;
	const uint8_t *sec_server;   /**< SM1: the canonical Security-Server we will send */
	size_t sec_server_len;
	const uint8_t *sec_verify;   /**< SM7: canonical Security-Verify value */
	size_t sec_verify_len;
	const uint8_t *impi;         /**< SM1: username of the Authorization header */
	size_t impi_len;
	int has_keys;                /**< SM5: ck and ik were present */
	uint8_t ik[ITLS_FSM_KEY_LEN];
	uint8_t ck[ITLS_FSM_KEY_LEN];
	const uint8_t *cert;         /**< SM5: our own certificate, DER; SM7: the one we presented
	                                  in the handshake of the TLS connection SM7 came over */
	size_t cert_len;
	int has_ctoken;              /**< SM7 */
	uint8_t c_token[ITLS_FSM_TOKEN_LEN];
};

/*@ predicate itls_pc_state_ok(integer s) = 0 <= s < ITLS_PC_STATE_COUNT;
  @ predicate itls_pc_tr_ok(integer t) = 0 <= t <= 2;
  @ predicate itls_pc_mech_ok(integer m) = 0 <= m <= 2;
  @
  @ // PC-21: the mechanism the P-CSCF agrees to: the one it ranks highest among
  @ // those both it (support) and the UE (offer) offered; none when there is none
  @ logic integer itls_pc_pick(integer support, integer offer, integer prefer_ipsec) =
  @   (((support & 1) != 0 && (offer & 1) != 0) && ((support & 2) != 0 && (offer & 2) != 0))
  @     ? (prefer_ipsec != 0 ? ITLS_MECH_IPSEC : ITLS_MECH_TLS)
  @   : (((support & 1) != 0 && (offer & 1) != 0) ? ITLS_MECH_TLS
  @   : (((support & 2) != 0 && (offer & 2) != 0) ? ITLS_MECH_IPSEC : ITLS_MECH_NONE));
  @ // the mechanism a transport stands for
  @ logic integer itls_pc_mech_of(integer via) =
  @   via == ITLS_TR_TLS ? ITLS_MECH_TLS : (via == ITLS_TR_IPSEC ? ITLS_MECH_IPSEC : ITLS_MECH_NONE);
  @
  @ // PC-13: the recorded c_token is the MAC under this run's keys of the s_token sent
  @ predicate itls_pc_ctok_link(struct itls_pc *p) =
  @   p->ctok_ok == 1 ==> itls_mem(&p->c_token[0], ITLS_FSM_TOKEN_LEN) ==
  @     itls_c_token_of(&p->keys, itls_mem(&p->s_token[0], ITLS_FSM_TOKEN_LEN));
  @ // PC-22: the s_token sent is the MAC under this run's keys of the certificate
  @ // of the connection an SM7 came over
  @ predicate itls_pc_cert_link(struct itls_pc *p, struct itls_pc_event *e) =
  @   itls_mem(&p->s_token[0], ITLS_FSM_TOKEN_LEN) ==
  @     itls_s_token_of(&p->keys, itls_mem((uint8_t *)e->cert, e->cert_len));
  @ // PC-22 over the actions of a step: tls-yes in I-TLS only with that link
  @ predicate itls_pc_sm8_cert_bound(struct itls_pc *p, struct itls_pc_event *e,
  @     struct itls_pc_action *out, integer n) =
  @   \forall integer i; 0 <= i < n && out[i].kind == ITLS_PC_A_SEND_SM8 &&
  @     out[i].integrity == ITLS_IP_TLS_YES && p->cfg.mode == ITLS_TLS_CERT ==>
  @     itls_pc_cert_link(p, e);
  @ // PC-10, PC-11: equal canonical header values, byte for byte
  @ predicate itls_pc_same_bytes(uint8_t *a, integer alen, uint8_t *b, integer blen) =
  @   alen == blen && (\forall integer i; 0 <= i < alen ==> a[i] == b[i]);
  @
  @ // c_token is due: s_token went out and TLS carried SM1 or SM7 (PC-12)
  @ predicate itls_pc_ctok_due(struct itls_pc *p) =
  @   p->stok_sent == 1 && (p->sm1_via == ITLS_TR_TLS || p->sm7_via == ITLS_TR_TLS);
  @
  @ // the TLS session is bound to this run: c_token or PSK (PC-14)
  @ predicate itls_pc_bound(struct itls_pc *p) =
  @   (p->ctok_ok == 1 && p->ctok_run == p->aka_run) ||
  @   (p->psk_ok == 1 && p->psk_run == p->aka_run);
  @
  @ // PC-14 over the actions of a step: tls-yes only for a session bound to this run
  @ predicate itls_pc_sm8_tls_bound(struct itls_pc *p, struct itls_pc_action *out, integer n) =
  @   \forall integer i; 0 <= i < n && out[i].kind == ITLS_PC_A_SEND_SM8 &&
  @     out[i].integrity == ITLS_IP_TLS_YES ==> itls_pc_bound(p) && p->tls_bound == 1;
  @
  @ predicate itls_pc_after_sm6(integer s) =
  @   s == ITLS_PC_SM6_SENT || s == ITLS_PC_SM8_SENT || s == ITLS_PC_REGISTERED;
  @ predicate itls_pc_after_sm8(integer s) =
  @   s == ITLS_PC_SM8_SENT || s == ITLS_PC_REGISTERED;
  @
  @ // PC-15: what must hold whenever SM8 may go out
  @ predicate itls_pc_sm8_ok(struct itls_pc *p) =
  @   p->sm6_sent == 1 &&
  @   (itls_pc_ctok_due(p) ==> p->ctok_ok == 1 && p->ctok_run == p->aka_run) &&
  @   (p->sm7_via == ITLS_TR_TLS ==> itls_pc_bound(p));
  @
  @ // the named clauses of itls_pc_step, over the actions out[0 .. n - 1] of a step:
  @ // PC-15: SM8 goes out only when what must hold then holds
  @ predicate itls_pc_sm8_gated(struct itls_pc *p, struct itls_pc_action *out, integer n) =
  @   \forall integer i; 0 <= i < n && out[i].kind == ITLS_PC_A_SEND_SM8 ==> itls_pc_sm8_ok(p);
  @ // PC-13: the c_token due verified under this run's keys, over the s_token sent
  @ predicate itls_pc_sm8_ctok(struct itls_pc *p, struct itls_pc_action *out, integer n) =
  @   \forall integer i; 0 <= i < n && out[i].kind == ITLS_PC_A_SEND_SM8 &&
  @     itls_pc_ctok_due(p) ==> p->ctok_ok == 1 && p->ctok_run == p->aka_run &&
  @     itls_mem(&p->c_token[0], ITLS_FSM_TOKEN_LEN) ==
  @       itls_c_token_of(&p->keys, itls_mem(&p->s_token[0], ITLS_FSM_TOKEN_LEN));
  @ // PC-10: Security-Verify of SM7 is the Security-Server sent
  @ predicate itls_pc_sm8_verify(struct itls_pc *p, struct itls_pc_event *e,
  @     struct itls_pc_action *out, integer n) =
  @   \forall integer i; 0 <= i < n && out[i].kind == ITLS_PC_A_SEND_SM8 ==>
  @     e->kind == ITLS_PC_EV_SM7 &&
  @     itls_pc_same_bytes((uint8_t *)e->sec_verify, e->sec_verify_len,
  @       &p->sec_server[0], p->sec_server_len);
  @ // PC-11: Security-Client of SM7 is that of SM1
  @ predicate itls_pc_sm8_client(struct itls_pc *p, struct itls_pc_event *e,
  @     struct itls_pc_action *out, integer n) =
  @   \forall integer i; 0 <= i < n && out[i].kind == ITLS_PC_A_SEND_SM8 ==>
  @     itls_pc_same_bytes((uint8_t *)e->sec_client, e->sec_client_len,
  @       &p->sec_client[0], p->sec_client_len);
  @ // PC-21: over the mechanism agreed at SM1, with a valid c_token in I-TLS over TLS
  @ predicate itls_pc_sm8_agreed(struct itls_pc *p, struct itls_pc_event *e,
  @     struct itls_pc_action *out, integer n) =
  @   \forall integer i; 0 <= i < n && out[i].kind == ITLS_PC_A_SEND_SM8 ==>
  @     out[i].mech != ITLS_MECH_NONE && out[i].mech == p->agreed &&
  @     out[i].mech == itls_pc_mech_of(e->via) &&
  @     p->agreed == itls_pc_pick(p->cfg.support, p->ue_offer, p->cfg.prefer_ipsec) &&
  @     (out[i].mech == ITLS_MECH_TLS && p->cfg.mode == ITLS_TLS_CERT ==>
  @       p->ctok_ok == 1 && p->ctok_run == p->aka_run);
  @ // PC-17: tls-yes only while bound
  @ predicate itls_pc_tls_yes_bound(struct itls_pc *p) =
  @   p->integrity == ITLS_IP_TLS_YES ==> p->tls_bound == 1 && itls_pc_bound(p);
  @ predicate itls_pc_unbind_ok(struct itls_pc *p, struct itls_pc_action *out, integer n) =
  @   \forall integer i; 0 <= i < n && out[i].kind == ITLS_PC_A_UNBIND ==>
  @     p->tls_bound == 0 && p->integrity != ITLS_IP_TLS_YES;
  @ // PC-07: s_token only to a UE that offered tls
  @ predicate itls_pc_token_to_tls(struct itls_pc *p, struct itls_pc_action *out, integer n) =
  @   \forall integer i; 0 <= i < n && out[i].kind == ITLS_PC_A_SEND_SM6 &&
  @     out[i].with_token == 1 ==> p->ue_tls == 1;
  @
  @ // the invariant: well-formed data ...
  @ predicate itls_pc_inv_data(struct itls_pc *p) =
  @   itls_pc_tr_ok(p->sm1_via) && itls_pc_tr_ok(p->sm7_via) &&
  @   itls_profile_ok(p->keys.profile) &&
  @   (p->cfg.mode == ITLS_TLS_CERT || p->cfg.mode == ITLS_TLS_PSK) &&
  @   p->sec_client_len <= ITLS_FSM_HDR_MAX && p->sec_server_len <= ITLS_FSM_HDR_MAX &&
  @   p->impi_len <= ITLS_FSM_NAME_MAX &&
  @   (p->stok_sent == 1 ==> p->ue_tls == 1) &&
  @   itls_pc_mech_ok(p->agreed) &&
  @   p->agreed == itls_pc_pick(p->cfg.support, p->ue_offer, p->cfg.prefer_ipsec);
  @ // ... and what the state implies (PC-15, PC-20)
  @ predicate itls_pc_inv_state(struct itls_pc *p) =
  @   itls_pc_state_ok(p->state) &&
  @   (itls_pc_after_sm6(p->state) ==> p->sm6_sent == 1) &&
  @   (itls_pc_after_sm8(p->state) ==> itls_pc_sm8_ok(p)) &&
  @   (p->integrity == ITLS_IP_TLS_YES ==> p->tls_bound == 1 && itls_pc_bound(p) &&
  @     itls_pc_after_sm8(p->state));
  @ predicate itls_pc_inv(struct itls_pc *p) =
  @   itls_pc_inv_data(p) && itls_pc_inv_state(p);
  @
  @ // PC-20: the (state, event) pairs that have a row of several steps; the other
  @ // rows are proved never to end in the fallback of the safety check
  @ predicate itls_pc_multi_step(integer s, integer e) =
  @   (e == ITLS_PC_EV_SM1 && (s == ITLS_PC_IDLE || s == ITLS_PC_REGISTERED)) ||
  @   (e == ITLS_PC_EV_SM5 && s == ITLS_PC_SM2_SENT) ||
  @   (e == ITLS_PC_EV_TLS_UP && (s == ITLS_PC_SM6_SENT || s == ITLS_PC_REGISTERED)) ||
  @   (e == ITLS_PC_EV_SM7 && s == ITLS_PC_SM6_SENT);
  @
  @ predicate itls_pc_event_ok(struct itls_pc_event *e) =
  @   \valid_read(e) && 0 <= e->kind < ITLS_PC_EV_COUNT && itls_pc_tr_ok(e->via) &&
  @   \valid_read(e->sec_client + (0 .. e->sec_client_len - 1)) &&
  @   \valid_read(e->sec_server + (0 .. e->sec_server_len - 1)) &&
  @   \valid_read(e->sec_verify + (0 .. e->sec_verify_len - 1)) &&
  @   \valid_read(e->impi + (0 .. e->impi_len - 1)) &&
  @   \valid_read(e->cert + (0 .. e->cert_len - 1));
  @
  @ // the caller's buffers for the actions and their count: valid, and apart from
  @ // each other, from the state and from the event's data
  @ predicate itls_pc_out_ok(struct itls_pc *p, struct itls_pc_event *e,
  @     struct itls_pc_action *out, size_t *n) =
  @   \valid(out + (0 .. ITLS_FSM_MAX_ACTIONS - 1)) && \valid(n) &&
  @   \separated(out + (0 .. ITLS_FSM_MAX_ACTIONS - 1), n, p, e) &&
  @   \separated(out + (0 .. ITLS_FSM_MAX_ACTIONS - 1),
  @     e->sec_client + (0 .. e->sec_client_len - 1),
  @     e->sec_server + (0 .. e->sec_server_len - 1),
  @     e->sec_verify + (0 .. e->sec_verify_len - 1),
  @     e->impi + (0 .. e->impi_len - 1), e->cert + (0 .. e->cert_len - 1)) &&
  @   \separated(n,
  @     e->sec_client + (0 .. e->sec_client_len - 1),
  @     e->sec_server + (0 .. e->sec_server_len - 1),
  @     e->sec_verify + (0 .. e->sec_verify_len - 1),
  @     e->impi + (0 .. e->impi_len - 1), e->cert + (0 .. e->cert_len - 1));
  @
  @ predicate itls_pc_event_sep(struct itls_pc_event *e, struct itls_pc *p) =
  @   \separated(p, e) &&
  @   \separated(p, e->sec_client + (0 .. e->sec_client_len - 1)) &&
  @   \separated(p, e->sec_server + (0 .. e->sec_server_len - 1)) &&
  @   \separated(p, e->sec_verify + (0 .. e->sec_verify_len - 1)) &&
  @   \separated(p, e->impi + (0 .. e->impi_len - 1)) &&
  @   \separated(p, e->cert + (0 .. e->cert_len - 1));
  @*/

/**
 * \brief Set up a P-CSCF in state `idle` with configuration `cfg` (copied).
 *
 * Returns ITLS_OK, or `not-allowed` when it supports no mechanism (st is
 * then `failed`).
 */
/*@ requires \valid(st) && \valid_read(cfg);
  @ requires \separated(st, cfg);
  @ assigns *st;
  @ ensures itls_pc_inv(st);
  @ ensures \result == ITLS_OK ==> st->state == ITLS_PC_IDLE;
  @ ensures \result != ITLS_OK ==> st->state == ITLS_PC_FAILED;
  @ ensures st->sm6_sent == 0 && st->ctok_ok == 0 && st->psk_ok == 0;
  @*/
enum itls_err
itls_pc_init(struct itls_pc *st, const struct itls_pc_config *cfg);

/**
 * \brief One transition of the P-CSCF.
 *
 * As itls_ue_step: the first row of (state, event) whose guard holds is
 * taken, its steps append actions to out (at most ITLS_FSM_MAX_ACTIONS), the
 * state moves. `bad-event` when no row matches (nothing changed, *n 0).
 *
 * Proved, one clause per rule (spec/pcscf.md): the invariant is kept and
 * the transition is the row's own, never the fallback of the safety check
 * (PC-20: proved of the table, spec/pcscf.md); SM8 goes out only when the c_token that was due verified under
 * this run's keys (PC-15), the recorded c_token being the MAC of the s_token
 * sent (PC-13), over the mechanism agreed at SM1 (PC-21), with the
 * Security-Verify and Security-Client of SM7 equal to the Security-Server
 * sent and the Security-Client of SM1 (PC-10, PC-11); `tls-yes` only for a
 * session bound to this run (PC-14), in I-TLS with an s_token over the
 * certificate of the connection SM7 came over (PC-22), and only while the
 * session stays bound (PC-17); s_token goes out only to a UE that offered
 * tls (PC-07).
 */
/*@ requires \valid(st) && itls_pc_inv(st);
  @ requires itls_pc_event_ok(ev) && itls_pc_event_sep(ev, st);
  @ requires itls_pc_out_ok(st, ev, out, n);
  @ assigns *st, out[0 .. ITLS_FSM_MAX_ACTIONS - 1], *n;
  @ ensures itls_pc_inv(st);
  @ ensures 0 <= *n <= ITLS_FSM_MAX_ACTIONS;
  @ ensures \result == ITLS_OK || \result == ITLS_ERR_BAD_EVENT;
  @ ensures \result == ITLS_ERR_BAD_EVENT ==> *n == 0 && st->state == \old(st->state);
  @ ensures PC_15: itls_pc_sm8_gated(st, out, *n);
  @ ensures PC_13: itls_pc_sm8_ctok(st, out, *n);
  @ ensures PC_10: itls_pc_sm8_verify(st, ev, out, *n);
  @ ensures PC_11: itls_pc_sm8_client(st, ev, out, *n);
  @ ensures PC_21: itls_pc_sm8_agreed(st, ev, out, *n);
  @ ensures PC_14: itls_pc_sm8_tls_bound(st, out, *n);
  @ ensures PC_22: itls_pc_sm8_cert_bound(st, ev, out, *n);
  @ ensures PC_17: itls_pc_tls_yes_bound(st);
  @ ensures PC_17_unbind: itls_pc_unbind_ok(st, out, *n);
  @ ensures PC_07: itls_pc_token_to_tls(st, out, *n);
  @ ensures PC_20: \result == ITLS_OK ==> st->last_row < itls_pc_table_len &&
  @   st->state == itls_pc_table[st->last_row].next;
  @*/
enum itls_err
itls_pc_step(struct itls_pc *st, const struct itls_pc_event *ev,
	struct itls_pc_action *out, size_t *n);

/** \brief Names of states, events, guards and steps ("?" when out of range). */
/*@ assigns \nothing;
  @ ensures \valid_read(\result);
  @*/
const char *
itls_pc_state_name(int s);

/*@ assigns \nothing;
  @ ensures \valid_read(\result);
  @*/
const char *
itls_pc_event_name(int e);

/*@ assigns \nothing;
  @ ensures \valid_read(\result);
  @*/
const char *
itls_pc_guard_name(int g);

/*@ assigns \nothing;
  @ ensures \valid_read(\result);
  @*/
const char *
itls_pc_act_name(int a);

/*@ assigns \nothing;
  @ ensures \valid_read(\result);
  @*/
const char *
itls_integrity_name(int v);

#ifdef __cplusplus
}
#endif

#endif
