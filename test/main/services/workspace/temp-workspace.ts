// Test helper: a real temporary folder holding a workspace (and an "outside" sibling), removed after each test.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempWorkspace {
  /** Real path of the workspace folder. */
  dir: string;
  /** Real path of a folder next to the workspace, for escape attempts. */
  outside: string;
  /** Writes files (creating folders) from a map of workspace-relative path → content. */
  write(files: Record<string, string | Uint8Array>): void;
  abs(rel: string): string;
  cleanup(): void;
}

export function makeTempWorkspace(): TempWorkspace {
  const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'mirador-ws-test-')));
  const dir = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  mkdirSync(dir);
  mkdirSync(outside);
  const abs = (rel: string) => path.join(dir, ...rel.split('/'));
  return {
    dir,
    outside,
    abs,
    write(files) {
      for (const [rel, content] of Object.entries(files)) {
        mkdirSync(path.dirname(abs(rel)), { recursive: true });
        writeFileSync(abs(rel), content);
      }
    },
    cleanup() {
      rmSync(base, { recursive: true, force: true });
    },
  };
}
