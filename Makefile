# Top-level build.  See README.md; docs/development.md explains the layout.
#
#   make            build the hypervisor (xen/xen) and the dom0 tools
#   make run        boot it under QEMU on this terminal
#   make test       install what is missing, build, run every test: "N passed, N failed"
#   make bench      benchmarks, side by side with Xen 4.17
#   make iso        GRUB rescue ISO (multiboot2) at build/xen.iso
#   make install    install the tools (DESTDIR=dir to stage)

# The components that live in their own directory and follow the common targets
# (all, check, bench, install, clean).  A component appears here once it has a Makefile.
COMPONENTS := $(patsubst %/Makefile,%,$(wildcard xenstore/Makefile dom0-tools/Makefile \
                backends/Makefile frontends/Makefile))

QEMU       ?= qemu-system-x86_64
RUN_SMP    ?= 2
RUN_MEM    ?= 2G
RUN_CPU    ?= max
XEN_CMDLINE ?= console=com1 com1=115200,8n1 loglvl=all

.PHONY: all deps xen tools iso run test check bench install clean $(COMPONENTS)

all: deps xen tools

deps:
	@tests/lib/ensure-deps.sh

xen:
	$(MAKE) -C xen

tools: $(COMPONENTS)

$(COMPONENTS):
	$(MAKE) -C $@ all

iso: deps xen
	$(MAKE) -C xen iso

# Until dom0 exists this boots the bare hypervisor: its console is this terminal.
# QEMU's own escape is moved to Ctrl-] so that Ctrl-A reaches the hypervisor
# (Ctrl-] x quits QEMU, Ctrl-] c toggles its monitor).
run: deps xen
	@echo "Booting xen/xen under QEMU: $(RUN_SMP) CPUs, $(RUN_MEM)."
	@echo "Debug keys: h (help), d (registers), q (domains), r (scheduler), m (memory), R (reboot)."
	@echo "Ctrl-A three times switches input between the hypervisor and dom0; Ctrl-] x quits QEMU."
	$(QEMU) -machine pc -cpu $(RUN_CPU) -smp $(RUN_SMP) -m $(RUN_MEM) \
	    -display none -serial mon:stdio -echr 0x1d -no-reboot -nic none \
	    -kernel xen/xen -append "$(XEN_CMDLINE)"

test: deps
	@tests/lib/run-suites.sh

check: test

bench: deps
	@set -e; for c in $(COMPONENTS) tests; do \
	    if $(MAKE) -C $$c -n bench >/dev/null 2>&1; then $(MAKE) -C $$c bench; fi; \
	done

install: all
	@set -e; for c in $(COMPONENTS); do $(MAKE) -C $$c install DESTDIR=$(abspath $(DESTDIR)); done

clean:
	$(MAKE) -C xen clean
	@set -e; for c in $(COMPONENTS); do $(MAKE) -C $$c clean; done
	rm -rf build
