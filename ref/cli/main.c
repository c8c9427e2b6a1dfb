/*
 * main.c -- the `itls` command: dispatch to the module subcommands.
 *
 * Exit status (decision D-04): 0 success or positive verdict,
 * 1 negative verdict, 2 bad usage or bad input (reason on stderr, nothing
 * on stdout; the line filters `secagree parse` and `authparam parse` print
 * "error WORD" per bad line on stdout by design, D-SA-13).
 *
 * Conventions applied here for every subcommand, before it runs: an option
 * may be written --opt=value as well as --opt value; an option given twice
 * is `usage`. The top-level help is made from the command table below.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#ifndef ITLS_VERSION
#define ITLS_VERSION "unknown"
#endif

struct command {
	const char *name;
	const char *subs;   /* its subcommands, "a|b|c", or its arguments */
	const char *what;
	int (*fn)(int argc, char **argv);
};

/* the one list of commands: dispatch and help both come from it */
static const struct command commands[] = {
	{ "secagree", "parse|select|verify|compare", "RFC 3329 security agreement", cmd_secagree },
	{ "authparam", "parse|nonce|sm6|sm8", "Digest challenge/credentials parameters", cmd_authparam },
	{ "token", "server|client|verify", "I-TLS tokens (--profile hmac|kdf)", cmd_token },
	{ "milenage", "[OPTIONS]", "Milenage f1..f5* (TS 35.206)", cmd_milenage },
	{ "aka", "autn|check|auts|response", "IMS AKA helpers (RFC 3310/4169)", cmd_aka },
	{ "psk", "[OPTIONS]", "PSK-TLS key and identity", cmd_psk },
	{ "name", "identities|check|trust|within", "certificate names and domain rules", cmd_name },
	{ "imsi", "IMSI MNC_DIGITS", "TS 23.003 IMSI-derived identities", cmd_imsi },
	{ "check", "[--certs DIR] FILE...", "run vector files", cmd_check },
	{ "demo", "[SCENARIO] [OPTIONS]", "registration ladders", cmd_demo },
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void
print_usage(FILE *f)
{
	size_t i;
	int w;

	fputs("usage: itls COMMAND [ARGS]\n"
		"       itls --version\n"
		"\n"
		"itls-ref: executable specification of TLS-based IMS access security\n"
		"(sec-agree tls, I-TLS s_token/c_token, PSK-TLS, naming rules).\n"
		"\n"
		"commands:\n", f);
	for (i = 0; i < N_COMMANDS; i++) {
		w = (int)(strlen(commands[i].name) + 1 + strlen(commands[i].subs));
		fprintf(f, "  %s %s%*s %s\n", commands[i].name, commands[i].subs,
			w < 38 ? 38 - w : 0, "", commands[i].what);
	}
	fputs("\n"
		"'itls COMMAND --help' and 'itls COMMAND SUBCOMMAND --help' tell more.\n"
		"Options: --opt value or --opt=value; FILE - is stdin.\n"
		"Exit status: 0 success/positive, 1 negative verdict, 2 bad usage or\n"
		"bad input (a reason word on stderr, nothing on stdout; the parse\n"
		"filters print \"error WORD\" lines on stdout by design).\n", f);
}

/* options that take no value (every other --option takes the next word) */
static const char *const flag_words[] = {
	"--show-opc", "--exact", "--list", "--all", "--help", "--version", "--messages", NULL
};

static int
is_flag(const char *w, size_t len)
{
	size_t i;

	for (i = 0; flag_words[i] != NULL; i++) {
		if (strlen(flag_words[i]) == len && memcmp(flag_words[i], w, len) == 0) {
			return 1;
		}
	}
	return 0;
}

/*
 * Rewrite argv[0 .. argc-1] into out: "--opt=value" becomes "--opt" "value"
 * (only where an option may stand, not as the value of another option), and
 * an option seen twice is `usage`. Returns the new count, or -1 after
 * cli_fail. out has room for 2 * argc words.
 */
static int
normalize(int argc, char **argv, char **out)
{
	int i, j, k, n = 0;
	size_t len;
	char *eq;

	for (i = 0; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) != 0 || argv[i][2] == '\0') {
			out[n++] = argv[i];
			continue;
		}
		eq = strchr(argv[i], '=');
		len = eq != NULL ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		for (j = 0; j < n; j++) {
			if (strncmp(out[j], "--", 2) == 0 && strlen(out[j]) == len
				&& memcmp(out[j], argv[i], len) == 0) {
				cli_fail("usage", "option %.*s given twice", (int)len, argv[i]);
				return -1;
			}
		}
		if (eq != NULL) {
			out[n] = malloc(len + 1);
			if (out[n] == NULL) {
				cli_fail("no-memory", "arguments");
				return -1;
			}
			memcpy(out[n], argv[i], len);
			out[n][len] = '\0';
			n++;
			out[n++] = eq + 1;
			continue;
		}
		out[n++] = argv[i];
		if (!is_flag(argv[i], len) && i + 1 < argc) {
			out[n++] = argv[++i];   /* its value, taken as it is */
		}
	}
	/* mark the end; the copies made above live until exit */
	for (k = n; k < 2 * argc; k++) {
		out[k] = NULL;
	}
	return n;
}

int
main(int argc, char **argv)
{
	size_t i;
	char **args;
	int n;

	if (argc < 2) {
		print_usage(stderr);
		return EXIT_BADINPUT;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0
		|| strcmp(argv[1], "help") == 0) {
		if (argc > 2) {
			return cli_fail("usage", "itls --help takes no argument");
		}
		print_usage(stdout);
		return fflush(stdout) == 0 ? EXIT_POSITIVE : EXIT_BADINPUT;
	}
	if (strcmp(argv[1], "--version") == 0) {
		if (argc > 2) {
			return cli_fail("usage", "itls --version takes no argument");
		}
		fputs("itls " ITLS_VERSION "\n", stdout);
		return fflush(stdout) == 0 ? EXIT_POSITIVE : EXIT_BADINPUT;
	}
	for (i = 0; i < N_COMMANDS; i++) {
		if (strcmp(argv[1], commands[i].name) == 0) {
			args = calloc(2 * (size_t)argc + 1, sizeof *args);
			if (args == NULL) {
				return cli_fail("no-memory", "arguments");
			}
			n = normalize(argc - 2, argv + 2, args);
			if (n < 0) {
				return EXIT_BADINPUT;
			}
			return commands[i].fn(n, args);
		}
	}
	return cli_fail("usage", "unknown command '%s' (itls --help)", argv[1]);
}
