// Renders a DoctorReport as the plain-text table `mirador doctor` prints: mark, name, version or problem, fix.
import type { DoctorReport } from '../api/toolchain-protocol';

interface Row {
  mark: '✓' | '✗' | '!';
  name: string;
  state: string;
  fix?: string;
}

/** Longer states are not padded, so one long problem does not push every fix off the screen. */
const STATE_COLUMN_LIMIT = 40;

export function doctorReportTable(report: DoctorReport): string[] {
  const toolRows: Row[] = report.tools.map((tool) => ({
    // `!`: found but something is wrong with it (hangs, fails, wrong host).
    mark: !tool.found ? '✗' : tool.problem ? '!' : '✓',
    name: tool.name,
    state: tool.problem ?? tool.version ?? 'found (version unknown)',
    fix: tool.fix,
  }));
  const capabilityRows: Row[] = report.capabilities.map((capability) => ({
    mark: capability.available ? '✓' : '✗',
    name: capability.name,
    state: capability.detail,
    fix: capability.available ? undefined : capability.fix,
  }));
  const rows = [...toolRows, ...capabilityRows];
  const nameWidth = Math.max(...rows.map((row) => row.name.length));
  const stateWidth = Math.min(STATE_COLUMN_LIMIT, Math.max(...rows.filter((row) => row.fix).map((row) => row.state.length), 0));
  const line = (row: Row) => {
    const head = `${row.mark} ${row.name.padEnd(nameWidth)}  `;
    return row.fix ? `${head}${row.state.padEnd(stateWidth)}  fix: ${row.fix}` : `${head}${row.state}`;
  };
  const toolsFound = report.tools.filter((tool) => tool.found && !tool.problem).length;
  const capabilitiesAvailable = report.capabilities.filter((capability) => capability.available).length;
  return [
    'Tools',
    ...toolRows.map(line),
    '',
    'Host capabilities',
    ...capabilityRows.map(line),
    '',
    `${toolsFound} of ${report.tools.length} tools ready, ${capabilitiesAvailable} of ${report.capabilities.length} capabilities available.`,
  ];
}
