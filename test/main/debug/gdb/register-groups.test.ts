// Register groups from gdb's register names: the i386 view of QEMU (hidden halves), and a real x86-64 CPU.
import { describe, expect, it } from 'vitest';
import { registerGroupLayout } from '../../../../main/debug/gdb/register-groups';

/** What gdb 13 lists with the i386 view (numbers are the index; "" are unused numbers; al, ax... are pseudo registers). */
const I386_VIEW = [
  ...['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'eip', 'eflags', 'cs', 'ss', 'ds', 'es', 'fs', 'gs'],
  ...['st0', 'st1', 'st2', 'st3', 'st4', 'st5', 'st6', 'st7', 'fctrl', 'fstat', 'ftag', 'fiseg', 'fioff', 'foseg', 'fooff', 'fop'],
  ...Array.from({ length: 41 }, () => ''),
  ...['eax_hi', 'ebx_hi', 'ecx_hi', 'edx_hi', 'esi_hi', 'edi_hi', 'ebp_hi', 'esp_hi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'eip_hi'],
  ...['fs_base', 'gs_base', 'k_gs_base', 'cr0', 'cr2', 'cr3', 'cr4', 'cr8', 'efer'],
  ...Array.from({ length: 16 }, (_, index) => `xmm${index}`),
  'mxcsr', 'al', 'cl', 'ax', '', 'mm0',
];

const X86_64 = [
  ...['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rip', 'eflags'],
  ...['cs', 'ss', 'ds', 'es', 'fs', 'gs', 'fs_base', 'gs_base', 'k_gs_base', 'cr0', 'cr2', 'cr3', 'cr4', 'cr8', 'efer', 'st0', 'mxcsr', 'eax', 'al'],
];

describe('registerGroupLayout', () => {
  it('shows the i386 view as a 32-bit CPU: no r8-r15, no hidden halves, control registers kept', () => {
    const layout = registerGroupLayout(I386_VIEW);
    const names = Object.fromEntries(layout.map((group) => [group.name, group.registers.map((register) => register.name)]));
    expect(names).toEqual({
      general: ['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'ebp', 'esp', 'eip', 'eflags'],
      segment: ['cs', 'ss', 'ds', 'es', 'fs', 'gs', 'fs_base', 'gs_base', 'k_gs_base'],
      control: ['cr0', 'cr2', 'cr3', 'cr4', 'cr8', 'efer'],
      'floating-point and vector': expect.arrayContaining(['st0', 'fctrl', 'fop', 'xmm0', 'xmm15', 'mxcsr']),
    });
    expect(names['floating-point and vector']).not.toContain('mm0');
    const numbers = Object.fromEntries(layout.flatMap((group) => group.registers).map((register) => [register.name, register.number]));
    expect(numbers).toMatchObject({ eax: 0, eip: 8, cs: 10, cr0: I386_VIEW.indexOf('cr0'), efer: I386_VIEW.indexOf('efer') });
  });

  it('shows a 64-bit CPU with rax..r15 and rip, skipping the pseudo eax', () => {
    const general = registerGroupLayout(X86_64).find((group) => group.name === 'general')!;
    expect(general.registers.map((register) => register.name)).toEqual(['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rip', 'eflags']);
  });

  it('leaves out groups the stub does not expose', () => {
    expect(registerGroupLayout(['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'eip', 'eflags', 'cs']).map((group) => group.name)).toEqual(['general', 'segment']);
  });
});
