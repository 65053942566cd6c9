// Decides, from a launch plan and the image, what gdb is told before it connects and how breakpoints must be placed.
import path from 'node:path';
import type { LaunchPlan } from '../../api/launch-protocol';
import { i386OverX8664TargetDescription } from './i386-over-x86-64-tdesc';
import type { MiCommand } from './mi-command-line';

export interface ImageFacts {
  /** Absolute path of the image gdb loads symbols from. */
  path: string;
  /** From the ELF header; null when the file is not ELF (gdb will say what it makes of it). */
  elfClass: 32 | 64 | null;
  /** The ELF entry address; null when unknown. */
  entry: bigint | null;
}

export interface BreakpointPolicy {
  /** Hardware breakpoints (`-break-insert -h`): under KVM, and on stubs that offer nothing else. */
  hardware: boolean;
  /** How many the stub can hold at once (x86 has 4 debug address registers). */
  limit?: number;
  /** Said to the user when a breakpoint is refused for the limit. */
  limitReason?: string;
}

export interface GdbConnectionPlan {
  /** In order, before `-target-select remote`. */
  setup: MiCommand[];
  /** A file to write before the setup runs (the target description it names). */
  files: { path: string; content: string }[];
  host: string;
  port: number;
  breakpoints: BreakpointPolicy;
  /** Boot-phase breakpoints cost stub resources; stubs with a handful of hardware slots keep them for the user. */
  bootPhaseBreakpoints: boolean;
  /** Lines for the debug console: what this stub cannot do, which view of the CPU gdb has. */
  notices: string[];
  /** How the first stop (stopOnEntry "reset") is named: the CPU's reset vector, or the loader's first instruction. */
  resetStopText: string;
}

const set = (...words: string[]): MiCommand => ({ operation: '-gdb-set', parameters: words, separator: 'never', raw: true });

/** The same Solo5 limits the hvt provider's note states, here because they decide how breakpoints are placed. */
const SOLO5_HVT_LIMIT = 'solo5-hvt-debug offers 4 hardware breakpoints (and no threads)';
const SPT_LIMIT = 'solo5-spt maps the unikernel after it starts, so breakpoints in it must be hardware ones, and x86 has 4';
const KVM_LIMIT = 'under KVM Mirador uses hardware breakpoints (software ones can vanish in early boot), and x86 has 4';

export function planGdbConnection(plan: LaunchPlan, image: ImageFacts, runDir: string): GdbConnectionPlan {
  if (!plan.gdb) throw new Error(`the ${plan.target} launch has no gdb endpoint`);
  const setup: MiCommand[] = [
    // Commands keep being accepted while the guest runs (pause, breakpoints, console).
    set('mi-async', 'on'),
    set('pagination', 'off'),
    set('confirm', 'off'),
    set('width', '0'),
    set('height', '0'),
    // gdb retries a refused connection (the VMM may not listen yet) for this long.
    set('tcp', 'connect-timeout', '10'),
    // Breakpoints stay in the stub between stops instead of being removed at every stop and put back at every resume:
    // two fewer stub round trips per step (gdb still lifts the one under the PC to step off it).
    set('breakpoint', 'always-inserted', 'on'),
  ];
  const loader = plan.gdb.loader;
  if (loader) {
    // gdb debugs the loader process (its own symbols, read from here rather than fetched through the stub), and knows
    // the image's symbols at the addresses the loader maps it to: its link addresses.
    setup.push(
      set('sysroot', '/'),
      { operation: '-file-exec-and-symbols', parameters: [loader] },
      { operation: '-interpreter-exec', parameters: ['console', `add-symbol-file ${quoteForGdbCli(image.path)}`], separator: 'never' },
    );
  } else {
    setup.push({ operation: '-file-exec-and-symbols', parameters: [image.path] });
  }
  const files: GdbConnectionPlan['files'] = [];
  const notices: string[] = [];
  const qemuX8664 = path.basename(plan.command) === 'qemu-system-x86_64';
  if (qemuX8664 && image.elfClass === 32 && plan.gdb.architecture === 'i386:x86-64') {
    const description = path.join(runDir, 'i386-over-x86-64.xml');
    files.push({ path: description, content: i386OverX8664TargetDescription() });
    setup.push(set('tdesc', 'filename', description), set('remote', 'set-register-packet', 'off'), set('remote', 'fetch-register-packet', 'off'));
    notices.push('32-bit image on qemu-system-x86_64: gdb sees the CPU as i386 (32-bit frames, arguments and disassembly); cr0, cr3, cr4 and efer are in the Registers scope.');
  } else if (plan.gdb.architecture) {
    // Before connecting: gdb sizes the register packet by the architecture (FACTS.md).
    setup.push(set('architecture', plan.gdb.architecture));
  }
  let breakpoints: BreakpointPolicy = { hardware: false };
  if (loader) {
    breakpoints = { hardware: true, limit: 4, limitReason: SPT_LIMIT };
    notices.push(`spt: ${SPT_LIMIT}. The first stop ("reset") is ${path.basename(loader)}'s first instruction, before the unikernel is loaded.`);
  } else if (plan.target === 'hvt') {
    breakpoints = { hardware: true, limit: 4, limitReason: SOLO5_HVT_LIMIT };
    notices.push(`Solo5 hvt: ${SOLO5_HVT_LIMIT}; pause stops the whole unikernel.`);
  } else if (plan.accelerator?.kind === 'kvm') {
    breakpoints = { hardware: true, limit: 4, limitReason: KVM_LIMIT };
    notices.push(`KVM: ${KVM_LIMIT}.`);
  }
  const resetStopText = loader ? `${path.basename(loader)} started (the unikernel is not loaded yet)` : 'reset vector';
  return { setup, files, host: plan.gdb.host, port: plan.gdb.port, breakpoints, bootPhaseBreakpoints: breakpoints.limit === undefined, notices, resetStopText };
}

/** gdb's CLI splits arguments at blanks and reads quotes and backslashes: a path is quoted whole. */
function quoteForGdbCli(text: string): string {
  return `"${text.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}
