/*
 * test_aka.c -- Criterion suite of ref/core/aka.c (spec/aka.md, AK-nn).
 *
 * Milenage: the published test sets 1 to 6 of TS 35.207 (section 4) /
 * TS 35.208 (section 4.3). Digest: the RFC 2617 section 3.5 example (with
 * its password "Circle Of Life" as a 14-byte RES) and values computed by
 * hand with Python's hashlib / hmac / base64 modules (independent of ref/).
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "itls/aka.h"
#include "itls/err.h"

static size_t
unhex(const char *s, uint8_t *out)
{
	size_t i, n = strlen(s) / 2;

	for (i = 0; i < n; i++) {
		unsigned v;
		cr_assert(sscanf(s + 2 * i, "%2x", &v) == 1);
		out[i] = (uint8_t)v;
	}
	return n;
}

static void
eq_hex(const uint8_t *got, size_t n, const char *want)
{
	char buf[128];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(buf + 2 * i, 3, "%02x", got[i]);
	}
	buf[2 * n] = '\0';
	cr_assert_str_eq(buf, want);
}

struct set {
	const char *k, *rand, *sqn, *amf, *op, *opc;
	const char *f1, *f1s, *f2, *f5, *f3, *f4, *f5s;
};

/* TS 35.207 section 4 / TS 35.208 section 4.3, test sets 1 to 6 */
static const struct set sets[] = {
	{ "465b5ce8b199b49faa5f0a2ee238a6bc", "23553cbe9637a89d218ae64dae47bf35", "ff9bb4d0b607", "b9b9",
	  "cdc202d5123e20f62b6d676ac72cb318", "cd63cb71954a9f4e48a5994e37a02baf", "4a9ffac354dfafb3",
	  "01cfaf9ec4e871e9", "a54211d5e3ba50bf", "aa689c648370", "b40ba9a3c58b2a05bbf0d987b21bf8cb",
	  "f769bcd751044604127672711c6d3441", "451e8beca43b" },
	{ "0396eb317b6d1c36f19c1c84cd6ffd16", "c00d603103dcee52c4478119494202e8", "fd8eef40df7d", "af17",
	  "ff53bade17df5d4e793073ce9d7579fa", "53c15671c60a4b731c55b4a441c0bde2", "5df5b31807e258b0",
	  "a8c016e51ef4a343", "d3a628ed988620f0", "c47783995f72", "58c433ff7a7082acd424220f2b67c556",
	  "21a8c1f929702adb3e738488b9f5c5da", "30f1197061c1" },
	{ "fec86ba6eb707ed08905757b1bb44b8f", "9f7c8d021accf4db213ccff0c7f71a6a", "9d0277595ffc", "725c",
	  "dbc59adcb6f9a0ef735477b7fadf8374", "1006020f0a478bf6b699f15c062e42b3", "9cabc3e99baf7281",
	  "95814ba2b3044324", "8011c48c0c214ed2", "33484dc2136b", "5dbdbb2954e8f3cde665b046179a5098",
	  "59a92d3b476a0443487055cf88b2307b", "deacdd848cc6" },
	{ "9e5944aea94b81165c82fbf9f32db751", "ce83dbc54ac0274a157c17f80d017bd6", "0b604a81eca8", "9e09",
	  "223014c5806694c007ca1eeef57f004f", "a64a507ae1a2a98bb88eb4210135dc87", "74a58220cba84c49",
	  "ac2cc74a96871837", "f365cd683cd92e96", "f0b9c08ad02e", "e203edb3971574f5a94b0d61b816345d",
	  "0c4524adeac041c4dd830d20854fc46b", "6085a86c6f63" },
	{ "4ab1deb05ca6ceb051fc98e77d026a84", "74b0cd6031a1c8339b2b6ce2b8c4a186", "e880a1b580b6", "9f07",
	  "2d16c5cd1fdf6b22383584e3bef2a8d8", "dcf07cbd51855290b92a07a9891e523e", "49e785dd12626ef2",
	  "9e85790336bb3fa2", "5860fc1bce351e7e", "31e11a609118", "7657766b373d1c2138f307e3de9242f9",
	  "1c42e960d89b8fa99f2744e0708ccb53", "fe2555e54aa9" },
	{ "6c38a116ac280c454f59332ee35c8c4f", "ee6466bc96202c5a557abbeff8babf63", "414b98222181", "4464",
	  "1ba00a1a7c6700ac8c3ff3e96ad08725", "3803ef5363b947c6aaa225e58fae3934", "078adfb488241a57",
	  "80246b8d0186bcf1", "16c8233f05a0ac28", "45b0f69ab06c", "3f8c7587fe8e4b233af676aede30ba3b",
	  "a7466cc1e6b2a1337d49d3b66e95d7b4", "1f53cd2b1113" },
};

