#!/bin/busybox sh
# /init of the Mirador test guest: network by DHCP, then ARP, ICMP, DNS, HTTP and a TLS ClientHello towards the host.
/bin/busybox mkdir -p /proc /sys /dev /tmp /usr/bin /usr/sbin /sbin
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
say() { echo "mirador-guest: $*"; }
arg() { sed -n "s/.*mirador\.$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
HTTP_PORT=$(arg http)
TLS_PORT=$(arg tls)
UDP_PORT=$(arg udp)
MODE=$(arg mode)
for module in virtio_ring virtio virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci failover net_failover virtio_net; do
  insmod /lib/modules/$module.ko || say "insmod $module failed"
done
ip link set lo up
ip link set eth0 up
if udhcpc -i eth0 -s /etc/udhcpc.script -q -n -t 5 -T 1 >/dev/null 2>&1; then say "dhcp ok $(ip -4 addr show eth0 | sed -n 's/.*inet \([0-9.]*\).*/\1/p')"; else say "dhcp failed"; fi
ping -c 2 -W 2 10.0.2.2 >/dev/null 2>&1 && say "ping ok" || say "ping failed"
nslookup mirador.test 10.0.2.3 >/dev/null 2>&1; say "dns asked"
if [ -n "$HTTP_PORT" ]; then
  # Tried again: on a loaded test machine the first connection can time out.
  for try in 1 2 3; do
    wget -q -O /tmp/page "http://10.0.2.2:$HTTP_PORT/index.html" && break
    sleep 1
  done
  [ -s /tmp/page ] && say "http ok $(cat /tmp/page)" || say "http failed"
fi
if [ -n "$TLS_PORT" ]; then
  nc -w 2 10.0.2.2 "$TLS_PORT" < /etc/client-hello.bin >/dev/null 2>&1; say "tls hello sent"
fi
say "traffic done"
if [ "$MODE" = "loop" ]; then
  # Until stopped: a numbered UDP datagram to the host each second, for tests that watch frames arrive. busybox nc has no
  # UDP, but its syslogd forwards each logger line to a remote host over UDP.
  [ -n "$UDP_PORT" ] && syslogd -R "10.0.2.2:$UDP_PORT"
  count=0
  while true; do
    count=$((count + 1))
    logger "mirador-tick $count"
    sleep 1
  done
fi
/bin/debug-exit
poweroff -f
