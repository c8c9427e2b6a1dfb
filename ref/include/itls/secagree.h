/*
 * itls/secagree.h -- SIP security agreement (RFC 3329): Security-Client,
 * Security-Server and Security-Verify.
 *
 * Spec: spec/secagree.md (SA-01 .. SA-32), decisions D-SA-1 .. D-SA-22.
 * Sources: RFC 3329 §2.2, §2.3; RFC 3261 §25.1; TS 33.203 Annex H;
 * TS 24.229 §5.1.1.2, §5.2.2; seeds 002 and 004 §3.3.2.
 *
 * The pattern every function of this module shares:
 *
 *  - Input text is one caller buffer `buf` of `len` bytes, never
 *    NUL-terminated. A parsed list stores views (offset, length) into that
 *    buffer; nothing is copied. The header lines of one message are parsed
 *    by one call each, every line a range `buf[off .. len)` of the same
 *    buffer (itls_secagree_append), so all views of a list index `buf`.
 *  - The list is a caller-owned struct of fixed capacity (16 mechanisms of
 *    16 parameters, about 11 KiB): no allocation, no global state.
 *  - Failures are enum itls_err values (err.h); itls_err_name() gives the
 *    reason word the CLI and the vectors print.
 *  - The writer takes (out, cap), writes at most cap bytes, returns the
 *    length in *outlen, and writes nothing when the result does not fit.
 *
 * Every prototype carries its ACSL contract (proved by `make proofs`); the
 * logic definitions below give the contracts their meaning. The command
 * line (SA-29, SA-30) is ref/cli/cmd_secagree.c.
 */
#ifndef ITLS_SECAGREE_H
#define ITLS_SECAGREE_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#include "itls/err.h"

/** Most mechanisms in one list (SA-11). */
#define ITLS_SECAGREE_MAX_MECHS   16
/** Most parameters in one mechanism (SA-11). */
#define ITLS_SECAGREE_MAX_PARAMS  16
/** Largest buffer the parser accepts; longer is `too-long` (SA-31). */
#define ITLS_SECAGREE_MAX_LEN     65535
/** The q of a mechanism that has none (ranks below every q, SA-23). */
#define ITLS_SECAGREE_Q_NONE      (-1)
/** The SIPS port a UE connects to after choosing `tls` (SA-27). */
#define ITLS_SECAGREE_SIPS_PORT   5061

/** Which header a list came from. */
enum itls_secagree_kind {
	ITLS_SECAGREE_UNSET  = 0,   /**< no line parsed yet */
	ITLS_SECAGREE_CLIENT = 1,   /**< Security-Client */
	ITLS_SECAGREE_SERVER = 2,   /**< Security-Server */
	ITLS_SECAGREE_VERIFY = 3    /**< Security-Verify */
};

/** A view: the bytes buf[off .. off + len) of the caller's buffer. */
struct itls_secagree_view {
	size_t off;
	size_t len;
};

/** One parameter: `;name` or `;name=value` (value byte for byte). */
struct itls_secagree_param {
	struct itls_secagree_view name;
	struct itls_secagree_view value;  /**< len 0 when has_value is 0 */
	int has_value;                    /**< 1 when `=` and a value follow */
};

/** One mechanism: its name, its q, its parameters in input order (q included). */
struct itls_secagree_mech {
	struct itls_secagree_view name;
	int q;                            /**< 0..1000 (thousandths) or ITLS_SECAGREE_Q_NONE */
	size_t nparams;
	struct itls_secagree_param params[ITLS_SECAGREE_MAX_PARAMS];
};

/** A parsed list: all mechanisms of the header lines of one message. */
struct itls_secagree_list {
	enum itls_secagree_kind kind;
	size_t count;
	struct itls_secagree_mech mechs[ITLS_SECAGREE_MAX_MECHS];
};

/** What ranking needs of one mechanism (SA-23): its name and its q. */
struct itls_secagree_rank {
	struct itls_secagree_view name;
	int q;                            /**< 0..1000 (thousandths) or ITLS_SECAGREE_Q_NONE */
	struct itls_secagree_view qval;   /**< the value of its q parameter (len 0 when none) */
};

/**
 * The mechanisms of one header value, reduced to what ranking needs
 * (itls_secagree_parse_ranks, SA-32): 656 bytes on LP64 instead of the 11 KiB
 * of a full list.
 */
struct itls_secagree_ranks {
	enum itls_secagree_kind kind;
	size_t count;
	struct itls_secagree_rank mechs[ITLS_SECAGREE_MAX_MECHS];
};

