/*
 * secagree.c -- SIP security agreement, RFC 3329 (see itls/secagree.h).
 *
 * Theory of operation. A header line is read once, left to right, by small
 * functions, one per production of RFC 3329 §2.2 / RFC 3261 §25.1:
 *
 *   header line    sa_header      name *(SP/HTAB) ":"            SA-01
 *   value          sa_parse_list  mech *(COMMA mech)             SA-02
 *   mechanism      sa_parse_mech  token *(SEMI param)            SA-04
 *   parameter      sa_lex_param   token [EQUAL gen-value]        SA-06
 *   white space    sa_skip_sws    SP / HTAB / CRLF WSP           SA-03
 *   token          sa_scan_token                                 SA-05
 *   quoted-string  sa_scan_quoted (sa_utf8_len)                  SA-08
 *   [IPv6]         sa_scan_bracket                               SA-07
 *
 * Each parameter is checked as soon as it has been read (sa_param_id,
 * sa_check_value: SA-10 .. SA-19) and each mechanism as soon as it ends
 * (SA-20, SA-13), so no byte is scanned twice except the few bytes of a
 * checked value. Results are views (offset, length) into the caller's
 * buffer, stored straight into the caller's list.
 *
 * Every function, static ones included, has a contract that WP proves
 * (`make proofs`); loops carry invariants and variants. The serializer is
 * written in two passes (length, then bytes) so that it provably writes
 * nothing when the line does not fit. Stores that WP would otherwise have
 * to frame through a quantifier are isolated in small functions
 * (sa_store_param, sa_add_mech) or followed by an assertion.
 *
 * Speed (make bench: about 14 instructions per input byte, 0.4x sofia-sip):
 * the checked names and ipsec-3gpp values are recognised while they are
 * read (sa_lex_name, sa_ipsec_value: first letter, then one literal
 * compared with sa_match), not scanned and then compared; numbers are
 * range-checked by comparing digit strings; literal comparisons are
 * inlined and unrolled (SA_HOT, `#pragma GCC unroll`, hidden from
 * Frama-C). WP's typed memory model assumes that the caller's buffer does
 * not overlap the static table sa_ctab (a "memory model hypothesis" it
 * prints): a caller cannot name that table, so this always holds.
 */
#include "itls/secagree.h"

/* small hot helpers: inlined even where they have many call sites */
#if defined(__GNUC__)
#define SA_HOT static inline __attribute__((always_inline))
#else
#define SA_HOT static inline
#endif

/* character classes of RFC 3261 §25.1, indexed by the unsigned byte */
#define SA_T  1u   /* token character (SA-05) */
#define SA_W  2u   /* SP or HTAB (SA-03) */
#define SA_Q  4u   /* qdtext printable: %x21 / %x23-5B / %x5D-7E (SA-08) */
#define SA_B  8u   /* inside brackets: HEXDIG / ":" / "." (SA-07) */
#define SA_H 16u   /* HEXDIG (SA-14) */
#define SA_D 32u   /* DIGIT */

static const unsigned char sa_ctab[256] = {
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  2,  0,  0,  0,  0,  0,  0, /* 00 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* 10 */
	 2,  5,  0,  4,  4,  5,  4,  5,  4,  4,  5,  5,  4,  5, 13,  4, /* 20 */
	61, 61, 61, 61, 61, 61, 61, 61, 61, 61, 12,  4,  4,  4,  4,  4, /* 30 */
	 4, 29, 29, 29, 29, 29, 29,  5,  5,  5,  5,  5,  5,  5,  5,  5, /* 40 */
	 5,  5,  5,  5,  5,  5,  5,  5,  5,  5,  5,  4,  0,  4,  4,  5, /* 50 */
	 5, 29, 29, 29, 29, 29, 29,  5,  5,  5,  5,  5,  5,  5,  5,  5, /* 60 */
	 5,  5,  5,  5,  5,  5,  5,  5,  5,  5,  5,  4,  4,  4,  5,  0, /* 70 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* 80 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* 90 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* a0 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* b0 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* c0 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* d0 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* e0 */
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0, /* f0 */
};

/* the form a parameter value was written in (SA-06) */
#define SA_V_NONE     0
#define SA_V_TOKEN    1
#define SA_V_QUOTED   2
#define SA_V_BRACKET  3
#define SA_V_CHECKED  4   /* a token found valid by sa_ipsec_value */

/* parameters whose value is checked (SA-12 .. SA-18); OTHER is kept as is */
#define SA_P_OTHER  0
#define SA_P_Q      1
#define SA_P_DVER   2
#define SA_P_ALG    3
#define SA_P_EALG   4
#define SA_P_PROT   5
#define SA_P_MOD    6
#define SA_P_SPIC   7
#define SA_P_SPIS   8
#define SA_P_PORTC  9
#define SA_P_PORTS 10

/* SA-20: the five ipsec-3gpp parameters that come all together or not at all */
#define SA_MANDATORY ((1u << SA_P_ALG) | (1u << SA_P_SPIC) | (1u << SA_P_SPIS) \
	| (1u << SA_P_PORTC) | (1u << SA_P_PORTS))

/* the bit of each checked parameter in a mechanism's `seen` set (SA-10) */
static const unsigned sa_pbit[SA_P_PORTS + 1] = {
	1u, 1u << 1, 1u << 2, 1u << 3, 1u << 4, 1u << 5, 1u << 6, 1u << 7,
	1u << 8, 1u << 9, 1u << 10,
};

/* a qvalue that is not one (SA-12) */
#define SA_Q_BAD (-2)

/* bounds on canonical lengths, from views no longer than the buffer (SA-31) */
#define SA_PARAM_MAX (2 + 2 * ITLS_SECAGREE_MAX_LEN)
#define SA_MECH_MAX (ITLS_SECAGREE_MAX_LEN + ITLS_SECAGREE_MAX_PARAMS * SA_PARAM_MAX)

/* ---- characters ------------------------------------------------------- */

/* the byte value 0..255 of c, whatever the signedness of char (no cast) */
/*@ assigns \nothing;
    ensures 0 <= \result <= 255;
 */
static inline int
sa_byte(char c)
{
	return (c + 256) % 256;
}

/* ASCII lower case of one character (names compare with it: SA-04, SA-10) */
/*@ assigns \nothing;
    ensures \result == sa_lower(c);
 */
static inline int
sa_fold(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* a[0 .. n) equals b[0 .. n) ignoring ASCII case: 1, else 0 */
/*@ requires \valid_read(a + (0 .. n - 1));
    requires \valid_read(b + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> sa_ieq(a, b, n);
 */
static int
sa_ieq_buf(const char *a, const char *b, size_t n)
{
	size_t k;

	/*@ loop invariant 0 <= k <= n;
	    loop invariant sa_ieq(a, b, k);
	    loop assigns k;
	    loop variant n - k;
	 */
	for (k = 0; k < n; k++) {
		if (sa_fold(a[k]) != sa_fold(b[k])) {
			return 0;
		}
	}
	return 1;
}

/* a[0 .. n) equals b[0 .. n) byte for byte: 1, else 0 */
/*@ requires \valid_read(a + (0 .. n - 1));
    requires \valid_read(b + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> sa_beq(a, b, n);
 */
static int
sa_beq_buf(const char *a, const char *b, size_t n)
{
	size_t k;

	/*@ loop invariant 0 <= k <= n;
	    loop invariant sa_beq(a, b, k);
	    loop assigns k;
	    loop variant n - k;
	 */
	for (k = 0; k < n; k++) {
		if (a[k] != b[k]) {
			return 0;
		}
	}
	return 1;
}

/* ---- lexical productions (RFC 3261 §25.1) ------------------------------ */

/*
 * SA-03: skip SWS from i: SP, HTAB, and CR LF followed by SP or HTAB (a
 * fold), any number of them. Returns the first position that is none.
 */
/*@ requires i <= end;
    requires \valid_read(buf + (0 .. end - 1));
    assigns \nothing;
    ensures i <= \result <= end;
 */
static size_t
sa_skip_sws(const char *buf, size_t end, size_t i)
{
	/*@ loop invariant \at(i, Pre) <= i <= end;
	    loop assigns i;
	    loop variant end - i;
	 */
	while (i < end) {
		char c = buf[i];
		if (c == ' ' || c == '\t') {
			i++;
		} else if (c == '\r' && end - i >= 3 && buf[i + 1] == '\n'
			&& (buf[i + 2] == ' ' || buf[i + 2] == '\t')) {
			i += 3;
		} else {
			break;
		}
	}
	return i;
}

/* SA-03: sa_skip_sws, called only when the next byte may start white space */
/*@ requires i <= end;
    requires \valid_read(buf + (0 .. end - 1));
    assigns \nothing;
    ensures i <= \result <= end;
 */
static inline size_t
sa_sws(const char *buf, size_t end, size_t i)
{
	if (i < end && buf[i] <= ' ') {
		return sa_skip_sws(buf, end, i);
	}
	return i;
}

/* SA-05: the end of the token that starts at i (i itself when none) */
/*@ requires i <= end;
    requires \valid_read(buf + (0 .. end - 1));
    assigns \nothing;
    ensures i <= \result <= end;
 */
static inline size_t
sa_scan_token(const char *buf, size_t end, size_t i)
{
	/* four bytes a step while they last, then one by one */
	/*@ loop invariant \at(i, Pre) <= i <= end;
	    loop assigns i;
	    loop variant end - i;
	 */
	while (end - i >= 4) {
		if ((sa_ctab[sa_byte(buf[i])] & SA_T) == 0) {
			return i;
		}
		if ((sa_ctab[sa_byte(buf[i + 1])] & SA_T) == 0) {
			return i + 1;
		}
		if ((sa_ctab[sa_byte(buf[i + 2])] & SA_T) == 0) {
			return i + 2;
		}
		if ((sa_ctab[sa_byte(buf[i + 3])] & SA_T) == 0) {
			return i + 3;
		}
		i += 4;
	}
	/*@ loop invariant \at(i, Pre) <= i <= end;
	    loop assigns i;
	    loop variant end - i;
	 */
	while (i < end && (sa_ctab[sa_byte(buf[i])] & SA_T) != 0) {
		i++;
	}
	return i;
}

/*
 * SA-08: the length of the UTF8-NONASCII sequence of RFC 3261 that starts
 * at i (a lead byte C0-FD and 1 to 5 bytes 80-BF), or 0 when there is none.
 */
/*@ requires i < end;
    requires \valid_read(buf + (0 .. end - 1));
    assigns \nothing;
    ensures \result == 0 || (2 <= \result <= 6 && i + \result <= end);
 */
static size_t
sa_utf8_len(const char *buf, size_t end, size_t i)
{
	int c = sa_byte(buf[i]);
	size_t n, k;

	if (c < 0xC0 || c > 0xFD) {
		return 0;
	}
	n = c < 0xE0 ? 1 : c < 0xF0 ? 2 : c < 0xF8 ? 3 : c < 0xFC ? 4 : 5;
	if (end - i - 1 < n) {
		return 0;
	}
	/*@ loop invariant 1 <= k <= n + 1;
	    loop assigns k;
	    loop variant n + 1 - k;
	 */
	for (k = 1; k <= n; k++) {
		int b = sa_byte(buf[i + k]);
		if (b < 0x80 || b > 0xBF) {
			return 0;
		}
	}
	return n + 1;
}

/*
 * SA-08: a quoted-string starting at buf[i] == '"'. On success *pos is the
 * position after the closing quote. A `,` or `;` inside does not end it.
 */
/*@ requires i < end;
    requires \valid_read(buf + (0 .. end - 1));
    requires \valid(pos);
    requires \separated(pos, buf + (0 .. end - 1));
    assigns *pos;
    ensures \result == ITLS_OK || \result == ITLS_ERR_BAD_QUOTED_STRING;
    ensures \result == ITLS_OK ==> i + 2 <= *pos <= end;
 */
static enum itls_err
sa_scan_quoted(const char *buf, size_t end, size_t i, size_t *pos)
{
	size_t j = i + 1;
	size_t u;

	/*@ loop invariant i + 1 <= j <= end;
	    loop assigns j, u;
	    loop variant end - j;
	 */
	while (j < end) {
		int c = sa_byte(buf[j]);
		if (c == '"') {
			*pos = j + 1;
			return ITLS_OK;
		}
		if ((sa_ctab[c] & (SA_Q | SA_W)) != 0) {
			j++;                      /* qdtext, SP, HTAB */
		} else if (c == '\\') {
			int e;
			if (end - j < 2) {
				return ITLS_ERR_BAD_QUOTED_STRING;
			}
			e = sa_byte(buf[j + 1]);
			if (e == '\r' || e == '\n' || e >= 0x80) {
				return ITLS_ERR_BAD_QUOTED_STRING;
			}
			j += 2;                   /* quoted-pair */
		} else if (c == '\r') {
			if (end - j < 3 || buf[j + 1] != '\n'
				|| (buf[j + 2] != ' ' && buf[j + 2] != '\t')) {
				return ITLS_ERR_BAD_QUOTED_STRING;
			}
			j += 3;                   /* a fold (LWS) */
		} else {
			u = sa_utf8_len(buf, end, j);
			if (u == 0) {
				return ITLS_ERR_BAD_QUOTED_STRING;
			}
			j += u;                   /* UTF8-NONASCII */
		}
	}
	return ITLS_ERR_BAD_QUOTED_STRING;   /* no closing quote */
}

/*
 * SA-07: a bracketed value at buf[i] == '[': one or more HEXDIG ":" "."
 * then ']'. On success *pos is the position after ']'.
 */
/*@ requires i < end;
    requires \valid_read(buf + (0 .. end - 1));
    requires \valid(pos);
    requires \separated(pos, buf + (0 .. end - 1));
    assigns *pos;
    ensures \result == ITLS_OK || \result == ITLS_ERR_SYNTAX;
    ensures \result == ITLS_OK ==> i + 3 <= *pos <= end;
 */
static enum itls_err
sa_scan_bracket(const char *buf, size_t end, size_t i, size_t *pos)
{
	size_t j = i + 1;

	/*@ loop invariant i + 1 <= j <= end;
	    loop assigns j;
	    loop variant end - j;
	 */
	while (j < end && (sa_ctab[sa_byte(buf[j])] & SA_B) != 0) {
		j++;
	}
	if (j == i + 1 || j == end || buf[j] != ']') {
		return ITLS_ERR_SYNTAX;
	}
	*pos = j + 1;
	return ITLS_OK;
}

/* ---- checked values (SA-12 .. SA-19) ---------------------------------- */

/* the digit value of c, or -1 */
/*@ assigns \nothing;
    ensures -1 <= \result <= 9;
    ensures sa_isdig(c) ==> \result == c - '0';
    ensures !sa_isdig(c) ==> \result == -1;
 */
static int
sa_digit(char c)
{
	return (c >= '0' && c <= '9') ? c - '0' : -1;
}

/*
 * SA-12: the qvalue buf[off .. off+n) in thousandths (0..1000), or
 * SA_Q_BAD: "0" ["." 0*3DIGIT] / "1" ["." 0*3("0")].
 */
/*@ requires off + n <= SIZE_MAX;
    requires \valid_read(buf + (off .. off + n - 1));
    assigns \nothing;
    ensures \result == SA_Q_BAD || 0 <= \result <= 1000;
    behavior qvalue:
      assumes sa_qsyntax(buf + off, n);
      ensures SA_12: \result == sa_qval(buf + off, n);
    behavior not_qvalue:
      assumes !sa_qsyntax(buf + off, n);
      ensures \result == SA_Q_BAD;
    complete behaviors;
    disjoint behaviors;
 */
static int
sa_qvalue(const char *buf, size_t off, size_t n)
{
	int d2, d3, d4, v;

	if (n == 0 || n > 5 || (buf[off] != '0' && buf[off] != '1')) {
		return SA_Q_BAD;
	}
	if (n == 1) {
		return buf[off] == '1' ? 1000 : 0;
	}
	if (buf[off + 1] != '.') {
		return SA_Q_BAD;
	}
	/* up to three decimals, worth 100, 10 and 1 thousandths */
	d2 = n > 2 ? sa_digit(buf[off + 2]) : 0;
	d3 = n > 3 ? sa_digit(buf[off + 3]) : 0;
	d4 = n > 4 ? sa_digit(buf[off + 4]) : 0;
	if (d2 < 0 || d3 < 0 || d4 < 0) {
		return SA_Q_BAD;
	}
	v = 100 * d2 + 10 * d3 + d4;
	if (buf[off] == '1') {
		return v == 0 ? 1000 : SA_Q_BAD;  /* 1 [. 0*3("0")] */
	}
	return v;
}

/* SA-14: buf[off .. off+n) is '"', 32 hexadecimal digits, '"': 1, else 0 */
/*@ requires off + n <= SIZE_MAX;
    requires \valid_read(buf + (off .. off + n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int
sa_dver_ok(const char *buf, size_t off, size_t n)
{
	size_t k;

	if (n != 34 || buf[off] != '"' || buf[off + 33] != '"') {
		return 0;
	}
	/*@ loop invariant 1 <= k <= 33;
	    loop assigns k;
	    loop variant 33 - k;
	 */
	for (k = 1; k < 33; k++) {
		if ((sa_ctab[sa_byte(buf[off + k])] & SA_H) == 0) {
			return 0;
		}
	}
	return 1;
}

