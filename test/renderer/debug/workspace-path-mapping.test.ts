// Source paths between the debugger (absolute, as gdb reports them) and the editor (workspace-relative).
import { describe, expect, it } from 'vitest';
import { normalizePath, toAbsolutePath, toWorkspacePath } from '../../../renderer/src/debug/workspace-path-mapping';

describe('workspace path mapping', () => {
  it('normalises dot segments and doubled slashes as gdb may report them', () => {
    expect(normalizePath('/ws/./src//../kernel.c')).toBe('/ws/kernel.c');
    expect(normalizePath('/../a')).toBe('/a');
    expect(normalizePath('../a/./b')).toBe('../a/b');
  });

  it('maps absolute paths under the root back to workspace paths, and nothing else', () => {
    expect(toWorkspacePath('/tmp/ws', '/tmp/ws/kernel.c')).toBe('kernel.c');
    expect(toWorkspacePath('/tmp/ws/', '/tmp/ws/./src/boot.S')).toBe('src/boot.S');
    expect(toWorkspacePath('/tmp/ws', '/tmp/ws2/kernel.c')).toBeUndefined();
    expect(toWorkspacePath('/tmp/ws', '/usr/include/stdint.h')).toBeUndefined();
    expect(toWorkspacePath('/tmp/ws', '/tmp/ws')).toBeUndefined();
    expect(toWorkspacePath(null, '/tmp/ws/kernel.c')).toBeUndefined();
  });

  it('takes relative paths as relative to the workspace, unless they climb out of it', () => {
    expect(toWorkspacePath('/tmp/ws', 'kernel.c')).toBe('kernel.c');
    expect(toWorkspacePath('/tmp/ws', './src/../kernel.c')).toBe('kernel.c');
    expect(toWorkspacePath('/tmp/ws', '../other/kernel.c')).toBeUndefined();
  });

  it('builds the absolute path setBreakpoints sends', () => {
    expect(toAbsolutePath('/tmp/ws', 'src/kernel.c')).toBe('/tmp/ws/src/kernel.c');
    expect(toAbsolutePath('/tmp/ws/', 'kernel.c')).toBe('/tmp/ws/kernel.c');
  });
});
