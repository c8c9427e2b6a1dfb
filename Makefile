# itls-ref -- plain GNU make. See README.md for the two commands that matter.
#
#   make            libitls.a and the itls command (build/)
#   make test       every test: unit (Criterion), vectors, CLI, flow, traceability,
#                   vectors-check, spec freshness; then again under ASan+UBSan
#   make proofs     Frama-C/WP on ref/core, fails on any unproved goal
#   make proofs-fresh   the same without the committed WP cache (verifiers)
#   make ct         constant-time check of the secret paths (valgrind)
#   make demo       every `itls demo` scenario (V=1: every ladder too)
#   make spec-html  the specification as one page, build/spec/index.html (pandoc)
#   make vectors / vectors-check / spec / fuzz / bench / install / uninstall / clean
#   make model      SPIN check of the protocol, generated from the tables (spec/security.md)
#   make model-check  fails when spec/model/itls.pml is stale
#
# make install takes PREFIX (/usr/local), DESTDIR, and BINDIR, LIBDIR, INCLUDEDIR,
# DATADIR, DOCDIR, PKGCONFIGDIR (each defaults under PREFIX; for a multiarch layout:
# LIBDIR=/usr/lib/x86_64-linux-gnu). make uninstall removes what install wrote and the
# directories it created (the same variables).

CC      ?= cc
CXX     ?= c++
PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR  ?= $(PREFIX)/bin
LIBDIR  ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
DOCDIR  ?= $(DATADIR)/doc/itls
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
# the one version (itls --version, itls.pc, the vectors, the spec): the file VERSION
VERSION := $(shell cat VERSION)
SOMAJOR := $(firstword $(subst ., ,$(VERSION)))
BUILD   ?= build
PYTHON  ?= /usr/bin/python3

WARN    := -Wall -Wextra -Werror -pedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wcast-qual -Wpointer-arith -Wvla
CSTD    := -std=c99
CFLAGS  ?= -O2 -g
SANFLAGS ?=
ALL_CFLAGS = $(CSTD) $(WARN) $(CFLAGS) $(SANFLAGS) -Iref/include
# the command, tests, tls glue and simulator are hosted code (stdio, POSIX)
HOST_CFLAGS = $(ALL_CFLAGS) -D_POSIX_C_SOURCE=200809L -Iref -Wno-missing-prototypes
LDLIBS  := -lbearssl

