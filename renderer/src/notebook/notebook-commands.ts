// The notebook's commands in the palette: they act on the notebook in the active tab.
import type { CommandRegistry } from '../workbench/command-registry';
import type { Notifications } from '../workbench/notifications';
import type { NotebookEditor } from './notebook-editor';
import type { NotebookFeature } from './notebook-feature';

export function registerNotebookCommands(commands: CommandRegistry, feature: NotebookFeature, notifications: Notifications): void {
  const onActive = (run: (notebook: NotebookEditor) => unknown) => () => {
    const notebook = feature.active;
    if (!notebook) return notifications.info('Open a notebook (.ipynb) first; this command acts on the notebook in the active tab.');
    return run(notebook);
  };
  commands.register({ id: 'notebook.new', title: 'New Notebook…', category: 'Notebook', run: () => feature.newNotebook() });
  commands.register({ id: 'notebook.openTutorial', title: 'Open the Lwt Tutorial', category: 'Notebook', run: () => feature.openTutorial() });
  commands.register({ id: 'notebook.runAll', title: 'Run All Cells', category: 'Notebook', run: onActive((notebook) => notebook.runCells(notebook.cells)), enabled: () => feature.active !== undefined });
  commands.register({ id: 'notebook.runAbove', title: 'Run All Above Selected Cell', category: 'Notebook', run: onActive((notebook) => notebook.runFromSelection(true)), enabled: () => feature.active !== undefined });
  commands.register({ id: 'notebook.runBelow', title: 'Run Selected Cell and All Below', category: 'Notebook', run: onActive((notebook) => notebook.runFromSelection(false)), enabled: () => feature.active !== undefined });
  commands.register({ id: 'notebook.restartAndRunAll', title: 'Restart Kernel and Run All Cells', category: 'Notebook', run: onActive((notebook) => notebook.restartAndRunAll()), enabled: () => feature.active !== undefined });
  commands.register({ id: 'notebook.clearAllOutputs', title: 'Clear All Outputs', category: 'Notebook', run: onActive((notebook) => notebook.clearAllOutputs()), enabled: () => feature.active !== undefined });
  commands.register({ id: 'notebook.interrupt', title: 'Interrupt Kernel', category: 'Notebook', run: onActive((notebook) => notebook.interrupt()), enabled: () => feature.active !== undefined });
  commands.register({ id: 'notebook.restart', title: 'Restart Kernel', category: 'Notebook', run: onActive((notebook) => notebook.restart()), enabled: () => feature.active !== undefined });
}