struct inputs {
	uint8_t k[16], op[16], opc[16], rand[16], sqn[6], amf[2];
};

static void
load(const struct set *s, struct inputs *in)
{
	unhex(s->k, in->k);
	unhex(s->op, in->op);
	unhex(s->rand, in->rand);
	unhex(s->sqn, in->sqn);
	unhex(s->amf, in->amf);
	/* AK-02: OPc from OP */
	itls_milenage_opc(in->opc, in->k, in->op);
}

Test(aka, milenage_test_sets, .description = "AK-01 AK-06")
{
	size_t i;

	for (i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		struct inputs in;
		struct itls_milenage_out m;

		load(&sets[i], &in);
		eq_hex(in.opc, 16, sets[i].opc);
		/* AK-01 .. AK-06 */
		itls_milenage(&m, in.k, in.opc, in.rand, in.sqn, in.amf);
		eq_hex(m.mac_a, 8, sets[i].f1);
		eq_hex(m.mac_s, 8, sets[i].f1s);
		eq_hex(m.res, 8, sets[i].f2);
		eq_hex(m.ck, 16, sets[i].f3);
		eq_hex(m.ik, 16, sets[i].f4);
		eq_hex(m.ak, 6, sets[i].f5);
		eq_hex(m.ak_star, 6, sets[i].f5s);
	}
}

Test(aka, autn_build_and_check, .description = "AK-07 AK-08")
{
	size_t i, j;

	for (i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		struct inputs in;
		struct itls_aka_check c;
		uint8_t autn[16], want[16], ak[6];
		int b;

		load(&sets[i], &in);
		/* AK-07: AUTN = (SQN ^ AK) || AMF || MAC-A, from the published f1, f5 */
		unhex(sets[i].f5, ak);
		for (j = 0; j < 6; j++) {
			want[j] = (uint8_t)(in.sqn[j] ^ ak[j]);
		}
		want[6] = in.amf[0];
		want[7] = in.amf[1];
		unhex(sets[i].f1, want + 8);
		itls_aka_autn(autn, in.k, in.opc, in.rand, in.sqn, in.amf);
		cr_assert_eq(memcmp(autn, want, 16), 0);
		/* AK-08: the UE's check releases SQN, AMF, RES, CK, IK, AK */
		cr_assert_eq(itls_aka_check_autn(&c, in.k, in.opc, in.rand, autn), ITLS_OK);
		eq_hex(c.sqn, 6, sets[i].sqn);
		eq_hex(c.amf, 2, sets[i].amf);
		eq_hex(c.res, 8, sets[i].f2);
		eq_hex(c.ck, 16, sets[i].f3);
		eq_hex(c.ik, 16, sets[i].f4);
		eq_hex(c.ak, 6, sets[i].f5);
		/* any flipped bit of AUTN is a MAC failure, and nothing is released */
		for (j = 0; j < 16; j++) {
			for (b = 0; b < 8; b += 7) {
				memset(&c, 0xee, sizeof c);
				autn[j] ^= (uint8_t)(1u << b);
				cr_assert_eq(itls_aka_check_autn(&c, in.k, in.opc, in.rand, autn),
					ITLS_ERR_MAC_FAILURE);
				cr_assert_eq(c.ck[0], 0xee);
				cr_assert_eq(c.res[7], 0xee);
				autn[j] ^= (uint8_t)(1u << b);
			}
		}
		/* the wrong K */
		in.k[0] ^= 1;
		cr_assert_eq(itls_aka_check_autn(&c, in.k, in.opc, in.rand, autn), ITLS_ERR_MAC_FAILURE);
	}
}

