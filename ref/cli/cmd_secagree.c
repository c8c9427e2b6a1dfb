/* cmd_secagree.c -- STUB: replaced by the sec-agree work. */
#include "cli.h"
int cmd_secagree(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("not-implemented", "secagree"); }
const struct itls_check_op check_ops_secagree[] = { { NULL, NULL } };
