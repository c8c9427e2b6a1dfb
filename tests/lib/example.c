#include <itls/itls.h>
#include <stdio.h>

int main(void)
{
	static const unsigned char cert[] = "the DER bytes of the P-CSCF's TLS certificate";
	struct itls_token_keys keys = { ITLS_TOKEN_HMAC, { 0xf7, 0x69, 0xbc, 0xd7 }, { 0 } }; /* IK from AKA */
	unsigned char tok[ITLS_TOKEN_LEN];
	char hex[ITLS_TOKEN_HEX_LEN];
	int e = itls_token_server(tok, &keys, cert, sizeof cert - 1);

	itls_token_to_hex(hex, tok);
	printf("%s s_token=\"%.24s\"\n", itls_err_name(e), hex);
	return e != ITLS_OK;
}
