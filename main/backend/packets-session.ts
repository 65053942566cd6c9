// Capture files a renderer opened: each read in the background into a PacketTable, browsed by id, announced in batches.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConversationsResult, ExportCaptureResult, FollowStreamResult, PacketDetailResult, PacketRowsResult, PacketsEventBody, SetFilterResult } from '../api';
import { streamCaptureFile } from '../services/capture/capture-file-streamer';
import { MiradorError } from '../services/mirador-error';
import { PacketsAnnouncer } from '../services/packets/packets-announcer';
import { PacketTable } from '../services/packets/packet-table';
import type { WorkspaceSession } from './workspace-session';

export interface PacketsSessionOptions {
  /** The absolute path of a workspace-relative or absolute path; refuses relative paths that leave the workspace. */
  resolvePath(file: string, purpose: 'read' | 'write'): Promise<string>;
  onUpdate(captureId: number, body: PacketsEventBody): void;
}

interface OpenCapture {
  table: PacketTable;
  announcer: PacketsAnnouncer;
  closed: boolean;
}

export class PacketsSession {
  private readonly captures = new Map<number, OpenCapture>();
  private nextId = 1;

  constructor(private readonly options: PacketsSessionOptions) {}

  async open(file: string): Promise<{ captureId: number; name: string }> {
    const absolute = await this.options.resolvePath(file, 'read');
    // Checked before answering, so a file that cannot be opened fails the request itself rather than a later event.
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new MiradorError('not-found', `Cannot open ${file}: there is no such file.`);
    if (!info.isFile()) throw new MiradorError('is-a-directory', `Cannot open ${file}: it is not a file; choose a .pcap or .pcapng file.`);
    const captureId = this.nextId++;
    const table = new PacketTable();
    const capture: OpenCapture = { table, announcer: new PacketsAnnouncer(table, (body) => this.options.onUpdate(captureId, body)), closed: false };
    this.captures.set(captureId, capture);
    void streamCaptureFile(absolute, {
      onFrames: (frames) => {
        for (const frame of frames) table.append(frame);
        capture.announcer.framesArrived();
      },
      stopped: () => capture.closed,
    }).then((result) => {
      if (capture.closed) return;
      const error = result.error;
      const reason = !error
        ? `read all ${result.frameCount} frames of ${path.basename(absolute)}`
        : (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? `cannot open ${absolute}: no such file`
          : `${path.basename(absolute)} is damaged: ${error.message}; the ${result.frameCount} frames before the damage are shown`;
      capture.announcer.end(reason);
    });
    return { captureId, name: path.basename(absolute) };
  }

  rows(captureId: number, start: number, count: number): PacketRowsResult {
    const { table } = this.require(captureId);
    return { rows: table.rows(start, count), total: table.total, matched: table.matched };
  }

  detail(captureId: number, number: number): PacketDetailResult {
    return this.require(captureId).table.detail(number);
  }

  setFilter(captureId: number, filter: string): Promise<SetFilterResult> {
    return this.require(captureId).table.setFilter(filter);
  }

  async export(captureId: number, file: string, format: 'pcapng' | 'pcap' | undefined, filtered: boolean): Promise<ExportCaptureResult> {
    const { table } = this.require(captureId);
    const absolute = await this.options.resolvePath(file, 'write');
    try {
      const written = await table.export(absolute, format ?? 'pcapng', filtered);
      return { path: absolute, ...written };
    } catch (error) {
      throw new MiradorError('unavailable', `Could not write ${absolute}: ${(error as Error).message}`);
    }
  }

  conversations(captureId: number): ConversationsResult {
    return { conversations: this.require(captureId).table.conversationList() };
  }

  followStream(captureId: number, number: number): FollowStreamResult {
    return this.require(captureId).table.followStream(number);
  }

  close(captureId: number): void {
    const capture = this.captures.get(captureId);
    if (!capture) return;
    capture.closed = true;
    capture.announcer.dispose();
    this.captures.delete(captureId);
  }

  dispose(): void {
    for (const captureId of [...this.captures.keys()]) this.close(captureId);
  }

  private require(captureId: number): OpenCapture {
    const capture = this.captures.get(captureId);
    if (!capture) throw new MiradorError('not-found', `Capture ${captureId} is not open (it was closed, or the window reconnected): open the file again.`);
    return capture;
  }
}

/** Absolute paths are taken as they are (the user picked the file); relative ones must stay inside the open workspace. */
export function capturePathResolver(workspace: WorkspaceSession): PacketsSessionOptions['resolvePath'] {
  return async (file, purpose) => {
    if (typeof file !== 'string' || file === '') throw new MiradorError('invalid-params', 'Give the path of a capture file, e.g. "captures/run.pcapng".');
    if (path.isAbsolute(file)) return file;
    const root = workspace.require().root;
    return purpose === 'read' ? root.resolveReal(file) : root.resolve(file);
  };
}
