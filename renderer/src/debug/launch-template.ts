// The starter .mirador/launch.json a user gets from "Create a run configuration", in VS Code's launch.json shape.

export function launchTemplate(target: string): string {
  const configuration = {
    name: `Run on ${target}`,
    type: 'mirador',
    request: 'launch',
    target,
    kernel: target === 'unix' ? 'dist/main' : '_build/hello.elf',
    memory: 128,
    accel: 'auto',
    network: { mode: 'none' },
  };
  return `${JSON.stringify({ version: '0.2.0', configurations: [configuration] }, null, 2)}\n`;
}