/*@
  // ---- where views lie -------------------------------------------------
  // (written with field paths, not struct values, so that provers see
  //  the same memory accesses as the code)

  // a mechanism whose views all lie in buf[0 .. len), with a sane shape
  predicate sa_mech_in{L}(struct itls_secagree_mech *m, integer len) =
    m->name.off + m->name.len <= len &&
    m->nparams <= ITLS_SECAGREE_MAX_PARAMS &&
    (m->q == ITLS_SECAGREE_Q_NONE || 0 <= m->q <= 1000) &&
    (\forall integer p; 0 <= p < m->nparams ==>
       m->params[p].name.off + m->params[p].name.len <= len) &&
    (\forall integer p; 0 <= p < m->nparams ==>
       m->params[p].value.off + m->params[p].value.len <= len);

  // SA-09, SA-11: a list of at most 16 mechanisms, every view inside buf[0 .. len)
  predicate sa_list_in{L}(struct itls_secagree_list *l, integer len) =
    l->count <= ITLS_SECAGREE_MAX_MECHS &&
    (\forall integer i; 0 <= i < l->count ==> sa_mech_in(&l->mechs[i], len));

  predicate sa_kind_ok(integer k) =
    k == ITLS_SECAGREE_CLIENT || k == ITLS_SECAGREE_SERVER || k == ITLS_SECAGREE_VERIFY;

  // ---- names: ASCII case-insensitive (only A-Z fold) ------------------------
  logic integer sa_lower(integer c) = ('A' <= c <= 'Z') ? c + 32 : c;

  predicate sa_ieq{L}(char *a, char *b, integer n) =
    \forall integer k; 0 <= k < n ==> sa_lower(a[k]) == sa_lower(b[k]);

  predicate sa_beq{L}(char *a, char *b, integer n) =
    \forall integer k; 0 <= k < n ==> a[k] == b[k];

  // two names a[ao .. ao+al) and b[bo .. bo+bl) are equal ignoring ASCII case
  predicate sa_name_eq{L}(char *a, integer ao, integer al, char *b, integer bo, integer bl) =
    al == bl && sa_ieq(a + ao, b + bo, al);

  // SA-28: list l (over buffer lb) has a mechanism named b[bo .. bo+bl)
  predicate sa_offers{L}(struct itls_secagree_list *l, char *lb, char *b, integer bo, integer bl) =
    \exists integer i; 0 <= i < l->count &&
      sa_name_eq(lb, l->mechs[i].name.off, l->mechs[i].name.len, b, bo, bl);

  // SA-23: mechanism j of server list s is named in client list c
  predicate sa_common{L}(struct itls_secagree_list *c, char *cb,
                         struct itls_secagree_list *s, char *sb, integer j) =
    0 <= j < s->count && sa_offers(c, cb, sb, s->mechs[j].name.off, s->mechs[j].name.len);

  predicate sa_any_common{L}(struct itls_secagree_list *c, char *cb,
                             struct itls_secagree_list *s, char *sb) =
    \exists integer j; sa_common(c, cb, s, sb, j);

  // SA-23: j is the choice: common, no common mechanism has a higher q, and
  // every earlier common mechanism has a lower q (the first among equals)
  predicate sa_chosen{L}(struct itls_secagree_list *c, char *cb,
                         struct itls_secagree_list *s, char *sb, integer j) =
    sa_common(c, cb, s, sb, j) &&
    (\forall integer k; sa_common(c, cb, s, sb, k) ==> s->mechs[k].q <= s->mechs[j].q) &&
    (\forall integer k; 0 <= k < j && sa_common(c, cb, s, sb, k) ==>
       s->mechs[k].q < s->mechs[j].q);

  // ---- equality of lists (SA-25, SA-26; D-SA-7) -----------------------------
  predicate sa_param_eq{L}(char *a, struct itls_secagree_param *pa,
                           char *b, struct itls_secagree_param *pb) =
    sa_name_eq(a, pa->name.off, pa->name.len, b, pb->name.off, pb->name.len) &&
    (pa->has_value == 0 <==> pb->has_value == 0) &&
    pa->value.len == pb->value.len &&
    sa_beq(a + pa->value.off, b + pb->value.off, pa->value.len);

  predicate sa_params_eq{L}(char *a, struct itls_secagree_mech *ma,
                            char *b, struct itls_secagree_mech *mb, integer n) =
    \forall integer p; 0 <= p < n ==> sa_param_eq(a, &ma->params[p], b, &mb->params[p]);

  predicate sa_mech_eq{L}(char *a, struct itls_secagree_mech *ma,
                          char *b, struct itls_secagree_mech *mb) =
    sa_name_eq(a, ma->name.off, ma->name.len, b, mb->name.off, mb->name.len) &&
    ma->nparams == mb->nparams &&
    sa_params_eq(a, ma, b, mb, ma->nparams);

  predicate sa_mechs_eq{L}(char *a, struct itls_secagree_list *la,
                           char *b, struct itls_secagree_list *lb, integer n) =
    \forall integer i; 0 <= i < n ==> sa_mech_eq(a, &la->mechs[i], b, &lb->mechs[i]);

  predicate sa_list_eq{L}(char *a, struct itls_secagree_list *la,
                          char *b, struct itls_secagree_list *lb) =
    la->count == lb->count && sa_mechs_eq(a, la, b, lb, la->count);

  // ---- length of the canonical line (SA-21, SA-22) --------------------------
  logic integer sa_param_clen{L}(struct itls_secagree_param *p) =
    1 + p->name.len + (p->has_value != 0 ? 1 + p->value.len : 0);

  logic integer sa_plen{L}(struct itls_secagree_mech *m, integer n) =
    n <= 0 ? 0 : sa_plen(m, n - 1) + sa_param_clen(&m->params[n - 1]);

  logic integer sa_mlen{L}(struct itls_secagree_mech *m) =
    m->name.len + sa_plen(m, m->nparams);

  logic integer sa_llen{L}(struct itls_secagree_list *l, integer n) =
    n <= 0 ? 0 : sa_llen(l, n - 1) + (n > 1 ? 2 : 0) + sa_mlen(&l->mechs[n - 1]);

  // "Security-Xxxxxx: " is 17 bytes for each of the three names
  logic integer sa_canon_len{L}(struct itls_secagree_list *l) =
    17 + sa_llen(l, l->count);

  // ---- q values (SA-12) --------------------------------------------------------
  predicate sa_isdig(integer c) = '0' <= c <= '9';

  // digit k of b[0 .. n) as a number, 0 past the end
  logic integer sa_qdig{L}(char *b, integer k, integer n) = k < n ? b[k] - '0' : 0;

  // SA-12: b[0 .. n) is a qvalue: "0" ["." 0*3DIGIT] / "1" ["." 0*3("0")]
  predicate sa_qsyntax{L}(char *b, integer n) =
    1 <= n <= 5 && (b[0] == '0' || b[0] == '1') && (n >= 2 ==> b[1] == '.') &&
    (\forall integer k; 2 <= k < n ==> sa_isdig(b[k])) &&
    (b[0] == '1' ==> \forall integer k; 2 <= k < n ==> b[k] == '0');

  // SA-12: the number a qvalue b[0 .. n) writes, in thousandths
  logic integer sa_qval{L}(char *b, integer n) =
    b[0] == '1' ? 1000 :
      100 * sa_qdig(b, 2, n) + 10 * sa_qdig(b, 3, n) + sa_qdig(b, 4, n);

  // ---- q values of the text (SA-12, SA-23) --------------------------------------

  // parameter p is named q (ASCII case ignored)
  predicate sa_is_qparam{L}(char *buf, struct itls_secagree_param *p) =
    p->name.len == 1 && sa_lower(buf[p->name.off]) == 'q';

  // parameter p is the first of m named q (SA-10 refuses a second one)
  predicate sa_first_q{L}(char *buf, struct itls_secagree_mech *m, integer p) =
    0 <= p < m->nparams && sa_is_qparam(buf, &m->params[p]) &&
    \forall integer k; 0 <= k < p ==> !sa_is_qparam(buf, &m->params[k]);

  // SA-12, SA-23: q is the q of mechanism m as its text writes it: the number
  // the value of its q parameter writes (a qvalue), ITLS_SECAGREE_Q_NONE
  // exactly when m has no parameter named q
  predicate sa_qof{L}(char *buf, struct itls_secagree_mech *m, integer q) =
    (q == ITLS_SECAGREE_Q_NONE <==>
       \forall integer p; 0 <= p < m->nparams ==> !sa_is_qparam(buf, &m->params[p])) &&
    (\forall integer p; sa_first_q(buf, m, p) ==>
       m->params[p].has_value != 0 &&
       sa_qsyntax(buf + m->params[p].value.off, m->params[p].value.len) &&
       q == sa_qval(buf + m->params[p].value.off, m->params[p].value.len));

  // SA-12, SA-23: the q field of m is the q of its text
  predicate sa_mech_q{L}(char *buf, struct itls_secagree_mech *m) = sa_qof(buf, m, m->q);

  // ---- ranks (SA-32) -----------------------------------------------------------

  // SA-09, SA-11: at most 16 ranks, every name inside buf[0 .. len), q in range
  predicate sa_ranks_in{L}(struct itls_secagree_ranks *r, integer len) =
    r->count <= ITLS_SECAGREE_MAX_MECHS &&
    (\forall integer i; 0 <= i < r->count ==>
       r->mechs[i].name.off + r->mechs[i].name.len <= len &&
       (r->mechs[i].q == ITLS_SECAGREE_Q_NONE || 0 <= r->mechs[i].q <= 1000));

  // SA-12, SA-23: the q of rank i is the number the text of its q value writes
  predicate sa_ranks_q{L}(char *buf, struct itls_secagree_ranks *r, integer len) =
    \forall integer i; 0 <= i < r->count && r->mechs[i].q != ITLS_SECAGREE_Q_NONE ==>
      r->mechs[i].qval.off + r->mechs[i].qval.len <= len &&
      sa_qsyntax(buf + r->mechs[i].qval.off, r->mechs[i].qval.len) &&
      r->mechs[i].q == sa_qval(buf + r->mechs[i].qval.off, r->mechs[i].qval.len);

  // ---- copies (the serializer's helpers, SA-21) -------------------------------

  // out[at .. at+n) is src[off .. off+n) in ASCII lower case
  // (over absolute indices x, so that the provers' triggers match)
  predicate sa_lowtext{L}(char *out, integer at, char *src, integer off, integer n) =
    \forall integer x; at <= x < at + n ==> out[x] == sa_lower(src[x - at + off]);

  // out[at .. at+n) is src[off .. off+n) byte for byte
  predicate sa_cpytext{L}(char *out, integer at, char *src, integer off, integer n) =
    \forall integer k; 0 <= k < n ==> out[at + k] == src[off + k];

  // ---- the canonical text, byte for byte (SA-21, SA-22) -----------------------
  // (the text is read in memory Lo, the list and buf in memory Ll: a writer
  //  states its output at Post as a function of its input at Pre)

  // byte k (0 <= k < sa_param_clen(p)) of the canonical text of parameter p:
  // `;`, the name in lower case, then `=` and the value byte for byte if it has one
  logic integer sa_param_byte{L}(char *buf, struct itls_secagree_param *p, integer k) =
    k == 0 ? ';' :
    k <= p->name.len ? sa_lower(buf[k - 1 + p->name.off]) :
    k == p->name.len + 1 ? '=' :
    buf[k - p->name.len - 2 + p->value.off];

  // out[at ..) holds the name of mechanism m in lower case and, after it, its
  // parameters 0 .. n-1: parameter p at offset name.len + sa_plen(m, p)
  predicate sa_mech_part{Lo,Ll}(char *out, integer at, char *buf,
                                struct itls_secagree_mech *m, integer n) =
    (\forall integer x; at <= x < at + \at(m->name.len, Ll) ==>
       \at(out[x], Lo) == sa_lower(\at(buf[x - at + m->name.off], Ll))) &&
    (\forall integer p, x; 0 <= p < n &&
       at + \at(m->name.len, Ll) + sa_plen{Ll}(m, p) <= x &&
       x < at + \at(m->name.len, Ll) + sa_plen{Ll}(m, p + 1) ==>
       \at(out[x], Lo) == sa_param_byte{Ll}(buf, \at(&m->params[p], Ll),
         x - (at + \at(m->name.len, Ll) + sa_plen{Ll}(m, p))));

  // SA-22: out[at .. at + sa_mlen(m)) is the canonical text of mechanism m
  predicate sa_mech_text{Lo,Ll}(char *out, integer at, char *buf,
                                struct itls_secagree_mech *m) =
    sa_mech_part{Lo,Ll}(out, at, buf, m, \at(m->nparams, Ll));

  // SA-21: out[0 .. 17) is the header name of kind k and ": "
  predicate sa_hdr_text{L}(char *out, integer k) =
    out[0] == 'S' && out[1] == 'e' && out[2] == 'c' && out[3] == 'u' &&
    out[4] == 'r' && out[5] == 'i' && out[6] == 't' && out[7] == 'y' &&
    out[8] == '-' &&
    (k == ITLS_SECAGREE_CLIENT ==> out[9] == 'C' && out[10] == 'l' &&
       out[11] == 'i' && out[12] == 'e' && out[13] == 'n' && out[14] == 't') &&
    (k == ITLS_SECAGREE_SERVER ==> out[9] == 'S' && out[10] == 'e' &&
       out[11] == 'r' && out[12] == 'v' && out[13] == 'e' && out[14] == 'r') &&
    (k == ITLS_SECAGREE_VERIFY ==> out[9] == 'V' && out[10] == 'e' &&
       out[11] == 'r' && out[12] == 'i' && out[13] == 'f' && out[14] == 'y') &&
    out[15] == ':' && out[16] == ' ';

  // SA-21: where mechanism i of l starts in its canonical line
  logic integer sa_moff{L}(struct itls_secagree_list *l, integer i) =
    17 + sa_llen(l, i) + (i > 0 ? 2 : 0);

  // SA-21: out[0 .. sa_canon_len(l)) is the canonical line of l: the header
  // name, then mechanism i at sa_moff(l, i), preceded by ", " when i > 0.
  // (Not used by a proof. The serializer's SA_21 states the same bytes as
  //  sa_canon_text, a function of the list, in secagree.c, D-SA-22; this
  //  block is kept as it is because a change to it renumbers the variables
  //  of every file that includes it and so misses their WP cache, D-PR-4.)
  predicate sa_line_text{Lo,Ll}(char *out, char *buf, struct itls_secagree_list *l) =
    sa_hdr_text{Lo}(out, \at(l->kind, Ll)) &&
    (\forall integer i; 0 < i < \at(l->count, Ll) ==>
       \at(out[17 + sa_llen{Ll}(l, i)], Lo) == ',' &&
       \at(out[18 + sa_llen{Ll}(l, i)], Lo) == ' ') &&
    (\forall integer i; 0 <= i < \at(l->count, Ll) ==>
       sa_mech_text{Lo,Ll}(out, sa_moff{Ll}(l, i), buf, \at(&l->mechs[i], Ll)));

*/

