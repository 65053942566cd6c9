// The native menu: File (Open Folder…, Quit), Edit roles, and View > Toggle Developer Tools during development only.
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface ApplicationMenuActions {
  openFolder(): void;
  /** False in a packaged app: developer tools are for working on Mirador, not in it. */
  developerTools: boolean;
}

export function buildApplicationMenu(actions: ApplicationMenuActions): Menu {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        // No accelerator: keyboard shortcuts belong to the workbench, which runs the same in a browser tab.
        { label: 'Open Folder…', click: () => actions.openFolder() },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
    },
  ];
  if (actions.developerTools) {
    template.push({ label: '&View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] });
  }
  return Menu.buildFromTemplate(template);
}
