/*
 * test_flow.c -- end-to-end scenarios (ref/sim/) over real BearSSL TLS, and
 * the pieces they stand on: the TLS glue (ref/tls/), the SIP text parser
 * and the AuC (ref/sim/).
 *
 * Each scenario is one test: it must end as spec/ue.md and spec/pcscf.md
 * say (the scenario's own checks, r.pass), and some facts are re-checked
 * here from the recorded ladder.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "itls/pcscf.h"
#include "itls/ue.h"
#include "sim/auc.h"
#include "sim/fixtures.h"
#include "sim/sim.h"
#include "sim/sip.h"
#include "tls/tls.h"

/* the ladder has a message whose label starts with sm and a line containing s */
static int
has_line(const struct sim_run *r, const char *sm, const char *s)
{
	size_t i, j;

	for (i = 0; i < r->n; i++) {
		if (r->e[i].kind != SIM_E_MSG || strncmp(r->e[i].label, sm, strlen(sm)) != 0
			|| r->e[i].label[strlen(sm)] != ' ') {
			continue;
		}
		for (j = 0; j < r->e[i].nlines; j++) {
			if (strstr(r->e[i].line[j], s) != NULL) {
				return 1;
			}
		}
	}
	return 0;
}

static const struct sim_entry *
msg(const struct sim_run *r, const char *sm)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		if (r->e[i].kind == SIM_E_MSG && strncmp(r->e[i].label, sm, strlen(sm)) == 0
			&& r->e[i].label[strlen(sm)] == ' ') {
			return &r->e[i];
		}
	}
	return NULL;
}

static void
run(int scn, struct sim_run *r)
{
	cr_assert_eq(sim_run(scn, r), 0, "%s: %s", sim_scenarios[scn].name, r->verdict);
	cr_assert(r->pass, "%s: %s", sim_scenarios[scn].name, r->verdict);
}

Test(flow, itls, .description = "UE-02 UE-04 PC-08")
{
	struct sim_run r;

	run(SIM_ITLS, &r);
	/* UE-02, UE-04 */
	cr_assert_str_eq(msg(&r, "SM1")->via, "TLS");
	cr_assert(has_line(&r, "SM1", "Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=11111;spi-s=22222;port-c=5062;port-s=5064, tls"));
	/* PC-08 */
	cr_assert(has_line(&r, "SM6", "Security-Server: tls;q=0.2, ipsec-3gpp;q=0.1;alg=hmac-sha-1-96"));
	cr_assert(has_line(&r, "SM6", "s_token=\"446c19571e4c458800065e7a\""));
	cr_assert(has_line(&r, "SM7", "c_token=\"413c4006bfb7f2ba6e063472\""));
	cr_assert(!has_line(&r, "SM6", "ck="));
	cr_assert(has_line(&r, "SM5", "ck=\"b40ba9a3c58b2a05bbf0d987b21bf8cb\""));
	cr_assert(has_line(&r, "SM2", "integrity-protected=tls-pending"));
	cr_assert(has_line(&r, "SM8", "integrity-protected=tls-yes"));
	cr_assert(!has_line(&r, "SM8", "c_token"));
	cr_assert(has_line(&r, "SM7", "Security-Verify: tls;q=0.2, ipsec-3gpp;q=0.1"));
	cr_assert(r.ns_tls > 0 && r.ns_total > r.ns_tls);
	sim_free(&r);
}

Test(flow, secagree_first, .description = "UE-03 UE-14 PC-03")
{
	struct sim_run r;

	run(SIM_SECAGREE_FIRST, &r);
	cr_assert_str_eq(msg(&r, "SM1")->via, "TCP");
	cr_assert_str_eq(msg(&r, "SM6")->via, "TCP");
	cr_assert_str_eq(msg(&r, "SM7")->via, "TLS");
	cr_assert(has_line(&r, "SM2", "integrity-protected=no"));
	cr_assert(has_line(&r, "SM6", "Security-Server: tls;q=0.2"));
	sim_free(&r);
}

Test(flow, prefer_ipsec, .description = "UE-13 PC-12 PC-14")
{
	struct sim_run r;

	run(SIM_PREFER_IPSEC, &r);
	cr_assert_str_eq(msg(&r, "SM7")->via, "IPsec");
	cr_assert(has_line(&r, "SM7", "c_token="));
	cr_assert(has_line(&r, "SM8", "integrity-protected=yes"));
	sim_free(&r);
}