/* c equals the lower-case character l, ASCII case folded on c's side */
/*@ assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
SA_HOT int
sa_ch(int c, int l)
{
	return c == l || sa_fold(c) == l;
}

/*
 * buf[i .. i+n) equals the literal lit[0 .. n), 1 <= n <= 16, ASCII case
 * folded on the buffer's side only: every caller passes a lower-case
 * literal, so this is the case-insensitive comparison of SA-04 / SA-10 /
 * SA-19. Inlined with a constant literal, the compiler unrolls it into one
 * compare per character.
 */
/*@ requires 1 <= n <= 16;
    requires i + n <= SIZE_MAX;
    requires \valid_read(buf + (i .. i + n - 1));
    requires \valid_read(lit + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
SA_HOT int
sa_lit(const char *buf, size_t i, const char *lit, size_t n)
{
	size_t k;

#ifndef __FRAMAC__
#pragma GCC unroll 16
#endif
	/*@ loop invariant 0 <= k <= n;
	    loop assigns k;
	    loop variant n - k;
	 */
	for (k = 0; k < n; k++) {
		if (!sa_ch(buf[i + k], lit[k])) {
			return 0;
		}
	}
	return 1;
}

/* position k ends a token: the end of the buffer, or a non-token byte */
/*@ requires k <= end;
    requires \valid_read(buf + (0 .. end - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
SA_HOT int
sa_delim(const char *buf, size_t end, size_t k)
{
	return k == end || (sa_ctab[sa_byte(buf[k])] & SA_T) == 0;
}

/*
 * buf[i ..] starts with the lower-case literal lit[0 .. n) (ASCII case
 * folded on the buffer's side) followed by the end or by a byte that is not
 * a token character: then the token at i is exactly that literal. Lets the
 * names and values that are checked be read once instead of scanned, then
 * compared (the fast path of sa_lex_name and sa_ipsec_value).
 */
/*@ requires i <= end;
    requires 1 <= n <= 16;
    requires \valid_read(buf + (0 .. end - 1));
    requires \valid_read(lit + (0 .. n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> i + n <= end;
 */
SA_HOT int
sa_match(const char *buf, size_t end, size_t i, const char *lit, size_t n)
{
	return end - i >= n && sa_lit(buf, i, lit, n) && sa_delim(buf, end, i + n);
}

/*
 * SA-01: the header name at buf[i ..]: Security-Client, -Server or -Verify
 * in any case, *(SP / HTAB), ':'. *kind gets the header, *pos the position
 * after the colon.
 */
/*@ requires i <= end;
    requires \valid_read(buf + (0 .. end - 1));
    requires \valid(kind) && \valid(pos);
    requires \separated(kind, pos, buf + (0 .. end - 1));
    assigns *kind, *pos;
    ensures \result == ITLS_OK || \result == ITLS_ERR_BAD_HEADER_NAME;
    ensures \result == ITLS_OK ==> i < *pos <= end && sa_kind_ok(*kind);
 */
static enum itls_err
sa_header(const char *buf, size_t end, size_t i,
	enum itls_secagree_kind *kind, size_t *pos)
{
	enum itls_secagree_kind k;
	size_t j;

	/* unrolled literal comparisons (sa_lit), the kind by its first letter */
	if (end - i < 16 || !sa_lit(buf, i, "security-", 9)) {
		return ITLS_ERR_BAD_HEADER_NAME;
	}
	switch (sa_fold(buf[i + 9])) {
	case 'c':
		k = ITLS_SECAGREE_CLIENT;
		if (!sa_lit(buf, i + 10, "lient", 5)) {
			return ITLS_ERR_BAD_HEADER_NAME;
		}
		break;
	case 's':
		k = ITLS_SECAGREE_SERVER;
		if (!sa_lit(buf, i + 10, "erver", 5)) {
			return ITLS_ERR_BAD_HEADER_NAME;
		}
		break;
	case 'v':
		k = ITLS_SECAGREE_VERIFY;
		if (!sa_lit(buf, i + 10, "erify", 5)) {
			return ITLS_ERR_BAD_HEADER_NAME;
		}
		break;
	default:
		return ITLS_ERR_BAD_HEADER_NAME;
	}
	j = i + 15;
	/*@ loop invariant i + 15 <= j <= end;
	    loop assigns j;
	    loop variant end - j;
	 */
	while (j < end && (buf[j] == ' ' || buf[j] == '\t')) {
		j++;
	}
	if (j == end || buf[j] != ':') {
		return ITLS_ERR_BAD_HEADER_NAME;
	}
	*kind = k;
	*pos = j + 1;
	return ITLS_OK;
}

/*
 * SA-05, SA-10: the parameter name at buf[i ..]: returns the end of its
 * token (i when there is none) and sets *pid to the checked parameter it
 * names (SA_P_OTHER for any other). The names of SA-12 .. SA-18 are
 * recognised by first letter and one literal comparison.
 */
/*@ requires i <= end;
    requires \valid_read(buf + (0 .. end - 1));
    requires \valid(pid);
    requires \separated(pid, buf + (0 .. end - 1));
    assigns *pid;
    ensures i <= \result <= end;
    ensures SA_P_OTHER <= *pid <= SA_P_PORTS;
 */
static size_t
sa_lex_name(const char *buf, size_t end, size_t i, int *pid)
{
	int id = SA_P_OTHER, c;
	size_t n = 0;

	if (i == end) {
		*pid = SA_P_OTHER;
		return i;
	}
	switch (buf[i]) {
	case 'q':
	case 'Q':
		if (sa_match(buf, end, i, "q", 1)) {
			id = SA_P_Q;
			n = 1;
		}
		break;
	case 'a':
	case 'A':
		if (sa_match(buf, end, i, "alg", 3)) {
			id = SA_P_ALG;
			n = 3;
		}
		break;
	case 'e':
	case 'E':
		if (sa_match(buf, end, i, "ealg", 4)) {
			id = SA_P_EALG;
			n = 4;
		}
		break;
	case 'm':
	case 'M':
		if (sa_match(buf, end, i, "mod", 3)) {
			id = SA_P_MOD;
			n = 3;
		}
		break;
	case 'd':
	case 'D':
		if (sa_match(buf, end, i, "d-ver", 5)) {
			id = SA_P_DVER;
			n = 5;
		}
		break;
	case 's':
	case 'S':
		/* spi-c, spi-s: one comparison of the prefix, then the last letter */
		if (end - i >= 5 && sa_lit(buf, i, "spi-", 4) && sa_delim(buf, end, i + 5)) {
			c = sa_fold(buf[i + 4]);
			id = c == 'c' ? SA_P_SPIC : c == 's' ? SA_P_SPIS : SA_P_OTHER;
			n = 5;
		}
		break;
	case 'p':
	case 'P':
		if (sa_match(buf, end, i, "prot", 4)) {
			id = SA_P_PROT;
			n = 4;
		} else if (end - i >= 6 && sa_lit(buf, i, "port-", 5)
			&& sa_delim(buf, end, i + 6)) {
			c = sa_fold(buf[i + 5]);
			id = c == 'c' ? SA_P_PORTC : c == 's' ? SA_P_PORTS : SA_P_OTHER;
			n = 6;
		}
		break;
	default:
		break;
	}
	*pid = id;
	if (id != SA_P_OTHER) {
		return i + n;
	}
	return sa_scan_token(buf, end, i);
}

/*
 * SA-18: a run of 1 to maxd decimal digits at buf[j ..] that ends the
 * token, with a value of at most the number written max[0 .. maxd) (maxd
 * digits, no leading zero): returns its end, else j. A run shorter than
 * maxd is always in range; one of exactly maxd digits is in range when it
 * is not above max in digit order, so no value is ever computed.
 */
/*@ requires j <= end;
    requires \valid_read(buf + (0 .. end - 1));
    requires 1 <= maxd <= 10;
    requires \valid_read(max + (0 .. maxd - 1));
    assigns \nothing;
    ensures j <= \result <= end;
 */
SA_HOT size_t
sa_decimal(const char *buf, size_t end, size_t j, const char *max, size_t maxd)
{
	size_t k = j, x;

	/*@ loop invariant j <= k <= end;
	    loop assigns k;
	    loop variant end - k;
	 */
	while (k < end && (sa_ctab[sa_byte(buf[k])] & SA_D) != 0) {
		k++;
	}
	if (k == j || k - j > maxd || !sa_delim(buf, end, k)) {
		return j;                         /* no digits, too many, or not a number */
	}
	if (k - j == maxd) {
		/*@ loop invariant 0 <= x <= maxd;
		    loop assigns x;
		    loop variant maxd - x;
		 */
		for (x = 0; x < maxd; x++) {
			if (buf[j + x] != max[x]) {
				return buf[j + x] < max[x] ? k : j;
			}
		}
	}
	return k;
}

/*
 * SA-15 .. SA-19, for an ipsec-3gpp mechanism: when the value at buf[j ..]
 * is a token that is valid for parameter pid (one of the listed values in
 * any case, or a number in range), its end; else j. Then the general path
 * lexes the value (a lexical fault keeps its own reason) and
 * sa_check_value gives the parameter's reason.
 */
/*@ requires j <= end;
    requires \valid_read(buf + (0 .. end - 1));
    requires SA_P_OTHER <= pid <= SA_P_PORTS;
    assigns \nothing;
    ensures j <= \result <= end;
 */
static size_t
sa_ipsec_value(const char *buf, size_t end, size_t j, int pid)
{
	switch (pid) {
	case SA_P_ALG:                            /* SA-15 */
		if (sa_match(buf, end, j, "hmac-sha-1-96", 13)) {
			return j + 13;
		}
		if (sa_match(buf, end, j, "hmac-md5-96", 11)) {
			return j + 11;
		}
		if (sa_match(buf, end, j, "aes-gmac", 8)) {
			return j + 8;
		}
		if (sa_match(buf, end, j, "null", 4)) {
			return j + 4;
		}
		return j;
	case SA_P_EALG:                           /* SA-16 */
		if (sa_match(buf, end, j, "aes-cbc", 7)) {
			return j + 7;
		}
		if (sa_match(buf, end, j, "null", 4)) {
			return j + 4;
		}
		if (sa_match(buf, end, j, "des-ede3-cbc", 12)) {
			return j + 12;
		}
		if (sa_match(buf, end, j, "aes-gcm", 7)) {
			return j + 7;
		}
		return j;
	case SA_P_PROT:                           /* SA-17 */
		if (sa_match(buf, end, j, "esp", 3)) {
			return j + 3;
		}
		if (sa_match(buf, end, j, "ah", 2)) {
			return j + 2;
		}
		return j;
	case SA_P_MOD:
		if (sa_match(buf, end, j, "trans", 5)) {
			return j + 5;
		}
		if (sa_match(buf, end, j, "tun", 3)) {
			return j + 3;
		}
		if (sa_match(buf, end, j, "udp-enc-tun", 11)) {
			return j + 11;
		}
		return j;
	case SA_P_SPIC:                           /* SA-18 */
	case SA_P_SPIS:
		return sa_decimal(buf, end, j, "4294967295", 10);
	case SA_P_PORTC:
	case SA_P_PORTS:
		return sa_decimal(buf, end, j, "65535", 5);
	default:
		return j;
	}
}

/*
 * SA-12 .. SA-19: check the value of parameter `pid` (written in form
 * vtype) of a mechanism that is ipsec-3gpp or not. A q sets *q.
 */
