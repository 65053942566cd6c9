// Resolves the files a QEMU launch names (kernel, initrd, disks) against the workspace, failing early when one is missing.
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { LaunchArguments } from '../../main/api/launch-protocol';
import type { TargetHost } from '../../main/api/target-provider-api';

/** `example` shows the user what a kernel path looks like for this target, e.g. `dist/hello.virtio`. */
export function kernelPath(launch: LaunchArguments, host: TargetHost, example: string): string {
  if (!launch.kernel) throw new Error(`"kernel" is not set: point it at the image to boot, e.g. "${example}".`);
  return path.resolve(host.workspaceFolder, launch.kernel);
}

export async function existingFile(field: string, value: string, host: TargetHost): Promise<string> {
  const file = path.resolve(host.workspaceFolder, value);
  try {
    await access(file);
  } catch {
    throw new Error(`"${field}" names ${file}, which does not exist: build it first or correct the path.`);
  }
  return file;
}
