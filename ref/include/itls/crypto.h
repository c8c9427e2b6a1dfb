/*
 * itls/crypto.h -- the BearSSL boundary of itls-ref.
 *
 * Every MAC, hash and block cipher the core uses comes through this module:
 * HMAC-SHA-1 (full or truncated, RFC 2104 / RFC 2404), HMAC-SHA-256 (RFC
 * 4231), SHA-256, MD5 over a list of parts (RFC 2617 Digest), HMAC-MD5 (RFC
 * 4169), one AES-128 block encryption (FIPS 197, for Milenage), the generic
 * KDF of TS 33.220 Annex B, a constant-time comparison and a wipe.
 * ref/core/crypto.c is the only file of the core that includes <bearssl.h>.
 *
 * The contracts below are TRUSTED: crypto.c is not proved (it calls
 * BearSSL); WP takes these contracts as given when it proves token.c,
 * aka.c and psk.c. proofs/TRUSTED.md lists each one with the reason it is
 * believable. They are written against the abstract byte strings of the
 * axiomatic block `Itls_bytes`: `itls_mem(p, n)` is the string of the n
 * bytes at p, and `itls_hmac_sha1(k, m)` etc. are left undefined (they are
 * what the RFCs define), so that a caller's contract can say exactly which
 * function of which bytes its output is, e.g. "s_token is the first 12
 * bytes of itls_hmac_sha1(IK, certificate)".
 *
 * Pattern: outputs first, fixed sizes as arrays, variable inputs as
 * (pointer, length); nothing here fails, so the functions return void
 * (limits are preconditions the callers check); outputs must not overlap
 * inputs.
 */
#ifndef ITLS_CRYPTO_H
#define ITLS_CRYPTO_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>

#define ITLS_SHA1_LEN 20
#define ITLS_SHA256_LEN 32
#define ITLS_MD5_LEN 16
#define ITLS_AES_BLOCK 16
/* TS 33.220 Annex B.2: each Li is two bytes */
#define ITLS_KDF_MAX_PARAM_LEN 65535
/* most parameters P0..Pn-1 the KDF takes here, and most MD5 parts */
#define ITLS_KDF_MAX_PARAMS 8
#define ITLS_MD5_MAX_PARTS 16
/* a key given in parts: at most 4 parts of at most 16 bytes each */
#define ITLS_KEY_MAX_PARTS 4
#define ITLS_KEY_MAX_PART_LEN 16

/** One input byte string: `len` bytes at `p` (`p` may be NULL when len is 0). */
struct itls_crypto_part {
	const uint8_t *p;
	size_t len;
};

