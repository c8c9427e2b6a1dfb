/*
 * check.c -- `itls check FILE...`: run vector files (vectors/FORMAT.md).
 *
 * Each record names an operation (`op = ...`); the handler of that
 * operation, in the cmd_<module>.c file that owns it, runs the library on
 * the record's inputs and compares outputs, result and reason. One summary
 * line per file, then "N passed, M failed" alone on the last line.
 * FILE "-" is stdin; `cert = NAME` is read from --certs DIR, by default the
 * directory "certs" beside the vector file (vectors/certs/).
 */
#include "cli.h"
#include "itls/err.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const struct itls_check_op *const check_tables[] = {
	check_ops_secagree,
	check_ops_crypto,
	check_ops_authparam,
	check_ops_naming,
};

static itls_check_fn
find_op(const char *op, size_t len)
{
	size_t t, i;

	for (t = 0; t < sizeof check_tables / sizeof check_tables[0]; t++) {
		for (i = 0; check_tables[t][i].op != NULL; i++) {
			if (strlen(check_tables[t][i].op) == len
				&& memcmp(check_tables[t][i].op, op, len) == 0) {
				return check_tables[t][i].fn;
			}
		}
	}
	return NULL;
}

static int
hexv(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* add one "key = value" line to r; 0 ok, -1 malformed */
static int
rec_add(struct vrec *r, const char *line, size_t len)
{
	const char *eq = NULL;
	size_t i, klen, vlen;
	struct vkv *kv;

	for (i = 0; i + 2 < len + 1 && i + 3 <= len; i++) {
		if (line[i] == ' ' && line[i + 1] == '=' && line[i + 2] == ' ') {
			eq = line + i;
			break;
		}
	}
	if (eq == NULL && len >= 2 && line[len - 2] == ' ' && line[len - 1] == '=') {
		eq = line + len - 2; /* "key =" with an empty value */
	}
	if (eq == NULL || r->n >= VREC_MAX_KV) {
		return -1;
	}
	klen = (size_t)(eq - line);
	if (klen == 0 || klen >= sizeof r->kv[0].key) {
		return -1;
	}
	for (i = 0; i < klen; i++) {
		char c = line[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
			return -1;
		}
	}
	vlen = (eq + 3 <= line + len) ? len - klen - 3 : 0;
	kv = &r->kv[r->n];
	if (klen > 4 && memcmp(line + klen - 4, "_hex", 4) == 0
		&& !(klen == 8 && memcmp(line, "cert_hex", 8) == 0)
		&& !(klen == 8 && memcmp(line, "body_hex", 8) == 0)) {
		const char *v = eq + 3;
		if (vlen % 2 != 0 || r->used + vlen / 2 + 1 > sizeof r->store) {
			return -1;
		}
		for (i = 0; i < vlen; i += 2) {
			int a = hexv((unsigned char)v[i]), b = hexv((unsigned char)v[i + 1]);
			if (a < 0 || b < 0) {
				return -1;
			}
			r->store[r->used + i / 2] = (char)(a * 16 + b);
		}
		memcpy(kv->key, line, klen - 4);
		kv->key[klen - 4] = '\0';
		kv->val = r->store + r->used;
		kv->len = vlen / 2;
		r->used += vlen / 2 + 1;
	} else {
		if (r->used + vlen + 1 > sizeof r->store) {
			return -1;
		}
		memcpy(kv->key, line, klen);
		kv->key[klen] = '\0';
		memcpy(r->store + r->used, eq + 3 <= line + len ? eq + 3 : "", vlen);
		kv->val = r->store + r->used;
		kv->len = vlen;
		r->used += vlen + 1;
	}
	r->n++;
	return 0;
}

struct tally {
	long passed, failed;
};

static int
run_record(struct vrec *r, struct tally *t)
{
	size_t len;
	const char *op = vrec_get(r, "op", &len);
	const char *tc;
	size_t tclen;
	itls_check_fn fn;
	char msg[1024];
	int rc;

	tc = vrec_get(r, "tc", &tclen);
	if (op == NULL || tc == NULL || vrec_get(r, "result", NULL) == NULL) {
		fprintf(stderr, "%s:%ld: record without tc, op or result\n", r->file, r->line);
		t->failed++;
		return 0;
	}
	fn = find_op(op, len);
	if (fn == NULL) {
		fprintf(stderr, "%s:%ld: tc %.*s: unknown op %.*s\n", r->file, r->line,
			(int)tclen, tc, (int)len, op);
		t->failed++;
		return 0;
	}
	msg[0] = '\0';
	rc = fn(r, msg, sizeof msg);
	if (rc == 0) {
		t->passed++;
	} else {
		fprintf(stderr, "%s:%ld: tc %.*s (%.*s): FAIL %s\n", r->file, r->line,
			(int)tclen, tc, (int)len, op, msg);
		t->failed++;
	}
	return 0;
}

static int
run_file(const char *path, const char *certs, struct tally *total, struct itls_out *o)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	struct vrec *r;
	struct tally t = { 0, 0 };
	char dir[4096];
	const char *slash = strrchr(path, '/');
	int in_rec = 0, is_stdin = strcmp(path, "-") == 0;

	if (certs != NULL) {
		snprintf(dir, sizeof dir, "%s", certs);
	} else if (slash == NULL) {
		snprintf(dir, sizeof dir, "certs");
	} else {
		snprintf(dir, sizeof dir, "%.*s/certs", (int)(slash - path), path);
	}
	f = is_stdin ? stdin : fopen(path, "r");
	if (f == NULL) {
		return cli_fail("unreadable", "%s: %s", path, strerror(errno));
	}
	r = calloc(1, sizeof *r);
	if (r == NULL) {
		fclose(f);
		return cli_fail("no-memory", "%s", path);
	}
	r->file = is_stdin ? "stdin" : path;
	r->certs = dir;
	for (;;) {
		n = getline(&line, &cap, f);
		lineno++;
		if (n <= 0 || line[0] == '\n') {
			if (in_rec) {
				run_record(r, &t);
				r->n = 0;
				r->used = 0;
				in_rec = 0;
			}
			if (n <= 0) {
				break;
			}
			continue;
		}
		if (line[n - 1] == '\n') {
			n--;
		}
		if (line[0] == '#') {
			continue;
		}
		if (!in_rec) {
			in_rec = 1;
			r->line = lineno;
		}
		if (rec_add(r, line, (size_t)n) != 0) {
			fprintf(stderr, "%s:%ld: malformed line\n", path, lineno);
			free(line);
			free(r);
			if (!is_stdin) {
				fclose(f);
			}
			return cli_fail("bad-vector-file", "%s:%ld", path, lineno);
		}
	}
	free(line);
	free(r);
	n = ferror(f);
	if (!is_stdin) {
		fclose(f);
	}
	if (n) {
		return cli_fail("unreadable", "%s: read error", path);
	}
	if (t.passed + t.failed == 0) {
		return cli_fail("empty", "%s: no record", path);
	}
	out_printf(o, "%s: %ld passed, %ld failed\n", path, t.passed, t.failed);
	total->passed += t.passed;
	total->failed += t.failed;
	return 0;
}

