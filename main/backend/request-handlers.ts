// Maps every request of the contract onto the services; the mapped type makes a missing handler a compile error.
import type { RequestName, RequestParams, RequestResult } from '../api';
import { MiradorError } from '../services/mirador-error';
import { compileDisplayFilter } from '../services/display-filter/display-filter';
import type { RecentFolders } from '../services/workspace/recent-folders';
import type { ExtensionRegistry } from '../services/extensions/extension-registry';
import type { TerminalService } from '../services/terminal/terminal-service';
import type { BackendOptions } from './backend-options';
import {
  asObject,
  integerParam,
  optionalBooleanParam,
  optionalNumberParam,
  stringParam,
} from './param-checks';
import type { WorkspaceSession } from './workspace-session';
import type { DebugSessionRelay } from './debug-session-relay';
import type { BuildSession } from './build-session';
import type { ProjectServices } from './project-services';
import type { UnikernelServices } from './unikernel-services';
import type { DapMessage, DoctorReport, LaunchArguments, Notebook, TargetInfo } from '../api';
import type { NotebookSession } from './notebook-session';
import { copyTutorial, readNotebook, writeNotebook } from './notebook-documents';
import type { PacketsSession } from './packets-session';

/** What one renderer connection owns besides the shared services. */
export interface ConnectionServices {
  terminals: TerminalService;
  debug: DebugSessionRelay;
  notebooks: NotebookSession;
  packets: PacketsSession;
}

export interface SharedServices {
  options: BackendOptions;
  workspace: WorkspaceSession;
  recent: RecentFolders;
  extensions: ExtensionRegistry;
  /** Opens a folder for every connection and tells them all. */
  openWorkspace(folder: string): Promise<RequestResult<'workspace/open'>>;
  doctor(): Promise<DoctorReport>;
  builds: BuildSession;
  targets(): Promise<TargetInfo[]>;
  runConfigurations(folder: string): Promise<{ configurations: LaunchArguments[]; problems: string[] }>;
  projects: ProjectServices;
  unikernel: UnikernelServices;
}

export type RequestHandlers = {
  [K in RequestName]: (params: RequestParams<K>, connection: ConnectionServices) => Promise<RequestResult<K>> | RequestResult<K>;
};

function captureIdOf(params: unknown, method: string): number {
  return integerParam(params, 'captureId', method);
}

function exportFormatParam(params: unknown): 'pcapng' | 'pcap' | undefined {
  const format = asObject(params, 'packets/export').format;
  if (format === undefined || format === 'pcapng' || format === 'pcap') return format;
  throw new MiradorError('invalid-params', 'packets/export: "format" must be "pcapng" or "pcap".');
}

