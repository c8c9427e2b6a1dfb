/*
 * bench.c -- the workloads of `make bench` (tests/bench/run.sh).
 *
 * Each mode runs one workload N times inside a function named bench_*;
 * run.sh counts the instructions of that function only, with callgrind's
 * --toggle-collect, so setup (reading files, copying inputs) is not counted.
 * Pairs of modes are compared as ratios measured in the same `make bench`:
 *   secagree-itls  vs secagree-sofia   Security-Client parse (sofia-sip's decoder)
 *   token-itls     vs token-bearssl    s_token over a 1-2 KiB certificate vs br_hmac direct
 *   x509-itls      vs x509-openssl     SAN/CN extraction vs d2i_X509 + X509_get_ext_d2i
 *   authparam-itls                     Digest parse, instructions per byte
 *   core-only                          every core entry point, no stdio: heap check
 *   secagree-corpus                    prints the input of the whole-process figure:
 *                                      the Security-Client lines below, N times each
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include <bearssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sofia-sip/su_alloc.h>
#include <sofia-sip/sip.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/msg_header.h>

#include "itls/secagree.h"
#include "itls/authparam.h"
#include "itls/token.h"
#include "itls/x509name.h"
#include "itls/naming.h"

/* Security-* values as deployed IMS stacks send them (UE, P-CSCF 401, 494) */
static const char *const sa_lines[] = {
	"ipsec-3gpp;alg=hmac-sha-1-96;ealg=null;spi-c=1111;spi-s=2222;port-c=5062;port-s=5064;prot=esp;mod=trans",
	"ipsec-3gpp; alg=hmac-md5-96; spi-c=3929102; spi-s=3929103; port-c=32789; port-s=5064, ipsec-3gpp; alg=hmac-sha-1-96; spi-c=3929102; spi-s=3929103; port-c=32789; port-s=5064",
	"ipsec-3gpp;prot=esp;mod=trans;spi-c=4041513601;spi-s=4041513602;port-c=41235;port-s=41236;ealg=aes-cbc;alg=hmac-sha-1-96, tls;q=0.2",
	"tls;q=0.2, ipsec-3gpp;q=0.1;alg=hmac-sha-1-96;ealg=des-ede3-cbc;spi-c=98765;spi-s=98766;port-c=5070;port-s=5071",
	"digest;d-alg=md5;d-qop=auth;d-ver=\"0123456789abcdef0123456789abcdef\";q=0.3, tls;q=0.2",
	"ipsec-3gpp;alg=aes-gmac;ealg=null;spi-c=12345678;spi-s=87654321;port-c=9950;port-s=9900;mediasec",
	"tls",
	"ipsec-3gpp;alg=hmac-sha-1-96;ealg=aes-gcm;spi-c=1;spi-s=2;port-c=1;port-s=2;prot=esp;mod=UDP-enc-tun;q=0.5",
};
#define SA_N (sizeof sa_lines / sizeof sa_lines[0])

static const char *const ap_lines[] = {
	"Digest realm=\"ims.mnc001.mcc001.3gppnetwork.org\", nonce=\"CjPk9mRqNuT25eRkajM09uTl9nM09uTl9nMz5OX25PZz5OU=\", algorithm=AKAv1-MD5, qop=\"auth,auth-int\"",
	"Digest username=\"001010000000001@ims.mnc001.mcc001.3gppnetwork.org\", realm=\"ims.mnc001.mcc001.3gppnetwork.org\", nonce=\"CjPk9mRqNuT25eRkajM09uTl9nM09uTl9nMz5OX25PZz5OU=\", uri=\"sip:ims.mnc001.mcc001.3gppnetwork.org\", response=\"6629fae49393a05397450978507c4ef1\", algorithm=AKAv1-MD5, qop=auth, cnonce=\"0a4f113b\", nc=00000001, c_token=\"ffeeddccbbaa112233445566\"",
	"Digest realm=\"registrar.home1.net\", nonce=\"A34Cm+Fva37UYWpGNB34JP\", algorithm=AKAv1-MD5, ik=\"0123456789abcdeffedcba9876543210\", ck=\"99887766554433221100ffeeddccbbaa\", s_token=\"00112233445566778899aabb\"",
};
#define AP_N (sizeof ap_lines / sizeof ap_lines[0])

static volatile unsigned long sink;

