// ESLint rule that enforces the import directions of ARCHITECTURE.md's layering table.
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Which layer a repository-relative file belongs to, or null for files outside the table (configs, tests). */
export function layerOf(relativeFile) {
  const file = relativeFile.split(path.sep).join('/');
  const within = (folder) => file === folder || file.startsWith(`${folder}/`);
  if (within('main/api')) return 'api';
  if (within('main/services')) return 'services';
  if (within('main/debug')) return 'debug';
  if (within('main/electron')) return 'electron';
  if (within('main')) return 'main';
  if (within('renderer')) return 'renderer';
  if (within('extensions')) return 'extensions';
  return null;
}

/** Layers each layer may import from (by relative path); `main` is main/backend, main/cli, main/server. */
const ALLOWED_LAYERS = {
  api: ['api'],
  services: ['api', 'services'],
  debug: ['api', 'services', 'debug', 'extensions'],
  extensions: ['api', 'extensions'],
  main: ['api', 'services', 'debug', 'main', 'extensions'],
  electron: ['api', 'services', 'debug', 'main', 'electron', 'extensions'],
  renderer: ['renderer'],
};

/** Returns a message when `source` may not be imported from `importerLayer`, or null when it may. */
export function checkImport({ importerFile, importerLayer, source, repoRoot }) {
  if (source === 'electron' || source.startsWith('electron/')) {
    return importerLayer === 'electron' ? null : 'Bad layering: only main/electron may import electron.';
  }
  if (NODE_BUILTINS.has(source) || NODE_BUILTINS.has(source.split('/')[0])) {
    if (importerLayer === 'api') return 'Bad layering: main/api is pure types and constants; no Node built-ins.';
    if (importerLayer === 'renderer') return 'Bad layering: the renderer runs in a browser; no Node built-ins.';
    return null;
  }
  if (!source.startsWith('.')) {
    if (importerLayer === 'api') return 'Bad layering: main/api may import nothing but other main/api files.';
    return null;
  }
  const target = path.relative(repoRoot, path.resolve(path.dirname(importerFile), source));
  const targetLayer = layerOf(target);
  if (targetLayer === null) {
    return importerLayer === 'renderer' || importerLayer === 'api'
      ? `Bad layering: ${importerLayer} may not import ${target}.`
      : null;
  }
  // main/api holds only types and constants (the rule keeps it import-free), so the renderer may take both from it:
  // the channel names and flow-control watermarks must be the same numbers on both sides.
  if (importerLayer === 'renderer' && targetLayer === 'api') return null;
  if (!ALLOWED_LAYERS[importerLayer].includes(targetLayer)) {
    return `Bad layering: ${importerLayer} may not import from ${targetLayer} (${target}).`;
  }
  return null;
}

export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import directions of ARCHITECTURE.md' },
    schema: [{ type: 'object', properties: { repoRoot: { type: 'string' } }, additionalProperties: false }],
  },
  create(context) {
    const repoRoot = context.options[0]?.repoRoot ?? context.cwd;
    const importerFile = context.filename;
    const importerLayer = layerOf(path.relative(repoRoot, importerFile));
    if (importerLayer === null) return {};
    const check = (node, sourceNode) => {
      if (!sourceNode || typeof sourceNode.value !== 'string') return;
      const message = checkImport({ importerFile, importerLayer, source: sourceNode.value, repoRoot });
      if (message) context.report({ node, message });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node, node.arguments[0]);
      },
    };
  },
};

export default { rules: { 'import-direction': layeringRule } };
