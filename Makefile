# Top-level build.  See README.md; docs/development.md explains the layout.
#
#   make            build the hypervisor (xen/xen) and the dom0 tools
#   make dom0       dom0's kernel and initramfs: build/dom0/{vmlinuz,initrd.img}
#   make run        boot the hypervisor and dom0 under QEMU on this terminal
#   make test       install what is missing, build, run every test: "N passed, N failed"
#   make test-reference  the PV test guests and the domU tests on Debian's Xen 4.17 (what ours must match)
#   make bench      benchmarks, side by side with Xen 4.17
#   make iso        GRUB rescue ISO (multiboot2) at build/xen.iso
#   make kernel     optional: a lean pvops kernel from Debian's linux-source
#                   (make run DOM0_KERNEL=build/kernel/vmlinuz boots dom0 with it)
#   make install    install the tools (DESTDIR=dir to stage)

# The components that live in their own directory and follow the common targets
# (all, check, bench, install, clean).  A component appears here once it has a Makefile.
COMPONENTS := $(patsubst %/Makefile,%,$(wildcard xenstore/Makefile dom0-tools/Makefile \
                backends/Makefile frontends/Makefile))

QEMU       ?= qemu-system-x86_64
RUN_SMP    ?= 2
RUN_MEM    ?= 2G
RUN_CPU    ?= max
DOM0_MEM   ?= 512M
DOM0_DIR   := build/dom0
DOM0_KERNEL ?= $(DOM0_DIR)/vmlinuz
XEN_CMDLINE ?= console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all dom0_mem=$(DOM0_MEM)
DOM0_CMDLINE ?= console=hvc0

.PHONY: all deps xen tools dom0 dom0-symbols iso kernel run test test-reference check bench install clean $(COMPONENTS)

all: deps xen tools

deps:
	@tests/lib/ensure-deps.sh

xen:
	$(MAKE) -C xen

tools: $(COMPONENTS)

$(COMPONENTS):
	$(MAKE) -C $@ all

# Downloads Debian's current linux-image-amd64 once (build/debs/), then packs the
# initramfs from busybox, kernel modules and our own dom0 binaries.
dom0: deps tools
	$(MAKE) -C dom0-tools/initramfs OUT=$(abspath $(DOM0_DIR))

# Dom0 kernel symbols (build/dom0/System.map) from the kernel's -dbg package,
# about 1 GiB to download once: for reading dom0 oopses and guest RIPs.
dom0-symbols: dom0
	@ver=$$(cat $(DOM0_DIR)/kernel/.deb | sed -e 's/^linux-image-\([^_]*\)_.*/\1/') && \
	    deb=$$(tests/lib/fetch-deb.sh linux-image-$$ver-dbg) && \
	    rm -rf $(DOM0_DIR)/dbg && mkdir -p $(DOM0_DIR)/dbg && \
	    dpkg-deb --fsys-tarfile "$$deb" | tar -x -C $(DOM0_DIR)/dbg --wildcards '*/System.map-*' && \
	    cp $(DOM0_DIR)/dbg/usr/lib/debug/boot/System.map-$$ver $(DOM0_DIR)/System.map && \
	    rm -rf $(DOM0_DIR)/dbg && echo "$(DOM0_DIR)/System.map: symbols of $$ver"

iso: deps xen
	$(MAKE) -C xen iso

# Optional: a lean pvops kernel built from Debian's linux-source (docs/pvops-kernel.md).
kernel:
	$(MAKE) -C pvops-patches kernel

# The hypervisor and dom0 on this terminal.  QEMU's own escape is moved to Ctrl-]
# so that Ctrl-A reaches the hypervisor (Ctrl-] x quits QEMU, Ctrl-] c toggles its
# monitor, Ctrl-] Ctrl-] sends one Ctrl-], which leaves `xl console`).  With
# RUN_DEMO=1 (the default) dom0 also gets a demo PV guest, /etc/xen/demo.cfg
# (dom0-tools/initramfs/mkdemo.py); without it, or if it cannot be built, dom0
# boots as it is.  QEMU's -initrd takes the modules comma-separated: "kernel args,initrd".
RUN_DEMO ?= 1
RUN_INITRD := build/run/initrd.img

run: deps xen dom0
	@mkdir -p $(dir $(RUN_INITRD))
	@if [ "$(RUN_DEMO)" = 1 ] && python3 dom0-tools/initramfs/mkdemo.py $(RUN_INITRD); then :; \
	    else [ "$(RUN_DEMO)" != 1 ] || echo "make run: booting dom0 without the demo guest"; \
	    cp $(DOM0_DIR)/initrd.img $(RUN_INITRD); fi
	@echo "Booting xen/xen and dom0 under QEMU: $(RUN_SMP) CPUs, $(RUN_MEM); dom0 $(DOM0_MEM)."
	@echo "Dom0's shell comes up on this console.  Ctrl-A three times switches input to the"
	@echo "hypervisor (h lists its debug keys) and back; Ctrl-] x quits QEMU."
	$(QEMU) -machine pc -cpu $(RUN_CPU) -smp $(RUN_SMP) -m $(RUN_MEM) \
	    -display none -serial mon:stdio -echr 0x1d -no-reboot -nic none \
	    -kernel xen/xen -append "$(XEN_CMDLINE)" \
	    -initrd "$(DOM0_KERNEL) $(DOM0_CMDLINE),$(RUN_INITRD)"

test: deps
	@tests/lib/run-suites.sh

check: test

# Every component and tests/<dir> with a bench target; each writes its results
# (ours beside Xen 4.17, as a ratio) under docs/bench/.
bench: deps
	@set -e; for c in $(COMPONENTS) $(patsubst %/Makefile,%,$(wildcard tests/*/Makefile)); do \
	    if $(MAKE) -C $$c -n bench >/dev/null 2>&1; then $(MAKE) -C $$c bench; fi; \
	done

# The PV test guests on Debian's Xen 4.17 (fetched): proves what the tests expect.
test-reference: deps
	@$(MAKE) --no-print-directory -C tests/guests reference
	@$(MAKE) --no-print-directory -C tests/domu reference

install: all
	@set -e; for c in $(COMPONENTS); do $(MAKE) -C $$c install DESTDIR=$(abspath $(DESTDIR)); done

clean:
	$(MAKE) -C xen clean
	@set -e; for c in $(COMPONENTS); do $(MAKE) -C $$c clean; done
	rm -rf build
