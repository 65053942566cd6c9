// Sorts the stub's x86 registers into the groups a registers view shows: general, segment, control, and the rest.
import { HIGH_HALF_SUFFIX } from './i386-over-x86-64-tdesc';

export type RegisterGroupName = 'general' | 'segment' | 'control' | 'floating-point and vector';

export interface RegisterGroupLayout {
  name: RegisterGroupName;
  /** gdb's register numbers, in the order shown. */
  registers: { number: number; name: string }[];
}

const GENERAL_32 = ['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'ebp', 'esp', 'eip', 'eflags'];
const GENERAL_64 = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rip', 'eflags'];
const SEGMENT = ['cs', 'ss', 'ds', 'es', 'fs', 'gs', 'fs_base', 'gs_base', 'k_gs_base'];
/** What the stub exposes of them: QEMU gives all six; other stubs may give none. */
const CONTROL = ['cr0', 'cr2', 'cr3', 'cr4', 'cr8', 'efer'];
const OTHER = /^(st[0-7]|fctrl|fstat|ftag|fiseg|fioff|foseg|fooff|fop|xmm\d+|ymm\d+|mxcsr)$/;

/** Registers whose natural format is a flag list (`[ PE ET ]`), shown after the hexadecimal value. */
export const FLAG_REGISTERS = new Set(['eflags', 'cr0', 'cr4', 'efer']);

/** `names` is `-data-list-register-names` (its index is the register number; pseudo registers like `al` are left out). */
export function registerGroupLayout(names: string[]): RegisterGroupLayout[] {
  const numberOf = new Map<string, number>();
  names.forEach((name, number) => {
    if (name !== '' && !name.endsWith(HIGH_HALF_SUFFIX) && !numberOf.has(name)) numberOf.set(name, number);
  });
  // A 32-bit view (eip) hides r8-r15: a 32-bit CPU has none, and in this view they are only the packet's padding.
  const general = numberOf.has('rip') ? GENERAL_64 : GENERAL_32;
  const pick = (wanted: string[]) => wanted.flatMap((name) => (numberOf.has(name) ? [{ number: numberOf.get(name)!, name }] : []));
  const groups: RegisterGroupLayout[] = [
    { name: 'general', registers: pick(general) },
    { name: 'segment', registers: pick(SEGMENT) },
    { name: 'control', registers: pick(CONTROL) },
    { name: 'floating-point and vector', registers: [...numberOf].filter(([name]) => OTHER.test(name)).map(([name, number]) => ({ number, name })) },
  ];
  return groups.filter((group) => group.registers.length > 0);
}
