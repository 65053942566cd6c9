// Test helper: builds the example C unikernel (resources/examples/c-hello) into a private folder with its own Makefile.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { APP_ROOT } from '../../cli/app-build';

export const C_HELLO_DIR = path.join(APP_ROOT, 'resources', 'examples', 'c-hello');

/** Returns the absolute path of hello.elf built under `buildDir` (absolute), leaving the example's own _build alone. */
export function buildCHello(buildDir: string): string {
  execFileSync('make', ['-s', '-C', C_HELLO_DIR, `BUILD=${buildDir}`], { stdio: 'pipe' });
  return path.join(buildDir, 'hello.elf');
}

/** The line c-hello prints last, just before it writes its exit status to isa-debug-exit. */
export const C_HELLO_LAST_LINE = /\[application\] done, exiting with (\d+)$/;
