// The debug adapter `mirador run` talks DAP to: the same MiradorDebugSession the `debug-adapter` process hosts, run inline.
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { createBuiltinLaunchPlanner } from '../../debug/adapter/builtin-launch-planner';
import { MiradorDebugSession } from '../../debug/adapter/mirador-debug-session';

/** Both ends of a DAP conversation with an adapter, and its lifetime. */
export interface AdapterLink {
  /** Where the client writes DAP requests. */
  readonly toAdapter: Writable;
  /** Where the adapter's DAP responses and events come out. */
  readonly fromAdapter: Readable;
  /** Settles once the adapter is gone (its guest stopped and its run folder removed). */
  readonly closed: Promise<void>;
  /** Ends the adapter at once: its VMM and gdb are killed (for a deadline passed, or a process that is dying). */
  killNow(): void;
}

/**
 * Hosts the adapter in this process, as VS Code's inline debug adapters do: the same session class and the same DAP
 * messages as the `mirador debug-adapter` process the IDE starts, over in-memory streams. That saves `mirador run` a
 * second Node start (about 70 ms, more than the whole boot of a small unikernel), and the VMM is then our own child:
 * its parent-death signal and the exit hooks of vmm-reaper take it down with this process however it ends.
 */
export function startInlineAdapter(workspaceFolder: string): AdapterLink {
  const toAdapter = new PassThrough();
  const fromAdapter = new PassThrough();
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  const session = new MiradorDebugSession({
    planLaunch: createBuiltinLaunchPlanner(),
    workspaceFolder,
    // In-process: no pipe to spare, and `--until` should see a line the moment the guest prints it.
    batchConsole: false,
    onEnded: () => {
      fromAdapter.end();
      markClosed();
    },
  });
  session.start(toAdapter, fromAdapter);
  return {
    toAdapter,
    fromAdapter,
    closed,
    killNow() {
      session.killNow();
      fromAdapter.end();
      markClosed();
    },
  };
}