/**
 * \brief Empty a list (count 0, kind unset) before the first line.
 */
/*@ requires \valid(l);
    assigns l->kind, l->count;
    ensures l->count == 0 && l->kind == ITLS_SECAGREE_UNSET;
    ensures sa_list_in(l, 0);
 */
void
itls_secagree_init(struct itls_secagree_list *l);

/**
 * \brief Parse one more header line of a message into list `l`.
 *
 * The line is buf[off .. len) (without its CR LF): a header name
 * (Security-Client / -Server / -Verify, any case), `:`, and a value of one
 * or more mechanisms (SA-01 .. SA-20). Its mechanisms are appended after
 * those already in `l`; earlier lines of the message must lie in the same
 * buffer before `len`. Every view the list holds is an offset into `buf`.
 * The buffer itself is only read.
 *
 * Errors: `too-long` (len > ITLS_SECAGREE_MAX_LEN), `bad-header-name`,
 * `mixed-headers` (another header than the earlier lines), `empty`,
 * `syntax`, `bad-quoted-string`, `too-many-mechanisms`,
 * `too-many-parameters`, `duplicate-parameter`, `bad-qvalue`,
 * `duplicate-q`, `bad-d-ver`, `bad-alg`, `bad-ealg`, `bad-prot`, `bad-mod`,
 * `bad-spi`, `bad-port`, `missing-parameter`. After an error the list is
 * still well-formed (its views lie in buf) but its content means nothing.
 *
 * SA-01, SA-09, SA-31.
 */
