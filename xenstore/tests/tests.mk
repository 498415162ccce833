# Tests of the xenstore component (included from ../Makefile).

TEST_CFLAGS := $(CFLAGS) -Wno-missing-prototypes

$(O)/tests/%.o: tests/%.c $(WIRE_H)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests $(TEST_CFLAGS) -MMD -MP -c $< -o $@

$(O)/test_core: $(O)/tests/test_core.o $(O)/tests/fake.o $(O)/libxscore.a
	$(CC) $(CFLAGS) -o $@ $^

TEST_BINS := $(O)/test_core

check: all $(TEST_BINS)
	@$(O)/test_core
