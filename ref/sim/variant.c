/*
 * variant.c -- per-scenario additions to the set-up (see sim/variant.h).
 */
#include "sim/variant.h"
#include "sim/sim.h"

const struct sim_variant *
sim_variant_of(int scn)
{
	static const struct sim_variant none = { 0, 0, SIM_PKI_NONE, 0, 0 };
	static const struct sim_variant upgrade = { 1, 0, SIM_PKI_NONE, 0, 0 };
	static const struct sim_variant home = { 0, 1, SIM_PKI_HOME, 0, 0 };
	static const struct sim_variant other = { 0, 1, SIM_PKI_OTHER, 0, 0 };
	static const struct sim_variant visited = { 0, 1, SIM_PKI_VISITED, 0, 0 };

	static const struct sim_variant akav2 = { 0, 0, SIM_PKI_NONE, 1, 0 };

	static const struct sim_variant nat = { 0, 0, SIM_PKI_NONE, 0, 1 };

	switch (scn) {
	case SIM_NAT_TLS:
	case SIM_NAT_IPSEC:
		return &nat;
	case SIM_AKAV2:
		return &akav2;
	case SIM_TCP_UPGRADE:
		return &upgrade;
	case SIM_PKI:
	case SIM_PKI_UNTRUSTED:   /* the MitM serves its self-signed certificate */
		return &home;
	case SIM_PKI_WRONG_DOMAIN:
		return &other;
	case SIM_PKI_ROAMING:
		return &visited;
	default:
		return &none;
	}
}
