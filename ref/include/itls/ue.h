/*
 * itls/ue.h -- the I-TLS state machine of the UE (spec/ue.md, UE-nn).
 *
 * Theory of operation. The UE registers with IMS through a P-CSCF. It
 * protects the registration with TLS or with IPsec, chosen by SIP security
 * agreement (RFC 3329); with TLS it needs no PKI: it accepts the P-CSCF's
 * certificate as it is (seed 004 §3.3.1 step 1)
 * and trusts it only once the P-CSCF has proved, with s_token = a MAC under
 * the IK of this AKA run, that it holds that very certificate (step 7). The
 * UE answers with c_token (steps 7-8). Two orders exist: TLS first, then
 * sec-agree inside it (figure 2; figure 3 when the P-CSCF then prefers
 * IPsec), or sec-agree first and TLS after SM6 (figure 4). A TLS refusal
 * makes the UE fall back to sec-agree (figure 5); that refusal is not
 * authenticated, which the machine records. With PSK-TLS (figure 6) the
 * TLS handshake itself, keyed from CK/IK, binds the session to the run.
 * A registered UE re-registers (event `reregister`, UE-28) with a new SM1
 * over the connection it has, and the challenge that follows is a new AKA
 * run handled by the rows of a first registration; a new full handshake
 * after registration is unbound and makes the UE re-register over it
 * (UE-29, D-PC-9); in PSK-TLS a re-registration re-keys the session with
 * the new run's PSK (UE-30).
 *
 * The machine is sans-I/O: the caller owns `struct itls_ue`, feeds each
 * outcome (TLS up, SM6 parsed, ...) as a `struct itls_ue_event`, and gets
 * back the actions to carry out. The machine chooses the mechanism itself
 * from the Security-Server value of SM6 (itls_secagree_parse_ranks)
 * and its own offer (UE-06, RFC 3329 §2.3); the s_token check, the binding
 * of the certificate to the TLS connection (UE-25), the c_token, the PSK
 * and the name checks are computed here too. The caller only reports what
 * happened (which certificate the handshake carried, what SM6 said).
 *
 * The transition table `itls_ue_table` is const data (D-UE-2). For a
 * (state, event) the rows are tried in order; the first whose guard holds
 * is taken: its steps run in order, each producing one action, then the
 * state becomes the row's next state. A pair with no row, or whose guards
 * are all false, is `bad-event` and changes nothing. Before a transition is
 * committed a safety check (UE-20..UE-22) is applied: the machine never
 * sends SM7 before SM6 and never reaches `registered-tls` unless the TLS
 * session is bound to this AKA run; a row that would break this ends in
 * `failed` with `not-allowed` instead; that no row of the table ever does
 * is proved (UE_22 below, D-UE-17), so the check is defence in depth.
 */
#ifndef ITLS_UE_H
#define ITLS_UE_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "itls/crypto.h"
#include "itls/err.h"
#include "itls/fsm.h"
#include "itls/psk.h"
#include "itls/secagree.h"
#include "itls/token.h"

/** States of the UE. */
enum itls_ue_state {
	ITLS_UE_IDLE = 0,            /**< not registered, nothing sent */
	ITLS_UE_TLS_CONNECTING,      /**< fig 2: TLS handshake before SM1 */
	ITLS_UE_SM1_SENT,            /**< SM1 sent, waiting for the challenge SM6 */
	ITLS_UE_TLS_LATE,            /**< fig 4/6: TLS chosen in SM6, handshake after it */
	ITLS_UE_SM7_SENT,            /**< SM7 sent, waiting for SM12 */
	ITLS_UE_REGISTERED_TLS,      /**< registered, signalling over bound TLS */
	ITLS_UE_REGISTERED_IPSEC,    /**< registered, signalling over IPsec */
	ITLS_UE_RESUMING,            /**< registered, TLS lost; the UE resumes it */
	ITLS_UE_FAILED,              /**< aborted (reason in `reason`) */
	ITLS_UE_STATE_COUNT
};

