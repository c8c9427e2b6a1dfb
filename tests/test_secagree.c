/*
 * test_secagree.c -- Criterion suite of ref/core/secagree.c (spec/secagree.md).
 *
 * Expected values are written by hand from RFC 3329 §2.2/§2.3, RFC 3261
 * §25.1, TS 33.203 Annex H and the decisions D-SA-1..17; the real-world
 * lines are the shapes deployed UEs and P-CSCFs send (IMS registration
 * traces), not output of this code. The command line (SA-29, SA-30) is
 * checked by tests/cli/secagree.sh.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itls/err.h"
#include "itls/secagree.h"

static struct itls_secagree_list L, L2;
static char canon[4096];

/* parse one line; return the error, and the canonical line in canon */
static enum itls_err
parse(const char *s)
{
	size_t n = 0;
	enum itls_err e = itls_secagree_parse(&L, s, strlen(s));

	canon[0] = '\0';
	if (e == ITLS_OK) {
		e = itls_secagree_serialize(&L, s, strlen(s), canon, sizeof canon - 1, &n);
		cr_assert_eq(e, ITLS_OK);
		canon[n] = '\0';
	}
	return e;
}

static void
ok(const char *in, const char *want)
{
	enum itls_err e = parse(in);

	cr_assert_eq(e, ITLS_OK, "%s: got %s", in, itls_err_name(e));
	cr_assert_str_eq(canon, want, "%s", in);
}

static void
bad(const char *in, enum itls_err want)
{
	enum itls_err e = parse(in);

	cr_assert_eq(e, want, "%s: want %s, got %s", in, itls_err_name(want),
		itls_err_name(e));
}

/* ---- real-world lines (SA-01 .. SA-22) ------------------------------------ */

Test(secagree, real_world_client_ipsec, .description = "SA-01 SA-22 SA-15 SA-18 SA-20")
{
	/* SA-15..SA-18, SA-20: a UE's Security-Client of SM1 (TS 33.203 Annex H) */
	const char *in = "Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;ealg=null;"
		"spi-c=1111;spi-s=2222;port-c=5062;port-s=5064;prot=esp;mod=trans";
	ok(in, in);
	cr_assert_eq(L.kind, ITLS_SECAGREE_CLIENT);
	cr_assert_eq(L.count, 1);
	cr_assert_eq(L.mechs[0].nparams, 8);
	cr_assert_eq(L.mechs[0].q, ITLS_SECAGREE_Q_NONE);
	cr_assert_eq(L.mechs[0].name.off, 17);
	cr_assert_eq(L.mechs[0].name.len, 10);
	cr_assert_eq(L.mechs[0].params[3].name.len, 5);          /* spi-s */
	cr_assert_eq(memcmp(in + L.mechs[0].params[3].value.off, "2222", 4), 0);
	cr_assert_eq(L.mechs[0].params[3].has_value, 1);
}

Test(secagree, real_world_server_with_spaces, .description = "SA-01 SA-22 SA-03")
{
	/* SA-03: SWS around ; and = as a P-CSCF sends it in the 401 (SM6) */
	ok("Security-Server: ipsec-3gpp; q=0.1; alg=hmac-sha-1-96;ealg=aes-cbc; "
		"spi-c=3929102; spi-s=3929103; port-c=32789; port-s=5064;prot=esp;mod=trans",
		"Security-Server: ipsec-3gpp;q=0.1;alg=hmac-sha-1-96;ealg=aes-cbc;"
		"spi-c=3929102;spi-s=3929103;port-c=32789;port-s=5064;prot=esp;mod=trans");
	cr_assert_eq(L.mechs[0].q, 100);
}

Test(secagree, real_world_verify, .description = "SA-01 SA-22")
{
	ok("Security-Verify: ipsec-3gpp; q=0.1; alg=hmac-sha-1-96; spi-c=3929102; "
		"spi-s=3929103; port-c=32789; port-s=5064",
		"Security-Verify: ipsec-3gpp;q=0.1;alg=hmac-sha-1-96;spi-c=3929102;"
		"spi-s=3929103;port-c=32789;port-s=5064");
	cr_assert_eq(L.kind, ITLS_SECAGREE_VERIFY);
}

Test(secagree, real_world_tls_digest_mediasec, .description = "SA-01 SA-22 SA-04 SA-06 SA-14 SA-20")
{
	/* SA-04, SA-06, SA-14: tls (seed 002), digest with d-ver, mediasec */
	ok("Security-Client: tls;q=0.2", "Security-Client: tls;q=0.2");
	cr_assert_eq(L.mechs[0].q, 200);
	ok("Security-Client: digest;d-alg=md5;d-ver=\"0123456789abcdef0123456789abcdef\"",
		"Security-Client: digest;d-alg=md5;d-ver=\"0123456789abcdef0123456789abcdef\"");
	ok("Security-Client: sdes-srtp;mediasec", "Security-Client: sdes-srtp;mediasec");
	cr_assert_eq(L.mechs[0].params[0].has_value, 0);
	cr_assert_eq(L.mechs[0].params[0].value.len, 0);
	ok("Security-Verify: msrp-tls;mediasec, sdes-srtp;mediasec",
		"Security-Verify: msrp-tls;mediasec, sdes-srtp;mediasec");
	/* the bare 494 offer of deployed P-CSCFs (SA-20) */
	ok("Security-Server: ipsec-3gpp;q=0.1", "Security-Server: ipsec-3gpp;q=0.1");
	/* seed 004 figure 4: UE offers both */
	ok("Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=5062;"
		"port-s=5064, tls",
		"Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=5062;"
		"port-s=5064, tls");
	cr_assert_eq(L.count, 2);
}

/* ---- header line (SA-01, SA-02, SA-31) ----------------------------------- */

Test(secagree, header_names, .description = "SA-01 SA-02 SA-31")
{
	/* SA-01: any case, SP/HTAB before the colon; canonical spelling */
	ok("SECURITY-client:tls", "Security-Client: tls");
	ok("security-server \t : tls", "Security-Server: tls");
	ok("Security-VERIFY:tls", "Security-Verify: tls");
	bad("Security-Clients: tls", ITLS_ERR_BAD_HEADER_NAME);
	bad("Security-Client tls", ITLS_ERR_BAD_HEADER_NAME);
	bad(" Security-Client: tls", ITLS_ERR_BAD_HEADER_NAME);
	bad("Security-Client", ITLS_ERR_BAD_HEADER_NAME);
	bad("", ITLS_ERR_BAD_HEADER_NAME);
	bad("Security-Agree: tls", ITLS_ERR_BAD_HEADER_NAME);
	bad("Security-Client\r\n : tls", ITLS_ERR_BAD_HEADER_NAME);
	bad("Via: tls", ITLS_ERR_BAD_HEADER_NAME);
}

Test(secagree, empty_and_commas, .description = "SA-01 SA-02 SA-31")
{
	/* SA-02 */
	bad("Security-Client:", ITLS_ERR_EMPTY);
	bad("Security-Client:   \t ", ITLS_ERR_EMPTY);
	bad("Security-Client: ,tls", ITLS_ERR_SYNTAX);
	bad("Security-Client: tls,", ITLS_ERR_SYNTAX);
	bad("Security-Client: tls,,digest", ITLS_ERR_SYNTAX);
	bad("Security-Client: tls , , digest", ITLS_ERR_SYNTAX);
	ok("Security-Client: tls , digest", "Security-Client: tls, digest");
}

Test(secagree, too_long, .description = "SA-01 SA-02 SA-31")
{
	/* SA-31: a buffer over 65535 bytes is refused before it is read */
	size_t n = ITLS_SECAGREE_MAX_LEN + 1;
	char *b = malloc(n);

	cr_assert_not_null(b);
	memset(b, 'a', n);
	memcpy(b, "Security-Client: ", 17);
	cr_assert_eq(itls_secagree_parse(&L, b, n), ITLS_ERR_TOO_LONG);
	/* exactly the maximum is fine (one long mechanism name) */
	cr_assert_eq(itls_secagree_parse(&L, b, n - 1), ITLS_OK);
	cr_assert_eq(L.mechs[0].name.len, n - 1 - 17);
	free(b);
}

