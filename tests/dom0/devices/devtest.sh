#!/bin/sh
# devtest.sh: dom0's side of tests/dom0/devices (devtest.py), installed in dom0 as
# /usr/libexec/devtest.sh so that the commands typed over the serial line stay short.
#
#   devtest.sh read DEV           direct reads from /dev/DEV (the disk interrupts)
#   devtest.sh virtio DRIVER      the virtioN device DRIVER is bound to
#   devtest.sh netdev DRIVER      the interface DRIVER created
#   devtest.sh bridge IF          br0 over IF with 10.0.2.15/24; waits for IF's link
#   devtest.sh rtc-alarm SECONDS  arm rtc0's alarm
#   devtest.sh write TOKEN        ext2 on vda with file "token", TOKEN at sda block 777
#   devtest.sh show               what devtest.sh write left: vda's file, sda's block
set -e

bound_to() {        # bound_to DIR-GLOB LINK DRIVER: the entries whose LINK is DRIVER
    for e in $1; do
        d=$(readlink "$e/$2" || true)
        [ "${d##*/}" = "$3" ] && echo "${e##*/}"
    done
    return 0
}

case "$1" in
read)
    dd if=/dev/$2 of=/dev/null bs=64k count=256 iflag=direct 2>/dev/null
    dd if=/dev/$2 of=/dev/null bs=4k count=64 skip=1000 iflag=direct 2>/dev/null
    ;;
virtio)
    bound_to '/sys/bus/virtio/devices/*' driver "$2"
    ;;
netdev)
    bound_to '/sys/class/net/*' device/driver "$2"
    ;;
bridge)
    ip link add br0 type bridge
    ip link set "$2" master br0
    ip link set "$2" up
    ip link set br0 up
    ip addr add 10.0.2.15/24 dev br0
    for i in 1 2 3 4 5 6 7 8 9 10; do
        [ "$(cat /sys/class/net/$2/operstate)" = up ] && break
        sleep 1
    done
    cat /sys/class/net/$2/operstate
    ;;
rtc-alarm)
    echo 0 > /sys/class/rtc/rtc0/wakealarm
    echo +$2 > /sys/class/rtc/rtc0/wakealarm
    ;;
write)
    mke2fs -q /dev/vda
    modprobe ext4
    mkdir -p /mnt/v
    mount -t ext2 /dev/vda /mnt/v
    echo "$2" > /mnt/v/token
    umount /mnt/v
    echo "sda-$2" | dd of=/dev/sda bs=512 seek=777 conv=sync,fsync 2>/dev/null
    sync
    ;;
show)
    modprobe ext4
    mkdir -p /mnt/v
    mount -t ext2 -o ro /dev/vda /mnt/v
    echo "vda: $(cat /mnt/v/token)"
    umount /mnt/v
    echo "sda: $(dd if=/dev/sda bs=512 skip=777 count=1 2>/dev/null | head -n 1)"
    ;;
*)
    echo "usage: devtest.sh read|virtio|netdev|bridge|rtc-alarm|write|show ARG" >&2
    exit 2
    ;;
esac