/*@ requires SA_P_OTHER <= pid <= SA_P_PORTS;
    requires SA_V_NONE <= vtype <= SA_V_BRACKET;
    requires off + n <= SIZE_MAX;
    requires \valid_read(buf + (off .. off + n - 1));
    requires \valid(q);
    requires \separated(q, buf + (off .. off + n - 1));
    assigns *q;
    ensures *q == \old(*q) || 0 <= *q <= 1000;
    ensures \result == ITLS_OK || \result == ITLS_ERR_BAD_QVALUE
      || \result == ITLS_ERR_BAD_D_VER || \result == ITLS_ERR_BAD_ALG
      || \result == ITLS_ERR_BAD_EALG || \result == ITLS_ERR_BAD_PROT
      || \result == ITLS_ERR_BAD_MOD || \result == ITLS_ERR_BAD_SPI
      || \result == ITLS_ERR_BAD_PORT;
 */
static enum itls_err
sa_check_value(int pid, int ipsec, int vtype, const char *buf, size_t off,
	size_t n, int *q)
{
	int v;
	int tok = vtype == SA_V_TOKEN;


	if (pid == SA_P_Q) {
		/* SA-12 */
		if (!tok) {
			return ITLS_ERR_BAD_QVALUE;
		}
		v = sa_qvalue(buf, off, n);
		if (v == SA_Q_BAD) {
			return ITLS_ERR_BAD_QVALUE;
		}
		*q = v;
		return ITLS_OK;
	}
	if (pid == SA_P_DVER) {
		/* SA-14 */
		return (vtype == SA_V_QUOTED && sa_dver_ok(buf, off, n))
			? ITLS_OK : ITLS_ERR_BAD_D_VER;
	}
	if (!ipsec) {
		return ITLS_OK;               /* SA-19: unchecked elsewhere */
	}
	/*
	 * SA-15 .. SA-19 on ipsec-3gpp: every valid value was taken by
	 * sa_ipsec_value (vtype SA_V_CHECKED) and does not come here; what
	 * comes here (another token, a quoted or bracketed value, no value)
	 * is not valid.
	 */
	(void)buf;
	(void)off;
	(void)n;
	switch (pid) {
	case SA_P_ALG:
		return ITLS_ERR_BAD_ALG;
	case SA_P_EALG:
		return ITLS_ERR_BAD_EALG;
	case SA_P_PROT:
		return ITLS_ERR_BAD_PROT;
	case SA_P_MOD:
		return ITLS_ERR_BAD_MOD;
	case SA_P_SPIC:
	case SA_P_SPIS:
		return ITLS_ERR_BAD_SPI;
	case SA_P_PORTC:
	case SA_P_PORTS:
		return ITLS_ERR_BAD_PORT;
	default:
		return ITLS_OK;
	}
}

/* ---- mechanisms and lists ----------------------------------------------- */

/* SA-10: does a parameter of m[0 .. np) have the name buf[off .. off+n)? */
/*@ requires \valid_read(m);
    requires np <= ITLS_SECAGREE_MAX_PARAMS;
    requires end <= ITLS_SECAGREE_MAX_LEN;
    requires \valid_read(buf + (0 .. end - 1));
    requires off + n <= end;
    requires \forall integer p; 0 <= p < np ==>
      m->params[p].name.off + m->params[p].name.len <= end;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int
sa_name_dup(const struct itls_secagree_mech *m, size_t np, const char *buf,
	size_t end, size_t off, size_t n)
{
	size_t p;

	(void)end;
	/*@ loop invariant 0 <= p <= np;
	    loop assigns p;
	    loop variant np - p;
	 */
	for (p = 0; p < np; p++) {
		if (m->params[p].name.len == n
			&& sa_ieq_buf(buf + m->params[p].name.off, buf + off, n)) {
			return 1;
		}
	}
	return 0;
}

/*
 * SA-03, D-SA-15: after a parameter value at k, skip SWS; the parameter
 * must end there, at `;`, `,` or the end of the value. Returns that
 * position, or end + 1 when other text is left over (then it is `syntax`
 * before the parameter's meaning is looked at).
 */
/*@ requires k <= end <= ITLS_SECAGREE_MAX_LEN;
    requires \valid_read(buf + (0 .. end - 1));
    assigns \nothing;
    ensures k <= \result <= end + 1;
    ensures \result < end ==> buf[\result] == ';' || buf[\result] == ',';
 */
SA_HOT size_t
sa_param_end(const char *buf, size_t end, size_t k)
{
	if (k < end && buf[k] != ';' && buf[k] != ',') {
		k = sa_skip_sws(buf, end, k);
		if (k < end && buf[k] != ';' && buf[k] != ',') {
			return end + 1;
		}
	}
	return k;
}

/*
 * SA-06: one parameter at buf[i ..] (just after `;` and its SWS): a name,
 * and when `=` follows, a value (token, [IPv6] or quoted-string). *p gets
 * the views, *pid the checked parameter the name is, *vtype the form of
 * the value (SA_V_CHECKED: a token the fast path already found valid for
 * an ipsec-3gpp mechanism), *pos the position after the parameter and the
 * SWS after it.
 */
/*@ requires i <= end <= ITLS_SECAGREE_MAX_LEN;
    requires \valid_read(buf + (0 .. end - 1));
    requires \valid(p) && \valid(pid) && \valid(vtype) && \valid(pos);
    requires \separated(p, pid, vtype, pos, buf + (0 .. end - 1));
    assigns *p, *pid, *vtype, *pos;
    ensures \result == ITLS_OK || \result == ITLS_ERR_SYNTAX
      || \result == ITLS_ERR_BAD_QUOTED_STRING;
    ensures \result == ITLS_OK ==> p->name.off + p->name.len <= end && p->name.len >= 1;
    ensures \result == ITLS_OK ==> p->value.off + p->value.len <= end;
    ensures \result == ITLS_OK ==> i < *pos <= end;
    ensures \result == ITLS_OK && *pos < end ==> buf[*pos] == ';' || buf[*pos] == ',';
    ensures \result == ITLS_OK ==> SA_V_NONE <= *vtype <= SA_V_CHECKED;
    ensures \result == ITLS_OK ==> SA_P_OTHER <= *pid <= SA_P_PORTS;
 */
static enum itls_err
sa_lex_param(const char *buf, size_t end, size_t i, int ipsec,
	struct itls_secagree_param *p, int *pid, int *vtype, size_t *pos)
{
	size_t t, j, k = 0;
	enum itls_err e;

	t = sa_lex_name(buf, end, i, pid);
	if (t == i) {
		return ITLS_ERR_SYNTAX;       /* SA-05: no name */
	}
	p->name.off = i;
	p->name.len = t - i;
	j = t;
	if (j == end || buf[j] != '=') {
		j = sa_sws(buf, end, t);
		if (j == end || buf[j] != '=') {
			/* SA-06: a parameter without a value (;mediasec) */
			if (j < end && buf[j] != ';' && buf[j] != ',') {
				return ITLS_ERR_SYNTAX;   /* D-SA-15: it does not end here */
			}
			p->value.off = t;
			p->value.len = 0;
			p->has_value = 0;
			*vtype = SA_V_NONE;
			*pos = j;
			return ITLS_OK;
		}
	}
	j = sa_sws(buf, end, j + 1);
	if (j == end) {
		return ITLS_ERR_SYNTAX;       /* SA-06: `=` without a value */
	}
	k = ipsec ? sa_ipsec_value(buf, end, j, *pid) : j;
	if (k > j) {
		*vtype = SA_V_CHECKED;        /* SA-15 .. SA-18, already valid */
	} else if (buf[j] == '"') {
		e = sa_scan_quoted(buf, end, j, &k);
		if (e != ITLS_OK) {
			return e;
		}
		*vtype = SA_V_QUOTED;
	} else if (buf[j] == '[') {
		e = sa_scan_bracket(buf, end, j, &k);
		if (e != ITLS_OK) {
			return e;
		}
		*vtype = SA_V_BRACKET;
	} else {
		k = sa_scan_token(buf, end, j);
		if (k == j) {
			return ITLS_ERR_SYNTAX;
		}
		*vtype = SA_V_TOKEN;
	}
	p->value.off = j;
	p->value.len = k - j;
	p->has_value = 1;
	k = sa_param_end(buf, end, k);
	if (k > end) {
		return ITLS_ERR_SYNTAX;       /* D-SA-15: text left over after the value */
	}
	*pos = k;
	return ITLS_OK;
}

/*
 * Store parameter *p as m->params[np] (the views of the first np lie in
 * buf[0 .. end) and so do p's): afterwards the first np + 1 do. Kept apart
 * so that the frame reasoning of the store is proved on its own.
 */
/*@ requires \valid(m) && \valid_read(p);
    requires \separated(m, p);
    requires np < ITLS_SECAGREE_MAX_PARAMS;
    requires p->name.off + p->name.len <= end;
    requires p->value.off + p->value.len <= end;
    requires \forall integer k; 0 <= k < np ==>
      m->params[k].name.off + m->params[k].name.len <= end;
    requires \forall integer k; 0 <= k < np ==>
      m->params[k].value.off + m->params[k].value.len <= end;
    assigns m->params[np];
    ensures \forall integer k; 0 <= k <= np ==>
      m->params[k].name.off + m->params[k].name.len <= end;
    ensures \forall integer k; 0 <= k <= np ==>
      m->params[k].value.off + m->params[k].value.len <= end;
 */
static void
sa_store_param(struct itls_secagree_mech *m, size_t np,
	const struct itls_secagree_param *p, size_t end)
{
	(void)end;
	m->params[np].name.off = p->name.off;
	m->params[np].name.len = p->name.len;
	m->params[np].value.off = p->value.off;
	m->params[np].value.len = p->value.len;
	m->params[np].has_value = p->has_value;
}

/*
 * SA-04: one mechanism at buf[i ..] into *m: its name, then `;` params,
 * each checked (SA-10 .. SA-19); at its end SA-20. *pos gets the position
 * after it and its trailing SWS (a `,`, or end).
 */
/*@ requires i <= end <= ITLS_SECAGREE_MAX_LEN;
    requires \valid_read(buf + (0 .. end - 1));
    requires sa_kind_ok(kind);
    requires \valid(m) && \valid(pos);
    requires \separated(m, pos, buf + (0 .. end - 1));
    assigns *m, *pos;
    ensures \result == ITLS_OK ==> sa_mech_in(m, end);
    ensures \result == ITLS_OK ==> i < *pos <= end;
 */
static enum itls_err
sa_parse_mech(const char *buf, size_t end, size_t i,
	enum itls_secagree_kind kind, struct itls_secagree_mech *m, size_t *pos)
{
	struct itls_secagree_param p;
	size_t t, j, np = 0;
	unsigned seen = 0, got;
	int ipsec, vtype = SA_V_NONE, pid, q = ITLS_SECAGREE_Q_NONE;
	enum itls_err e;

	/* SA-15 .. SA-20 apply to ipsec-3gpp (any case) */
	ipsec = sa_match(buf, end, i, "ipsec-3gpp", 10);
	t = ipsec ? i + 10 : sa_scan_token(buf, end, i);
	if (t == i) {
		return ITLS_ERR_SYNTAX;       /* SA-02, SA-05: no mechanism name */
	}
	m->name.off = i;
	m->name.len = t - i;
	j = sa_sws(buf, end, t);
	/*@ loop invariant i < j <= end;
	    loop invariant np <= ITLS_SECAGREE_MAX_PARAMS;
	    loop invariant q == ITLS_SECAGREE_Q_NONE || 0 <= q <= 1000;
	    loop invariant m->name.off == i && m->name.len == t - i && t <= end;
	    loop invariant \forall integer k; 0 <= k < np ==>
	      m->params[k].name.off + m->params[k].name.len <= end;
	    loop invariant \forall integer k; 0 <= k < np ==>
	      m->params[k].value.off + m->params[k].value.len <= end;
	    loop assigns j, np, seen, q, p, vtype, pid, e,
	      m->params[0 .. ITLS_SECAGREE_MAX_PARAMS - 1];
	    loop variant end - j;
	 */
	while (j < end && buf[j] == ';') {
		e = sa_lex_param(buf, end, sa_sws(buf, end, j + 1), ipsec, &p, &pid,
			&vtype, &j);
		if (e != ITLS_OK) {
			return e;
		}
		if (np == ITLS_SECAGREE_MAX_PARAMS) {
			return ITLS_ERR_TOO_MANY_PARAMETERS;      /* SA-11 */
		}
		if (pid != SA_P_OTHER) {
			if ((seen & sa_pbit[pid]) != 0) {
				return ITLS_ERR_DUPLICATE_PARAMETER;  /* SA-10 */
			}
			seen |= sa_pbit[pid];
		} else if (sa_name_dup(m, np, buf, end, p.name.off, p.name.len)) {
			return ITLS_ERR_DUPLICATE_PARAMETER;      /* SA-10 */
		}
		if (vtype != SA_V_CHECKED) {
			e = sa_check_value(pid, ipsec, vtype, buf, p.value.off, p.value.len, &q);
			if (e != ITLS_OK) {
				return e;
			}
		}
		sa_store_param(m, np, &p, end);
		np++;
	}
	if (j < end && buf[j] != ',') {
		return ITLS_ERR_SYNTAX;       /* SA-05: the mechanism does not end here */
	}
	/* SA-20: ipsec-3gpp carries alg, spi-c, spi-s, port-c, port-s */
	got = seen & SA_MANDATORY;
	if (ipsec && got != SA_MANDATORY
		&& (kind == ITLS_SECAGREE_CLIENT || got != 0)) {
		return ITLS_ERR_MISSING_PARAMETER;
	}
	/*@ assert \forall integer k; 0 <= k < np ==>
	      m->params[k].name.off + m->params[k].name.len <= end; */
	/*@ assert \forall integer k; 0 <= k < np ==>
	      m->params[k].value.off + m->params[k].value.len <= end; */
	*pos = j;
	m->q = q;
	m->nparams = np;
	/*@ assert \forall integer k; 0 <= k < m->nparams ==>
	      m->params[k].name.off + m->params[k].name.len <= end; */
	/*@ assert \forall integer k; 0 <= k < m->nparams ==>
	      m->params[k].value.off + m->params[k].value.len <= end; */
	/*@ assert m->name.off + m->name.len <= end; */
	/*@ assert sa_mech_in(m, end); */
	return ITLS_OK;
}

/* SA-13: has a mechanism of l->mechs[0 .. n) the q value q? */
/*@ requires \valid_read(l);
    requires n <= ITLS_SECAGREE_MAX_MECHS;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int
sa_q_taken(const struct itls_secagree_list *l, size_t n, int q)
{
	size_t k;

	/*@ loop invariant 0 <= k <= n;
	    loop assigns k;
	    loop variant n - k;
	 */
	for (k = 0; k < n; k++) {
		if (l->mechs[k].q == q) {
			return 1;
		}
	}
	return 0;
}

