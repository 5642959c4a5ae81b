import js from '@eslint/js'
import vitest from '@vitest/eslint-plugin'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'coverage',
      'examples',
      'test/golden',
      'test/fixtures',
      '.cache',
      '.tools',
    ],
  },
  // bin/ holds plain Node scripts.
  {files: ['bin/*.js'], languageOptions: {globals: {process: 'readonly'}}},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      'no-restricted-syntax': [
        'error',
        {selector: 'ExportAllDeclaration', message: 'Name each export (no export *).'},
      ],
    },
  },
  {
    // The evaluator and the model are pure: no clock, no environment, no I/O (shared/STYLE.md, "A pure core").
    files: [
      'src/model/**',
      'src/evaluator/**',
      'src/explain/**',
      'src/providers/*/policy/**',
      'src/providers/*/normalize*.ts',
      'src/providers/*/evaluate/**',
      'src/providers/*/prepare.ts',
      'src/providers/*/upload.ts',
      'src/check/expectations.ts',
      'src/render/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {patterns: ['node:*', 'fs', 'path', 'http', 'https', '@aws-sdk/*', '@google-cloud/*', '@azure/*']},
      ],
      'no-restricted-properties': [
        'error',
        {object: 'Date', property: 'now', message: 'The evaluator takes time from the request.'},
        {object: 'process', property: 'env', message: 'The evaluator reads no environment.'},
        {object: 'Math', property: 'random', message: 'The evaluator is deterministic.'},
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    plugins: {vitest},
    rules: {
      ...vitest.configs.recommended.rules,
      'vitest/expect-expect': ['error', {assertFunctionNames: ['expect', 'expect*', 'assert*', 'check*']}],
      'vitest/no-standalone-expect': 'error',
      'vitest/no-focused-tests': 'error',
      'vitest/no-disabled-tests': 'error',
      'vitest/no-conditional-tests': 'error',
    },
  },
)