/** Events the caller feeds in. */
enum itls_ue_event_kind {
	ITLS_UE_EV_START = 0,        /**< begin registration */
	ITLS_UE_EV_TLS_UP,           /**< a TLS handshake completed (cert, resumed, psk_ok) */
	ITLS_UE_EV_TLS_FAIL,         /**< the TLS handshake was refused or failed */
	ITLS_UE_EV_SM6,              /**< 401 challenge received (parsed) */
	ITLS_UE_EV_SM12,             /**< 200 OK to the protected REGISTER */
	ITLS_UE_EV_REJECT,           /**< a final error response (403, 494...) */
	ITLS_UE_EV_TLS_LOST,         /**< the TLS connection closed */
	ITLS_UE_EV_TLS_INBOUND,      /**< the network tries to open/resume TLS toward the UE */
	ITLS_UE_EV_REREGISTER,       /**< the UE re-registers (refresh, or a new AKA run wanted) (UE-28) */
	ITLS_UE_EV_COUNT
};

/** Guards of the table (evaluated in itls_ue_step; spec/generated/ue-table.md). */
enum itls_ue_guard {
	ITLS_UE_G_ALWAYS = 0,
	ITLS_UE_G_TLS_FIRST,         /**< configured for figure 2 */
	ITLS_UE_G_SA_FIRST,          /**< configured for figure 4 */
	ITLS_UE_G_CAN_FALLBACK,      /**< TLS refused and the UE offers ipsec-3gpp */
	ITLS_UE_G_NO_FALLBACK,       /**< TLS refused and nothing else is offered */
	ITLS_UE_G_AKA_FAIL,          /**< the USIM rejected AUTN */
	ITLS_UE_G_NO_COMMON,         /**< no offered mechanism in Security-Server */
	ITLS_UE_G_TLS_NO_TOKEN,      /**< tls chosen (I-TLS) and SM6 has no s_token */
	ITLS_UE_G_CERT_SWAP,         /**< SM6 over TLS: its certificate is not the connection's (UE-25) */
	ITLS_UE_G_TLS_BAD_TOKEN,     /**< tls chosen, TLS up, s_token does not verify */
	ITLS_UE_G_TLS_BAD_NAMES,     /**< tls chosen, TLS up, certificate names/realm fail */
	ITLS_UE_G_TLS_OK,            /**< tls chosen, TLS up, s_token verified */
	ITLS_UE_G_TLS_LATE,          /**< tls chosen, TLS not up yet (fig 4) */
	ITLS_UE_G_TLS_PSK,           /**< tls chosen in PSK-TLS mode (fig 6) */
	ITLS_UE_G_TLS_PSK_UP,        /**< tls chosen in PSK-TLS mode, a PSK-TLS session of an earlier run up (UE-30) */
	ITLS_UE_G_IPSEC_BAD_TOKEN,   /**< ipsec chosen inside TLS, s_token present and wrong */
	ITLS_UE_G_IPSEC_TLS_TOKEN,   /**< ipsec chosen inside TLS, s_token verified (fig 3) */
	ITLS_UE_G_IPSEC_TLS,         /**< ipsec chosen inside TLS, no s_token */
	ITLS_UE_G_IPSEC,             /**< ipsec chosen, no TLS */
	ITLS_UE_G_CERT_BAD_TOKEN,    /**< late TLS up: stored s_token fails over this cert */
	ITLS_UE_G_CERT_BAD_NAMES,    /**< late TLS up: names/realm fail */
	ITLS_UE_G_CERT_OK,           /**< late TLS up: stored s_token verifies over this cert */
	ITLS_UE_G_PSK_OK,            /**< PSK-TLS handshake succeeded with this run's PSK */
	ITLS_UE_G_PSK_BAD,           /**< a TLS_UP that is not a PSK handshake in PSK mode */
	ITLS_UE_G_RESUMED,           /**< the UE's own session was resumed */
	ITLS_UE_G_NEW_SESSION,       /**< a full handshake after registration: unbound, re-register (UE-29) */
	ITLS_UE_G_MECH_TLS,          /**< the registration uses tls */
	ITLS_UE_G_MECH_IPSEC,        /**< the registration uses ipsec-3gpp */
	ITLS_UE_G_COUNT
};