/*
 * SA-04, SA-13: parse mechanism number n of l at buf[i ..] into
 * l->mechs[n], then refuse a q equal to one of the mechanisms before it.
 * The mechanisms before n are left as they were.
 */
/*@ requires \valid(l) && \valid(pos);
    requires i <= end <= ITLS_SECAGREE_MAX_LEN;
    requires \valid_read(buf + (0 .. end - 1));
    requires \separated(l, pos, buf + (0 .. end - 1));
    requires sa_kind_ok(kind);
    requires n < ITLS_SECAGREE_MAX_MECHS;
    requires \forall integer k; 0 <= k < n ==> sa_mech_in(&l->mechs[k], end);
    assigns l->mechs[n], *pos;
    ensures \forall integer k; 0 <= k < n ==> sa_mech_in(&l->mechs[k], end);
    ensures \result == ITLS_OK ==> sa_mech_in(&l->mechs[n], end);
    ensures \result == ITLS_OK ==> i < *pos <= end;
 */
static enum itls_err
sa_add_mech(struct itls_secagree_list *l, size_t n, const char *buf,
	size_t end, size_t i, enum itls_secagree_kind kind, size_t *pos)
{
	enum itls_err e = sa_parse_mech(buf, end, i, kind, &l->mechs[n], pos);

	if (e != ITLS_OK) {
		return e;
	}
	if (l->mechs[n].q != ITLS_SECAGREE_Q_NONE && sa_q_taken(l, n, l->mechs[n].q)) {
		return ITLS_ERR_DUPLICATE_Q;              /* SA-13 */
	}
	return ITLS_OK;
}

/*
 * SA-02, SA-09: the value at buf[i .. end) of a header of kind `kind`:
 * mechanisms separated by commas, appended to l.
 */
/*@ requires \valid(l);
    requires i <= end <= ITLS_SECAGREE_MAX_LEN;
    requires \valid_read(buf + (0 .. end - 1));
    requires \separated(l, buf + (0 .. end - 1));
    requires sa_kind_ok(kind);
    requires sa_list_in(l, end);
    assigns l->count, l->mechs[0 .. ITLS_SECAGREE_MAX_MECHS - 1];
    ensures sa_list_in(l, end);
    ensures \result == ITLS_OK ==> \old(l->count) < l->count;
 */
static enum itls_err
sa_parse_list(struct itls_secagree_list *l, const char *buf, size_t end,
	size_t i, enum itls_secagree_kind kind)
{
	size_t n = l->count;
	enum itls_err e;

	i = sa_sws(buf, end, i);
	if (i == end) {
		return ITLS_ERR_EMPTY;        /* SA-02: no mechanism */
	}
	/*@ loop invariant \at(i, Pre) <= i <= end;
	    loop invariant \at(l->count, Pre) <= n <= ITLS_SECAGREE_MAX_MECHS;
	    loop invariant l->count == n;
	    loop invariant \forall integer k; 0 <= k < n ==> sa_mech_in(&l->mechs[k], end);
	    loop assigns i, n, e, l->count, l->mechs[0 .. ITLS_SECAGREE_MAX_MECHS - 1];
	    loop variant end - i;
	 */
	for (;;) {
		if (n == ITLS_SECAGREE_MAX_MECHS) {
			/* SA-11: a 17th mechanism, when one starts here */
			return sa_scan_token(buf, end, i) == i
				? ITLS_ERR_SYNTAX : ITLS_ERR_TOO_MANY_MECHANISMS;
		}
		e = sa_add_mech(l, n, buf, end, i, kind, &i);
		if (e != ITLS_OK) {
			return e;
		}
		n++;
		l->count = n;
		/*@ assert sa_list_in(l, end); */
		if (i == end) {
			return ITLS_OK;
		}
		if (buf[i] != ',') {
			return ITLS_ERR_SYNTAX;                   /* SA-05 */
		}
		i = sa_sws(buf, end, i + 1);
	}
}

/* see itls/secagree.h */
void
itls_secagree_init(struct itls_secagree_list *l)
{
	l->kind = ITLS_SECAGREE_UNSET;
	l->count = 0;
}

/* SA-09, SA-31: one value of header `kind` at buf[off .. len) into l */
/*@ requires \valid(l);
    requires \valid_read(buf + (0 .. len - 1));
    requires \separated(l, buf + (0 .. len - 1));
    requires off <= len;
    requires sa_kind_ok(kind);
    requires sa_list_in(l, len);
    requires l->kind == ITLS_SECAGREE_UNSET || sa_kind_ok(l->kind);
    assigns *l;
    ensures sa_list_in(l, len);
    ensures \result == ITLS_OK ==> \old(l->count) < l->count && l->kind == kind;
    ensures \result == ITLS_OK && \old(l->kind) != ITLS_SECAGREE_UNSET ==>
      l->kind == \old(l->kind);
 */
static enum itls_err
sa_append(struct itls_secagree_list *l, enum itls_secagree_kind kind,
	const char *buf, size_t len, size_t off)
{
	if (len > ITLS_SECAGREE_MAX_LEN) {
		return ITLS_ERR_TOO_LONG;                         /* SA-31 */
	}
	if (l->kind != ITLS_SECAGREE_UNSET && l->kind != kind) {
		return ITLS_ERR_MIXED_HEADERS;                    /* SA-09 */
	}
	l->kind = kind;
	return sa_parse_list(l, buf, len, off, kind);
}

/* see itls/secagree.h */
enum itls_err
itls_secagree_append(struct itls_secagree_list *l, const char *buf, size_t len,
	size_t off)
{
	enum itls_secagree_kind kind = ITLS_SECAGREE_UNSET;
	size_t i = off;
	enum itls_err e;

	if (len > ITLS_SECAGREE_MAX_LEN) {
		return ITLS_ERR_TOO_LONG;                         /* SA-31 */
	}
	e = sa_header(buf, len, off, &kind, &i);                  /* SA-01 */
	if (e != ITLS_OK) {
		return e;
	}
	return sa_append(l, kind, buf, len, i);
}

/* see itls/secagree.h */
enum itls_err
itls_secagree_append_value(struct itls_secagree_list *l,
	enum itls_secagree_kind kind, const char *buf, size_t len, size_t off)
{
	return sa_append(l, kind, buf, len, off);
}

/* see itls/secagree.h */
enum itls_err
itls_secagree_parse(struct itls_secagree_list *l, const char *buf, size_t len)
{
	itls_secagree_init(l);
	return itls_secagree_append(l, buf, len, 0);
}

/* see itls/secagree.h */
enum itls_err
itls_secagree_parse_value(struct itls_secagree_list *l,
	enum itls_secagree_kind kind, const char *buf, size_t len)
{
	itls_secagree_init(l);
	return sa_append(l, kind, buf, len, 0);
}

/* ---- ranks: a value checked, only names and q kept (SA-32) ----------------- */

/*
 * SA-12: m->q from the text: the number the value of m's first parameter
 * named q writes (SA-10 refuses a second one), ITLS_SECAGREE_Q_NONE when
 * it has none. 0 when that value is not a qvalue: sa_check_value has
 * refused such a value already, so the parser never sees 0 here.
 */
/*@ requires \valid(m);
    requires \valid_read(buf + (0 .. len - 1));
    requires \separated(m, buf + (0 .. len - 1));
    requires m->nparams <= ITLS_SECAGREE_MAX_PARAMS;
    requires m->name.off + m->name.len <= len;
    requires \forall integer k; 0 <= k < m->nparams ==>
      m->params[k].name.off + m->params[k].name.len <= len;
    requires \forall integer k; 0 <= k < m->nparams ==>
      m->params[k].value.off + m->params[k].value.len <= len;
    assigns m->q;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> sa_mech_in(m, len);
    ensures SA_12: \result == 1 ==> sa_mech_q(buf, m);
 */
static int
sa_set_q(struct itls_secagree_mech *m, const char *buf, size_t len)
{
	size_t p;
	int v = ITLS_SECAGREE_Q_NONE;

	(void)len;
	/*@ loop invariant 0 <= p <= m->nparams;
	    loop invariant \forall integer k; 0 <= k < p ==> !sa_is_qparam(buf, &m->params[k]);
	    loop assigns p;
	    loop variant m->nparams - p;
	 */
	for (p = 0; p < m->nparams; p++) {
		if (m->params[p].name.len == 1
			&& sa_fold(buf[m->params[p].name.off]) == 'q') {
			break;
		}
	}
	if (p < m->nparams) {
		/*@ assert sa_is_qparam(buf, &m->params[p]); */
		if (m->params[p].has_value == 0) {
			return 0;
		}
		v = sa_qvalue(buf, m->params[p].value.off, m->params[p].value.len);
		if (v == SA_Q_BAD) {
			return 0;
		}
		/*@ assert sa_first_q(buf, m, p); */
	}
	/*@ assert sa_qof(buf, m, v); */
	m->q = v;
	/*@ assert \forall integer k; 0 <= k < m->nparams ==>
	      m->params[k].name.off + m->params[k].name.len <= len; */
	/*@ assert \forall integer k; 0 <= k < m->nparams ==>
	      m->params[k].value.off + m->params[k].value.len <= len; */
	/*@ assert sa_qof(buf, m, m->q); */
	return 1;
}

/*@ // SA-32: rank r is the name and the q of a mechanism parsed from buf[0 .. len)
    predicate sa_rank_ok{L}(char *buf, struct itls_secagree_rank *r, integer len) =
      r->name.off + r->name.len <= len &&
      (r->q == ITLS_SECAGREE_Q_NONE || 0 <= r->q <= 1000) &&
      (r->q != ITLS_SECAGREE_Q_NONE ==> r->qval.off + r->qval.len <= len &&
        sa_qsyntax(buf + r->qval.off, r->qval.len) &&
        r->q == sa_qval(buf + r->qval.off, r->qval.len));
 */

/* SA-13: has one of r->mechs[0 .. n) the q value q? */
/*@ requires \valid_read(r);
    requires n <= ITLS_SECAGREE_MAX_MECHS;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
 */
static int
sa_rank_q_taken(const struct itls_secagree_ranks *r, size_t n, int q)
{
	size_t k;

	/*@ loop invariant 0 <= k <= n;
	    loop assigns k;
	    loop variant n - k;
	 */
	for (k = 0; k < n; k++) {
		if (r->mechs[k].q == q) {
			return 1;
		}
	}
	return 0;
}

/* SA-12: the value of m's (first) q parameter, the text m->q was read from */
/*@ requires \valid_read(m) && \valid(v);
    requires \valid_read(buf + (0 .. len - 1));
    requires sa_mech_in(m, len);
    requires sa_mech_q(buf, m);
    requires \separated(v, m, buf + (0 .. len - 1));
    assigns *v;
    ensures m->q != ITLS_SECAGREE_Q_NONE ==> v->off + v->len <= len &&
      sa_qsyntax(buf + v->off, v->len) && m->q == sa_qval(buf + v->off, v->len);
 */
static void
sa_qview(const struct itls_secagree_mech *m, const char *buf, size_t len,
	struct itls_secagree_view *v)
{
	size_t p;

	(void)len;
	/*@ loop invariant 0 <= p <= m->nparams;
	    loop invariant \forall integer k; 0 <= k < p ==> !sa_is_qparam(buf, &m->params[k]);
	    loop assigns p;
	    loop variant m->nparams - p;
	 */
	for (p = 0; p < m->nparams; p++) {
		if (m->params[p].name.len == 1
			&& sa_fold(buf[m->params[p].name.off]) == 'q') {
			/*@ assert sa_first_q(buf, m, p); */
			/*@ assert m->params[p].value.off + m->params[p].value.len <= len &&
			      sa_qsyntax(buf + m->params[p].value.off, m->params[p].value.len) &&
			      m->q == sa_qval(buf + m->params[p].value.off, m->params[p].value.len); */
			v->off = m->params[p].value.off;
			v->len = m->params[p].value.len;
			return;
		}
	}
	/*@ assert m->q == ITLS_SECAGREE_Q_NONE; */
	v->off = 0;
	v->len = 0;
}

/* store the name and q of m, and the view v of its q value, as rank n of r */
/*@ requires \valid(r) && \valid_read(m) && \valid_read(v);
    requires \valid_read(buf + (0 .. len - 1));
    requires \separated(r, m, v, buf + (0 .. len - 1));
    requires n < ITLS_SECAGREE_MAX_MECHS;
    requires m->name.off + m->name.len <= len;
    requires m->q == ITLS_SECAGREE_Q_NONE || 0 <= m->q <= 1000;
    requires m->q != ITLS_SECAGREE_Q_NONE ==> v->off + v->len <= len &&
      sa_qsyntax(buf + v->off, v->len) && m->q == sa_qval(buf + v->off, v->len);
    requires \forall integer k; 0 <= k < n ==> sa_rank_ok(buf, &r->mechs[k], len);
    assigns r->mechs[n];
    ensures \forall integer k; 0 <= k <= n ==> sa_rank_ok(buf, &r->mechs[k], len);
 */
static void
sa_store_rank(struct itls_secagree_ranks *r, size_t n,
	const struct itls_secagree_mech *m, const struct itls_secagree_view *v,
	const char *buf, size_t len)
{
	(void)buf;
	(void)len;
	r->mechs[n].name.off = m->name.off;
	r->mechs[n].name.len = m->name.len;
	r->mechs[n].q = m->q;
	r->mechs[n].qval.off = v->off;
	r->mechs[n].qval.len = v->len;
	/*@ assert sa_rank_ok(buf, &r->mechs[n], len); */
}

/* r holds n ranks (the store is framed here, apart from the loop) */
/*@ requires \valid(r);
    requires \valid_read(buf + (0 .. len - 1));
    requires \separated(r, buf + (0 .. len - 1));
    requires n <= ITLS_SECAGREE_MAX_MECHS;
    requires \forall integer k; 0 <= k < n ==> sa_rank_ok(buf, &r->mechs[k], len);
    assigns r->count;
    ensures r->count == n;
    ensures \forall integer k; 0 <= k < n ==> sa_rank_ok(buf, &r->mechs[k], len);
    ensures sa_ranks_in(r, len);
    ensures sa_ranks_q(buf, r, len);
 */
static void
sa_set_count(struct itls_secagree_ranks *r, size_t n, const char *buf,
	size_t len)
{
	(void)buf;
	(void)len;
	r->count = n;
	/*@ assert \forall integer k; 0 <= k < n ==> sa_rank_ok(buf, &r->mechs[k], len); */
}

