// `--pcap` and `--syslog` record the guest's network, so the launch needs one: user-mode by default (no privileges),
// never `none`.
import type { LaunchArguments } from '../../api/launch-protocol';
import { CliError } from '../cli-error';

export function withCaptureNetwork(launch: LaunchArguments, option: '--pcap' | '--syslog'): LaunchArguments {
  if (launch.network?.mode === 'none') {
    throw new CliError(`${option} records the guest's network: use it with --net user or --net tap:NAME, not with a network of mode none`, 2);
  }
  return { ...launch, capture: true, network: launch.network ?? { mode: 'user' } };
}
