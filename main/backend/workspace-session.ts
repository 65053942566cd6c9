// The open workspace and the services bound to it; replaced as a whole when the user opens another folder.
import path from 'node:path';
import type { WorkspaceChange, WorkspaceInfo } from '../api';
import { MiradorError } from '../services/mirador-error';
import { BackupStore } from '../services/workspace/backup-store';
import { DirectoryWatcher } from '../services/workspace/directory-watcher';
import { FileLister } from '../services/workspace/file-lister';
import { FileService } from '../services/workspace/file-service';
import { TextSearch } from '../services/workspace/text-search';
import { WorkspaceRoot } from '../services/workspace/workspace-root';

export interface OpenWorkspace {
  root: WorkspaceRoot;
  files: FileService;
  watcher: DirectoryWatcher;
  lister: FileLister;
  search: TextSearch;
  backups: BackupStore;
}

export class WorkspaceSession {
  private current: OpenWorkspace | null = null;

  constructor(
    private readonly userDataDir: string,
    private readonly onChanges: (changes: WorkspaceChange[]) => void,
  ) {}

  async open(folder: string): Promise<WorkspaceInfo> {
    if (!path.isAbsolute(folder)) {
      throw new MiradorError('invalid-params', `"${folder}" is not an absolute path; give the full path of a folder.`);
    }
    const root = await WorkspaceRoot.open(folder);
    this.close();
    this.current = {
      root,
      files: new FileService(root),
      watcher: new DirectoryWatcher(root, this.onChanges),
      lister: new FileLister(root),
      search: new TextSearch(root),
      backups: new BackupStore(BackupStore.folderFor(this.userDataDir, root.folder)),
    };
    return this.info();
  }

  info(): WorkspaceInfo {
    if (!this.current) return { root: null, name: 'No folder open' };
    return { root: this.current.root.folder, name: path.basename(this.current.root.folder) };
  }

  /** The open workspace, or a no-workspace error telling the user to open a folder. */
  require(): OpenWorkspace {
    if (!this.current) throw new MiradorError('no-workspace', 'No folder is open. Open a folder first (File › Open Folder).');
    return this.current;
  }

  folder(): string | null {
    return this.current?.root.folder ?? null;
  }

  close(): void {
    this.current?.watcher.dispose();
    this.current = null;
  }
}