/* ---- lexical rules (SA-03 .. SA-08) --------------------------------------- */

Test(secagree, white_space_and_folding, .description = "SA-03 SA-08")
{
	/* SA-03: SP, HTAB, folds around , ; = and at the end */
	ok("Security-Client:\ttls\t;\tq\t=\t0.2\t", "Security-Client: tls;q=0.2");
	ok("Security-Client: tls\r\n ;q=0.2,\r\n\tdigest", "Security-Client: tls;q=0.2, digest");
	ok("Security-Client:\r\n tls", "Security-Client: tls");
	ok("Security-Client: tls \r\n \r\n , digest", "Security-Client: tls, digest");
	ok("Security-Client: tls  ", "Security-Client: tls");
	bad("Security-Client: tls\r\n", ITLS_ERR_SYNTAX);       /* no WSP after CRLF */
	bad("Security-Client: tls\n ;q=0.2", ITLS_ERR_SYNTAX);  /* bare LF */
	bad("Security-Client: tls\r ;q=0.2", ITLS_ERR_SYNTAX);  /* bare CR */
	bad("Security-Client: tls q=0.2", ITLS_ERR_SYNTAX);     /* no ; */
	bad("Security-Client: tl s", ITLS_ERR_SYNTAX);
}

Test(secagree, tokens, .description = "SA-03 SA-08 SA-05")
{
	/* SA-05: every token character; anything else is syntax */
	ok("Security-Client: aZ09-.!%*_+`'~;x-Y.z=aZ09-.!%*_+`'~",
		"Security-Client: az09-.!%*_+`'~;x-y.z=aZ09-.!%*_+`'~");
	bad("Security-Client: tl@s", ITLS_ERR_SYNTAX);
	bad("Security-Client: tls;a/b=1", ITLS_ERR_SYNTAX);
	bad("Security-Client: tls;a=b/c", ITLS_ERR_SYNTAX);
	bad("Security-Client: tls;a=b:c", ITLS_ERR_SYNTAX);
	bad("Security-Client: t\x01ls", ITLS_ERR_SYNTAX);
	bad("Security-Client: tl\xc3\xa9s", ITLS_ERR_SYNTAX);
	bad("Security-Client: tls;q=0.2;", ITLS_ERR_SYNTAX);
	bad("Security-Client: ;q=0.2", ITLS_ERR_SYNTAX);
	bad("Security-Client: tls;=1", ITLS_ERR_SYNTAX);
}

Test(secagree, parameters_with_and_without_values, .description = "SA-03 SA-08 SA-06")
{
	/* SA-06 */
	ok("Security-Client: x;a;b=1;c", "Security-Client: x;a;b=1;c");
	cr_assert_eq(L.mechs[0].nparams, 3);
	cr_assert_eq(L.mechs[0].params[0].has_value, 0);
	cr_assert_eq(L.mechs[0].params[1].has_value, 1);
	bad("Security-Client: x;a=", ITLS_ERR_SYNTAX);
	bad("Security-Client: x;a= ;b", ITLS_ERR_SYNTAX);
	bad("Security-Client: x;a=,y", ITLS_ERR_SYNTAX);
	bad("Security-Client: x;a==1", ITLS_ERR_SYNTAX);
	bad("Security-Client: x;a=1=2", ITLS_ERR_SYNTAX);
}

Test(secagree, brackets, .description = "SA-03 SA-08 SA-07")
{
	/* SA-07 */
	ok("Security-Client: x;h=[2001:db8::1]", "Security-Client: x;h=[2001:db8::1]");
	ok("Security-Client: x;h=[::ffff:192.0.2.1] ;y", "Security-Client: x;h=[::ffff:192.0.2.1];y");
	bad("Security-Client: x;h=[]", ITLS_ERR_SYNTAX);
	bad("Security-Client: x;h=[2001:db8::1", ITLS_ERR_SYNTAX);
	bad("Security-Client: x;h=[2001:zz8::1]", ITLS_ERR_SYNTAX);
	bad("Security-Client: x;h=[::1]x", ITLS_ERR_SYNTAX);
}

Test(secagree, quoted_strings, .description = "SA-03 SA-08")
{
	/* SA-08: , and ; inside quotes do not split; escapes; folds; UTF-8 */
	ok("Security-Client: x;p=\"a,b;c\"", "Security-Client: x;p=\"a,b;c\"");
	cr_assert_eq(L.count, 1);
	cr_assert_eq(L.mechs[0].nparams, 1);
	ok("Security-Client: x;p=\"a\\\"b\\\\\" ;q=1", "Security-Client: x;p=\"a\\\"b\\\\\";q=1");
	ok("Security-Client: x;p=\"\"", "Security-Client: x;p=\"\"");
	ok("Security-Client: x;p=\" a\tb \"", "Security-Client: x;p=\" a\tb \"");
	ok("Security-Client: x;p=\"a\r\n b\"", "Security-Client: x;p=\"a\r\n b\"");
	ok("Security-Client: x;p=\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x92\"",
		"Security-Client: x;p=\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\x92\"");
	ok("Security-Client: x;p=\"\\\x01\"", "Security-Client: x;p=\"\\\x01\"");
	bad("Security-Client: x;p=\"abc", ITLS_ERR_BAD_QUOTED_STRING);
	bad("Security-Client: x;p=\"abc\\\"", ITLS_ERR_BAD_QUOTED_STRING);
	bad("Security-Client: x;p=\"a\x01\"", ITLS_ERR_BAD_QUOTED_STRING);
	bad("Security-Client: x;p=\"a\r\nb\"", ITLS_ERR_BAD_QUOTED_STRING);
	bad("Security-Client: x;p=\"a\nb\"", ITLS_ERR_BAD_QUOTED_STRING);
	bad("Security-Client: x;p=\"a\\\r\"", ITLS_ERR_BAD_QUOTED_STRING);
	bad("Security-Client: x;p=\"a\\\xc3\xa9\"", ITLS_ERR_BAD_QUOTED_STRING);
	bad("Security-Client: x;p=\"\xc3\"", ITLS_ERR_BAD_QUOTED_STRING);
	bad("Security-Client: x;p=\"\x80\"", ITLS_ERR_BAD_QUOTED_STRING);
	bad("Security-Client: x;p=\"\xff\"", ITLS_ERR_BAD_QUOTED_STRING);
	bad("Security-Client: x;p=\"\xe2\x82\"", ITLS_ERR_BAD_QUOTED_STRING);
	bad("Security-Client: x;p=\"\x7f\"", ITLS_ERR_BAD_QUOTED_STRING);
	bad("Security-Client: x;p=\"a\"b", ITLS_ERR_SYNTAX);
	bad("Security-Client: x;p=a\"b\"", ITLS_ERR_SYNTAX);
}

Test(secagree, utf8_old_forms, .description = "SA-03 SA-08")
{
	/* SA-08, D-SA-16: RFC 3261's 5- and 6-byte forms are accepted */
	ok("Security-Client: x;p=\"\xf8\x80\x80\x80\x80\xfc\x80\x80\x80\x80\x80\"",
		"Security-Client: x;p=\"\xf8\x80\x80\x80\x80\xfc\x80\x80\x80\x80\x80\"");
	bad("Security-Client: x;p=\"\xfe\"", ITLS_ERR_BAD_QUOTED_STRING);
}

/* ---- several lines of one message (SA-09) ---------------------------------- */

Test(secagree, several_lines, .description = "SA-09")
{
	const char *buf = "Security-Client: tls;q=0.2Security-Client: ipsec-3gpp;"
		"alg=hmac-md5-96;spi-c=1;spi-s=2;port-c=3;port-s=4;q=0.1";
	size_t l1 = strlen("Security-Client: tls;q=0.2"), n = 0;

	itls_secagree_init(&L);
	cr_assert_eq(itls_secagree_append(&L, buf, l1, 0), ITLS_OK);
	cr_assert_eq(itls_secagree_append(&L, buf, strlen(buf), l1), ITLS_OK);
	cr_assert_eq(L.count, 2);
	cr_assert_eq(itls_secagree_serialize(&L, buf, strlen(buf), canon, sizeof canon, &n),
		ITLS_OK);
	canon[n] = '\0';
	cr_assert_str_eq(canon, "Security-Client: tls;q=0.2, ipsec-3gpp;alg=hmac-md5-96;"
		"spi-c=1;spi-s=2;port-c=3;port-s=4;q=0.1");
}