/*@ requires \valid(l);
    requires \valid_read(buf + (0 .. len - 1));
    requires \separated(l, buf + (0 .. len - 1));
    requires off <= len;
    requires sa_list_in(l, len);
    requires l->kind == ITLS_SECAGREE_UNSET || sa_kind_ok(l->kind);
    assigns *l;
    ensures sa_list_in(l, len);
    ensures \result == ITLS_OK ==> \old(l->count) < l->count && sa_kind_ok(l->kind);
    ensures \result == ITLS_OK && \old(l->kind) != ITLS_SECAGREE_UNSET ==>
      l->kind == \old(l->kind);
 */
enum itls_err
itls_secagree_append(struct itls_secagree_list *l, const char *buf, size_t len,
	size_t off);

/**
 * \brief Like itls_secagree_append, for a value without its header name.
 *
 * The value buf[off .. len) is what follows the colon; `kind` says which
 * header it came from (it decides SA-20 and must match earlier lines).
 */
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
 */
enum itls_err
itls_secagree_append_value(struct itls_secagree_list *l,
	enum itls_secagree_kind kind, const char *buf, size_t len, size_t off);

/**
 * \brief Parse one header line buf[0 .. len) into a fresh list.
 *
 * itls_secagree_init then itls_secagree_append(l, buf, len, 0).
 */
