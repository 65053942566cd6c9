// Breakpoints in Monaco's glyph margin: a click toggles one, hovering shows where it would go, and they move with edits.
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import type { Monaco } from '../editor/monaco-loader';
import type { BreakpointStore, SourceBreakpoint } from './breakpoint-store';

type Model = MonacoApi.editor.ITextModel;
type Editor = MonacoApi.editor.ICodeEditor;

/** The workspace path of a model Mirador's DocumentManager created (`mirador:/<path>`), or undefined for any other model. */
export function workspacePathOfModel(model: Model): string | undefined {
  return model.uri.scheme === 'mirador' ? model.uri.path.replace(/^\//, '') : undefined;
}

export class BreakpointGutter {
  /** Per model: decoration id → the breakpoint it draws and the line it was drawn on. */
  private readonly drawn = new Map<Model, Map<string, { id: number; line: number }>>();

  constructor(
    private readonly monaco: Monaco,
    private readonly store: BreakpointStore,
  ) {
    for (const editor of monaco.editor.getEditors()) this.attachEditor(editor);
    monaco.editor.onDidCreateEditor((editor) => this.attachEditor(editor));
    for (const model of monaco.editor.getModels()) this.attachModel(model);
    monaco.editor.onDidCreateModel((model) => this.attachModel(model));
    store.onDidChange(() => {
      for (const model of this.drawn.keys()) this.render(model);
    });
  }

  /** F9: toggles the breakpoint on the cursor's line of an editor. */
  toggleAtCursor(editor: Editor | undefined): boolean {
    const model = editor?.getModel();
    const position = editor?.getPosition();
    const path = model ? workspacePathOfModel(model) : undefined;
    if (!path || !position) return false;
    this.store.toggleLine(path, position.lineNumber);
    return true;
  }

  private attachEditor(editor: Editor): void {
    editor.updateOptions({ glyphMargin: true });
    const hint = editor.createDecorationsCollection();
    let hintLine: number | undefined;
    const clearHint = () => {
      hintLine = undefined;
      hint.clear();
    };
    const { MouseTargetType } = this.monaco.editor;
    editor.onMouseDown((event) => {
      if (event.target.type !== MouseTargetType.GUTTER_GLYPH_MARGIN || !event.target.position || event.event.rightButton) return;
      const model = editor.getModel();
      const path = model ? workspacePathOfModel(model) : undefined;
      if (!path) return;
      event.event.preventDefault();
      this.store.toggleLine(path, event.target.position.lineNumber);
      clearHint();
    });
    editor.onMouseMove((event) => {
      const model = editor.getModel();
      const line = event.target.type === MouseTargetType.GUTTER_GLYPH_MARGIN ? event.target.position?.lineNumber : undefined;
      const path = model ? workspacePathOfModel(model) : undefined;
      if (!line || !path || this.store.sources(path).some((breakpoint) => breakpoint.line === line)) return clearHint();
      // Mouse moves come by the dozen; the decoration changes only when the line does.
      if (line === hintLine) return;
      hintLine = line;
      hint.set([
        {
          range: new this.monaco.Range(line, 1, line, 1),
          options: { glyphMarginClassName: 'codicon codicon-debug-hint debug-breakpoint-hint', glyphMarginHoverMessage: { value: 'Click to add a breakpoint' } },
        },
      ]);
    });
    editor.onMouseLeave(() => clearHint());
    editor.onDidChangeModel(() => clearHint());
  }

  private attachModel(model: Model): void {
    const path = workspacePathOfModel(model);
    if (!path) return;
    this.drawn.set(model, new Map());
    this.render(model);
    model.onDidChangeContent(() => this.followEdits(model, path));
    model.onWillDispose(() => this.drawn.delete(model));
  }

  private render(model: Model): void {
    const path = workspacePathOfModel(model);
    const drawn = this.drawn.get(model);
    if (!path || !drawn || model.isDisposed()) return;
    const lineCount = model.getLineCount();
    const breakpoints = this.store.sources(path).filter((breakpoint) => breakpoint.line <= lineCount);
    const ids = model.deltaDecorations(
      [...drawn.keys()],
      breakpoints.map((breakpoint) => ({
        range: new this.monaco.Range(breakpoint.line, 1, breakpoint.line, 1),
        options: {
          glyphMarginClassName: `codicon ${glyphClass(breakpoint)} debug-breakpoint-glyph`,
          glyphMarginHoverMessage: { value: hoverText(breakpoint) },
          stickiness: this.monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
          overviewRuler: breakpoint.enabled ? { color: '#e51400', position: this.monaco.editor.OverviewRulerLane.Left } : undefined,
        },
      })),
    );
    drawn.clear();
    ids.forEach((id, index) => drawn.set(id, { id: breakpoints[index].id, line: breakpoints[index].line }));
  }

  /** Reads back where the decorations went after an edit and moves the breakpoints there. */
  private followEdits(model: Model, path: string): void {
    const drawn = this.drawn.get(model);
    if (!drawn) return;
    const moves = new Map<number, number>();
    for (const [decorationId, { id, line }] of drawn) {
      const range = model.getDecorationRange(decorationId);
      if (range && range.startLineNumber !== line) moves.set(id, range.startLineNumber);
    }
    if (moves.size) this.store.moveLines(path, moves);
  }
}

function glyphClass(breakpoint: SourceBreakpoint): string {
  const base = breakpoint.logMessage ? 'codicon-debug-breakpoint-log' : breakpoint.condition || breakpoint.hitCondition ? 'codicon-debug-breakpoint-conditional' : 'codicon-debug-breakpoint';
  if (!breakpoint.enabled) return `${base}-disabled`;
  if (breakpoint.verified === false) return `${base}-unverified`;
  return base;
}

function hoverText(breakpoint: SourceBreakpoint): string {
  const parts = [breakpoint.enabled ? 'Breakpoint' : 'Disabled breakpoint'];
  if (breakpoint.condition) parts.push(`condition: \`${breakpoint.condition}\``);
  if (breakpoint.hitCondition) parts.push(`hit count: ${breakpoint.hitCondition}`);
  if (breakpoint.logMessage) parts.push(`log: ${breakpoint.logMessage}`);
  if (breakpoint.verified === false) parts.push(`not set: ${breakpoint.message ?? 'the debugger found no code here'}`);
  if (breakpoint.actualLine) parts.push(`the debugger placed it on line ${breakpoint.actualLine}`);
  return parts.join(' · ');
}
