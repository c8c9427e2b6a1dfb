/*
 * test_authparam.c -- Criterion suite of the Digest parameters module
 * (spec/authparam.md AP-01 .. AP-31).
 *
 * Values: the SM6/SM7 examples of seed 004
 * section 3.3.3, TS 24.229-style challenges with ck/ik, the base64 test
 * vectors of RFC 4648 section 10, and an AKA nonce built (with Python's
 * base64 module, not with this code) from RAND and AUTN of TS 35.208 test
 * set 1: RAND 23553cbe9637a89d218ae64dae47bf35, AUTN = SQN^AK || AMF ||
 * MAC-A = 55f328b43577 b9b9 4a9ffac354dfafb3.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "itls/authparam.h"
#include "itls/err.h"

static struct itls_authparam ap;
static char out[4096];

#define NONCE_TS1 "I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7M="
#define NONCE_TS1_DATA "I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7NzZXJ2ZXI="
#define NONCE_TS1_SHORT "I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfrw=="

static const uint8_t rand_ts1[16] = {
	0x23, 0x55, 0x3c, 0xbe, 0x96, 0x37, 0xa8, 0x9d,
	0x21, 0x8a, 0xe6, 0x4d, 0xae, 0x47, 0xbf, 0x35
};
static const uint8_t autn_ts1[16] = {
	0x55, 0xf3, 0x28, 0xb4, 0x35, 0x77, 0xb9, 0xb9,
	0x4a, 0x9f, 0xfa, 0xc3, 0x54, 0xdf, 0xaf, 0xb3
};

/* seed 004 section 3.3.3, with a real nonce in place of the placeholder */
static const char sm6_seed[] =
	"Digest realm=\"registrar.home1.net\", nonce=\"" NONCE_TS1 "\", "
	"algorithm=AKAv1-MD5, s_token=\"00112233445566778899aabb\"";
static const char sm7_seed[] =
	"Digest username=\"user1_private@home1.net\", "
	"realm=\"registrar.home1.net\", nonce=\"" NONCE_TS1 "\", "
	"algorithm=AKAv1-MD5, uri=\"sip:registrar.home1.net\", "
	"response=\"6629fae49393a05397450978507c4ef1\", "
	"c_token=\"ffeeddccbbaa112233445566\"";
/* TS 24.229-style SM5, S-CSCF to P-CSCF */
static const char sm5[] =
	"Digest realm=\"ims.mnc001.mcc001.3gppnetwork.org\", "
	"nonce=\"" NONCE_TS1 "\", algorithm=AKAv1-MD5, "
	"ik=\"0123456789abcdef0123456789abcdef\", "
	"ck=\"fedcba9876543210fedcba9876543210\", qop=\"auth,auth-int\"";

static enum itls_err
parse(const char *s)
{
	return itls_authparam_parse(s, strlen(s), &ap);
}

/* parse s and return its canonical form in out (or "" on error) */
static enum itls_err
canon(const char *s)
{
	size_t n = 0;
	enum itls_err e = parse(s);

	out[0] = '\0';
	if (e == ITLS_OK) {
		e = itls_authparam_serialize(s, strlen(s), &ap, out, sizeof out - 1, &n);
		out[n] = '\0';
	}
	return e;
}

static void
expect_err(const char *s, enum itls_err want)
{
	enum itls_err e = parse(s);

	cr_expect_eq(e, want, "%s: got %s, want %s", s, itls_err_name(e),
		itls_err_name(want));
}

/* ---- seed examples -------------------------------------------------------- */

Test(authparam, seed_sm6_example, .description = "AP-23 AP-15 AP-29")
{
	uint8_t tok[12];
	static const uint8_t want[12] = {
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb
	};

	/* AP-23: already canonical, so it comes back unchanged */
	cr_assert_eq(canon(sm6_seed), ITLS_OK);
	cr_expect_str_eq(out, sm6_seed);
	cr_expect_eq(ap.n, 4);
	cr_expect_eq(ap.credentials, 0); /* AP-15: no response, a challenge */
	cr_expect_eq(ap.at[ITLS_AP_REALM], 0);
	cr_expect_eq(ap.at[ITLS_AP_NONCE], 1);
	cr_expect_eq(ap.at[ITLS_AP_ALGORITHM], 2);
	cr_expect_eq(ap.at[ITLS_AP_S_TOKEN], 3);
	cr_expect_eq(ap.at[ITLS_AP_CK], ITLS_AUTHPARAM_ABSENT);
	/* AP-29: the 12 raw bytes of the token */
	cr_assert_eq(itls_authparam_get_hex(sm6_seed, strlen(sm6_seed), &ap,
		ITLS_AP_S_TOKEN, tok, 12), ITLS_OK);
	cr_expect_eq(memcmp(tok, want, 12), 0);
	cr_expect_eq(itls_authparam_get_hex(sm6_seed, strlen(sm6_seed), &ap,
		ITLS_AP_C_TOKEN, tok, 12), ITLS_ERR_MISSING_PARAMETER);
}

