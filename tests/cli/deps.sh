#!/bin/sh
# tests/cli/deps.sh -- README's set-up command `sh .ci/deps` in the two cases of a fresh
# Debian 12: root without sudo (a container) and a user with sudo; and --minimal. apt-get,
# dpkg-query, id and sudo are stand-ins on PATH that record what they were asked; nothing
# is installed. One line per check: "ok - ..." or "not ok - ...".
set -u
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
mk() { printf '#!/bin/sh\n%s\n' "$2" > "$T/bin/$1"; chmod +x "$T/bin/$1"; }
setup() { # UID SUDO(yes|no)
	rm -rf "$T/bin"; mkdir -p "$T/bin"; : > "$T/log"
	for t in grep env; do ln -s "$(command -v $t)" "$T/bin/$t"; done
	mk id "echo $1"
	mk dpkg-query "exit 1"                                   # nothing installed
	mk apt-get "echo \"apt-get \$* uid=\$(id -u) via=\${VIA:-direct}\" >> $T/log"
	[ "$2" = yes ] && mk sudo "VIA=sudo \"\$@\""
	return 0
}
run() { PATH="$T/bin" /bin/sh .ci/deps "$@" > "$T/out" 2>&1; }

setup 0 no
run; rc=$?
if [ $rc = 0 ] && grep -q '^apt-get install .*libbearssl-dev.*python3-jsonschema.* via=direct' "$T/log"; then
	echo "ok - root without sudo: apt-get runs directly"; else echo "not ok - root without sudo: rc $rc, $(cat "$T/out" "$T/log")"; fail=1; fi
setup 1000 yes
run; rc=$?
if [ $rc = 0 ] && grep -q '^apt-get install .* via=sudo' "$T/log" && ! grep -q 'via=direct' "$T/log"; then
	echo "ok - a user with sudo: apt-get runs through sudo"; else echo "not ok - user with sudo: rc $rc, $(cat "$T/out" "$T/log")"; fail=1; fi
setup 1000 no
run; rc=$?
if [ $rc = 1 ] && grep -q 'run this as root' "$T/out" && [ ! -s "$T/log" ]; then
	echo "ok - a user without sudo: told to run it as root, nothing run"; else echo "not ok - user without sudo: rc $rc, $(cat "$T/out" "$T/log")"; fail=1; fi
setup 0 no
run --minimal; rc=$?
if [ $rc = 0 ] && grep -q '^apt-get install -y -q gcc make libbearssl-dev uid=0' "$T/log"; then
	echo "ok - --minimal installs gcc make libbearssl-dev only"; else echo "not ok - --minimal: rc $rc, $(cat "$T/log")"; fail=1; fi
setup 0 no
run --bogus; rc=$?
[ $rc = 2 ] && echo "ok - an unknown option is exit 2" || { echo "not ok - --bogus: rc $rc"; fail=1; }
cmd=$(awk '/<!-- test-command -->/ { getline; getline; print; exit }' README.md)
case $cmd in "sh .ci/deps && "*) echo "ok - README's test command starts with sh .ci/deps (no sudo)" ;;
*) echo "not ok - README's test command is [$cmd]"; fail=1 ;; esac
if grep -q 'sudo sh .ci/deps' README.md; then echo "not ok - README still says sudo sh .ci/deps"; fail=1
else echo "ok - README's set-up commands do not need sudo"; fi
exit $fail
