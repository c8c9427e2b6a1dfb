/* cmd_naming.c -- STUB: replaced by the names work. */
#include "cli.h"
int cmd_name(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("not-implemented", "name"); }
int cmd_imsi(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("not-implemented", "imsi"); }
const struct itls_check_op check_ops_naming[] = { { NULL, NULL } };