/** Steps of a row; each produces one action of the same code. */
enum itls_ue_act {
	ITLS_UE_A_NONE = 0,          /**< (end of a row's list) */
	ITLS_UE_A_TLS_CONNECT,       /**< open TLS to the P-CSCF, port 5061 (seed 002) */
	ITLS_UE_A_TLS_CONNECT_PSK,   /**< open PSK-TLS with `psk` and the IMPI as identity */
	ITLS_UE_A_TLS_RESUME,        /**< resume the UE's saved TLS session */
	ITLS_UE_A_TLS_CLOSE,         /**< close the TLS connection (fig 3: after IPsec is up) */
	ITLS_UE_A_NOTE_TLS_UP,       /**< record that TLS is up, and the digest of its certificate (UE-25) */
	ITLS_UE_A_NOTE_TLS_DOWN,     /**< record that TLS is down */
	ITLS_UE_A_NOTE_UNAUTH_REFUSAL, /**< record: the refusal of TLS was not authenticated (fig 5) */
	ITLS_UE_A_SEND_SM1,          /**< send the initial REGISTER with Security-Client (or a re-registration, UE-28) */
	ITLS_UE_A_LOAD_CHALLENGE,    /**< keep IK, CK, s_token, Security-Server, realm; next AKA run; choose (UE-06) */
	ITLS_UE_A_ACCEPT_STOKEN,     /**< record the s_token verification (UE-09) */
	ITLS_UE_A_ACCEPT_PSK,        /**< record the PSK-TLS binding (UE-17) */
	ITLS_UE_A_MAKE_CTOKEN,       /**< compute c_token over s_token (UE-11) */
	ITLS_UE_A_MAKE_PSK,          /**< derive the PSK from CK, IK, IMPI (UE-17) */
	ITLS_UE_A_IPSEC_SETUP,       /**< set up the IPsec SAs from IK (TS 33.203 §7) */
	ITLS_UE_A_SEND_SM7,          /**< send the protected REGISTER: Security-Client of SM1,
	                                  Security-Verify = sec_server, c_token (UE-12) */
	ITLS_UE_A_REGISTERED,        /**< registration complete */
	ITLS_UE_A_REFUSE,            /**< refuse the network's TLS attempt (`not-allowed`) */
	ITLS_UE_A_ABORT,             /**< give up; the action's reason says why */
	ITLS_UE_A_COUNT
};

/** One action returned to the caller. */
struct itls_ue_action {
	enum itls_ue_act kind;
	enum itls_mech mech;         /**< SEND_SM7, REGISTERED: the mechanism in use */
	enum itls_transport via;     /**< SEND_SM1/SM7: how the message goes */
	enum itls_err reason;        /**< ABORT, REFUSE: why; else ITLS_OK */
};

/** One row of the transition table. */
struct itls_ue_row {
	enum itls_ue_state state;
	enum itls_ue_event_kind event;
	enum itls_ue_guard guard;
	enum itls_ue_state next;
	enum itls_ue_act steps[ITLS_FSM_ROW_ACTS];   /**< ITLS_UE_A_NONE-terminated */
};

/** The table and its length (spec/generated/ue-table.md is printed from it). */
extern const struct itls_ue_row itls_ue_table[];
extern const size_t itls_ue_table_len;

/** Configuration, fixed at itls_ue_init. */
struct itls_ue_config {
	unsigned offer;              /**< ITLS_OFFER_TLS | ITLS_OFFER_IPSEC */
	int tls_first;               /**< 1: figure 2 (TLS before SM1); 0: figure 4 */
	enum itls_tls_mode mode;     /**< I-TLS (certificate + tokens) or PSK-TLS */
	int kdf_tokens;              /**< 1: the KDF token profile (D-TK-4) */
	int check_names;             /**< 1: check certificate names and realm (seed 003 §3.1) */
	uint8_t domain[ITLS_FSM_NAME_MAX];   /**< home (or IMS trust) domain for check_names */
	size_t domain_len;
	uint8_t impi[ITLS_FSM_NAME_MAX];     /**< private identity (PSK identity) */
	size_t impi_len;
};

