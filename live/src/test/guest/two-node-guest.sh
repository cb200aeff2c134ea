#!/usr/bin/env bash
# Boots a two-NUMA-node QEMU guest (software emulation, no KVM needed) with this machine's root shared
# read-only over virtio-9p, and runs one Java command inside it through a chroot into the host root.
#
#   two-node-guest.sh JAVA_HOME CLASSPATH MAIN_CLASS [ARGS...]
#
# Downloads (apt-get download, never installed) the Debian kernel package and busybox-static into
# $NUMABIAS_GUEST_CACHE (default ~/.cache/numabias-guest), builds an initramfs with busybox cpio, boots
# with -smp 2 and two 1 GiB nodes (cpu 0 on node 0, cpu 1 on node 1). Prints the guest console;
# exits 0 only if the Java command exited 0 inside the guest (a boot that stalls before /init is tried twice). Extra JVM options: $NUMABIAS_GUEST_JAVA_OPTS. Timings inside mean nothing: placement only.
# Facts and pitfalls: docs of the live module (README "Run live") and shared/notes/two-node-guest.md.
set -euo pipefail

if (($# < 3)); then
  echo "usage: $0 JAVA_HOME CLASSPATH MAIN_CLASS [ARGS...]" >&2
  exit 2
fi
java_home=$1 classpath=$2 main=$3
shift 3
for tool in qemu-system-x86_64 apt-get dpkg-deb gzip; do
  command -v "$tool" >/dev/null || { echo "guest: $tool not found" >&2; exit 3; }
done

cache=${NUMABIAS_GUEST_CACHE:-$HOME/.cache/numabias-guest}
mkdir -p "$cache"
cd "$cache"

# 1. Packages, downloaded once.
kernel_pkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-/ {print $2; exit}')
[[ -n $kernel_pkg ]] || { echo "guest: apt-cache knows no linux-image-amd64 (run apt-get update)" >&2; exit 3; }
for pkg in "$kernel_pkg" busybox-static; do
  if ! ls "${pkg}"_*.deb >/dev/null 2>&1; then
    echo "guest: downloading $pkg"
    apt-get download -q "$pkg" >/dev/null
  fi
done
if [[ ! -d kernel-$kernel_pkg ]]; then
  dpkg-deb -x "$(ls "${kernel_pkg}"_*.deb | head -1)" "kernel-$kernel_pkg.tmp" && mv "kernel-$kernel_pkg.tmp" "kernel-$kernel_pkg"
fi
if [[ ! -d busybox ]]; then
  dpkg-deb -x "$(ls busybox-static_*.deb | head -1)" busybox.tmp && mv busybox.tmp busybox
fi
busybox=$cache/busybox/bin/busybox
vmlinuz=$(ls "kernel-$kernel_pkg"/boot/vmlinuz-* | head -1)

# 2. The initramfs: busybox, the virtio/9p modules (modular in this kernel, loaded in dependency order), /init.
run=$(mktemp -d "$cache/run.XXXXXX")
trap 'rm -rf "$run"' EXIT
root=$run/root
mkdir -p "$root"/{bin,modules,proc,sys,dev,host}
cp "$busybox" "$root/bin/busybox"
modules=(virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci 9pnet 9pnet_virtio netfs fscache 9p)
for m in "${modules[@]}"; do
  ko=$(find "kernel-$kernel_pkg/lib/modules" -name "$m.ko*" | head -1)
  if [[ -n $ko ]]; then cp "$ko" "$root/modules/"; fi  # absent = built into this kernel
done
read -r -a java_opts <<< "${NUMABIAS_GUEST_JAVA_OPTS:-}"
quoted=$(printf '%q ' "$java_home/bin/java" -Xint -XX:-UsePerfData -Djava.io.tmpdir=/run --enable-native-access=ALL-UNNAMED \
  ${java_opts[@]+"${java_opts[@]}"} \
  -cp "$classpath" "$main" "$@")
cat > "$root/init" <<INIT
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
ip link set lo up  # the live loop's traffic is loopback UDP
for m in ${modules[*]}; do
  for f in /modules/\$m.ko*; do [ -e "\$f" ] && insmod "\$f"; done
done
i=0
until mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostroot /host; do
  i=\$((i + 1)); [ \$i -gt 50 ] && { echo "GUEST: 9p mount failed"; poweroff -f; }
  sleep 0.2
done
mount -t proc proc /host/proc; mount -t sysfs sys /host/sys; mount -t devtmpfs dev /host/dev; mount -t tmpfs run /host/run
echo "GUEST: nodes \$(ls -d /sys/devices/system/node/node* | wc -l)"
chroot /host /bin/sh -c '$quoted'
echo "GUEST-EXIT \$?"
poweroff -f
INIT
chmod +x "$root/init"
(cd "$root" && find . | "$busybox" cpio -o -H newc 2>/dev/null | gzip -1 > "$run/initramfs.gz")

# 3. Boot. QEMU exits by itself after poweroff -f or a panic (-no-reboot, panic=-1); timeout is the last resort.
# The kernel logs at level 4 (warnings) with timestamps, so a boot that stalls shows where. A boot that
# never reaches /init within the timeout (seen once on a loaded machine: nothing after "Booting from
# ROM") is tried once more; a guest that reached /init is never rerun.
log=$run/console.log
for attempt in 1 2; do
  timeout "${NUMABIAS_GUEST_TIMEOUT:-240}" qemu-system-x86_64 -accel tcg -cpu qemu64 -smp 2 -m 2048 \
    -object memory-backend-ram,size=1G,id=m0 -object memory-backend-ram,size=1G,id=m1 \
    -numa node,nodeid=0,cpus=0,memdev=m0 -numa node,nodeid=1,cpus=1,memdev=m1 \
    -kernel "$vmlinuz" -initrd "$run/initramfs.gz" -append "console=ttyS0 loglevel=4 printk.time=1 panic=-1" \
    -nographic -no-reboot -net none \
    -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
    </dev/null | tee "$log" || true
  if grep -q 'GUEST: nodes' <(tr -d '\r' < "$log"); then
    break
  fi
  echo "guest: attempt $attempt did not reach /init within ${NUMABIAS_GUEST_TIMEOUT:-240} s"
done
grep -q '^GUEST-EXIT 0' <(tr -d '\r' < "$log")
