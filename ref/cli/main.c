/*
 * main.c -- the `itls` command: dispatch to the module subcommands.
 *
 * Exit status (decision D-04): 0 success or positive verdict,
 * 1 negative verdict, 2 bad usage or bad input (reason on stderr, nothing
 * on stdout).
 */
#include "cli.h"

#include <string.h>

static const char usage[] =
"usage: itls COMMAND [ARGS]\n"
"\n"
"itls-ref: executable specification of TLS-based IMS access security\n"
"(sec-agree tls, I-TLS s_token/c_token, PSK-TLS, naming rules).\n"
"\n"
"commands:\n"
"  secagree parse|select|verify|compare   RFC 3329 security agreement\n"
"  authparam parse|nonce|sm6              Digest challenge/credentials parameters\n"
"  token server|client|verify             I-TLS tokens (--profile hmac|kdf)\n"
"  milenage                               Milenage f1..f5* (TS 35.206)\n"
"  aka response|autn|auts                 IMS AKA helpers (RFC 3310/4169)\n"
"  psk                                    PSK-TLS key and identity\n"
"  name identities|check|trust            certificate names and domain rules\n"
"  imsi IMSI MNC_DIGITS                   TS 23.003 IMSI-derived identities\n"
"  check FILE...                          run vector files\n"
"  demo [SCENARIO] [--list] [--dot F] [--pcap F]   registration ladders\n"
"\n"
"'itls COMMAND --help' tells more. Exit status: 0 success/positive,\n"
"1 negative verdict, 2 bad usage or bad input.\n";

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
};

static const struct command commands[] = {
	{ "secagree", cmd_secagree },
	{ "authparam", cmd_authparam },
	{ "token", cmd_token },
	{ "milenage", cmd_milenage },
	{ "aka", cmd_aka },
	{ "psk", cmd_psk },
	{ "name", cmd_name },
	{ "imsi", cmd_imsi },
	{ "check", cmd_check },
	{ "demo", cmd_demo },
};

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_BADINPUT;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0
		|| strcmp(argv[1], "help") == 0) {
		fputs(usage, stdout);
		return EXIT_POSITIVE;
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[1], commands[i].name) == 0) {
			return commands[i].fn(argc - 2, argv + 2);
		}
	}
	return cli_fail("usage", "unknown command '%s' (itls --help)", argv[1]);
}
