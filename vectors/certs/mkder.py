#!/usr/bin/python3
"""Derive DER fixtures from the good certificates that make.sh built.

Run by make.sh after openssl; deterministic (fixed inputs, fixed random seed).
It re-encodes a certificate as a tree of (tag, children | content) and writes:
  - valid variants that the openssl CLI cannot make (BMPString/UniversalString
    CN, an explicit critical FALSE);
  - malformed DER, one defect each (bad-*.der), for the reason words of
    spec/naming.md NM-01..NM-07.
Signatures of derived files are not recomputed (nobody checks them: the
naming rules look only at names). README.md lists each file and its reason.
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


# ---- a tiny DER tree ------------------------------------------------------------
class N:
    """One element: tag byte, then children (constructed) or content (primitive).
    `lenenc` optionally overrides the length octets (for malformed encodings)."""

    def __init__(self, tag, children=None, content=b"", lenenc=None):
        self.tag = tag
        self.children = children
        self.content = content
        self.lenenc = lenenc

    def body(self):
        if self.children is None:
            return self.content
        return b"".join(c.enc() for c in self.children)

    def enc(self):
        b = self.body()
        ln = self.lenenc(len(b)) if self.lenenc else der_len(len(b))
        return bytes([self.tag]) + ln + b


def der_len(n):
    if n < 0x80:
        return bytes([n])
    s = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(s)]) + s


def parse_one(buf, off):
    tag = buf[off]
    first = buf[off + 1]
    if first < 0x80:
        ln, hl = first, 2
    else:
        k = first & 0x7F
        ln, hl = int.from_bytes(buf[off + 2:off + 2 + k], "big"), 2 + k
    content = buf[off + hl:off + hl + ln]
    if tag & 0x20:
        kids, p = [], 0
        while p < len(content):
            kid, used = parse_one(content, p)
            kids.append(kid)
            p += used
        return N(tag, kids), hl + ln
    return N(tag, None, content), hl + ln


def parse(buf):
    node, used = parse_one(buf, 0)
    assert used == len(buf)
    assert node.enc() == buf, "round trip"
    return node


OID_CN = bytes.fromhex("550403")
OID_SAN = bytes.fromhex("551d11")


def tbs(cert):
    return cert.children[0]


def subject(cert):
    # version [0], serial, signature, issuer, validity, subject
    t = tbs(cert)
    i = 1 if t.children[0].tag == 0xA0 else 0
    return t.children[i + 4]


def exts(cert):
    wrap = [c for c in tbs(cert).children if c.tag == 0xA3][0]
    return wrap.children[0]


def san_ext(cert):
    for e in exts(cert).children:
        if e.children[0].content == OID_SAN:
            return e
    raise KeyError("no SAN")


def san_names(ext):
    """GeneralNames tree of a SAN Extension (parsed from its OCTET STRING)."""
    return parse(ext.children[-1].content)


def set_san_names(ext, names):
    ext.children[-1].content = names.enc()


def cn_values(cert):
    out = []
    for rdn in subject(cert).children:
        for atv in rdn.children:
            if atv.children[0].content == OID_CN:
                out.append(atv.children[1])
    return out


def load(name):
    with open(os.path.join(HERE, name), "rb") as f:
        return f.read()


def save(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def fresh(name="pcscf-rsa.der"):
    return parse(load(name))


def main():
    good = load("pcscf-rsa.der")

    # ---- valid variants -------------------------------------------------------
    # CN as BMPString (UTF-16BE) and as UniversalString (UTF-32BE)
    c = fresh("cn-only.der")
    v = cn_values(c)[0]
    v.tag, v.content = 0x1E, "pcscf.ims.com".encode("utf-16-be")
    save("cn-bmp.der", c.enc())
    c = fresh("cn-only.der")
    v = cn_values(c)[0]
    v.tag, v.content = 0x1C, "pcscf.ims.com".encode("utf-32-be")
    save("cn-universal.der", c.enc())
    # CN as IA5String and as TeletexString
    c = fresh("cn-only.der")
    cn_values(c)[0].tag = 0x16
    save("cn-ia5.der", c.enc())
    # SAN with an explicit critical FALSE (01 01 00): not DER, tolerated (D-NM-8)
    c = fresh()
    e = san_ext(c)
    e.children.insert(1, N(0x01, None, b"\x00"))
    save("crit-false.der", c.enc())
    # SAN marked critical TRUE (01 01 ff): plain DER
    c = fresh()
    e = san_ext(c)
    e.children.insert(1, N(0x01, None, b"\xff"))
    save("crit-true.der", c.enc())

    # ---- empty, random, truncated ---------------------------------------------
    save("bad-empty.der", b"")
    rnd = random.Random(20240917)
    save("bad-random.der", bytes(rnd.randrange(256) for _ in range(700)))
    save("bad-random-seq.der", b"\x30\x82\x02\xbc" + bytes(rnd.randrange(256) for _ in range(700)))
    save("bad-trunc-1.der", good[:1])
    save("bad-trunc-2.der", good[:2])
    save("bad-trunc-4.der", good[:4])
    save("bad-trunc-half.der", good[:len(good) // 2])
    save("bad-trunc-last.der", good[:-1])
    # cut inside the tbsCertificate, outer length rewritten to match the cut:
    # the outer element is complete, the inner one is not (NM-02 rule 7)
    cut = good[4:4 + 200]
    save("bad-trunc-inner.der", b"\x30\x81" + bytes([len(cut)]) + cut)

    # ---- lengths ---------------------------------------------------------------
    # tbsCertificate length made 0x200 bigger: it overruns the Certificate (NM-02 rule 7)
    c = fresh()
    t = tbs(c)
    t.lenenc = lambda n: der_len(n + 0x200)
    save("bad-len-overrun.der", c.enc())
    # outer length byte 0x82 corrupted to 0x81: long form with a value < 128
    b = bytearray(good)
    assert b[1] == 0x82
    b[1] = 0x81
    save("bad-len-byte.der", bytes(b))
    # outer length in three bytes (83 00 xx xx): not minimal
    c = fresh()
    c.lenenc = lambda n: b"\x83" + n.to_bytes(3, "big")
    save("bad-len-nonminimal.der", c.enc())
    # version [0] length 03 written 81 03: not minimal (short form required)
    c = fresh()
    tbs(c).children[0].lenenc = lambda n: b"\x81" + bytes([n])
    save("bad-len-nonminimal-inner.der", c.enc())
    # indefinite length on the outer SEQUENCE, with end-of-contents
    body = parse(good).body()
    save("bad-len-indefinite.der", b"\x30\x80" + body + b"\x00\x00")
    # indefinite length on tbsCertificate
    c = fresh()
    t = tbs(c)
    tb = t.body()
    t.children, t.content = None, tb + b"\x00\x00"
    t.lenenc = lambda n: b"\x80"
    save("bad-len-indefinite-inner.der", c.enc())
    # five length bytes (85 ...)
    save("bad-len-five.der", b"\x30\x85\x00\x00\x00" + good[2:])

    # ---- tags ------------------------------------------------------------------
    b = bytearray(good)
    b[0] = 0x31
    save("bad-tag-outer.der", bytes(b))
    c = fresh()
    tbs(c).tag = 0x31
    save("bad-tag-tbs.der", c.enc())
    # high-tag-number form for the outer identifier (1f 10 = universal 16)
    save("bad-tag-high.der", b"\x3f\x10" + good[1:])
    # GeneralName with context tag [9] (0x89): not a GeneralName choice
    c = fresh()
    e = san_ext(c)
    gn = san_names(e)
    gn.children.append(N(0x89, None, b"x.ims.com"))
    set_san_names(e, gn)
    save("bad-tag-gn.der", c.enc())
    # CN value as an OCTET STRING
    c = fresh()
    cn_values(c)[0].tag = 0x04
    save("bad-tag-cn.der", c.enc())
    # SAN extnValue content is a SET, not a SEQUENCE
    c = fresh()
    e = san_ext(c)
    gn = san_names(e)
    gn.tag = 0x31
    set_san_names(e, gn)
    save("bad-tag-san.der", c.enc())

    # ---- trailing data -----------------------------------------------------------
    save("bad-trailing.der", good + b"GARBAGE\n")
    save("bad-trailing-1.der", good + b"\x00")
    save("bad-trailing-cert.der", good + good)
    # two bytes after the GeneralNames SEQUENCE inside the SAN OCTET STRING
    c = fresh()
    e = san_ext(c)
    e.children[-1].content += b"\x05\x00"
    save("bad-trailing-san.der", c.enc())
    # an unknown [4] element after the extensions inside tbsCertificate
    c = fresh()
    tbs(c).children.append(N(0xA4, [N(0x05, None, b"")]))
    save("bad-trailing-tbs.der", c.enc())
    # an element after signatureValue inside the Certificate
    c = fresh()
    c.children.append(N(0x05, None, b""))
    save("bad-trailing-cert-inner.der", c.enc())

    # ---- extensions ----------------------------------------------------------------
    c = fresh()
    ex = exts(c)
    e = san_ext(c)
    ex.children.append(parse(e.enc()))
    save("bad-san-twice.der", c.enc())
    c = fresh()
    ex = exts(c)
    ex.children.append(parse(ex.children[1].enc()))  # basicConstraints twice
    save("bad-ext-twice.der", c.enc())
    c = fresh()
    san_ext(c).children.insert(1, N(0x01, None, b"\x01"))
    save("bad-bool.der", c.enc())
    c = fresh()
    ex = exts(c)
    ex.children = []
    save("bad-ext-empty.der", c.enc())
    c = fresh()
    e = san_ext(c)
    gn = san_names(e)
    gn.children = []
    set_san_names(e, gn)
    save("bad-san-empty.der", c.enc())
    c = fresh()
    ex = exts(c)
    ex.children[0].children[0].content = b""
    save("bad-ext-oid-empty.der", c.enc())

    # ---- names -------------------------------------------------------------------------
    def set_gn(fname, kind, value):
        c = fresh()
        e = san_ext(c)
        gn = san_names(e)
        for g in gn.children:
            if g.tag == kind:
                g.content = value
                break
        set_san_names(e, gn)
        save(fname, c.enc())

    set_gn("bad-nul-dns.der", 0x82, b"pcscf.ims.com\x00.evil.net")
    set_gn("bad-nul-uri.der", 0x86, b"sip:pcscf.ims.com\x00.evil.net")
    set_gn("bad-dns-8bit.der", 0x82, "pcscf.\u00efms.com".encode("utf-8"))
    c = fresh()
    cn_values(c)[0].content = b"pcscf.ims.com\x00.evil.net"
    save("bad-nul-cn.der", c.enc())
    c = fresh("cn-only.der")
    v = cn_values(c)[0]
    v.tag, v.content = 0x1E, "pcscf.ims.com".encode("utf-16-be") + b"\x00"
    save("bad-cn-bmp-odd.der", c.enc())
    c = fresh("cn-only.der")
    v = cn_values(c)[0]
    v.tag, v.content = 0x1C, "pcscf.ims.com".encode("utf-32-be")[:-2]
    save("bad-cn-universal-len.der", c.enc())
    c = fresh()
    subject(c).children.insert(0, N(0x31, []))
    save("bad-rdn-empty.der", c.enc())


if __name__ == "__main__":
    main()
