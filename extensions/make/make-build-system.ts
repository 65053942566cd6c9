// The `make` build system: a folder with a Makefile builds with a plain `make` (its default goal).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { BuildSystemProvider } from '../../main/api/build-protocol';

/** The names GNU make looks for, in its order. */
const MAKEFILE_NAMES = ['GNUmakefile', 'makefile', 'Makefile'];

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

export const makeBuildSystem: BuildSystemProvider = {
  id: 'make',
  label: 'Make',

  async detect(folder) {
    for (const name of MAKEFILE_NAMES) if (await isFile(path.join(folder, name))) return true;
    return false;
  },

  async plan(folder) {
    return {
      buildSystem: 'make',
      steps: [{ label: 'make', command: 'make', args: [], cwd: folder }],
      // Makefiles drive C compilers and OCaml alike.
      problemMatchers: ['gcc', 'ocaml'],
    };
  },
};
