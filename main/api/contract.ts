// THE contract between renderer and backend: every request and event, by name, with its parameter and result types.
import type {
  Backup,
  DirEntry,
  FileContent,
  FileList,
  FileStat,
  SearchQuery,
  SearchResult,
  WorkspaceChange,
  WorkspaceInfo,
  WorkspacePath,
  WriteFileParams,
} from './workspace-protocol';
import type {
  TerminalAckParams,
  TerminalCreateParams,
  TerminalDataEvent,
  TerminalExitEvent,
  TerminalInfo,
  TerminalInputParams,
  TerminalResizeParams,
} from './terminal-protocol';
import type { Contributions } from './extension-protocol';
import type { DisplayFilterCheckParams, DisplayFilterCheckResult } from './display-filter-protocol';
import type { HostInfo, OutputAppendEvent, PickFolderResult } from './host-protocol';
import type { DebugMessageEvent, DebugSendParams, DebugSessionEndEvent, DebugSessionInfo } from './debug-protocol';
import type { DoctorReport } from './toolchain-protocol';
import type { LaunchArguments, TargetInfo } from './launch-protocol';
import type { BuildFinishedEvent, BuildOutputEvent, BuildProgressEvent, BuildStarted, BuildStartParams } from './build-protocol';
import type {
  CreatedProjectInfo,
  CreateProjectParams,
  HostNetworkState,
  PreparedTutorial,
  TemplateList,
  TutorialDestination,
  UnikernelDescription,
} from './project-protocol';
import type { CellResult } from './notebook-outputs';
import type {
  NotebookCompleteParams,
  NotebookCompletion,
  NotebookExecuteParams,
  NotebookFile,
  NotebookKernelInfo,
  NotebookNoticeEvent,
  NotebookOutputEvent,
  NotebookStatusEvent,
  NotebookWriteParams,
} from './notebook-protocol';
import type {
  ExportCaptureArguments,
  ExportCaptureResult,
  FollowStreamArguments,
  FollowStreamResult,
  ConversationsResult,
  PacketDetailArguments,
  PacketDetailResult,
  PacketRowsArguments,
  PacketRowsResult,
  PacketsEventBody,
  SetFilterArguments,
  SetFilterResult,
} from './packets-protocol';

type Req<P, R> = { params: P; result: R };
type PathParams = { path: WorkspacePath };
type CaptureParams = { captureId: number };

/** Requests the renderer sends; the backend answers each with `result` or a Mirador error. */
export interface BackendRequests {
  'host/info': Req<void, HostInfo>;
  'host/pickFolder': Req<void, PickFolderResult>;

  'workspace/info': Req<void, WorkspaceInfo>;
  /** Open an absolute folder as the workspace (replaces the current one). */
  'workspace/open': Req<{ folder: string }, WorkspaceInfo>;
  'workspace/recent': Req<void, string[]>;

  'fs/readDir': Req<PathParams, DirEntry[]>;
  'fs/readFile': Req<PathParams, FileContent>;
  'fs/stat': Req<PathParams, FileStat>;
  'fs/writeFile': Req<WriteFileParams, FileStat>;
  'fs/createFile': Req<PathParams, FileStat>;
  'fs/createDirectory': Req<PathParams, void>;
  'fs/rename': Req<{ from: WorkspacePath; to: WorkspacePath }, void>;
  'fs/delete': Req<PathParams, void>;
  /** Every file under the root (for quick open), skipping .git, node_modules, _build, _opam. */
  'fs/listFiles': Req<void, FileList>;

  'search/text': Req<SearchQuery, SearchResult>;

  /** Compiles a display filter without applying it (the grammar is the same wherever the capture lives). */
  'displayFilter/check': Req<DisplayFilterCheckParams, DisplayFilterCheckResult>;

  /** Hot exit: unsaved buffers are kept by the backend until saved or discarded. */
  'backup/write': Req<Omit<Backup, 'savedAt'>, void>;
  'backup/discard': Req<PathParams, void>;
  'backup/list': Req<void, Backup[]>;

  'terminal/create': Req<TerminalCreateParams, TerminalInfo>;
  'terminal/input': Req<TerminalInputParams, void>;
  'terminal/resize': Req<TerminalResizeParams, void>;
  'terminal/ack': Req<TerminalAckParams, void>;
  'terminal/kill': Req<{ id: number }, void>;

  'extensions/contributions': Req<void, Contributions>;

  'toolchain/doctor': Req<void, DoctorReport>;
  'targets/list': Req<void, TargetInfo[]>;
  /** Run configurations of the workspace (.mirador/launch.json, and "type": "mirador" entries of .vscode/launch.json). */
  'run/configurations': Req<void, { configurations: LaunchArguments[]; problems: string[] }>;

  /** Builds the workspace with the build system it uses (MirageOS, dune, make); one build at a time. */
  'build/start': Req<BuildStartParams, BuildStarted>;
  'build/cancel': Req<{ buildId: number }, void>;

