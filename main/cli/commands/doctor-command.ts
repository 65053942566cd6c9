// `mirador doctor [--json]`: which tools and host capabilities Mirador's targets can use here, and the fix for each gap.
import { ToolchainDoctor } from '../../services/toolchain/toolchain-doctor';
import type { CliCommand } from '../cli-command';
import { doctorReportTable } from '../doctor-report-table';
import { parseCommandOptions } from '../parse-command-options';

export const doctorCommand: CliCommand = {
  async run(args, context) {
    const values = parseCommandOptions(args, { json: { type: 'boolean' } });
    const report = await new ToolchainDoctor({ env: context.env }).report();
    if (values.json) context.stdout(JSON.stringify(report, null, 2));
    else for (const line of doctorReportTable(report)) context.stdout(line);
    // A report, not a check: missing tools are news, not a failure of the command.
    return 0;
  },
};
