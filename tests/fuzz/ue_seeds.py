#!/usr/bin/env python3
"""tests/fuzz/ue_seeds.py OUTDIR -- seed corpus of fuzz_ue (tests/fuzz/run.sh).

Built from the vectors: the certificates of vectors/certs (the genuine
P-CSCF's pcscf-rsa.der, the man in the middle's mitm.der) and every
Security-Server value of vectors/secagree.txt. Includes the issue-10
attacks on the UE: (1) TLS up with certificate A, SM6 with certificate B
and a valid s_token for B; (2) SM6 whose Security-Server lists only tls
while the attacker hopes for ipsec-3gpp. The byte format is the one
tests/fuzz/fuzz_ue.c reads.
"""
import os
import sys

START, TLS_UP, TLS_FAIL, SM6, SM12, REJECT, TLS_LOST, TLS_INBOUND, REREGISTER = range(9)
AKA, STOK, RESUMED, PSK, DERIVE, AGAIN, RIGHTPSK = (1 << i for i in range(7))
IK = bytes(range(16))
CK = bytes(range(16, 32))
# the keys of a second AKA run (re-registration, UE-28)
IK2 = bytes(range(32, 48))
CK2 = bytes(range(48, 64))


def ev(kind, flags=0, sel=0x80, cert=b"", srv=b"", realm=b"ims.com", ik=IK, ck=CK):
    b = bytes([kind, flags, sel]) + ik + ck + bytes(12)
    b += len(cert).to_bytes(2, "big") + cert
    if sel < 0x80:
        b += srv[:sel]
    return b + bytes([len(realm)]) + realm


def cfg(offer=3, tls_first=1, psk=0, kdf=0, names=0):
    return bytes([offer | tls_first << 2 | psk << 3 | kdf << 4 | names << 5])


def main():
    out = sys.argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    certs = os.path.join(here, "..", "..", "vectors", "certs")
    leaf = open(os.path.join(certs, "pcscf-rsa.der"), "rb").read()
    mitm = open(os.path.join(certs, "mitm.der"), "rb").read()
    seeds = {
        # attack 1: the certificate of SM6 is not the connection's
        "attack1-cert-swap": cfg() + ev(START) + ev(TLS_UP, cert=mitm)
        + ev(SM6, AKA | STOK | DERIVE, cert=leaf) + ev(SM12),
        # attack 2: Security-Server lists only tls;q=0.9, no s_token
        "attack2-mech": cfg() + ev(START) + ev(TLS_UP, cert=leaf)
        + ev(SM6, AKA, 0x82, cert=leaf) + ev(SM12),
        # I-TLS, TLS first, then resumption and a new full handshake
        "itls": cfg() + ev(START) + ev(TLS_UP, cert=leaf)
        + ev(SM6, AKA | STOK | DERIVE | AGAIN) + ev(SM12) + ev(TLS_LOST)
        + ev(TLS_UP, RESUMED) + ev(TLS_LOST) + ev(TLS_UP, AGAIN),
        "itls-kdf": cfg(kdf=1) + ev(START) + ev(TLS_UP, cert=leaf)
        + ev(SM6, AKA | STOK | DERIVE | AGAIN) + ev(SM12),
        # figure 3: ipsec-3gpp preferred inside TLS
        "prefer-ipsec": cfg() + ev(START) + ev(TLS_UP, cert=leaf)
        + ev(SM6, AKA | STOK | DERIVE | AGAIN, 0x81) + ev(SM12),
        # figure 4: sec-agree first, TLS after SM6
        "late": cfg(tls_first=0) + ev(START) + ev(SM6, AKA | STOK | DERIVE, cert=leaf)
        + ev(TLS_UP, AGAIN) + ev(SM12),
        "late-other-cert": cfg(tls_first=0) + ev(START)
        + ev(SM6, AKA | STOK | DERIVE, cert=leaf) + ev(TLS_UP, cert=mitm),
        # figure 5: refusal, fallback
        "fallback": cfg() + ev(START) + ev(TLS_FAIL) + ev(SM6, AKA, 0x83) + ev(SM12),
        # figure 6: PSK-TLS
        "psk": cfg(offer=1, tls_first=0, psk=1) + ev(START) + ev(SM6, AKA, 0x82)
        + ev(TLS_UP, PSK | RIGHTPSK) + ev(SM12) + ev(TLS_LOST) + ev(TLS_UP, PSK | RIGHTPSK),
        "psk-wrong": cfg(offer=1, tls_first=0, psk=1) + ev(START) + ev(SM6, AKA, 0x82)
        + ev(TLS_UP, PSK),
        # UE-28, UE-29: re-registration on the same connection, then over a new
        # full handshake, each a new AKA run
        "reauth": cfg() + ev(START) + ev(TLS_UP, cert=leaf)
        + ev(SM6, AKA | STOK | DERIVE | AGAIN) + ev(SM12) + ev(REREGISTER)
        + ev(SM6, AKA | STOK | DERIVE | AGAIN, ik=IK2, ck=CK2) + ev(SM12) + ev(TLS_LOST)
        + ev(TLS_UP, cert=leaf) + ev(SM6, AKA | STOK | DERIVE | AGAIN) + ev(SM12),
        # UE-30: PSK-TLS re-registration re-keys the session
        "psk-reauth": cfg(offer=1, tls_first=0, psk=1) + ev(START) + ev(SM6, AKA, 0x82)
        + ev(TLS_UP, PSK | RIGHTPSK) + ev(SM12) + ev(REREGISTER)
        + ev(SM6, AKA, 0x82, ik=IK2, ck=CK2) + ev(TLS_UP, PSK | RIGHTPSK) + ev(SM12),
    }
    n = 0
    for line in open(os.path.join(here, "..", "..", "vectors", "secagree.txt"),
                     encoding="latin-1"):
        if line.startswith("server = Security-Server: "):
            v = line.rstrip("\n")[len("server = Security-Server: "):].encode("latin-1")
            if len(v) < 0x80:
                n += 1
                seeds["vec-%03d" % n] = cfg() + ev(START) + ev(TLS_UP, cert=leaf) \
                    + ev(SM6, AKA | STOK | DERIVE | AGAIN, len(v), srv=v) + ev(SM12)
    for name, data in seeds.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