Test(secagree, several_lines_mixed_and_shared_rules, .description = "SA-09 SA-13")
{
	const char *a = "Security-Client: tls;q=0.5Security-Server: tls";
	const char *b = "Security-Client: tls;q=0.5Security-Client: digest;q=0.500";
	const char *c = "Security-Client: tlsSecurity-Client: digest;q=1Security-Client: x";

	itls_secagree_init(&L);
	cr_assert_eq(itls_secagree_append(&L, a, 26, 0), ITLS_OK);
	cr_assert_eq(itls_secagree_append(&L, a, strlen(a), 26), ITLS_ERR_MIXED_HEADERS);
	/* SA-13 across lines */
	itls_secagree_init(&L);
	cr_assert_eq(itls_secagree_append(&L, b, 26, 0), ITLS_OK);
	cr_assert_eq(itls_secagree_append(&L, b, strlen(b), 26), ITLS_ERR_DUPLICATE_Q);
	/* an empty later line is empty */
	itls_secagree_init(&L);
	cr_assert_eq(itls_secagree_append(&L, "Security-Client: tlsSecurity-Client: ",
		37, 0 + 20), ITLS_ERR_EMPTY);
	itls_secagree_init(&L);
	cr_assert_eq(itls_secagree_append(&L, c, 20, 0), ITLS_OK);
	cr_assert_eq(itls_secagree_append(&L, c, 47, 20), ITLS_OK);
	cr_assert_eq(itls_secagree_append(&L, c, strlen(c), 47), ITLS_OK);
	cr_assert_eq(L.count, 3);
	/* value-only entry points */
	cr_assert_eq(itls_secagree_parse_value(&L, ITLS_SECAGREE_SERVER, " tls;q=0.3", 10),
		ITLS_OK);
	cr_assert_eq(L.kind, ITLS_SECAGREE_SERVER);
	cr_assert_eq(L.mechs[0].q, 300);
	cr_assert_eq(itls_secagree_append_value(&L, ITLS_SECAGREE_SERVER, " tls;q=0.3digest",
		16, 10), ITLS_OK);
	cr_assert_eq(L.count, 2);
	cr_assert_eq(itls_secagree_append_value(&L, ITLS_SECAGREE_CLIENT, " tls;q=0.3digestx",
		17, 16), ITLS_ERR_MIXED_HEADERS);
	cr_assert_eq(itls_secagree_parse_value(&L, ITLS_SECAGREE_CLIENT, "", 0), ITLS_ERR_EMPTY);
}

Test(secagree, elements_judged_when_complete, .description = "SA-09 SA-05")
{
	/* D-SA-15: text left over in a parameter or mechanism is syntax, before
	 * any meaning of that element is looked at (SA-05) */
	bad("Security-Client: ipsec-3gpp;alg=hmac sha-1-96;spi-c=1;spi-s=2;port-c=3;port-s=4",
		ITLS_ERR_SYNTAX);
	bad("Security-Client: ipsec-3gpp;alg=null;spi-c=1;spi-s=2;port-c=3 port-s=4",
		ITLS_ERR_SYNTAX);
	bad("Security-Client: ipsec-3gpp;alg=null;spi-c=1;spi-s=2;port-c=50 62;port-s=4",
		ITLS_ERR_SYNTAX);
	bad("Security-Server: tls;q\x80=0.5", ITLS_ERR_SYNTAX);
	bad("Security-Server: tls;q=0.5 x", ITLS_ERR_SYNTAX);
	bad("Security-Server: ipsec-3gpp@", ITLS_ERR_SYNTAX);
	bad("Security-Client: ipsec-3gpp;alg=aes-\xa9" "cbc;spi-c=1;spi-s=2;port-c=3;port-s=4",
		ITLS_ERR_SYNTAX);
	/* a trailing separator after the 16th element is not a 17th element */
	bad("Security-Client: m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14,"
		" m15, m16,", ITLS_ERR_SYNTAX);
	bad("Security-Client: x;p1;p2;p3;p4;p5;p6;p7;p8;p9;p10;p11;p12;p13;p14;p15;p16;",
		ITLS_ERR_SYNTAX);
	/* the fast paths give the same outcome as the general one */
	bad("Security-Client: ipsec-3gpp;alg=hmac-sha-1-96x;spi-c=1;spi-s=2;port-c=3;port-s=4",
		ITLS_ERR_BAD_ALG);
	bad("Security-Client: ipsec-3gpp;alg=null;spi-c=12a;spi-s=2;port-c=3;port-s=4",
		ITLS_ERR_BAD_SPI);
	ok("Security-Client: ipsec-3gpp;ALG=NULL ;Spi-C=1;SPI-S=2 ;Port-C=3;PORT-S=4",
		"Security-Client: ipsec-3gpp;alg=NULL;spi-c=1;spi-s=2;port-c=3;port-s=4");
	ok("Security-Client: x;spi-x=1;port-y=2;spi;porta", "Security-Client: x;spi-x=1;port-y=2;spi;porta");
}

/* ---- checked parameters (SA-10 .. SA-20) ----------------------------------- */

Test(secagree, duplicate_parameters, .description = "SA-10 SA-20")
{
	/* SA-10: names case-insensitive, known and unknown, with or without value */
	bad("Security-Client: tls;q=0.1;Q=0.2", ITLS_ERR_DUPLICATE_PARAMETER);
	bad("Security-Client: x;mediasec;MEDIASEC", ITLS_ERR_DUPLICATE_PARAMETER);
	bad("Security-Client: x;foo=1;bar;Foo=2", ITLS_ERR_DUPLICATE_PARAMETER);
	bad("Security-Client: ipsec-3gpp;alg=null;spi-c=1;spi-s=2;port-c=3;port-s=4;spi-c=5",
		ITLS_ERR_DUPLICATE_PARAMETER);
	bad("Security-Client: x;d-ver=\"0123456789abcdef0123456789abcdef\";"
		"d-ver=\"0123456789abcdef0123456789abcdef\"", ITLS_ERR_DUPLICATE_PARAMETER);
	/* the same name on two mechanisms is fine */
	ok("Security-Client: x;foo, y;foo", "Security-Client: x;foo, y;foo");
}

Test(secagree, capacities, .description = "SA-10 SA-20 SA-11")
{
	/* SA-11: 16 mechanisms and 16 parameters fit, one more does not */
	char b[1024];
	int i;

	strcpy(b, "Security-Client: m0");
	for (i = 1; i < 16; i++) {
		sprintf(b + strlen(b), ", m%d", i);
	}
	ok(b, b);
	cr_assert_eq(L.count, 16);
	strcat(b, ", m16");
	bad(b, ITLS_ERR_TOO_MANY_MECHANISMS);

	strcpy(b, "Security-Client: x");
	for (i = 0; i < 16; i++) {
		sprintf(b + strlen(b), ";p%d=%d", i, i);
	}
	ok(b, b);
	cr_assert_eq(L.mechs[0].nparams, 16);
	strcat(b, ";p16");
	bad(b, ITLS_ERR_TOO_MANY_PARAMETERS);
}

Test(secagree, qvalues, .description = "SA-10 SA-20 SA-12")
{
	/* SA-12: the qvalue grammar, read in thousandths */
	static const struct { const char *v; int q; } good[] = {
		{ "0", 0 }, { "0.", 0 }, { "0.5", 500 }, { "0.05", 50 }, { "0.005", 5 },
		{ "0.123", 123 }, { "0.999", 999 }, { "1", 1000 }, { "1.", 1000 },
		{ "1.0", 1000 }, { "1.000", 1000 }, { "0.000", 0 },
	};
	static const char *const no[] = {
		"2", "1.1", "1.001", "0.1234", "-0.1", ".5", "00.5", "0.5.1", "0.5x",
		"01", "1.0000", "0x1", "a", "\"0.5\"", "[0.5]",
	};
	char b[128];
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		snprintf(b, sizeof b, "Security-Client: tls;q=%s", good[i].v);
		cr_assert_eq(parse(b), ITLS_OK, "%s", b);
		cr_assert_eq(L.mechs[0].q, good[i].q, "%s", b);
	}
	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		snprintf(b, sizeof b, "Security-Client: tls;q=%s", no[i]);
		bad(b, ITLS_ERR_BAD_QVALUE);
	}
	bad("Security-Client: tls;q", ITLS_ERR_BAD_QVALUE);
	bad("Security-Client: tls;Q", ITLS_ERR_BAD_QVALUE);
	/* q=.5 is not a token start problem: '.' is a token character */
	bad("Security-Client: tls;q=.5", ITLS_ERR_BAD_QVALUE);
}