static unsigned char *
read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
		perror(path);
		exit(2);
	}
	rewind(f);
	buf = malloc((size_t)n + 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(2);
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* ---- sec-agree ------------------------------------------------------------ */
__attribute__((noinline)) void bench_secagree_itls(long n, size_t *bytes);
__attribute__((noinline)) void
bench_secagree_itls(long n, size_t *bytes)
{
	static struct itls_secagree_list l;
	long i;
	size_t k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < SA_N; k++) {
			size_t len = strlen(sa_lines[k]);
			if (itls_secagree_parse_value(&l, ITLS_SECAGREE_CLIENT, sa_lines[k], len) != ITLS_OK) {
				abort();
			}
			sink += l.count;
			*bytes += len;
		}
	}
}

__attribute__((noinline)) void bench_secagree_sofia(long n, char **copies, su_home_t *home, size_t *bytes);
__attribute__((noinline)) void
bench_secagree_sofia(long n, char **copies, su_home_t *home, size_t *bytes)
{
	long i;
	size_t k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < SA_N; k++) {
			char *s = copies[(size_t)i * SA_N + k];
			size_t len = strlen(sa_lines[k]);
			msg_header_t *h = msg_header_alloc(home, sip_security_client_class, 0);
			if (h == NULL || sip_security_client_d(home, h, s, (isize_t)len) < 0) {
				abort();
			}
			sink += (unsigned long)(uintptr_t)h;
			*bytes += len;
		}
	}
}

/* ---- tokens --------------------------------------------------------------- */
__attribute__((noinline)) void bench_token_itls(long n, const unsigned char *cert, size_t len);
__attribute__((noinline)) void
bench_token_itls(long n, const unsigned char *cert, size_t len)
{
	struct itls_token_keys keys;
	uint8_t tok[ITLS_TOKEN_LEN];
	long i;

	memset(&keys, 0x5a, sizeof keys);
	keys.profile = ITLS_TOKEN_HMAC;
	for (i = 0; i < n; i++) {
		if (itls_token_server(tok, &keys, cert, len) != ITLS_OK) {
			abort();
		}
		sink += tok[0];
	}
}

__attribute__((noinline)) void bench_token_bearssl(long n, const unsigned char *cert, size_t len);
__attribute__((noinline)) void
bench_token_bearssl(long n, const unsigned char *cert, size_t len)
{
	uint8_t ik[16];
	uint8_t tok[12];
	br_hmac_key_context kc;
	br_hmac_context hc;
	long i;

	memset(ik, 0x5a, sizeof ik);
	for (i = 0; i < n; i++) {
		br_hmac_key_init(&kc, &br_sha1_vtable, ik, sizeof ik);
		br_hmac_init(&hc, &kc, 12);
		br_hmac_update(&hc, cert, len);
		br_hmac_out(&hc, tok);
		sink += tok[0];
	}
}

/* ---- x509 ------------------------------------------------------------------ */
__attribute__((noinline)) void bench_x509_itls(long n, const unsigned char *der, size_t len);
__attribute__((noinline)) void
bench_x509_itls(long n, const unsigned char *der, size_t len)
{
	static struct itls_x509_names names;
	long i;

	for (i = 0; i < n; i++) {
		if (itls_x509_names_parse(der, len, &names) != ITLS_OK) {
			abort();
		}
		sink += names.n_san;
	}
}

__attribute__((noinline)) void bench_x509_openssl(long n, const unsigned char *der, size_t len);
__attribute__((noinline)) void
bench_x509_openssl(long n, const unsigned char *der, size_t len)
{
	long i;

	for (i = 0; i < n; i++) {
		const unsigned char *p = der;
		X509 *x = d2i_X509(NULL, &p, (long)len);
		GENERAL_NAMES *gens;
		if (x == NULL) {
			abort();
		}
		gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
		sink += (unsigned long)sk_GENERAL_NAME_num(gens);
		GENERAL_NAMES_free(gens);
		X509_free(x);
	}
}

/* ---- authparam --------------------------------------------------------------- */
__attribute__((noinline)) void bench_authparam_itls(long n, size_t *bytes);
__attribute__((noinline)) void
bench_authparam_itls(long n, size_t *bytes)
{
	static struct itls_authparam ap;
	long i;
	size_t k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < AP_N; k++) {
			size_t len = strlen(ap_lines[k]);
			if (itls_authparam_parse(ap_lines[k], len, &ap) != ITLS_OK) {
				abort();
			}
			sink += ap.n;
			*bytes += len;
		}
	}
}

