import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.data/', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  // Time has one door: the application asks the Clock (src/clock), which tests move instead of waiting.
  // (One no-restricted-syntax entry per file set: a later one for the same files replaces this list.)
  {
    files: ['src/**/*.ts'],
    ignores: ['src/clock/**', 'src/**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Ask the Clock (src/clock) for the time: clock.now().getTime(), not Date.now().',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Ask the Clock (src/clock) for the time: clock.now(), not new Date().',
        },
      ],
    },
  },
  // Configuration has one door: every environment variable is read through the validated schema
  // (src/config: validateEnvironment, or readEnvironment for the command-line tools' few). Only npm
  // start's launcher (src/local) reads and fills in the environment itself, before any configuration
  // exists. (no-restricted-properties, not no-restricted-syntax, so as not to replace the Date list.)
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config/**', 'src/local/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read the environment through the validated configuration (src/config), not process.env.',
        },
      ],
    },
  },
  // Response bodies in HTTP tests are read as untyped JSON.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['eslint.config.mjs'], ...tseslint.configs.disableTypeChecked },
);
