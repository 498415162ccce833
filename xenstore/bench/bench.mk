# Benchmark of the xenstore component (included from ../Makefile).

$(O)/xs_bench: bench/xs_bench.c $(WIRE_H)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< -lpthread

# Loaded into Debian's xenstored only; needs no strict prototypes (it
# implements another library's API).
$(O)/xenstored-shim.so: bench/xenstored-shim.c
	$(CC) -shared -fPIC -O2 -Wall -Wextra -Werror -o $@ $< -ldl

bench: all $(O)/xs_bench $(O)/xenstored-shim.so
	bench/run-bench.sh