Test(authparam, seed_sm7_example, .description = "AP-15 AP-12")
{
	uint8_t tok[12];
	static const uint8_t want[12] = {
		0xff, 0xee, 0xdd, 0xcc, 0xbb, 0xaa, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66
	};
	char buf[64];
	size_t n;

	cr_assert_eq(canon(sm7_seed), ITLS_OK);
	cr_expect_str_eq(out, sm7_seed);
	cr_expect_eq(ap.n, 7);
	cr_expect_eq(ap.credentials, 1); /* AP-15 */
	cr_expect_eq(ap.at[ITLS_AP_USERNAME], 0);
	cr_expect_eq(ap.at[ITLS_AP_URI], 4);
	cr_expect_eq(ap.at[ITLS_AP_RESPONSE], 5);
	cr_expect_eq(ap.at[ITLS_AP_C_TOKEN], 6);
	cr_assert_eq(itls_authparam_get_hex(sm7_seed, strlen(sm7_seed), &ap,
		ITLS_AP_C_TOKEN, tok, 12), ITLS_OK);
	cr_expect_eq(memcmp(tok, want, 12), 0);
	/* AP-12: the content of username */
	cr_assert_eq(itls_authparam_content(sm7_seed, strlen(sm7_seed), &ap, 0, buf,
		sizeof buf, &n), ITLS_OK);
	cr_expect_eq(n, strlen("user1_private@home1.net"));
	cr_expect_eq(memcmp(buf, "user1_private@home1.net", n), 0);
}

Test(authparam, ts24229_sm5_with_ck_ik, .description = "AP-18 AP-26")
{
	uint8_t ik[16], ck[16];
	static const uint8_t want_ik[16] = {
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
		0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef
	};
	static const uint8_t want_ck[16] = {
		0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10,
		0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10
	};

	cr_assert_eq(canon(sm5), ITLS_OK);
	cr_expect_str_eq(out, sm5);
	cr_expect_eq(ap.at[ITLS_AP_IK], 3);
	cr_expect_eq(ap.at[ITLS_AP_CK], 4);
	cr_expect_eq(ap.at[ITLS_AP_QOP], 5);
	cr_assert_eq(itls_authparam_get_hex(sm5, strlen(sm5), &ap, ITLS_AP_IK, ik, 16),
		ITLS_OK);
	cr_assert_eq(itls_authparam_get_hex(sm5, strlen(sm5), &ap, ITLS_AP_CK, ck, 16),
		ITLS_OK);
	cr_expect_eq(memcmp(ik, want_ik, 16), 0);
	cr_expect_eq(memcmp(ck, want_ck, 16), 0);
}

/* ---- lexical rules --------------------------------------------------------- */

Test(authparam, ap01_too_long, .description = "AP-01")
{
	static char big[ITLS_AUTHPARAM_MAX_LEN + 2];
	size_t n;

	/* AP-01: a value of 65536 bytes is too long, 65535 is not */
	memset(big, ' ', sizeof big);
	memcpy(big, "Digest realm=\"", 14);
	big[ITLS_AUTHPARAM_MAX_LEN] = '"';
	cr_expect_eq(itls_authparam_parse(big, ITLS_AUTHPARAM_MAX_LEN + 1, &ap),
		ITLS_ERR_TOO_LONG);
	big[ITLS_AUTHPARAM_MAX_LEN - 1] = '"';
	cr_expect_eq(itls_authparam_parse(big, ITLS_AUTHPARAM_MAX_LEN, &ap), ITLS_OK);
	n = 0;
	cr_expect_eq(itls_authparam_serialize(big, ITLS_AUTHPARAM_MAX_LEN, &ap, out,
		sizeof out, &n), ITLS_ERR_BUFFER_TOO_SMALL);
}

Test(authparam, ap02_lws, .description = "AP-02")
{
	/* AP-02: SP, HTAB, folding around "," and "=", before and after */
	cr_assert_eq(canon(" \tDigest \t realm \t=\t \"a\" \t,\r\n nonce=\"b\" \t"), ITLS_OK);
	cr_expect_str_eq(out, "Digest realm=\"a\", nonce=\"b\"");
	cr_assert_eq(canon("Digest\r\n\trealm=\"a\""), ITLS_OK);
	cr_expect_str_eq(out, "Digest realm=\"a\"");
	/* a CR or LF that is not folding */
	expect_err("Digest realm=\"a\"\r\n", ITLS_ERR_SYNTAX);
	expect_err("Digest realm=\"a\",\nnonce=\"b\"", ITLS_ERR_SYNTAX);
	expect_err("Digest realm=\"a\"\r", ITLS_ERR_SYNTAX);
}

Test(authparam, ap03_scheme, .description = "AP-03")
{
	/* AP-03: case-insensitive, written as Digest */
	cr_assert_eq(canon("DIGEST realm=\"a\""), ITLS_OK);
	cr_expect_str_eq(out, "Digest realm=\"a\"");
	cr_assert_eq(canon("dIgEsT realm=\"a\""), ITLS_OK);
	expect_err("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", ITLS_ERR_BAD_SCHEME);
	expect_err("Digestion realm=\"a\"", ITLS_ERR_BAD_SCHEME);
	expect_err("Bearer realm=\"a\"", ITLS_ERR_BAD_SCHEME);
	expect_err("\"Digest\" realm=\"a\"", ITLS_ERR_BAD_SCHEME);
	expect_err(", realm=\"a\"", ITLS_ERR_BAD_SCHEME);
}

