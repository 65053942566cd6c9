// The Problems panel: every marker Monaco holds (build errors arrive as markers), grouped by file, opening at the spot.
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import { el, icon } from '../workbench/element';
import type { View } from '../workbench/view';

export interface ProblemsHost {
  openAt(path: string, line: number, column: number): void;
  onCount(errors: number, warnings: number): void;
}

export class ProblemsView implements View {
  readonly id = 'problems';
  readonly title = 'Problems';
  readonly icon = 'warning';
  readonly element: HTMLElement;
  private monaco: typeof MonacoApi | undefined;

  constructor(private readonly host: ProblemsHost) {
    this.element = el('div', { className: 'problems-view', role: 'tree', 'aria-label': 'Problems' });
    this.render();
  }

  attach(monaco: typeof MonacoApi): void {
    this.monaco = monaco;
    monaco.editor.onDidChangeMarkers(() => this.render());
    this.render();
  }

  private render(): void {
    const markers = this.monaco?.editor.getModelMarkers({}) ?? [];
    const severity = this.monaco?.MarkerSeverity;
    const errors = markers.filter((marker) => marker.severity === severity?.Error).length;
    const warnings = markers.filter((marker) => marker.severity === severity?.Warning).length;
    this.host.onCount(errors, warnings);
    if (markers.length === 0) {
      this.element.replaceChildren(el('p', { className: 'empty-message' }, 'No problems have been detected in the workspace.'));
      return;
    }
    this.element.replaceChildren(
      ...markers.map((marker) => {
        const path = marker.resource.path.replace(/^\//, '');
        const kind = marker.severity === severity?.Error ? 'error' : marker.severity === severity?.Warning ? 'warning' : 'info';
        return el(
          'button',
          {
            className: 'problem-row',
            role: 'treeitem',
            'aria-label': `${kind}: ${marker.message} at ${path} line ${marker.startLineNumber}`,
            onclick: () => this.host.openAt(path, marker.startLineNumber, marker.startColumn),
          },
          icon(kind),
          el('span', { className: 'problem-message' }, marker.message),
          el('span', { className: 'problem-location' }, `${path} [Ln ${marker.startLineNumber}, Col ${marker.startColumn}]`),
        );
      }),
    );
  }
}