/*
 * SA-04, SA-13, SA-32: parse the mechanism at buf[i ..] into *m (the
 * caller's scratch), refuse a q equal to one of r->mechs[0 .. n), then keep
 * its name and q as rank n. Afterwards r->count is the number of ranks
 * (n + 1 on success, n otherwise), every one of them well-formed.
 */
/*@ requires \valid(r) && \valid(m) && \valid(v) && \valid(pos);
    requires i <= len <= ITLS_SECAGREE_MAX_LEN;
    requires \valid_read(buf + (0 .. len - 1));
    requires \separated(r, m, v, pos, buf + (0 .. len - 1));
    requires sa_kind_ok(kind);
    requires n < ITLS_SECAGREE_MAX_MECHS;
    requires \forall integer k; 0 <= k < n ==> sa_rank_ok(buf, &r->mechs[k], len);
    assigns *m, *v, *pos, r->mechs[n], r->count;
    ensures \result == ITLS_OK ==> r->count == n + 1 && i < *pos <= len;
    ensures \result != ITLS_OK ==> r->count == n;
    ensures \forall integer k; 0 <= k < r->count ==> sa_rank_ok(buf, &r->mechs[k], len);
    ensures sa_ranks_in(r, len);
    ensures sa_ranks_q(buf, r, len);
 */
static enum itls_err
sa_rank_add(struct itls_secagree_ranks *r, size_t n,
	struct itls_secagree_mech *m, struct itls_secagree_view *v,
	const char *buf, size_t len, size_t i, enum itls_secagree_kind kind,
	size_t *pos)
{
	size_t c = n;
	enum itls_err e = sa_parse_mech(buf, len, i, kind, m, pos);

	/*@ assert \forall integer k; 0 <= k < n ==>
	      r->mechs[k].name.off == \at(r->mechs[k].name.off, Pre) &&
	      r->mechs[k].name.len == \at(r->mechs[k].name.len, Pre) &&
	      r->mechs[k].q == \at(r->mechs[k].q, Pre) &&
	      r->mechs[k].qval.off == \at(r->mechs[k].qval.off, Pre) &&
	      r->mechs[k].qval.len == \at(r->mechs[k].qval.len, Pre); */
	/*@ assert \forall integer x; 0 <= x < len ==> buf[x] == \at(buf[x], Pre); */
	/*@ assert \forall integer k; 0 <= k < n ==> sa_rank_ok(buf, &r->mechs[k], len); */
	/* SA-12: the q kept is the one the text writes (sa_parse_mech has
	 * checked that text, so sa_set_q never fails here) */
	if (e == ITLS_OK && !sa_set_q(m, buf, len)) {
		e = ITLS_ERR_BAD_QVALUE;
	}
	/*@ assert \forall integer k; 0 <= k < n ==>
	      r->mechs[k].name.off == \at(r->mechs[k].name.off, Pre) &&
	      r->mechs[k].name.len == \at(r->mechs[k].name.len, Pre) &&
	      r->mechs[k].q == \at(r->mechs[k].q, Pre) &&
	      r->mechs[k].qval.off == \at(r->mechs[k].qval.off, Pre) &&
	      r->mechs[k].qval.len == \at(r->mechs[k].qval.len, Pre); */
	/*@ assert \forall integer k; 0 <= k < n ==> sa_rank_ok(buf, &r->mechs[k], len); */
	if (e == ITLS_OK && m->q != ITLS_SECAGREE_Q_NONE
		&& sa_rank_q_taken(r, n, m->q)) {
		e = ITLS_ERR_DUPLICATE_Q;                 /* SA-13 */
	}
	if (e == ITLS_OK) {
		sa_qview(m, buf, len, v);
		sa_store_rank(r, n, m, v, buf, len);
		c = n + 1;
	}
	sa_set_count(r, c, buf, len);
	return e;
}

/* see itls/secagree.h */
enum itls_err
itls_secagree_parse_ranks(struct itls_secagree_ranks *r,
	enum itls_secagree_kind kind, const char *buf, size_t len)
{
	struct itls_secagree_mech m;
	struct itls_secagree_view v;
	size_t n = 0, i;
	enum itls_err e;

	r->kind = kind;
	sa_set_count(r, 0, buf, len);
	if (len > ITLS_SECAGREE_MAX_LEN) {
		return ITLS_ERR_TOO_LONG;                         /* SA-31 */
	}
	/* the steps of sa_parse_list, each mechanism into m (SA-32) */
	i = sa_sws(buf, len, 0);
	if (i == len) {
		return ITLS_ERR_EMPTY;        /* SA-02: no mechanism */
	}
	/*@ loop invariant 0 <= i <= len;
	    loop invariant 0 <= n <= ITLS_SECAGREE_MAX_MECHS;
	    loop invariant r->count == n && r->kind == kind;
	    loop invariant \forall integer k; 0 <= k < n ==> sa_rank_ok(buf, &r->mechs[k], len);
	    loop invariant sa_ranks_in(r, len);
	    loop invariant SA_12: sa_ranks_q(buf, r, len);
	    loop assigns i, n, e, m, v, r->count, r->mechs[0 .. ITLS_SECAGREE_MAX_MECHS - 1];
	    loop variant len - i;
	 */
	for (;;) {
		if (n == ITLS_SECAGREE_MAX_MECHS) {
			/* SA-11: a 17th mechanism, when one starts here */
			return sa_scan_token(buf, len, i) == i
				? ITLS_ERR_SYNTAX : ITLS_ERR_TOO_MANY_MECHANISMS;
		}
		e = sa_rank_add(r, n, &m, &v, buf, len, i, kind, &i);
		if (e != ITLS_OK) {
			return e;
		}
		n++;
		if (i == len) {
			return ITLS_OK;
		}
		if (buf[i] != ',') {
			return ITLS_ERR_SYNTAX;                   /* SA-05 */
		}
		i = sa_sws(buf, len, i + 1);
	}
}

/* ---- canonical line (SA-21, SA-22) ------------------------------------- */

/*
 * How the line is written (issue 14: the print path). In the common case a
 * mechanism is already written canonically in the input: its names are in
 * lower case and nothing but `;` and `=` lies between its views, so its
 * canonical text is one run of the input, buf[name.off .. name.off +
 * sa_mlen). sa_mech_scan recognises that case (sa_mech_tight) and sa_copy copies
 * the run eight bytes a step. Any other mechanism (white space, upper case
 * in a name) is written view by view (sa_put_param).
 */

/*@ // the parameter p is written canonically in buf at `at`: `;` name `=` value,
    // its name in lower case, its views where the canonical text has them
    predicate sa_param_tight{L}(char *buf, integer at, struct itls_secagree_param *p) =
      buf[at] == ';' && p->name.off == at + 1 &&
      sa_lowtext(buf, at + 1, buf, at + 1, p->name.len) &&
      (p->has_value != 0 ==>
        buf[at + 1 + p->name.len] == '=' && p->value.off == at + 2 + p->name.len);

    // the mechanism m is written canonically in buf from m->name.off on
    predicate sa_mech_tight{L}(char *buf, struct itls_secagree_mech *m) =
      sa_lowtext(buf, m->name.off, buf, m->name.off, m->name.len) &&
      \forall integer p; 0 <= p < m->nparams ==>
        sa_param_tight(buf, m->name.off + m->name.len + sa_plen(m, p), &m->params[p]);

    // out[a .. b) is the same in memories L1 and L2
    predicate sa_same{L1,L2}(char *out, integer a, integer b) =
      \forall integer x; a <= x < b ==> \at(out[x], L1) == \at(out[x], L2);

    // a tight parameter's canonical text is the run buf[at .. at + sa_param_clen(p))
    lemma sa_param_tight_byte{L}:
      \forall char *buf, integer at, k, struct itls_secagree_param *p;
        sa_param_tight(buf, at, p) && 0 <= k < sa_param_clen(p) ==>
        buf[at + k] == sa_param_byte(buf, p, k);

    // the canonical bytes of p read the same in L1 and L2 when p and buf do
    lemma sa_param_byte_frame{L1,L2}:
      \forall char *buf, integer len, k, struct itls_secagree_param *p;
        \at(p->name.off, L1) == \at(p->name.off, L2) &&
        \at(p->name.len, L1) == \at(p->name.len, L2) &&
        \at(p->value.off, L1) == \at(p->value.off, L2) &&
        \at(p->value.len, L1) == \at(p->value.len, L2) &&
        \at(p->has_value, L1) == \at(p->has_value, L2) &&
        0 <= \at(p->name.off, L1) && \at(p->name.off + p->name.len, L1) <= len &&
        0 <= \at(p->value.off, L1) && \at(p->value.off + p->value.len, L1) <= len &&
        sa_same{L1,L2}(buf, 0, len) &&
        0 <= k < sa_param_clen{L1}(p) ==>
        sa_param_byte{L1}(buf, p, k) == sa_param_byte{L2}(buf, p, k);

    // sa_plen grows with the number of parameters
    predicate sa_plen_mono{L}(struct itls_secagree_mech *m) =
      \forall integer a, b; 0 <= a <= b <= m->nparams ==> 0 <= sa_plen(m, a) <= sa_plen(m, b);

    // ---- the proof of SA-21 / SA-22 (the writers below) ----------------------

    // SA-21: out[at .. at + sa_param_clen(p)) is the canonical text of parameter p
    predicate sa_param_text{Lo,Ll}(char *out, integer at, char *buf,
                                   struct itls_secagree_param *p) =
      \forall integer x; at <= x < at + sa_param_clen{Ll}(p) ==>
        \at(out[x], Lo) == sa_param_byte{Ll}(buf, p, x - at);


    // the part of a mechanism's text written so far stays when out[at .. its end) does
    lemma sa_mech_part_frame{L1,L2,Ll}:
      \forall char *out, integer at, e, char *buf, struct itls_secagree_mech *m, integer n;
        at + \at(m->name.len, Ll) <= e &&
        (\forall integer p; 0 <= p < n ==> 0 <= sa_plen{Ll}(m, p) &&
          at + \at(m->name.len, Ll) + sa_plen{Ll}(m, p + 1) <= e) &&
        sa_same{L1,L2}(out, at, e) &&
        sa_mech_part{L1,Ll}(out, at, buf, m, n) ==>
        sa_mech_part{L2,Ll}(out, at, buf, m, n);

    // one more parameter extends it
    lemma sa_mech_part_next{Lo,Ll}:
      \forall char *out, integer at, char *buf, struct itls_secagree_mech *m, integer n;
        0 <= n && sa_mech_part{Lo,Ll}(out, at, buf, m, n) &&
        (\forall integer x; at + \at(m->name.len, Ll) + sa_plen{Ll}(m, n) <= x &&
           x < at + \at(m->name.len, Ll) + sa_plen{Ll}(m, n + 1) ==>
           \at(out[x], Lo) == sa_param_byte{Ll}(buf, \at(&m->params[n], Ll),
             x - (at + \at(m->name.len, Ll) + sa_plen{Ll}(m, n)))) ==>
        sa_mech_part{Lo,Ll}(out, at, buf, m, n + 1);

 */

/* the canonical length of one mechanism: sa_mlen(m) (fields only) */
/*@ requires \valid_read(m);
    requires len <= ITLS_SECAGREE_MAX_LEN;
    requires sa_mech_in(m, len);
    assigns \nothing;
    ensures \result == sa_mlen(m);
    ensures \result <= SA_MECH_MAX;
 */
static size_t
sa_mech_len(const struct itls_secagree_mech *m, size_t len)
{
	size_t t = 0, p;

	(void)len;
	/*@ loop invariant 0 <= p <= m->nparams;
	    loop invariant t == sa_plen(m, p);
	    loop invariant t <= p * SA_PARAM_MAX;
	    loop assigns p, t;
	    loop variant m->nparams - p;
	 */
	for (p = 0; p < m->nparams; p++) {
		t += 1 + m->params[p].name.len;
		if (m->params[p].has_value != 0) {
			t += 1 + m->params[p].value.len;
		}
	}
	return m->name.len + t;
}

/*
 * out[a .. a+8) = src[b .. b+8): all eight bytes read before any is
 * written, which compilers turn into one word load and one word store.
 */
/*@ requires a + 8 <= SIZE_MAX && b + 8 <= SIZE_MAX;
    requires \valid(out + (a .. a + 7));
    requires \valid_read(src + (b .. b + 7));
    requires \separated(out + (a .. a + 7), src + (b .. b + 7));
    assigns out[a .. a + 7];
    ensures \forall integer x; a <= x < a + 8 ==> out[x] == \old(src[x - a + b]);
 */
SA_HOT void
sa_copy8(char *out, size_t a, const char *src, size_t b)
{
	char c0 = src[b], c1 = src[b + 1], c2 = src[b + 2], c3 = src[b + 3];
	char c4 = src[b + 4], c5 = src[b + 5], c6 = src[b + 6], c7 = src[b + 7];

	out[a] = c0;
	out[a + 1] = c1;
	out[a + 2] = c2;
	out[a + 3] = c3;
	out[a + 4] = c4;
	out[a + 5] = c5;
	out[a + 6] = c6;
	out[a + 7] = c7;
}

/* out[a .. a+4) = src[b .. b+4), read before written (one word copy) */
/*@ requires a + 4 <= SIZE_MAX && b + 4 <= SIZE_MAX;
    requires \valid(out + (a .. a + 3));
    requires \valid_read(src + (b .. b + 3));
    requires \separated(out + (a .. a + 3), src + (b .. b + 3));
    assigns out[a .. a + 3];
    ensures \forall integer x; a <= x < a + 4 ==> out[x] == \old(src[x - a + b]);
 */
SA_HOT void
sa_copy4(char *out, size_t a, const char *src, size_t b)
{
	char c0 = src[b], c1 = src[b + 1], c2 = src[b + 2], c3 = src[b + 3];

	out[a] = c0;
	out[a + 1] = c1;
	out[a + 2] = c2;
	out[a + 3] = c3;
}

/* out[w .. w+n) = src[off .. off+n), eight bytes a step (the last step
 * overlapping the one before), four when n < 8, byte by byte when n < 4;
 * returns w + n */
/*@ requires w + n <= cap;
    requires off + n <= SIZE_MAX;
    requires \valid(out + (0 .. cap - 1));
    requires \valid_read(src + (off .. off + n - 1));
    requires \separated(out + (0 .. cap - 1), src + (off .. off + n - 1));
    requires \separated(out + (w .. w + n - 1), src + (off .. off + n - 1));
    assigns out[w .. w + n - 1];
    ensures \result == w + n;
    ensures \forall integer x; w <= x < w + n ==> out[x] == \old(src[x - w + off]);
    ensures sa_cpytext(out, w, src, off, n);
 */
