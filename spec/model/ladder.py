#!/usr/bin/env python3
"""spec/model/ladder.py -- print a SPIN counterexample as a ladder.

usage: spin -t -DP_SPnn itls.pml | ladder.py TITLE > ladder.txt

Reads the @-lines the model prints while SPIN replays a trail (spin -t) and
writes them in the text format of spec/generated/ladder-*.txt (the ladder
writer of ref/sim/ladder.c: lanes 11 columns apart, '=' arrows inside TLS,
'-' outside, '~' for TLS handshakes, '*' for a machine's transition).
"""
import sys

ACTORS = ["UE", "MitM", "P-CSCF", "S-CSCF"]
LANE_W = 11
COLS = [2 + LANE_W * i for i in range(len(ACTORS))]
WIDTH = COLS[-1] + 3


def lane(a=-1, b=-1, fill=" "):
    row = [" "] * WIDTH
    for c in COLS:
        row[c] = "|"
    if a >= 0 and b >= 0 and a != b:
        x0, x1 = COLS[a], COLS[b]
        if x0 < x1:
            for i in range(x0 + 1, x1):
                row[i] = fill
            row[x1 - 1] = ">"
        else:
            for i in range(x1 + 1, x0):
                row[i] = fill
            row[x1 + 1] = "<"
    elif a >= 0 and a == b:
        row[COLS[a]] = "*"
    return "".join(row)


def slist(v, server):
    v = int(v)
    if v & 3 == 0:
        return "(none)"
    if not server:
        return ", ".join(n for b, n in ((2, "ipsec-3gpp"), (1, "tls")) if v & b)
    if v & 3 == 3:
        return "tls;q=0.2, ipsec-3gpp;q=0.1" if v & 4 else "tls;q=0.1, ipsec-3gpp;q=0.5"
    return "tls;q=0.1" if v & 1 else "ipsec-3gpp;q=0.1"


CERT = {1: "the P-CSCF's certificate", 2: "the MitM's certificate"}


def stok(s):
    s = int(s)
    if s == 0:
        return "no s_token"
    r, c = (s - 1) // 2 + 1, (s - 1) % 2 + 1
    return "s_token=HMAC(IK%d, %s)" % (r, "cert-P-CSCF" if c == 1 else "cert-MitM")


def ctok(t):
    t = int(t)
    if t == 0:
        return "no c_token"
    r, s = (t - 1) // 6 + 1, (t - 1) % 6 + 1
    return "c_token=HMAC(IK%d, %s)" % (r, stok(s))


VIA = {0: "UDP", 1: "TLS", 2: "IPsec"}
INTEG = {0: "no", 1: "yes", 2: "tls-pending", 3: "tls-yes"}
ATK = {0: "none", 1: "Dolev-Yao", 2: "scripted MitM (itls demo mitm)",
       3: "scripted bid-down (a)", 4: "scripted bid-down (b)"}


def main():
    title = sys.argv[1] if len(sys.argv) > 1 else "counterexample"
    out = []
    head = ""
    for a, c in zip(ACTORS, COLS):
        x = max(0, c - len(a) // 2)
        head = head.ljust(x) + a
    verdict = "no violation in the trail"
    for raw in sys.stdin:
        line = raw.strip()
        if not line.startswith("@"):
            continue
        tag, _, rest = line.partition(" ")
        if tag == "@C":
            o, tf, psk, sl, atk, loss = (int(x) for x in rest.split())
            out.append("config: UE offers %s, %s, %s; P-CSCF Security-Server %s; attacker %s%s"
                       % (slist(o, False), "TLS first" if tf else "sec-agree first",
                          "PSK-TLS" if psk else "I-TLS (certificate, tokens)", slist(sl, True),
                          ATK[atk], ", one TLS loss" if loss else ""))
            out.append("")
            out.append(head)
        elif tag == "@T":
            who, st, ev, g, nx, steps = rest.split("|")
            a = 0 if who == "UE" else 2
            out.append("%s  %s: %s --%s [%s]--> %s" % (lane(a, a), who, st, ev, g, nx))
            out.append("%s      %s" % (lane(), steps))
        elif tag == "@H":
            who, peer, cert, res, psk = (int(x) for x in rest.split())
            if who == 0:
                b = 2 if peer == 1 else 1
                what = "resumed" if res else ("PSK-TLS" if psk else CERT.get(cert, "?"))
                out.append("%s  TLS handshake (%s)" % (lane(0, b, "~"), what))
            else:
                a = 0 if peer == 1 else 1
                what = "resumed" if res else ("PSK-TLS" if psk else "new session")
                out.append("%s  TLS handshake (%s)" % (lane(a, 2, "~"), what))
        elif tag == "@M":
            f = rest.split()
            frm, to, lab = int(f[0]), int(f[1]), f[2]
            v = [int(x) for x in f[3:]]
            lines = []
            if lab == "SM1":
                via = VIA[v[0]]
                lines.append("Security-Client: " + slist(v[1], False))
            elif lab == "SM6":
                via = "TLS" if v[0] else "UDP"
                lines.append("Security-Server: " + slist(v[1], True))
                lines.append("WWW-Authenticate: challenge of AKA run %d, %s" % (v[3], stok(v[2])))
            elif lab == "SM7":
                via = VIA[v[0]]
                lines.append("Security-Client: " + slist(v[1], False))
                lines.append("Security-Verify: " + slist(v[2], True))
                lines.append("Authorization: %s, %s" % ("RES of run %d" % v[4] if v[4] else "no RES", ctok(v[3])))
            elif lab in ("SM2", "SM8"):
                via = "UDP"
                lines.append("integrity-protected=%s" % INTEG.get(v[1], "?"))
            elif lab == "SM5":
                via = "UDP"
                lines.append("challenge of AKA run %d, ck, ik" % v[1])
            elif lab == "SM11":
                via = "UDP"
                lab = "SM11" if v[1] else "SM11-reject"
            else:
                via = VIA.get(v[0], "?")
                lab = {"R1": "SM12 200 OK", "R2": "403 Forbidden"}.get(lab, lab)
            fill = "=" if via == "TLS" else "-"
            out.append("%s  %s  [%s]" % (lane(frm, to, fill), lab, via))
            for l in lines:
                out.append("%s      %s" % (lane(), l))
        elif tag == "@N":
            a, _, text = rest.partition(" ")
            a = int(a)
            out.append("%s  %s: %s" % (lane(a, a), ACTORS[a], text))
        elif tag == "@V":
            verdict = "violates %s" % rest.strip()
        elif tag == "@E":
            pass
    print("itls model -- %s" % title)
    print("source: spec/security.md; spec/model/itls.pml replayed by spin -t")
    print("expect: %s" % verdict)
    print()
    for l in out:
        print(l.rstrip())
    print()
    print("result: %s" % verdict)


if __name__ == "__main__":
    main()
