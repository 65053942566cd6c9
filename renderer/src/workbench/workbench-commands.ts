// The workbench's commands with their keybindings: what the palette lists and the keyboard runs.
import type { Workbench } from './workbench';

export function registerWorkbenchCommands(workbench: Workbench): void {
  const { commands, quickInput, notifications, backend, layout } = workbench;

  commands.register({
    id: 'workbench.action.showCommands',
    title: 'Show All Commands',
    keybinding: 'Ctrl+Shift+P',
    alternativeKeys: ['F1'],
    run: async () => {
      const items = commands
        .all()
        .filter((command) => command.id !== 'workbench.action.showCommands' && (!command.enabled || command.enabled()))
        .map((command) => ({ label: commands.label(command), description: command.keybinding, value: command.id }))
        .sort((a, b) => a.label.localeCompare(b.label));
      const id = await quickInput.pick(items, { title: 'Command Palette', placeholder: 'Type the name of a command to run' });
      if (id) await commands.run(id);
    },
  });

  commands.register({
    id: 'workbench.action.quickOpen',
    title: 'Go to File…',
    keybinding: 'Ctrl+P',
    run: async () => {
      if (!workbench.workspace.root) return notifications.info('Open a folder first; Go to File searches its files.');
      const files = backend.request('fs/listFiles').then((list) => {
        if (list.truncated) notifications.warn(`The workspace has more than ${list.paths.length} files; Go to File lists the first ${list.paths.length}.`);
        return list.paths.map((path) => {
          const slash = path.lastIndexOf('/');
          return { label: path, description: slash < 0 ? '' : path.slice(0, slash), value: path };
        });
      });
      const path = await quickInput.pick(files, { title: 'Go to File', placeholder: 'Search files by name' });
      if (path) await workbench.openEditor(path);
    },
  });

  commands.register({
    id: 'workbench.action.files.openFolder',
    title: 'Open Folder…',
    category: 'File',
    keybinding: 'Ctrl+O',
    run: async () => {
      let folder: string | null | undefined;
      if (workbench.host.nativeFolderPicker) {
        folder = (await backend.request('host/pickFolder')).path;
      } else {
        folder = await quickInput.prompt({
          title: 'Open Folder',
          placeholder: '/home/you/my-unikernel',
          value: workbench.workspace.root ?? '',
          prompt: 'Type the absolute path of a folder on the machine running Mirador, then press Enter.',
          validate: (value) => (value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) ? null : 'Give an absolute path (it starts with /).'),
        });
      }
      if (folder) await workbench.openFolder(folder);
    },
  });

  commands.register({ id: 'workbench.action.files.newFile', title: 'New File…', category: 'File', run: () => workbench.explorer.newEntry('file') });
  commands.register({ id: 'workbench.action.files.newFolder', title: 'New Folder…', category: 'File', run: () => workbench.explorer.newEntry('directory') });
  commands.register({ id: 'workbench.action.files.save', title: 'Save', category: 'File', keybinding: 'Ctrl+S', run: () => workbench.editors?.saveActive() });
  commands.register({ id: 'workbench.action.files.saveAll', title: 'Save All', category: 'File', keybinding: 'Ctrl+Alt+S', run: () => workbench.editors?.saveAll() });
  commands.register({
    id: 'workbench.action.files.revert',
    title: 'Revert File',
    category: 'File',
    run: async () => {
      const document = workbench.editors?.activeDocument;
      if (document) await workbench.documents?.revert(document);
    },
  });
  commands.register({
    id: 'workbench.action.closeActiveEditor',
    title: 'Close Editor',
    category: 'View',
    keybinding: 'Ctrl+W',
    alternativeKeys: ['Ctrl+F4', 'Alt+W'],
    run: () => workbench.editors?.closeActive(),
  });
  commands.register({ id: 'workbench.action.splitEditor', title: 'Split Editor', category: 'View', keybinding: 'Ctrl+\\', run: () => workbench.editors?.split() });

  const sideView = (id: string, title: string, keybinding?: string) =>
    commands.register({
      id: `workbench.view.${id}`,
      title: `Show ${title}`,
      category: 'View',
      keybinding,
      run: () => {
        const view = workbench.showSideView(id);
        view.focus?.();
      },
    });
  sideView('explorer', 'Explorer', 'Ctrl+Shift+E');
  sideView('search', 'Search', 'Ctrl+Shift+F');
  sideView('debug', 'Run and Debug', 'Ctrl+Shift+D');
  sideView('notebooks', 'Notebooks');
  sideView('targets', 'Targets');

  commands.register({
    id: 'workbench.action.toggleSidebarVisibility',
    title: 'Toggle Primary Side Bar Visibility',
    category: 'View',
    keybinding: 'Ctrl+B',
    run: () => layout.setSidebarVisible(!layout.isSidebarVisible),
  });
  commands.register({
    id: 'workbench.action.togglePanel',
    title: 'Toggle Panel Visibility',
    category: 'View',
    keybinding: 'Ctrl+J',
    run: () => layout.setPanelVisible(!layout.isPanelVisible),
  });
  commands.register({
    id: 'workbench.action.terminal.toggleTerminal',
    title: 'Toggle Terminal',
    category: 'View',
    keybinding: 'Ctrl+`',
    run: () => {
      if (layout.isPanelVisible && workbench.panel.active?.id === 'terminal') layout.setPanelVisible(false);
      else workbench.showPanel('terminal');
    },
  });
  commands.register({ id: 'workbench.action.terminal.new', title: 'Create New Terminal', category: 'Terminal', keybinding: 'Ctrl+Shift+`', run: () => workbench.newTerminal() });
  commands.register({ id: 'workbench.action.terminal.kill', title: 'Kill the Active Terminal Instance', category: 'Terminal', run: () => workbench.terminals?.killActive() });
  commands.register({ id: 'workbench.actions.view.problems', title: 'Focus on Problems View', category: 'View', keybinding: 'Ctrl+Shift+M', run: () => workbench.showPanel('problems') });
  commands.register({ id: 'workbench.action.output.toggleOutput', title: 'Toggle Output', category: 'View', keybinding: 'Ctrl+Shift+U', run: () => workbench.showPanel('output') });
  commands.register({
    id: 'workbench.action.tasks.build',
    title: 'Run Build Task',
    category: 'Build',
    keybinding: 'Ctrl+Shift+B',
    run: () => workbench.builds?.start(workbench.activeTarget),
  });
  commands.register({ id: 'workbench.action.tasks.cancelBuild', title: 'Cancel Build', category: 'Build', run: () => workbench.builds?.cancel() });
  commands.register({ id: 'workbench.action.debug.run', title: 'Run Without Debugging', category: 'Run', keybinding: 'Ctrl+F5', run: () => workbench.run() });
  commands.register({ id: 'workbench.action.debug.stop', title: 'Stop', category: 'Run', keybinding: 'Shift+F5', run: () => workbench.runs.stop() });
  commands.register({ id: 'workbench.action.debug.console', title: 'Focus on Console', category: 'View', run: () => workbench.showPanel('console') });
  commands.register({
    id: 'mirador.selectTarget',
    title: 'Select Active Target',
    category: 'Targets',
    run: async () => {
      const targets = workbench.backend.request('targets/list').then((list) =>
        list.map((target) => ({ label: target.label, description: target.available ? target.id : `${target.id} · ${target.reason ?? 'not available'}`, value: target.id })),
      );
      const id = await quickInput.pick(targets, { title: 'Select Active Target', placeholder: 'Target to run on' });
      if (id) workbench.setActiveTarget(id);
    },
  });
  commands.register({ id: 'workbench.action.reloadWindow', title: 'Reload Window', category: 'Developer', run: () => location.reload() });
  commands.register({
    id: 'workbench.action.showAboutDialog',
    title: 'About',
    category: 'Help',
    run: () => notifications.info(`Mirador ${workbench.host.version}: an IDE for unikernels. Backend on ${workbench.host.platform}.`),
  });
}
