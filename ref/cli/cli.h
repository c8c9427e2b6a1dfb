/*
 * cli.h -- internals of the `itls` command (not part of the library).
 *
 * The command is plain hosted C: it may use stdio and malloc; ref/core may
 * not. Each module has one ref/cli/cmd_<module>.c holding its subcommands
 * and its vector-check handlers; main.c and check.c only dispatch.
 *
 * Output discipline (decision D-04): a command writes its result
 * into a struct itls_out and prints it only when it succeeds, so that bad
 * input leaves stdout empty: exit 2 with one line "itls: <reason-word>: ..."
 * on stderr.
 */
#ifndef ITLS_CLI_H
#define ITLS_CLI_H

#include "itls/err.h"
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define EXIT_POSITIVE 0
#define EXIT_NEGATIVE 1
#define EXIT_BADINPUT 2

/* ---- buffered stdout -------------------------------------------------- */
struct itls_out {
	char buf[65536];
	size_t len;
	int overflow;
};
void out_init(struct itls_out *o);
void out_printf(struct itls_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void out_bytes(struct itls_out *o, const void *p, size_t n);
void out_hex(struct itls_out *o, const uint8_t *p, size_t n);
/* write the buffer to stdout; returns 0, or 2 after a write error */
int out_flush(struct itls_out *o);

/* print "itls: <word>: <detail>" on stderr and return EXIT_BADINPUT */
int cli_fail(const char *word, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The stdin filter of `itls <module> parse` (SA-29, AP-22): each line, its LF or
 * CRLF cut, goes to canon(), which writes its canonical text to out[0 .. *n-1]
 * or returns the reason; prints "ok <text>" or "error <reason>" per line.
 * Returns EXIT_POSITIVE, EXIT_BADINPUT when a line failed, or an io failure. */
typedef enum itls_err (*cli_canon_fn)(const char *line, size_t len, char *out,
	size_t cap, size_t *n);
int cli_line_filter(cli_canon_fn canon, char *out, size_t cap);

/* ---- argument helpers -------------------------------------------------- */
/* value of "--name" in argv (NULL when absent); "--name" as the last word is an error */
const char *arg_get(int argc, char **argv, const char *name);
int arg_has(int argc, char **argv, const char *name);
/* every "--x" in argv must be one of the NULL-terminated names (flags with a
 * value take the next word). Returns 0, or prints and returns EXIT_BADINPUT. */
int arg_check(int argc, char **argv, const char *const *with_value,
	const char *const *flags);
/* strict hex: even length, [0-9a-fA-F]; exactly `want` bytes unless want == 0.
 * Returns the byte count, or -1 (not hex) or -2 (wrong length). */
long hex_decode(const char *s, size_t slen, uint8_t *out, size_t cap, size_t want);
/* read a whole file ("-": stdin) of at most cap bytes: its length, or
 * FILE_UNREADABLE (errno says why) or FILE_TOO_LONG */
#define FILE_UNREADABLE (-1L)
#define FILE_TOO_LONG (-2L)
long file_read(const char *path, uint8_t *out, size_t cap);
/* print "unreadable: PATH: <system reason>" or "too-long: ..." for a
 * file_read result; returns EXIT_BADINPUT */
int file_fail(const char *path, long rc, size_t cap);

/* ---- vector records (vectors/FORMAT.md) ---------------------------------- */
#define VREC_MAX_KV 96
struct vkv {
	char key[48];
	const char *val;    /* points into the record's storage */
	size_t len;
};
struct vrec {
	const char *file;   /* vector file path */
	const char *certs;  /* the directory of `cert = NAME` files */
	long line;          /* first line of the record */
	struct vkv kv[VREC_MAX_KV];
	size_t n;
	char store[262144]; /* decoded values */
	size_t used;
};
/* first value of key (NULL when absent); len in *len */
const char *vrec_get(const struct vrec *r, const char *key, size_t *len);
/* i-th value of a repeated key (0-based) */
const char *vrec_get_nth(const struct vrec *r, const char *key, size_t i, size_t *len);
size_t vrec_count(const struct vrec *r, const char *key);
/* hex field decoded into out; returns byte count, or -1 when absent/bad */
long vrec_hex(const struct vrec *r, const char *key, uint8_t *out, size_t cap);
/* load `cert = NAME` (relative to r->certs) or `cert_hex`; < 0 on failure */
long vrec_cert(const struct vrec *r, uint8_t *out, size_t cap);
/* the message of a vrec_cert failure rc (with the system's reason); returns 2 */
int vrec_cert_fail(const struct vrec *r, long rc, char *msg, size_t cap);
/*
 * Compare the outcome of an operation with the record's result/reason.
 * err: 0 (ITLS_OK) when the operation succeeded, else an itls_err value.
 * Returns 0 when they agree; else writes a message and returns 1.
 * When result = valid and err == 0 the caller then checks the outputs.
 */
int vrec_outcome(const struct vrec *r, int err, char *msg, size_t cap);
/* compare expected field `key` with got[0..len); 0 equal, 1 differ (message) */
int vrec_expect(const struct vrec *r, const char *key, const char *got,
	size_t len, char *msg, size_t cap);
int vrec_expect_hex(const struct vrec *r, const char *key, const uint8_t *got,
	size_t len, char *msg, size_t cap);
/* result = valid ? result = acceptable ? */
int vrec_valid(const struct vrec *r);
int vrec_acceptable(const struct vrec *r);

/* a check handler: 0 pass, 1 fail (message in msg), 2 malformed record */
typedef int (*itls_check_fn)(const struct vrec *r, char *msg, size_t cap);
struct itls_check_op {
	const char *op;
	itls_check_fn fn;
};

/* ---- subcommands (one per module file) ----------------------------------- */
int cmd_secagree(int argc, char **argv);
int cmd_authparam(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_milenage(int argc, char **argv);
int cmd_aka(int argc, char **argv);
int cmd_psk(int argc, char **argv);
int cmd_name(int argc, char **argv);
int cmd_imsi(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_demo(int argc, char **argv);

/* the check handler tables of each module file (NULL-op terminated) */
extern const struct itls_check_op check_ops_secagree[];
extern const struct itls_check_op check_ops_crypto[];
extern const struct itls_check_op check_ops_authparam[];
extern const struct itls_check_op check_ops_naming[];

#endif