Test(flow, fallback_ipsec, .description = "UE-15 PC-07")
{
	struct sim_run r;

	run(SIM_FALLBACK_IPSEC, &r);
	cr_assert_str_eq(msg(&r, "SM1")->via, "TCP");
	cr_assert(!has_line(&r, "SM6", "s_token"));
	sim_free(&r);
}

Test(flow, psk, .description = "UE-17 PC-16")
{
	struct sim_run r;

	run(SIM_PSK, &r);
	cr_assert_str_eq(msg(&r, "SM7")->via, "PSK-TLS");
	cr_assert(!has_line(&r, "SM6", "s_token"));
	cr_assert(!has_line(&r, "SM7", "c_token"));
	sim_free(&r);
}

Test(flow, mitm, .description = "UE-09")
{
	struct sim_run r;

	run(SIM_MITM, &r);
	cr_assert_null(msg(&r, "SM7"));
	sim_free(&r);
}

Test(flow, bad_ctoken, .description = "PC-13")
{
	struct sim_run r;

	run(SIM_BAD_CTOKEN, &r);
	cr_assert_null(msg(&r, "SM8"));
	sim_free(&r);
}

Test(flow, bid_down, .description = "PC-10 PC-11 UE-16")
{
	struct sim_run r;

	run(SIM_BID_DOWN, &r);
	cr_assert(strstr(r.verdict, "(Security-Verify)") != NULL);
	cr_assert(strstr(r.verdict, "(Security-Client)") != NULL);
	cr_assert(strstr(r.verdict, "refusal not detectable") != NULL);
	cr_assert(has_line(&r, "SM6'", "Security-Server: ipsec-3gpp"));
	sim_free(&r);
}

Test(flow, no_tls_ue, .description = "PC-07 UE-24")
{
	struct sim_run r;

	run(SIM_NO_TLS_UE, &r);
	cr_assert(has_line(&r, "SM1", "Security-Client: ipsec-3gpp"));
	cr_assert(!has_line(&r, "SM1", "tls"));
	cr_assert(!has_line(&r, "SM6", "s_token"));
	sim_free(&r);
}

Test(flow, resume, .description = "UE-18 UE-19 PC-17")
{
	struct sim_run r;
	size_t i;
	int abbreviated = 0;

	run(SIM_RESUME, &r);
	for (i = 0; i < r.n; i++) {
		if (r.e[i].kind == SIM_E_TLS
			&& strcmp(r.e[i].label, "ServerHello, ChangeCipherSpec, Finished") == 0) {
			abbreviated = 1;
		}
	}
	cr_assert(abbreviated, "no abbreviated handshake in the ladder");
	sim_free(&r);
}

/* every row of both tables fires in some scenario or unit test; here the
 * scenarios' share is printed, and the main rows are required */
Test(flow, scenarios_cover_the_main_rows)
{
	unsigned char ue[128] = { 0 }, pc[128] = { 0 };
	struct sim_run r;
	size_t i, nue = 0, npc = 0;
	int s;

	for (s = 0; s < SIM_SCN_COUNT; s++) {
		run(s, &r);
		for (i = 0; i < sizeof ue; i++) {
			ue[i] |= r.ue_rows[i];
			pc[i] |= r.pc_rows[i];
		}
		sim_free(&r);
	}
	for (i = 0; i < itls_ue_table_len; i++) {
		nue += ue[i];
	}
	for (i = 0; i < itls_pc_table_len; i++) {
		npc += pc[i];
	}
	printf("scenarios fire %zu of %zu UE rows, %zu of %zu P-CSCF rows\n",
		nue, itls_ue_table_len, npc, itls_pc_table_len);
	cr_assert_geq(nue * 3, itls_ue_table_len);
	cr_assert_geq(npc * 3, itls_pc_table_len);
}

Test(flow, outputs)
{
	struct sim_run r;
	struct sim_text t;
	FILE *f;
	char buf[64];

	run(SIM_ITLS, &r);
	sim_text_init(&t);
	sim_ladder_text(&r, &t);
	cr_assert(strstr(t.p, "result: PASS") != NULL);
	sim_text_free(&t);
	sim_ladder_dot(&r, &t);
	cr_assert(strncmp(t.p, "digraph", 7) == 0);
	sim_text_free(&t);
	f = tmpfile();
	cr_assert_not_null(f);
	cr_assert_eq(sim_pcap_write(f, &r, 1), 0);
	rewind(f);
	cr_assert_eq(fread(buf, 1, 4, f), 4);
	cr_assert_eq((unsigned char)buf[0], 0xd4);   /* pcap magic, little endian */
	fclose(f);
	cr_assert_eq(sim_table_md("ue", &t), 0);
	cr_assert(strstr(t.p, "| 0 | idle | start | tls-first | tls-connecting | tls-connect |") != NULL);
	sim_text_free(&t);
	cr_assert_eq(sim_table_dot("pcscf", &t), 0);
	sim_text_free(&t);
	cr_assert_eq(sim_table_md("nope", &t), -1);
	cr_assert_eq(sim_find("bid-down"), SIM_BID_DOWN);
	cr_assert_eq(sim_find("nope"), -1);
	sim_free(&r);
}

