/* cmd_demo.c -- STUB: replaced by the state machine / simulation work. */
#include "cli.h"
int cmd_demo(int argc, char **argv) { (void)argc; (void)argv; return cli_fail("not-implemented", "demo"); }