Test(secagree, duplicate_q, .description = "SA-10 SA-20 SA-13")
{
	/* SA-13: equal as numbers; mechanisms without q are not compared */
	bad("Security-Client: tls;q=0.5, digest;q=0.50", ITLS_ERR_DUPLICATE_Q);
	bad("Security-Client: tls;q=1, digest;q=1.000", ITLS_ERR_DUPLICATE_Q);
	bad("Security-Client: a;q=0, b;q=0.1, c;q=0.", ITLS_ERR_DUPLICATE_Q);
	ok("Security-Client: tls, digest", "Security-Client: tls, digest");
	ok("Security-Client: tls;q=0.5, digest;q=0.51, x",
		"Security-Client: tls;q=0.5, digest;q=0.51, x");
}

Test(secagree, d_ver, .description = "SA-10 SA-20 SA-14")
{
	/* SA-14: quoted 32 hex digits, any case; on any mechanism */
	ok("Security-Client: x;d-ver=\"0123456789ABCDEF0123456789abcdef\"",
		"Security-Client: x;d-ver=\"0123456789ABCDEF0123456789abcdef\"");
	ok("Security-Client: digest;D-Ver = \"0123456789abcdef0123456789abcdef\" ",
		"Security-Client: digest;d-ver=\"0123456789abcdef0123456789abcdef\"");
	bad("Security-Client: digest;d-ver=0123456789abcdef0123456789abcdef", ITLS_ERR_BAD_D_VER);
	bad("Security-Client: digest;d-ver=\"0123456789abcdef0123456789abcde\"", ITLS_ERR_BAD_D_VER);
	bad("Security-Client: digest;d-ver=\"0123456789abcdef0123456789abcdef0\"", ITLS_ERR_BAD_D_VER);
	bad("Security-Client: digest;d-ver=\"0123456789abcdeg0123456789abcdef\"", ITLS_ERR_BAD_D_VER);
	bad("Security-Client: digest;d-ver=\"\\0123456789abcdef0123456789abcde\"", ITLS_ERR_BAD_D_VER);
	bad("Security-Client: digest;d-ver", ITLS_ERR_BAD_D_VER);
	/* D-SA-11: d-alg and d-qop are not checked */
	ok("Security-Client: digest;d-alg=\"md5\";d-qop=auth",
		"Security-Client: digest;d-alg=\"md5\";d-qop=auth");
}

#define IPSEC_C "Security-Client: ipsec-3gpp;spi-c=1;spi-s=2;port-c=3;port-s=4;"

Test(secagree, ipsec_alg_ealg, .description = "SA-10 SA-20 SA-15 SA-16 SA-19")
{
	/* SA-15, SA-16, SA-19: the value lists, any case, tokens only */
	static const char *const algs[] = { "hmac-md5-96", "hmac-sha-1-96", "aes-gmac",
		"null", "HMAC-SHA-1-96" };
	static const char *const ealgs[] = { "des-ede3-cbc", "aes-cbc", "null", "aes-gcm",
		"AES-CBC" };
	char b[256];
	size_t i;

	for (i = 0; i < 5; i++) {
		snprintf(b, sizeof b, IPSEC_C "alg=%s", algs[i]);
		cr_assert_eq(parse(b), ITLS_OK, "%s", b);
		snprintf(b, sizeof b, IPSEC_C "alg=null;ealg=%s", ealgs[i]);
		cr_assert_eq(parse(b), ITLS_OK, "%s", b);
	}
	bad(IPSEC_C "alg=hmac-sha-256", ITLS_ERR_BAD_ALG);
	bad(IPSEC_C "alg=\"hmac-sha-1-96\"", ITLS_ERR_BAD_ALG);
	bad(IPSEC_C "alg", ITLS_ERR_BAD_ALG);
	bad(IPSEC_C "alg=[::1]", ITLS_ERR_BAD_ALG);
	bad(IPSEC_C "alg=null;ealg=aes-ctr", ITLS_ERR_BAD_EALG);
	bad(IPSEC_C "alg=null;ealg=\"null\"", ITLS_ERR_BAD_EALG);
	bad(IPSEC_C "alg=null;ealg", ITLS_ERR_BAD_EALG);
	/* SA-19: the same names elsewhere are not checked */
	ok("Security-Client: tls;alg=foo;ealg=bar;prot=x;mod=y;spi-c=z;port-c=-1",
		"Security-Client: tls;alg=foo;ealg=bar;prot=x;mod=y;spi-c=z;port-c=-1");
	ok("Security-Client: IPSEC-3GPP;alg=null;spi-c=1;spi-s=2;port-c=3;port-s=4",
		"Security-Client: ipsec-3gpp;alg=null;spi-c=1;spi-s=2;port-c=3;port-s=4");
	bad("Security-Client: IPSEC-3GPP;alg=x;spi-c=1;spi-s=2;port-c=3;port-s=4",
		ITLS_ERR_BAD_ALG);
}

Test(secagree, ipsec_prot_mod, .description = "SA-10 SA-20 SA-17")
{
	/* SA-17 */
	cr_assert_eq(parse(IPSEC_C "alg=null;prot=esp;mod=trans"), ITLS_OK);
	cr_assert_eq(parse(IPSEC_C "alg=null;prot=AH;mod=TUN"), ITLS_OK);
	cr_assert_eq(parse(IPSEC_C "alg=null;prot=esp;mod=UDP-enc-tun"), ITLS_OK);
	cr_assert_eq(parse(IPSEC_C "alg=null;prot=esp;mod=udp-enc-tun"), ITLS_OK);
	bad(IPSEC_C "alg=null;prot=udp", ITLS_ERR_BAD_PROT);
	bad(IPSEC_C "alg=null;prot", ITLS_ERR_BAD_PROT);
	bad(IPSEC_C "alg=null;prot=\"esp\"", ITLS_ERR_BAD_PROT);
	bad(IPSEC_C "alg=null;mod=transport", ITLS_ERR_BAD_MOD);
	bad(IPSEC_C "alg=null;mod", ITLS_ERR_BAD_MOD);
	bad(IPSEC_C "alg=null;mod=\"trans\"", ITLS_ERR_BAD_MOD);
}

