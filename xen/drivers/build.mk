obj-y += drivers/acpi/aml.o
obj-y += drivers/acpi/tables.o
obj-y += drivers/char/console.o
obj-y += drivers/char/ns16550.o
obj-y += drivers/char/vga.o
