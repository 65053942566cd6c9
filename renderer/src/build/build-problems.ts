// Keeps the last build's compiler problems and shows them as Monaco markers on every open (or later opened) file.
import type { BuildProblem } from '../../../main/api';
import type { Monaco } from '../editor/monaco-loader';

export const BUILD_MARKER_OWNER = 'build';

export class BuildProblems {
  private problems: BuildProblem[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly monaco: Monaco) {
    monaco.editor.onDidCreateModel((model) => this.applyToModel(model));
  }

  get all(): readonly BuildProblem[] {
    return this.problems;
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  set(problems: BuildProblem[]): void {
    this.problems = problems;
    for (const model of this.monaco.editor.getModels()) this.applyToModel(model);
    for (const listener of this.listeners) listener();
  }

  private applyToModel(model: ReturnType<Monaco['editor']['getModels']>[number]): void {
    if (model.uri.scheme !== 'mirador') return;
    const path = model.uri.path.replace(/^\//, '');
    const severity = this.monaco.MarkerSeverity;
    this.monaco.editor.setModelMarkers(
      model,
      BUILD_MARKER_OWNER,
      this.problems
        .filter((problem) => problem.file === path)
        .map((problem) => ({
          startLineNumber: problem.line,
          startColumn: problem.column,
          endLineNumber: problem.endLine ?? problem.line,
          endColumn: problem.endColumn ?? model.getLineMaxColumn(Math.min(problem.line, model.getLineCount())),
          message: problem.message,
          severity: problem.severity === 'error' ? severity.Error : problem.severity === 'warning' ? severity.Warning : severity.Info,
          source: problem.source,
        })),
    );
  }
}
