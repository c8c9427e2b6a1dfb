/*
 * fuzz_token.c -- libFuzzer target for the token, AKA and PSK modules.
 *
 * The input is cut into fields: byte 0 picks the operation and the profile,
 * bytes 1..16 are IK, 17..32 CK, the rest is the variable input (a
 * certificate, a wire token, Digest texts or an IMPI). Every call must
 * return an itls_err value and never read or write out of bounds (ASan,
 * UBSan); verification of a freshly computed token must succeed.
 * fuzz-config: max_len=65535 seeds=token
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "itls/aka.h"
#include "itls/err.h"
#include "itls/psk.h"
#include "itls/token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct itls_token_keys keys;
	const uint8_t *rest;
	size_t n;
	uint8_t st[12], ct[12], psk[32], out[32];
	int e;

	if (size < 33) {
		return 0;
	}
	memset(&keys, 0, sizeof keys);
	keys.profile = (data[0] & 1) ? ITLS_TOKEN_KDF : ITLS_TOKEN_HMAC;
	if ((data[0] & 0x80) != 0) {
		keys.profile = data[0]; /* an unknown profile value too */
	}
	memcpy(keys.ik, data + 1, 16);
	memcpy(keys.ck, data + 17, 16);
	rest = data + 33;
	n = size - 33;
	switch ((data[0] >> 1) & 3) {
	case 0:
		/* s_token over the bytes, then both verifications */
		e = itls_token_server(st, &keys, rest, n);
		if (e == ITLS_OK) {
			if (itls_token_verify_server(&keys, rest, n, st) != ITLS_OK) {
				__builtin_trap();
			}
			if (itls_token_client(ct, &keys, st) != ITLS_OK
				|| itls_token_verify_client(&keys, st, ct) != ITLS_OK) {
				__builtin_trap();
			}
		}
		break;
	case 1:
		/* the wire form of a token */
		if (itls_token_from_hex(st, (const char *)rest, n) == ITLS_OK) {
			char hex[24];
			uint8_t back[12];

			itls_token_to_hex(hex, st);
			if (itls_token_from_hex(back, hex, 24) != ITLS_OK || memcmp(back, st, 12) != 0) {
				__builtin_trap();
			}
		}
		(void)itls_token_profile_from_name(&e, (const char *)rest, n);
		break;
	case 2: {
		/* a Digest response: RES from the key bytes, texts from the rest */
		struct itls_aka_digest d;
		size_t q = n / 4;

		memset(&d, 0, sizeof d);
		d.algorithm = data[1] % 4;
		d.qop = data[2] % 4;
		d.res = data + 3;
		d.res_len = data[3] % 20;
		d.ik = keys.ik;
		d.ck = keys.ck;
		d.username = rest;
		d.username_len = q;
		d.realm = rest + q;
		d.realm_len = q;
		d.nonce = rest + 2 * q;
		d.nonce_len = q;
		d.uri = rest;
		d.uri_len = n;
		d.method = rest + 3 * q;
		d.method_len = n - 3 * q;
		d.cnonce = rest;
		d.cnonce_len = q;
		d.nc = rest + q;
		d.nc_len = q < 8 ? q : 8;
		d.body = rest;
		d.body_len = n;
		(void)itls_aka_response(out, &d);
		(void)itls_aka_algorithm_from_name(&e, (const char *)rest, n);
		(void)itls_aka_qop_from_name(&e, (const char *)rest, n);
		break;
	}
	default: {
		/* PSK and identity; Milenage on the key bytes */
		struct itls_milenage_out m;
		struct itls_aka_check c;
		uint8_t autn[16];

		(void)itls_psk_derive(psk, keys.ck, keys.ik, rest, n);
		(void)itls_psk_identity(out, sizeof out, rest, n, &n);
		itls_milenage(&m, keys.ik, keys.ck, data + 1, data + 17, data + 27);
		itls_aka_autn(autn, keys.ik, keys.ck, data + 1, data + 17, data + 27);
		if (itls_aka_check_autn(&c, keys.ik, keys.ck, data + 1, autn) != ITLS_OK) {
			__builtin_trap();
		}
		break;
	}
	}
	return 0;
}