/** The UE's state; all of it is here (caller-owned, no pointers). */
struct itls_ue {
	enum itls_ue_state state;
	struct itls_ue_config cfg;
	enum itls_mech chosen;       /**< mechanism chosen by the UE from SM6's Security-Server (UE-06) */
	int tls_up;                  /**< a TLS connection to the P-CSCF is up */
	/* UE-25, UE-26: SHA-256 of the end-entity certificate of the last full
	 * handshake (the connection that is up, or the session it resumes) */
	int conn_has_cert;
	uint8_t conn_cert[ITLS_SHA256_LEN];
	int sm6_seen;                /**< record: a challenge was received (UE-21) */
	uint32_t aka_run;            /**< number of challenges loaded; IK belongs to this run */
	struct itls_token_keys keys; /**< IK, CK of this run and the token profile */
	int has_stoken;
	uint8_t s_token[ITLS_FSM_TOKEN_LEN];
	int has_ctoken;
	uint8_t c_token[ITLS_FSM_TOKEN_LEN];
	/* record, set only from the outcome of the s_token verification (UE-09) */
	int stok_ok;
	uint32_t stok_run;           /**< the AKA run whose IK verified it */
	/* record, set only when a PSK-TLS handshake with this run's PSK succeeded */
	int psk_ok;
	uint32_t psk_run;
	int has_psk;
	uint8_t psk[ITLS_FSM_PSK_LEN];
	int refusal_unauth;          /**< a TLS refusal was taken on trust (fig 5, UE-15) */
	char sec_server[ITLS_FSM_HDR_MAX];      /**< Security-Server value of SM6, as received */
	size_t sec_server_len;
	uint8_t realm[ITLS_FSM_NAME_MAX];       /**< Digest realm of SM6 */
	size_t realm_len;
	enum itls_err reason;        /**< why FAILED, or the last refusal */
	size_t last_row;             /**< table row of the last transition (table length: the safety check fired) */
};

/** An event with the parsed data it carries (views into caller memory). */
struct itls_ue_event {
	enum itls_ue_event_kind kind;
	/* TLS_UP: the end-entity certificate as received (empty when resumed);
	 * SM6 when TLS is up: the certificate of that connection (UE-25: the
	 * machine checks that it is the one recorded at TLS_UP) */
	const uint8_t *cert;
	size_t cert_len;
	int resumed;                 /**< TLS_UP: session resumed (no Certificate) */
	int psk;                     /**< TLS_UP: a PSK-TLS handshake */
	uint8_t psk_key[ITLS_FSM_PSK_LEN];   /**< TLS_UP with psk: the PSK it was keyed with (UE-27) */
	/* SM6 */
	int aka_ok;                  /**< the USIM accepted AUTN (MAC, SQN) */
	uint8_t ik[ITLS_FSM_KEY_LEN];   /**< from the USIM for this RAND */
	uint8_t ck[ITLS_FSM_KEY_LEN];
	int has_stoken;
	uint8_t s_token[ITLS_FSM_TOKEN_LEN];   /**< raw bytes of s_token */
	const char *sec_server;      /**< Security-Server value (after "Security-Server: ") */
	size_t sec_server_len;
	const uint8_t *realm;        /**< Digest realm (unquoted) */
	size_t realm_len;
};

