"""Key and token primitives of the independent generator (gen_crypto, gen_aka,
gen_token, gen_authparam).

Written from the public sources only:
  - HMAC: RFC 2104 (Python's hmac module), SHA-1 / SHA-256 / MD5 from hashlib.
  - KDF: 3GPP TS 33.220 Annex B.2: HMAC-SHA-256(Key, S),
    S = FC || P0 || L0 || P1 || L1 || ..., Li = length of Pi as 2 bytes big-endian.
  - Milenage: 3GPP TS 35.206 section 4 (f1, f1*, f2, f3, f4, f5, f5*, OPc) on
    AES-128 (python3-cryptography, one ECB block); AUTN and AUTS layout from
    TS 33.102 sections 6.3.2 and 6.3.3.
  - Digest: RFC 2617 section 3.2.2 (request-digest, A1, A2, qop auth/auth-int),
    RFC 3310 section 3.3 (AKAv1-MD5: the password is RES), RFC 4169 section 3
    (AKAv2-MD5: the password is base64(HMAC-MD5(RES || IK || CK,
    "http-digest-akav2-password"))).
  - itls-ref's own choices: spec/decisions.md D-TK-1, D-TK-2, D-PS-1
    (spec/decisions.md D-TK-1..D-TK-4, D-PS-1).
Nothing here is taken from ref/.
"""
import base64
import hashlib
import hmac

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


# ---- HMAC and the TS 33.220 KDF ------------------------------------------

def hmac_sha1(key, msg):
    return hmac.new(key, msg, hashlib.sha1).digest()


def hmac_sha256(key, msg):
    return hmac.new(key, msg, hashlib.sha256).digest()


def hmac_md5(key, msg):
    return hmac.new(key, msg, hashlib.md5).digest()


def kdf_s(fc, params):
    """The string S of TS 33.220 Annex B.2.2: FC || P0 || L0 || P1 || L1 ..."""
    assert 0 <= fc <= 0xFF
    s = bytes([fc])
    for p in params:
        if len(p) > 0xFFFF:
            raise ValueError("too-long")
        s += p + len(p).to_bytes(2, "big")
    return s


def kdf(key, fc, params):
    """TS 33.220 Annex B.2: derived key = HMAC-SHA-256(Key, S)."""
    return hmac_sha256(key, kdf_s(fc, params))


# ---- itls-ref tokens and PSK (spec/decisions.md D-TK, D-PS) --

FC_ITLS = 0x01


def s_token(profile, ik, cert, ck=None):
    """D-TK-1 / D-TK-2: the 12 raw bytes of s_token."""
    if profile == "hmac":
        return hmac_sha1(ik, cert)[:12]
    if profile == "kdf":
        return kdf(ck + ik, FC_ITLS, [b"itls s_token", cert])[:12]
    raise ValueError("bad-profile")


def c_token(profile, ik, s_tok_raw, ck=None):
    """D-TK-1 / D-TK-2: the 12 raw bytes of c_token over the raw s_token."""
    assert len(s_tok_raw) == 12
    if profile == "hmac":
        return hmac_sha1(ik, s_tok_raw)[:12]
    if profile == "kdf":
        return kdf(ck + ik, FC_ITLS, [b"itls c_token", s_tok_raw])[:12]
    raise ValueError("bad-profile")


def c_token_hex_reading(ik, s_tok_raw):
    """The reading that decision 2 rejects: HMAC-SHA1-96 over the 24 hex chars."""
    return hmac_sha1(ik, s_tok_raw.hex().encode("ascii"))[:12]


def psk(ck, ik, impi):
    """D-PS-1: PSK = KDF(CK || IK, FC = 0x01, P0 = "itls psk", P1 = IMPI)."""
    return kdf(ck + ik, FC_ITLS, [b"itls psk", impi])


# ---- Milenage (TS 35.206) ---------------------------------------------------

def aes128(key, block):
    assert len(key) == 16 and len(block) == 16
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return enc.update(block) + enc.finalize()


def _xor(a, b):
    assert len(a) == len(b)
    return bytes(x ^ y for x, y in zip(a, b))


def _rot(x, r_bits):
    """Cyclic rotation of the 128-bit x towards the most significant end by r bits."""
    assert r_bits % 8 == 0
    n = r_bits // 8
    return x[n:] + x[:n]