Test(secagree, ipsec_spi_port, .description = "SA-10 SA-20 SA-18")
{
	/* SA-18: 32-bit SPIs, 16-bit ports, decimal, bounded digit counts */
	ok("Security-Client: ipsec-3gpp;alg=null;spi-c=4294967295;spi-s=0;port-c=65535;port-s=0",
		"Security-Client: ipsec-3gpp;alg=null;spi-c=4294967295;spi-s=0;port-c=65535;port-s=0");
	ok("Security-Client: ipsec-3gpp;alg=null;spi-c=0000000001;spi-s=2;port-c=00001;port-s=4",
		"Security-Client: ipsec-3gpp;alg=null;spi-c=0000000001;spi-s=2;port-c=00001;port-s=4");
	bad("Security-Client: ipsec-3gpp;alg=null;spi-c=4294967296;spi-s=2;port-c=3;port-s=4",
		ITLS_ERR_BAD_SPI);
	bad("Security-Client: ipsec-3gpp;alg=null;spi-c=1;spi-s=00000000001;port-c=3;port-s=4",
		ITLS_ERR_BAD_SPI);
	bad("Security-Client: ipsec-3gpp;alg=null;spi-c=0x1;spi-s=2;port-c=3;port-s=4",
		ITLS_ERR_BAD_SPI);
	bad("Security-Client: ipsec-3gpp;alg=null;spi-c;spi-s=2;port-c=3;port-s=4",
		ITLS_ERR_BAD_SPI);
	bad("Security-Client: ipsec-3gpp;alg=null;spi-c=\"1\";spi-s=2;port-c=3;port-s=4",
		ITLS_ERR_BAD_SPI);
	bad("Security-Client: ipsec-3gpp;alg=null;spi-c=1;spi-s=2;port-c=65536;port-s=4",
		ITLS_ERR_BAD_PORT);
	bad("Security-Client: ipsec-3gpp;alg=null;spi-c=1;spi-s=2;port-c=3;port-s=000001",
		ITLS_ERR_BAD_PORT);
	bad("Security-Client: ipsec-3gpp;alg=null;spi-c=1;spi-s=2;port-c=-3;port-s=4",
		ITLS_ERR_BAD_PORT);
	bad("Security-Client: ipsec-3gpp;alg=null;spi-c=1;spi-s=2;port-c=3;port-s",
		ITLS_ERR_BAD_PORT);
	bad("Security-Client: ipsec-3gpp;alg=null;spi-c=1;spi-s=2;port-c=3;port-s=4.0",
		ITLS_ERR_BAD_PORT);
}

Test(secagree, ipsec_mandatory, .description = "SA-10 SA-20")
{
	/* SA-20: all five in a Security-Client; none or all five in -Server/-Verify */
	bad("Security-Client: ipsec-3gpp;q=0.1", ITLS_ERR_MISSING_PARAMETER);
	bad("Security-Client: ipsec-3gpp;alg=null;spi-c=1;spi-s=2;port-c=3",
		ITLS_ERR_MISSING_PARAMETER);
	bad("Security-Client: ipsec-3gpp;spi-c=1;spi-s=2;port-c=3;port-s=4;ealg=null",
		ITLS_ERR_MISSING_PARAMETER);
	ok("Security-Server: ipsec-3gpp", "Security-Server: ipsec-3gpp");
	ok("Security-Verify: ipsec-3gpp;q=0.1;prot=esp", "Security-Verify: ipsec-3gpp;q=0.1;prot=esp");
	bad("Security-Server: ipsec-3gpp;q=0.1;alg=hmac-md5-96", ITLS_ERR_MISSING_PARAMETER);
	bad("Security-Verify: ipsec-3gpp;spi-c=1;spi-s=2;port-c=3;port-s=4",
		ITLS_ERR_MISSING_PARAMETER);
	ok("Security-Server: ipsec-3gpp;alg=null;spi-c=1;spi-s=2;port-c=3;port-s=4",
		"Security-Server: ipsec-3gpp;alg=null;spi-c=1;spi-s=2;port-c=3;port-s=4");
	/* not ipsec-3gpp: nothing mandatory */
	ok("Security-Client: ipsec-ike", "Security-Client: ipsec-ike");
}

/* ---- canonical form (SA-21, SA-22) ------------------------------------------ */

Test(secagree, serialize_never_past_cap, .description = "SA-21 SA-22")
{
	const char *in = "Security-Client: TLS;Q=0.2, Digest;D-Alg=MD5";
	const char *want = "Security-Client: tls;q=0.2, digest;d-alg=MD5";
	size_t full = strlen(want), n, cap;
	char out[128];

	cr_assert_eq(itls_secagree_parse(&L, in, strlen(in)), ITLS_OK);
	for (cap = 0; cap <= full + 2; cap++) {
		memset(out, '#', sizeof out);
		n = 12345;
		enum itls_err e = itls_secagree_serialize(&L, in, strlen(in), out, cap, &n);
		if (cap < full) {
			/* buffer-too-small: nothing written, *outlen untouched */
			cr_assert_eq(e, ITLS_ERR_BUFFER_TOO_SMALL);
			cr_assert_eq(n, 12345);
			cr_assert_eq(out[0], '#');
		} else {
			cr_assert_eq(e, ITLS_OK);
			cr_assert_eq(n, full);
			cr_assert_eq(memcmp(out, want, full), 0);
			cr_assert_eq(out[full], '#');
		}
	}
	/* SA-22: one mechanism alone */
	cr_assert_eq(itls_secagree_serialize_mech(&L, in, strlen(in), 1, out, 16, &n), ITLS_OK);
	cr_assert_eq(n, 16);
	cr_assert_eq(memcmp(out, "digest;d-alg=MD5", 16), 0);
	memset(out, '#', sizeof out);
	cr_assert_eq(itls_secagree_serialize_mech(&L, in, strlen(in), 1, out, 15, &n),
		ITLS_ERR_BUFFER_TOO_SMALL);
	cr_assert_eq(out[0], '#');
}

/* ---- choice (SA-23, SA-24) -------------------------------------------------- */

static enum itls_err
choose(const char *c, const char *s, char *got)
{
	size_t idx = 99, n = 0;
	enum itls_err e;

	cr_assert_eq(itls_secagree_parse(&L, c, strlen(c)), ITLS_OK, "%s", c);
	cr_assert_eq(itls_secagree_parse(&L2, s, strlen(s)), ITLS_OK, "%s", s);
	e = itls_secagree_select(&L, c, strlen(c), &L2, s, strlen(s), &idx);
	got[0] = '\0';
	if (e == ITLS_OK) {
		cr_assert_lt(idx, L2.count);
		cr_assert_eq(itls_secagree_serialize_mech(&L2, s, strlen(s), idx, got, 255, &n),
			ITLS_OK);
		got[n] = '\0';
	} else {
		cr_assert_eq(idx, 99);
	}
	return e;
}

Test(secagree, select, .description = "SA-23 SA-24")
{
	char got[256];
	const char *ue = "Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;"
		"port-c=5062;port-s=5064, tls";

	/* seed 004 figure 4: the P-CSCF supports only tls */
	cr_assert_eq(choose(ue, "Security-Server: tls;q=0.5", got), ITLS_OK);
	cr_assert_str_eq(got, "tls;q=0.5");
	/* seed 004 figure 3: the P-CSCF prefers ipsec-3gpp */
	cr_assert_eq(choose(ue, "Security-Server: tls;q=0.2, ipsec-3gpp;q=0.9;alg=hmac-sha-1-96;"
		"spi-c=7;spi-s=8;port-c=9;port-s=10", got), ITLS_OK);
	cr_assert_str_eq(got, "ipsec-3gpp;q=0.9;alg=hmac-sha-1-96;spi-c=7;spi-s=8;port-c=9;port-s=10");
	/* names case-insensitive; the server's spelling is returned, lower-cased */
	cr_assert_eq(choose("Security-Client: TLS", "Security-Server: Tls;q=0.1", got), ITLS_OK);
	cr_assert_str_eq(got, "tls;q=0.1");
	/* no q ranks below any q; equal no-q: first in server order */
	cr_assert_eq(choose("Security-Client: a, b, c", "Security-Server: a, b;q=0, c", got),
		ITLS_OK);
	cr_assert_str_eq(got, "b;q=0");
	cr_assert_eq(choose("Security-Client: a, b, c", "Security-Server: c, b, a", got), ITLS_OK);
	cr_assert_str_eq(got, "c");
	/* only mechanisms the client names count */
	cr_assert_eq(choose("Security-Client: tls", "Security-Server: digest;q=1, tls;q=0.001",
		got), ITLS_OK);
	cr_assert_str_eq(got, "tls;q=0.001");
	/* no common name */
	cr_assert_eq(choose("Security-Client: tls", "Security-Server: ipsec-3gpp;q=0.1", got),
		ITLS_ERR_NO_COMMON_MECHANISM);
	cr_assert_eq(choose("Security-Client: tlsx", "Security-Server: tls", got),
		ITLS_ERR_NO_COMMON_MECHANISM);
	/* SA-24: header kinds */
	cr_assert_eq(choose("Security-Server: tls", "Security-Server: tls", got),
		ITLS_ERR_BAD_HEADER_NAME);
	cr_assert_eq(choose("Security-Client: tls", "Security-Verify: tls", got),
		ITLS_ERR_BAD_HEADER_NAME);
}

