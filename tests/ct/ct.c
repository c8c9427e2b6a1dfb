/* tests/ct/ct.c -- constant-time check of every secret path of ref/core
 * (spec/token.md, "Constant time", TK-13..TK-17), run under valgrind memcheck by
 * tests/ct/run.sh.
 *
 * The ctgrind technique: each secret input is marked undefined with
 * VALGRIND_MAKE_MEM_UNDEFINED before the call; memcheck then reports every
 * conditional jump and every memory address that depends on it. The
 * outputs are marked defined again before this program looks at them, so
 * the only reports are those of the code under test. Each case prints
 * "ct-case: NAME" on stderr first, so tests/ct/run.sh can say which path
 * a report belongs to. Each case also checks its result against a second
 * computation on defined data (or a known verdict), so a case that stops
 * exercising its path fails here.
 *
 * Without valgrind the marks are no-ops and the program only checks the
 * results.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <valgrind/memcheck.h>

#include "itls/aka.h"
#include "itls/authparam.h"
#include "itls/crypto.h"
#include "itls/psk.h"
#include "itls/token.h"

#define SECRET(p, n) (void)VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) (void)VALGRIND_MAKE_MEM_DEFINED((p), (n))

static int failures;

static void
expect(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "ct: FAIL %s\n", what);
		failures++;
	}
}

static void
begin(const char *name)
{
	fprintf(stderr, "ct-case: %s\n", name);
}

/* test data: TS 35.208 set 1 for Milenage; the rest are fixed bytes */
static const uint8_t K[16] = {
	0x46, 0x5b, 0x5c, 0xe8, 0xb1, 0x99, 0xb4, 0x9f,
	0xaa, 0x5f, 0x0a, 0x2e, 0xe2, 0x38, 0xa6, 0xbc };
static const uint8_t OP[16] = {
	0xcd, 0xc2, 0x02, 0xd5, 0x12, 0x3e, 0x20, 0xf6,
	0x2b, 0x6d, 0x67, 0x6a, 0xc7, 0x2c, 0xb3, 0x18 };
static const uint8_t RAND[16] = {
	0x23, 0x55, 0x3c, 0xbe, 0x96, 0x37, 0xa8, 0x9d,
	0x21, 0x8a, 0xe6, 0x4d, 0xae, 0x47, 0xbf, 0x35 };
static const uint8_t SQN[6] = { 0xff, 0x9b, 0xb4, 0xd0, 0xb6, 0x07 };
static const uint8_t AMF[2] = { 0xb9, 0xb9 };
static const uint8_t CERT[40] = "a certificate stands for any public DER.";
static const char IMPI[] = "user1@ims.example.net";

static void
ct_tokens(int profile)
{
	struct itls_token_keys keys, pub;
	uint8_t s_tok[ITLS_TOKEN_LEN], c_tok[ITLS_TOKEN_LEN];
	uint8_t s_ref[ITLS_TOKEN_LEN], c_ref[ITLS_TOKEN_LEN];
	int r;

	memset(&keys, 0, sizeof keys);
	keys.profile = profile;
	memcpy(keys.ik, OP, 16);
	memcpy(keys.ck, K, 16);
	pub = keys;
	expect(itls_token_server(s_ref, &pub, CERT, sizeof CERT) == ITLS_OK, "s_token ref");
	expect(itls_token_client(c_ref, &pub, s_ref) == ITLS_OK, "c_token ref");

	begin(profile == ITLS_TOKEN_HMAC ? "token-server (HMAC profile)" : "token-server (KDF profile)");
	SECRET(keys.ik, 16);
	SECRET(keys.ck, 16);
	r = itls_token_server(s_tok, &keys, CERT, sizeof CERT);
	PUBLIC(s_tok, sizeof s_tok);
	expect(r == ITLS_OK && memcmp(s_tok, s_ref, sizeof s_tok) == 0, "s_token");

	begin(profile == ITLS_TOKEN_HMAC ? "token-client (HMAC profile)" : "token-client (KDF profile)");
	r = itls_token_client(c_tok, &keys, s_tok);
	PUBLIC(c_tok, sizeof c_tok);
	expect(r == ITLS_OK && memcmp(c_tok, c_ref, sizeof c_tok) == 0, "c_token");

	/* the verdict is the only output: the token compared is secret too
	 * (an attacker's guess must not learn how many bytes were right) */
	begin(profile == ITLS_TOKEN_HMAC ? "token-verify-server (HMAC profile)" : "token-verify-server (KDF profile)");
	SECRET(s_tok, sizeof s_tok);
	r = itls_token_verify_server(&keys, CERT, sizeof CERT, s_tok);
	PUBLIC(&r, sizeof r);
	expect(r == ITLS_OK, "verify_server accepts");
	s_tok[11] ^= 1;
	SECRET(s_tok, sizeof s_tok);
	r = itls_token_verify_server(&keys, CERT, sizeof CERT, s_tok);
	PUBLIC(&r, sizeof r);
	expect(r == ITLS_ERR_MISMATCH, "verify_server refuses");

	begin(profile == ITLS_TOKEN_HMAC ? "token-verify-client (HMAC profile)" : "token-verify-client (KDF profile)");
	memcpy(s_tok, s_ref, sizeof s_tok);
	SECRET(c_tok, sizeof c_tok);
	r = itls_token_verify_client(&keys, s_tok, c_tok);
	PUBLIC(&r, sizeof r);
	expect(r == ITLS_OK, "verify_client accepts");
	c_tok[0] ^= 0x80;
	SECRET(c_tok, sizeof c_tok);
	r = itls_token_verify_client(&keys, s_tok, c_tok);
	PUBLIC(&r, sizeof r);
	expect(r == ITLS_ERR_MISMATCH, "verify_client refuses");
}

