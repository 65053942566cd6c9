// `mirador web [--port N] [--workspace DIR] [--no-open]`: browser mode.
import type { CliCommand } from '../cli-command';
import { UsageError } from '../cli-error';
import { parseCommandOptions } from '../parse-command-options';
import { DEFAULT_WEB_PORT, serveInBrowser } from '../serve-in-browser';
import { resolveWorkspaceOption } from '../workspace-option';

export const webCommand: CliCommand = {
  async run(args, context) {
    const values = parseCommandOptions(args, {
      port: { type: 'string' },
      workspace: { type: 'string' },
      'no-open': { type: 'boolean' },
    });
    const port = values.port === undefined ? DEFAULT_WEB_PORT : parsePort(values.port);
    const workspace = resolveWorkspaceOption(values.workspace);
    return serveInBrowser({ port, portIsFlexible: false, workspace, open: !values['no-open'] }, context);
  },
};

function parsePort(text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not ${text}`);
  return port;
}
