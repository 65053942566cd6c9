// `mirador targets [--json]`: every target the extensions contribute, whether it can run here, and the fix when not.
import { inspectionHost } from '../../debug/targets/target-host';
import { TargetRegistry } from '../../debug/targets/target-registry';
import { ToolchainDoctor } from '../../services/toolchain/toolchain-doctor';
import type { CliCommand } from '../cli-command';
import { parseCommandOptions } from '../parse-command-options';
import { targetListTable } from '../target-list-table';

export const targetsCommand: CliCommand = {
  async run(args, context) {
    const values = parseCommandOptions(args, { json: { type: 'boolean' } });
    const report = await new ToolchainDoctor({ env: context.env }).report();
    const registry = TargetRegistry.builtin();
    const targets = registry.list(inspectionHost(report, process.cwd()));
    if (values.json) context.stdout(JSON.stringify(targets, null, 2));
    else for (const line of targetListTable(targets)) context.stdout(line);
    for (const problem of registry.problems) context.stderr(`warning: ${problem}`);
    // A listing, not a check: unavailable targets are news, not a failure of the command.
    return 0;
  },
};