/*@ axiomatic Itls_bytes {
  @ // A finite string of bytes, known by its length and its bytes.
  @ type itls_bytes;
  @ logic integer itls_blen(itls_bytes b);
  @ logic integer itls_bat(itls_bytes b, integer i);
  @ axiom itls_blen_nonneg: \forall itls_bytes b; itls_blen(b) >= 0;
  @ // same length and same bytes (used as an explicit proof step)
  @ predicate itls_same(itls_bytes a, itls_bytes b);
  @ axiom itls_same_def: \forall itls_bytes a, b; itls_same(a, b) <==>
  @   (itls_blen(a) == itls_blen(b) &&
  @    (\forall integer i; 0 <= i < itls_blen(a) ==> itls_bat(a, i) == itls_bat(b, i)));
  @ // extensionality: such strings are equal. Stated on itls_same so that the
  @ // provers use it only where a proof asserts itls_same(a, b).
  @ axiom itls_bytes_ext: \forall itls_bytes a, b; itls_same(a, b) ==> a == b;
  @
  @ // the n bytes at p in memory state L
  @ logic itls_bytes itls_mem{L}(uint8_t *p, integer n) reads p[0 .. n - 1];
  @ axiom itls_mem_len{L}: \forall uint8_t *p, integer n;
  @   n >= 0 ==> itls_blen(itls_mem(p, n)) == n;
  @ axiom itls_mem_at{L}: \forall uint8_t *p, integer n, i;
  @   0 <= i < n ==> itls_bat(itls_mem(p, n), i) == p[i];
  @
  @ // a || b
  @ logic itls_bytes itls_cat(itls_bytes a, itls_bytes b);
  @ axiom itls_cat_len: \forall itls_bytes a, b;
  @   itls_blen(itls_cat(a, b)) == itls_blen(a) + itls_blen(b);
  @ axiom itls_cat_at: \forall itls_bytes a, b, integer i;
  @   0 <= i < itls_blen(a) + itls_blen(b) ==>
  @   itls_bat(itls_cat(a, b), i) ==
  @     (i < itls_blen(a) ? itls_bat(a, i) : itls_bat(b, i - itls_blen(a)));
  @
  @ // the n bytes of b from offset off (0 <= off, off + n <= len b)
  @ logic itls_bytes itls_sub(itls_bytes b, integer off, integer n);
  @ axiom itls_sub_len: \forall itls_bytes b, integer off, n;
  @   0 <= off && 0 <= n && off + n <= itls_blen(b) ==> itls_blen(itls_sub(b, off, n)) == n;
  @ axiom itls_sub_at: \forall itls_bytes b, integer off, n, i;
  @   0 <= off && 0 <= n && off + n <= itls_blen(b) && 0 <= i < n ==>
  @   itls_bat(itls_sub(b, off, n), i) == itls_bat(b, off + i);
  @
  @ // the one byte x; the two bytes of x, big-endian
  @ logic itls_bytes itls_b1(integer x);
  @ axiom itls_b1_len: \forall integer x; itls_blen(itls_b1(x)) == 1;
  @ axiom itls_b1_at: \forall integer x; 0 <= x <= 255 ==> itls_bat(itls_b1(x), 0) == x;
  @ logic itls_bytes itls_be16(integer x);
  @ axiom itls_be16_len: \forall integer x; itls_blen(itls_be16(x)) == 2;
  @ axiom itls_be16_at: \forall integer x; 0 <= x <= 65535 ==>
  @   itls_bat(itls_be16(x), 0) == x / 256 && itls_bat(itls_be16(x), 1) == x % 256;
  @
  @ // n zero bytes
  @ logic itls_bytes itls_zeros(integer n);
  @ axiom itls_zeros_len: \forall integer n; n >= 0 ==> itls_blen(itls_zeros(n)) == n;
  @ axiom itls_zeros_at: \forall integer n, i; 0 <= i < n ==> itls_bat(itls_zeros(n), i) == 0;
  @
  @ // bytewise exclusive or of two strings of the same length
  @ logic itls_bytes itls_xor(itls_bytes a, itls_bytes b);
  @ axiom itls_xor_len: \forall itls_bytes a, b;
  @   itls_blen(a) == itls_blen(b) ==> itls_blen(itls_xor(a, b)) == itls_blen(a);
  @ axiom itls_xor_at: \forall itls_bytes a, b, integer i;
  @   itls_blen(a) == itls_blen(b) && 0 <= i < itls_blen(a) ==>
  @   itls_bat(itls_xor(a, b), i) == (itls_bat(a, i) ^ itls_bat(b, i));
  @
  @ // b turned left by r bytes: byte i of the result is byte (i + r) mod len of b
  @ logic itls_bytes itls_rot(itls_bytes b, integer r);
  @ axiom itls_rot_len: \forall itls_bytes b, integer r; itls_blen(itls_rot(b, r)) == itls_blen(b);
  @ axiom itls_rot_at: \forall itls_bytes b, integer r, i;
  @   0 <= r && 0 <= i < itls_blen(b) ==>
  @   itls_bat(itls_rot(b, r), i) == itls_bat(b, (i + r) % itls_blen(b));
  @
  @ // lower-case hexadecimal text of b: two characters per byte
  @ logic integer itls_hexdigit(integer v) = v < 10 ? 48 + v : 87 + v;
  @ logic itls_bytes itls_hex(itls_bytes b);
  @ axiom itls_hex_len: \forall itls_bytes b; itls_blen(itls_hex(b)) == 2 * itls_blen(b);
  @ axiom itls_hex_at: \forall itls_bytes b, integer j; 0 <= j < 2 * itls_blen(b) ==>
  @   itls_bat(itls_hex(b), j) ==
  @     (j % 2 == 0 ? itls_hexdigit(itls_bat(b, j / 2) / 16) : itls_hexdigit(itls_bat(b, j / 2) % 16));
  @
  @ // base64 (RFC 4648 §4, with '=' padding): character r (0..3) of group g
  @ logic integer itls_b64c(integer v) =
  @   v < 26 ? 65 + v : (v < 52 ? 71 + v : (v < 62 ? v - 4 : (v == 62 ? 43 : 47)));
  @ logic integer itls_b64_char(itls_bytes b, integer g, integer r) =
  @   \let n = itls_blen(b);
  @   \let b0 = itls_bat(b, 3 * g);
  @   \let b1 = (3 * g + 1 < n ? itls_bat(b, 3 * g + 1) : 0);
  @   \let b2 = (3 * g + 2 < n ? itls_bat(b, 3 * g + 2) : 0);
  @   r == 0 ? itls_b64c(b0 / 4) :
  @   r == 1 ? itls_b64c((b0 % 4) * 16 + b1 / 16) :
  @   r == 2 ? (3 * g + 1 < n ? itls_b64c((b1 % 16) * 4 + b2 / 64) : 61) :
  @            (3 * g + 2 < n ? itls_b64c(b2 % 64) : 61);
  @ logic itls_bytes itls_base64(itls_bytes b);
  @ axiom itls_base64_len: \forall itls_bytes b;
  @   itls_blen(itls_base64(b)) == 4 * ((itls_blen(b) + 2) / 3);
  @ axiom itls_base64_at: \forall itls_bytes b, integer j;
  @   0 <= j < 4 * ((itls_blen(b) + 2) / 3) ==>
  @   itls_bat(itls_base64(b), j) == itls_b64_char(b, j / 4, j % 4);
  @
  @ // the concatenation of the n parts at ps
  @ logic itls_bytes itls_parts{L}(struct itls_crypto_part *ps, integer n)
  @   reads ps[0 .. n - 1],
  @     { ps[j].p[k] | integer j, k; 0 <= j < n && 0 <= k < ps[j].len };
  @ axiom itls_parts_0{L}: \forall struct itls_crypto_part *ps;
  @   itls_blen(itls_parts(ps, 0)) == 0;
  @ axiom itls_parts_1{L}: \forall struct itls_crypto_part *ps;
  @   itls_parts(ps, 1) == itls_mem((uint8_t *)ps[0].p, ps[0].len);
  @ axiom itls_parts_n{L}: \forall struct itls_crypto_part *ps, integer n; n > 1 ==>
  @   itls_parts(ps, n) ==
  @     itls_cat(itls_parts(ps, n - 1), itls_mem((uint8_t *)ps[n - 1].p, ps[n - 1].len));
  @
  @ // TS 33.220 Annex B.2: S = FC || P0 || L0 || ... || Pn-1 || Ln-1
  @ logic itls_bytes itls_kdf_s{L}(integer fc, struct itls_crypto_part *ps, integer n)
  @   reads ps[0 .. n - 1],
  @     { ps[j].p[k] | integer j, k; 0 <= j < n && 0 <= k < ps[j].len };
  @ axiom itls_kdf_s_0{L}: \forall integer fc, struct itls_crypto_part *ps;
  @   itls_kdf_s(fc, ps, 0) == itls_b1(fc);
  @ axiom itls_kdf_s_n{L}: \forall integer fc, struct itls_crypto_part *ps, integer n; n > 0 ==>
  @   itls_kdf_s(fc, ps, n) ==
  @     itls_cat(itls_kdf_s(fc, ps, n - 1),
  @       itls_cat(itls_mem((uint8_t *)ps[n - 1].p, ps[n - 1].len), itls_be16(ps[n - 1].len)));
  @
  @ // The primitives, as their standards define them (left undefined here).
  @ logic itls_bytes itls_hmac_sha1(itls_bytes key, itls_bytes msg);   // RFC 2104, FIPS 180-4
  @ logic itls_bytes itls_hmac_sha256(itls_bytes key, itls_bytes msg); // RFC 2104, FIPS 180-4
  @ logic itls_bytes itls_sha256(itls_bytes msg);                      // FIPS 180-4
  @ logic itls_bytes itls_md5(itls_bytes msg);                         // RFC 1321
  @ logic itls_bytes itls_hmac_md5(itls_bytes key, itls_bytes msg);    // RFC 2104
  @ logic itls_bytes itls_aes128(itls_bytes key, itls_bytes block);    // FIPS 197
  @ axiom itls_hmac_sha1_len: \forall itls_bytes k, m; itls_blen(itls_hmac_sha1(k, m)) == 20;
  @ axiom itls_hmac_sha256_len: \forall itls_bytes k, m; itls_blen(itls_hmac_sha256(k, m)) == 32;
  @ axiom itls_sha256_len: \forall itls_bytes m; itls_blen(itls_sha256(m)) == 32;
  @ axiom itls_md5_len: \forall itls_bytes m; itls_blen(itls_md5(m)) == 16;
  @ axiom itls_hmac_md5_len: \forall itls_bytes k, m; itls_blen(itls_hmac_md5(k, m)) == 16;
  @ axiom itls_aes128_len: \forall itls_bytes k, x; itls_blen(itls_aes128(k, x)) == 16;
  @ }
  @
  @ // TS 33.220 Annex B.2 with two parameters: HMAC-SHA-256(Key, FC || P0 || L0 || P1 || L1)
  @ logic itls_bytes itls_kdf2(itls_bytes key, integer fc, itls_bytes p0, itls_bytes p1) =
  @   itls_hmac_sha256(key,
  @     itls_cat(itls_cat(itls_b1(fc), itls_cat(p0, itls_be16(itls_blen(p0)))),
  @       itls_cat(p1, itls_be16(itls_blen(p1)))));
  @
  @ // all n parts at ps are readable
  @ predicate itls_parts_valid{L}(struct itls_crypto_part *ps, integer n) =
  @   \valid_read(ps + (0 .. n - 1)) &&
  @   (\forall integer j; 0 <= j < n ==> \valid_read(ps[j].p + (0 .. ps[j].len - 1)));
  @ // no part overlaps the n bytes at out
  @ predicate itls_parts_sep{L}(struct itls_crypto_part *ps, integer n, uint8_t *out, integer olen) =
  @   \separated(ps + (0 .. n - 1), out + (0 .. olen - 1)) &&
  @   (\forall integer j; 0 <= j < n ==> \separated(ps[j].p + (0 .. ps[j].len - 1), out + (0 .. olen - 1)));
  @*/