CORE_SRCS := $(sort $(wildcard ref/core/*.c))
TLS_SRCS  := $(sort $(wildcard ref/tls/*.c))
SIM_SRCS  := $(sort $(wildcard ref/sim/*.c))
CLI_SRCS  := $(sort $(wildcard ref/cli/*.c))
TEST_SRCS := $(sort $(wildcard tests/test_*.c))
HEADERS   := $(wildcard ref/include/itls/*.h) $(wildcard ref/tls/*.h) \
             $(wildcard ref/sim/*.h) ref/cli/cli.h

CORE_OBJS := $(CORE_SRCS:%.c=$(BUILD)/%.o)
HOST_OBJS := $(TLS_SRCS:%.c=$(BUILD)/%.o) $(SIM_SRCS:%.c=$(BUILD)/%.o)
CLI_OBJS  := $(CLI_SRCS:%.c=$(BUILD)/%.o)
LIB       := $(BUILD)/libitls.a
PIC_OBJS  := $(CORE_SRCS:%.c=$(BUILD)/pic/%.o)
SONAME    := libitls.so.$(SOMAJOR)
SHLIB     := $(BUILD)/libitls.so.$(VERSION)
ITLS      := $(BUILD)/itls
TESTS     := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)

.PHONY: ct proofs-fresh proofs-prune
.PHONY: all test unit proofs demo vectors vectors-check spec spec-check fuzz bench \
        install uninstall clean trace lib-check spec-html model model-check

all: $(LIB) $(SHLIB) $(ITLS)

$(BUILD)/ref/core/%.o: ref/core/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -ffreestanding -c $< -o $@

# the shared library's objects: the same core, position-independent
$(BUILD)/pic/ref/core/%.o: ref/core/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -ffreestanding -fPIC -c $< -o $@

$(BUILD)/ref/cli/main.o: VERSION
$(BUILD)/ref/cli/main.o: HOST_CFLAGS += -DITLS_VERSION='"$(VERSION)"'

$(BUILD)/ref/%.o: ref/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -c $< -o $@

$(LIB): $(CORE_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

$(SHLIB): $(PIC_OBJS)
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined $(CFLAGS) -o $@ $^ $(LDLIBS)
	ln -sf libitls.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $(BUILD)/libitls.so

$(ITLS): $(CLI_OBJS) $(HOST_OBJS) $(LIB)
	$(CC) $(HOST_CFLAGS) -o $@ $(CLI_OBJS) $(HOST_OBJS) $(LIB) $(LDLIBS)

$(BUILD)/tests/%: tests/%.c $(HOST_OBJS) $(LIB) $(HEADERS) $(wildcard tests/*.h)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -Itests -o $@ $< $(HOST_OBJS) $(LIB) $(LDLIBS) -lcriterion

unit: $(TESTS) $(ITLS)

# The whole test suite; its last line is "N passed, M failed".
test: all $(TESTS) $(BUILD)/tests/ct
	@$(MAKE) --no-print-directory BUILD=build/asan CC=$(CC) \
	  SANFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  CFLAGS="-O1 -g" unit
	@BUILD=$(BUILD) ASAN_BUILD=build/asan PYTHON=$(PYTHON) sh tests/run-all.sh

trace:
	$(PYTHON) spec/trace.py

proofs:
	sh proofs/run.sh

# every goal sent to the provers: no cache read or written (a scratch WP
# session); the committed cache is trusted input (proofs/TRUSTED.md)
proofs-fresh:
	rm -rf $(BUILD)/wpsess-fresh
	CACHE=none WPSESS=$(BUILD)/wpsess-fresh REPORT=$(BUILD)/REPORT-fresh.md sh proofs/run.sh

# after the final full `make proofs`: delete the cache entries it does not use
proofs-prune:
	sh proofs/prune-cache.sh

demo: $(ITLS)
	$(ITLS) demo --all
ifeq ($(V),1)
	@for s in $$($(ITLS) demo --list | cut -d' ' -f1); do echo; echo "== $(ITLS) demo $$s"; \
	  $(ITLS) demo $$s || exit 1; done
else
	@echo "ladders: $(ITLS) demo SCENARIO (e.g. $(ITLS) demo itls; $(ITLS) demo --list), or make demo V=1 for all"
endif

vectors:
	$(PYTHON) vectors/gen/generate.py vectors

vectors-check:
	@rm -rf $(BUILD)/vectors-check && mkdir -p $(BUILD)/vectors-check
	$(PYTHON) vectors/gen/generate.py $(BUILD)/vectors-check
	@for f in $(BUILD)/vectors-check/*.txt $(BUILD)/vectors-check/*.json; do \
	  [ -e "$$f" ] || continue; \
	  cmp -s "$$f" "vectors/$$(basename $$f)" || { echo "vectors-check: $$(basename $$f) differs from the generator's output"; exit 1; }; \
	done; echo "vectors-check: committed vectors equal the generator's output"

spec: $(ITLS)
	sh spec/gen.sh $(ITLS) spec/generated
	$(PYTHON) spec/trace.py --write spec/traceability.md

# the specification as one page: build/spec/index.html (pandoc); the links under
# each rule come from the last test record (make test writes it)
spec-html: $(ITLS)
	@mkdir -p $(BUILD)/spec
	@$(PYTHON) spec/trace.py --record $(BUILD)/test-logs/trace-record.tsv \
	  --json $(BUILD)/spec/trace.json > /dev/null || true
	$(PYTHON) spec/render.py $(BUILD)/spec

spec-check: $(ITLS)
	@rm -rf $(BUILD)/spec-check && mkdir -p $(BUILD)/spec-check
	sh spec/gen.sh $(ITLS) $(BUILD)/spec-check
	@for f in $(BUILD)/spec-check/*; do \
	  cmp -s "$$f" "spec/generated/$$(basename $$f)" || { echo "spec-check: spec/generated/$$(basename $$f) is stale (make spec)"; exit 1; }; \
	done; echo "spec-check: generated spec is fresh"

fuzz:
	sh tests/fuzz/run.sh $(FUZZ_RUNS)

# the protocol model (spec/security.md): regenerate spec/model/itls.pml, check it
model: $(ITLS)
	PYTHON=$(PYTHON) sh spec/model/run.sh $(ITLS) $(BUILD)/model --write

model-check: $(ITLS)
	@mkdir -p $(BUILD)/model-check
	$(PYTHON) spec/model/gen.py --itls $(ITLS) --out $(BUILD)/model-check/itls.pml
	@cmp -s $(BUILD)/model-check/itls.pml spec/model/itls.pml || { echo "model-check: spec/model/itls.pml is stale (make model)"; exit 1; }; \
	echo "model-check: spec/model/itls.pml is what the tables generate"

# constant-time check of the secret paths (tests/ct/run.sh, spec/constant-time.md);
# the library is the normal -O2 build
$(BUILD)/tests/ct: tests/ct/ct.c $(LIB) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

ct: $(BUILD)/tests/ct
	sh tests/ct/run.sh $(BUILD)/tests/ct

bench: all
	sh tests/bench/run.sh

# install: every file it writes and every directory it creates is listed in
# $(DATADIR)/itls/manifest, which uninstall reads (so it removes exactly those,
# directories only when they are empty). The rendered spec ($(BUILD)/spec/, `make
# spec-html`) goes to $(DOCDIR)/index.html when that target exists and succeeds
# (SPEC_HTML=0: do not run it; install $(BUILD)/spec/ only if it is there); with
# spec/render.py it is rendered again with links to the installed headers and vectors.
INSTALL_DIRS = $(BINDIR) $(LIBDIR) $(PKGCONFIGDIR) $(INCLUDEDIR)/itls \
  $(DATADIR)/itls/vectors/certs $(DATADIR)/itls/vectors/schema $(DOCDIR)

SPEC_HTML ?= 1
install: all
	@if [ "$(SPEC_HTML)" = 1 ] && $(MAKE) -n spec-html >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory spec-html || echo "install: spec-html failed, installing without the rendered spec"; fi
	@set -e; D="$(DESTDIR)"; man="$(DATADIR)/itls/manifest"; tmp=$(BUILD)/install-manifest; \
	mkdir -p "$$D/"; : > $$tmp; \
	mkd() { p=""; for part in $$(echo "$$1" | tr / ' '); do p="$$p/$$part"; \
	    if [ ! -d "$$D$$p" ]; then mkdir "$$D$$p"; echo "d $$p" >> $$tmp; fi; done; }; \
	put() { install -m "$$1" "$$2" "$$D$$3"; echo "f $$3" >> $$tmp; }; \
	lnk() { ln -sf "$$1" "$$D$$2"; echo "f $$2" >> $$tmp; }; \
	for dir in $(INSTALL_DIRS); do mkd "$$dir"; done; \
	put 755 $(ITLS) $(BINDIR)/itls; \
	put 644 $(LIB) $(LIBDIR)/libitls.a; \
	put 755 $(SHLIB) $(LIBDIR)/libitls.so.$(VERSION); \
	lnk libitls.so.$(VERSION) $(LIBDIR)/$(SONAME); \
	lnk $(SONAME) $(LIBDIR)/libitls.so; \
	for h in ref/include/itls/*.h; do put 644 $$h $(INCLUDEDIR)/itls/$${h##*/}; done; \
	for v in vectors/*.txt vectors/*.json vectors/FORMAT.md vectors/README.md; do \
	  put 644 $$v $(DATADIR)/itls/vectors/$${v##*/}; done; \
	for v in vectors/schema/*.json; do put 644 $$v $(DATADIR)/itls/vectors/schema/$${v##*/}; done; \
	for v in vectors/certs/*.der; do put 644 $$v $(DATADIR)/itls/vectors/certs/$${v##*/}; done; \
	put 644 README.md $(DOCDIR)/README.md; \
	put 644 vectors/README.md $(DOCDIR)/vectors-README.md; \
	spec=""; if [ -f $(BUILD)/spec/trace.json ] && [ -f spec/render.py ]; then \
	  rm -rf $(BUILD)/spec-install && mkdir -p $(BUILD)/spec-install && cp $(BUILD)/spec/trace.json $(BUILD)/spec-install/ \
	  && SPEC_LINKS=installed $(PYTHON) spec/render.py $(BUILD)/spec-install > /dev/null && spec=$(BUILD)/spec-install; fi; \
	if [ -z "$$spec" ] && [ -f $(BUILD)/spec/index.html ]; then spec=$(BUILD)/spec; fi; \
	if [ -n "$$spec" ]; then \
	  for sd in $$(cd $$spec && find . -type d | sed 's|^\./*||'); do mkd "$(DOCDIR)/$$sd"; done; \
	  for f in $$(cd $$spec && find . -type f ! -name '*.json' | sed 's|^\./||'); do put 644 $$spec/$$f $(DOCDIR)/$$f; done; \
	else echo "install: no $(BUILD)/spec/index.html (make spec-html renders the spec): not installed"; fi; \
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	  -e 's|@VERSION@|$(VERSION)|' itls.pc.in > "$$D$(PKGCONFIGDIR)/itls.pc"; echo "f $(PKGCONFIGDIR)/itls.pc" >> $$tmp; \
	[ ! -f "$$D$$man" ] || cat "$$D$$man" >> $$tmp; \
	sort -u $$tmp > "$$D$$man"; rm -f $$tmp; \
	echo "install: $$(grep -c '^f' "$$D$$man") files in $(DESTDIR)$(PREFIX) (list: $(DESTDIR)$$man)"

uninstall:
	@D="$(DESTDIR)"; man="$(DATADIR)/itls/manifest"; \
	if [ ! -f "$$D$$man" ]; then echo "uninstall: no $$D$$man: nothing installed here"; exit 0; fi; \
	list=$$(cat "$$D$$man"); rm -f "$$D$$man"; \
	echo "$$list" | sed -n 's/^f //p' | while read -r f; do rm -f "$$D$$f"; done; \
	echo "$$list" | sed -n 's/^d //p' | sort -r | while read -r d; do rmdir "$$D$$d" 2>/dev/null || true; done; \
	echo "uninstall: removed what $$D$$man listed"

clean:
	rm -rf build