/* ---- verify, compare (SA-25, SA-26) ------------------------------------------ */

static enum itls_err
eq2(const char *a, const char *b, int mode)
{
	cr_assert_eq(itls_secagree_parse(&L, a, strlen(a)), ITLS_OK, "%s", a);
	cr_assert_eq(itls_secagree_parse(&L2, b, strlen(b)), ITLS_OK, "%s", b);
	if (mode == 0) {
		return itls_secagree_equal(&L, a, strlen(a), &L2, b, strlen(b));
	}
	if (mode == 1) {
		return itls_secagree_verify(&L, a, strlen(a), &L2, b, strlen(b));
	}
	return itls_secagree_compare(&L, a, strlen(a), &L2, b, strlen(b));
}

Test(secagree, verify, .description = "SA-25 SA-26 SA-24")
{
	const char *srv = "Security-Server: ipsec-3gpp; q=0.1; alg=hmac-sha-1-96;ealg=aes-cbc; "
		"spi-c=3929102; spi-s=3929103; port-c=32789; port-s=5064;prot=esp;mod=trans";

	cr_assert_eq(eq2(srv, "Security-Verify: ipsec-3gpp;q=0.1;alg=hmac-sha-1-96;ealg=aes-cbc;"
		"spi-c=3929102;spi-s=3929103;port-c=32789;port-s=5064;prot=esp;mod=trans", 1), ITLS_OK);
	/* names case-insensitive, white space free */
	cr_assert_eq(eq2("Security-Server: tls;q=0.2, digest",
		"security-verify: TLS ; Q=0.2 ,DIGEST", 1), ITLS_OK);
	/* values byte for byte (D-SA-7) */
	cr_assert_eq(eq2("Security-Server: tls;q=0.2", "Security-Verify: tls;q=0.20", 1),
		ITLS_ERR_MISMATCH);
	cr_assert_eq(eq2(srv, "Security-Verify: ipsec-3gpp;q=0.1;alg=HMAC-SHA-1-96;ealg=aes-cbc;"
		"spi-c=3929102;spi-s=3929103;port-c=32789;port-s=5064;prot=esp;mod=trans", 1),
		ITLS_ERR_MISMATCH);
	/* order, count, a parameter more, presence of a value */
	cr_assert_eq(eq2("Security-Server: tls, digest", "Security-Verify: digest, tls", 1),
		ITLS_ERR_MISMATCH);
	cr_assert_eq(eq2("Security-Server: tls, digest", "Security-Verify: tls", 1),
		ITLS_ERR_MISMATCH);
	cr_assert_eq(eq2("Security-Server: tls", "Security-Verify: tls;q=0.1", 1),
		ITLS_ERR_MISMATCH);
	cr_assert_eq(eq2("Security-Server: x;a", "Security-Verify: x;a=\"\"", 1),
		ITLS_ERR_MISMATCH);
	cr_assert_eq(eq2("Security-Server: x;a=1;b=2", "Security-Verify: x;b=2;a=1", 1),
		ITLS_ERR_MISMATCH);
	cr_assert_eq(eq2("Security-Server: x;a=1", "Security-Verify: x;b=1", 1),
		ITLS_ERR_MISMATCH);
	cr_assert_eq(eq2("Security-Server: tls", "Security-Verify: tlsx", 1),
		ITLS_ERR_MISMATCH);
	/* SA-24 */
	cr_assert_eq(eq2("Security-Server: tls", "Security-Server: tls", 1),
		ITLS_ERR_BAD_HEADER_NAME);
	cr_assert_eq(eq2("Security-Client: tls", "Security-Verify: tls", 1),
		ITLS_ERR_BAD_HEADER_NAME);
	/* equal ignores kinds */
	cr_assert_eq(eq2("Security-Client: tls", "Security-Verify: TLS", 0), ITLS_OK);
}

Test(secagree, compare_bid_down, .description = "SA-25 SA-26")
{
	const char *sm1 = "Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;"
		"port-c=5062;port-s=5064, tls;q=0.2";

	cr_assert_eq(eq2(sm1, sm1, 2), ITLS_OK);
	/* an attacker removed tls from SM1: the protected SM7 still lists it */
	cr_assert_eq(eq2("Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;"
		"port-c=5062;port-s=5064", sm1, 2), ITLS_ERR_MISMATCH);
	cr_assert_eq(eq2(sm1, "Security-Server: tls", 2), ITLS_ERR_BAD_HEADER_NAME);
}

/* ---- find, offers, transport (SA-27, SA-28) -------------------------------- */

Test(secagree, find_offers, .description = "SA-27 SA-28")
{
	const char *in = "Security-Client: ipsec-3gpp;alg=null;spi-c=1;spi-s=2;port-c=3;"
		"port-s=4, TLS, digest";

	cr_assert_eq(itls_secagree_parse(&L, in, strlen(in)), ITLS_OK);
	cr_assert_eq(itls_secagree_find(&L, in, strlen(in), "tls", 3), 1);
	cr_assert_eq(itls_secagree_find(&L, in, strlen(in), "DIGEST", 6), 2);
	cr_assert_eq(itls_secagree_find(&L, in, strlen(in), "ipsec-3gpp", 10), 0);
	cr_assert_eq(itls_secagree_find(&L, in, strlen(in), "tl", 2), 3);
	cr_assert_eq(itls_secagree_find(&L, in, strlen(in), "ipsec-ike", 9), 3);
	cr_assert_eq(itls_secagree_offers(&L, in, strlen(in), "tls", 3), 1);
	cr_assert_eq(itls_secagree_offers(&L, in, strlen(in), "ipsec-man", 9), 0);
}

Test(secagree, transport, .description = "SA-27 SA-28")
{
	const char *in = "Security-Server: TLS;q=0.2, ipsec-3gpp;q=0.1, tlsx";
	unsigned port = 7;

	cr_assert_eq(itls_secagree_parse(&L, in, strlen(in)), ITLS_OK);
	/* SA-27: tls => sips: on 5061 (seed 002) */
	cr_assert_eq(itls_secagree_transport(&L.mechs[0], in, strlen(in), &port), 1);
	cr_assert_eq(port, 5061);
	cr_assert_eq(itls_secagree_transport(&L.mechs[1], in, strlen(in), &port), 0);
	cr_assert_eq(port, 0);
	cr_assert_eq(itls_secagree_transport(&L.mechs[2], in, strlen(in), &port), 0);
}

Test(secagree, reason_words, .description = "SA-27 SA-28")
{
	/* every reason this module returns has its word (err.h) */
	cr_assert_str_eq(itls_err_name(ITLS_ERR_BAD_HEADER_NAME), "bad-header-name");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_MIXED_HEADERS), "mixed-headers");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_TOO_MANY_MECHANISMS), "too-many-mechanisms");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_TOO_MANY_PARAMETERS), "too-many-parameters");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_DUPLICATE_PARAMETER), "duplicate-parameter");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_BAD_QVALUE), "bad-qvalue");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_DUPLICATE_Q), "duplicate-q");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_BAD_D_VER), "bad-d-ver");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_BAD_ALG), "bad-alg");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_BAD_EALG), "bad-ealg");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_BAD_PROT), "bad-prot");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_BAD_MOD), "bad-mod");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_BAD_SPI), "bad-spi");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_BAD_PORT), "bad-port");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_MISSING_PARAMETER), "missing-parameter");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_NO_COMMON_MECHANISM), "no-common-mechanism");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_MISMATCH), "mismatch");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_EMPTY), "empty");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_SYNTAX), "syntax");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_BAD_QUOTED_STRING), "bad-quoted-string");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_TOO_LONG), "too-long");
	cr_assert_str_eq(itls_err_name(ITLS_ERR_BUFFER_TOO_SMALL), "buffer-too-small");
}

Test(secagree, error_leaves_list_well_formed, .description = "SA-27 SA-28 SA-09")
{
	/* SA-09: after an error the list is safe to read (count within capacity) */
	const char *in = "Security-Client: a, b, c;q=2";

	cr_assert_eq(itls_secagree_parse(&L, in, strlen(in)), ITLS_ERR_BAD_QVALUE);
	cr_assert_eq(L.count, 2);
}

