"""An independent reader of Security-Client / -Server / -Verify header lines.

Written from the ABNF of RFC 3329 section 2.2 and RFC 3261 section 25.1, with the
choices of spec/decisions.md D-SA-1..D-SA-16 and the rules of spec/secagree.md
(SA-01..SA-28). It is the generator's model, not a copy of ref/: it is written
for clarity (bytes in, Python objects out), and raises SAError(reason) with the
reason word of ref/include/itls/err.h.

RFC 3261 section 25.1, the rules used here:
  LWS = [*WSP CRLF] 1*WSP ; SWS = [LWS] ; HCOLON = *( SP / HTAB ) ":" SWS
  SEMI = SWS ";" SWS ; EQUAL = SWS "=" SWS ; COMMA = SWS "," SWS
  token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
  generic-param = token [ EQUAL gen-value ] ; gen-value = token / host / quoted-string
  quoted-string = SWS DQUOTE *(qdtext / quoted-pair ) DQUOTE
  qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII
  quoted-pair = "\\" (%x00-09 / %x0B-0C / %x0E-7F)
  qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
RFC 3329 section 2.2:
  security-client = "Security-Client" HCOLON sec-mechanism *(COMMA sec-mechanism)
  sec-mechanism = mechanism-name *( SEMI mech-parameters )
  mech-parameters = preference / digest-algorithm / digest-qop / digest-verify / extension
  preference = "q" EQUAL qvalue ; digest-verify = "d-ver" EQUAL LDQUOT 32LHEX RDQUOT
"""

HEADERS = {b"security-client": b"Security-Client",
           b"security-server": b"Security-Server",
           b"security-verify": b"Security-Verify"}