/*@ requires \valid(l);
    requires \valid_read(buf + (0 .. len - 1));
    requires \separated(l, buf + (0 .. len - 1));
    assigns *l;
    ensures sa_list_in(l, len);
    ensures \result == ITLS_OK ==> 1 <= l->count && sa_kind_ok(l->kind);
 */
enum itls_err
itls_secagree_parse(struct itls_secagree_list *l, const char *buf, size_t len);

/**
 * \brief Parse one header value buf[0 .. len) of header `kind` into a fresh list.
 */
/*@ requires \valid(l);
    requires \valid_read(buf + (0 .. len - 1));
    requires \separated(l, buf + (0 .. len - 1));
    requires sa_kind_ok(kind);
    assigns *l;
    ensures sa_list_in(l, len);
    ensures \result == ITLS_OK ==> 1 <= l->count && l->kind == kind;
 */
enum itls_err
itls_secagree_parse_value(struct itls_secagree_list *l,
	enum itls_secagree_kind kind, const char *buf, size_t len);

/**
 * \brief Parse one header value buf[0 .. len) of header `kind`, keeping only
 * what ranking needs (SA-32): each mechanism's name, q and q value.
 *
 * The value is checked exactly as itls_secagree_parse_value checks it (the
 * same rules, the same first error: SA-02 .. SA-20, SA-31), one mechanism
 * at a time in one `struct itls_secagree_mech` on the stack, so a caller
 * that only chooses (the UE, UE-06) needs no 11 KiB list. Names are views
 * into buf. After an error `r` is still well-formed but means nothing.
 */