/* ---- functional contracts of the serializer and q (issue 10) ----------------- */

/* serialize `in` into a buffer of '#' and check every byte: the canonical line
 * `want`, and nothing written after it */
static void
canon_bytes(const char *in, const char *want)
{
	char out[512];
	size_t n = 0, wl = strlen(want);

	memset(out, '#', sizeof out);
	cr_assert_eq(itls_secagree_parse(&L, in, strlen(in)), ITLS_OK, "%s", in);
	cr_assert_eq(itls_secagree_serialize(&L, in, strlen(in), out, sizeof out, &n),
		ITLS_OK, "%s", in);
	cr_assert_eq(n, wl, "%s: length %zu, want %zu", in, n, wl);
	cr_assert_eq(memcmp(out, want, wl), 0, "%s: got %.*s", in, (int)n, out);
	cr_assert_eq(out[wl], '#', "%s: a byte written past the line", in);
}

Test(secagree, serialize_canonical_runs, .description = "SA-21: a line already canonical is copied as it is, byte for byte")
{
	/* every mechanism tight: the canonical line is the input itself */
	static const char *const same[] = {
		"Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;ealg=null;spi-c=1111;spi-s=2222;port-c=5062;port-s=5064;prot=esp;mod=trans",
		"Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;ealg=aes-gcm;spi-c=1;spi-s=2;port-c=1;port-s=2;prot=esp;mod=UDP-enc-tun;q=0.5",
		"Security-Server: digest;d-alg=md5;d-qop=auth;d-ver=\"0123456789abcdef0123456789abcdef\";q=0.3, tls;q=0.2",
		"Security-Verify: tls;mediasec;x=[::1];y=\"A;B,C\", z",
		"Security-Client: tls",
		"Security-Client: abcdefghijklmnopqrstuvwxyz0123456789;p=ABCDEFGHIJKLMNOP",
	};
	size_t i;

	for (i = 0; i < sizeof same / sizeof same[0]; i++) {
		canon_bytes(same[i], same[i]);
	}
}

Test(secagree, serialize_view_by_view, .description = "SA-21: white space dropped, names lower-cased, values byte for byte")
{
	/* not tight: white space around ; = and , (SA-03), upper case in names */
	canon_bytes("Security-Client: ipsec-3gpp; alg=hmac-md5-96; spi-c=3929102; spi-s=3929103; port-c=32789; port-s=5064",
		"Security-Client: ipsec-3gpp;alg=hmac-md5-96;spi-c=3929102;spi-s=3929103;port-c=32789;port-s=5064");
	canon_bytes("security-SERVER :TLS;Q=0.2 ,  Digest ; D-Alg = MD5 ; Mediasec",
		"Security-Server: tls;q=0.2, digest;d-alg=MD5;mediasec");
	/* a tight mechanism after one that is not, and the other way round */
	canon_bytes("Security-Verify: tls ;q=0.1, foo;Bar=Baz;qux",
		"Security-Verify: tls;q=0.1, foo;bar=Baz;qux");
	canon_bytes("Security-Verify: foo;bar=Baz;qux, TLS;q=0.1",
		"Security-Verify: foo;bar=Baz;qux, tls;q=0.1");
	/* a quoted value keeps its case, its escapes and its fold */
	canon_bytes("Security-Client: x ;v=\"A\\\"b\r\n c\"",
		"Security-Client: x;v=\"A\\\"b\r\n c\"");
	/* a value long enough for several eight-byte steps, then a tail */
	canon_bytes("Security-Client: X;k=0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789",
		"Security-Client: x;k=0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789");
}

Test(secagree, serialize_header_names, .description = "SA-21: the header name spelled Security-Client / -Server / -Verify, then colon and space")
{
	canon_bytes("SECURITY-CLIENT: a", "Security-Client: a");
	canon_bytes("security-server\t: a", "Security-Server: a");
	canon_bytes("sEcUrItY-vErIfY:a", "Security-Verify: a");
}

Test(secagree, serialize_mech_bytes, .description = "SA-22: one mechanism alone, byte for byte, tight or not")
{
	const char *in = "Security-Server: ipsec-3gpp;q=0.1;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=3;port-s=4, "
		"TLS ; Q=0.9 ;X=\"Y\", digest";
	static const char *const want[] = {
		"ipsec-3gpp;q=0.1;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=3;port-s=4",
		"tls;q=0.9;x=\"Y\"",
		"digest",
	};
	char out[256];
	size_t i, n;

	cr_assert_eq(itls_secagree_parse(&L, in, strlen(in)), ITLS_OK);
	cr_assert_eq(L.count, 3);
	for (i = 0; i < 3; i++) {
		size_t wl = strlen(want[i]);
		memset(out, '#', sizeof out);
		n = 0;
		cr_assert_eq(itls_secagree_serialize_mech(&L, in, strlen(in), i, out, sizeof out, &n),
			ITLS_OK);
		cr_assert_eq(n, wl, "mechanism %zu", i);
		cr_assert_eq(memcmp(out, want[i], wl), 0, "mechanism %zu: %.*s", i, (int)n, out);
		cr_assert_eq(out[wl], '#');
		/* exactly the room it needs is enough; one byte less writes nothing */
		memset(out, '#', sizeof out);
		cr_assert_eq(itls_secagree_serialize_mech(&L, in, strlen(in), i, out, wl, &n), ITLS_OK);
		cr_assert_eq(memcmp(out, want[i], wl), 0);
		memset(out, '#', sizeof out);
		cr_assert_eq(itls_secagree_serialize_mech(&L, in, strlen(in), i, out, wl - 1, &n),
			ITLS_ERR_BUFFER_TOO_SMALL);
		cr_assert_eq(out[0], '#');
	}
}

Test(secagree, qvalue_is_the_number_written, .description = "SA-12: the q of a mechanism is the number its q digits write, in thousandths")
{
	/* every qvalue of three decimals or fewer, against the number computed here */
	char b[64];
	int d1, d2, d3, nd;

	for (nd = 0; nd <= 3; nd++) {
		for (d1 = 0; d1 <= (nd >= 1 ? 9 : 0); d1++) {
			for (d2 = 0; d2 <= (nd >= 2 ? 9 : 0); d2++) {
				for (d3 = 0; d3 <= (nd >= 3 ? 9 : 0); d3++) {
					int want = (nd >= 1 ? 100 * d1 : 0) + (nd >= 2 ? 10 * d2 : 0)
						+ (nd >= 3 ? d3 : 0);
					char dec[4] = { (char)('0' + d1), (char)('0' + d2), (char)('0' + d3), 0 };
					dec[nd] = '\0';
					snprintf(b, sizeof b, "Security-Client: tls;q=0.%s", dec);
					cr_assert_eq(parse(b), ITLS_OK, "%s", b);
					cr_assert_eq(L.mechs[0].q, want, "%s: q %d, want %d", b, L.mechs[0].q, want);
				}
			}
		}
	}
	/* 1, 1., 1.0, 1.00, 1.000: a thousand thousandths; no q: ITLS_SECAGREE_Q_NONE */
	cr_assert_eq(parse("Security-Client: tls;q=1.00"), ITLS_OK);
	cr_assert_eq(L.mechs[0].q, 1000);
	cr_assert_eq(parse("Security-Client: tls;x=0.5"), ITLS_OK);
	cr_assert_eq(L.mechs[0].q, ITLS_SECAGREE_Q_NONE);
}

Test(secagree, select_highest_q_of_the_text, .description = "SA-23 SA-12 SA-22: the choice is the common mechanism whose q text is the highest number")
{
	char got[256];

	/* 0.25 > 0.2 > 0.125 as numbers, whatever the digits' count or order */
	cr_assert_eq(choose("Security-Client: a, b, c", "Security-Server: a;q=0.2, b;q=0.25, c;q=0.125",
		got), ITLS_OK);
	cr_assert_str_eq(got, "b;q=0.25");
	/* 1 beats 0.999; a mechanism the client did not offer does not count */
	cr_assert_eq(choose("Security-Client: a, b", "Security-Server: a;q=0.999, b;q=1.",
		got), ITLS_OK);
	cr_assert_str_eq(got, "b;q=1.");
	cr_assert_eq(choose("Security-Client: a, b", "Security-Server: z;q=1, a;q=0.999, b;q=0.5",
		got), ITLS_OK);
	cr_assert_str_eq(got, "a;q=0.999");
	/* the canonical form of the choice is the server's text, names lower-cased */
	cr_assert_eq(choose("Security-Client: tls", "Security-Server: TLS ; Q=0.5 ;Foo=Bar, x;q=0.9",
		got), ITLS_OK);
	cr_assert_str_eq(got, "tls;q=0.5;foo=Bar");
}