/* ---- the TLS glue -------------------------------------------------------------------- */

static struct itls_tls_client cli;
static struct itls_tls_server srv;
static struct itls_tls_link lnk;

/* UE-05: the certificate as received, no CA; PC-01: no CertificateRequest */
Test(tls, captures_the_end_entity_certificate_as_received, .description = "UE-05 PC-01 UE-18")
{
	struct itls_tls_result res;
	const uint8_t *c;
	size_t n;
	uint8_t out[64];

	cr_assert_eq(itls_tls_server_init(&srv, sim_pcscf_cert, sim_pcscf_cert_len,
		sim_pcscf_key, sim_pcscf_key_len), 0);
	itls_tls_client_init(&cli);
	cr_assert_eq(itls_tls_server_reset(&srv), 0);
	cr_assert_eq(itls_tls_client_start(&cli, "pcscf.ims.com", 0), 0);
	itls_tls_link_init(&lnk, &cli, &srv);
	itls_tls_handshake(&lnk, &res);
	cr_assert(res.ok, "client %d server %d", res.client_err, res.server_err);
	cr_assert_eq(res.resumed, 0);
	cr_assert_eq(res.version, BR_TLS12);
	c = itls_tls_peer_cert(&cli, &n);
	cr_assert_eq(n, sim_pcscf_cert_len);
	cr_assert_eq(memcmp(c, sim_pcscf_cert, n), 0);
	/* PC-01: no CertificateRequest in the server's flight */
	cr_assert(strstr(lnk.ev[1].text, "CertificateRequest") == NULL);
	cr_assert_eq(itls_tls_transfer(&lnk, 1, (const uint8_t *)"REGISTER", 8, out,
		sizeof out), 8);
	cr_assert_eq(memcmp(out, "REGISTER", 8), 0);
	cr_assert_eq(itls_tls_transfer(&lnk, 0, (const uint8_t *)"SIP/2.0 200", 11, out,
		sizeof out), 11);
	cr_assert_eq(itls_tls_transfer(&lnk, 0, (const uint8_t *)"x", 1, out, 0), -1);
	itls_tls_close(&lnk);
	/* UE-18: the client resumes */
	cr_assert_eq(itls_tls_server_reset(&srv), 0);
	cr_assert_eq(itls_tls_client_start(&cli, "pcscf.ims.com", 1), 0);
	itls_tls_link_init(&lnk, &cli, &srv);
	itls_tls_handshake(&lnk, &res);
	cr_assert(res.ok);
	cr_assert_eq(res.resumed, 1);
	itls_tls_close(&lnk);
	/* forgotten session: full handshake again */
	itls_tls_client_forget(&cli);
	cr_assert_eq(itls_tls_server_reset(&srv), 0);
	cr_assert_eq(itls_tls_client_start(&cli, "pcscf.ims.com", 1), 0);
	itls_tls_link_init(&lnk, &cli, &srv);
	itls_tls_handshake(&lnk, &res);
	cr_assert(res.ok);
	cr_assert_eq(res.resumed, 0);
}

Test(tls, refusal_is_a_plain_fatal_alert)
{
	itls_tls_client_init(&cli);
	cr_assert_eq(itls_tls_client_start(&cli, "pcscf.ims.com", 0), 0);
	cr_assert_eq(itls_tls_inject_alert(&cli), BR_ERR_RECV_FATAL_ALERT + 40);
}

Test(tls, bad_keys_are_refused)
{
	cr_assert_eq(itls_tls_server_init(&srv, sim_pcscf_cert, sim_pcscf_cert_len,
		(const uint8_t *)"-----BEGIN nonsense", 19), -1);
	cr_assert_eq(itls_tls_server_init(&srv, sim_pcscf_cert, 0, sim_pcscf_key,
		sim_pcscf_key_len), -1);
	cr_assert_str_eq(itls_tls_suite_name(0), "TLS 1.2 suite");
}

/* ---- SIP text and the AuC -------------------------------------------------------------- */

