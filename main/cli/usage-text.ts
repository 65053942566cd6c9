// The `mirador --help` text: one line per command, kept next to the dispatcher that honours it.

export const USAGE = `Usage: mirador <command> [options]

Commands:
  start [--workspace DIR]                        open the Mirador window (falls back to browser mode where Electron cannot run)
  web [--port N] [--workspace DIR] [--no-open]   serve Mirador to your browser on 127.0.0.1 (default port 8417; 0 picks a free one)
  build [--target T]                             build the project in this folder (MirageOS, dune or make); prints the image path
  doctor [--json]                                which tools and host capabilities are usable here, and the fix for each gap
  targets [--json]                               the targets (qemu, virtio, hvt, spt, xen, unix): available here?, reason, fix
  run [--config NAME] | --target T --kernel FILE [--initrd F] [--append S] [--mem MB] [--accel auto|kvm|tcg]
      [--net user|none|tap:NAME] [--pcap FILE] [--syslog] [--until REGEX] [--timeout SEC]
                                                 boot a unikernel, console on stdout; exits with the guest's status
  dissect FILE [--filter EXPR] [--json] [-n] [--no-reassembly]
                                                 summary lines of a pcap/pcapng capture (like tshark; - reads stdin), or the
                                                 detail trees as JSON; -n: MAC addresses as numbers, --no-reassembly: IP
                                                 fragments one by one (as tshark -o ip.defragment:FALSE)
  notebook run IN.ipynb [--output OUT.ipynb] [--timeout SEC]
                                                 run every code cell (OCaml, and the magics %%file %build %run %targets %doctor
                                                 on this folder), save outputs; non-zero at the first failing cell
  new --list | new TEMPLATE DIR                  list the project templates, or start a project in DIR (new or empty) from one
  debug-adapter                                  the debug adapter, speaking DAP on stdin/stdout (for editors)

Options:
  --version   print the version
  --help      print this help

Environment:
  MIRADOR_USER_DATA_DIR   where backups and recent folders are kept (default: $XDG_CONFIG_HOME/mirador)
  MIRADOR_BROWSER         program that opens the URL (default: xdg-open / open)
`;

/** Where the Commands list's descriptions start. */
const DESCRIPTION_COLUMN = 49;

/**
 * The usage of one command, from its lines of the Commands list: what a wrong option or `mirador CMD --help` shows,
 * short enough to read at once (as git and npm do). Undefined for a name the list does not have.
 */
export function commandUsage(command: string): string | undefined {
  const lines = USAGE.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`  ${command} `));
  if (start < 0) return undefined;
  const synopsis: string[] = [];
  const description: string[] = [];
  // A command's continuation lines are indented deeper than the two spaces that start each command.
  for (let index = start; index < lines.length && (index === start || lines[index]!.startsWith('   ')); index++) {
    const line = lines[index]!;
    const text = line.slice(0, DESCRIPTION_COLUMN).trim();
    // A synopsis line too long to leave room for a description runs through the column.
    if (line.length > DESCRIPTION_COLUMN && line.slice(DESCRIPTION_COLUMN - 2, DESCRIPTION_COLUMN) !== '  ') {
      synopsis.push(line.trim());
      continue;
    }
    if (text !== '') synopsis.push(text);
    if (line.length > DESCRIPTION_COLUMN) description.push(line.slice(DESCRIPTION_COLUMN).trim());
  }
  const indent = ' '.repeat('Usage: mirador '.length);
  return [
    `Usage: mirador ${synopsis[0]}`,
    ...synopsis.slice(1).map((line) => indent + line),
    '',
    ...description.map((line) => `  ${line}`),
    '',
    'Run `mirador --help` for every command.',
  ].join('\n');
}