/*@ predicate itls_ue_state_ok(integer s) = 0 <= s < ITLS_UE_STATE_COUNT;
  @ predicate itls_ue_mech_ok(integer m) = 0 <= m <= 2;
  @
  @ // ---- agreement (UE-06, RFC 3329 §2.3) -----------------------------------------
  @ // (l: the names and q values of Security-Server, itls_secagree_parse_ranks)
  @ // mechanism j of l names bytes inside b[0 .. blen)
  @ predicate itls_ue_name_in{L}(struct itls_secagree_ranks *l, integer blen, integer j) =
  @   0 <= j < l->count && j < ITLS_SECAGREE_MAX_MECHS &&
  @   l->mechs[j].name.off <= blen && l->mechs[j].name.len <= blen - l->mechs[j].name.off;
  @ // b[off .. off+len) is "tls" / "ipsec-3gpp", ASCII case ignored (SA-28)
  @ predicate itls_ue_is_tls{L}(char *b, integer off, integer len) =
  @   len == 3 && sa_lower(b[off]) == 't' && sa_lower(b[off + 1]) == 'l' &&
  @   sa_lower(b[off + 2]) == 's';
  @ predicate itls_ue_is_ipsec{L}(char *b, integer off, integer len) =
  @   len == 10 && sa_lower(b[off]) == 'i' && sa_lower(b[off + 1]) == 'p' &&
  @   sa_lower(b[off + 2]) == 's' && sa_lower(b[off + 3]) == 'e' &&
  @   sa_lower(b[off + 4]) == 'c' && b[off + 5] == '-' && b[off + 6] == '3' &&
  @   sa_lower(b[off + 7]) == 'g' && sa_lower(b[off + 8]) == 'p' && sa_lower(b[off + 9]) == 'p';
  @ // mechanism j of l (over b) is m, and m is one the UE offers
  @ predicate itls_ue_offer_at{L}(struct itls_secagree_ranks *l, char *b, integer blen,
  @     integer offer, integer j, integer m) =
  @   itls_ue_name_in(l, blen, j) &&
  @   ((m == ITLS_MECH_TLS && (offer & ITLS_OFFER_TLS) != 0 &&
  @     itls_ue_is_tls(b, l->mechs[j].name.off, l->mechs[j].name.len)) ||
  @    (m == ITLS_MECH_IPSEC && (offer & ITLS_OFFER_IPSEC) != 0 &&
  @     itls_ue_is_ipsec(b, l->mechs[j].name.off, l->mechs[j].name.len)));
  @ predicate itls_ue_offered{L}(struct itls_secagree_ranks *l, char *b, integer blen,
  @     integer offer, integer j) =
  @   itls_ue_offer_at(l, b, blen, offer, j, ITLS_MECH_TLS) ||
  @   itls_ue_offer_at(l, b, blen, offer, j, ITLS_MECH_IPSEC);
  @ // UE-06: m is the server's most preferred mechanism among those the UE
  @ // offered (highest q, the first of equals), or none when there is none
  @ predicate itls_ue_agreed{L}(struct itls_secagree_ranks *l, char *b, integer blen,
  @     integer offer, integer m) =
  @   (m == ITLS_MECH_NONE && (\forall integer k; !itls_ue_offered(l, b, blen, offer, k))) ||
  @   (\exists integer j; itls_ue_offer_at(l, b, blen, offer, j, m) &&
  @     (\forall integer k; itls_ue_offered(l, b, blen, offer, k) ==>
  @        l->mechs[k].q <= l->mechs[j].q) &&
  @     (\forall integer k; 0 <= k < j && itls_ue_offered(l, b, blen, offer, k) ==>
  @        l->mechs[k].q < l->mechs[j].q));
  @
  @ // ---- binding (UE-20, UE-25, UE-27) ----------------------------------------------
  @ // c is the certificate recorded for the connection (its SHA-256 digest)
  @ predicate itls_ue_conn_is{L}(struct itls_ue *u, itls_bytes c) =
  @   u->conn_has_cert == 1 &&
  @   itls_mem(&u->conn_cert[0], ITLS_SHA256_LEN) == itls_sha256(c);
  @ // the stored s_token is the MAC, under the keys of this run (IK, and CK
  @ // in the KDF profile), of the certificate of the connection
  @ predicate itls_ue_stok_bound{L}(struct itls_ue *u) =
  @   \exists itls_bytes c; itls_blen(c) > 0 && itls_ue_conn_is(u, c) &&
  @     itls_mem(&u->s_token[0], ITLS_TOKEN_LEN) == itls_s_token_of(&u->keys, c);
  @ // the stored PSK is KDF(CK || IK, "itls psk", IMPI) of this run (PS-01)
  @ predicate itls_ue_psk_fresh{L}(struct itls_ue *u) =
  @   itls_mem(&u->psk[0], ITLS_FSM_PSK_LEN) ==
  @     itls_psk_of(itls_mem(&u->keys.ck[0], 16), itls_mem(&u->keys.ik[0], 16),
  @       itls_mem(&u->cfg.impi[0], u->cfg.impi_len));
  @
  @ // UE-27: the PSK record speaks of the PSK of this run; a PSK is kept only
  @ // as KDF(CK || IK, "itls psk", IMPI) of the keys of this run
  @ predicate itls_ue_psk_rec{L}(struct itls_ue *u) =
  @   (u->psk_ok == 1 ==> u->has_psk == 1) &&
  @   (u->has_psk == 1 ==> itls_ue_psk_fresh(u));
  @
  @ // the TLS session is bound to the current AKA run (UE-09, UE-17)
  @ predicate itls_ue_bound(struct itls_ue *u) =
  @   (u->cfg.mode == ITLS_TLS_CERT && u->stok_ok == 1 && u->stok_run == u->aka_run) ||
  @   (u->cfg.mode == ITLS_TLS_PSK && u->psk_ok == 1 && u->psk_run == u->aka_run);
  @
  @ // states that exist only after a challenge was received
  @ predicate itls_ue_after_sm6(integer s) =
  @   s == ITLS_UE_TLS_LATE || s == ITLS_UE_SM7_SENT || s == ITLS_UE_REGISTERED_TLS ||
  @   s == ITLS_UE_REGISTERED_IPSEC || s == ITLS_UE_RESUMING;
  @
  @ // the state invariant: well-formed data ...
  @ predicate itls_ue_inv_data(struct itls_ue *u) =
  @   itls_ue_mech_ok(u->chosen) &&
  @   itls_profile_ok(u->keys.profile) &&
  @   (u->cfg.mode == ITLS_TLS_CERT || u->cfg.mode == ITLS_TLS_PSK) &&
  @   u->cfg.domain_len <= ITLS_FSM_NAME_MAX && u->cfg.impi_len <= ITLS_FSM_NAME_MAX &&
  @   u->sec_server_len <= ITLS_FSM_HDR_MAX && u->realm_len <= ITLS_FSM_NAME_MAX;
  @ // ... and what the state implies (UE-20, UE-21)
  @ predicate itls_ue_inv_state(struct itls_ue *u) =
  @   itls_ue_state_ok(u->state) &&
  @   (itls_ue_after_sm6(u->state) ==> u->sm6_seen == 1 && u->chosen != ITLS_MECH_NONE) &&
  @   (u->state == ITLS_UE_REGISTERED_TLS ==> u->chosen == ITLS_MECH_TLS) &&
  @   (u->state == ITLS_UE_RESUMING ==> u->chosen == ITLS_MECH_TLS) &&
  @   (u->state == ITLS_UE_REGISTERED_IPSEC ==> u->chosen == ITLS_MECH_IPSEC) &&
  @   ((u->state == ITLS_UE_SM7_SENT || u->state == ITLS_UE_REGISTERED_TLS ||
  @     u->state == ITLS_UE_RESUMING) && u->chosen == ITLS_MECH_TLS ==> itls_ue_bound(u));
  @ predicate itls_ue_inv(struct itls_ue *u) =
  @   itls_ue_inv_data(u) && itls_ue_inv_state(u) && itls_ue_psk_rec(u);
  @
  @ // the event's views are readable
  @ predicate itls_ue_event_ok(struct itls_ue_event *e) =
  @   \valid_read(e) &&
  @   \valid_read(e->cert + (0 .. e->cert_len - 1)) &&
  @   \valid_read(e->sec_server + (0 .. e->sec_server_len - 1)) &&
  @   \valid_read(e->realm + (0 .. e->realm_len - 1)) &&
  @   0 <= e->kind < ITLS_UE_EV_COUNT;
  @*/

