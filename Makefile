# itls-ref -- plain GNU make. See README.md for the two commands that matter.
#
#   make            libitls.a and the itls command (build/)
#   make test       every test: unit (Criterion), vectors, CLI, flow, traceability,
#                   vectors-check, spec freshness; then again under ASan+UBSan
#   make proofs     Frama-C/WP on ref/core, fails on any unproved goal
#   make proofs-fresh   the same without the committed WP cache (verifiers)
#   make ct         constant-time check of the secret paths (valgrind)
#   make demo       every `itls demo` scenario
#   make vectors / vectors-check / spec / fuzz / bench / install / uninstall / clean

CC      ?= cc
PREFIX  ?= /usr/local
DESTDIR ?=
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
ITLS      := $(BUILD)/itls
TESTS     := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)

.PHONY: ct proofs-fresh proofs-prune
.PHONY: all test unit proofs demo vectors vectors-check spec spec-check fuzz bench \
        install uninstall clean trace

all: $(LIB) $(ITLS)

$(BUILD)/ref/core/%.o: ref/core/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -ffreestanding -c $< -o $@

$(BUILD)/ref/%.o: ref/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -c $< -o $@

$(LIB): $(CORE_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	ar rcs $@ $^

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

spec-check: $(ITLS)
	@rm -rf $(BUILD)/spec-check && mkdir -p $(BUILD)/spec-check
	sh spec/gen.sh $(ITLS) $(BUILD)/spec-check
	@for f in $(BUILD)/spec-check/*; do \
	  cmp -s "$$f" "spec/generated/$$(basename $$f)" || { echo "spec-check: spec/generated/$$(basename $$f) is stale (make spec)"; exit 1; }; \
	done; echo "spec-check: generated spec is fresh"

fuzz:
	sh tests/fuzz/run.sh $(FUZZ_RUNS)

# constant-time check of the secret paths (tests/ct/run.sh, spec/constant-time.md);
# the library is the normal -O2 build
$(BUILD)/tests/ct: tests/ct/ct.c $(LIB) $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(HOST_CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

ct: $(BUILD)/tests/ct
	sh tests/ct/run.sh $(BUILD)/tests/ct

bench: all
	sh tests/bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/include/itls $(DESTDIR)$(PREFIX)/share/itls/vectors/certs
	install -m 755 $(ITLS) $(DESTDIR)$(PREFIX)/bin/itls
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libitls.a
	install -m 644 ref/include/itls/*.h $(DESTDIR)$(PREFIX)/include/itls/
	install -m 644 vectors/*.txt vectors/FORMAT.md $(DESTDIR)$(PREFIX)/share/itls/vectors/
	-install -m 644 vectors/*.json $(DESTDIR)$(PREFIX)/share/itls/vectors/
	-install -m 644 vectors/certs/*.der $(DESTDIR)$(PREFIX)/share/itls/vectors/certs/
	sed -e 's|@PREFIX@|$(PREFIX)|' itls.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/itls.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/itls $(DESTDIR)$(PREFIX)/lib/libitls.a \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig/itls.pc
	rm -rf $(DESTDIR)$(PREFIX)/include/itls $(DESTDIR)$(PREFIX)/share/itls

clean:
	rm -rf build
