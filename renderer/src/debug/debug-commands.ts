// The debugger's commands and keys, as in VS Code: F5 start or continue, F6 pause, F10/F11/Shift+F11 step, F9 breakpoint,
// Ctrl+F10 run to cursor.
import type { CommandRegistry } from '../workbench/command-registry';
import type { DebugFeature } from './debug-feature';

export function registerDebugCommands(commands: CommandRegistry, debug: DebugFeature, showPanel: (id: string) => void): void {
  const { session } = debug;
  const stopped = () => session.phase === 'stopped';
  // Two commands share F5: the dispatcher takes the first enabled one, so F5 starts a session or continues a stopped one.
  commands.register({ id: 'workbench.action.debug.start', title: 'Start Debugging', category: 'Run', keybinding: 'F5', enabled: () => !stopped(), run: () => debug.start() });
  commands.register({ id: 'workbench.action.debug.continue', title: 'Continue', category: 'Debug', keybinding: 'F5', enabled: stopped, run: () => debug.continue() });
  commands.register({ id: 'workbench.action.debug.pause', title: 'Pause', category: 'Debug', keybinding: 'F6', enabled: () => session.phase === 'running', run: () => debug.pause() });
  commands.register({ id: 'workbench.action.debug.stepOver', title: 'Step Over', category: 'Debug', keybinding: 'F10', enabled: stopped, run: () => debug.step('next') });
  commands.register({ id: 'workbench.action.debug.stepInto', title: 'Step Into', category: 'Debug', keybinding: 'F11', enabled: stopped, run: () => debug.step('stepIn') });
  commands.register({ id: 'workbench.action.debug.stepOut', title: 'Step Out', category: 'Debug', keybinding: 'Shift+F11', enabled: stopped, run: () => debug.step('stepOut') });
  commands.register({ id: 'workbench.action.debug.restart', title: 'Restart', category: 'Debug', keybinding: 'Ctrl+Shift+F5', enabled: () => session.active, run: () => debug.restart() });
  commands.register({ id: 'editor.debug.action.jumpToCursor', title: 'Jump to Cursor', category: 'Debug', enabled: stopped, run: () => debug.jumpToCursor() });
  commands.register({ id: 'editor.debug.action.runToCursor', title: 'Run to Cursor', category: 'Debug', keybinding: 'Ctrl+F10', enabled: stopped, run: () => debug.runToCursor() });
  commands.register({ id: 'workbench.debug.viewlet.action.addDataBreakpoint', title: 'Add Data Breakpoint…', category: 'Debug', run: () => debug.addDataBreakpoint() });
  commands.register({ id: 'editor.debug.action.conditionalBreakpoint', title: 'Add Conditional Breakpoint…', category: 'Debug', run: () => debug.addConditionalBreakpoint() });
  commands.register({ id: 'editor.debug.action.toggleBreakpoint', title: 'Toggle Breakpoint', category: 'Debug', keybinding: 'F9', run: () => debug.toggleBreakpointAtCursor() });
  commands.register({ id: 'workbench.debug.viewlet.action.addFunctionBreakpointAction', title: 'Add Function Breakpoint…', category: 'Debug', run: () => debug.addFunctionBreakpoint() });
  commands.register({ id: 'workbench.debug.viewlet.action.removeAllBreakpoints', title: 'Remove All Breakpoints', category: 'Debug', run: () => debug.breakpoints.removeAll() });
  commands.register({ id: 'workbench.debug.action.focusRepl', title: 'Focus on Debug Console View', category: 'View', keybinding: 'Ctrl+Shift+Y', run: () => showPanel('debug-console') });
  commands.register({ id: 'debug.openDisassemblyView', title: 'Open Disassembly View', category: 'Debug', run: () => showPanel('disassembly') });
  commands.register({ id: 'mirador.debug.openMemoryView', title: 'Open Memory View', category: 'Debug', run: () => showPanel('memory') });
  commands.register({ id: 'workbench.debug.action.addWatchExpression', title: 'Add Watch Expression', category: 'Debug', run: () => debug.watch.focusInput() });
}
