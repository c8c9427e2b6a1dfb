/*
 * itls/err.h -- the reason words of itls-ref.
 *
 * Every failure in ref/core is one value of enum itls_err. itls_err_name()
 * gives its reason word: the word the `itls` command prints after `error` or
 * `mismatch`, and the word a vector's `reason = ...` line holds
 * (vectors/FORMAT.md). Words are stable: a vector file depends on them.
 *
 * The list is kept in one X-macro so that the enum and the word table cannot
 * drift apart. Each module owns one block; add a word to your block only.
 */
#ifndef ITLS_ERR_H
#define ITLS_ERR_H

#ifdef __cplusplus
extern "C" {
#endif

#define ITLS_ERR_LIST(X) \
	/* common */ \
	X(ITLS_OK,                        "ok") \
	X(ITLS_ERR_BUFFER_TOO_SMALL,      "buffer-too-small") \
	X(ITLS_ERR_SYNTAX,                "syntax") \
	X(ITLS_ERR_EMPTY,                 "empty") \
	X(ITLS_ERR_TOO_LONG,              "too-long") \
	X(ITLS_ERR_BAD_HEX,               "bad-hex") \
	X(ITLS_ERR_BAD_LENGTH,            "bad-length") \
	X(ITLS_ERR_MISMATCH,              "mismatch") \
	X(ITLS_ERR_BAD_QUOTED_STRING,     "bad-quoted-string") \
	X(ITLS_ERR_DUPLICATE_PARAMETER,   "duplicate-parameter") \
	X(ITLS_ERR_TOO_MANY_PARAMETERS,   "too-many-parameters") \
	X(ITLS_ERR_MISSING_PARAMETER,     "missing-parameter") \
	/* secagree (SA-nn) */ \
	X(ITLS_ERR_BAD_HEADER_NAME,       "bad-header-name") \
	X(ITLS_ERR_MIXED_HEADERS,         "mixed-headers") \
	X(ITLS_ERR_TOO_MANY_MECHANISMS,   "too-many-mechanisms") \
	X(ITLS_ERR_BAD_QVALUE,            "bad-qvalue") \
	X(ITLS_ERR_DUPLICATE_Q,           "duplicate-q") \
	X(ITLS_ERR_BAD_D_VER,             "bad-d-ver") \
	X(ITLS_ERR_BAD_ALG,               "bad-alg") \
	X(ITLS_ERR_BAD_EALG,              "bad-ealg") \
	X(ITLS_ERR_BAD_PROT,              "bad-prot") \
	X(ITLS_ERR_BAD_MOD,               "bad-mod") \
	X(ITLS_ERR_BAD_SPI,               "bad-spi") \
	X(ITLS_ERR_BAD_PORT,              "bad-port") \
	X(ITLS_ERR_NO_COMMON_MECHANISM,   "no-common-mechanism") \
	/* authparam (AP-nn) */ \
	X(ITLS_ERR_BAD_SCHEME,            "bad-scheme") \
	X(ITLS_ERR_BAD_ALGORITHM,         "bad-algorithm") \
	X(ITLS_ERR_BAD_QOP,               "bad-qop") \
	X(ITLS_ERR_BAD_INTEGRITY_PROTECTED, "bad-integrity-protected") \
	X(ITLS_ERR_BAD_TOKEN,             "bad-token") \
	X(ITLS_ERR_BAD_NONCE,             "bad-nonce") \
	X(ITLS_ERR_BAD_BASE64,            "bad-base64") \
	X(ITLS_ERR_BAD_NC,                "bad-nc") \
	/* token, aka, psk (TK-nn, AK-nn, PS-nn) */ \
	X(ITLS_ERR_EMPTY_CERTIFICATE,     "empty-certificate") \
	X(ITLS_ERR_BAD_PROFILE,           "bad-profile") \
	X(ITLS_ERR_MAC_FAILURE,           "mac-failure") \
	/* x509name (NM-nn, DER) */ \
	X(ITLS_ERR_DER_TRUNCATED,         "der-truncated") \
	X(ITLS_ERR_DER_BAD_LENGTH,        "der-bad-length") \
	X(ITLS_ERR_DER_BAD_TAG,           "der-bad-tag") \
	X(ITLS_ERR_DER_TRAILING_DATA,     "der-trailing-data") \
	X(ITLS_ERR_DER_DUPLICATE_EXTENSION, "der-duplicate-extension") \
	X(ITLS_ERR_DER_NUL_IN_NAME,       "der-nul-in-name") \
	X(ITLS_ERR_DER_TOO_MANY,          "der-too-many") \
	X(ITLS_ERR_DER_BAD_VALUE,         "der-bad-value") \
	/* naming (NM-nn) */ \
	X(ITLS_ERR_BAD_DOMAIN,            "bad-domain") \
	X(ITLS_ERR_BAD_REALM,             "bad-realm") \
	X(ITLS_ERR_BAD_NAME,              "bad-name") \
	X(ITLS_ERR_NO_IDENTITY,           "no-identity") \
	X(ITLS_ERR_DOMAIN_MISMATCH,       "domain-mismatch") \
	X(ITLS_ERR_REALM_MISMATCH,        "realm-mismatch") \
	X(ITLS_ERR_BAD_IMSI,              "bad-imsi") \
	X(ITLS_ERR_BAD_MNC_LENGTH,        "bad-mnc-length") \
	X(ITLS_ERR_OUTSIDE_TRUST_DOMAIN,  "outside-trust-domain") \
	/* ue, pcscf (UE-nn, PC-nn) */ \
	X(ITLS_ERR_BAD_EVENT,             "bad-event") \
	X(ITLS_ERR_TOKEN_MISSING,         "token-missing") \
	X(ITLS_ERR_TOKEN_INVALID,         "token-invalid") \
	X(ITLS_ERR_BID_DOWN,              "bid-down") \
	X(ITLS_ERR_NOT_ALLOWED,           "not-allowed") \
	/* ue, issue 10 (UE-25, UE-27) */ \
	X(ITLS_ERR_CERT_MISMATCH,         "cert-mismatch") \
	X(ITLS_ERR_PSK_MISMATCH,          "psk-mismatch") \
	/* pcscf, issue 10 (PC-21, PC-17; PC-22 uses cert-mismatch too) */ \
	X(ITLS_ERR_NOT_AGREED,            "mechanism-not-agreed") \
	X(ITLS_ERR_TLS_UNBOUND,           "tls-unbound")

#define ITLS_ERR_ENUM_(name, word) name,
/** A reason: ITLS_OK (0) or one failure. */
enum itls_err {
	ITLS_ERR_LIST(ITLS_ERR_ENUM_)
	ITLS_ERR_COUNT
};
#undef ITLS_ERR_ENUM_

/**
 * \brief The reason word of `e` ("ok", "bad-qvalue", ...).
 *
 * Any int is accepted; a value outside the enum gives "unknown".
 * The result is a static NUL-terminated string; nothing is modified.
 */
/*@ assigns \nothing;
    ensures \result != \null;
    ensures \valid_read(\result);
 */
const char *itls_err_name(int e);

#ifdef __cplusplus
}
#endif

#endif