Test(authparam, ap04_empty, .description = "AP-04")
{
	/* AP-04 */
	expect_err("", ITLS_ERR_EMPTY);
	expect_err("   \t ", ITLS_ERR_EMPTY);
	expect_err("Digest", ITLS_ERR_EMPTY);
	expect_err("Digest   ", ITLS_ERR_EMPTY);
	cr_expect_eq(itls_authparam_parse(NULL, 0, &ap), ITLS_ERR_EMPTY);
}

Test(authparam, ap05_ap06_syntax, .description = "AP-05 AP-06 AP-07")
{
	/* AP-05: the scheme needs LWS after it */
	expect_err("Digest,realm=\"a\"", ITLS_ERR_SYNTAX);
	expect_err("Digest=\"a\"", ITLS_ERR_SYNTAX);
	/* AP-06 */
	expect_err("Digest realm=\"a\",, nonce=\"b\"", ITLS_ERR_SYNTAX);
	expect_err("Digest , realm=\"a\"", ITLS_ERR_SYNTAX);
	expect_err("Digest realm=\"a\",", ITLS_ERR_SYNTAX);
	expect_err("Digest realm=\"a\" ,  ", ITLS_ERR_SYNTAX);
	expect_err("Digest realm", ITLS_ERR_SYNTAX);
	expect_err("Digest realm=", ITLS_ERR_SYNTAX);
	expect_err("Digest realm= ,nonce=\"b\"", ITLS_ERR_SYNTAX);
	expect_err("Digest realm=\"a\" nonce=\"b\"", ITLS_ERR_SYNTAX);
	expect_err("Digest realm=\"a\"b", ITLS_ERR_SYNTAX);
	expect_err("Digest algorithm=AKAv1-MD5\"x\"", ITLS_ERR_SYNTAX);
	/* the seed's placeholder is not a value */
	expect_err("Digest realm=\"r\", nonce=base64(RAND + AUTN + server specific data)",
		ITLS_ERR_SYNTAX);
	/* AP-07: names are tokens */
	expect_err("Digest re(alm=\"a\"", ITLS_ERR_SYNTAX);
	expect_err("Digest \"realm\"=\"a\"", ITLS_ERR_SYNTAX);
	expect_err("Digest realm=\"a\", =\"b\"", ITLS_ERR_SYNTAX);
	/* token characters are kept */
	cr_assert_eq(canon("Digest x!#$%&'*+-.^_`|~09AZaz=!#$%&'*+-.^_`|~"), ITLS_OK);
	cr_expect_str_eq(out, "Digest x!#$%&'*+-.^_`|~09azaz=!#$%&'*+-.^_`|~");
}

Test(authparam, ap08_quoted_string, .description = "AP-08 AP-12")
{
	char buf[64];
	size_t n;

	/* AP-08, AP-12: escapes kept on the wire, removed in the content */
	cr_assert_eq(canon("Digest realm=\"a\\\"b\\\\c\\,d\""), ITLS_OK);
	cr_expect_str_eq(out, "Digest realm=\"a\\\"b\\\\c\\,d\"");
	cr_assert_eq(itls_authparam_content("Digest realm=\"a\\\"b\\\\c\\,d\"",
		strlen("Digest realm=\"a\\\"b\\\\c\\,d\""), &ap, 0, buf, sizeof buf, &n),
		ITLS_OK);
	cr_expect_eq(n, 7);
	cr_expect_eq(memcmp(buf, "a\"b\\c,d", 7), 0);
	/* commas, equal signs, HTAB, folding and UTF-8 inside quotes */
	cr_assert_eq(canon("Digest opaque=\"a, b=c\td\r\n e\xc3\xa9\""), ITLS_OK);
	cr_expect_str_eq(out, "Digest opaque=\"a, b=c\td\r\n e\xc3\xa9\"");
	cr_assert_eq(canon("Digest realm=\"\""), ITLS_OK);
	cr_expect_str_eq(out, "Digest realm=\"\"");
	expect_err("Digest realm=\"abc", ITLS_ERR_BAD_QUOTED_STRING);
	expect_err("Digest realm=\"abc\\\"", ITLS_ERR_BAD_QUOTED_STRING);
	expect_err("Digest realm=\"abc\\", ITLS_ERR_BAD_QUOTED_STRING);
	expect_err("Digest realm=\"a\rb\"", ITLS_ERR_BAD_QUOTED_STRING);
	expect_err("Digest realm=\"a\nb\"", ITLS_ERR_BAD_QUOTED_STRING);
	expect_err("Digest realm=\"a\r\nb\"", ITLS_ERR_BAD_QUOTED_STRING);
	expect_err("Digest realm=\"a\\\rb\"", ITLS_ERR_BAD_QUOTED_STRING);
	expect_err("Digest realm=\"a\x01" "b\"", ITLS_ERR_BAD_QUOTED_STRING);
	expect_err("Digest realm=\"a\x7f" "b\"", ITLS_ERR_BAD_QUOTED_STRING);
}

Test(authparam, ap09_duplicates, .description = "AP-09 AP-23")
{
	/* AP-09 */
	expect_err("Digest realm=\"a\", realm=\"b\"", ITLS_ERR_DUPLICATE_PARAMETER);
	expect_err("Digest realm=\"a\", REALM=\"a\"", ITLS_ERR_DUPLICATE_PARAMETER);
	expect_err("Digest foo=1, nonce=\"\", Foo=2", ITLS_ERR_DUPLICATE_PARAMETER);
	/* AP-23: names written in lower case */
	cr_assert_eq(canon("Digest REALM=\"A\", S_Token=\"00112233445566778899AABB\""),
		ITLS_OK);
	cr_expect_str_eq(out, "Digest realm=\"A\", s_token=\"00112233445566778899AABB\"");
	cr_expect_eq(ap.at[ITLS_AP_S_TOKEN], 1);
}

