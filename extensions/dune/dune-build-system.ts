// The `dune` build system: a folder with a dune-project file builds with `dune build`.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { BuildSystemProvider } from '../../main/api/build-protocol';

export const duneBuildSystem: BuildSystemProvider = {
  id: 'dune',
  label: 'Dune',

  async detect(folder) {
    try {
      return (await stat(path.join(folder, 'dune-project'))).isFile();
    } catch {
      return false;
    }
  },

  async plan(folder) {
    return {
      buildSystem: 'dune',
      steps: [{ label: 'dune build', command: 'dune', args: ['build'], cwd: folder }],
      // dune compiles C stubs with the C compiler too.
      problemMatchers: ['ocaml', 'gcc'],
    };
  },
};
