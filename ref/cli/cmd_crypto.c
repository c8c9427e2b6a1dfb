/* cmd_crypto.c -- STUB: replaced by the token/AKA/PSK/authparam work. */
#include "cli.h"
int cmd_token(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("not-implemented", "token"); }
int cmd_milenage(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("not-implemented", "milenage"); }
int cmd_aka(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("not-implemented", "aka"); }
int cmd_psk(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("not-implemented", "psk"); }
const struct itls_check_op check_ops_crypto[] = { { NULL, NULL } };
