/*
 * variant.c -- per-scenario additions to the set-up (see sim/variant.h).
 */
#include "sim/variant.h"
#include "sim/sim.h"

const struct sim_variant *
sim_variant_of(int scn)
{
	static const struct sim_variant none = { 0 };
	static const struct sim_variant upgrade = { 1 };

	switch (scn) {
	case SIM_TCP_UPGRADE:
		return &upgrade;
	default:
		return &none;
	}
}