/**
 * \brief Set up a UE in state `idle` with configuration `cfg` (copied).
 *
 * Returns ITLS_OK; `bad-length` when a name in cfg is longer than
 * ITLS_FSM_NAME_MAX (st is then left in `failed`); `not-allowed` when the configuration is
 * impossible: nothing offered, PSK-TLS with TLS first (no CK/IK exist
 * before SM6), or tls_first without tls offered (UE-01).
 */
/*@ requires \valid(st) && \valid_read(cfg);
  @ requires \separated(st, cfg);
  @ assigns *st;
  @ ensures itls_ue_inv_data(st);
  @ ensures itls_ue_inv_state(st);
  @ ensures itls_ue_psk_rec(st);
  @ ensures \result == ITLS_OK ==> st->state == ITLS_UE_IDLE;
  @ ensures \result != ITLS_OK ==> st->state == ITLS_UE_FAILED;
  @ ensures st->sm6_seen == 0 && st->stok_ok == 0 && st->psk_ok == 0;
  @*/
enum itls_err
itls_ue_init(struct itls_ue *st, const struct itls_ue_config *cfg);

/**
 * \brief One transition of the UE.
 *
 * Looks up the rows of (st->state, ev->kind), takes the first whose guard
 * holds, runs its steps (each appends one action to out), and moves to its
 * next state. Writes at most ITLS_FSM_MAX_ACTIONS actions; *n their count.
 *
 * Returns ITLS_OK when a row was taken (even one that aborts: the ABORT
 * action and st->reason say why); `bad-event` when no row matches, in
 * which case *st is unchanged and *n is 0.
 *
 * Proved (clauses named after their rules, spec/ue.md): UE_21 no SM7
 * before SM6; UE_20 `registered-tls` and SM7 over TLS only with the
 * session bound to this AKA run. What the records mean is proved of the
 * steps that set them (ue.c): UE_25 the s_token record is set only when
 * the stored s_token is the MAC under this run's keys of a certificate
 * whose SHA-256 is the one recorded for the connection; UE_06 the
 * mechanism is the UE's own RFC 3329 choice. Of itls_ue_step itself:
 * UE_22 every taken row is committed (its guard and steps keep the
 * invariant: the commit-time check never fires); UE_26 a resumed
 * handshake leaves the recorded certificate digest as it was; UE_27 the PSK record is set only while the stored PSK is
 * itls_psk_of(CK, IK, IMPI) of this run's keys (PS-01), so registered-tls
 * in PSK mode means the session was keyed with that PSK.
 */
