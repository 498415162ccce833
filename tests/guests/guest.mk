# Build rules for one test or benchmark guest.  A guest's Makefile sets
#
#   NAME        the guest's name (guests/<NAME> in the runner's report)
#   SRCS        its C files (default: main.c)
#   VCPUS       QEMU CPUs = dom0 vCPUs (default 2)
#   XEN_ARGS    extra hypervisor command-line options (default none)
#   TIMEOUT     seconds the runner allows the boot (default 60)
#   NOPAGE      y: link without XEN_ELFNOTE_HYPERCALL_PAGE, so the guest
#               makes its hypercalls with a bare SYSCALL
#
# and includes this file.  The image goes to $(GUEST_OUT)/<NAME>.elf and
# the run settings, for tests/guests/run.py, to $(GUEST_OUT)/<NAME>.run
# (GUEST_OUT: build/guests, build/guests-bench for the benchmarks).

include $(dir $(lastword $(MAKEFILE_LIST)))../../frontends/pvguest.mk

SRCS ?= main.c
VCPUS ?= 2
XEN_ARGS ?=
TIMEOUT ?= 60
NOPAGE ?= n

GUEST_OUT ?= $(TOP_DIR)/build/guests
OUT := $(GUEST_OUT)
OBJDIR := $(OUT)/obj/$(NAME)
GUEST_OBJS := $(addprefix $(OBJDIR)/,$(SRCS:.c=.o))
GUEST_HEAD := $(PVGUEST_HEAD) $(if $(filter y,$(NOPAGE)),,$(PVGUEST_HCPAGE))

.PHONY: all clean lib
all: $(OUT)/$(NAME).elf $(OUT)/$(NAME).run

lib:
	@$(MAKE) --no-print-directory -s -C $(PVGUEST_DIR) all

$(PVGUEST_LIB) $(PVGUEST_HEAD) $(PVGUEST_HCPAGE): lib

$(OBJDIR)/%.o: %.c | lib
	@mkdir -p $(dir $@)
	@echo "  CC      guests/$(NAME)/$<"
	@$(CC) $(PVGUEST_CPPFLAGS) $(PVGUEST_CFLAGS) -c $< -o $@

$(OUT)/$(NAME).elf: $(GUEST_OBJS) $(PVGUEST_LIB) $(GUEST_HEAD) $(PVGUEST_LDS)
	@echo "  LD      build/guests/$(NAME).elf"
	@$(LD) $(PVGUEST_LDFLAGS) -o $@ $(GUEST_HEAD) $(GUEST_OBJS) $(PVGUEST_LIB)

$(OUT)/$(NAME).run: Makefile
	@mkdir -p $(OUT)
	@printf 'vcpus=%s\ntimeout=%s\nxen_args=%s\n' '$(VCPUS)' '$(TIMEOUT)' \
	    '$(XEN_ARGS)' > $@

clean:
	rm -rf $(OBJDIR) $(OUT)/$(NAME).elf $(OUT)/$(NAME).run

-include $(GUEST_OBJS:.o=.d)
