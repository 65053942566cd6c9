// The adapter's custom packet requests (mirador/packetRows, packetDetail, setFilter, exportCapture, followStream) on a run's capture.
import path from 'node:path';
import {
  EXPORT_CAPTURE_REQUEST,
  FOLLOW_STREAM_REQUEST,
  CONVERSATIONS_REQUEST,
  PACKET_DETAIL_REQUEST,
  PACKET_ROWS_REQUEST,
  SET_FILTER_REQUEST,
  type ExportCaptureArguments,
  type ExportCaptureResult,
} from '../../api/packets-protocol';
import { MiradorError } from '../../services/mirador-error';
import type { PacketTable } from '../../services/packets/packet-table';

export const PACKET_REQUESTS: ReadonlySet<string> = new Set([PACKET_ROWS_REQUEST, PACKET_DETAIL_REQUEST, SET_FILTER_REQUEST, EXPORT_CAPTURE_REQUEST, FOLLOW_STREAM_REQUEST, CONVERSATIONS_REQUEST]);

type Args = Record<string, unknown>;

function integer(args: Args, name: string, command: string): number {
  const value = args[name];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new MiradorError('invalid-params', `${command}: "${name}" must be a whole number.`);
  return value;
}

/** The body of the answer; throws a MiradorError (or a PacketFilterError) for the error response. `cwd` resolves export paths. */
export async function answerPacketRequest(command: string, rawArgs: unknown, table: PacketTable, cwd: string): Promise<object> {
  const args: Args = rawArgs !== null && typeof rawArgs === 'object' ? (rawArgs as Args) : {};
  switch (command) {
    case PACKET_ROWS_REQUEST:
      return { rows: table.rows(integer(args, 'start', command), integer(args, 'count', command)), total: table.total, matched: table.matched };
    case PACKET_DETAIL_REQUEST:
      return table.detail(integer(args, 'number', command));
    case SET_FILTER_REQUEST: {
      if (typeof args.filter !== 'string') throw new MiradorError('invalid-params', `${command}: "filter" must be a string (empty for none).`);
      return table.setFilter(args.filter);
    }
    case EXPORT_CAPTURE_REQUEST:
      return exportCapture(args as Partial<ExportCaptureArguments>, table, cwd);
    case FOLLOW_STREAM_REQUEST:
      return table.followStream(integer(args, 'number', command));
    case CONVERSATIONS_REQUEST:
      return { conversations: table.conversationList() };
    default:
      throw new MiradorError('invalid-params', `unknown request ${command}`);
  }
}

async function exportCapture(args: Partial<ExportCaptureArguments>, table: PacketTable, cwd: string): Promise<ExportCaptureResult> {
  if (typeof args.path !== 'string' || args.path === '') throw new MiradorError('invalid-params', `${EXPORT_CAPTURE_REQUEST}: "path" must name the file to write, e.g. "run.pcapng".`);
  if (args.format !== undefined && args.format !== 'pcapng' && args.format !== 'pcap') throw new MiradorError('invalid-params', `${EXPORT_CAPTURE_REQUEST}: "format" must be "pcapng" or "pcap".`);
  const file = path.resolve(cwd, args.path);
  try {
    return { path: file, ...(await table.export(file, args.format ?? 'pcapng', args.filtered === true)) };
  } catch (error) {
    throw new MiradorError('unavailable', `could not write ${file}: ${(error as Error).message}`);
  }
}