/* ---- ranks: names and q only (SA-32) -------------------------------------- */

static struct itls_secagree_ranks R;

/* parse v as a value of header kind with both parsers: they must agree (SA-32) */
static enum itls_err
ranks(enum itls_secagree_kind kind, const char *v)
{
	enum itls_err ev = itls_secagree_parse_value(&L, kind, v, strlen(v));
	enum itls_err er = itls_secagree_parse_ranks(&R, kind, v, strlen(v));
	size_t i;

	cr_assert_eq(er, ev, "%s: ranks %s, value %s", v, itls_err_name(er), itls_err_name(ev));
	if (er == ITLS_OK) {
		cr_assert_eq(R.kind, kind);
		cr_assert_eq(R.count, L.count, "%s", v);
		for (i = 0; i < R.count; i++) {
			cr_assert_eq(R.mechs[i].name.off, L.mechs[i].name.off, "%s", v);
			cr_assert_eq(R.mechs[i].name.len, L.mechs[i].name.len, "%s", v);
			cr_assert_eq(R.mechs[i].q, L.mechs[i].q, "%s", v);
		}
	}
	return er;
}

/* the name and q of rank i, and the text of its q value ("" when none) */
static void
rank_is(const char *v, size_t i, const char *name, int q, const char *qtext)
{
	cr_assert_lt(i, R.count, "%s", v);
	cr_assert_eq(R.mechs[i].name.len, strlen(name), "%s", v);
	cr_assert(memcmp(v + R.mechs[i].name.off, name, strlen(name)) == 0, "%s", v);
	cr_assert_eq(R.mechs[i].q, q, "%s: q %d, want %d", v, R.mechs[i].q, q);
	if (q != ITLS_SECAGREE_Q_NONE) {
		cr_assert_eq(R.mechs[i].qval.len, strlen(qtext), "%s", v);
		cr_assert(memcmp(v + R.mechs[i].qval.off, qtext, strlen(qtext)) == 0, "%s", v);
	}
}

Test(secagree, parse_ranks_valid, .description = "SA-32 SA-12 SA-23 SA-03 SA-09: names and q of a value, as parse_value reads them, q from its text")
{
	const char *a = "tls;q=0.9, ipsec-3gpp;q=0.1";
	const char *b = "ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=5062;port-s=5064;Q=0.25 ,\r\n TLS";
	const char *c = " digest;d-alg=md5;q=1.000;d-qop=auth, tls;mediasec";

	cr_assert_eq(ranks(ITLS_SECAGREE_SERVER, a), ITLS_OK);
	cr_assert_eq(R.count, 2);
	rank_is(a, 0, "tls", 900, "0.9");
	rank_is(a, 1, "ipsec-3gpp", 100, "0.1");
	cr_assert_eq(ranks(ITLS_SECAGREE_CLIENT, b), ITLS_OK);
	cr_assert_eq(R.count, 2);
	rank_is(b, 0, "ipsec-3gpp", 250, "0.25");
	rank_is(b, 1, "TLS", ITLS_SECAGREE_Q_NONE, "");
	cr_assert_eq(ranks(ITLS_SECAGREE_VERIFY, c), ITLS_OK);
	rank_is(c, 0, "digest", 1000, "1.000");
	rank_is(c, 1, "tls", ITLS_SECAGREE_Q_NONE, "");
	/* a parameter whose name starts with q is not q */
	cr_assert_eq(ranks(ITLS_SECAGREE_SERVER, "tls;qop=x;q2=0.5"), ITLS_OK);
	cr_assert_eq(R.mechs[0].q, ITLS_SECAGREE_Q_NONE);
	/* 16 mechanisms is the most (SA-11) */
	cr_assert_eq(ranks(ITLS_SECAGREE_SERVER,
		"a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p"), ITLS_OK);
	cr_assert_eq(R.count, 16);
}

Test(secagree, parse_ranks_invalid, .description = "SA-32 SA-02 SA-05 SA-08 SA-10 SA-11 SA-12 SA-13 SA-14 SA-15 SA-18 SA-20 SA-31: the same first error as parse_value")
{
	static char big[ITLS_SECAGREE_MAX_LEN + 2];
	static const struct { enum itls_secagree_kind kind; const char *v; const char *word; } bad_values[] = {
		{ ITLS_SECAGREE_SERVER, "", "empty" },
		{ ITLS_SECAGREE_SERVER, " \t", "empty" },
		{ ITLS_SECAGREE_SERVER, "tls,", "syntax" },
		{ ITLS_SECAGREE_SERVER, "tls;", "syntax" },
		{ ITLS_SECAGREE_SERVER, "tls x", "syntax" },
		{ ITLS_SECAGREE_SERVER, "tls;a=\"x", "bad-quoted-string" },
		{ ITLS_SECAGREE_SERVER, "tls;q=0.5;Q=0.4", "duplicate-parameter" },
		{ ITLS_SECAGREE_SERVER, "tls;a=1;A=2", "duplicate-parameter" },
		{ ITLS_SECAGREE_SERVER, "tls;q=0.5, ipsec-3gpp;q=0.50", "duplicate-q" },
		{ ITLS_SECAGREE_SERVER, "tls;q=1.5", "bad-qvalue" },
		{ ITLS_SECAGREE_SERVER, "tls;q", "bad-qvalue" },
		{ ITLS_SECAGREE_SERVER, "tls;q=\"0.5\"", "bad-qvalue" },
		{ ITLS_SECAGREE_SERVER, "tls;d-ver=abc", "bad-d-ver" },
		{ ITLS_SECAGREE_SERVER, "ipsec-3gpp;alg=x;spi-c=1;spi-s=2;port-c=1;port-s=2", "bad-alg" },
		{ ITLS_SECAGREE_SERVER, "ipsec-3gpp;alg=null;spi-c=4294967296;spi-s=2;port-c=1;port-s=2", "bad-spi" },
		{ ITLS_SECAGREE_SERVER, "ipsec-3gpp;alg=null", "missing-parameter" },
		{ ITLS_SECAGREE_CLIENT, "ipsec-3gpp;q=0.1", "missing-parameter" },
		{ ITLS_SECAGREE_SERVER, "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q", "too-many-mechanisms" },
		{ ITLS_SECAGREE_SERVER, "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,", "syntax" },
		{ ITLS_SECAGREE_SERVER, "t;a;b;c;d;e;f;g;h;i;j;k;l;m;n;o;p;r", "too-many-parameters" },
	};
	size_t i;

	for (i = 0; i < sizeof bad_values / sizeof bad_values[0]; i++) {
		enum itls_err e = ranks(bad_values[i].kind, bad_values[i].v);
		cr_assert_str_eq(itls_err_name(e), bad_values[i].word, "%s", bad_values[i].v);
	}
	/* SA-32: a bare ipsec-3gpp is a valid Security-Server offer, not a Security-Client one */
	cr_assert_eq(ranks(ITLS_SECAGREE_SERVER, "ipsec-3gpp;q=0.1"), ITLS_OK);
	/* SA-31: one byte over the limit */
	memset(big, 'a', sizeof big);
	cr_assert_eq(itls_secagree_parse_ranks(&R, ITLS_SECAGREE_SERVER, big,
		ITLS_SECAGREE_MAX_LEN + 1), ITLS_ERR_TOO_LONG);
	cr_assert_eq(itls_secagree_parse_value(&L, ITLS_SECAGREE_SERVER, big,
		ITLS_SECAGREE_MAX_LEN + 1), ITLS_ERR_TOO_LONG);
	cr_assert_eq(R.count, 0);
}