static void
ct_eq(void)
{
	uint8_t a[16], b[16];
	int r;

	begin("crypto-eq");
	memcpy(a, K, 16);
	memcpy(b, K, 16);
	b[15] ^= 1;
	SECRET(a, 16);
	SECRET(b, 16);
	r = itls_crypto_eq(a, b, 16);
	PUBLIC(&r, sizeof r);
	expect(r != 0, "crypto_eq differs");
	r = itls_crypto_eq(a, a, 16);
	PUBLIC(&r, sizeof r);
	expect(r == 0, "crypto_eq equal");
}

static void
ct_milenage(void)
{
	uint8_t k[16], op[16], opc[16], opc_ref[16];
	struct itls_milenage_out mo, mo_ref;
	uint8_t autn[16], autn_ref[16], auts[14], auts_ref[14], sqn[6];
	struct itls_aka_check chk;
	int r;

	itls_milenage_opc(opc_ref, K, OP);
	itls_milenage(&mo_ref, K, opc_ref, RAND, SQN, AMF);
	itls_aka_autn(autn_ref, K, opc_ref, RAND, SQN, AMF);
	itls_aka_auts(auts_ref, K, opc_ref, RAND, SQN);
	/* BearSSL's ct64 AES output looks undefined to memcheck even from
	 * defined inputs (tests/ct/bearssl.supp): the references are public */
	PUBLIC(opc_ref, 16);
	PUBLIC(&mo_ref, sizeof mo_ref);
	PUBLIC(autn_ref, 16);
	PUBLIC(auts_ref, 14);

	begin("milenage-opc");
	memcpy(k, K, 16);
	memcpy(op, OP, 16);
	SECRET(k, 16);
	SECRET(op, 16);
	itls_milenage_opc(opc, k, op);
	PUBLIC(opc, 16);
	expect(memcmp(opc, opc_ref, 16) == 0, "OPc");

	begin("milenage-f1-f5star");
	SECRET(opc, 16);
	memcpy(sqn, SQN, 6);
	SECRET(sqn, 6);
	itls_milenage(&mo, k, opc, RAND, sqn, AMF);
	PUBLIC(&mo, sizeof mo);
	expect(memcmp(&mo, &mo_ref, sizeof mo) == 0, "Milenage outputs");

	begin("aka-autn");
	itls_aka_autn(autn, k, opc, RAND, sqn, AMF);
	PUBLIC(autn, 16);
	expect(memcmp(autn, autn_ref, 16) == 0, "AUTN");
	SECRET(autn + 8, 8);   /* MAC-A: the USIM compares it in constant time */

	begin("aka-check-autn");
	r = itls_aka_check_autn(&chk, k, opc, RAND, autn);
	PUBLIC(&r, sizeof r);
	PUBLIC(&chk, sizeof chk);
	expect(r == ITLS_OK && memcmp(chk.ik, mo_ref.ik, 16) == 0
		&& memcmp(chk.res, mo_ref.res, 8) == 0, "AUTN accepted");
	PUBLIC(autn, 16);
	autn[15] ^= 1;
	SECRET(autn + 8, 8);
	r = itls_aka_check_autn(&chk, k, opc, RAND, autn);
	PUBLIC(&r, sizeof r);
	expect(r == ITLS_ERR_MAC_FAILURE, "AUTN refused");

	begin("aka-auts");
	itls_aka_auts(auts, k, opc, RAND, sqn);
	PUBLIC(auts, 14);
	expect(memcmp(auts, auts_ref, 14) == 0, "AUTS");
}