/*@ requires \valid(st) && itls_ue_inv(st);
  @ requires itls_ue_event_ok(ev);
  @ requires \valid(out + (0 .. ITLS_FSM_MAX_ACTIONS - 1)) && \valid(n);
  @ requires \separated(st, ev, out + (0 .. ITLS_FSM_MAX_ACTIONS - 1), n);
  @ requires \separated(st, ev->cert + (0 .. ev->cert_len - 1),
  @   ev->sec_server + (0 .. ev->sec_server_len - 1), ev->realm + (0 .. ev->realm_len - 1));
  @ requires \separated(out + (0 .. ITLS_FSM_MAX_ACTIONS - 1), n,
  @   ev->cert + (0 .. ev->cert_len - 1), ev->sec_server + (0 .. ev->sec_server_len - 1),
  @   ev->realm + (0 .. ev->realm_len - 1));
  @ assigns *st, out[0 .. ITLS_FSM_MAX_ACTIONS - 1], *n;
  @ ensures itls_ue_inv(st);
  @ ensures 0 <= *n <= ITLS_FSM_MAX_ACTIONS;
  @ ensures \result == ITLS_OK || \result == ITLS_ERR_BAD_EVENT;
  @ ensures \result == ITLS_ERR_BAD_EVENT ==> *n == 0 && st->state == \old(st->state);
  @ ensures UE_21: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_UE_A_SEND_SM7 ==>
  @   st->sm6_seen == 1;
  @ ensures UE_20: \forall integer i; 0 <= i < *n && out[i].kind == ITLS_UE_A_SEND_SM7 &&
  @   out[i].mech == ITLS_MECH_TLS ==> itls_ue_bound(st);
  @ ensures UE_20: st->state == ITLS_UE_REGISTERED_TLS && st->cfg.mode == ITLS_TLS_CERT ==>
  @   st->stok_ok == 1 && st->stok_run == st->aka_run;
  @ ensures UE_20: st->state == ITLS_UE_REGISTERED_TLS ==> itls_ue_bound(st);
  @ ensures UE_26: ev->kind == ITLS_UE_EV_TLS_UP && ev->resumed != 0 ==>
  @   st->conn_has_cert == \old(st->conn_has_cert) &&
  @   itls_mem(&st->conn_cert[0], ITLS_SHA256_LEN) ==
  @     \old(itls_mem(&st->conn_cert[0], ITLS_SHA256_LEN));
  @ ensures UE_27: st->psk_ok == 1 ==> st->has_psk == 1 && itls_ue_psk_fresh(st);
  @ ensures UE_27: st->state == ITLS_UE_REGISTERED_TLS && st->cfg.mode == ITLS_TLS_PSK ==>
  @   st->psk_ok == 1 && st->psk_run == st->aka_run && itls_ue_psk_fresh(st);
  @ ensures UE_22: \result == ITLS_OK ==> st->last_row < itls_ue_table_len;
  @*/
enum itls_err
itls_ue_step(struct itls_ue *st, const struct itls_ue_event *ev,
	struct itls_ue_action *out, size_t *n);

/**
 * \brief Names of states, events, guards and steps (for tables and ladders).
 *
 * Each returns a static string ("registered-tls", "SM6", ...); a value out
 * of range gives "?". Nothing is modified.
 */
/*@ assigns \nothing;
  @ ensures \valid_read(\result);
  @*/
const char *
itls_ue_state_name(int s);

/*@ assigns \nothing;
  @ ensures \valid_read(\result);
  @*/
const char *
itls_ue_event_name(int e);

/*@ assigns \nothing;
  @ ensures \valid_read(\result);
  @*/
const char *
itls_ue_guard_name(int g);

/*@ assigns \nothing;
  @ ensures \valid_read(\result);
  @*/
const char *
itls_ue_act_name(int a);

#ifdef __cplusplus
}
#endif

#endif
