// Loads Monaco (API, editor features, the few built-in languages we map to) once, after the workbench has painted.
import type * as MonacoApi from 'monaco-editor/editor/editor.api';
import { installMonacoEnvironment } from './monaco-environment';

export type Monaco = typeof MonacoApi;

let loading: Promise<Monaco> | undefined;

export function loadMonaco(): Promise<Monaco> {
  loading ??= (async () => {
    installMonacoEnvironment();
    const [monaco] = await Promise.all([
      import('monaco-editor/editor/editor.api'),
      import('./monaco-features'),
      import('monaco-editor/languages/definitions/cpp/register'),
      import('monaco-editor/languages/definitions/markdown/register'),
      import('monaco-editor/languages/features/json/register'),
    ]);
    return monaco;
  })();
  return loading;
}
