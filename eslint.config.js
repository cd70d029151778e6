import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Layers import one way (docs/architecture.md): these rules keep it so. */
const layer = (files, patterns, message) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: patterns, message, allowTypeImports: false }] }],
  },
});

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'test-results', 'playwright-report', 'data', 'coverage', 'bench/.dbg'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-unreachable': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  layer(['src/i18n/**'], ['**/api/**', '**/compose/**', '**/app/**', '**/embed/**'], 'src/i18n is the message catalog: it imports nothing of ours, so every layer may use it.'),
  layer(['src/i18n/core.ts', 'src/i18n/catalogs/**'], ['**/api/**', '**/compose/**', '**/app/**', '**/embed/**', 'react', 'react-dom'], 'The catalog core is React-free (the model uses it); React lives in src/i18n/react.tsx.'),
  layer(['src/api/**'], ['**/compose/**', '**/app/**', '**/embed/**', 'react', 'react-dom'], 'src/api imports nothing of ours above it.'),
  layer(
    ['src/compose/model/**'],
    ['**/editor/**', '**/ui/**', '**/hooks/**', '**/app/**', '**/embed/**', 'react', 'react-dom', '@tiptap/*'],
    'The model is React-free and imports only src/api.',
  ),
  layer(['src/compose/editor/**'], ['**/ui/**', '**/hooks/**', '**/app/**', '**/embed/**'], 'The editor may import the model, not the UI above it.'),
  layer(['src/compose/**'], ['**/app/**', '**/embed/**'], 'The compose window never imports the app shell or the embed entry.'),
  {
    files: ['server/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^([.][.]/)+src/(?!api/contract$)', message: 'The server takes only types (and the contract module) from src.', allowTypeImports: true }] },
      ],
    },
  },
);