/*@ requires \valid(r);
    requires \valid_read(buf + (0 .. len - 1));
    requires \separated(r, buf + (0 .. len - 1));
    requires sa_kind_ok(kind);
    assigns *r;
    ensures sa_ranks_in(r, len);
    ensures \result == ITLS_OK ==> 1 <= r->count && r->kind == kind;
    ensures SA_12: sa_ranks_q(buf, r, len);
 */
enum itls_err
itls_secagree_parse_ranks(struct itls_secagree_ranks *r,
	enum itls_secagree_kind kind, const char *buf, size_t len);

/**
 * \brief Write the canonical line of `l` (SA-21) into out[0 .. cap).
 *
 * `Security-Client: ` (or -Server, -Verify), then the mechanisms joined by
 * `, `, names in lower case, values byte for byte. On success *outlen is
 * the length (no NUL is written). When the line is longer than cap the
 * result is `buffer-too-small` and neither out nor *outlen is written.
 * `l` and `buf` are only read. Proved byte for byte: SA_21 (the line is
 * sa_canon_text, a function of the list, written with the contract of the
 * definition in secagree.c; D-SA-22).
 */
/*@ requires \valid_read(l);
    requires \valid_read(buf + (0 .. len - 1));
    requires \valid(out + (0 .. cap - 1));
    requires \valid(outlen);
    requires len <= ITLS_SECAGREE_MAX_LEN;
    requires sa_list_in(l, len);
    requires sa_kind_ok(l->kind);
    requires \separated(out + (0 .. cap - 1), outlen, l, buf + (0 .. len - 1));
    requires \separated(outlen, l, buf + (0 .. len - 1));
    assigns out[0 .. cap - 1], *outlen;
    behavior fits:
      assumes sa_canon_len(l) <= cap;
      assigns out[0 .. cap - 1], *outlen;
      ensures \result == ITLS_OK;
      ensures *outlen == \old(sa_canon_len(l)) && *outlen <= cap;
    behavior too_small:
      assumes sa_canon_len(l) > cap;
      assigns \nothing;
      ensures \result == ITLS_ERR_BUFFER_TOO_SMALL;
    complete behaviors;
    disjoint behaviors;
 */
enum itls_err
itls_secagree_serialize(const struct itls_secagree_list *l, const char *buf,
	size_t len, char *out, size_t cap, size_t *outlen);

/**
 * \brief Write the canonical form of mechanism `idx` of `l` alone (SA-22),
 * e.g. `tls;q=0.2`; same rules as itls_secagree_serialize. Proved byte for
 * byte: SA_22 (sa_mech_text).
 */
/*@ requires \valid_read(l);
    requires \valid_read(buf + (0 .. len - 1));
    requires \valid(out + (0 .. cap - 1));
    requires \valid(outlen);
    requires len <= ITLS_SECAGREE_MAX_LEN;
    requires sa_list_in(l, len);
    requires idx < l->count;
    requires \separated(out + (0 .. cap - 1), outlen, l, buf + (0 .. len - 1));
    requires \separated(outlen, l, buf + (0 .. len - 1));
    assigns out[0 .. cap - 1], *outlen;
    behavior fits:
      assumes sa_mlen(&l->mechs[idx]) <= cap;
      assigns out[0 .. cap - 1], *outlen;
      ensures \result == ITLS_OK;
      ensures *outlen == \old(sa_mlen(&l->mechs[idx])) && *outlen <= cap;
      ensures SA_22: sa_mech_text{Post,Pre}(out, 0, buf, &l->mechs[idx]);
    behavior too_small:
      assumes sa_mlen(&l->mechs[idx]) > cap;
      assigns \nothing;
      ensures \result == ITLS_ERR_BUFFER_TOO_SMALL;
    complete behaviors;
    disjoint behaviors;
 */
enum itls_err
itls_secagree_serialize_mech(const struct itls_secagree_list *l,
	const char *buf, size_t len, size_t idx, char *out, size_t cap,
	size_t *outlen);