def _const(i):
    """c1..c5 of TS 35.206: c1 = 0, c2 = ...01, c3 = ...02, c4 = ...04, c5 = ...08."""
    return bytes(15) + bytes([0 if i == 1 else 1 << (i - 2)])


_R = {1: 64, 2: 0, 3: 32, 4: 64, 5: 96}


def opc_from_op(k, op):
    return _xor(aes128(k, op), op)


class Milenage:
    def __init__(self, k, opc):
        assert len(k) == 16 and len(opc) == 16
        self.k = k
        self.opc = opc

    def _temp(self, rand):
        return aes128(self.k, _xor(rand, self.opc))

    def f1_both(self, rand, sqn, amf):
        """OUT1 = E_K(TEMP xor rot(IN1 xor OPc, r1) xor c1) xor OPc; (MAC-A, MAC-S)."""
        assert len(sqn) == 6 and len(amf) == 2
        temp = self._temp(rand)
        in1 = sqn + amf + sqn + amf
        out1 = _xor(aes128(self.k, _xor(_xor(temp, _rot(_xor(in1, self.opc), _R[1])), _const(1))), self.opc)
        return out1[:8], out1[8:]

    def _out(self, rand, i):
        temp = self._temp(rand)
        return _xor(aes128(self.k, _xor(_rot(_xor(temp, self.opc), _R[i]), _const(i))), self.opc)

    def f2345(self, rand):
        """(RES, CK, IK, AK): f2 = OUT2[64..127], f5 = OUT2[0..47], f3 = OUT3, f4 = OUT4."""
        out2 = self._out(rand, 2)
        return out2[8:16], self._out(rand, 3), self._out(rand, 4), out2[:6]

    def f5star(self, rand):
        return self._out(rand, 5)[:6]

    def autn(self, rand, sqn, amf):
        """TS 33.102 6.3.2: AUTN = SQN xor AK || AMF || MAC."""
        mac_a, _ = self.f1_both(rand, sqn, amf)
        ak = self.f2345(rand)[3]
        return _xor(sqn, ak) + amf + mac_a

    def check_autn(self, rand, autn):
        """The USIM side: (sqn, amf, res, ck, ik) or raises ValueError('mac-failure')."""
        assert len(autn) == 16
        res, ck, ik, ak = self.f2345(rand)
        sqn = _xor(autn[:6], ak)
        amf = autn[6:8]
        xmac, _ = self.f1_both(rand, sqn, amf)
        if xmac != autn[8:16]:
            raise ValueError("mac-failure")
        return sqn, amf, res, ck, ik

    def auts(self, rand, sqn_ms):
        """TS 33.102 6.3.3: AUTS = SQN_MS xor AK* || MAC-S, MAC-S = f1*(SQN_MS, RAND, AMF = 0000)."""
        _, mac_s = self.f1_both(rand, sqn_ms, b"\x00\x00")
        return _xor(sqn_ms, self.f5star(rand)) + mac_s


# ---- HTTP Digest with AKA (RFC 2617, RFC 3310, RFC 4169) ----------------------

def md5_hex(data):
    return hashlib.md5(data).hexdigest()


def aka_password(algorithm, res, ik, ck):
    if algorithm == "AKAv1-MD5":
        return res                      # RFC 3310 3.3: the raw RES bytes
    if algorithm == "AKAv2-MD5":
        prf = hmac_md5(res + ik + ck, b"http-digest-akav2-password")
        return base64.b64encode(prf)    # RFC 4169 3: base64 of the PRF output
    raise ValueError("bad-algorithm")


def digest_response(password, username, realm, nonce, uri, method,
                    qop=None, cnonce=None, nc=None, body=b""):
    """RFC 2617 3.2.2.1 request-digest (algorithm MD5, not -sess), all bytes."""
    ha1 = md5_hex(username + b":" + realm + b":" + password).encode()
    if qop == b"auth-int":
        ha2 = md5_hex(method + b":" + uri + b":" + md5_hex(body).encode()).encode()
    else:
        ha2 = md5_hex(method + b":" + uri).encode()
    if qop is None:
        return md5_hex(ha1 + b":" + nonce + b":" + ha2)
    return md5_hex(ha1 + b":" + nonce + b":" + nc + b":" + cnonce + b":" + qop + b":" + ha2)
