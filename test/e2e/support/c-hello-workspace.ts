// Prepares an end-to-end workspace holding the built C example and one TCG run configuration for it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './mirador-web-process';

export const C_HELLO_EXAMPLE = path.join(REPO_ROOT, 'resources/examples/c-hello');

/** Copies and builds the example, then writes a `.mirador/launch.json` whose only configuration boots it under TCG. */
export function prepareCHelloWorkspace(workspace: string, configurationName: string): void {
  cpSync(C_HELLO_EXAMPLE, workspace, { recursive: true });
  execFileSync('make', ['-C', workspace], { stdio: 'pipe' });
  mkdirSync(path.join(workspace, '.mirador'), { recursive: true });
  writeFileSync(
    path.join(workspace, '.mirador/launch.json'),
    JSON.stringify({
      version: '0.2.0',
      configurations: [{ name: configurationName, type: 'mirador', request: 'launch', target: 'qemu', kernel: '_build/hello.elf', memory: 32, accel: 'tcg', network: { mode: 'none' } }],
    }),
  );
}
