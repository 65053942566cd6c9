// The starter .mirador/launch.json a user gets from "Create a run configuration", in VS Code's launch.json shape.
import { BUILD_TASK } from '../../../main/api';

export function launchTemplate(target: string): string {
  const configuration = {
    name: `Run on ${target}`,
    type: 'mirador',
    request: 'launch',
    // Build first, as VS Code's preLaunchTask: the run is always of the code in the editor, and a failed build starts nothing.
    preLaunchTask: BUILD_TASK,
    target,
    kernel: target === 'unix' ? 'dist/main' : '_build/hello.elf',
    memory: 128,
    accel: 'auto',
    network: { mode: 'none' },
  };
  return `${JSON.stringify({ version: '0.2.0', configurations: [configuration] }, null, 2)}\n`;
}
