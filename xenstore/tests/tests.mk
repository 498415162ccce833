# Tests of the xenstore component (included from ../Makefile).

TEST_CFLAGS := $(CFLAGS) -Wno-missing-prototypes

$(O)/tests/%.o: tests/%.c $(WIRE_H)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests $(TEST_CFLAGS) -MMD -MP -c $< -o $@

$(O)/test_core: $(O)/tests/test_core.o $(O)/tests/fake.o $(O)/libxscore.a
	$(CC) $(CFLAGS) -o $@ $^

TEST_BINS := $(O)/test_core


# Our header and Debian's are compiled in separate units (same include guard
# is not an issue then, and nothing of one leaks into the other).
$(O)/tests/wire_ours.o: tests/wire_ours.c tests/wire_facts.h $(TOP)/xen/include/public/io/xs_wire.h
	@mkdir -p $(dir $@)
	$(CC) -Itests $(TEST_CFLAGS) -c $< -o $@

$(O)/tests/wire_debian.o: tests/wire_debian.c tests/wire_facts.h
	@mkdir -p $(dir $@)
	$(CC) -Itests $(TEST_CFLAGS) -c $< -o $@

$(O)/test_wire: $(O)/tests/test_wire.o $(O)/tests/wire_ours.o $(O)/tests/wire_debian.o
	$(CC) $(CFLAGS) -o $@ $^

TEST_BINS += $(O)/test_wire


# Programs that talk to a private daemon link our libxenstore.
LIBXS := -L$(O) -lxenstore -Wl,-rpath,$(abspath $(O))

$(O)/test_ring: $(O)/tests/test_ring.o $(O)/tests/daemon.o $(O)/tests/guest.o $(O)/libxenstore.so.4.0
	$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LIBXS)

TEST_BINS += $(O)/test_ring

$(O)/test_lib: $(O)/tests/test_lib.o $(O)/tests/daemon.o $(O)/libxenstore.so.4.0
	$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LIBXS) -lpthread

# The same test compiled with Debian's <xenstore.h> (libxen-dev), linked to
# our library: a program written for Xen's libxenstore builds and runs.
$(O)/tests/test_lib_debian.o: tests/test_lib.c
	@mkdir -p $(dir $@)
	$(CC) -D_GNU_SOURCE -Itests $(TEST_CFLAGS) -c $< -o $@

$(O)/test_lib_debian: $(O)/tests/test_lib_debian.o $(O)/tests/daemon.o $(O)/libxenstore.so.4.0
	$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LIBXS) -lpthread

TEST_BINS += $(O)/test_lib $(O)/test_lib_debian

$(O)/test_durability: $(O)/tests/test_durability.o $(O)/tests/daemon.o $(O)/tests/guest.o $(O)/libxenstore.so.4.0
	$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LIBXS) -lpthread

TEST_BINS += $(O)/test_durability

$(O)/test_hostile: $(O)/tests/test_hostile.o $(O)/tests/daemon.o $(O)/tests/guest.o $(O)/libxenstore.so.4.0
	$(CC) $(CFLAGS) -o $@ $(filter %.o,$^) $(LIBXS) -lpthread

TEST_BINS += $(O)/test_hostile

# ---- fuzzing --------------------------------------------------------------
# fuzz_replay (any compiler) runs the saved inputs; fuzz_protocol is the
# libFuzzer build (clang, with ASan and UBSan) when libFuzzer is installed.
FUZZ_CC ?= clang
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
HAVE_LIBFUZZER := $(shell printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long s) { (void)d; (void)s; return 0; }\n' | \
	$(FUZZ_CC) -x c -fsanitize=fuzzer - -o /dev/null 2>/dev/null && echo y)

$(O)/fuzz_replay: $(O)/tests/fuzz_protocol.o $(O)/tests/fuzz_replay.o $(O)/tests/fake.o $(O)/libxscore.a
	$(CC) $(CFLAGS) -o $@ $^

$(O)/tests/fuzz_%.o: fuzz/fuzz_%.c $(WIRE_H)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests $(TEST_CFLAGS) -c $< -o $@

FUZZ_SRCS := $(CORE_SRCS) tests/fake.c fuzz/fuzz_protocol.c
$(O)/fuzz_protocol: $(FUZZ_SRCS) $(WIRE_H)
	$(FUZZ_CC) $(CPPFLAGS) -Itests -std=gnu11 -g -O1 $(WARN) \
	    -Wno-missing-prototypes -fsanitize=fuzzer $(FUZZ_SAN) \
	    -o $@ $(FUZZ_SRCS)

FUZZ_BINS := $(O)/fuzz_replay
ifeq ($(HAVE_LIBFUZZER),y)
FUZZ_BINS += $(O)/fuzz_protocol
endif

FUZZ_SECONDS ?= 45

# A longer fuzzing session on its own: make fuzz FUZZ_SECONDS=3600
fuzz: $(O)/fuzz_protocol
	fuzz/run-fuzzer.sh $(abspath $(O)) $(or $(FUZZ_LONG),600)


$(O)/xs_transcript: tests/xs_transcript.c $(WIRE_H)
	$(CC) $(CPPFLAGS) $(TEST_CFLAGS) -o $@ $<

TEST_BINS += $(O)/xs_transcript $(O)/xenstored-shim.so

# Last, so that every TEST_BINS addition above counts.
check: all $(TEST_BINS) $(FUZZ_BINS)
	@tests/run-checks.sh $(O) $(FUZZ_SECONDS)