/* ---- core only: every entry the benches use, no stdio, no malloc ----------- */
static int
core_only(const unsigned char *der, size_t len)
{
	static struct itls_secagree_list l;
	static struct itls_authparam ap;
	static struct itls_x509_names names;
	struct itls_token_keys keys;
	uint8_t tok[ITLS_TOKEN_LEN], ct[ITLS_TOKEN_LEN];
	size_t k;
	int bad = 0;

	for (k = 0; k < SA_N; k++) {
		bad |= itls_secagree_parse_value(&l, ITLS_SECAGREE_CLIENT, sa_lines[k], strlen(sa_lines[k])) != ITLS_OK;
	}
	for (k = 0; k < AP_N; k++) {
		bad |= itls_authparam_parse(ap_lines[k], strlen(ap_lines[k]), &ap) != ITLS_OK;
	}
	memset(&keys, 0x11, sizeof keys);
	keys.profile = ITLS_TOKEN_HMAC;
	bad |= itls_token_server(tok, &keys, der, len) != ITLS_OK;
	bad |= itls_token_client(ct, &keys, tok) != ITLS_OK;
	keys.profile = ITLS_TOKEN_KDF;
	bad |= itls_token_server(tok, &keys, der, len) != ITLS_OK;
	bad |= itls_x509_names_parse(der, len, &names) != ITLS_OK;
	return bad;
}

int
main(int argc, char **argv)
{
	long n;
	size_t bytes = 0, len;
	const char *mode;
	unsigned char *der;

	if (argc < 4) {
		fprintf(stderr, "usage: bench MODE N CERT.der\n");
		return 2;
	}
	mode = argv[1];
	n = atol(argv[2]);
	if (strcmp(mode, "core-only") == 0) {
		/* open/read/write only: the only allocations counted are the core's */
		static unsigned char cbuf[65536];
		int fd = open(argv[3], O_RDONLY);
		ssize_t got = fd < 0 ? -1 : read(fd, cbuf, sizeof cbuf);
		int bad;
		if (got <= 0) {
			return 2;
		}
		close(fd);
		bad = core_only(cbuf, (size_t)got);
		/* write(2) only: nothing in this path allocates */
		if (write(1, bad ? "core-only: FAILED\n" : "core-only: ok\n", bad ? 18 : 14) < 0) {
			return 2;
		}
		return bad;
	}
	if (strcmp(mode, "secagree-corpus") == 0) {
		/* run.sh: `itls secagree parse` and sofia_filter read these lines */
		long i;
		size_t k;
		for (i = 0; i < n; i++) {
			for (k = 0; k < SA_N; k++) {
				printf("Security-Client: %s\n", sa_lines[k]);
			}
		}
		return fflush(stdout) != 0;
	}
	der = read_all(argv[3], &len);
	if (strcmp(mode, "secagree-itls") == 0) {
		bench_secagree_itls(n, &bytes);
	} else if (strcmp(mode, "secagree-sofia") == 0) {
		su_home_t *home = su_home_new(sizeof(su_home_t));
		char **copies = malloc(sizeof(char *) * (size_t)n * SA_N);
		long i;
		size_t k;
		for (i = 0; i < n; i++) {
			for (k = 0; k < SA_N; k++) {
				copies[(size_t)i * SA_N + k] = strdup(sa_lines[k]);
			}
		}
		bench_secagree_sofia(n, copies, home, &bytes);
	} else if (strcmp(mode, "token-itls") == 0) {
		bench_token_itls(n, der, len);
		bytes = len * (size_t)n;
	} else if (strcmp(mode, "token-bearssl") == 0) {
		bench_token_bearssl(n, der, len);
		bytes = len * (size_t)n;
	} else if (strcmp(mode, "x509-itls") == 0) {
		bench_x509_itls(n, der, len);
		bytes = len * (size_t)n;
	} else if (strcmp(mode, "x509-openssl") == 0) {
		bench_x509_openssl(n, der, len);
		bytes = len * (size_t)n;
	} else if (strcmp(mode, "authparam-itls") == 0) {
		bench_authparam_itls(n, &bytes);
	} else {
		fprintf(stderr, "bench: unknown mode %s\n", mode);
		return 2;
	}
	printf("bytes %zu\n", bytes);
	return 0;
}
