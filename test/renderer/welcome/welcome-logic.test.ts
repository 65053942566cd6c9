// Unit tests of the welcome page's decisions: which fixes may be typed into a terminal, grouping, names, the summary.
import { describe, expect, it } from 'vitest';
import type { DoctorReport, ToolStatus } from '../../../main/api';
import { isRunnableFix } from '../../../renderer/src/welcome/runnable-fix';
import { groupByFix, toolchainSummary } from '../../../renderer/src/welcome/toolchain-findings';
import { joinFolder, projectNameHint } from '../../../renderer/src/welcome/new-project-form';

describe('isRunnableFix', () => {
  it.each([
    'sudo apt-get install qemu-system-x86',
    'opam install mirage',
    'opam install solo5',
    'sudo apt-get install opam && opam init',
    'sudo modprobe tun',
    'sudo chmod 0666 /dev/net/tun',
    'sudo ip tuntap add tap100 mode tap user $USER && sudo ip addr add 10.0.0.1/24 dev tap100 && sudo ip link set dev tap100 up',
  ])('offers %j', (fix) => expect(isRunnableFix(fix)).toBe(true));

  it.each([
    'boot the machine into a Xen dom0; Xen targets need a Xen host',
    'run Mirador in dom0; only dom0 can create Xen domains',
    'install Solo5 with opam',
    'opam install x\nrm -rf ~',
  ])('does not offer advice written in words or several lines: %j', (fix) => expect(isRunnableFix(fix)).toBe(false));
});

const tool = (name: ToolStatus['name'], found: boolean, extra: Partial<ToolStatus> = {}): ToolStatus => ({ name, found, ...extra });

describe('toolchain findings', () => {
  it('puts missing tools that one command installs in one row, keeping tools with a problem apart', () => {
    const groups = groupByFix([
      tool('mirage', false, { fix: 'opam install mirage' }),
      tool('solo5-hvt', false, { fix: 'opam install solo5' }),
      tool('solo5-spt', false, { fix: 'opam install solo5' }),
      tool('solo5-elftool', true, { problem: 'too old', fix: 'opam install solo5' }),
      tool('qemu-system-x86_64', false, { fix: 'sudo apt-get install qemu-system-x86' }),
    ]);
    expect(groups.map((group) => group.map((member) => member.name))).toEqual([['mirage'], ['solo5-hvt', 'solo5-spt'], ['solo5-elftool'], ['qemu-system-x86_64']]);
  });

  it('summarises ready tools and host capabilities in one line', () => {
    const report: DoctorReport = {
      tools: [tool('ocaml', true, { version: '4.13.1' }), tool('mirage', false), tool('gdb', true, { problem: 'broken' })],
      capabilities: [
        { name: 'kvm', available: true, detail: '' },
        { name: 'tap', available: false, detail: '' },
        { name: 'xen-dom0', available: false, detail: '' },
      ],
    };
    expect(toolchainSummary(report)).toBe('1 of 3 tools ready · KVM available · Tap networking not available · Xen dom0 not available');
  });
});

describe('the New Project form', () => {
  it('hints at names the backend would refuse', () => {
    expect(projectNameHint('my-unikernel')).toBeNull();
    expect(projectNameHint('')).toMatch(/name/);
    expect(projectNameHint('a/b')).toMatch(/not a path/);
    expect(projectNameHint('-x')).toMatch(/Letters/);
  });

  it('previews the folder it creates', () => {
    expect(joinFolder('/home/me/', 'hello')).toBe('/home/me/hello');
    expect(joinFolder('/', 'hello')).toBe('/hello');
  });
});