static void
ct_psk_kdf(void)
{
	uint8_t ck[16], ik[16], psk[ITLS_PSK_LEN], psk_ref[ITLS_PSK_LEN];
	uint8_t out[32], out_ref[32];
	struct itls_crypto_part key[2], par[1];
	int r;

	r = itls_psk_derive(psk_ref, K, OP, (const uint8_t *)IMPI, strlen(IMPI));
	expect(r == ITLS_OK, "psk ref");
	begin("psk-derive");
	memcpy(ck, K, 16);
	memcpy(ik, OP, 16);
	SECRET(ck, 16);
	SECRET(ik, 16);
	r = itls_psk_derive(psk, ck, ik, (const uint8_t *)IMPI, strlen(IMPI));
	PUBLIC(&r, sizeof r);
	PUBLIC(psk, sizeof psk);
	expect(r == ITLS_OK && memcmp(psk, psk_ref, sizeof psk) == 0, "PSK");

	begin("crypto-kdf");
	key[0].p = K;
	key[0].len = 16;
	key[1].p = OP;
	key[1].len = 16;
	par[0].p = CERT;
	par[0].len = sizeof CERT;
	itls_crypto_kdf(out_ref, 32, key, 2, 0x01, par, 1);
	key[0].p = ck;
	key[1].p = ik;
	itls_crypto_kdf(out, 32, key, 2, 0x01, par, 1);
	PUBLIC(out, 32);
	expect(memcmp(out, out_ref, 32) == 0, "KDF");
}

/* TK-15: the AKAv2 password's base64 and the hex of H(A1) have no branch */
static void
ct_digest(int alg, int qop, const char *name)
{
	static const uint8_t user[] = "user1@ims.example.net";
	static const uint8_t realm[] = "ims.example.net";
	static const uint8_t nonce[] = "I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7N6AQ==";
	static const uint8_t uri[] = "sip:ims.example.net";
	static const uint8_t method[] = "REGISTER";
	static const uint8_t cnonce[] = "0a4f113b";
	static const uint8_t nc[] = "00000001";
	static const uint8_t body[] = "";
	uint8_t res[8], ck[16], ik[16];
	uint8_t out[ITLS_AKA_RESPONSE_LEN], ref[ITLS_AKA_RESPONSE_LEN];
	struct itls_aka_digest d;
	int r;

	memcpy(res, K, 8);
	memcpy(ck, K, 16);
	memcpy(ik, OP, 16);
	memset(&d, 0, sizeof d);
	d.algorithm = alg;
	d.res = res;
	d.res_len = 8;
	d.ik = ik;
	d.ck = ck;
	d.username = user;
	d.username_len = sizeof user - 1;
	d.realm = realm;
	d.realm_len = sizeof realm - 1;
	d.nonce = nonce;
	d.nonce_len = sizeof nonce - 1;
	d.uri = uri;
	d.uri_len = sizeof uri - 1;
	d.method = method;
	d.method_len = sizeof method - 1;
	d.qop = qop;
	d.cnonce = cnonce;
	d.cnonce_len = sizeof cnonce - 1;
	d.nc = nc;
	d.nc_len = sizeof nc - 1;
	d.body = body;
	d.body_len = 0;
	r = itls_aka_response(ref, &d);
	expect(r == ITLS_OK, "digest ref");
	begin(name);
	SECRET(res, 8);
	SECRET(ck, 16);
	SECRET(ik, 16);
	r = itls_aka_response(out, &d);
	PUBLIC(&r, sizeof r);
	PUBLIC(out, sizeof out);
	expect(r == ITLS_OK && memcmp(out, ref, sizeof out) == 0, name);
}

