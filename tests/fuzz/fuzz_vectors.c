/*
 * fuzz_vectors.c -- libFuzzer target of the vector-file reader of
 * `itls check` (rec_add and run_record in ref/cli/check.c;
 * vectors/FORMAT.md).
 * fuzz-config: max_len=262144 seeds=records link=cli args=-close_fd_mask=3
 *
 * Input: the text of a vector file. It is cut into lines and records as
 * run_file does (LF ends a line, an empty line ends a record, '#' starts a
 * comment). Properties:
 *   - a line rec_add accepts adds exactly one key/value: the key is the
 *     line's key (without "_hex" for hex keys), the value is the bytes
 *     after " = " (hex-decoded for "_hex" keys), stored inside the record;
 *   - a line rec_add refuses adds nothing: the record's count and storage
 *     use stay as they were (no half-written entry);
 *   - vrec_get finds the first value of a key;
 *   - each record is counted exactly once, passed or failed, by run_record
 *     (which runs the operation through the library: never a crash).
 */
#include "cli/check.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The harness's own loops (cutting lines, the oracle's comparisons) are not
 * instrumented for coverage, and compare with plain loops rather than
 * strcmp/memcmp (whose interceptors feed the fuzzer's comparison tables):
 * with inputs of tens of kilobytes, they took about a third of each run
 * (perf, session 6) without telling the fuzzer anything about the reader.
 * The reader itself (rec_add, vrec_get, run_record) stays instrumented.
 */
#define HARNESS __attribute__((no_sanitize("coverage")))

static struct vrec rec;

/* a[0 .. n) == b[0 .. n) */
HARNESS static int
same_bytes(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (a[i] != b[i]) {
			return 0;
		}
	}
	return 1;
}

/* two NUL-terminated keys are equal */
HARNESS static int
same_key(const char *a, const char *b)
{
	size_t i;

	for (i = 0; a[i] == b[i]; i++) {
		if (a[i] == '\0') {
			return 1;
		}
	}
	return 0;
}

HARNESS static int
hexd(uint8_t c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

HARNESS static void
one_line(const char *l, size_t n)
{
	size_t before_n = rec.n, before_used = rec.used, k, klen, i, vl;
	const struct vkv *kv;
	const char *v;
	int hex;

	if (rec_add(&rec, l, n) != 0) {
		if (rec.n != before_n || rec.used != before_used) {
			abort();
		}
		return;
	}
	if (rec.n != before_n + 1 || rec.used <= before_used || rec.used > sizeof rec.store) {
		abort();
	}
	kv = &rec.kv[rec.n - 1];
	for (klen = 0; kv->key[klen] != '\0'; klen++) {
	}
	hex = n > klen + 4 && same_bytes(l + klen, "_hex", 4);
	/* the key, then " =" and the value */
	k = hex ? klen + 4 : klen;
	if (klen == 0 || !same_bytes(kv->key, l, klen) || n < k + 2
		|| l[k] != ' ' || l[k + 1] != '='
		|| kv->val < rec.store + before_used || kv->val + kv->len > rec.store + rec.used) {
		abort();
	}
	v = n >= k + 3 ? l + k + 3 : l + n;
	vl = n >= k + 3 ? n - k - 3 : 0;
	if (hex) {
		if (kv->len * 2 != vl) {
			abort();
		}
		for (i = 0; i < kv->len; i++) {
			if ((uint8_t)kv->val[i] != (uint8_t)(16 * hexd((uint8_t)v[2 * i]) + hexd((uint8_t)v[2 * i + 1]))) {
				abort();
			}
		}
	} else if (kv->len != vl || !same_bytes(kv->val, v, vl)) {
		abort();
	}
	/* vrec_get gives the first value of that key */
	for (k = 0; k < rec.n; k++) {
		if (same_key(rec.kv[k].key, kv->key)) {
			break;
		}
	}
	if (vrec_get(&rec, kv->key, &vl) != rec.kv[k].val || vl != rec.kv[k].len) {
		abort();
	}
}

static void
end_record(int *in_rec)
{
	struct tally t = { 0, 0 };

	if (*in_rec) {
		run_record(&rec, &t);
		if (t.passed + t.failed != 1) {
			abort();
		}
		rec.n = 0;
		rec.used = 0;
		*in_rec = 0;
	}
}

HARNESS int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t i = 0, e;
	int in_rec = 0;

	if (size > 262144) {
		return 0;
	}
	rec.file = "fuzz";
	rec.certs = "vectors/certs";
	rec.n = 0;
	rec.used = 0;
	while (i < size) {
		for (e = i; e < size && s[e] != '\n'; e++) {
		}
		if (e == i) {
			end_record(&in_rec);
		} else if (s[i] != '#') {
			if (!in_rec) {
				in_rec = 1;
				rec.line = 1;
			}
			one_line(s + i, e - i);
		}
		i = e + 1;
	}
	end_record(&in_rec);
	return 0;
}
