// MirageOS project requests on real files and real processes: make depends through the build session, run configurations.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../main/api';
import { BuildSession } from '../../../main/backend/build-session';
import { unikernelServices } from '../../../main/backend/unikernel-services';
import { loadRunConfigurations } from '../../../main/services/run-configurations/run-configuration-loader';
import { setRunConfigurationArguments } from '../../../main/services/run-configurations/run-configuration-arguments';
import { TemplateCatalog } from '../../../main/services/templates/template-catalog';
import { APP_ROOT } from '../cli/app-build';

let scratch: string;
let project: string;
beforeEach(async () => {
  scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mirador-mirage-requests-')));
  project = path.join(scratch, 'echo');
  await TemplateCatalog.forApp(APP_ROOT).createProject('mirage-network', project);
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

type Events = { [K in EventName]?: EventPayload<K>[] };

function recordingSession(): { session: BuildSession; events: Events; finished: Promise<EventPayload<'build/finished'>> } {
  const events: Events = {};
  let done!: (event: EventPayload<'build/finished'>) => void;
  const finished = new Promise<EventPayload<'build/finished'>>((resolve) => (done = resolve));
  const session = new BuildSession(<K extends EventName>(event: K, payload: EventPayload<K>) => {
    ((events[event] ??= []) as EventPayload<K>[]).push(payload);
    if (event === 'build/finished') done(payload as EventPayload<'build/finished'>);
  });
  return { session, events, finished };
}

/** A stand-in `mirage` (the real one cannot be installed here): configure writes the Makefile `make depends` needs. */
function fakeMirage(bin: string): void {
  mkdirSync(bin, { recursive: true });
  const script = path.join(bin, 'mirage');
  writeFileSync(script, `#!/bin/sh
[ "$1" = configure ] || exit 2
printf 'depends:\\n\\t@echo fetching the packages of %s\\n' "$3" > Makefile
echo "Now run 'make depends'"
`);
  chmodSync(script, 0o755);
}

describe('make depends through the build session', () => {
  it('runs mirage configure -t TARGET then the real make depends, streaming output and progress', async () => {
    const bin = path.join(scratch, 'bin');
    fakeMirage(bin);
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}:${savedPath}`;
    try {
      const { session, events, finished } = recordingSession();
      const started = await session.start(project, 'hvt', 'depends');
      expect(started.steps).toEqual(['mirage configure -t hvt', 'make depends']);
      const end = await finished;
      expect(end).toMatchObject({ outcome: 'succeeded', target: 'hvt', task: 'depends', message: 'mirage dependencies installed (2 steps)' });
      expect(end.image).toBeUndefined();
      expect(events['build/progress']!.map((progress) => progress.message)).toEqual(['step 1 of 2: mirage configure -t hvt', 'step 2 of 2: make depends']);
      expect(events['build/output']!.map((output) => output.text).join('')).toContain('fetching the packages of hvt');
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it('says how to install mirage when it is missing, and refuses build systems without a dependency step', async () => {
    const { session, finished } = recordingSession();
    await session.start(project, 'unix', 'depends');
    expect((await finished).message).toMatch(/step 1 of 2 \(mirage configure -t unix\) could not start/);
    const plain = path.join(scratch, 'plain');
    mkdirSync(plain);
    writeFileSync(path.join(plain, 'Makefile'), 'all:\n\ttrue\n');
    await expect(recordingSession().session.start(plain, undefined, 'depends')).rejects.toThrow(/make projects have no separate dependency step/i);
  });
});

describe('run configurations written for a MirageOS project', () => {
  it('sets the args of one named entry as written, keeping its other fields and the other entries', async () => {
    await setRunConfigurationArguments(project, 'echo (hvt, tap100)', ['--ipv4=10.0.0.5/24', '--ipv4-gateway=10.0.0.1']);
    const { configurations, problems } = await loadRunConfigurations(project);
    expect(problems).toEqual([]);
    const hvt = configurations.find((configuration) => configuration.name === 'echo (hvt, tap100)');
    expect(hvt).toMatchObject({ target: 'hvt', kernel: 'dist/echo.hvt', memory: 64, args: ['--ipv4=10.0.0.5/24', '--ipv4-gateway=10.0.0.1'] });
    expect(configurations).toHaveLength(4);
    await setRunConfigurationArguments(project, 'echo (hvt, tap100)', []);
    expect((await loadRunConfigurations(project)).configurations.find((configuration) => configuration.name === 'echo (hvt, tap100)')!.args).toBeUndefined();
  });

  it('keeps ${workspaceFolder} as written instead of the expanded path', async () => {
    const file = path.join(project, '.mirador', 'launch.json');
    writeFileSync(file, JSON.stringify({ version: '0.2.0', configurations: [{ name: 'v', type: 'mirador', request: 'launch', target: 'hvt', kernel: '${workspaceFolder}/dist/echo.hvt' }] }));
    await setRunConfigurationArguments(project, 'v', ['--ipv4=10.0.0.9/24']);
    expect(JSON.parse(readFileSync(file, 'utf8')).configurations[0]).toEqual({
      name: 'v', type: 'mirador', request: 'launch', target: 'hvt', kernel: '${workspaceFolder}/dist/echo.hvt', args: ['--ipv4=10.0.0.9/24'],
    });
  });

  it('refuses an unknown name and arguments that are not strings', async () => {
    await expect(setRunConfigurationArguments(project, 'nope', [])).rejects.toThrow(/has no configuration named "nope"/);
    await expect(setRunConfigurationArguments(project, 'echo (unix)', [1 as unknown as string])).rejects.toThrow(/list of strings/);
  });

  it('adds a configuration for a built image and describes the project without mirage, as a best-effort reading', async () => {
    const services = unikernelServices(async () => ({ tools: [{ name: 'mirage', found: false }], capabilities: [] }));
    expect(await services.addConfiguration(project, { name: 'echo (hvt) 2', target: 'hvt', kernel: 'dist/echo.hvt' })).toEqual({ replaced: false });
    expect((await loadRunConfigurations(project)).configurations.map((configuration) => configuration.name)).toContain('echo (hvt) 2');
    const description = await services.describe(project, 'hvt');
    expect(description).toMatchObject({ source: 'config.ml', name: 'echo', main: 'Unikernel.Echo' });
    expect(await services.describe(scratch, 'hvt')).toBeNull();
  });
});