Test(authparam, ap10_too_many, .description = "AP-10 AP-22")
{
	char buf[512];
	size_t i, n = 0;

	/* AP-10: 32 parameters parse, 33 do not */
	n += (size_t)snprintf(buf + n, sizeof buf - n, "Digest p0=0");
	for (i = 1; i < 32; i++) {
		n += (size_t)snprintf(buf + n, sizeof buf - n, ", p%zu=%zu", i, i);
	}
	cr_assert_eq(itls_authparam_parse(buf, n, &ap), ITLS_OK);
	cr_expect_eq(ap.n, 32);
	n += (size_t)snprintf(buf + n, sizeof buf - n, ", p32=32");
	cr_expect_eq(itls_authparam_parse(buf, n, &ap), ITLS_ERR_TOO_MANY_PARAMETERS);
	/* AP-22: the 33rd parameter's syntax comes first */
	n -= 2;
	n += (size_t)snprintf(buf + n, sizeof buf - n, "=");
	cr_expect_eq(itls_authparam_parse(buf, n, &ap), ITLS_ERR_SYNTAX);
}

Test(authparam, ap11_unknown_kept, .description = "AP-11")
{
	/* AP-11: unknown parameters kept, unchecked, in place */
	cr_assert_eq(canon("Digest stale=TRUE, realm=\"a\", Domain=\"sip:x\", "
		"auts=\"AAAA\", x-vendor=\"%%%\""), ITLS_OK);
	cr_expect_str_eq(out, "Digest stale=TRUE, realm=\"a\", domain=\"sip:x\", "
		"auts=\"AAAA\", x-vendor=\"%%%\"");
	cr_expect_eq(ap.p[0].id, ITLS_AP_UNKNOWN);
	cr_expect_eq(ap.p[1].id, ITLS_AP_REALM);
}

/* ---- value rules ----------------------------------------------------------- */

Test(authparam, ap13_quoted_only, .description = "AP-13")
{
	/* AP-13 */
	expect_err("Digest realm=a", ITLS_ERR_SYNTAX);
	expect_err("Digest nonce=abc", ITLS_ERR_SYNTAX);
	expect_err("Digest username=u, response=\"\"", ITLS_ERR_SYNTAX);
	expect_err("Digest uri=sip", ITLS_ERR_SYNTAX);
	expect_err("Digest response=00", ITLS_ERR_SYNTAX);
	expect_err("Digest cnonce=abc", ITLS_ERR_SYNTAX);
	expect_err("Digest opaque=abc", ITLS_ERR_SYNTAX);
	/* TS 24.229 first REGISTER: empty nonce and response */
	cr_expect_eq(parse("Digest username=\"001010000000001@ims.mnc001.mcc001.3gppnetwork.org\", "
		"realm=\"ims.mnc001.mcc001.3gppnetwork.org\", nonce=\"\", "
		"uri=\"sip:ims.mnc001.mcc001.3gppnetwork.org\", response=\"\", "
		"integrity-protected=\"no\""), ITLS_OK);
}

Test(authparam, ap14_algorithm, .description = "AP-14")
{
	/* AP-14: three values, any case, token or quoted (escapes removed) */
	cr_expect_eq(parse("Digest algorithm=AKAv1-MD5"), ITLS_OK);
	cr_expect_eq(parse("Digest algorithm=akav2-md5"), ITLS_OK);
	cr_expect_eq(parse("Digest algorithm=MD5"), ITLS_OK);
	cr_expect_eq(parse("Digest algorithm=\"AKAv1-MD5\""), ITLS_OK);
	cr_expect_eq(parse("Digest algorithm=\"AKAv1\\-MD5\""), ITLS_OK);
	expect_err("Digest algorithm=SHA-256", ITLS_ERR_BAD_ALGORITHM);
	expect_err("Digest algorithm=MD5-sess", ITLS_ERR_BAD_ALGORITHM);
	expect_err("Digest algorithm=AKAv3-MD5", ITLS_ERR_BAD_ALGORITHM);
	expect_err("Digest algorithm=\"\"", ITLS_ERR_BAD_ALGORITHM);
	expect_err("Digest algorithm=\" MD5\"", ITLS_ERR_BAD_ALGORITHM);
}