static size_t
sa_copy(char *out, size_t cap, size_t w, const char *src, size_t off, size_t n)
{
	size_t k = 0;

	(void)cap;
	/*@ loop invariant 0 <= k <= n;
	    loop invariant \forall integer x; w <= x < w + k ==>
	      out[x] == \at(src[x - w + off], Pre);
	    loop invariant \forall integer x; off <= x < off + n ==> src[x] == \at(src[x], Pre);
	    loop assigns k, out[w .. w + n - 1];
	    loop variant n - k;
	 */
	while (n - k >= 8) {
		sa_copy8(out, w + k, src, off + k);
		k += 8;
	}
	/*@ assert k <= n && n - k < 8; */
	if (n >= 8 && k < n) {
		/* the last eight bytes, overlapping what is already copied */
		/*@ assert w + n - 8 < w + k; */
		sa_copy8(out, w + n - 8, src, off + n - 8);
		/*@ assert \forall integer x; w <= x < w + n - 8 ==> out[x] == \at(src[x - w + off], Pre); */
		/*@ assert \forall integer x; w + n - 8 <= x < w + n ==> out[x] == \at(src[x - w + off], Pre); */
		/*@ assert \forall integer x; w <= x < w + n ==> out[x] == \at(src[x - w + off], Pre); */
		/*@ assert \forall integer x; off <= x < off + n ==> src[x] == \at(src[x], Pre); */
		k = n;
	} else if (n < 8 && n >= 4) {
		/* 4 to 7 bytes: two four-byte steps, the second overlapping */
		sa_copy4(out, w, src, off);
		sa_copy4(out, w + n - 4, src, off + n - 4);
		/*@ assert \forall integer x; w <= x < w + n - 4 ==> out[x] == \at(src[x - w + off], Pre); */
		/*@ assert \forall integer x; w + n - 4 <= x < w + n ==> out[x] == \at(src[x - w + off], Pre); */
		/*@ assert \forall integer x; w <= x < w + n ==> out[x] == \at(src[x - w + off], Pre); */
		/*@ assert \forall integer x; off <= x < off + n ==> src[x] == \at(src[x], Pre); */
		k = n;
	}
	/*@ loop invariant 0 <= k <= n;
	    loop invariant \forall integer x; w <= x < w + k ==>
	      out[x] == \at(src[x - w + off], Pre);
	    loop invariant \forall integer x; off <= x < off + n ==> src[x] == \at(src[x], Pre);
	    loop assigns k, out[w .. w + n - 1];
	    loop variant n - k;
	 */
	while (k < n) {
		out[w + k] = src[off + k];
		k++;
	}
	/*@ assert \forall integer x; w <= x < w + n ==> out[x] == \at(src[x - w + off], Pre); */
	return w + n;
}

/* out[w .. w+n) = src[off .. off+n) in ASCII lower case; returns w + n */
/*@ requires w + n <= cap;
    requires off + n <= SIZE_MAX;
    requires \valid(out + (0 .. cap - 1));
    requires \valid_read(src + (off .. off + n - 1));
    requires \separated(out + (0 .. cap - 1), src + (off .. off + n - 1));
    requires \separated(out + (w .. w + n - 1), src + (off .. off + n - 1));
    assigns out[w .. w + n - 1];
    ensures \result == w + n;
    ensures \forall integer x; w <= x < w + n ==>
      out[x] == sa_lower(\old(src[x - w + off]));
    ensures sa_lowtext(out, w, src, off, n);
 */
static size_t
sa_copy_lower(char *out, size_t cap, size_t w, const char *src, size_t off,
	size_t n)
{
	size_t k;

	(void)cap;
	/*@ loop invariant 0 <= k <= n;
	    loop invariant \forall integer x; w <= x < w + k ==>
	      out[x] == sa_lower(\at(src[x - w + off], Pre));
	    loop invariant \forall integer x; off <= x < off + n ==> src[x] == \at(src[x], Pre);
	    loop assigns k, out[w .. w + n - 1];
	    loop variant n - k;
	 */
	for (k = 0; k < n; k++) {
		out[w + k] = (char)sa_fold(src[off + k]);
	}
	return w + n;
}

/* src[off .. off+n) has no upper-case ASCII letter: 1, else 0 */
/*@ requires off + n <= SIZE_MAX;
    requires \valid_read(src + (off .. off + n - 1));
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> sa_lowtext(src, off, src, off, n);
 */
static int
sa_is_lower(const char *src, size_t off, size_t n)
{
	size_t k;

	/*@ loop invariant 0 <= k <= n;
	    loop invariant \forall integer y; off <= y < off + k ==> src[y] == sa_lower(src[y]);
	    loop assigns k;
	    loop variant n - k;
	 */
#ifndef __FRAMAC__
#pragma GCC unroll 4
#endif
	for (k = 0; k < n; k++) {
		if (src[off + k] >= 'A' && src[off + k] <= 'Z') {
			return 0;
		}
	}
	return 1;
}

/* one byte c at out[pos]; returns pos + 1 */
/*@ requires pos < cap;
    requires \valid(out + (0 .. cap - 1));
    assigns out[pos];
    ensures out[pos] == c;
    ensures \result == pos + 1;
 */
static size_t
sa_put1(char *out, size_t cap, size_t pos, char c)
{
	(void)cap;
	out[pos] = c;
	return pos + 1;
}

/*
 * One pass over mechanism m: *ml gets its canonical length sa_mlen(m), and
 * the result says whether m is written canonically in buf (sa_mech_tight),
 * its canonical text then being the run buf[m->name.off .. + *ml): 1, else 0.
 */
/*@ requires \valid_read(m) && \valid(ml);
    requires len <= ITLS_SECAGREE_MAX_LEN;
    requires \valid_read(buf + (0 .. len - 1));
    requires sa_mech_in(m, len);
    requires \separated(ml, m, buf + (0 .. len - 1));
    assigns *ml;
    ensures *ml == sa_mlen(m) && *ml <= SA_MECH_MAX;
    ensures sa_plen_mono(m);
    ensures \result == 0 || \result == 1;
    ensures \result == 1 ==> sa_mech_tight(buf, m) && m->name.off + sa_mlen(m) <= len;
 */
static int
sa_mech_scan(const struct itls_secagree_mech *m, const char *buf, size_t len,
	uint32_t *ml)
{
	size_t p, t = 0, e;
	int tight = sa_is_lower(buf, m->name.off, m->name.len);

	(void)len;

	/*@ loop invariant 0 <= p <= m->nparams;
	    loop invariant t == sa_plen(m, p);
	    loop invariant t <= p * SA_PARAM_MAX;
	    loop invariant \forall integer a, b; 0 <= a <= b <= p ==>
	      0 <= sa_plen(m, a) <= sa_plen(m, b);
	    loop invariant tight == 0 || tight == 1;
	    loop invariant tight == 1 ==> sa_lowtext(buf, m->name.off, buf, m->name.off, m->name.len);
	    loop invariant tight == 1 ==> m->name.off + m->name.len + t <= len;
	    loop invariant tight == 1 ==> \forall integer k; 0 <= k < p ==> sa_param_tight(buf,
	      m->name.off + m->name.len + sa_plen(m, k), &m->params[k]);
	    loop assigns p, t, e, tight;
	    loop variant m->nparams - p;
	 */
	for (p = 0; p < m->nparams; p++) {
		const struct itls_secagree_param *pa = &m->params[p];
		e = m->name.off + m->name.len + t;     /* where p is in a tight m */
		/* name.off == e + 1 <= len puts e inside buf */
		if (tight && (pa->name.off != e + 1 || buf[e] != ';'
			|| !sa_is_lower(buf, pa->name.off, pa->name.len))) {
			tight = 0;
		}
		t += 1 + pa->name.len;
		if (pa->has_value != 0) {
			e = pa->name.off + pa->name.len;
			if (tight && (pa->value.off != e + 1 || buf[e] != '=')) {
				tight = 0;
			}
			t += 1 + pa->value.len;
		}
	}
	*ml = (uint32_t)(m->name.len + t);
	return tight;
}

/* SA-21: parameter pa at out[w ..): `;` name [`=` value]; returns w + its length */
/*@ requires \valid_read(pa);
    requires len <= ITLS_SECAGREE_MAX_LEN;
    requires \valid_read(buf + (0 .. len - 1));
    requires pa->name.off + pa->name.len <= len;
    requires pa->value.off + pa->value.len <= len;
    requires \valid(out + (0 .. cap - 1));
    requires \separated(out + (0 .. cap - 1), pa, buf + (0 .. len - 1));
    requires w + sa_param_clen(pa) <= cap;
    assigns out[w .. w + sa_param_clen(pa) - 1];
    ensures \result == w + sa_param_clen(pa);
    ensures sa_param_text{Post,Pre}(out, w, buf, pa);
 */
static size_t
sa_put_param(const struct itls_secagree_param *pa, const char *buf, size_t len,
	char *out, size_t cap, size_t w)
{
	size_t v;

	(void)len;
	out[w] = ';';
	/*@ assert \forall integer y; 0 <= y < len ==> buf[y] == \at(buf[y], Pre); */
	v = sa_copy_lower(out, cap, w + 1, buf, pa->name.off, pa->name.len);
	/*@ assert out[w] == sa_param_byte{Pre}(buf, pa, 0); */
	/*@ assert \forall integer x; w < x <= w + pa->name.len ==>
	      out[x] == sa_lower(\at(buf[x - w - 1 + pa->name.off], Pre)); */
	/*@ assert \forall integer x; w < x <= w + pa->name.len ==>
	      out[x] == sa_param_byte{Pre}(buf, pa, x - w); */
	/*@ assert \forall integer x; w <= x < v ==>
	      out[x] == sa_param_byte{Pre}(buf, pa, x - w); */
	if (pa->has_value != 0) {
		out[v] = '=';
		/*@ assert \forall integer y; 0 <= y < len ==> buf[y] == \at(buf[y], Pre); */
		v = sa_copy(out, cap, v + 1, buf, pa->value.off, pa->value.len);
		/*@ assert out[w + 1 + pa->name.len] == sa_param_byte{Pre}(buf, pa, 1 + pa->name.len); */
		/*@ assert \forall integer x; w + 1 + pa->name.len < x < v ==>
		      out[x] == \at(buf[x - w - 2 - pa->name.len + pa->value.off], Pre); */
		/*@ assert \forall integer x; w + 1 + pa->name.len < x < v ==>
		      out[x] == sa_param_byte{Pre}(buf, pa, x - w); */
		/*@ assert \forall integer x; w <= x < w + 1 + pa->name.len ==>
		      out[x] == sa_param_byte{Pre}(buf, pa, x - w); */
		/*@ assert \forall integer x; w <= x < w + sa_param_clen(pa) ==>
		      out[x] == sa_param_byte{Pre}(buf, pa, x - w); */
	} else {
		/*@ assert \forall integer x; w <= x < w + sa_param_clen(pa) ==>
		      out[x] == sa_param_byte{Pre}(buf, pa, x - w); */
	}
	return v;
}

/*
 * SA-22: mechanism m, of canonical length ml, at out[pos ..); returns
 * pos + ml. `tight`: m is written canonically in buf (sa_mech_scan).
 */
/*@ requires \valid_read(m);
    requires ml == sa_mlen(m);
    requires tight != 0 ==> m->name.off + sa_mlen(m) <= len;
    requires len <= ITLS_SECAGREE_MAX_LEN;
    requires \valid_read(buf + (0 .. len - 1));
    requires sa_mech_in(m, len);
    requires \valid(out + (0 .. cap - 1));
    requires \separated(out + (0 .. cap - 1), m, buf + (0 .. len - 1));
    requires pos + sa_mlen(m) <= cap;
    requires sa_plen_mono(m);
    requires tight != 0 ==> sa_mech_tight(buf, m);
    assigns out[pos .. pos + sa_mlen(m) - 1];
    ensures \result == pos + sa_mlen(m);
    ensures SA_22: sa_mech_text{Post,Pre}(out, pos, buf, m);
 */
