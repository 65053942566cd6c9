// TargetRegistry: the built-in extensions' targets, availability from the doctor, and plan() checking before planning.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchPlan } from '../../../../main/api/launch-protocol';
import type { TargetProvider } from '../../../../main/api/target-provider-api';
import { MiradorError } from '../../../../main/services/mirador-error';
import { BUILTIN_TARGET_EXTENSIONS } from '../../../../main/debug/targets/builtin-target-extensions';
import { TargetRegistry } from '../../../../main/debug/targets/target-registry';
import { testHost } from '../../../extensions/target-test-host';
import { buildKernel, multibootHeader, serialThenExit } from '../../../extensions/qemu/test-kernels';

function fakeProvider(id: string, overrides: Partial<TargetProvider> = {}): TargetProvider {
  return {
    id,
    label: id.toUpperCase(),
    description: `the ${id} target`,
    availability: () => ({ available: true }),
    validateImage: async () => null,
    plan: async () => ({ target: id }) as LaunchPlan,
    ...overrides,
  };
}

describe('TargetRegistry.builtin()', () => {
  const registry = TargetRegistry.builtin();

  it('holds the six targets of the four built-in extensions, without problems', () => {
    expect(registry.ids()).toEqual(['qemu', 'virtio', 'hvt', 'spt', 'xen', 'unix']);
    expect(registry.problems).toEqual([]);
    expect(BUILTIN_TARGET_EXTENSIONS.map((extension) => [extension.name, extension.declaredTargets])).toEqual([
      ['qemu', ['qemu', 'virtio']],
      ['solo5', ['hvt', 'spt']],
      ['xen', ['xen']],
      ['unix', ['unix']],
    ]);
    expect(registry.get('hvt')?.label).toBe('Solo5 hvt (KVM)');
    expect(registry.get('nope')).toBeUndefined();
  });

  it('lists each target with its availability, reason and fix from the doctor', () => {
    const list = registry.list(testHost({ tools: ['qemu-system-x86_64'] }));
    expect(list.map(({ id, available, reason, fix, extension }) => ({ id, available, reason, fix, extension }))).toEqual([
      { id: 'qemu', available: true, reason: undefined, fix: undefined, extension: 'qemu' },
      { id: 'virtio', available: true, reason: undefined, fix: undefined, extension: 'qemu' },
      { id: 'hvt', available: false, reason: 'no solo5-hvt on PATH', fix: 'install solo5-hvt', extension: 'solo5' },
      { id: 'spt', available: false, reason: 'no solo5-spt on PATH', fix: 'install solo5-spt', extension: 'solo5' },
      { id: 'xen', available: false, reason: 'no xl on PATH', fix: 'install xl', extension: 'xen' },
      { id: 'unix', available: true, reason: undefined, fix: undefined, extension: 'unix' },
    ]);
    expect(Object.keys(list[0]!)).toEqual(['id', 'label', 'description', 'available', 'extension']);
  });

  describe('plan()', () => {
    let workspace: string;
    beforeAll(async () => {
      workspace = await mkdtemp(path.join(os.tmpdir(), 'mirador-registry-'));
      buildKernel(workspace, 'ok', multibootHeader() + serialThenExit('ok', 0), 32);
      buildKernel(workspace, 'plain64', serialThenExit('x', 0), 64);
    });
    afterAll(async () => {
      await rm(workspace, { recursive: true, force: true });
    });
    const host = () => testHost({ tools: ['qemu-system-x86_64'], workspaceFolder: workspace });

    it('plans a sound image through its provider', async () => {
      const plan = await registry.plan({ target: 'qemu', kernel: 'ok.elf', noDebug: true }, host());
      expect(plan.args).toContain(path.join(workspace, 'ok.elf'));
    });

    it('names the known targets when the id is unknown', async () => {
      const failure = registry.plan({ target: 'firecracker', kernel: 'ok.elf' }, host());
      await expect(failure).rejects.toThrow(new MiradorError('invalid-params', 'Unknown target "firecracker": set "target" to one of qemu, virtio, hvt, spt, xen, unix.'));
    });

    it('refuses an unavailable target with the reason and the fix', async () => {
      const failure = registry.plan({ target: 'hvt', kernel: 'app.hvt' }, host());
      await expect(failure).rejects.toThrow('The hvt target is not available here: no solo5-hvt on PATH. Fix: install solo5-hvt');
      await expect(failure).rejects.toBeInstanceOf(MiradorError);
    });

    it('validates the image before planning and turns the provider\'s refusals into MiradorErrors', async () => {
      const bad = registry.plan({ target: 'qemu', kernel: 'plain64.elf', noDebug: true }, host());
      await expect(bad).rejects.toThrow(/plain64\.elf is an ELF64 x86-64 file with neither a multiboot v1 header/);
      await expect(bad).rejects.toMatchObject({ name: 'MiradorError', code: 'invalid-params' });
      await expect(registry.plan({ target: 'qemu' }, host())).rejects.toThrow('"kernel" is not set: point it at the image to boot with the qemu target.');
      await expect(registry.plan({ target: 'qemu', kernel: 'ok.elf', capture: true }, host())).rejects.toMatchObject({
        code: 'invalid-params',
        message: '"capture" needs a network interface to record: set network.mode to "user" or "tap".',
      });
    });
  });
});

describe('TargetRegistry with other extensions', () => {
  it('refuses targets a manifest does not declare or another extension already contributes, and says so', () => {
    const registry = new TargetRegistry([
      { name: 'first', declaredTargets: ['alpha', 'beta'], module: { targets: [fakeProvider('alpha')] } },
      { name: 'second', declaredTargets: ['alpha'], module: { targets: [fakeProvider('alpha'), fakeProvider('gamma')] } },
    ]);
    expect(registry.ids()).toEqual(['alpha']);
    expect(registry.problems).toEqual([
      'extensions/first: package.json declares target "beta" but its main module does not export it',
      'extensions/second: target "alpha" is already contributed by extension "first"; ignored',
      'extensions/second: exports target "gamma" that package.json contributes.targets does not declare; ignored',
    ]);
  });

  it('lets a provider bug surface as itself rather than as a user error', async () => {
    const registry = new TargetRegistry([
      { name: 'buggy', declaredTargets: ['bug'], module: { targets: [fakeProvider('bug', { plan: async () => { throw new TypeError('x is undefined'); } })] } },
    ]);
    await expect(registry.plan({ target: 'bug', kernel: 'k' }, testHost())).rejects.toBeInstanceOf(TypeError);
  });
});
