/*
 * test_pki.c -- certificate mode (ref/tls/pki.c, spec/transport.md
 * TR-15..TR-18): real BearSSL handshakes between a client with the PKI
 * engine and a server serving the vectors/certs/pki-* chains.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "sim/fixtures.h"
#include "sim/net.h"
#include "tls/pki.h"
#include "tls/tls.h"

/* 2026-01-15 09:00:00 UTC, the simulator's clock (TR-10) */
#define NOW ((uint64_t)SIM_EPOCH)

static struct itls_tls_client cli;
static struct itls_tls_server srv;
static struct itls_tls_link link_;
static struct itls_pki pki;

/* one handshake: the server serves certs (end entity first) */
static int
hs(const uint8_t *const *certs, const size_t *lens, size_t n, const unsigned char *key,
	size_t klen, uint64_t now, const char *domain)
{
	struct itls_tls_result res;

	itls_tls_client_init(&cli);
	itls_pki_init(&pki, now, domain);
	cr_assert_eq(itls_pki_add_anchor(&pki, sim_pki_root, sim_pki_root_len), 0);
	itls_pki_attach(&pki, &cli);
	cr_assert_eq(itls_tls_server_init_chain(&srv, certs, lens, n, key, klen), 0);
	cr_assert_eq(itls_tls_server_reset(&srv), 0);
	cr_assert_eq(itls_tls_client_start(&cli, "pcscf.ims.com", 0), 0);
	itls_tls_link_init(&link_, &cli, &srv);
	itls_tls_handshake(&link_, &res);
	return res.ok;
}

#define CHAIN2(a, b) \
	const uint8_t *c[2] = { a, b }; \
	size_t l[2] = { a##_len, b##_len }

Test(pki, home_chain_valid, .description = "TR-15 TR-16 TR-17")
{
	CHAIN2(sim_pki_pcscf, sim_pki_int);
	size_t len;

	cr_assert_eq(hs(c, l, 2, sim_pki_pcscf_key, sim_pki_pcscf_key_len, NOW, "ims.com"), 1);
	cr_assert_str_eq(itls_pki_reason(&pki), "valid");
	/* the end-entity certificate is still captured as received */
	itls_tls_peer_cert(&cli, &len);
	cr_assert_eq(len, sim_pki_pcscf_len);
	cr_assert_arr_eq(itls_tls_peer_cert(&cli, &len), sim_pki_pcscf, len);
}

Test(pki, expired_leaf, .description = "TR-15 TR-17")
{
	CHAIN2(sim_pki_expired, sim_pki_int);

	cr_assert_eq(hs(c, l, 2, sim_pki_pcscf_key, sim_pki_pcscf_key_len, NOW, "ims.com"), 0);
	cr_assert_str_eq(itls_pki_reason(&pki), "outside-validity");
}

Test(pki, dates_follow_the_given_clock, .description = "TR-17")
{
	CHAIN2(sim_pki_pcscf, sim_pki_int);

	/* 2031-01-01: after the leaf's notAfter (2030-06-01) */
	cr_assert_eq(hs(c, l, 2, sim_pki_pcscf_key, sim_pki_pcscf_key_len, 1924992000u, "ims.com"), 0);
	cr_assert_str_eq(itls_pki_reason(&pki), "outside-validity");
	/* 2025-03-01: before the leaf's notBefore (2025-06-01) */
	cr_assert_eq(hs(c, l, 2, sim_pki_pcscf_key, sim_pki_pcscf_key_len, 1740787200u, "ims.com"), 0);
	cr_assert_str_eq(itls_pki_reason(&pki), "outside-validity");
}

Test(pki, wrong_order, .description = "TR-15: the certificate list in TLS order")
{
	const uint8_t *c[2] = { sim_pki_int, sim_pki_pcscf };
	size_t l[2] = { sim_pki_int_len, sim_pki_pcscf_len };

	/* the intermediate first: BearSSL takes it as the end entity (it chains
	 * to the anchor, the rest is ignored); the naming rules then find no
	 * host of ims.com in it, and its key is not the server's anyway */
	cr_assert_eq(hs(c, l, 2, sim_pki_pcscf_key, sim_pki_pcscf_key_len, NOW, "ims.com"), 0);
	cr_assert_eq(pki.x509_err, 0);
	cr_assert_neq(pki.name_err, ITLS_OK, "%s", itls_pki_reason(&pki));
}

Test(pki, missing_intermediate, .description = "TR-15")
{
	const uint8_t *c[1] = { sim_pki_pcscf };
	size_t l[1] = { sim_pki_pcscf_len };

	cr_assert_eq(hs(c, l, 1, sim_pki_pcscf_key, sim_pki_pcscf_key_len, NOW, "ims.com"), 0);
	cr_assert_str_eq(itls_pki_reason(&pki), "not-trusted");
}

Test(pki, self_signed_untrusted, .description = "TR-15")
{
	const uint8_t *c[1] = { sim_pki_mitm };
	size_t l[1] = { sim_pki_mitm_len };

	cr_assert_eq(hs(c, l, 1, sim_mitm_key, sim_mitm_key_len, NOW, "ims.com"), 0);
	cr_assert_str_eq(itls_pki_reason(&pki), "not-trusted");
}

Test(pki, name_outside_home_domain, .description = "TR-16 NM-20")
{
	CHAIN2(sim_pki_other, sim_pki_int);

	cr_assert_eq(hs(c, l, 2, sim_pki_pcscf_key, sim_pki_pcscf_key_len, NOW, "ims.com"), 0);
	cr_assert_eq(pki.x509_err, 0);
	cr_assert_eq(pki.name_err, ITLS_ERR_DOMAIN_MISMATCH);
	cr_assert_str_eq(itls_pki_reason(&pki), "domain-mismatch");
	/* the same chain for a UE whose domain is other.net */
	cr_assert_eq(hs(c, l, 2, sim_pki_pcscf_key, sim_pki_pcscf_key_len, NOW, "other.net"), 1);
}

Test(pki, visited_cross_certified, .description = "TR-18")
{
	CHAIN2(sim_pki_visited, sim_pki_visited_ca);

	cr_assert_eq(hs(c, l, 2, sim_pki_visited_key, sim_pki_visited_key_len, NOW, "ims.com"), 1);
	/* inside the trust domain ims.com, outside a home domain operator1.ims.com */
	cr_assert_eq(hs(c, l, 2, sim_pki_visited_key, sim_pki_visited_key_len, NOW,
		"operator1.ims.com"), 0);
	cr_assert_eq(pki.name_err, ITLS_ERR_DOMAIN_MISMATCH);
}

Test(pki, anchor_must_parse, .description = "TR-15")
{
	static const uint8_t junk[8] = { 0x30, 0x03, 1, 2, 3, 4, 5, 6 };

	itls_pki_init(&pki, NOW, "ims.com");
	cr_assert_eq(itls_pki_add_anchor(&pki, junk, sizeof junk), -1);
	cr_assert_eq(pki.nta, 0);
}
