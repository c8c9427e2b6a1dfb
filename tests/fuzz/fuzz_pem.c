/*
 * fuzz_pem.c -- libFuzzer target of the PEM reader of the CLI's certificate
 * files (cli_pem_decode in ref/cli/util.c: `itls name`, `itls token`,
 * `itls psk`); properties in pem_check.h.
 * fuzz-config: max_len=1048576 seeds=pem link=cli-util
 */
#include "cli/cli.h"

#define PEM_DECODE(b, n) cli_pem_decode((b), (n))
#define PEM_STRICT 1
#include "pem_check.h"
