# Shared build settings for dom0-tools: included by every library and by xl.
# Each includer sets TOP (the path of dom0-tools/ relative to itself) first.

CC       ?= cc
CFLAGS   ?= -O2 -g
WARN     := -Wall -Wextra -Werror -Wmissing-prototypes -Wshadow
CFLAGS   += -std=gnu11 $(WARN) -fPIC -D_GNU_SOURCE
AR       ?= ar
FLEX     ?= flex
BISON    ?= bison
INSTALL  ?= install
PREFIX   ?= /usr
LIBDIR   ?= $(PREFIX)/lib
INCDIR   ?= $(PREFIX)/include

# A library Makefile sets LIB (short name), OBJS, and optionally LDLIBS; this
# builds lib$(LIB).a and lib$(LIB).so.1 from them.
define lib_rules
lib$(LIB).a: $(OBJS)
	rm -f $$@
	$(AR) rcs $$@ $$^

lib$(LIB).so.1: $(OBJS) $(wildcard exports.map)
	$(CC) -shared -Wl,-soname,$$@ -o $$@ $(OBJS) $(LIB_LDFLAGS) $(LDLIBS)

lib$(LIB).so: lib$(LIB).so.1
	ln -sf $$< $$@
endef

%.o: %.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<
