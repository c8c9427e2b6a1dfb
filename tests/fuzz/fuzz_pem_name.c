/*
 * fuzz_pem_name.c -- libFuzzer target of the PEM reader of `itls name`
 * (pem_decode in ref/cli/cmd_naming.c); properties in pem_check.h.
 * fuzz-config: max_len=1048576 seeds=pem link=cli-naming
 */
#include "cli/cmd_naming.c"

#define PEM_DECODE(b, n) pem_decode((b), (n))
#define PEM_STRICT 1
#include "pem_check.h"
