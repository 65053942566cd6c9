// Finds the image a successful build produced: the build system's answer, its expected path, or a run configuration's kernel.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { BuildPlan, BuildSystemProvider } from '../api/build-protocol';
import { loadRunConfigurations } from '../services/run-configurations/run-configuration-loader';

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Absolute path of the built image, or null when nothing says where it is. */
export async function findBuiltImage(provider: BuildSystemProvider, plan: BuildPlan, folder: string, target: string | undefined): Promise<string | null> {
  const found = await provider.findImage?.(folder, target);
  if (found) return found;
  if (plan.expectedImage !== undefined && (await isFile(plan.expectedImage))) return plan.expectedImage;
  // Plain Makefiles do not say what they build; a run configuration for this target names the image it boots.
  const { configurations } = await loadRunConfigurations(folder);
  for (const configuration of configurations) {
    if (configuration.kernel === undefined || (target !== undefined && configuration.target !== target)) continue;
    const kernel = path.resolve(folder, configuration.cwd ?? '', configuration.kernel);
    if (await isFile(kernel)) return kernel;
  }
  return null;
}