static size_t
sa_put_mech(const struct itls_secagree_mech *m, size_t ml, int tight,
	const char *buf, size_t len, char *out, size_t cap, size_t pos)
{
	size_t p, w, nw;

	if (tight) {
		/* the common case: one run of the input */
		/*@ assert sa_lowtext(buf, m->name.off, buf, m->name.off, m->name.len); */
		w = sa_copy(out, cap, pos, buf, m->name.off, ml);
		/*@ assert 0 <= sa_plen(m, m->nparams); */
		/*@ assert \forall integer x; pos <= x < pos + sa_mlen(m) ==>
		      out[x] == \at(buf[x - pos + m->name.off], Pre); */
		/*@ assert \forall integer k; 0 <= k < m->name.len ==>
		      \at(buf[m->name.off + k], Pre) == sa_lower(\at(buf[m->name.off + k], Pre)); */
		/*@ assert \forall integer x; pos <= x < pos + m->name.len ==>
		      out[x] == sa_lower(\at(buf[x - pos + m->name.off], Pre)); */
		/*@ assert \forall integer q, k; 0 <= q < m->nparams &&
		      0 <= k < sa_param_clen(&m->params[q]) ==>
		      \at(buf[m->name.off + m->name.len + sa_plen(m, q) + k], Pre) ==
		      sa_param_byte{Pre}(buf, &m->params[q], k); */
		/*@ assert \forall integer q; 0 <= q < m->nparams ==>
		      sa_plen(m, q + 1) == sa_plen(m, q) + sa_param_clen(&m->params[q]) &&
		      sa_plen(m, q + 1) <= sa_plen(m, m->nparams); */
		/*@ assert \forall integer q, x; 0 <= q < m->nparams &&
		      pos + m->name.len + sa_plen(m, q) <= x &&
		      x < pos + m->name.len + sa_plen(m, q + 1) ==>
		      out[x] == sa_param_byte{Pre}(buf, &m->params[q],
		        x - (pos + m->name.len + sa_plen(m, q))); */
		/*@ assert sa_mech_text{Here,Pre}(out, pos, buf, m); */
		return w;
	}
	w = sa_copy_lower(out, cap, pos, buf, m->name.off, m->name.len);
	/*@ assert sa_mech_part{Here,Pre}(out, pos, buf, m, 0); */
	/*@ loop invariant 0 <= p <= m->nparams;
	    loop invariant w == pos + m->name.len + sa_plen(m, p);
	    loop invariant pos <= w <= pos + sa_mlen(m);
	    loop invariant sa_same{Here,Pre}(buf, 0, len);
	    loop invariant sa_mech_part{Here,Pre}(out, pos, buf, m, p);
	    loop assigns p, w, nw, out[pos + m->name.len .. pos + sa_mlen(m) - 1];
	    loop variant m->nparams - p;
	 */
	for (p = 0; p < m->nparams; p++) {
		/*@ assert sa_plen(m, p + 1) == sa_plen(m, p) + sa_param_clen(&m->params[p]); */
		/*@ assert sa_plen(m, p + 1) <= sa_plen(m, m->nparams); */
		/*@ assert 0 <= m->params[p].name.off &&
		      m->params[p].name.off + m->params[p].name.len <= len &&
		      0 <= m->params[p].value.off &&
		      m->params[p].value.off + m->params[p].value.len <= len; */
		nw = sa_put_param(&m->params[p], buf, len, out, cap, w);
		/*@ assert \forall integer x; w <= x < nw ==>
		      out[x] == sa_param_byte{LoopCurrent}(buf, &m->params[p], x - w); */
		/*@ assert \forall integer k; 0 <= k < sa_param_clen(&m->params[p]) ==>
		      sa_param_byte{LoopCurrent}(buf, &m->params[p], k) ==
		      sa_param_byte{Pre}(buf, &m->params[p], k); */
		/*@ assert \forall integer x; w <= x < nw ==>
		      out[x] == sa_param_byte{Pre}(buf, &m->params[p], x - w); */
		/*@ assert \forall integer x; pos + m->name.len + sa_plen(m, p) <= x &&
		      x < pos + m->name.len + sa_plen(m, p + 1) ==>
		      out[x] == sa_param_byte{Pre}(buf, &m->params[p],
		        x - (pos + m->name.len + sa_plen(m, p))); */
		/*@ assert sa_same{LoopCurrent,Here}(out, pos, pos + m->name.len + sa_plen(m, p)); */
		/*@ assert 0 <= sa_plen(m, p); */
		/*@ assert \forall integer q; 0 <= q < p ==> 0 <= sa_plen(m, q) &&
		      sa_plen(m, q + 1) <= sa_plen(m, p); */
		/*@ assert sa_mech_part{Here,Pre}(out, pos, buf, m, p); */
		/*@ assert sa_mech_part{Here,Pre}(out, pos, buf, m, p + 1); */
		w = nw;
	}
	/*@ assert sa_mech_text{Here,Pre}(out, pos, buf, m); */
	return w;
}

/* SA-21: the header name of `kind` and ": " at out[0 .. 17) */
/*@ requires sa_kind_ok(kind);
    requires 17 <= cap;
    requires \valid(out + (0 .. cap - 1));
    assigns out[0 .. 16];
    ensures sa_hdr_text(out, kind);
 */
static void
sa_put_hdr(char *out, size_t cap, enum itls_secagree_kind kind)
{
	(void)cap;
	out[0] = 'S';
	out[1] = 'e';
	out[2] = 'c';
	out[3] = 'u';
	out[4] = 'r';
	out[5] = 'i';
	out[6] = 't';
	out[7] = 'y';
	out[8] = '-';
	if (kind == ITLS_SECAGREE_CLIENT) {
		out[9] = 'C';
		out[10] = 'l';
		out[11] = 'i';
		out[12] = 'e';
		out[13] = 'n';
		out[14] = 't';
	} else if (kind == ITLS_SECAGREE_SERVER) {
		out[9] = 'S';
		out[10] = 'e';
		out[11] = 'r';
		out[12] = 'v';
		out[13] = 'e';
		out[14] = 'r';
	} else {
		out[9] = 'V';
		out[10] = 'e';
		out[11] = 'r';
		out[12] = 'i';
		out[13] = 'f';
		out[14] = 'y';
	}
	out[15] = ':';
	out[16] = ' ';
}

/*@
  // ---- the canonical text as a function of the list (SA-21, SA-22) -----------
  // (the recursions read only the views' offsets and lengths, never a byte of
  //  buf or out, so a write to out leaves them unchanged)

  // the parameter p of m whose canonical text holds byte j of the text of m's
  // parameters 0 .. n-1 (sa_plen(m, p) <= j < sa_plen(m, p + 1), for 0 <= j < sa_plen(m, n))
  logic integer sa_mpar{L}(struct itls_secagree_mech *m, integer n, integer j) =
    n <= 1 ? 0 : (j < sa_plen(m, n - 1) ? sa_mpar(m, n - 1, j) : n - 1);

  // SA-22: byte k (0 <= k < sa_mlen(m)) of the canonical text of mechanism m:
  // its name in lower case, then byte k - name.len of its parameters' text
  logic integer sa_mech_byte{L}(char *buf, struct itls_secagree_mech *m, integer k) =
    k < m->name.len ? sa_lower(buf[m->name.off + k]) :
      sa_param_byte(buf, &m->params[sa_mpar(m, m->nparams, k - m->name.len)],
        k - m->name.len - sa_plen(m, sa_mpar(m, m->nparams, k - m->name.len)));

  // SA-21: byte r of item i of the line: ", " before every mechanism but the
  // first, then the mechanism's canonical text
  logic integer sa_item_byte{L}(char *buf, struct itls_secagree_list *l, integer i, integer r) =
    (i > 0 && r == 0) ? ',' : (i > 0 && r == 1) ? ' ' :
      sa_mech_byte(buf, &l->mechs[i], r - (i > 0 ? 2 : 0));

  // the mechanism i of l whose item holds byte k of the text of items 0 .. n-1
  // (sa_llen(l, i) <= k < sa_llen(l, i + 1), for 0 <= k < sa_llen(l, n))
  logic integer sa_lmech{L}(struct itls_secagree_list *l, integer n, integer k) =
    n <= 1 ? 0 : (k < sa_llen(l, n - 1) ? sa_lmech(l, n - 1, k) : n - 1);

  // SA-21: byte k of the line after its header name and ": " (0 <= k < sa_llen(l, l->count))
  logic integer sa_line_byte{L}(char *buf, struct itls_secagree_list *l, integer k) =
    sa_item_byte(buf, l, sa_lmech(l, l->count, k),
      k - sa_llen(l, sa_lmech(l, l->count, k)));

  // SA-21: out[0 .. sa_canon_len(l)) is the canonical line of l, byte for byte:
  // the header name and ": " (17 bytes), then byte x is sa_line_byte(x - 17).
  // Every byte is fixed: lists of one header equal by D-SA-7 give equal lines.
  predicate sa_canon_text{Lo,Ll}(char *out, char *buf, struct itls_secagree_list *l) =
    sa_hdr_text{Lo}(out, \at(l->kind, Ll)) &&
    \forall integer x; 17 <= x < 17 + sa_llen{Ll}(l, \at(l->count, Ll)) ==>
      \at(out[x], Lo) == sa_line_byte{Ll}(buf, l, x - 17);

*/

/*
 * sa_mech_scan by value: 2 * sa_mlen(m) + (1 when m is written canonically
 * in buf). Nothing of the caller's memory is written (the length lands in a
 * local here), so the list's lengths read the same before and after.
 */
/*@ requires \valid_read(m);
    requires len <= ITLS_SECAGREE_MAX_LEN;
    requires \valid_read(buf + (0 .. len - 1));
    requires sa_mech_in(m, len);
    requires \separated(m, buf + (0 .. len - 1));
    assigns \nothing;
    ensures \result / 2 == sa_mlen(m) && sa_mlen(m) <= SA_MECH_MAX;
    ensures \result % 2 == 0 || \result % 2 == 1;
    ensures sa_plen_mono(m);
    ensures \result % 2 == 1 ==> sa_mech_tight(buf, m) && m->name.off + sa_mlen(m) <= len;
 */
static size_t
sa_mech_measure(const struct itls_secagree_mech *m, const char *buf, size_t len)
{
	uint32_t ml;
	int tight = sa_mech_scan(m, buf, len, &ml);

	return 2 * (size_t)ml + (size_t)tight;
}

/*@ // SA-22: sa_mpar finds, for every byte of m's parameters' text, the
    // parameter that holds it
    predicate sa_mpar_ok{L}(struct itls_secagree_mech *m) =
      \forall integer j; 0 <= j < sa_plen(m, m->nparams) ==>
        0 <= sa_mpar(m, m->nparams, j) < m->nparams &&
        sa_plen(m, sa_mpar(m, m->nparams, j)) <= j &&
        j < sa_plen(m, sa_mpar(m, m->nparams, j) + 1);
 */

/*@ ghost
  /@ // a lemma, proved by induction on the number of parameters (the loop)
     requires \valid_read(m);
     requires m->nparams <= ITLS_SECAGREE_MAX_PARAMS;
     assigns \nothing;
     ensures sa_mpar_ok(m);
   @/
  void sa_mpar_lemma(const struct itls_secagree_mech *m)
  {
    size_t n;
    /@ loop invariant 0 <= n <= m->nparams;
       loop invariant \forall integer j; 0 <= j < sa_plen(m, n) ==>
         0 <= sa_mpar(m, n, j) < n && sa_plen(m, sa_mpar(m, n, j)) <= j &&
         j < sa_plen(m, sa_mpar(m, n, j) + 1);
       loop assigns n;
       loop variant m->nparams - n;
     @/
    for (n = 0; n < m->nparams; n++) {
    }
  }
*/

/*
 * SA-21: item i of the line at out[w ..): ", " when i > 0, then mechanism i
 * (sa_put_mech, one run of buf when it is written canonically there);
 * returns the position after it. The mechanism is written first, at the
 * memory of the call, so that its text reads buf as the caller's does.
 */
/*@ requires \valid_read(l);
    requires len <= ITLS_SECAGREE_MAX_LEN;
    requires \valid_read(buf + (0 .. len - 1));
    requires sa_list_in(l, len);
    requires i < l->count;
    requires \valid(out + (0 .. cap - 1));
    requires \separated(out + (0 .. cap - 1), l, buf + (0 .. len - 1));
    requires w + (i > 0 ? 2 : 0) + sa_mlen(&l->mechs[i]) <= cap;
    assigns out[w .. w + (i > 0 ? 2 : 0) + sa_mlen(&l->mechs[i]) - 1];
    ensures \result == w + (i > 0 ? 2 : 0) + sa_mlen(&l->mechs[i]);
    ensures sa_mpar_ok(&l->mechs[i]);
    ensures \forall integer x; w <= x < \result ==>
      out[x] == sa_item_byte{Pre}(buf, l, i, x - w);
 */
static size_t
sa_put_item(const struct itls_secagree_list *l, size_t i, const char *buf,
	size_t len, char *out, size_t cap, size_t w)
{
	const struct itls_secagree_mech *m = &l->mechs[i];
	size_t s = sa_mech_measure(m, buf, len);
	size_t at = i > 0 ? w + 2 : w;
	size_t e;

	/*@ ghost sa_mpar_lemma(m); */
	e = sa_put_mech(m, s / 2, (int)(s % 2), buf, len, out, cap, at);
	/*@ assert \forall integer x; at + m->name.len <= x < e ==>
	      0 <= sa_mpar(m, m->nparams, x - at - m->name.len) < m->nparams &&
	      at + m->name.len + sa_plen(m, sa_mpar(m, m->nparams, x - at - m->name.len)) <= x &&
	      x < at + m->name.len + sa_plen(m, sa_mpar(m, m->nparams, x - at - m->name.len) + 1); */
	/*@ assert \forall integer x; at <= x < e ==>
	      out[x] == sa_mech_byte{Pre}(buf, m, x - at); */
	if (i > 0) {
		(void)sa_put1(out, cap, w, ',');
		(void)sa_put1(out, cap, w + 1, ' ');
		/*@ assert out[w] == ',' && out[w + 1] == ' '; */
		/*@ assert sa_item_byte{Pre}(buf, l, i, 0) == ',' &&
		      sa_item_byte{Pre}(buf, l, i, 1) == ' '; */
	}
	/*@ assert \forall integer x; at <= x < e ==>
	      out[x] == sa_mech_byte{Pre}(buf, m, x - at); */
	/*@ assert \forall integer x; at <= x < e ==>
	      sa_item_byte{Pre}(buf, l, i, x - w) == sa_mech_byte{Pre}(buf, m, x - at); */
	/*@ assert \forall integer x; at <= x < e ==>
	      out[x] == sa_item_byte{Pre}(buf, l, i, x - w); */
	return e;
}

/*@ // SA-21: byte k of item i of l is byte k of the line's text after the header
    predicate sa_lmech_ok{L}(struct itls_secagree_list *l) =
      \forall integer i, k; 0 <= i < l->count &&
        sa_llen(l, i) <= k < sa_llen(l, i + 1) ==> sa_lmech(l, l->count, k) == i;
 */

/*@ ghost
  /@ // a lemma, proved by induction on the number of mechanisms (the loop)
     requires \valid_read(l);
     requires l->count <= ITLS_SECAGREE_MAX_MECHS;
     requires \forall integer a, b; 0 <= a <= b <= l->count ==>
       sa_llen(l, a) <= sa_llen(l, b);
     assigns \nothing;
     ensures sa_lmech_ok(l);
   @/
  void sa_lmech_lemma(const struct itls_secagree_list *l)
  {
    size_t n;
    /@ loop invariant 0 <= n <= l->count;
       loop invariant \forall integer i, k; 0 <= i < n &&
         sa_llen(l, i) <= k < sa_llen(l, i + 1) ==> sa_lmech(l, n, k) == i;
       loop assigns n;
       loop variant l->count - n;
     @/
    for (n = 0; n < l->count; n++) {
    }
  }
*/

/* see itls/secagree.h. SA-21 is added to that contract here, with the logic
 * above, so that secagree.h's logic (hence the WP cache of the files that
 * include it) stays as it was: Frama-C merges the two contracts, with a
 * warning (D-SA-22). */
/*@ behavior fits:
      ensures SA_21: sa_canon_text{Post,Pre}(out, buf, l);
 */