Test(authparam, ap15_ap16_qop_challenge, .description = "AP-16 AP-15")
{
	/* AP-16: a list in a challenge; unknown options ignored */
	cr_expect_eq(parse("Digest qop=\"auth,auth-int\""), ITLS_OK);
	cr_expect_eq(parse("Digest qop=\" auth , auth-int ,x-new\""), ITLS_OK);
	cr_expect_eq(parse("Digest qop=auth-int"), ITLS_OK);
	cr_expect_eq(parse("Digest qop=\"token\""), ITLS_OK);
	cr_expect_eq(parse("Digest qop=\"auth\\,auth-int\""), ITLS_OK);
	expect_err("Digest qop=\"\"", ITLS_ERR_BAD_QOP);
	expect_err("Digest qop=\"  \"", ITLS_ERR_BAD_QOP);
	expect_err("Digest qop=\"auth,,auth-int\"", ITLS_ERR_BAD_QOP);
	expect_err("Digest qop=\"auth,\"", ITLS_ERR_BAD_QOP);
	expect_err("Digest qop=\",auth\"", ITLS_ERR_BAD_QOP);
	expect_err("Digest qop=\"auth auth-int\"", ITLS_ERR_BAD_QOP);
	expect_err("Digest qop=\"auth;x\"", ITLS_ERR_BAD_QOP);
	/* AP-15: with a response it is credentials, and the list is refused */
	expect_err("Digest response=\"\", qop=\"auth,auth-int\"", ITLS_ERR_BAD_QOP);
}

Test(authparam, ap17_qop_credentials, .description = "AP-17")
{
	/* AP-17 */
	cr_expect_eq(parse("Digest response=\"0\", qop=auth"), ITLS_OK);
	cr_expect_eq(parse("Digest qop=AUTH-INT, response=\"0\""), ITLS_OK);
	cr_expect_eq(parse("Digest response=\"0\", qop=\"auth\""), ITLS_OK);
	expect_err("Digest response=\"0\", qop=x-new", ITLS_ERR_BAD_QOP);
	expect_err("Digest response=\"0\", qop=\"auth \"", ITLS_ERR_BAD_QOP);
}

Test(authparam, ap18_ck_ik, .description = "AP-18")
{
	/* AP-18 */
	cr_expect_eq(parse("Digest ck=\"FEDCBA9876543210FEDCBA9876543210\""), ITLS_OK);
	cr_expect_eq(parse("Digest ik=0123456789abcdef0123456789abcdef"), ITLS_OK);
	expect_err("Digest ck=\"fedcba9876543210fedcba987654321\"", ITLS_ERR_BAD_HEX);
	expect_err("Digest ik=\"0123456789abcdef0123456789abcdef0\"", ITLS_ERR_BAD_HEX);
	expect_err("Digest ik=\"0123456789abcdef0123456789abcdeg\"", ITLS_ERR_BAD_HEX);
	expect_err("Digest ck=\"\"", ITLS_ERR_BAD_HEX);
}

Test(authparam, ap19_tokens, .description = "AP-19")
{
	/* AP-19 */
	cr_expect_eq(parse("Digest s_token=\"00112233445566778899AABB\""), ITLS_OK);
	cr_expect_eq(parse("Digest c_token=ffeeddccbbaa112233445566"), ITLS_OK);
	expect_err("Digest s_token=\"00112233445566778899aab\"", ITLS_ERR_BAD_TOKEN);
	expect_err("Digest c_token=\"ffeeddccbbaa1122334455667\"", ITLS_ERR_BAD_TOKEN);
	expect_err("Digest c_token=\"ffeeddccbbaa11223344556z\"", ITLS_ERR_BAD_TOKEN);
	expect_err("Digest s_token=\"00 11 22 33 44 55 66 77 88 99 aa bb\"",
		ITLS_ERR_BAD_TOKEN);
}

Test(authparam, ap20_integrity_protected, .description = "AP-20")
{
	static const char *const ok[] = {
		"yes", "no", "tls-pending", "tls-yes", "ip-assoc-pending",
		"ip-assoc-yes", "auth-done", "\"no\"", "TLS-YES"
	};
	char buf[128];
	size_t i;

	/* AP-20 */
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		snprintf(buf, sizeof buf, "Digest integrity-protected=%s", ok[i]);
		cr_expect_eq(parse(buf), ITLS_OK, "%s", buf);
	}
	expect_err("Digest integrity-protected=maybe", ITLS_ERR_BAD_INTEGRITY_PROTECTED);
	expect_err("Digest integrity-protected=\"tls\"", ITLS_ERR_BAD_INTEGRITY_PROTECTED);
	expect_err("Digest integrity-protected=\"\"", ITLS_ERR_BAD_INTEGRITY_PROTECTED);
}

Test(authparam, ap21_nc, .description = "AP-21")
{
	/* AP-21 */
	cr_expect_eq(parse("Digest nc=00000001"), ITLS_OK);
	cr_expect_eq(parse("Digest nc=\"0000000A\""), ITLS_OK);
	expect_err("Digest nc=1", ITLS_ERR_BAD_NC);
	expect_err("Digest nc=000000001", ITLS_ERR_BAD_NC);
	expect_err("Digest nc=0000000g", ITLS_ERR_BAD_NC);
}

Test(authparam, ap22_ap23_round_trip, .description = "AP-23")
{
	char first[4096];
	static const char *const in[] = { sm5, sm6_seed, sm7_seed,
		"digest  Realm = \"a\\\"\" ,\tNC=00000001 , qop=auth , response=\"x\"" };
	size_t i;

	/* AP-23: the canonical line parses to itself */
	for (i = 0; i < sizeof in / sizeof in[0]; i++) {
		cr_assert_eq(canon(in[i]), ITLS_OK);
		strcpy(first, out);
		cr_assert_eq(canon(first), ITLS_OK);
		cr_expect_str_eq(out, first);
	}
	cr_expect_str_eq(out, "Digest realm=\"a\\\"\", nc=00000001, qop=auth, response=\"x\"");
}

