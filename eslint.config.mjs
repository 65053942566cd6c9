// Lint setup: TypeScript rules plus the layering rule from ARCHITECTURE.md.
import tseslint from 'typescript-eslint';
import layering from './test/lint/layering-rule.mjs';

const repoRoot = import.meta.dirname;

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'resources/**/*.js'] },
  ...tseslint.configs.recommended,
  {
    plugins: { mirador: layering },
    rules: {
      'mirador/import-direction': ['error', { repoRoot }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'require', message: 'The renderer has no require: it runs in a browser.' }, { name: 'process', message: 'The renderer has no process: it runs in a browser.' }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