Test(sip, build_and_parse_back)
{
	struct sip_msg m;
	struct sip_parsed p;
	const struct sip_header *h;
	static const char folded[] = "SIP/2.0 401 Unauthorized\r\n"
		"Security-Server: tls;q=0.2,\r\n ipsec-3gpp;q=0.1\r\n"
		"v: x\r\nContent-Length: 0\r\n\r\n";

	sip_request(&m, "REGISTER", "sip:operator1.ims.com");
	sip_header(&m, "Security-Client", "%s", "tls");
	sip_header(&m, "Security-Client", "%s", "ipsec-3gpp;alg=hmac-sha-1-96");
	sip_end(&m);
	cr_assert_eq(sip_parse(m.buf, m.len, &p), 0);
	cr_assert(p.is_request);
	cr_assert_eq(p.method.len, 8);
	cr_assert_eq(p.nh, 3);
	h = sip_get(&p, "security-client", 1);
	cr_assert_not_null(h);
	cr_assert_eq(h->value.len, strlen("ipsec-3gpp;alg=hmac-sha-1-96"));
	cr_assert_null(sip_get(&p, "Security-Client", 2));
	cr_assert_eq(sip_parse(folded, strlen(folded), &p), 0);
	cr_assert_eq(p.status, 401);
	h = sip_get(&p, "Security-Server", 0);
	cr_assert(h->value.len > strlen("tls;q=0.2,"));
	cr_assert_eq(sip_parse("hello\r\n\r\n", 9, &p), -1);
	cr_assert_eq(sip_parse("SIP/2.0 2000 OK\r\n\r\n", 19, &p), -1);
	cr_assert_eq(sip_parse("REGISTER sip:x SIP/2.0\r\nno-colon\r\n\r\n", 36, &p), -1);
	cr_assert_eq(sip_parse("REGISTER sip:x SIP/2.0\r\nA: b\r\n", 30, &p), -1);
}

Test(auc, milenage_test_set_1)
{
	/* TS 35.208 test set 1 */
	static const uint8_t k[16] = { 0x46, 0x5b, 0x5c, 0xe8, 0xb1, 0x99, 0xb4, 0x9f,
		0xaa, 0x5f, 0x0a, 0x2e, 0xe2, 0x38, 0xa6, 0xbc };
	static const uint8_t opc[16] = { 0xcd, 0x63, 0xcb, 0x71, 0x95, 0x4a, 0x9f, 0x4e,
		0x48, 0xa5, 0x99, 0x4e, 0x37, 0xa0, 0x2b, 0xaf };
	static const uint8_t rnd[16] = { 0x23, 0x55, 0x3c, 0xbe, 0x96, 0x37, 0xa8, 0x9d,
		0x21, 0x8a, 0xe6, 0x4d, 0xae, 0x47, 0xbf, 0x35 };
	static const uint8_t sqn[6] = { 0xff, 0x9b, 0xb4, 0xd0, 0xb6, 0x07 };
	static const uint8_t amf[2] = { 0xb9, 0xb9 };
	static const uint8_t res1[8] = { 0xa5, 0x42, 0x11, 0xd5, 0xe3, 0xba, 0x50, 0xbf };
	static const uint8_t autn1[16] = { 0x55, 0xf3, 0x28, 0xb4, 0x35, 0x77, 0xb9, 0xb9,
		0x4a, 0x9f, 0xfa, 0xc3, 0x54, 0xdf, 0xaf, 0xb3 };
	struct sim_av av;
	uint8_t res[8], ck[16], ik[16], s2[6];
	char resp[33];

	sim_auc_vector(k, opc, rnd, sqn, amf, &av);
	cr_assert_eq(memcmp(av.xres, res1, 8), 0);
	cr_assert_eq(memcmp(av.autn, autn1, 16), 0);
	cr_assert_eq(sim_usim_check(k, opc, rnd, av.autn, res, ck, ik, s2), 0);
	cr_assert_eq(memcmp(s2, sqn, 6), 0);
	cr_assert_eq(memcmp(res, res1, 8), 0);
	av.autn[15] ^= 1;
	cr_assert_eq(sim_usim_check(k, opc, rnd, av.autn, res, ck, ik, s2), -1);
	/* vectors/aka.txt: AKAv1-MD5 without qop, set 1 */
	sim_digest_akav1(res1, 8, "user1_private@home1.net", "registrar.home1.net",
		"I1U8vpY3qJ0hiuZNrke/NVXzKLQ1d7m5Sp/6w1Tfr7M=", "REGISTER",
		"sip:registrar.home1.net", resp);
	cr_assert_str_eq(resp, "80c87c24062c9d0e0c60756e7b4586c6");
}
