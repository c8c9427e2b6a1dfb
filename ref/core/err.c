/*
 * err.c -- reason words (see itls/err.h).
 */
#include "itls/err.h"

#define ITLS_ERR_WORD_(name, word) word,
static const char *const itls_err_words[ITLS_ERR_COUNT] = {
	ITLS_ERR_LIST(ITLS_ERR_WORD_)
};
#undef ITLS_ERR_WORD_

/* see itls/err.h */
const char *
itls_err_name(int e)
{
	if (e < 0 || e >= (int)ITLS_ERR_COUNT) {
		return "unknown";
	}
	/*@ assert \valid_read(itls_err_words[e]); */
	return itls_err_words[e];
}
