/*
 * itls/itls.h -- itls-ref, the whole library in one include.
 *
 * itls-ref is an executable specification of TLS-based IMS access security
 * (3GPP SA3 seeds 000-004): sec-agree with the `tls` mechanism, I-TLS
 * (s_token / c_token bound to the IMS AKA run), PSK-TLS keyed from CK/IK,
 * and the naming rules of the IMS trust domain.
 *
 * | header        | what it holds                                   | spec             |
 * |---------------|-------------------------------------------------|------------------|
 * | err.h         | reason words (enum itls_err)                    | all              |
 * | secagree.h    | Security-Client/-Server/-Verify (RFC 3329)      | spec/secagree.md  SA |
 * | authparam.h   | Digest challenge/credentials parameters         | spec/authparam.md AP |
 * | crypto.h      | the BearSSL boundary (trusted contracts)        | proofs/TRUSTED.md |
 * | token.h       | s_token / c_token, both profiles                | spec/token.md     TK |
 * | aka.h         | Milenage, AUTN/AUTS, Digest AKA responses       | spec/aka.md       AK |
 * | psk.h         | PSK-TLS key and identity                        | spec/psk.md       PS |
 * | x509name.h    | allocation-free DER walk to CN / SAN            | spec/naming.md    NM |
 * | naming.h      | domain, realm, trust-domain, IMSI rules         | spec/naming.md    NM |
 * | ue.h          | the UE's I-TLS state machine                    | spec/ue.md        UE |
 * | pcscf.h       | the P-CSCF's I-TLS state machine                | spec/pcscf.md     PC |
 *
 * Conventions shared by every header: inputs are (pointer, length), never
 * NUL-terminated; the caller owns every struct; nothing allocates; writers
 * take (out, cap) and write nothing on error; every prototype carries an
 * ACSL contract that `make proofs` proves (crypto.h's are trusted).
 */
#ifndef ITLS_ITLS_H
#define ITLS_ITLS_H

#ifdef __cplusplus
extern "C" {
#endif

#include "itls/err.h"
#include "itls/secagree.h"
#include "itls/authparam.h"
#include "itls/crypto.h"
#include "itls/token.h"
#include "itls/aka.h"
#include "itls/psk.h"
#include "itls/x509name.h"
#include "itls/naming.h"
#include "itls/ue.h"
#include "itls/pcscf.h"

#ifdef __cplusplus
}
#endif

#endif