Test(aka, auts, .description = "AK-09")
{
	size_t i, j;

	for (i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		struct inputs in;
		struct itls_milenage_out m;
		uint8_t auts[14], aks[6];
		static const uint8_t amf0[2] = { 0, 0 };

		load(&sets[i], &in);
		/* AK-09: (SQN_MS ^ AK*) || f1*(K, SQN_MS, RAND, AMF 0000) */
		itls_aka_auts(auts, in.k, in.opc, in.rand, in.sqn);
		unhex(sets[i].f5s, aks);
		for (j = 0; j < 6; j++) {
			cr_assert_eq(auts[j], (uint8_t)(in.sqn[j] ^ aks[j]));
		}
		itls_milenage(&m, in.k, in.opc, in.rand, in.sqn, amf0);
		cr_assert_eq(memcmp(auts + 6, m.mac_s, 8), 0);
	}
	/* test set 1 by value (MAC-S with AMF 0000 computed with Python, AES from cryptography) */
	{
		struct inputs in;
		uint8_t auts[14];

		load(&sets[0], &in);
		itls_aka_auts(auts, in.k, in.opc, in.rand, in.sqn);
		eq_hex(auts, 14, "ba853f3c123ccf44e93596e355c6");
	}
}

static struct itls_aka_digest d;
static uint8_t res[16], ik[16], ck[16];

static void
digest_setup(void)
{
	memset(&d, 0, sizeof d);
	unhex("a54211d5e3ba50bf", res);
	unhex("f769bcd751044604127672711c6d3441", ik);
	unhex("b40ba9a3c58b2a05bbf0d987b21bf8cb", ck);
	d.algorithm = ITLS_AKA_V1_MD5;
	d.res = res;
	d.res_len = 8;
	d.ik = ik;
	d.ck = ck;
#define TXT(f, s) do { d.f = (const uint8_t *)(s); d.f##_len = strlen(s); } while (0)
	TXT(username, "234150999999999@ims.mnc015.mcc234.3gppnetwork.org");
	TXT(realm, "ims.mnc015.mcc234.3gppnetwork.org");
	TXT(nonce, "I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7M=");
	TXT(uri, "sip:ims.mnc015.mcc234.3gppnetwork.org");
	TXT(method, "REGISTER");
	TXT(cnonce, "0a4f113b");
	TXT(nc, "00000001");
	d.qop = ITLS_QOP_NONE;
}

static void
resp_eq(const char *want)
{
	uint8_t out[32];
	char s[33];

	cr_assert_eq(itls_aka_response(out, &d), ITLS_OK);
	memcpy(s, out, 32);
	s[32] = '\0';
	cr_assert_str_eq(s, want);
}

static void
resp_err(int want)
{
	uint8_t out[32];

	memset(out, 0xee, sizeof out);
	cr_assert_eq(itls_aka_response(out, &d), want);
	cr_assert_eq(out[0], 0xee);
}

TestSuite(digest, .init = digest_setup);

Test(digest, rfc2617_example, .description = "AK-10 AK-11 AK-12")
{
	/* RFC 2617 section 3.5 (the value seed 004 quotes in SM7): AK-10, AK-11 (auth), AK-12 */
	static const char pw[] = "Circle Of Life";

	d.res = (const uint8_t *)pw;
	d.res_len = 14;
	TXT(username, "Mufasa");
	TXT(realm, "testrealm@host.com");
	TXT(nonce, "dcd98b7102dd2f0e8b11d0f600bfb0c093");
	TXT(uri, "/dir/index.html");
	TXT(method, "GET");
	d.qop = ITLS_QOP_AUTH;
	resp_eq("6629fae49393a05397450978507c4ef1");
}

Test(digest, akav1, .description = "AK-12 AK-11")
{
	/* AK-12: password = the 8 raw RES bytes of test set 1 */
	resp_eq("e8534976434a74dabe860fa8f2f31853");
	d.qop = ITLS_QOP_AUTH;
	resp_eq("ac938deae93ef334838716c625aa85c0");
	/* AK-11: auth-int hashes H(body) */
	d.qop = ITLS_QOP_AUTH_INT;
	TXT(body, "hello body");
	resp_eq("6e45233dfbc252b01015016a03279d3b");
	d.body = NULL;
	d.body_len = 0;
	resp_eq("ebb3133044960045af0d0cb3b3021e91");
	/* without qop, cnonce, nc and the body play no part */
	d.qop = ITLS_QOP_NONE;
	TXT(body, "ignored");
	TXT(nc, "zz");
	d.cnonce_len = 0;
	resp_eq("e8534976434a74dabe860fa8f2f31853");
}