/**
 * \brief HMAC-SHA-1 of `msg` under `key`, cut to its first `out_len` bytes.
 *
 * Writes out[0 .. out_len-1] and nothing else. `out_len` 12 gives
 * HMAC-SHA-1-96 (RFC 2404), 20 the full MAC. No copy of `msg` is made.
 * TK-01, TK-02.
 */
/*@ requires 1 <= out_len <= ITLS_SHA1_LEN;
  @ requires \valid(out + (0 .. out_len - 1));
  @ requires \valid_read(key + (0 .. key_len - 1));
  @ requires \valid_read(msg + (0 .. msg_len - 1));
  @ requires \separated(out + (0 .. out_len - 1), key + (0 .. key_len - 1));
  @ requires \separated(out + (0 .. out_len - 1), msg + (0 .. msg_len - 1));
  @ assigns out[0 .. out_len - 1] \from key[0 .. key_len - 1], msg[0 .. msg_len - 1];
  @ ensures itls_mem(out, out_len) ==
  @   itls_sub(itls_hmac_sha1(\old(itls_mem((uint8_t *)key, key_len)),
  @     \old(itls_mem((uint8_t *)msg, msg_len))), 0, out_len);
  @*/
void
itls_crypto_hmac_sha1(uint8_t *out, size_t out_len,
	const uint8_t *key, size_t key_len, const uint8_t *msg, size_t msg_len);

