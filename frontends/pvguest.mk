# Build settings for the PV guest library and for the guests linked with it.
# Included by frontends/Makefile and tests/guests/guest.mk.
#
# XEN_PUBLIC_DIR is the one place that says whose Xen public headers the
# guests are built against: they are reached as <xen/...> through the
# symlink $(PVGUEST_BUILD)/include/xen.

PVGUEST_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
TOP_DIR := $(abspath $(PVGUEST_DIR)/..)

XEN_PUBLIC_DIR ?= $(TOP_DIR)/xen/include/public

ifeq ($(origin CC),default)
CC := gcc
endif
LD ?= ld
AR ?= ar

PVGUEST_BUILD ?= $(PVGUEST_DIR)/build
PVGUEST_LIB := $(PVGUEST_BUILD)/libpvguest.a
PVGUEST_HEAD := $(PVGUEST_BUILD)/arch/x86/head.o
PVGUEST_HCPAGE := $(PVGUEST_BUILD)/arch/x86/hypercall_page_note.o
PVGUEST_LDS := $(PVGUEST_DIR)/arch/x86/pvguest.lds

PVGUEST_CPPFLAGS := -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
    -I$(PVGUEST_DIR)/include -I$(PVGUEST_BUILD)/include \
    -D__XEN_INTERFACE_VERSION__=__XEN_LATEST_INTERFACE_VERSION__

PVGUEST_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-builtin -fno-common \
    -fno-pic -fno-pie -mcmodel=kernel -mno-red-zone \
    -mno-mmx -mno-sse -mno-sse2 -mno-avx \
    -fno-stack-protector -fno-asynchronous-unwind-tables -fno-strict-aliasing \
    -fno-omit-frame-pointer -fcf-protection=none \
    -Wall -Wextra -Werror -Wmissing-prototypes -Wshadow -Wstrict-prototypes \
    -Wno-unused-parameter -MMD -MP

PVGUEST_AFLAGS := -D__ASSEMBLY__ -fno-pic -fno-pie -MMD -MP

PVGUEST_LDFLAGS := -nostdlib -static -z max-page-size=4096 -z noexecstack \
    --build-id=none --no-warn-rwx-segments -T $(PVGUEST_LDS)
