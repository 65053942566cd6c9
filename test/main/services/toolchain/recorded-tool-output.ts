// Version output of the real tools: recorded verbatim on this machine (Debian 12) where the tool exists, else rebuilt from its sources.
import type { RecordedOutput } from './fake-tool-dir';

export const RECORDED: Record<string, RecordedOutput> = {
  /** `ocaml -vnum`, Debian ocaml-interp 4.13.1 (this machine). */
  ocaml: { stdout: '4.13.1\n' },
  /** `opam --version` prints the bare version (not installed here; Debian's candidate is 2.1.2). */
  opam: { stdout: '2.1.2\n' },
  /** `mirage --version` (not installed here): cmdliner prints the substituted version string, a git tag like this. */
  mirage: { stdout: 'v4.8.1\n' },
  /** `dune --version` prints the bare version (not installed here). */
  dune: { stdout: '3.16.1\n' },
  /** `solo5-hvt --version`: version() in Solo5's tenders prints `%s tender, version %s` and `ABI version %u` on stderr, exit 0. */
  'solo5-hvt': { stderr: 'solo5-hvt tender, version v0.9.3\nABI version 2\n' },
  'solo5-hvt-debug': { stderr: 'solo5-hvt-debug tender, version v0.9.3\nABI version 2\n' },
  'solo5-spt': { stderr: 'solo5-spt tender, version v0.9.3\nABI version 2\n' },
  /** `solo5-elftool --version`: not a command, so elftool.c's usage() runs (stderr, exit 1) and names the version. */
  'solo5-elftool': {
    code: 1,
    stderr:
      'usage: solo5-elftool COMMAND ...\nsolo5-elftool version v0.9.3\n\nCOMMAND is:\n    gen-manifest SOURCE OUTPUT:\n' +
      '        Generate application manifest from SOURCE, writing to OUTPUT.\n    query-abi BINARY:\n' +
      '        Display the ABI target and version from BINARY.\n    query-manifest BINARY:\n        Display the application manifest from BINARY.\n',
  },
  /** `qemu-system-x86_64 --version`, Debian qemu-system-x86 (this machine). */
  'qemu-system-x86_64': { stdout: 'QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)\nCopyright (c) 2003-2022 Fabrice Bellard and the QEMU Project developers\n' },
  'qemu-system-aarch64': { stdout: 'QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)\nCopyright (c) 2003-2022 Fabrice Bellard and the QEMU Project developers\n' },
  /** `gdb --version`, Debian gdb 13.1 (this machine), first lines. */
  gdb: { stdout: 'GNU gdb (Debian 13.1-3) 13.1\nCopyright (C) 2023 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>\n' },
  // Debian's gdbserver 13.1-3, recorded here.
  gdbserver: { stdout: 'GNU gdbserver (Debian 13.1-3) 13.1\nCopyright (C) 2023 Free Software Foundation, Inc.\ngdbserver is free software, covered by the GNU General Public License.\nThis gdbserver was configured as "x86_64-linux-gnu"\n' },
  /** `xl info` in a dom0: the lines xl_info.c prints, abridged. */
  xl: {
    stdout:
      'host                   : dom0\nrelease                : 6.1.0-18-amd64\nmachine                : x86_64\nnr_cpus                : 4\n' +
      'xen_major              : 4\nxen_minor              : 17\nxen_extra              : .3\nxen_version            : 4.17.3\n' +
      'xen_caps               : xen-3.0-x86_64 hvm-3.0-x86_32 hvm-3.0-x86_32p hvm-3.0-x86_64\n',
  },
  /** `tcpdump --version`, Debian tcpdump 4.99.3 (this machine). */
  tcpdump: { stdout: 'tcpdump version 4.99.3\nlibpcap version 1.10.3 (with TPACKET_V3)\nOpenSSL 3.0.19 27 Jan 2026\n' },
  /** `tshark --version` as root, Debian tshark 4.0.17 (this machine), first lines. */
  tshark: {
    stdout: 'TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3).\n\nCopyright 1998-2024 Gerald Combs <gerald@wireshark.org> and contributors.\n',
    stderr: 'Running as user "root" and group "root". This could be dangerous.\n',
  },
};

/** `xl info` through Debian's /usr/sbin/xl wrapper (xen-utils-common 4.17) on a machine without Xen, exit 1 (this machine). */
export const XL_WITHOUT_XEN: RecordedOutput = { code: 1, stderr: "ERROR:  Can't find hypervisor information in sysfs!\n" };

/** `solo5-hvt --version` of a Solo5 whose tender predates --version: hvt_main.c warns and prints its usage, exit 1. */
export const OLD_SOLO5_HVT: RecordedOutput = {
  code: 1,
  stderr: "solo5-hvt: Invalid option: `--version'\nusage: solo5-hvt [ CORE OPTIONS ] [ MODULE OPTIONS ] [ -- ] KERNEL [ ARGS ]\nKERNEL is the filename of the unikernel to run.\n",
};