/**
 * \brief HMAC-SHA-256 of `msg` under `key`, cut to its first `out_len` bytes.
 *
 * Writes out[0 .. out_len-1] and nothing else (RFC 4231 case 5 uses 16).
 */
/*@ requires 1 <= out_len <= ITLS_SHA256_LEN;
  @ requires \valid(out + (0 .. out_len - 1));
  @ requires \valid_read(key + (0 .. key_len - 1));
  @ requires \valid_read(msg + (0 .. msg_len - 1));
  @ requires \separated(out + (0 .. out_len - 1), key + (0 .. key_len - 1));
  @ requires \separated(out + (0 .. out_len - 1), msg + (0 .. msg_len - 1));
  @ assigns out[0 .. out_len - 1] \from key[0 .. key_len - 1], msg[0 .. msg_len - 1];
  @ ensures itls_mem(out, out_len) ==
  @   itls_sub(itls_hmac_sha256(\old(itls_mem((uint8_t *)key, key_len)),
  @     \old(itls_mem((uint8_t *)msg, msg_len))), 0, out_len);
  @*/
void
itls_crypto_hmac_sha256(uint8_t *out, size_t out_len,
	const uint8_t *key, size_t key_len, const uint8_t *msg, size_t msg_len);

/**
 * \brief SHA-256 of `msg` into out[0 .. 31].
 */
