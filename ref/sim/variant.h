/*
 * sim/variant.h -- what a scenario adds to the base set-up of sim.c
 * (kept apart so that the scenarios added by spec/transport.md do not
 * change the set-up struct every scenario initialises). Hosted code.
 */
#ifndef ITLS_SIM_VARIANT_H
#define ITLS_SIM_VARIANT_H

enum sim_pki_chain {
	SIM_PKI_NONE = 0,
	SIM_PKI_HOME,        /* pki-pcscf.der, pki-int.der */
	SIM_PKI_OTHER,       /* pki-other.der, pki-int.der (outside the home domain) */
	SIM_PKI_VISITED      /* pki-visited.der, pki-visited-ca.der (cross-certified) */
};

struct sim_variant {
	int upgrade;     /* TR-14: TLS inside the TCP connection of SM1 */
	int pki;         /* TR-15: the UE validates the chain (certificate mode) */
	enum sim_pki_chain chain;   /* what the P-CSCF serves */
	int akav2;       /* the S-CSCF challenges with AKAv2-MD5 (RFC 4169) */
	int nat;         /* TR-20: a NAT in front of the UE */
};

/* the variant of scenario scn (all zero for most) */
const struct sim_variant *sim_variant_of(int scn);

#endif
