// A gdb target description that shows a 32-bit guest as i386 while qemu-system-x86_64's stub sends 64-bit registers.

/**
 * Why: qemu-system-x86_64 always describes its CPU as i386:x86-64 and sends 64-bit registers, even while a multiboot
 * kernel runs 32-bit code. With `set architecture i386:x86-64` (FACTS.md) gdb connects, but it then disassembles the
 * code as 64-bit, reads 32-bit stack frames as 64-bit (garbage arguments and backtraces) and `next` steps into calls.
 *
 * This description names the same bytes the stub sends, in its order, the i386 way: each 64-bit general register is
 * `eax` (its low half, little-endian first) plus a hidden `eax_hi`, and so on; r8-r15 and the rest keep their sizes.
 * gdb then runs its i386 architecture (right disassembly, frames, arguments, `next`) over QEMU's register packet.
 * The register numbers here are not QEMU's, so single-register packets (p/P) must be off: gdb reads and writes the
 * whole file with g/G, whose layout is the same byte for byte.
 */

interface RegisterSpec {
  name: string;
  bitsize: number;
  type: string;
  group?: string;
}

/** QEMU's order (target/i386/gdbstub.c, gdb-xml/i386-64bit.xml): rax rbx rcx rdx rsi rdi rbp rsp r8-r15 rip eflags... */
function registers(): RegisterSpec[] {
  const list: RegisterSpec[] = [];
  const general: [string, string][] = [['eax', 'int32'], ['ebx', 'int32'], ['ecx', 'int32'], ['edx', 'int32'], ['esi', 'int32'], ['edi', 'int32'], ['ebp', 'data_ptr'], ['esp', 'data_ptr']];
  for (const [name, type] of general) list.push({ name, bitsize: 32, type }, { name: `${name}${HIGH_HALF_SUFFIX}`, bitsize: 32, type: 'uint32', group: 'system' });
  for (let index = 8; index < 16; index++) list.push({ name: `r${index}`, bitsize: 64, type: 'int64', group: 'system' });
  list.push({ name: 'eip', bitsize: 32, type: 'code_ptr' }, { name: `eip${HIGH_HALF_SUFFIX}`, bitsize: 32, type: 'uint32', group: 'system' });
  list.push({ name: 'eflags', bitsize: 32, type: 'i386_eflags' });
  for (const name of ['cs', 'ss', 'ds', 'es', 'fs', 'gs']) list.push({ name, bitsize: 32, type: 'int32' });
  for (const name of ['fs_base', 'gs_base', 'k_gs_base']) list.push({ name, bitsize: 64, type: 'uint64', group: 'system' });
  list.push(
    { name: 'cr0', bitsize: 64, type: 'x86_cr0', group: 'system' },
    { name: 'cr2', bitsize: 64, type: 'uint64', group: 'system' },
    { name: 'cr3', bitsize: 64, type: 'uint64', group: 'system' },
    { name: 'cr4', bitsize: 64, type: 'x86_cr4', group: 'system' },
    { name: 'cr8', bitsize: 64, type: 'uint64', group: 'system' },
    { name: 'efer', bitsize: 64, type: 'x86_efer', group: 'system' },
  );
  for (let index = 0; index < 8; index++) list.push({ name: `st${index}`, bitsize: 80, type: 'i387_ext' });
  for (const name of ['fctrl', 'fstat', 'ftag', 'fiseg', 'fioff', 'foseg', 'fooff', 'fop']) list.push({ name, bitsize: 32, type: 'int', group: 'float' });
  for (let index = 0; index < 16; index++) list.push({ name: `xmm${index}`, bitsize: 128, type: 'uint128', group: 'vector' });
  list.push({ name: 'mxcsr', bitsize: 32, type: 'int', group: 'vector' });
  return list;
}

/** The suffix of the hidden upper halves; the registers view leaves them out. */
export const HIGH_HALF_SUFFIX = '_hi';

/** The size, in bytes, of QEMU 7.2's x86-64 register packet, which this description must match exactly. */
export const X86_64_REGISTER_PACKET_BYTES = 608;

function flags(id: string, size: number, fields: [string, number][]): string {
  const lines = fields.map(([name, bit]) => `      <field name="${name}" start="${bit}" end="${bit}"/>`);
  return `    <flags id="${id}" size="${size}">\n${lines.join('\n')}\n    </flags>`;
}

export function i386OverX8664TargetDescription(): string {
  const types = [
    flags('i386_eflags', 4, [['CF', 0], ['PF', 2], ['AF', 4], ['ZF', 6], ['SF', 7], ['TF', 8], ['IF', 9], ['DF', 10], ['OF', 11], ['NT', 14], ['RF', 16], ['VM', 17], ['AC', 18], ['VIF', 19], ['VIP', 20], ['ID', 21]]),
    flags('x86_cr0', 8, [['PE', 0], ['MP', 1], ['EM', 2], ['TS', 3], ['ET', 4], ['NE', 5], ['WP', 16], ['AM', 18], ['NW', 29], ['CD', 30], ['PG', 31]]),
    flags('x86_cr4', 8, [['VME', 0], ['PVI', 1], ['TSD', 2], ['DE', 3], ['PSE', 4], ['PAE', 5], ['MCE', 6], ['PGE', 7], ['PCE', 8], ['OSFXSR', 9], ['OSXMMEXCPT', 10], ['UMIP', 11], ['LA57', 12], ['VMXE', 13], ['SMXE', 14], ['FSGSBASE', 16], ['PCIDE', 17], ['OSXSAVE', 18], ['SMEP', 20], ['SMAP', 21], ['PKE', 22]]),
    flags('x86_efer', 8, [['SCE', 0], ['LME', 8], ['LMA', 10], ['NXE', 11], ['SVME', 12], ['LMSLE', 13], ['FFXSR', 14], ['TCE', 15]]),
  ];
  const regs = registers().map(
    (reg, regnum) => `    <reg name="${reg.name}" bitsize="${reg.bitsize}" type="${reg.type}" regnum="${regnum}"${reg.group ? ` group="${reg.group}"` : ''}/>`,
  );
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE target SYSTEM "gdb-target.dtd">',
    '<!-- Written by Mirador: an i386 view of qemu-system-x86_64 registers, for 32-bit guests. -->',
    '<target>',
    '  <architecture>i386</architecture>',
    // One feature, as QEMU's own: gdb's i386 checks find eax..gs, st0..fop there; the rest become extra registers.
    '  <feature name="org.gnu.gdb.i386.core">',
    ...types,
    ...regs,
    '  </feature>',
    '</target>',
    '',
  ].join('\n');
}

/** Bytes of register data the description accounts for (tests check it equals X86_64_REGISTER_PACKET_BYTES). */
export function describedRegisterBytes(): number {
  return registers().reduce((sum, reg) => sum + reg.bitsize / 8, 0);
}