enum itls_err
itls_secagree_serialize(const struct itls_secagree_list *l, const char *buf,
	size_t len, char *out, size_t cap, size_t *outlen)
{
	size_t total = 0, w, i;

	/* pass 1: the length of the line (reads the views only, writes nothing) */
	/*@ loop invariant 0 <= i <= l->count;
	    loop invariant total == sa_llen(l, i);
	    loop invariant total <= i * (2 + SA_MECH_MAX);
	    loop invariant \forall integer a, b; 0 <= a <= b <= i ==>
	      0 <= sa_llen(l, a) <= sa_llen(l, b);
	    loop invariant \forall integer a; 0 <= a < i ==> 0 <= sa_mlen(&l->mechs[a]);
	    loop assigns i, total;
	    loop variant l->count - i;
	 */
	for (i = 0; i < l->count; i++) {
		if (i > 0) {
			total += 2;
		}
		total += sa_mech_len(&l->mechs[i], len);
		/*@ assert sa_llen(l, i + 1) ==
		      sa_llen(l, i) + (i > 0 ? 2 : 0) + sa_mlen(&l->mechs[i]); */
		/*@ assert 0 <= sa_mlen(&l->mechs[i]); */
	}
	if (total > cap || cap - total < 17) {
		return ITLS_ERR_BUFFER_TOO_SMALL;
	}
	/* pass 2: the bytes, each mechanism one run of buf when it can be */
	sa_put_hdr(out, cap, l->kind);
	w = 17;
	/*@ ghost sa_lmech_lemma(l); */
	/*@ loop invariant 0 <= i <= l->count;
	    loop invariant w == 17 + sa_llen(l, i);
	    loop invariant w <= cap;
	    loop invariant total == sa_llen(l, l->count);
	    loop invariant \forall integer a, b; 0 <= a <= b <= l->count ==>
	      0 <= sa_llen(l, a) <= sa_llen(l, b);
	    loop invariant \forall integer a; 0 <= a < l->count ==> 0 <= sa_mlen(&l->mechs[a]);
	    loop invariant sa_same{Here,Pre}(buf, 0, len);
	    loop invariant sa_hdr_text(out, l->kind);
	    loop invariant SA_21: \forall integer x; 17 <= x < w ==>
	      out[x] == sa_line_byte{Pre}(buf, l, x - 17);
	    loop assigns i, w, out[17 .. cap - 1];
	    loop variant l->count - i;
	 */
	for (i = 0; i < l->count; i++) {
		/*@ assert sa_llen(l, i + 1) ==
		      sa_llen(l, i) + (i > 0 ? 2 : 0) + sa_mlen(&l->mechs[i]); */
		/*@ assert 0 <= sa_mlen(&l->mechs[i]); */
		/*@ assert sa_llen(l, i + 1) <= total; */
		/* (LoopCurrent below: the memory of this call, nothing is written before it) */
		w = sa_put_item(l, i, buf, len, out, cap, w);
		/*@ assert \forall integer x; 17 + sa_llen(l, i) <= x < w ==>
		      out[x] == sa_item_byte{LoopCurrent}(buf, l, i, x - 17 - sa_llen(l, i)); */
		/* item i's text read buf at the call; buf reads the same at Pre */
		/*@ assert sa_same{LoopCurrent,Pre}(buf, 0, len); */
		/*@ assert \forall integer j; 0 <= j < sa_plen(&l->mechs[i], l->mechs[i].nparams) ==>
		      sa_param_byte{LoopCurrent}(buf, &l->mechs[i].params[sa_mpar(&l->mechs[i],
		        l->mechs[i].nparams, j)], j - sa_plen(&l->mechs[i], sa_mpar(&l->mechs[i],
		        l->mechs[i].nparams, j))) ==
		      sa_param_byte{Pre}(buf, &l->mechs[i].params[sa_mpar(&l->mechs[i],
		        l->mechs[i].nparams, j)], j - sa_plen(&l->mechs[i], sa_mpar(&l->mechs[i],
		        l->mechs[i].nparams, j))); */
		/*@ assert \forall integer k; 0 <= k < sa_mlen(&l->mechs[i]) ==>
		      sa_mech_byte{LoopCurrent}(buf, &l->mechs[i], k) ==
		      sa_mech_byte{Pre}(buf, &l->mechs[i], k); */
		/*@ assert \forall integer r; 0 <= r < (i > 0 ? 2 : 0) + sa_mlen(&l->mechs[i]) ==>
		      sa_item_byte{LoopCurrent}(buf, l, i, r) == sa_item_byte{Pre}(buf, l, i, r); */
		/*@ assert \forall integer x; 17 + sa_llen(l, i) <= x < w ==>
		      out[x] == sa_item_byte{Pre}(buf, l, i, x - 17 - sa_llen(l, i)); */
		/* the line's bytes there are item i's (sa_lmech_ok) */
		/*@ assert \forall integer x; 17 + sa_llen(l, i) <= x < w ==>
		      sa_lmech(l, l->count, x - 17) == i; */
		/*@ assert new_item: \forall integer x; 17 + sa_llen(l, i) <= x < w ==>
		      out[x] == sa_line_byte{Pre}(buf, l, x - 17); */
	}
	/*@ assert sa_canon_text{Here,Pre}(out, buf, l); */
	*outlen = w;
	return ITLS_OK;
}

/* see itls/secagree.h */
enum itls_err
itls_secagree_serialize_mech(const struct itls_secagree_list *l,
	const char *buf, size_t len, size_t idx, char *out, size_t cap,
	size_t *outlen)
{
	uint32_t ml;
	int tight = sa_mech_scan(&l->mechs[idx], buf, len, &ml);

	if (ml > cap) {
		return ITLS_ERR_BUFFER_TOO_SMALL;
	}
	*outlen = sa_put_mech(&l->mechs[idx], ml, tight, buf, len, out, cap, 0);
	return ITLS_OK;
}

/* ---- choice, verification, comparison (SA-23 .. SA-28) ------------------- */

/* SA-28: the first mechanism of l named b[bo .. bo+bl), or l->count */
/*@ requires \valid_read(l);
    requires \valid_read(lb + (0 .. llen - 1));
    requires \valid_read(b + (0 .. blen - 1));
    requires sa_list_in(l, llen);
    requires bo + bl <= blen;
    assigns \nothing;
    ensures 0 <= \result <= l->count;
    ensures \result < l->count ==> sa_name_eq(lb, l->mechs[\result].name.off,
      l->mechs[\result].name.len, b, bo, bl);
    ensures \result == l->count <==> !sa_offers(l, lb, b, bo, bl);
 */
static size_t
sa_find_view(const struct itls_secagree_list *l, const char *lb, size_t llen,
	const char *b, size_t blen, size_t bo, size_t bl)
{
	size_t i;

	(void)llen;
	(void)blen;
	/*@ loop invariant 0 <= i <= l->count;
	    loop invariant \forall integer k; 0 <= k < i ==>
	      !sa_name_eq(lb, l->mechs[k].name.off, l->mechs[k].name.len, b, bo, bl);
	    loop assigns i;
	    loop variant l->count - i;
	 */
	for (i = 0; i < l->count; i++) {
		if (l->mechs[i].name.len == bl
			&& sa_ieq_buf(lb + l->mechs[i].name.off, b + bo, bl)) {
			return i;
		}
	}
	return i;
}

/* see itls/secagree.h */
enum itls_err
itls_secagree_select(const struct itls_secagree_list *c, const char *cbuf,
	size_t clen, const struct itls_secagree_list *s, const char *sbuf,
	size_t slen, size_t *idx)
{
	size_t j, best;

	if (c->kind != ITLS_SECAGREE_CLIENT || s->kind != ITLS_SECAGREE_SERVER) {
		return ITLS_ERR_BAD_HEADER_NAME;                  /* SA-24 */
	}
	best = s->count;
	/*@ loop invariant 0 <= j <= s->count;
	    loop invariant best == s->count || best < j;
	    loop invariant best == s->count ==>
	      \forall integer k; 0 <= k < j ==> !sa_common(c, cbuf, s, sbuf, k);
	    loop invariant best < s->count ==> sa_common(c, cbuf, s, sbuf, best);
	    loop invariant best < s->count ==> \forall integer k; 0 <= k < j &&
	      sa_common(c, cbuf, s, sbuf, k) ==> s->mechs[k].q <= s->mechs[best].q;
	    loop invariant best < s->count ==> \forall integer k; 0 <= k < best &&
	      sa_common(c, cbuf, s, sbuf, k) ==> s->mechs[k].q < s->mechs[best].q;
	    loop assigns j, best;
	    loop variant s->count - j;
	 */
	for (j = 0; j < s->count; j++) {
		/* SA-23: a server mechanism the client names, highest q first */
		if (sa_find_view(c, cbuf, clen, sbuf, slen, s->mechs[j].name.off,
			s->mechs[j].name.len) == c->count) {
			continue;
		}
		if (best == s->count || s->mechs[j].q > s->mechs[best].q) {
			best = j;
		}
	}
	if (best == s->count) {
		return ITLS_ERR_NO_COMMON_MECHANISM;              /* SA-23 */
	}
	*idx = best;
	return ITLS_OK;
}

/* SA-25: parameters pa and pb are equal (D-SA-7) */
/*@ requires \valid_read(pa) && \valid_read(pb);
    requires \valid_read(a + (0 .. alen - 1));
    requires \valid_read(b + (0 .. blen - 1));
    requires pa->name.off + pa->name.len <= alen && pa->value.off + pa->value.len <= alen;
    requires pb->name.off + pb->name.len <= blen && pb->value.off + pb->value.len <= blen;
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> sa_param_eq(a, pa, b, pb);
 */
static int
sa_param_equal(const char *a, size_t alen, const struct itls_secagree_param *pa,
	const char *b, size_t blen, const struct itls_secagree_param *pb)
{
	(void)alen;
	(void)blen;
	return pa->name.len == pb->name.len
		&& sa_ieq_buf(a + pa->name.off, b + pb->name.off, pa->name.len)
		&& (pa->has_value == 0) == (pb->has_value == 0)
		&& pa->value.len == pb->value.len
		&& sa_beq_buf(a + pa->value.off, b + pb->value.off, pa->value.len);
}

/* SA-25: mechanisms ma and mb are equal (D-SA-7) */
/*@ requires \valid_read(ma) && \valid_read(mb);
    requires \valid_read(a + (0 .. alen - 1));
    requires \valid_read(b + (0 .. blen - 1));
    requires sa_mech_in(ma, alen) && sa_mech_in(mb, blen);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> sa_mech_eq(a, ma, b, mb);
 */
static int
sa_mech_equal(const char *a, size_t alen, const struct itls_secagree_mech *ma,
	const char *b, size_t blen, const struct itls_secagree_mech *mb)
{
	size_t p;

	if (ma->name.len != mb->name.len
		|| !sa_ieq_buf(a + ma->name.off, b + mb->name.off, ma->name.len)
		|| ma->nparams != mb->nparams) {
		return 0;
	}
	/*@ loop invariant 0 <= p <= ma->nparams;
	    loop invariant sa_params_eq(a, ma, b, mb, p);
	    loop assigns p;
	    loop variant ma->nparams - p;
	 */
	for (p = 0; p < ma->nparams; p++) {
		if (!sa_param_equal(a, alen, &ma->params[p], b, blen, &mb->params[p])) {
			return 0;
		}
	}
	return 1;
}

/* see itls/secagree.h */
enum itls_err
itls_secagree_equal(const struct itls_secagree_list *a, const char *abuf,
	size_t alen, const struct itls_secagree_list *b, const char *bbuf,
	size_t blen)
{
	size_t i;

	if (a->count != b->count) {
		return ITLS_ERR_MISMATCH;                         /* SA-25 */
	}
	/*@ loop invariant 0 <= i <= a->count;
	    loop invariant sa_mechs_eq(abuf, a, bbuf, b, i);
	    loop assigns i;
	    loop variant a->count - i;
	 */
	for (i = 0; i < a->count; i++) {
		if (!sa_mech_equal(abuf, alen, &a->mechs[i], bbuf, blen, &b->mechs[i])) {
			return ITLS_ERR_MISMATCH;                 /* SA-25, SA-26 */
		}
	}
	return ITLS_OK;
}

/* see itls/secagree.h */
enum itls_err
itls_secagree_verify(const struct itls_secagree_list *s, const char *sbuf,
	size_t slen, const struct itls_secagree_list *v, const char *vbuf,
	size_t vlen)
{
	if (s->kind != ITLS_SECAGREE_SERVER || v->kind != ITLS_SECAGREE_VERIFY) {
		return ITLS_ERR_BAD_HEADER_NAME;                  /* SA-24 */
	}
	return itls_secagree_equal(s, sbuf, slen, v, vbuf, vlen);   /* SA-25 */
}

/* see itls/secagree.h */
enum itls_err
itls_secagree_compare(const struct itls_secagree_list *c1, const char *buf1,
	size_t len1, const struct itls_secagree_list *c2, const char *buf2,
	size_t len2)
{
	if (c1->kind != ITLS_SECAGREE_CLIENT || c2->kind != ITLS_SECAGREE_CLIENT) {
		return ITLS_ERR_BAD_HEADER_NAME;                  /* SA-24 */
	}
	return itls_secagree_equal(c1, buf1, len1, c2, buf2, len2);  /* SA-26 */
}

/* see itls/secagree.h */
size_t
itls_secagree_find(const struct itls_secagree_list *l, const char *buf,
	size_t len, const char *name, size_t nlen)
{
	size_t i;

	(void)len;
	/*@ loop invariant 0 <= i <= l->count;
	    loop invariant \forall integer k; 0 <= k < i ==>
	      !(l->mechs[k].name.len == nlen && sa_ieq(buf + l->mechs[k].name.off, name, nlen));
	    loop assigns i;
	    loop variant l->count - i;
	 */
	for (i = 0; i < l->count; i++) {
		/* SA-28: names compare ASCII case-insensitively */
		if (l->mechs[i].name.len == nlen
			&& sa_ieq_buf(buf + l->mechs[i].name.off, name, nlen)) {
			return i;
		}
	}
	return i;
}

/* see itls/secagree.h */
int
itls_secagree_offers(const struct itls_secagree_list *l, const char *buf,
	size_t len, const char *name, size_t nlen)
{
	return itls_secagree_find(l, buf, len, name, nlen) < l->count;   /* SA-28 */
}

/* see itls/secagree.h */
int
itls_secagree_transport(const struct itls_secagree_mech *m, const char *buf,
	size_t len, unsigned *port)
{
	(void)len;
	/* SA-27: tls => sips: on the SIPS port 5061 (seed 002) */
	if (m->name.len == 3 && sa_fold(buf[m->name.off]) == 't'
		&& sa_fold(buf[m->name.off + 1]) == 'l'
		&& sa_fold(buf[m->name.off + 2]) == 's') {
		*port = ITLS_SECAGREE_SIPS_PORT;
		return 1;
	}
	*port = 0;
	return 0;
}