/* ---- writers -------------------------------------------------------------- */

Test(authparam, ap31_buffer_too_small, .description = "AP-31")
{
	char small[32];
	size_t n = 99, need;

	/* AP-31: nothing written when it does not fit */
	cr_assert_eq(canon(sm6_seed), ITLS_OK);
	need = strlen(sm6_seed);
	memset(out, 'Z', sizeof out);
	cr_expect_eq(itls_authparam_serialize(sm6_seed, strlen(sm6_seed), &ap, out,
		need - 1, &n), ITLS_ERR_BUFFER_TOO_SMALL);
	cr_expect_eq(n, 99);
	cr_expect_eq(out[0], 'Z');
	cr_expect_eq(itls_authparam_serialize(sm6_seed, strlen(sm6_seed), &ap, out,
		need, &n), ITLS_OK);
	cr_expect_eq(n, need);
	memset(small, 'Z', sizeof small);
	cr_expect_eq(itls_authparam_content(sm6_seed, strlen(sm6_seed), &ap, 1, small,
		sizeof small, &n), ITLS_ERR_BUFFER_TOO_SMALL);
	cr_expect_eq(small[0], 'Z');
}

Test(authparam, ap26_sm6_with_token, .description = "AP-26")
{
	static const uint8_t tok[12] = {
		0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb
	};
	size_t n;

	/* AP-26: ck and ik go, s_token comes last, in lower case */
	cr_assert_eq(parse(sm5), ITLS_OK);
	cr_assert_eq(itls_authparam_sm6(sm5, strlen(sm5), &ap, tok, out, sizeof out - 1,
		&n), ITLS_OK);
	out[n] = '\0';
	cr_expect_str_eq(out, "Digest realm=\"ims.mnc001.mcc001.3gppnetwork.org\", "
		"nonce=\"" NONCE_TS1 "\", algorithm=AKAv1-MD5, qop=\"auth,auth-int\", "
		"s_token=\"00112233445566778899aabb\"");
	/* the UE did not offer tls: no s_token */
	cr_assert_eq(itls_authparam_sm6(sm5, strlen(sm5), &ap, NULL, out, sizeof out - 1,
		&n), ITLS_OK);
	out[n] = '\0';
	cr_expect_str_eq(out, "Digest realm=\"ims.mnc001.mcc001.3gppnetwork.org\", "
		"nonce=\"" NONCE_TS1 "\", algorithm=AKAv1-MD5, qop=\"auth,auth-int\"");
	/* too small by one: nothing written */
	memset(out, 'Z', sizeof out);
	cr_expect_eq(itls_authparam_sm6(sm5, strlen(sm5), &ap, NULL, out, n - 1, &n),
		ITLS_ERR_BUFFER_TOO_SMALL);
	cr_expect_eq(out[0], 'Z');
}

Test(authparam, ap26_sm6_errors, .description = "AP-26")
{
	static const uint8_t tok[12] = { 0 };
	static const char no_ik[] = "Digest realm=\"r\", ck=\"00000000000000000000000000000000\"";
	static const char has_tok[] = "Digest realm=\"r\", ck=\"00000000000000000000000000000000\", "
		"ik=\"00000000000000000000000000000000\", s_token=\"000000000000000000000000\"";
	static const char only[] = "Digest ck=\"00000000000000000000000000000000\", "
		"IK=\"00000000000000000000000000000000\"";
	size_t n = 7;

	cr_assert_eq(parse(no_ik), ITLS_OK);
	cr_expect_eq(itls_authparam_sm6(no_ik, strlen(no_ik), &ap, tok, out, sizeof out,
		&n), ITLS_ERR_MISSING_PARAMETER);
	cr_assert_eq(parse(sm6_seed), ITLS_OK);
	cr_expect_eq(itls_authparam_sm6(sm6_seed, strlen(sm6_seed), &ap, tok, out,
		sizeof out, &n), ITLS_ERR_MISSING_PARAMETER);
	cr_assert_eq(parse(has_tok), ITLS_OK);
	cr_expect_eq(itls_authparam_sm6(has_tok, strlen(has_tok), &ap, tok, out,
		sizeof out, &n), ITLS_ERR_DUPLICATE_PARAMETER);
	cr_expect_eq(itls_authparam_sm6(has_tok, strlen(has_tok), &ap, NULL, out,
		sizeof out, &n), ITLS_ERR_DUPLICATE_PARAMETER);
	cr_assert_eq(parse(only), ITLS_OK);
	cr_expect_eq(itls_authparam_sm6(only, strlen(only), &ap, NULL, out, sizeof out,
		&n), ITLS_ERR_EMPTY);
	cr_expect_eq(itls_authparam_sm6(only, strlen(only), &ap, tok, out, sizeof out - 1,
		&n), ITLS_OK);
	out[n] = '\0';
	cr_expect_str_eq(out, "Digest s_token=\"000000000000000000000000\"");
}

