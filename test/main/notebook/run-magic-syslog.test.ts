// %run of a configuration that records its traffic, on a real Linux guest whose busybox syslogd logs to UDP 514 (as a
// unikernel with logs-syslog does): the syslog messages inline in the cell, and --until matching one of them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellResult, JupyterOutput } from '../../../main/api';
import { MagicCellExecutor } from '../../../main/notebook/magic-cell-executor';
import { OcamlKernel } from '../../../main/services/kernel/ocaml-kernel';
import { buildLinuxGuest, linuxGuestUnavailable, type LinuxGuest } from '../../support/linux-guest/linux-guest-image.mjs';
import { APP_ROOT } from '../cli/app-build';
import { ensureFreshAppBuild } from '../debug/support/fresh-app-build';
import { killLeftoverQemu } from '../debug/support/qemu-processes';

const built = await ensureFreshAppBuild();
const hasOcaml = spawnSync('ocaml', ['-version']).status === 0;
const unavailable = !built.ok ? built.reason : !hasOcaml ? 'no ocaml' : linuxGuestUnavailable();
if (unavailable) console.warn(`SKIPPED test/main/notebook/run-magic-syslog: ${unavailable}`);

const CONFIGURATION = 'Linux guest logging over syslog';

function texts(result: CellResult): string[] {
  return result.outputs.map((output: JupyterOutput) => (output.output_type === 'stream' ? `${output.name}: ${output.text as string}` : output.output_type === 'error' ? `error ${output.ename}: ${output.evalue}` : `display: ${String(Object.values(output.data)[0])}`));
}

describe.skipIf(unavailable !== undefined)('%run with syslog from the guest', () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'mirador-run-magic-syslog-'));
  let guest: LinuxGuest;
  let executor: MagicCellExecutor;
  beforeAll(async () => {
    guest = await buildLinuxGuest(workspace);
    mkdirSync(path.join(workspace, '.mirador'));
    const configuration = { name: CONFIGURATION, type: 'mirador', request: 'launch', target: 'qemu', kernel: guest.kernel, initrd: guest.initrd, append: guest.append({ mode: 'loop', udpPort: 514 }), memory: 256, accel: 'tcg', network: { mode: 'user' }, capture: true };
    writeFileSync(path.join(workspace, '.mirador/launch.json'), JSON.stringify({ version: '0.2.0', configurations: [configuration] }));
    executor = new MagicCellExecutor(new OcamlKernel({ cwd: workspace }), { workspace, appRoot: APP_ROOT });
  }, 120_000);
  afterAll(async () => {
    await executor?.shutdown();
    if (guest) killLeftoverQemu(guest.initrd);
    rmSync(workspace, { recursive: true, force: true });
  });

  it('shows each syslog message inline and stops at the one --until names', async () => {
    const result = await executor.execute(`%run "${CONFIGURATION}" --until "mirador-tick 2" --timeout 90`);
    expect(result.status, texts(result).join('\n')).toBe('ok');
    const stdout = result.outputs.filter((output) => output.output_type === 'stream' && output.name === 'stdout').map((output) => output.text as string).join('');
    expect(stdout).toContain('mirador-guest: traffic done\n');
    expect(stdout).toMatch(/\[syslog 10\.0\.2\.15\] USER\.NOTICE: .* 0: mirador-tick 2\\n\n$/);
    expect(texts(result).at(-1)).toMatch(/^display: ✓ Linux guest logging over syslog: matched \/mirador-tick 2\/ after [\d.]+ s: “\[syslog 10\.0\.2\.15\] USER\.NOTICE: .*mirador-tick 2\\n”; the guest was stopped$/);
  }, 120_000);
});