/* TK-16: SM5: the S-CSCF gives CK and IK to the P-CSCF as hex text (AP-18, AP-19) */
static void
ct_hex(const char *hdr, const char *name)
{
	struct itls_authparam ap;
	char s[256];
	size_t len = strlen(hdr), i;
	uint8_t ck[16], ik[16], ck_ref[16], ik_ref[16];
	int r;

	memcpy(s, hdr, len);
	expect(itls_authparam_parse(s, len, &ap) == ITLS_OK, "SM5 parses");
	expect(itls_authparam_get_hex(s, len, &ap, ITLS_AP_CK, ck_ref, 16) == ITLS_OK, "ck ref");
	expect(itls_authparam_get_hex(s, len, &ap, ITLS_AP_IK, ik_ref, 16) == ITLS_OK, "ik ref");
	begin(name);
	/* the digits of the two values are the secret (the parse above found
	 * where they are; its scan of the text is not what is checked here) */
	for (i = 0; i < len; i++) {
		if (i >= ap.p[ap.at[ITLS_AP_CK]].content.off
			&& i < ap.p[ap.at[ITLS_AP_CK]].content.off + 32) {
			SECRET(s + i, 1);
		}
		if (i >= ap.p[ap.at[ITLS_AP_IK]].content.off
			&& i < ap.p[ap.at[ITLS_AP_IK]].content.off + 32) {
			SECRET(s + i, 1);
		}
	}
	r = itls_authparam_get_hex(s, len, &ap, ITLS_AP_CK, ck, 16);
	PUBLIC(&r, sizeof r);
	PUBLIC(ck, 16);
	expect(r == ITLS_OK && memcmp(ck, ck_ref, 16) == 0, "ck");
	r = itls_authparam_get_hex(s, len, &ap, ITLS_AP_IK, ik, 16);
	PUBLIC(&r, sizeof r);
	PUBLIC(ik, 16);
	expect(r == ITLS_OK && memcmp(ik, ik_ref, 16) == 0, "ik");
}

int
main(int argc, char **argv)
{
	const char *only = argc > 1 ? argv[1] : NULL;

	if (only == NULL || strcmp(only, "tokens") == 0) {
		ct_tokens(ITLS_TOKEN_HMAC);
		ct_tokens(ITLS_TOKEN_KDF);
	}
	if (only == NULL || strcmp(only, "eq") == 0) {
		ct_eq();
	}
	if (only == NULL || strcmp(only, "aka") == 0) {
		ct_milenage();
	}
	if (only == NULL || strcmp(only, "psk") == 0) {
		ct_psk_kdf();
	}
	if (only == NULL || strcmp(only, "digest") == 0) {
		ct_digest(ITLS_AKA_V1_MD5, ITLS_QOP_NONE, "digest-akav1 (no qop)");
		ct_digest(ITLS_AKA_V1_MD5, ITLS_QOP_AUTH, "digest-akav1 (qop=auth)");
		ct_digest(ITLS_AKA_V2_MD5, ITLS_QOP_NONE, "digest-akav2 (no qop)");
		ct_digest(ITLS_AKA_V2_MD5, ITLS_QOP_AUTH_INT, "digest-akav2 (qop=auth-int)");
	}
	if (only == NULL || strcmp(only, "hex") == 0) {
		ct_hex("Digest realm=\"registrar.home1.net\", nonce=\"I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7N6AQ==\", algorithm=AKAv1-MD5, ik=\"f769bcd751044604127672711c6d3441\", ck=\"b40ba9a3c58b2a05bbf0d987b21bf8cb\"",
			"sm5-ck-ik-hex (quoted, lower case)");
		ct_hex("Digest realm=\"registrar.home1.net\", nonce=\"wA1gMQPc7lLER4EZSUIC6Dn5bNmAD68XXfWzGAfiWLA=\", algorithm=AKAv2-MD5, ik=21A8C1F929702ADB3E738488B9F5C5DA, ck=58C433FF7A7082ACD424220F2B67C556",
			"sm5-ck-ik-hex (token, upper case)");
	}
	fprintf(stderr, "ct-end: %d failures\n", failures);
	return failures ? 1 : 0;
}
