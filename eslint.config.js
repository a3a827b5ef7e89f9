// One lint configuration for the workspace: typescript-eslint's type-aware recommended rules over
// the TypeScript, ESLint's recommended rules over the JavaScript, and Prettier owning layout
// (eslint-config-prettier turns off what would fight it). `npm run lint` runs it; so does .ci/run.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The workspace's packages, by folder name. */
const PACKAGES = ['dsl', 'compiler', 'runtime', 'sim', 'cli'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'packages/cli/examples/**', 'coverage/**'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Tests read JSON their subjects print and poke at values on purpose: `any` is their material.
    files: ['**/test/**/*.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Package boundaries (docs/architecture.md): another package is reached by its name, through
    // its exports (the main entry or a documented subpath), never through its files.
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@phasegate/[^/]+/(src|dist|test)(/|$)',
              message: "Import the package's main entry or a documented subpath, not its files.",
            },
            {
              regex: `^(\\.\\./){2,}(packages/)?(${PACKAGES.join('|')})/`,
              message: 'Import another package by its name (@phasegate/…), not by a relative path into its files.',
            },
            {
              regex: '(^|/)packages/[^/]+/(src|test|dist)/',
              message: 'Import a package by its name (@phasegate/…), not by a path into its files.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
