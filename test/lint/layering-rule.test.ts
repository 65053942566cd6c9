// Tests the layering lint rule on real ESLint, with imports that ARCHITECTURE.md allows and forbids.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: repoRoot, errorOnUnmatchedPattern: false });

async function layeringMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return result.messages.filter((message) => message.ruleId === 'mirador/import-direction').map((message) => message.message);
}

describe('layering rule', () => {
  it('lets only main/electron import electron', async () => {
    expect(await layeringMessages('main/electron/x.ts', "import { app } from 'electron';\nvoid app;\n")).toEqual([]);
    expect(await layeringMessages('main/services/workspace/x.ts', "import { app } from 'electron';\nvoid app;\n")).toEqual([
      'Bad layering: only main/electron may import electron.',
    ]);
    expect(await layeringMessages('main/server/x.ts', "const e = require('electron');\nvoid e;\n")).toHaveLength(1);
  });

  it('keeps main/api free of imports from outside main/api', async () => {
    expect(await layeringMessages('main/api/x.ts', "import type { A } from './contract';\nexport type B = A;\n")).toEqual([]);
    expect(await layeringMessages('main/api/x.ts', "import fs from 'node:fs';\nvoid fs;\n")).toHaveLength(1);
    expect(await layeringMessages('main/api/x.ts', "import { MiradorError } from '../services/mirador-error';\nvoid MiradorError;\n")).toHaveLength(1);
    expect(await layeringMessages('main/api/x.ts', "import * as rpc from 'vscode-jsonrpc';\nvoid rpc;\n")).toHaveLength(1);
  });

  it('keeps Node built-ins and main/ internals out of the renderer', async () => {
    expect(await layeringMessages('renderer/src/x.ts', "import path from 'node:path';\nvoid path;\n")).toEqual([
      'Bad layering: the renderer runs in a browser; no Node built-ins.',
    ]);
    expect(await layeringMessages('renderer/src/x.ts', "import { FileService } from '../../main/services/workspace/file-service';\nvoid FileService;\n")).toHaveLength(1);
    expect(await layeringMessages('renderer/src/x.ts', "import type { DirEntry } from '../../main/api';\nexport type D = DirEntry;\n")).toEqual([]);
    expect(await layeringMessages('renderer/src/x.ts', "import { WEBSOCKET_PATH } from '../../main/api/channels';\nvoid WEBSOCKET_PATH;\n")).toEqual([]);
  });

  it('keeps services away from the renderer and the debug adapter', async () => {
    expect(await layeringMessages('main/services/x/y.ts', "import { el } from '../../../renderer/src/workbench/element';\nvoid el;\n")).toHaveLength(1);
    expect(await layeringMessages('main/services/x/y.ts', "import { a } from '../../debug/session';\nvoid a;\n")).toHaveLength(1);
    expect(await layeringMessages('main/services/x/y.ts', "import { MiradorError } from '../mirador-error';\nvoid MiradorError;\n")).toEqual([]);
  });

  it('keeps extensions away from the renderer and electron', async () => {
    expect(await layeringMessages('extensions/qemu/index.ts', "import { el } from '../../renderer/src/workbench/element';\nvoid el;\n")).toHaveLength(1);
    expect(await layeringMessages('extensions/qemu/index.ts', "import { app } from 'electron';\nvoid app;\n")).toHaveLength(1);
  });

  it('finds no layering problem in the repository itself', async () => {
    const results = await eslint.lintFiles(['main', 'renderer', 'extensions']);
    const problems = results.flatMap((result) =>
      result.messages.filter((m) => m.ruleId === 'mirador/import-direction').map((m) => `${path.relative(repoRoot, result.filePath)}: ${m.message}`),
    );
    expect(problems).toEqual([]);
  });
});
