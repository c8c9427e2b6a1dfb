/*
 * err.c -- reason words (see itls/err.h).
 */
#include "itls/err.h"

#define ITLS_ERR_CASE_(name, word) case name: return word;

/* see itls/err.h */
const char *
itls_err_name(int e)
{
	switch (e) {
	ITLS_ERR_LIST(ITLS_ERR_CASE_)
	default:
		return "unknown";
	}
}