Test(authparam, ap27_ap30_sm7_builder, .description = "AP-27 AP-30")
{
	struct itls_authparam_creds c;
	size_t n;

	memset(&c, 0, sizeof c);
	c.username.p = "user1_private@home1.net";
	c.username.len = strlen(c.username.p);
	c.realm.p = "registrar.home1.net";
	c.realm.len = strlen(c.realm.p);
	c.nonce.p = NONCE_TS1;
	c.nonce.len = strlen(NONCE_TS1);
	c.uri.p = "sip:registrar.home1.net";
	c.uri.len = strlen(c.uri.p);
	c.response.p = "6629fae49393a05397450978507c4ef1";
	c.response.len = 32;
	c.algorithm = ITLS_AP_ALG_AKAV1_MD5;
	c.has_c_token = 1;
	memcpy(c.c_token, "\xff\xee\xdd\xcc\xbb\xaa\x11\x22\x33\x44\x55\x66", 12);
	/* AP-27: seed 004's SM7 example, byte for byte */
	cr_assert_eq(itls_authparam_sm7(&c, out, sizeof out - 1, &n), ITLS_OK);
	out[n] = '\0';
	cr_expect_str_eq(out, sm7_seed);
	/* and it parses back */
	cr_expect_eq(parse(out), ITLS_OK);
	/* qop, nc, cnonce, integrity-protected; AP-30 escapes */
	c.username.p = "a\"b\\c";
	c.username.len = 5;
	c.qop = ITLS_AP_QOP_AUTH_INT;
	c.nc = 0x1a;
	c.cnonce.p = "0a4f113b";
	c.cnonce.len = 8;
	c.has_c_token = 0;
	c.integrity = ITLS_AP_IP_TLS_PENDING;
	c.algorithm = ITLS_AP_ALG_MD5;
	cr_assert_eq(itls_authparam_sm7(&c, out, sizeof out - 1, &n), ITLS_OK);
	out[n] = '\0';
	cr_expect_str_eq(out, "Digest username=\"a\\\"b\\\\c\", "
		"realm=\"registrar.home1.net\", nonce=\"" NONCE_TS1 "\", "
		"algorithm=MD5, uri=\"sip:registrar.home1.net\", "
		"response=\"6629fae49393a05397450978507c4ef1\", qop=auth-int, "
		"nc=0000001a, cnonce=\"0a4f113b\", integrity-protected=tls-pending");
	cr_expect_eq(parse(out), ITLS_OK);
	/* exact fit, one short */
	cr_expect_eq(itls_authparam_sm7(&c, out, n, &n), ITLS_OK);
	memset(out, 'Z', sizeof out);
	cr_expect_eq(itls_authparam_sm7(&c, out, n - 1, &n), ITLS_ERR_BUFFER_TOO_SMALL);
	cr_expect_eq(out[0], 'Z');
	/* AP-30: a text a quoted string cannot hold */
	c.uri.p = "sip:a\r\nb";
	c.uri.len = 8;
	cr_expect_eq(itls_authparam_sm7(&c, out, sizeof out, &n),
		ITLS_ERR_BAD_QUOTED_STRING);
	cr_expect_eq(out[0], 'Z');
}

Test(authparam, ap27_sm1_credentials, .description = "AP-27")
{
	struct itls_authparam_creds c;
	size_t n;

	/* TS 24.229 initial REGISTER: empty nonce and response, no algorithm */
	memset(&c, 0, sizeof c);
	c.username.p = "001010000000001@ims.mnc001.mcc001.3gppnetwork.org";
	c.username.len = strlen(c.username.p);
	c.realm.p = "ims.mnc001.mcc001.3gppnetwork.org";
	c.realm.len = strlen(c.realm.p);
	c.uri.p = "sip:ims.mnc001.mcc001.3gppnetwork.org";
	c.uri.len = strlen(c.uri.p);
	c.integrity = ITLS_AP_IP_NO;
	cr_assert_eq(itls_authparam_sm7(&c, out, sizeof out - 1, &n), ITLS_OK);
	out[n] = '\0';
	cr_expect_str_eq(out, "Digest username=\"001010000000001@ims.mnc001.mcc001.3gppnetwork.org\", "
		"realm=\"ims.mnc001.mcc001.3gppnetwork.org\", nonce=\"\", "
		"uri=\"sip:ims.mnc001.mcc001.3gppnetwork.org\", response=\"\", "
		"integrity-protected=no");
}

Test(authparam, ap28_sm8, .description = "AP-28")
{
	size_t n;
	static const char sm7_ip[] = "Digest username=\"u\", integrity-protected=yes, "
		"response=\"r\", c_token=\"ffeeddccbbaa112233445566\"";

	/* AP-28: c_token goes, integrity-protected is the P-CSCF's */
	cr_assert_eq(parse(sm7_seed), ITLS_OK);
	cr_assert_eq(itls_authparam_sm8(sm7_seed, strlen(sm7_seed), &ap, ITLS_AP_IP_TLS_YES,
		out, sizeof out - 1, &n), ITLS_OK);
	out[n] = '\0';
	cr_expect_str_eq(out, "Digest username=\"user1_private@home1.net\", "
		"realm=\"registrar.home1.net\", nonce=\"" NONCE_TS1 "\", "
		"algorithm=AKAv1-MD5, uri=\"sip:registrar.home1.net\", "
		"response=\"6629fae49393a05397450978507c4ef1\", integrity-protected=tls-yes");
	cr_assert_eq(parse(sm7_ip), ITLS_OK);
	cr_assert_eq(itls_authparam_sm8(sm7_ip, strlen(sm7_ip), &ap, ITLS_AP_IP_NONE,
		out, sizeof out - 1, &n), ITLS_OK);
	out[n] = '\0';
	cr_expect_str_eq(out, "Digest username=\"u\", response=\"r\"");
	cr_assert_eq(itls_authparam_sm8(sm7_ip, strlen(sm7_ip), &ap,
		ITLS_AP_IP_IP_ASSOC_PENDING, out, sizeof out - 1, &n), ITLS_OK);
	out[n] = '\0';
	cr_expect_str_eq(out, "Digest username=\"u\", response=\"r\", "
		"integrity-protected=ip-assoc-pending");
}

