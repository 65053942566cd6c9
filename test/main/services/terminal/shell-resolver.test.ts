// The shell comes from $SHELL when usable, else from the fallbacks, else a clear error; its environment says "xterm".
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shellEnvironment } from '../../../../main/services/terminal/shell-environment';
import { resolveShell } from '../../../../main/services/terminal/shell-resolver';

describe('resolveShell', () => {
  it('uses an executable absolute $SHELL', () => {
    expect(resolveShell({ SHELL: '/bin/sh' }, ['/bin/bash'])).toBe('/bin/sh');
  });

  it('falls back when $SHELL is missing, relative, not executable or a directory', () => {
    const notExecutable = path.join(mkdtempSync(path.join(os.tmpdir(), 'mirador-shell-')), 'shell');
    writeFileSync(notExecutable, '#!/bin/sh\n');
    for (const SHELL of [undefined, 'bash', '/nonexistent/zsh', notExecutable, '/bin']) {
      expect(resolveShell({ SHELL }, ['/nonexistent/bash', '/bin/sh'])).toBe('/bin/sh');
    }
  });

  it('says what it tried and what to do when no shell is usable', () => {
    expect(() => resolveShell({ SHELL: '/nope/zsh' }, ['/nope/bash'])).toThrow(
      expect.objectContaining({ code: 'unavailable', message: expect.stringMatching(/\/nope\/zsh.*\/nope\/bash.*Set SHELL/) }),
    );
  });
});

describe('shellEnvironment', () => {
  it('identifies the terminal and drops variables about the backend’s own terminal', () => {
    const env = shellEnvironment({ PATH: '/bin', TERM: 'dumb', COLUMNS: '80', TMUX: 'x', ELECTRON_RUN_AS_NODE: '1', EMPTY: undefined });
    expect(env).toEqual({ PATH: '/bin', TERM: 'xterm-256color', COLORTERM: 'truecolor', TERM_PROGRAM: 'mirador' });
  });
});
