// The `mirador --help` text: one line per command, kept next to the dispatcher that honours it.

export const USAGE = `Usage: mirador <command> [options]

Commands:
  start [--workspace DIR]                        open the Mirador window (falls back to browser mode where Electron cannot run)
  web [--port N] [--workspace DIR] [--no-open]   serve Mirador to your browser on 127.0.0.1 (default port 8417; 0 picks a free one)

Options:
  --version   print the version
  --help      print this help

Environment:
  MIRADOR_USER_DATA_DIR   where backups and recent folders are kept (default: $XDG_CONFIG_HOME/mirador)
  MIRADOR_BROWSER         program that opens the URL (default: xdg-open / open)
`;
