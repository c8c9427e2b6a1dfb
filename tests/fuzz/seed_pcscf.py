#!/usr/bin/python3
"""tests/fuzz/seed_pcscf.py OUTDIR -- seed inputs of fuzz_pcscf (its input format
is described in tests/fuzz/fuzz_pcscf.c): the flows of seed 004 and the attacks
of issue 10, with IK and CK of vectors/token.txt and the certificate
vectors/certs/pcscf-rsa.der (the values the generator of the vectors used)."""
import os
import sys

out = sys.argv[1]
ik = ck = None
for line in open("vectors/token.txt", encoding="latin-1"):
    if line.startswith("ik = ") and ik is None:
        ik = bytes.fromhex(line[5:].strip())
    if line.startswith("ck = ") and ck is None:
        ck = bytes.fromhex(line[5:].strip())
cert = open("vectors/certs/pcscf-rsa.der", "rb").read()
mitm = open("vectors/certs/mitm.der", "rb").read()
SCLI = b"ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=3;port-s=4, tls"
SSRV = b"tls;q=0.2, ipsec-3gpp;q=0.1;alg=hmac-sha-1-96;spi-c=5;spi-s=6;port-c=7;port-s=8"
IMPI = b"user1_private@home1.net"
TLS_UP, TLS_CLOSED, SM1, SM5, SM7, SM11, REJECT, TO_UE = range(8)
PLAIN, TLS, IPSEC = 0, 1, 2
R, C, H, RES = 0x10, 0x20, 0x40, 0x80
K = 0x08   # in the kind byte


def ev(kind, via=PLAIN, offer=3, flags=0, keys=0, ctok=0, psk=0, crt=b"",
       client=b"", server=b"", verify=b"", impi=b"", k=False):
    odd = (len(client) & 1) << 3 | (len(server) & 1) << 4 | (len(verify) & 1) << 5
    h = bytes([kind | (K if k else 0), via | offer << 2 | flags, keys | ctok << 1 | psk << 2 | odd
               | (len(crt) % 4) << 6, len(crt) // 4, len(client) // 2, len(server) // 2,
               len(verify) // 2, len(impi)])
    return h + ik + ck + bytes(12) + crt + client + server + verify + impi


def sm1(via):
    return ev(SM1, via, 3, client=SCLI, server=SSRV, impi=IMPI)


sm5 = ev(SM5, keys=1, crt=cert)


def sm7(via, flags=R | C | H):
    return ev(SM7, via, flags=flags, ctok=1, k=True)


itls = [ev(TLS_UP), sm1(TLS), sm5, sm7(TLS), ev(TO_UE), ev(SM11)]
seeds = {
    # figure 1: TLS first, I-TLS (HMAC profile, both mechanisms, tls first)
    "itls": bytes([3]) + b"".join(itls),
    "itls-kdf": bytes([3 | 8]) + b"".join(itls),
    # figure 4: sec-agree first, a TLS-only P-CSCF
    "secagree-first": bytes([1]) + b"".join([sm1(PLAIN), sm5, ev(TLS_UP), sm7(TLS), ev(SM11)]),
    # figure 3: the P-CSCF ranks ipsec-3gpp first
    "prefer-ipsec": bytes([3 | 16]) + b"".join([ev(TLS_UP), sm1(TLS), sm5, sm7(IPSEC), ev(SM11)]),
    # figure 6: PSK-TLS
    "psk": bytes([1 | 4]) + b"".join([sm1(PLAIN), sm5, ev(TLS_UP, psk=1), sm7(TLS, H), ev(SM11)]),
    # issue 10 attack 3: TLS-only P-CSCF, SM7 over IPsec without c_token
    "attack3": bytes([1]) + b"".join([sm1(PLAIN), sm5, sm7(IPSEC, C | H)]),
    # issue 10 attack 4: registered, closed, a new full handshake, then re-registration
    "attack4": bytes([3]) + b"".join(itls + [ev(TLS_CLOSED), ev(TLS_UP), sm7(TLS),
                                             sm1(TLS), sm5, sm7(TLS), ev(SM11)]),
    # resumption keeps the binding; the network may not open TLS
    "resume": bytes([3]) + b"".join(itls + [ev(TLS_CLOSED), ev(TLS_UP, flags=RES), ev(TO_UE)]),
    # PC-22: the connection presented another certificate
    "cert-swap": bytes([3]) + b"".join([ev(TLS_UP), sm1(TLS), sm5,
                                        ev(SM7, TLS, flags=R | H, ctok=1, crt=mitm, k=True)]),
    # PC-13: a wrong c_token, none at all
    "bad-ctoken": bytes([3]) + b"".join([ev(TLS_UP), sm1(TLS), sm5, sm7(TLS, C | H)]),
    "no-ctoken": bytes([3]) + b"".join([ev(TLS_UP), sm1(TLS), sm5,
                                        ev(SM7, TLS, flags=C | H, k=True)]),
    # PC-11: Security-Verify echoed, Security-Client changed
    "client-changed": bytes([3]) + b"".join([ev(TLS_UP), sm1(TLS), sm5,
                                             ev(SM7, TLS, flags=R | C | H, ctok=1, client=b"tls")]),
    # PSK-TLS: registered, a new PSK handshake, a plain one, re-registration over it
    "psk-rereg": bytes([1 | 4]) + b"".join([sm1(PLAIN), sm5, ev(TLS_UP, psk=1), sm7(TLS, H),
                                            ev(SM11), ev(TLS_UP, psk=1), ev(TLS_UP),
                                            sm1(TLS), sm5, sm7(TLS, H)]),
    # registered, then an SM1 with nothing in common
    "rereg-none": bytes([3]) + b"".join(itls + [ev(SM1, TLS, 0, client=b"digest", server=SSRV,
                                                   impi=IMPI)]),
}
for name, data in seeds.items():
    open(os.path.join(out, "seed-" + name), "wb").write(data)