/**
 * \brief Choose a mechanism (SA-23): the UE's Security-Client `c` (views
 * into cbuf) against the P-CSCF's Security-Server `s` (views into sbuf).
 *
 * Result ITLS_OK with *idx the index in `s` of the chosen mechanism: a
 * server mechanism whose name the client list has, with the highest q
 * (no q ranks lowest), the first in server order among equals. Otherwise
 * `no-common-mechanism` (*idx untouched), or `bad-header-name` when `c` is
 * not a Security-Client or `s` not a Security-Server list (SA-24).
 */
/*@ requires \valid_read(c) && \valid_read(s) && \valid(idx);
    requires \valid_read(cbuf + (0 .. clen - 1));
    requires \valid_read(sbuf + (0 .. slen - 1));
    requires sa_list_in(c, clen) && sa_list_in(s, slen);
    requires \separated(idx, c, s, cbuf + (0 .. clen - 1), sbuf + (0 .. slen - 1));
    assigns *idx;
    behavior bad_kind:
      assumes c->kind != ITLS_SECAGREE_CLIENT || s->kind != ITLS_SECAGREE_SERVER;
      assigns \nothing;
      ensures \result == ITLS_ERR_BAD_HEADER_NAME;
    behavior chosen:
      assumes c->kind == ITLS_SECAGREE_CLIENT && s->kind == ITLS_SECAGREE_SERVER;
      assumes sa_any_common(c, cbuf, s, sbuf);
      assigns *idx;
      ensures \result == ITLS_OK;
      ensures 0 <= *idx < s->count;
      ensures sa_chosen(c, cbuf, s, sbuf, *idx);
    behavior none:
      assumes c->kind == ITLS_SECAGREE_CLIENT && s->kind == ITLS_SECAGREE_SERVER;
      assumes !sa_any_common(c, cbuf, s, sbuf);
      assigns \nothing;
      ensures \result == ITLS_ERR_NO_COMMON_MECHANISM;
    complete behaviors;
    disjoint behaviors;
 */
enum itls_err
itls_secagree_select(const struct itls_secagree_list *c, const char *cbuf,
	size_t clen, const struct itls_secagree_list *s, const char *sbuf,
	size_t slen, size_t *idx);

/**
 * \brief Are two lists equal by D-SA-7 (SA-25, SA-26)?
 *
 * Same count; mechanism by mechanism the same name (ASCII case-insensitive)
 * and the same parameters in the same order: same name (case-insensitive),
 * same presence of a value, same value bytes. The header kinds are not
 * compared. ITLS_OK when equal, `mismatch` otherwise; nothing is written.
 */
/*@ requires \valid_read(a) && \valid_read(b);
    requires \valid_read(abuf + (0 .. alen - 1));
    requires \valid_read(bbuf + (0 .. blen - 1));
    requires sa_list_in(a, alen) && sa_list_in(b, blen);
    assigns \nothing;
    behavior equal:
      assumes sa_list_eq(abuf, a, bbuf, b);
      ensures \result == ITLS_OK;
    behavior differ:
      assumes !sa_list_eq(abuf, a, bbuf, b);
      ensures \result == ITLS_ERR_MISMATCH;
    complete behaviors;
    disjoint behaviors;
 */
enum itls_err
itls_secagree_equal(const struct itls_secagree_list *a, const char *abuf,
	size_t alen, const struct itls_secagree_list *b, const char *bbuf,
	size_t blen);

/**
 * \brief Check the Security-Verify `v` of a protected request against the
 * Security-Server `s` the UE received (SA-25).
 *
 * ITLS_OK when equal by itls_secagree_equal, `mismatch` otherwise,
 * `bad-header-name` when `s` is not a Security-Server or `v` not a
 * Security-Verify list (SA-24).
 */
/*@ requires \valid_read(s) && \valid_read(v);
    requires \valid_read(sbuf + (0 .. slen - 1));
    requires \valid_read(vbuf + (0 .. vlen - 1));
    requires sa_list_in(s, slen) && sa_list_in(v, vlen);
    assigns \nothing;
    behavior bad_kind:
      assumes s->kind != ITLS_SECAGREE_SERVER || v->kind != ITLS_SECAGREE_VERIFY;
      ensures \result == ITLS_ERR_BAD_HEADER_NAME;
    behavior equal:
      assumes s->kind == ITLS_SECAGREE_SERVER && v->kind == ITLS_SECAGREE_VERIFY;
      assumes sa_list_eq(sbuf, s, vbuf, v);
      ensures \result == ITLS_OK;
    behavior differ:
      assumes s->kind == ITLS_SECAGREE_SERVER && v->kind == ITLS_SECAGREE_VERIFY;
      assumes !sa_list_eq(sbuf, s, vbuf, v);
      ensures \result == ITLS_ERR_MISMATCH;
    complete behaviors;
    disjoint behaviors;
 */
enum itls_err
itls_secagree_verify(const struct itls_secagree_list *s, const char *sbuf,
	size_t slen, const struct itls_secagree_list *v, const char *vbuf,
	size_t vlen);

