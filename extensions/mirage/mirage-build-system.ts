// The MirageOS 4 build: `mirage configure -t T`, `make depends`, `dune build`, and the image MirageOS leaves in dist/.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { BuildPlan, BuildSystemProvider } from '../../main/api/build-protocol';
import { readRegisteredName } from './mirage-image-name';
import { IMAGE_SUFFIX, mirageTarget } from './mirage-targets';

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Files in dist/ that look like an image for `suffix`; for unix (no suffix), executables without a dot in their name. */
async function distCandidates(dist: string, suffix: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dist);
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const name of names.sort()) {
    const file = path.join(dist, name);
    const matches = suffix === '' ? !name.includes('.') : name.endsWith(suffix) && name.length > suffix.length;
    if (!matches) continue;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    if (suffix === '' && (info.mode & 0o111) === 0) continue;
    found.push(file);
  }
  return found;
}

export const mirageBuildSystem: BuildSystemProvider = {
  id: 'mirage',
  label: 'MirageOS',

  detect: (folder) => isFile(path.join(folder, 'config.ml')),

  async plan(folder, options): Promise<BuildPlan> {
    const target = mirageTarget(options.target);
    const name = await readRegisteredName(folder);
    // Configure every time: it is quick, and a project configured for another target would otherwise build that one.
    const plan: BuildPlan = {
      buildSystem: 'mirage',
      steps: [
        { label: `mirage configure -t ${target}`, command: 'mirage', args: ['configure', '-t', target], cwd: folder },
        { label: 'make depends', command: 'make', args: ['depends'], cwd: folder },
        { label: 'dune build', command: 'dune', args: ['build'], cwd: folder },
      ],
      problemMatchers: ['ocaml', 'gcc'],
    };
    if (name !== undefined) plan.expectedImage = path.join(folder, 'dist', `${name}${IMAGE_SUFFIX[target]}`);
    return plan;
  },

  async dependencies(folder, options): Promise<BuildPlan> {
    const target = mirageTarget(options.target);
    // `make depends` needs the Makefile that configuring writes, for this target's packages.
    return {
      buildSystem: 'mirage',
      purpose: 'dependencies',
      steps: [
        { label: `mirage configure -t ${target}`, command: 'mirage', args: ['configure', '-t', target], cwd: folder },
        { label: 'make depends', command: 'make', args: ['depends'], cwd: folder },
      ],
      problemMatchers: ['ocaml', 'gcc'],
    };
  },

  async findImage(folder, target) {
    const suffix = IMAGE_SUFFIX[target ?? 'unix'];
    if (suffix === undefined) return null;
    const dist = path.join(folder, 'dist');
    const name = await readRegisteredName(folder);
    if (name !== undefined && (await isFile(path.join(dist, `${name}${suffix}`)))) return path.join(dist, `${name}${suffix}`);
    // config.ml could not be read well enough: accept dist/'s one image of that kind, never guess between several.
    const candidates = await distCandidates(dist, suffix);
    return candidates.length === 1 ? candidates[0]! : null;
  },
};