static const char usage_check[] =
"usage: itls check [--certs DIR] FILE...\n"
"\n"
"Runs vector files (vectors/FORMAT.md): each record's operation on the\n"
"library, its outputs, result (valid, invalid, acceptable) and reason\n"
"compared with the record. Prints one line per file, \"FILE: N passed, M\n"
"failed\", then \"N passed, M failed\"; each failing record is named on\n"
"stderr. FILE - is stdin.\n"
"\n"
"  --certs DIR   where `cert = NAME` files are (default: certs/ beside FILE)\n"
"\n"
"Exit status: 0 when every record passed, 1 when one failed, 2 on bad\n"
"usage or a file that cannot be read or is not a vector file (unreadable,\n"
"bad-vector-file, empty: nothing on stdout then).\n";

int
cmd_check(int argc, char **argv)
{
	static const char *const with_value[] = { "--certs", NULL };
	struct tally total = { 0, 0 };
	struct itls_out *o;
	const char *certs;
	int i, rc, files = 0;

	if (argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
		fputs(usage_check, stdout);
		return EXIT_POSITIVE;
	}
	if (arg_check(argc, argv, with_value, NULL) != 0) {
		return EXIT_BADINPUT;
	}
	certs = arg_get(argc, argv, "--certs");
	o = malloc(sizeof *o);
	if (o == NULL) {
		return cli_fail("no-memory", "check");
	}
	out_init(o);
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--certs") == 0) {
			i++;
			continue;
		}
		files++;
		rc = run_file(argv[i], certs, &total, o);
		if (rc != 0) {
			free(o);
			return rc;
		}
	}
	if (files == 0) {
		free(o);
		return cli_fail("usage", "itls check [--certs DIR] FILE... (itls check --help)");
	}
	out_printf(o, "%ld passed, %ld failed\n", total.passed, total.failed);
	rc = out_flush(o);
	free(o);
	if (rc != 0) {
		return rc;
	}
	return total.failed > 0 ? EXIT_NEGATIVE : EXIT_POSITIVE;
}
