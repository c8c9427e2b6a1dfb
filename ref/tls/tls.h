/*
 * tls/tls.h -- BearSSL glue for the simulator: an in-memory TLS 1.2 link
 * between a client engine and a server engine.
 *
 * Hosted code (not part of the verified core). The UE side is a BearSSL
 * client whose X.509 engine is replaced by a capturing one: it records the
 * DER of the first certificate of the server's Certificate message -- the
 * end-entity certificate exactly as received, the input of s_token (spec/
 * decisions.md D-TK-1) -- and accepts it without any CA validation (seed 004
 * §3.3.1 step 1: the token replaces the CA
 * check), while still decoding its public key for the key exchange.
 *
 * The server side is a BearSSL server with one certificate and its key
 * (EC or RSA, DER or PEM); it never asks for a client certificate (seed 002
 * §"P-CSCF Impacts") and keeps a session cache so
 * that the client can resume (seed 003 §3.1: only the UE resumes).
 *
 * A link moves records between the two engines in memory (the record pump:
 * one engine's sendrec into the other's recvrec) and counts the bytes.
 */
#ifndef ITLS_TLS_TLS_H
#define ITLS_TLS_TLS_H

#include <stddef.h>
#include <stdint.h>
#include <bearssl.h>

#define ITLS_TLS_CERT_MAX 4096
#define ITLS_TLS_KEY_MAX 4096
#define ITLS_TLS_CACHE_ENTRIES 16

/* The capturing X.509 engine (a br_x509_class). */
struct itls_tls_capture {
	const br_x509_class *vtable;
	br_x509_decoder_context dec;
	unsigned char der[ITLS_TLS_CERT_MAX];
	size_t der_len;
	int overflow;
	unsigned ncert;      /* certificates in the chain received */
	int chain_started;   /* start_chain was called in this handshake */
	int key_ok;
	br_x509_pkey pkey;   /* copy of the decoded key */
	unsigned char kbuf[BR_X509_BUFSIZE_KEY];
};

struct itls_tls_client {
	br_ssl_client_context cc;
	br_x509_minimal_context xmin;   /* required by init_full; replaced */
	struct itls_tls_capture cap;
	br_ssl_session_parameters session;
	int have_session;
	unsigned char iobuf[BR_SSL_BUFSIZE_BIDI];
};

struct itls_tls_server {
	br_ssl_server_context sc;
	br_x509_certificate chain[3];
	size_t chain_len;
	unsigned char cert[ITLS_TLS_CERT_MAX];    /* the end-entity certificate */
	size_t cert_len;
	unsigned char extra[ITLS_TLS_CERT_MAX];   /* the rest of the chain */
	br_skey_decoder_context skey;
	int key_type;
	br_ssl_session_cache_lru lru;
	unsigned char lru_store[100 * ITLS_TLS_CACHE_ENTRIES];
	unsigned char iobuf[BR_SSL_BUFSIZE_BIDI];
};

/* what one direction of a link carried, record by record */
#define ITLS_TLS_EVENTS 48
#define ITLS_TLS_EVENT_TEXT 96
struct itls_tls_event {
	int from_client;
	char text[ITLS_TLS_EVENT_TEXT];   /* "ClientHello", "Finished", "application data 512" */
};

/* per-direction record reassembly (to name the handshake messages) */
struct itls_tls_observer {
	unsigned char rec[5 + 16384 + 2048];
	size_t have;
	int encrypted;    /* a ChangeCipherSpec went this way */
};

/* called with each complete record (for the pcap writer); may be NULL */
typedef void (*itls_tls_record_fn)(void *ctx, int from_client,
	const uint8_t *rec, size_t len);

/* a link: one client engine, one server engine, the pump between them */
struct itls_tls_link {
	struct itls_tls_client *c;
	struct itls_tls_server *s;
	size_t bytes[2];       /* [1] client to server, [0] server to client */
	size_t records[2];
	struct itls_tls_observer obs[2];
	struct itls_tls_event ev[ITLS_TLS_EVENTS];
	size_t nev;
	itls_tls_record_fn on_record;
	void *on_record_ctx;
};

/* outcome of a handshake */
struct itls_tls_result {
	int ok;              /* 1 when both engines reached application data */
	int resumed;         /* 1 when the session was resumed (no Certificate) */
	int client_err;      /* br_ssl_engine_last_error of the client */
	int server_err;
	uint16_t version;
	uint16_t suite;
};

/* The capture engine alone (for tests): initialise before a handshake. */
void itls_tls_capture_init(struct itls_tls_capture *c);

/*
 * Server: cert is the end-entity certificate DER; key a private key in DER
 * (PKCS#8, SEC1 or PKCS#1) or PEM. Returns 0, or -1 when the key cannot be
 * decoded or a buffer is too small.
 */
int itls_tls_server_init(struct itls_tls_server *s, const uint8_t *cert,
	size_t cert_len, const uint8_t *key, size_t key_len);
/*
 * The same with a certificate list of ncert (1..3) certificates in the order
 * the Certificate message sends them (certs[0] the end entity, whose key
 * is key). PKI mode (TR-15).
 */
int itls_tls_server_init_chain(struct itls_tls_server *s, const uint8_t *const *certs,
	const size_t *lens, size_t ncert, const uint8_t *key, size_t key_len);
/* prepare the server for a new connection (keeps the session cache) */
int itls_tls_server_reset(struct itls_tls_server *s);

/* Client: TLS 1.2 only, full profile, capturing X.509 engine. */
void itls_tls_client_init(struct itls_tls_client *c);
/*
 * Start a new connection; with resume = 1 and a session saved by a previous
 * handshake, offer to resume it. Returns 0 or -1.
 */
int itls_tls_client_start(struct itls_tls_client *c, const char *server_name,
	int resume);
/* forget the saved session */
void itls_tls_client_forget(struct itls_tls_client *c);

/* bind a link to its two ends (clears counters and events) */
void itls_tls_link_init(struct itls_tls_link *l, struct itls_tls_client *c,
	struct itls_tls_server *s);

/*
 * Run the handshake to completion (or failure), moving records in memory.
 * Saves the session in the client when it succeeds.
 */
void itls_tls_handshake(struct itls_tls_link *l, struct itls_tls_result *res);

/*
 * Application data: write len bytes on one side and read them on the
 * other (from_client = 1: client to server). Returns the number of bytes
 * read into out (== len), or -1 on a TLS failure or when out is too small.
 */
long itls_tls_transfer(struct itls_tls_link *l, int from_client,
	const uint8_t *data, size_t len, uint8_t *out, size_t cap);

/* close_notify from the client, pumped to the server */
void itls_tls_close(struct itls_tls_link *l);

/*
 * Inject into the client a plaintext fatal alert record (handshake_failure),
 * as an IPsec-only P-CSCF -- or an attacker on the path -- would answer a
 * ClientHello. The client fails with BR_ERR_RECV_FATAL_ALERT + 40.
 * Returns the client's last error.
 */
int itls_tls_inject_alert(struct itls_tls_client *c);
/* the same, handing the ClientHello bytes (from_client 1) and the alert
 * record (0) to fn when fn is not NULL (the capture of the refusal) */
int itls_tls_refuse(struct itls_tls_client *c, itls_tls_record_fn fn, void *ctx);

/* the end-entity certificate captured in the last full handshake */
const uint8_t *itls_tls_peer_cert(const struct itls_tls_client *c, size_t *len);

/* names for the ladder */
const char *itls_tls_suite_name(uint16_t suite);

#endif