Test(digest, akav2, .description = "AK-13")
{
	/* AK-13: password = base64(HMAC-MD5(RES || IK || CK, "http-digest-akav2-password"))
	 * = "shzt3q8CWaZnCAWqs3WmEQ==" here */
	d.algorithm = ITLS_AKA_V2_MD5;
	resp_eq("f06fddc279ed3fed51802c3ee9d80d65");
	d.qop = ITLS_QOP_AUTH;
	resp_eq("2405b88528810f744bf4f764d59d5f73");
}

Test(digest, errors, .description = "AK-14")
{
	/* AK-14, in the documented order */
	d.algorithm = 0;
	resp_err(ITLS_ERR_BAD_ALGORITHM);
	d.algorithm = ITLS_AKA_V1_MD5;
	d.qop = 3;
	resp_err(ITLS_ERR_BAD_QOP);
	d.qop = ITLS_QOP_NONE;
	d.res_len = 3;
	resp_err(ITLS_ERR_BAD_LENGTH);
	d.res_len = 17;
	resp_err(ITLS_ERR_BAD_LENGTH);
	d.res_len = 4;
	cr_assert_eq(itls_aka_response((uint8_t[32]){ 0 }, &d), ITLS_OK);
	d.res_len = 16;
	cr_assert_eq(itls_aka_response((uint8_t[32]){ 0 }, &d), ITLS_OK);
	d.res_len = 8;
	d.qop = ITLS_QOP_AUTH;
	d.cnonce_len = 0;
	resp_err(ITLS_ERR_MISSING_PARAMETER);
	TXT(cnonce, "abc");
	d.nc_len = 0;
	resp_err(ITLS_ERR_MISSING_PARAMETER);
	TXT(nc, "0000001");
	resp_err(ITLS_ERR_BAD_NC);
	TXT(nc, "0000000g");
	resp_err(ITLS_ERR_BAD_NC);
	TXT(nc, "000000001");
	resp_err(ITLS_ERR_BAD_NC);
	TXT(nc, "0000000A");
	cr_assert_eq(itls_aka_response((uint8_t[32]){ 0 }, &d), ITLS_OK);
}

Test(digest, names, .description = "AK-14")
{
	int a = 0, q = 0;

	/* AK-14: algorithm names, ASCII case-insensitive; qop exact */
	cr_assert_eq(itls_aka_algorithm_from_name(&a, "AKAv1-MD5", 9), ITLS_OK);
	cr_assert_eq(a, ITLS_AKA_V1_MD5);
	cr_assert_eq(itls_aka_algorithm_from_name(&a, "akav2-md5", 9), ITLS_OK);
	cr_assert_eq(a, ITLS_AKA_V2_MD5);
	cr_assert_eq(itls_aka_algorithm_from_name(&a, "MD5", 3), ITLS_ERR_BAD_ALGORITHM);
	cr_assert_eq(itls_aka_algorithm_from_name(&a, "AKAv3-MD5", 9), ITLS_ERR_BAD_ALGORITHM);
	cr_assert_eq(itls_aka_algorithm_from_name(&a, "AKAv1-MD6", 9), ITLS_ERR_BAD_ALGORITHM);
	cr_assert_eq(a, ITLS_AKA_V2_MD5);
	cr_assert_eq(itls_aka_qop_from_name(&q, "auth", 4), ITLS_OK);
	cr_assert_eq(q, ITLS_QOP_AUTH);
	cr_assert_eq(itls_aka_qop_from_name(&q, "auth-int", 8), ITLS_OK);
	cr_assert_eq(q, ITLS_QOP_AUTH_INT);
	cr_assert_eq(itls_aka_qop_from_name(&q, "AUTH", 4), ITLS_ERR_BAD_QOP);
	cr_assert_eq(itls_aka_qop_from_name(&q, "auth-conf", 9), ITLS_ERR_BAD_QOP);
	cr_assert_eq(itls_aka_qop_from_name(&q, "auth,auth-int", 13), ITLS_ERR_BAD_QOP);
	cr_assert_eq(q, ITLS_QOP_AUTH_INT);
}

Test(aka, wipe_leaves_inputs, .description = "AK-15")
{
	/* AK-15: the functions write their outputs only; inputs stay as given */
	struct inputs in, copy;
	struct itls_milenage_out m;

	load(&sets[2], &in);
	copy = in;
	itls_milenage(&m, in.k, in.opc, in.rand, in.sqn, in.amf);
	cr_assert_eq(memcmp(&in, &copy, sizeof in), 0);
}
