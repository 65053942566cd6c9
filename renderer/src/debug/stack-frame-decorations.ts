// Marks where the debugged guest is stopped: the current line (top frame) or the frame picked in the call stack.
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import type { Monaco } from '../editor/monaco-loader';
import { workspacePathOfModel } from './breakpoint-gutter';

type Model = MonacoApi.editor.ITextModel;

export interface StackFrameLocation {
  /** Workspace-relative path of the source. */
  path: string;
  line: number;
  column: number;
  /** The innermost frame (yellow) or one the user picked further up the stack (green), as in VS Code. */
  top: boolean;
}

export class StackFrameDecorations {
  private location: StackFrameLocation | undefined;
  private readonly drawn = new Map<Model, string[]>();

  constructor(private readonly monaco: Monaco) {
    monaco.editor.onDidCreateModel((model) => {
      if (this.location && workspacePathOfModel(model) === this.location.path) this.draw(model);
    });
  }

  set(location: StackFrameLocation | undefined): void {
    this.location = location;
    for (const [model, ids] of this.drawn) {
      if (!model.isDisposed()) model.deltaDecorations(ids, []);
    }
    this.drawn.clear();
    if (!location) return;
    for (const model of this.monaco.editor.getModels()) {
      if (workspacePathOfModel(model) === location.path) this.draw(model);
    }
  }

  private draw(model: Model): void {
    const location = this.location!;
    const line = Math.min(Math.max(location.line, 1), model.getLineCount());
    const kind = location.top ? 'top' : 'focused';
    const ids = model.deltaDecorations(this.drawn.get(model) ?? [], [
      {
        range: new this.monaco.Range(line, 1, line, 1),
        options: {
          isWholeLine: true,
          className: `debug-${kind}-stack-frame-line`,
          glyphMarginClassName: `codicon ${location.top ? 'codicon-debug-stackframe' : 'codicon-debug-stackframe-focused'} debug-stack-frame-glyph`,
          glyphMarginHoverMessage: { value: location.top ? 'Current statement: the guest is stopped here' : 'Selected stack frame' },
          stickiness: this.monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
          overviewRuler: { color: location.top ? '#ffcc00' : '#7abd7a', position: this.monaco.editor.OverviewRulerLane.Full },
        },
      },
    ]);
    // Disposed models are skipped and dropped at the next set(): a listener per stop would pile up.
    this.drawn.set(model, ids);
  }
}
