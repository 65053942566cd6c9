// `%doctor` and `%targets`: the toolchain report and the targets it enables, as `mirador doctor` and `mirador targets` print them.
import { doctorReportTable } from '../../cli/doctor-report-table';
import { targetListTable } from '../../cli/target-list-table';
import { inspectionHost } from '../../debug/targets/target-host';
import { TargetRegistry } from '../../debug/targets/target-registry';
import { ToolchainDoctor } from '../../services/toolchain/toolchain-doctor';
import { MagicFailure, stdout, type Magic } from '../magic-context';

export const doctorMagic: Magic = async (args, context) => {
  if (args.length > 0) throw new MagicFailure('UsageError', 'usage: %doctor (no arguments)');
  const report = await new ToolchainDoctor().report();
  stdout(context, `${doctorReportTable(report).join('\n')}\n`);
};

export const targetsMagic: Magic = async (args, context) => {
  if (args.length > 0) throw new MagicFailure('UsageError', 'usage: %targets (no arguments)');
  const report = await new ToolchainDoctor().report();
  const targets = TargetRegistry.builtin().list(inspectionHost(report, context.workspace ?? process.cwd()));
  stdout(context, `${targetListTable(targets).join('\n')}\n`);
};
