// The backend: owns the services for one process and serves the contract to every connected renderer.
import path from 'node:path';
import type { EventName, EventPayload } from '../api';
import { ExtensionRegistry } from '../services/extensions/extension-registry';
import { TerminalService } from '../services/terminal/terminal-service';
import { RecentFolders } from '../services/workspace/recent-folders';
import type { BackendOptions } from './backend-options';
import type { TextMessageChannel } from './message-channel';
import { createRequestHandlers, type SharedServices } from './request-handlers';
import { serveContract, type RpcConnection } from './rpc-connection';
import { WorkspaceSession } from './workspace-session';
import { DebugSessionRelay } from './debug-session-relay';
import { launchServices } from './launch-services';
import { BuildSession } from './build-session';
import { PacketsSession, capturePathResolver } from './packets-session';

export interface Disposable {
  dispose(): void;
}

export interface Backend {
  /** Serves the contract over one renderer connection until the channel closes or the result is disposed. */
  attach(channel: TextMessageChannel): Disposable;
  /** Ends every terminal and watcher; the process may exit afterwards. */
  dispose(): Promise<void>;
}

export async function createBackend(options: BackendOptions): Promise<Backend> {
  const connections = new Set<RpcConnection>();
  const broadcast = <K extends EventName>(event: K, payload: EventPayload<K>) => {
    for (const connection of connections) connection.notify(event, payload);
  };

  const workspace = new WorkspaceSession(options.userDataDir, (changes) => broadcast('fs/changed', { changes }));
  const recent = new RecentFolders(path.join(options.userDataDir, 'recent-folders.json'));
  const extensions = await ExtensionRegistry.load(path.join(options.appRoot, 'extensions'));
  for (const problem of extensions.contributions().problems) process.stderr.write(`Mirador: extension problem: ${problem}\n`);

  const shared: SharedServices = {
    options,
    workspace,
    recent,
    extensions,
    async openWorkspace(folder) {
      const info = await workspace.open(folder);
      await recent.add(info.root ?? folder).catch(() => undefined);
      broadcast('workspace/changed', info);
      return info;
    },
    ...launchServices(() => workspace.folder()),
    builds: new BuildSession(broadcast),
  };
  if (options.workspace) await shared.openWorkspace(options.workspace);
  const handlers = createRequestHandlers(shared);
  const terminalServices = new Set<TerminalService>();

  return {
    attach(channel) {
      let terminals: TerminalService | undefined;
      let debug: DebugSessionRelay | undefined;
      let packets: PacketsSession | undefined;
      const connection: RpcConnection = serveContract(channel, handlers, () => {
        terminals ??= new TerminalService({
          cwd: () => workspace.folder(),
          onData: (event) => connection.notify('terminal/data', event),
          onExit: (event) => connection.notify('terminal/exit', event),
        });
        terminalServices.add(terminals);
        debug ??= new DebugSessionRelay({
          appRoot: options.appRoot,
          cwd: () => workspace.folder(),
          onMessage: (sessionId, message) => connection.notify('debug/message', { sessionId, message }),
          onEnded: (sessionId, reason) => connection.notify('debug/ended', { sessionId, reason }),
        });
        packets ??= new PacketsSession({
          resolvePath: capturePathResolver(workspace),
          onUpdate: (captureId, body) => connection.notify('packets/update', { captureId, ...body }),
        });
        return { terminals, debug, packets };
      });
      connections.add(connection);
      const close = () => {
        if (!connections.delete(connection)) return;
        if (terminals) {
          void terminals.dispose();
          terminalServices.delete(terminals);
        }
        debug?.dispose();
        packets?.dispose();
        connection.dispose();
      };
      connection.onClose(close);
      return { dispose: close };
    },
    async dispose() {
      await Promise.all([...terminalServices].map((terminals) => terminals.dispose()));
      terminalServices.clear();
      for (const connection of connections) connection.dispose();
      connections.clear();
      shared.builds.dispose();
      workspace.close();
    },
  };
}
