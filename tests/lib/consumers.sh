#!/bin/sh
# tests/lib/consumers.sh -- the library as a C or C++ project uses it: `make install`
# into a staging tree (DESTDIR, multiarch LIBDIR), then build tests/lib/example.c -- the
# example of README.md's "Use the library", which must be the same text -- as C and as
# C++ with `pkg-config --cflags --libs itls` and nothing else, run both, and check the
# soname, the version, and that `make uninstall` removes everything install created.
# One line per check: "ok - ..." or "not ok - ...".
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; fail=1; }
t() { name=$1; shift; if "$@" > "$T/log" 2>&1; then ok "$name"; else nok "$name: $(tail -3 "$T/log" | tr '\n' ' ')"; fi; }

ver=$(cat VERSION)
arch=$(${CC:-cc} -print-multiarch 2>/dev/null || true)
libdir=/usr/lib${arch:+/$arch}
S="$T/stage"
awk '/<!-- lib-example -->/ { f = 1; next } f && /^```c/ { g = 1; next } g && /^```/ { exit } g' \
	README.md > "$T/readme.c"
t "README's \"Use the library\" example is tests/lib/example.c" cmp "$T/readme.c" tests/lib/example.c
t "make install DESTDIR=... PREFIX=/usr LIBDIR=$libdir" \
	make --no-print-directory install SPEC_HTML=0 DESTDIR="$S" PREFIX=/usr LIBDIR="$libdir"
export PKG_CONFIG_PATH="$S$libdir/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$S" PKG_CONFIG_LIBDIR=/nonexistent
t "pkg-config finds itls $ver" test "$(pkg-config --modversion itls)" = "$ver"
flags=$(pkg-config --cflags --libs itls)
t "C consumer builds with pkg-config flags only (cc -std=c99 -pedantic -Werror)" \
	${CC:-cc} -std=c99 -Wall -Wextra -Werror -pedantic -o "$T/c-consumer" tests/lib/example.c $flags
t "C++ consumer builds with pkg-config flags only (c++ -std=c++11 -pedantic -Werror)" \
	${CXX:-c++} -x c++ -std=c++11 -Wall -Wextra -Werror -pedantic -o "$T/cxx-consumer" tests/lib/example.c $flags
# the expected token, from Python's hmac (independent of the library)
want=$(python3 -c 'import hmac, hashlib
print("ok s_token=\"%s\"" % hmac.new(bytes.fromhex("f769bcd7" + "00" * 12),
      b"the DER bytes of the P-CSCF'"'"'s TLS certificate", hashlib.sha1).hexdigest()[:24])')
for c in c-consumer cxx-consumer; do
	got=$(LD_LIBRARY_PATH="$S$libdir" "$T/$c" 2>&1)
	if [ "$got" = "$want" ]; then ok "$c prints HMAC-SHA1-96(IK, cert) as Python computes it"
	else nok "$c printed [$got], want [$want]"; fi
	if LD_LIBRARY_PATH="$S$libdir" ldd "$T/$c" | grep -q "libitls.so.${ver%%.*} => $S"; then
		ok "$c is linked to the installed libitls.so.${ver%%.*}"
	else nok "$c is not linked to the installed shared library: $(ldd "$T/$c" | grep itls)"; fi
done
t "libitls.so.$ver has the soname libitls.so.${ver%%.*}" \
	sh -c "readelf -d '$S$libdir/libitls.so.$ver' | grep -q 'SONAME.*\\[libitls.so.${ver%%.*}\\]'"
t "installed itls --version says $ver" test "$("$S/usr/bin/itls" --version)" = "itls $ver"
t "the vectors' README and schemas are installed" test -f "$S/usr/share/itls/vectors/README.md" \
	-a -f "$S/usr/share/itls/vectors/schema/token.schema.json" -a -f "$S/usr/share/doc/itls/vectors-README.md"
t "installed itls check runs the installed vectors from another directory" \
	sh -c "cd / && '$S/usr/bin/itls' check '$S/usr/share/itls/vectors/token.txt' '$S/usr/share/itls/vectors/naming.txt'"
t "make uninstall" make --no-print-directory uninstall DESTDIR="$S" PREFIX=/usr LIBDIR="$libdir"
left=$(cd "$S" && find . -mindepth 1 | head -5 | tr '\n' ' ')
if [ -z "$left" ]; then ok "uninstall removes every file and directory install created"
else nok "uninstall left: $left"; fi
exit $fail