/*@ requires \valid(out + (0 .. ITLS_SHA256_LEN - 1));
  @ requires \valid_read(msg + (0 .. msg_len - 1));
  @ requires \separated(out + (0 .. ITLS_SHA256_LEN - 1), msg + (0 .. msg_len - 1));
  @ assigns out[0 .. ITLS_SHA256_LEN - 1] \from msg[0 .. msg_len - 1];
  @ ensures itls_mem(out, ITLS_SHA256_LEN) == itls_sha256(\old(itls_mem((uint8_t *)msg, msg_len)));
  @*/
void
itls_crypto_sha256(uint8_t out[ITLS_SHA256_LEN], const uint8_t *msg, size_t msg_len);

/**
 * \brief MD5 of the concatenation of `n` parts into out[0 .. 15].
 *
 * The parts are hashed in order without being copied (RFC 2617's
 * "user:realm:password" is five parts). AK-10.
 */
/*@ requires n <= ITLS_MD5_MAX_PARTS;
  @ requires \valid(out + (0 .. ITLS_MD5_LEN - 1));
  @ requires itls_parts_valid(parts, n);
  @ requires itls_parts_sep(parts, n, out, ITLS_MD5_LEN);
  @ assigns out[0 .. ITLS_MD5_LEN - 1];
  @ ensures itls_mem(out, ITLS_MD5_LEN) == itls_md5(\old(itls_parts((struct itls_crypto_part *)parts, n)));
  @*/
void
itls_crypto_md5(uint8_t out[ITLS_MD5_LEN],
	const struct itls_crypto_part *parts, size_t n);

/**
 * \brief HMAC-MD5 (RFC 2104) of `msg` into out[0 .. 15], keyed with the
 * concatenation of the `key_n` key parts (RES || IK || CK for AKAv2,
 * joined and wiped inside crypto.c). AK-13.
 */
/*@ requires 1 <= key_n <= ITLS_KEY_MAX_PARTS;
  @ requires \valid(out + (0 .. ITLS_MD5_LEN - 1));
  @ requires itls_parts_valid(key, key_n);
  @ requires itls_parts_sep(key, key_n, out, ITLS_MD5_LEN);
  @ requires \forall integer j; 0 <= j < key_n ==> key[j].len <= ITLS_KEY_MAX_PART_LEN;
  @ requires \valid_read(msg + (0 .. msg_len - 1));
  @ requires \separated(out + (0 .. ITLS_MD5_LEN - 1), msg + (0 .. msg_len - 1));
  @ assigns out[0 .. ITLS_MD5_LEN - 1];
  @ ensures itls_mem(out, ITLS_MD5_LEN) ==
  @   itls_hmac_md5(\old(itls_parts((struct itls_crypto_part *)key, key_n)),
  @     \old(itls_mem((uint8_t *)msg, msg_len)));
  @*/
void
itls_crypto_hmac_md5(uint8_t out[ITLS_MD5_LEN],
	const struct itls_crypto_part *key, size_t key_n,
	const uint8_t *msg, size_t msg_len);

/**
 * \brief AES-128 encryption of one 16-byte block (FIPS 197), constant time.
 *
 * out may not overlap key or in. AK-01.
 */
/*@ requires \valid(out + (0 .. 15));
  @ requires \valid_read(key + (0 .. 15));
  @ requires \valid_read(in + (0 .. 15));
  @ requires \separated(out + (0 .. 15), key + (0 .. 15));
  @ requires \separated(out + (0 .. 15), in + (0 .. 15));
  @ assigns out[0 .. 15] \from key[0 .. 15], in[0 .. 15];
  @ ensures itls_mem(out, 16) ==
  @   itls_aes128(\old(itls_mem((uint8_t *)key, 16)), \old(itls_mem((uint8_t *)in, 16)));
  @*/
void
itls_crypto_aes128(uint8_t out[ITLS_AES_BLOCK], const uint8_t key[16],
	const uint8_t in[ITLS_AES_BLOCK]);

