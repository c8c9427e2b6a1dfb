/*
 * itls/fsm.h -- what the two I-TLS state machines (itls/ue.h, itls/pcscf.h)
 * share: security mechanisms, transports, the integrity-protected values,
 * capacities, and the shape of a transition table row.
 *
 * Both machines are sans-I/O (D-UE-2, D-UE-3, after h11 and BearSSL): the
 * caller owns the state struct, parses each SIP message or TLS outcome into
 * an event, calls the machine's step function, and carries out the actions
 * it gets back (send message X, start TLS, abort with reason R...). The
 * machines never read a socket, a clock or a file, never allocate, and never
 * call back into the caller.
 *
 * Transition tables are const data: one row {state, event, guard, next
 * state, actions}. For an incoming (state, event) the rows of that pair are
 * tried in table order and the first whose guard holds is taken. A pair
 * with no row at all is `bad-event` and leaves the state unchanged; so does
 * a pair whose rows all have false guards. spec/generated/ holds the tables
 * printed from these arrays (`itls demo --table ue|pcscf`).
 *
 * Sources: seed 004 §3.3-3.4, figures 1-6;
 * seed 002; seed 003
 * §3.1; RFC 3329 §2; TS 24.229 §5.2.2 (integrity-protected).
 */
#ifndef ITLS_FSM_H
#define ITLS_FSM_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

/** A security mechanism of RFC 3329 as the machines know it. */
enum itls_mech {
	ITLS_MECH_NONE = 0,   /**< none chosen (yet) */
	ITLS_MECH_TLS = 1,    /**< `tls` (RFC 3329 §2.2) */
	ITLS_MECH_IPSEC = 2   /**< `ipsec-3gpp` (TS 33.203 Annex H) */
};

/** Bits of a set of mechanisms (what a side offers or supports). */
#define ITLS_OFFER_TLS 1u
#define ITLS_OFFER_IPSEC 2u

/** How a message travelled between the UE and the P-CSCF. */
enum itls_transport {
	ITLS_TR_PLAIN = 0,    /**< unprotected UDP/TCP (port 5060) */
	ITLS_TR_TLS = 1,      /**< inside the TLS connection (port 5061, sips:) */
	ITLS_TR_IPSEC = 2     /**< inside the IPsec security associations */
};

/** How the UE and P-CSCF authenticate the TLS session. */
enum itls_tls_mode {
	ITLS_TLS_CERT = 0,    /**< I-TLS: server certificate + s_token/c_token (seed 004 §3.3) */
	ITLS_TLS_PSK = 1      /**< PSK-TLS keyed from CK/IK (seed 004 §3.4) */
};

/**
 * The integrity-protected parameter the P-CSCF puts in the Authorization
 * header toward the S-CSCF (TS 24.229 §5.2.2; seed 002).
 */
enum itls_integrity {
	ITLS_IP_NO = 0,            /**< `no`: the REGISTER came unprotected */
	ITLS_IP_YES = 1,           /**< `yes`: it came over the IPsec SAs */
	ITLS_IP_TLS_PENDING = 2,   /**< `tls-pending`: over TLS, UE not yet authenticated */
	ITLS_IP_TLS_YES = 3,       /**< `tls-yes`: over TLS bound to this AKA run */
	ITLS_IP_ASSOC_PENDING = 4, /**< `ip-assoc-pending` (TS 24.229; not used by these flows) */
	ITLS_IP_ASSOC_YES = 5      /**< `ip-assoc-yes` (TS 24.229; not used by these flows) */
};

/** Most actions one transition returns. */
#define ITLS_FSM_MAX_ACTIONS 8
/** Most actions one table row lists. */
#define ITLS_FSM_ROW_ACTS 6
/** Capacity of a stored canonical Security-* header value. */
#define ITLS_FSM_HDR_MAX 512
/** Capacity of a stored name (home domain, realm, IMPI). */
#define ITLS_FSM_NAME_MAX 128
/** IK, CK: 16 bytes (TS 33.102 §6.3). Tokens: 12 bytes (HMAC-SHA1-96). */
#define ITLS_FSM_KEY_LEN 16
#define ITLS_FSM_TOKEN_LEN 12
/** The PSK of PSK-TLS (D-PS-1): 32 bytes. */
#define ITLS_FSM_PSK_LEN 32

#ifdef __cplusplus
}
#endif

#endif
