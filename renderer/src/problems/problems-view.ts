// The Problems panel: every marker Monaco holds (build errors arrive as markers), grouped by file, opening at the spot.
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import type { BuildProblem } from '../../../main/api';
import { BUILD_MARKER_OWNER } from '../build/build-problems';
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
  private buildProblems: readonly BuildProblem[] = [];

  constructor(private readonly host: ProblemsHost) {
    this.element = el('div', { className: 'problems-view', role: 'tree', 'aria-label': 'Problems' });
    this.render();
  }

  /** Build problems are listed for every file, open or not; Monaco only holds markers of open files. */
  setBuildProblems(problems: readonly BuildProblem[]): void {
    this.buildProblems = problems;
    this.render();
  }

  attach(monaco: typeof MonacoApi): void {
    this.monaco = monaco;
    monaco.editor.onDidChangeMarkers(() => this.render());
    this.render();
  }

  private render(): void {
    const severity = this.monaco?.MarkerSeverity;
    const level = (name: BuildProblem['severity']) => (name === 'error' ? severity?.Error : name === 'warning' ? severity?.Warning : severity?.Info) ?? 0;
    const fromBuild = this.buildProblems.map((problem) => ({
      resource: { path: `/${problem.file}` },
      message: problem.message,
      severity: level(problem.severity),
      startLineNumber: problem.line,
      startColumn: problem.column,
    }));
    const markers = [...fromBuild, ...(this.monaco?.editor.getModelMarkers({}) ?? []).filter((marker) => marker.owner !== BUILD_MARKER_OWNER)];
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
