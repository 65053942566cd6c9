// A toplevel that cannot start (no ocaml, no findlib) is reported with what it said and the fix, and is not restarted in a loop.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KernelStatus } from '../../../../main/api/notebook-outputs';
import { OcamlKernel } from '../../../../main/services/kernel/ocaml-kernel';

describe('OcamlKernel when the toplevel cannot start', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'mirador-broken-ocaml-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('says the program is missing, stays dead, and tries again on the next cell', async () => {
    const notices: string[] = [];
    const statuses: KernelStatus[] = [];
    const kernel = new OcamlKernel({ ocaml: path.join(folder, 'no-such-ocaml'), onNotice: (text) => notices.push(text), onStatus: (status) => statuses.push(status) });
    const result = await kernel.execute('1 + 1');
    expect(result).toMatchObject({ status: 'died', error: { ename: 'Kernel died' } });
    // Started directly, or through setpriv (which gives the toplevel the parent-death signal): either way the reason is named.
    expect(result.error!.evalue).toMatch(/(could not start \(spawn .*no-such-ocaml ENOENT\)|failed to execute .*no-such-ocaml: No such file or directory).*apt-get install ocaml-interp libfindlib-ocaml-dev/);
    expect(kernel.status).toBe('dead');
    expect(notices).toHaveLength(1);
    expect((await kernel.execute('2')).status).toBe('died');
    expect(notices).toHaveLength(2);
    await kernel.shutdown();
  });

  it('passes on what a toplevel said before dying at startup (findlib missing)', async () => {
    const fake = path.join(folder, 'ocaml-without-findlib');
    writeFileSync(fake, '#!/bin/sh\necho "Cannot find file topfind." >&2\nexit 2\n');
    chmodSync(fake, 0o755);
    const notices: string[] = [];
    const kernel = new OcamlKernel({ ocaml: fake, onNotice: (text) => notices.push(text) });
    const result = await kernel.execute('1 + 1');
    expect(result.error!.evalue).toMatch(/^The OCaml toplevel exited with status 2 before it was ready \(it said: Cannot find file topfind\.\)\. Check that ocaml and findlib are installed/);
    expect(notices).toEqual([result.error!.evalue]);
    expect(kernel.status).toBe('dead');
    await kernel.shutdown();
  });
});