TOKEN_CHARS = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-.!%*_+`'~")
HEX = set(b"0123456789abcdefABCDEF")
DIGITS = set(b"0123456789")
WSP = (0x20, 0x09)

MAX_MECH = 16
MAX_PARAM = 16

IPSEC_ENUMS = {
    b"alg": ("bad-alg", {b"hmac-md5-96", b"hmac-sha-1-96", b"aes-gmac", b"null"}),
    b"ealg": ("bad-ealg", {b"des-ede3-cbc", b"aes-cbc", b"null", b"aes-gcm"}),
    b"prot": ("bad-prot", {b"ah", b"esp"}),
    b"mod": ("bad-mod", {b"trans", b"tun", b"udp-enc-tun"}),
}
IPSEC_NUMS = {
    b"spi-c": ("bad-spi", 10, 4294967295),
    b"spi-s": ("bad-spi", 10, 4294967295),
    b"port-c": ("bad-port", 5, 65535),
    b"port-s": ("bad-port", 5, 65535),
}
IPSEC_MANDATORY = [b"alg", b"spi-c", b"spi-s", b"port-c", b"port-s"]


class SAError(Exception):
    def __init__(self, reason):
        Exception.__init__(self, reason)
        self.reason = reason


class Value:
    """A parameter value: kind is 'token', 'bracket' or 'quoted'; raw as received."""

    def __init__(self, kind, raw):
        self.kind = kind
        self.raw = raw


class Mechanism:
    def __init__(self, name):
        self.name = name            # as received
        self.params = []            # [(name as received, Value or None)]
        self.q = None               # thousandths, or None

    def lname(self):
        return self.name.lower()

    def canonical(self):
        out = self.name.lower()
        for n, v in self.params:
            out += b";" + n.lower()
            if v is not None:
                out += b"=" + v.raw
        return out


class SecList:
    def __init__(self, header):
        self.header = header        # canonical header name
        self.mechs = []

    def canonical(self):
        return self.header + b": " + b", ".join(m.canonical() for m in self.mechs)

    def body(self):
        return b", ".join(m.canonical() for m in self.mechs)


def qvalue_thousandths(raw):
    """RFC 3261 qvalue -> 0..1000, or None when raw is not a qvalue (SA-12)."""
    if raw in (b"0", b"1"):
        return int(raw) * 1000
    if len(raw) >= 2 and raw[1:2] == b"." and raw[0:1] in (b"0", b"1"):
        frac = raw[2:]
        if len(frac) > 3 or any(c not in DIGITS for c in frac):
            return None
        if raw[0:1] == b"1":
            return 1000 if all(c == 0x30 for c in frac) else None
        return int((frac + b"000")[:3])
    return None


class _Reader:
    def __init__(self, line, seclist, first):
        self.s = line
        self.i = 0
        self.list = seclist
        self.first = first

    def peek(self):
        return self.s[self.i] if self.i < len(self.s) else None

    def ws(self):
        """Skip a white-space run: SP, HTAB, CRLF followed by SP/HTAB (SA-03, D-SA-10)."""
        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if c in WSP:
                self.i += 1
            elif c == 0x0D and s[self.i + 1:self.i + 2] == b"\n" and \
                    self.i + 2 < len(s) and s[self.i + 2] in WSP:
                self.i += 3
            else:
                break

    def token(self):
        j = self.i
        while j < len(self.s) and self.s[j] in TOKEN_CHARS:
            j += 1
        if j == self.i:
            raise SAError("syntax")
        t = self.s[self.i:j]
        self.i = j
        return t

    def quoted(self):
        s = self.s
        start = self.i
        i = self.i + 1
        while True:
            if i >= len(s):
                raise SAError("bad-quoted-string")
            c = s[i]
            if c == 0x22:
                i += 1
                break
            if c == 0x5C:
                if i + 1 >= len(s) or s[i + 1] > 0x7F or s[i + 1] in (0x0D, 0x0A):
                    raise SAError("bad-quoted-string")
                i += 2
            elif c in WSP or c == 0x21 or 0x23 <= c <= 0x5B or 0x5D <= c <= 0x7E:
                i += 1
            elif c == 0x0D:
                if s[i + 1:i + 2] == b"\n" and i + 2 < len(s) and s[i + 2] in WSP:
                    i += 3
                else:
                    raise SAError("bad-quoted-string")
            elif c >= 0x80:
                if 0xC0 <= c <= 0xDF:
                    n = 1
                elif 0xE0 <= c <= 0xEF:
                    n = 2
                elif 0xF0 <= c <= 0xF7:
                    n = 3
                elif 0xF8 <= c <= 0xFB:
                    n = 4
                elif 0xFC <= c <= 0xFD:
                    n = 5
                else:
                    raise SAError("bad-quoted-string")
                cont = s[i + 1:i + 1 + n]
                if len(cont) != n or any(not (0x80 <= b <= 0xBF) for b in cont):
                    raise SAError("bad-quoted-string")
                i += 1 + n
            else:   # control bytes, lone LF
                raise SAError("bad-quoted-string")
        self.i = i
        return Value("quoted", s[start:i])

    def bracket(self):
        s = self.s
        j = self.i + 1
        while j < len(s) and (s[j] in HEX or s[j] in (0x3A, 0x2E)):
            j += 1
        if j == self.i + 1 or j >= len(s) or s[j] != 0x5D:
            raise SAError("syntax")
        v = Value("bracket", s[self.i:j + 1])
        self.i = j + 1
        return v

    def value(self):
        c = self.peek()
        if c == 0x22:
            return self.quoted()
        if c == 0x5B:
            return self.bracket()
        return Value("token", self.token())

    def mechanism(self):
        name = self.token()
        # SA-11: the 17th mechanism exists only once its name has been read (so a
        # trailing ',' after 16 mechanisms is syntax, not a 17th mechanism)
        if len(self.list.mechs) == MAX_MECH:
            raise SAError("too-many-mechanisms")
        m = Mechanism(name)
        self.ws()
        while self.peek() == 0x3B:      # ';'
            self.i += 1
            self.ws()
            pname = self.token()
            # SA-11 then SA-10, once the name is read (D-SA-15)
            if len(m.params) == MAX_PARAM:
                raise SAError("too-many-parameters")
            if any(n.lower() == pname.lower() for n, _ in m.params):
                raise SAError("duplicate-parameter")
            self.ws()
            val = None
            if self.peek() == 0x3D:     # '='
                self.i += 1
                self.ws()
                val = self.value()
                self.ws()
            c = self.peek()
            if c is not None and c not in (0x3B, 0x2C):
                raise SAError("syntax")
            check_param(m, pname.lower(), val, self.list)
            m.params.append((pname, val))
        end_of_mechanism(m, self.list.header)
        return m

    def run(self):
        # SA-01: header name, *(SP / HTAB), ':'
        s = self.s
        hdr = None
        for low, canon in HEADERS.items():
            if s[:len(low)].lower() == low:
                hdr = canon
                self.i = len(low)
                break
        if hdr is None:
            raise SAError("bad-header-name")
        while self.peek() in WSP:
            self.i += 1
        if self.peek() != 0x3A:
            raise SAError("bad-header-name")
        self.i += 1
        if self.first:
            self.list.header = hdr
        elif hdr != self.list.header:
            raise SAError("mixed-headers")
        self.ws()
        if self.peek() is None:
            raise SAError("empty")     # SA-02
        while True:
            self.list.mechs.append(self.mechanism())
            c = self.peek()
            if c is None:
                return
            if c != 0x2C:
                raise SAError("syntax")
            self.i += 1
            self.ws()


def check_param(m, lname, val, seclist):
    """Meaning of one parameter (SA-12..SA-19), after its lexical form."""
    if lname == b"q":
        if val is None or val.kind != "token":
            raise SAError("bad-qvalue")
        q = qvalue_thousandths(val.raw)
        if q is None:
            raise SAError("bad-qvalue")
        for other in seclist.mechs:
            if other.q is not None and other.q == q:
                raise SAError("duplicate-q")
        m.q = q
        return
    if lname == b"d-ver":
        if val is None or val.kind != "quoted":
            raise SAError("bad-d-ver")
        inner = val.raw[1:-1]
        if len(inner) != 32 or any(c not in HEX for c in inner):
            raise SAError("bad-d-ver")
        return
    if m.lname() != b"ipsec-3gpp":
        return
    if lname in IPSEC_ENUMS:
        reason, allowed = IPSEC_ENUMS[lname]
        if val is None or val.kind != "token" or val.raw.lower() not in allowed:
            raise SAError(reason)
        return
    if lname in IPSEC_NUMS:
        reason, ndig, top = IPSEC_NUMS[lname]
        if val is None or val.kind != "token":
            raise SAError(reason)
        r = val.raw
        if not (1 <= len(r) <= ndig) or any(c not in DIGITS for c in r) or int(r) > top:
            raise SAError(reason)


def end_of_mechanism(m, header):
    """SA-20: the five ipsec-3gpp parameters (all in a Security-Client; none or all else)."""
    if m.lname() != b"ipsec-3gpp":
        return
    have = {n.lower() for n, _ in m.params}
    n = sum(1 for p in IPSEC_MANDATORY if p in have)
    if header == b"Security-Client":
        if n != 5:
            raise SAError("missing-parameter")
    elif n not in (0, 5):
        raise SAError("missing-parameter")


def parse(lines):
    """Parse the header lines of one message into one SecList (SA-09)."""
    if isinstance(lines, (bytes, str)):
        lines = [lines]
    sl = SecList(None)
    for k, line in enumerate(lines):
        if isinstance(line, str):
            line = line.encode("utf-8")
        _Reader(line, sl, k == 0).run()
    return sl


def parse_as(line, header):
    """SA-24: a line that must carry one given header name."""
    sl = parse(line)
    if sl.header != header:
        raise SAError("bad-header-name")
    return sl


def select(client, server):
    """SA-23: the server mechanism chosen by the UE; raises no-common-mechanism."""
    c = parse_as(client, b"Security-Client")
    s = parse_as(server, b"Security-Server")
    names = {m.lname() for m in c.mechs}
    best = None
    for m in s.mechs:
        if m.lname() not in names:
            continue
        if best is None:
            best = m
        elif m.q is not None and (best.q is None or m.q > best.q):
            best = m
    if best is None:
        raise SAError("no-common-mechanism")
    return best.canonical()


def same(a, b):
    """SA-25: same mechanisms, order, parameters (names case-insensitive, values bytes)."""
    return a.body() == b.body()


def verify(server, verify_line):
    s = parse_as(server, b"Security-Server")
    v = parse_as(verify_line, b"Security-Verify")
    if not same(s, v):
        raise SAError("mismatch")


def compare(client1, client2):
    a = parse_as(client1, b"Security-Client")
    b = parse_as(client2, b"Security-Client")
    if not same(a, b):
        raise SAError("mismatch")
