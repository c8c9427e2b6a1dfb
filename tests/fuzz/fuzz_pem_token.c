/*
 * fuzz_pem_token.c -- libFuzzer target of the PEM reader of `itls token`
 * and `itls psk` (pem_to_der in ref/cli/cmd_crypto.c); properties in
 * pem_check.h. This reader skips bytes that are not base64 (D-TK-*), so
 * the strict check does not apply.
 * fuzz-config: max_len=1048576 seeds=pem link=cli-crypto
 */
#include "cli/cmd_crypto.c"

#define PEM_DECODE(b, n) pem_to_der((b), (n))
#define PEM_STRICT 0
#include "pem_check.h"