Test(authparam, ap29_hex, .description = "AP-29")
{
	uint8_t b[4] = { 1, 2, 3, 4 };

	/* AP-29 */
	cr_expect_eq(itls_authparam_hex_decode("00fFa5", 6, b, 3), ITLS_OK);
	cr_expect_eq(b[0], 0x00);
	cr_expect_eq(b[1], 0xff);
	cr_expect_eq(b[2], 0xa5);
	cr_expect_eq(b[3], 4);
	cr_expect_eq(itls_authparam_hex_decode("00ff", 4, b, 3), ITLS_ERR_BAD_HEX);
	cr_expect_eq(itls_authparam_hex_decode("0g", 2, b, 1), ITLS_ERR_BAD_HEX);
	cr_expect_eq(b[0], 0x00);
	cr_expect_eq(itls_authparam_hex_decode(NULL, 0, b, 0), ITLS_OK);
}

/* ---- base64 and the nonce ------------------------------------------------- */

Test(authparam, ap24_base64_rfc4648, .description = "AP-24")
{
	static const struct { const char *b64, *raw; } v[] = {
		{ "", "" }, { "Zg==", "f" }, { "Zm8=", "fo" }, { "Zm9v", "foo" },
		{ "Zm9vYg==", "foob" }, { "Zm9vYmE=", "fooba" }, { "Zm9vYmFy", "foobar" },
		{ "+/+/", "\xfb\xff\xbf" },
	};
	uint8_t buf[16];
	size_t i, n;

	/* AP-24: RFC 4648 section 10 test vectors */
	for (i = 0; i < sizeof v / sizeof v[0]; i++) {
		cr_assert_eq(itls_authparam_b64_decode(v[i].b64, strlen(v[i].b64), buf,
			sizeof buf, &n), ITLS_OK, "%s", v[i].b64);
		cr_expect_eq(n, strlen(v[i].raw));
		cr_expect_eq(memcmp(buf, v[i].raw, n), 0, "%s", v[i].b64);
	}
	cr_expect_eq(itls_authparam_b64_decode("Zm9vYmFy", 8, buf, 5, &n),
		ITLS_ERR_BUFFER_TOO_SMALL);
}

Test(authparam, ap24_base64_bad, .description = "AP-24")
{
	static const char *const bad[] = {
		"Zg=", "Zg", "Z", "Zm9vY", "Zg=A", "Z===", "====", "Zm9v Yg==", "Zm9v\nYg==",
		"Zm-v", "Zm_v", "Zh==", "Zm9=", "Zm8=Zm8=", "Zg==Zg==",
	};
	uint8_t buf[16];
	size_t i, n;

	/* AP-24: length, alphabet, padding place, canonical pad bits */
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cr_expect_eq(itls_authparam_b64_decode(bad[i], strlen(bad[i]), buf,
			sizeof buf, &n), ITLS_ERR_BAD_BASE64, "%s", bad[i]);
	}
}

Test(authparam, ap25_aka_nonce, .description = "AP-25")
{
	uint8_t buf[64];
	struct itls_authparam_nonce nv;

	/* AP-25: RAND || AUTN of TS 35.208 test set 1 */
	cr_assert_eq(itls_authparam_aka_nonce(NONCE_TS1, strlen(NONCE_TS1), buf,
		sizeof buf, &nv), ITLS_OK);
	cr_expect_eq(memcmp(nv.rand, rand_ts1, 16), 0);
	cr_expect_eq(memcmp(nv.autn, autn_ts1, 16), 0);
	cr_expect_eq(nv.server_len, 0);
	cr_assert_eq(itls_authparam_aka_nonce(NONCE_TS1_DATA, strlen(NONCE_TS1_DATA),
		buf, sizeof buf, &nv), ITLS_OK);
	cr_expect_eq(memcmp(nv.autn, autn_ts1, 16), 0);
	cr_expect_eq(nv.server_len, 6);
	cr_expect_eq(memcmp(buf + 32, "server", 6), 0);
	cr_expect_eq(itls_authparam_aka_nonce(NONCE_TS1_SHORT, strlen(NONCE_TS1_SHORT),
		buf, sizeof buf, &nv), ITLS_ERR_BAD_NONCE);
	cr_expect_eq(itls_authparam_aka_nonce("", 0, buf, sizeof buf, &nv),
		ITLS_ERR_BAD_NONCE);
	cr_expect_eq(itls_authparam_aka_nonce("I1U8vpY3qJ0h!uZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7M=",
		44, buf, sizeof buf, &nv), ITLS_ERR_BAD_BASE64);
	cr_expect_eq(itls_authparam_aka_nonce(NONCE_TS1_DATA, strlen(NONCE_TS1_DATA),
		buf, 37, &nv), ITLS_ERR_BUFFER_TOO_SMALL);
}
