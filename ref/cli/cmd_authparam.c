/* cmd_authparam.c -- STUB: replaced by the Digest parameters work. */
#include "cli.h"
int cmd_authparam(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("not-implemented", "authparam"); }
const struct itls_check_op check_ops_authparam[] = { { NULL, NULL } };