  /** Starts a debug adapter process; the renderer then speaks DAP to it through debug/send and debug/message. */
  'debug/start': Req<void, DebugSessionInfo>;
  'debug/send': Req<DebugSendParams, void>;
  'debug/stop': Req<{ sessionId: number }, void>;

  /** The project templates Mirador ships, and where new projects go by default. */
  'templates/list': Req<void, TemplateList>;
  /** Creates `parent/name` from a template; refuses an existing non-empty folder. The renderer then opens it. */
  'templates/create': Req<CreateProjectParams, CreatedProjectInfo>;
  /** Copies the tutorial notebook where it can be edited (once; later calls find the copy) and says where it is. */
  'tutorial/prepare': Req<{ destination: TutorialDestination }, PreparedTutorial>;
  /** What the workspace's config.ml declares (devices, packages, keys) for a target; null when there is no config.ml. */
  'mirage/describe': Req<{ target?: string }, UnikernelDescription | null>;
  /** Adds (or replaces, by name) one entry of .mirador/launch.json. */
  'run/addConfiguration': Req<{ configuration: LaunchArguments }, { replaced: boolean }>;
  /** Sets the `args` of the .mirador/launch.json entry with this name, keeping everything else in it. */
  'run/setArguments': Req<{ name: string; args: string[] }, void>;
  /** Tap devices, bridges, CAP_NET_ADMIN and forwarding on the backend's machine, for the network helper. */
  'network/inspect': Req<void, HostNetworkState>;
  /** A workspace .ipynb parsed (nbformat 4), unknown fields kept. */
  'notebook/read': Req<PathParams, NotebookFile>;
  /** Writes a notebook in Jupyter's own layout through the workspace file service (atomic, conflict-checked). */
  'notebook/write': Req<NotebookWriteParams, FileStat>;
  /** Copies the Lwt tutorial into the workspace root (unless it is there already); returns its path. */
  'notebook/copyTutorial': Req<void, { path: WorkspacePath }>;
  /** A kernel session for an open notebook; the OCaml toplevel starts with the first cell run or completion. */
  'notebook/start': Req<PathParams, NotebookKernelInfo>;
  /** Runs a cell after those queued; outputs arrive as notebook/output events while it runs, the result at the end. */
  'notebook/execute': Req<NotebookExecuteParams, CellResult>;
  'notebook/interrupt': Req<{ notebookId: number }, void>;
  'notebook/restart': Req<{ notebookId: number }, void>;
  'notebook/complete': Req<NotebookCompleteParams, NotebookCompletion>;
  /** The notebook was closed: its kernel process ends. */
  'notebook/close': Req<{ notebookId: number }, void>;
  /**
   * Opens a pcap/pcapng file (workspace-relative or absolute) as a capture held by the backend. Frames are read in the
   * background and announced by `packets/update`; a damaged file keeps every good frame and ends with `ended` saying why.
   */
  'packets/open': Req<{ path: string }, { captureId: number; name: string }>;
  'packets/rows': Req<CaptureParams & PacketRowsArguments, PacketRowsResult>;
  'packets/detail': Req<CaptureParams & PacketDetailArguments, PacketDetailResult>;
  /** An invalid filter fails with `data.code` "invalid-params" and `data.column`, the 1-based column of the mistake. */
  'packets/setFilter': Req<CaptureParams & SetFilterArguments, SetFilterResult>;
  /** `path` is workspace-relative or absolute; `format` defaults to pcapng. */
  'packets/export': Req<CaptureParams & ExportCaptureArguments, ExportCaptureResult>;
  'packets/followStream': Req<CaptureParams & FollowStreamArguments, FollowStreamResult>;
  'packets/conversations': Req<CaptureParams, ConversationsResult>;
  'packets/close': Req<CaptureParams, void>;
}

/** Events the backend pushes to the renderer. */
export interface BackendEvents {
  'workspace/changed': WorkspaceInfo;
  /** Files or folders created, changed or deleted on disk, in folders the renderer has listed or files it has open. */
  'fs/changed': { changes: WorkspaceChange[] };
  'terminal/data': TerminalDataEvent;
  'terminal/exit': TerminalExitEvent;
  'output/append': OutputAppendEvent;
  'debug/message': DebugMessageEvent;
  'build/output': BuildOutputEvent;
  'build/progress': BuildProgressEvent;
  'build/finished': BuildFinishedEvent;
  'debug/ended': DebugSessionEndEvent;
  'notebook/output': NotebookOutputEvent;
  'notebook/status': NotebookStatusEvent;
  'notebook/notice': NotebookNoticeEvent;
  /** New frames of a capture opened with packets/open (at most 20 a second); `ended` once the whole file was read. */
  'packets/update': CaptureParams & PacketsEventBody;
}

export type RequestName = keyof BackendRequests;
export type RequestParams<K extends RequestName> = BackendRequests[K]['params'];
export type RequestResult<K extends RequestName> = BackendRequests[K]['result'];
export type EventName = keyof BackendEvents;
export type EventPayload<K extends EventName> = BackendEvents[K];