/**
 * \brief The KDF of TS 33.220 Annex B.2, cut to its first `out_len` bytes.
 *
 * out = HMAC-SHA-256(Key, FC || P0 || L0 || ... || Pn-1 || Ln-1), Li the
 * length of Pi as two bytes, big-endian. The key is the concatenation of
 * the `key_n` key parts (for example CK and IK): crypto.c joins them in a
 * stack buffer that it wipes, so that callers hold no copy of the key.
 * The caller guarantees n <= 8 and every Pi no longer than 65535 bytes
 * (TK-10). TK-09.
 */
/*@ requires 1 <= out_len <= ITLS_SHA256_LEN;
  @ requires 1 <= key_n <= ITLS_KEY_MAX_PARTS;
  @ requires n <= ITLS_KDF_MAX_PARAMS;
  @ requires \valid(out + (0 .. out_len - 1));
  @ requires itls_parts_valid(key, key_n);
  @ requires itls_parts_sep(key, key_n, out, out_len);
  @ requires \forall integer j; 0 <= j < key_n ==> key[j].len <= ITLS_KEY_MAX_PART_LEN;
  @ requires itls_parts_valid(params, n);
  @ requires itls_parts_sep(params, n, out, out_len);
  @ requires \forall integer j; 0 <= j < n ==> params[j].len <= ITLS_KDF_MAX_PARAM_LEN;
  @ assigns out[0 .. out_len - 1];
  @ ensures itls_mem(out, out_len) ==
  @   itls_sub(itls_hmac_sha256(\old(itls_parts((struct itls_crypto_part *)key, key_n)),
  @     \old(itls_kdf_s(fc, (struct itls_crypto_part *)params, n))), 0, out_len);
  @*/
void
itls_crypto_kdf(uint8_t *out, size_t out_len,
	const struct itls_crypto_part *key, size_t key_n,
	uint8_t fc, const struct itls_crypto_part *params, size_t n);

/**
 * \brief out = a ^ b, n bytes (Milenage's block XORs, AUTN's SQN ^ AK).
 *
 * A three-line loop, kept here because WP's provers do not relate the C
 * operator ^ to the logic function itls_xor (see proofs/TRUSTED.md).
 * AK-02 .. AK-09.
 */
/*@ requires \valid(out + (0 .. n - 1));
  @ requires \valid_read(a + (0 .. n - 1));
  @ requires \valid_read(b + (0 .. n - 1));
  @ requires \separated(out + (0 .. n - 1), a + (0 .. n - 1));
  @ requires \separated(out + (0 .. n - 1), b + (0 .. n - 1));
  @ assigns out[0 .. n - 1] \from a[0 .. n - 1], b[0 .. n - 1];
  @ ensures itls_mem(out, n) ==
  @   itls_xor(\old(itls_mem((uint8_t *)a, n)), \old(itls_mem((uint8_t *)b, n)));
  @*/
void
itls_crypto_xor(uint8_t *out, const uint8_t *a, const uint8_t *b, size_t n);

/**
 * \brief Constant-time comparison of n bytes: 0 when equal, -1 otherwise.
 *
 * Reads every byte of both inputs whatever their contents (xor-accumulate,
 * then a branch-free reduction). TK-07, AK-08.
 */
/*@ requires \valid_read(a + (0 .. n - 1));
  @ requires \valid_read(b + (0 .. n - 1));
  @ assigns \nothing;
  @ ensures \result == 0 || \result == -1;
  @ ensures \result == 0 <==> (\forall integer i; 0 <= i < n ==> a[i] == b[i]);
  @ ensures \result == 0 <==> itls_mem((uint8_t *)a, n) == itls_mem((uint8_t *)b, n);
  @*/
int
itls_crypto_eq(const uint8_t *a, const uint8_t *b, size_t n);

/**
 * \brief Overwrite n bytes at p with zeros, through a volatile pointer so
 * that the compiler cannot drop the stores. TK-08, AK-15, PS-04.
 */
/*@ requires \valid(p + (0 .. n - 1));
  @ assigns p[0 .. n - 1];
  @ ensures \forall integer i; 0 <= i < n ==> p[i] == 0;
  @*/
void
itls_crypto_wipe(uint8_t *p, size_t n);

#ifdef __cplusplus
}
#endif

#endif