export function createRequestHandlers(shared: SharedServices): RequestHandlers {
  const ws = () => shared.workspace.require();
  const pathOf = (params: unknown, method: string) => stringParam(params, 'path', method);

  return {
    'host/info': () => ({
      version: shared.options.version,
      nativeFolderPicker: shared.options.host.pickFolder !== undefined,
      platform: process.platform,
    }),
    'host/pickFolder': async () => {
      if (!shared.options.host.pickFolder) {
        throw new MiradorError('unavailable', 'This window has no native folder dialog; type the folder path instead.');
      }
      return { path: await shared.options.host.pickFolder() };
    },

    'workspace/info': () => shared.workspace.info(),
    'workspace/open': (params) => shared.openWorkspace(stringParam(params, 'folder', 'workspace/open')),
    'workspace/recent': () => shared.recent.list(),

    'fs/readDir': async (params) => {
      const path = pathOf(params, 'fs/readDir');
      const open = ws();
      const entries = await open.files.readDir(path);
      void open.watcher.watchDirectory(path).catch(() => undefined);
      return entries;
    },
    'fs/readFile': async (params) => {
      const path = pathOf(params, 'fs/readFile');
      const open = ws();
      const content = await open.files.readFile(path);
      void open.watcher.watchFile(path).catch(() => undefined);
      return content;
    },
    'fs/stat': (params) => ws().files.stat(pathOf(params, 'fs/stat')),
    'fs/writeFile': (params) =>
      ws().files.writeFile({
        path: pathOf(params, 'fs/writeFile'),
        text: stringParam(params, 'text', 'fs/writeFile'),
        expectedMtimeMs: optionalNumberParam(params, 'expectedMtimeMs', 'fs/writeFile'),
      }),
    'fs/createFile': (params) => ws().files.createFile(pathOf(params, 'fs/createFile')),
    'fs/createDirectory': (params) => ws().files.createDirectory(pathOf(params, 'fs/createDirectory')),
    'fs/rename': (params) => ws().files.rename(stringParam(params, 'from', 'fs/rename'), stringParam(params, 'to', 'fs/rename')),
    'fs/delete': (params) => ws().files.delete(pathOf(params, 'fs/delete')),
    'fs/listFiles': () => ws().lister.list(),

    'search/text': (params) =>
      ws().search.search({
        pattern: stringParam(params, 'pattern', 'search/text'),
        isRegex: optionalBooleanParam(params, 'isRegex', 'search/text'),
        caseSensitive: optionalBooleanParam(params, 'caseSensitive', 'search/text'),
        wholeWord: optionalBooleanParam(params, 'wholeWord', 'search/text'),
        maxResults: optionalNumberParam(params, 'maxResults', 'search/text'),
      }),

    'displayFilter/check': (params) => {
      const compiled = compileDisplayFilter(stringParam(params, 'filter', 'displayFilter/check'));
      return compiled.ok ? { ok: true } : { ok: false, message: compiled.message, column: compiled.column };
    },

    'backup/write': (params) =>
      ws().backups.write({
        path: pathOf(params, 'backup/write'),
        text: stringParam(params, 'text', 'backup/write'),
        baseMtimeMs: optionalNumberParam(params, 'baseMtimeMs', 'backup/write'),
      }),
    'backup/discard': (params) => ws().backups.discard(pathOf(params, 'backup/discard')),
    'backup/list': async () => (shared.workspace.folder() ? ws().backups.list() : []),

    'terminal/create': (params, connection) =>
      connection.terminals.create({
        cols: integerParam(params, 'cols', 'terminal/create'),
        rows: integerParam(params, 'rows', 'terminal/create'),
      }),
    'terminal/input': (params, connection) =>
      connection.terminals.input({ id: integerParam(params, 'id', 'terminal/input'), data: stringParam(params, 'data', 'terminal/input') }),
    'terminal/resize': (params, connection) =>
      connection.terminals.resize({
        id: integerParam(params, 'id', 'terminal/resize'),
        cols: integerParam(params, 'cols', 'terminal/resize'),
        rows: integerParam(params, 'rows', 'terminal/resize'),
      }),
    'terminal/ack': (params, connection) =>
      connection.terminals.ack({ id: integerParam(params, 'id', 'terminal/ack'), chars: integerParam(params, 'chars', 'terminal/ack') }),
    'terminal/kill': (params, connection) => connection.terminals.kill({ id: integerParam(asObject(params, 'terminal/kill'), 'id', 'terminal/kill') }),

    'extensions/contributions': () => shared.extensions.contributions(),

    'toolchain/doctor': () => shared.doctor(),
    'targets/list': () => shared.targets(),
    'run/configurations': () => shared.runConfigurations(ws().root.folder),

    'build/start': (params) => {
      const target = asObject(params ?? {}, 'build/start').target;
      if (target !== undefined && typeof target !== 'string') throw new MiradorError('invalid-params', 'build/start: "target" must be a target id.');
      const task = asObject(params ?? {}, 'build/start').task;
      if (task !== undefined && task !== 'build' && task !== 'depends') throw new MiradorError('invalid-params', 'build/start: "task" must be "build" or "depends".');
      return shared.builds.start(ws().root.folder, target, task);
    },
    'build/cancel': (params) => shared.builds.cancel(integerParam(params, 'buildId', 'build/cancel')),

    'debug/start': (_params, connection) => connection.debug.start(),
    'debug/send': (params, connection) => {
      const message = asObject(params, 'debug/send').message;
      if (message === null || typeof message !== 'object' || Array.isArray(message)) {
        throw new MiradorError('invalid-params', 'debug/send: "message" must be a DAP message object.');
      }
      connection.debug.send(integerParam(params, 'sessionId', 'debug/send'), message as DapMessage);
    },
    'debug/stop': (params, connection) => connection.debug.stop(integerParam(params, 'sessionId', 'debug/stop')),

    'templates/list': () => shared.projects.listTemplates(),
    'templates/create': (params) =>
      shared.projects.createProject(
        stringParam(params, 'template', 'templates/create'),
        stringParam(params, 'parent', 'templates/create'),
        stringParam(params, 'name', 'templates/create'),
      ),
    'tutorial/prepare': (params) => {
      const destination = stringParam(params, 'destination', 'tutorial/prepare');
      if (destination !== 'workspace' && destination !== 'tutorials-folder') {
        throw new MiradorError('invalid-params', 'tutorial/prepare: "destination" must be "workspace" or "tutorials-folder".');
      }
      return shared.projects.prepareTutorial(destination);
    },

    'mirage/describe': (params) => {
      const target = asObject(params ?? {}, 'mirage/describe').target;
      if (target !== undefined && typeof target !== 'string') throw new MiradorError('invalid-params', 'mirage/describe: "target" must be a target id.');
      return shared.unikernel.describe(ws().root.folder, target);
    },
    'run/addConfiguration': (params) => {
      const configuration = asObject(params, 'run/addConfiguration').configuration;
      if (configuration === null || typeof configuration !== 'object' || Array.isArray(configuration)) {
        throw new MiradorError('invalid-params', 'run/addConfiguration: "configuration" must be a run configuration object.');
      }
      return shared.unikernel.addConfiguration(ws().root.folder, configuration as LaunchArguments);
    },
    'run/setArguments': (params) => {
      const args = asObject(params, 'run/setArguments').args;
      if (!Array.isArray(args)) throw new MiradorError('invalid-params', 'run/setArguments: "args" must be a list of strings.');
      return shared.unikernel.setArguments(ws().root.folder, stringParam(params, 'name', 'run/setArguments'), args as string[]);
    },
    'network/inspect': () => shared.unikernel.inspectNetwork(),
    'notebook/read': (params) => readNotebook(ws().files, pathOf(params, 'notebook/read')),
    'notebook/write': (params) => {
      const notebook = asObject(params, 'notebook/write').notebook;
      if (notebook === null || typeof notebook !== 'object' || Array.isArray(notebook)) throw new MiradorError('invalid-params', 'notebook/write: "notebook" must be a notebook object.');
      return writeNotebook(ws().files, {
        path: pathOf(params, 'notebook/write'),
        notebook: notebook as Notebook,
        expectedMtimeMs: optionalNumberParam(params, 'expectedMtimeMs', 'notebook/write'),
      });
    },
    'notebook/copyTutorial': async () => ({ path: await copyTutorial(ws().files, shared.options.appRoot) }),
    'notebook/start': (params, connection) => connection.notebooks.start(pathOf(params, 'notebook/start')),
    'notebook/execute': (params, connection) =>
      connection.notebooks.execute({
        notebookId: integerParam(params, 'notebookId', 'notebook/execute'),
        cellId: stringParam(params, 'cellId', 'notebook/execute'),
        code: stringParam(params, 'code', 'notebook/execute'),
      }),
    'notebook/interrupt': (params, connection) => connection.notebooks.interrupt(integerParam(params, 'notebookId', 'notebook/interrupt')),
    'notebook/restart': (params, connection) => connection.notebooks.restart(integerParam(params, 'notebookId', 'notebook/restart')),
    'notebook/complete': (params, connection) =>
      connection.notebooks.complete({
        notebookId: integerParam(params, 'notebookId', 'notebook/complete'),
        code: stringParam(params, 'code', 'notebook/complete'),
        offset: integerParam(params, 'offset', 'notebook/complete'),
      }),
    'notebook/close': (params, connection) => connection.notebooks.close(integerParam(params, 'notebookId', 'notebook/close')),
    'packets/open': (params, connection) => connection.packets.open(stringParam(params, 'path', 'packets/open')),
    'packets/rows': (params, connection) =>
      connection.packets.rows(captureIdOf(params, 'packets/rows'), integerParam(params, 'start', 'packets/rows'), integerParam(params, 'count', 'packets/rows')),
    'packets/detail': (params, connection) => connection.packets.detail(captureIdOf(params, 'packets/detail'), integerParam(params, 'number', 'packets/detail')),
    'packets/setFilter': (params, connection) => connection.packets.setFilter(captureIdOf(params, 'packets/setFilter'), stringParam(params, 'filter', 'packets/setFilter')),
    'packets/export': (params, connection) =>
      connection.packets.export(
        captureIdOf(params, 'packets/export'),
        stringParam(params, 'path', 'packets/export'),
        exportFormatParam(params),
        optionalBooleanParam(params, 'filtered', 'packets/export') === true,
      ),
    'packets/conversations': (params, connection) => connection.packets.conversations(captureIdOf(params, 'packets/conversations')),
    'packets/followStream': (params, connection) => connection.packets.followStream(captureIdOf(params, 'packets/followStream'), integerParam(params, 'number', 'packets/followStream')),
    'packets/close': (params, connection) => connection.packets.close(captureIdOf(params, 'packets/close')),
  };
}