/**
 * \brief Compare the Security-Client of the first REGISTER (SM1) with the
 * one of the protected REGISTER (SM7) on the P-CSCF (SA-26, bid-down).
 *
 * ITLS_OK when equal, `mismatch` otherwise, `bad-header-name` unless both
 * are Security-Client lists.
 */
/*@ requires \valid_read(c1) && \valid_read(c2);
    requires \valid_read(buf1 + (0 .. len1 - 1));
    requires \valid_read(buf2 + (0 .. len2 - 1));
    requires sa_list_in(c1, len1) && sa_list_in(c2, len2);
    assigns \nothing;
    behavior bad_kind:
      assumes c1->kind != ITLS_SECAGREE_CLIENT || c2->kind != ITLS_SECAGREE_CLIENT;
      ensures \result == ITLS_ERR_BAD_HEADER_NAME;
    behavior equal:
      assumes c1->kind == ITLS_SECAGREE_CLIENT && c2->kind == ITLS_SECAGREE_CLIENT;
      assumes sa_list_eq(buf1, c1, buf2, c2);
      ensures \result == ITLS_OK;
    behavior differ:
      assumes c1->kind == ITLS_SECAGREE_CLIENT && c2->kind == ITLS_SECAGREE_CLIENT;
      assumes !sa_list_eq(buf1, c1, buf2, c2);
      ensures \result == ITLS_ERR_MISMATCH;
    complete behaviors;
    disjoint behaviors;
 */
enum itls_err
itls_secagree_compare(const struct itls_secagree_list *c1, const char *buf1,
	size_t len1, const struct itls_secagree_list *c2, const char *buf2,
	size_t len2);

/**
 * \brief Index of the first mechanism of `l` named name[0 .. nlen) (ASCII
 * case-insensitive), or l->count when there is none (SA-28).
 */
/*@ requires \valid_read(l);
    requires \valid_read(buf + (0 .. len - 1));
    requires \valid_read(name + (0 .. nlen - 1));
    requires sa_list_in(l, len);
    assigns \nothing;
    ensures 0 <= \result <= l->count;
    ensures \result < l->count ==>
      l->mechs[\result].name.len == nlen &&
      sa_ieq(buf + l->mechs[\result].name.off, name, nlen);
    ensures \forall integer i; 0 <= i < \result ==>
      !(l->mechs[i].name.len == nlen && sa_ieq(buf + l->mechs[i].name.off, name, nlen));
 */
size_t
itls_secagree_find(const struct itls_secagree_list *l, const char *buf,
	size_t len, const char *name, size_t nlen);

/**
 * \brief Does `l` offer a mechanism named name[0 .. nlen)? 1 or 0 (SA-28).
 */
/*@ requires \valid_read(l);
    requires \valid_read(buf + (0 .. len - 1));
    requires \valid_read(name + (0 .. nlen - 1));
    requires sa_list_in(l, len);
    assigns \nothing;
    ensures \result == 0 || \result == 1;
    ensures \result == 1 <==> \exists integer i; 0 <= i < l->count &&
      l->mechs[i].name.len == nlen && sa_ieq(buf + l->mechs[i].name.off, name, nlen);
 */
int
itls_secagree_offers(const struct itls_secagree_list *l, const char *buf,
	size_t len, const char *name, size_t nlen);

/**
 * \brief The next hop a chosen mechanism implies (SA-27, seed 002).
 *
 * For `tls` (any case): returns 1 (scheme `sips:`) and sets *port to 5061.
 * For any other mechanism: returns 0 (scheme and port are not fixed by
 * sec-agree) and sets *port to 0.
 */
/*@ requires \valid_read(m) && \valid(port);
    requires \valid_read(buf + (0 .. len - 1));
    requires m->name.off + m->name.len <= len;
    requires \separated(port, m, buf + (0 .. len - 1));
    assigns *port;
    behavior tls:
      assumes m->name.len == 3 && sa_lower(buf[m->name.off]) == 't' &&
        sa_lower(buf[m->name.off + 1]) == 'l' && sa_lower(buf[m->name.off + 2]) == 's';
      ensures \result == 1 && *port == ITLS_SECAGREE_SIPS_PORT;
    behavior other:
      assumes !(m->name.len == 3 && sa_lower(buf[m->name.off]) == 't' &&
        sa_lower(buf[m->name.off + 1]) == 'l' && sa_lower(buf[m->name.off + 2]) == 's');
      ensures \result == 0 && *port == 0;
    complete behaviors;
    disjoint behaviors;
 */
int
itls_secagree_transport(const struct itls_secagree_mech *m, const char *buf,
	size_t len, unsigned *port);

#ifdef __cplusplus
}
#endif

#endif
