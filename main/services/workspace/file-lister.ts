// Lists every file in the workspace for quick open, up to a limit so huge trees stay responsive.
import type { FileList } from '../../api/workspace-protocol';
import { walkWorkspaceFiles } from './workspace-walker';
import type { WorkspaceRoot } from './workspace-root';

export interface FileListerOptions {
  /** Stop after this many files (default 50000). */
  limit?: number;
}

export class FileLister {
  private readonly limit: number;

  constructor(
    private readonly root: WorkspaceRoot,
    options: FileListerOptions = {},
  ) {
    this.limit = options.limit ?? 50_000;
  }

  async list(): Promise<FileList> {
    const paths: string[] = [];
    let truncated = false;
    for await (const file of walkWorkspaceFiles(this.root)) {
      if (paths.length === this.limit) {
        truncated = true;
        break;
      }
      paths.push(file.rel);
    }
    return { paths: paths.sort(), truncated };
  }
}
