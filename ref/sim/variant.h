/*
 * sim/variant.h -- what a scenario adds to the base set-up of sim.c
 * (kept apart so that the scenarios added by spec/transport.md do not
 * change the set-up struct every scenario initialises). Hosted code.
 */
#ifndef ITLS_SIM_VARIANT_H
#define ITLS_SIM_VARIANT_H

struct sim_variant {
	int upgrade;     /* TR-14: TLS inside the TCP connection of SM1 */
};

/* the variant of scenario scn (all zero for most) */
const struct sim_variant *sim_variant_of(int scn);

#endif
