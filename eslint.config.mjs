import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      '.data/',
      'jest.config.js',
      // The web app's build, its browser tests' output, and the API types generated from docs/openapi.json.
      'web/dist/',
      'web/screenshots/',
      'web/test-results/',
      'web/playwright-report/',
      'web/src/app/api-types.ts',
    ],
  },
  js.configs.recommended,
  // Type-aware: a promise nobody awaits, a promise where a callback's result is ignored, an `any`
  // passed on unchecked, or a needless cast fails the lint.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
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
  // The data-access boundary (CONVENTIONS 12): only repositories (and src/database) reach the database.
  // A type import may still name a transaction's EntityManager, to pass it on; nothing else may open,
  // build or run a query. Entities import decorators only, which are not restricted. The CLI entry points
  // (*.cli.ts, npm start's start-local.ts) make the process's one DataSource, with no Nest container to
  // inject it, and hand it to repositories; specs beside the code may build what they test against.
  // Migrations live outside src.
  {
    files: ['src/**/*.ts'],
    ignores: [
      'src/**/*.repository.ts',
      'src/database/**',
      'src/**/*.cli.ts',
      'src/local/start-local.ts',
      'src/**/*.spec.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              allowTypeImports: true,
              importNames: [
                'DataSource',
                'Connection',
                'EntityManager',
                'Repository',
                'TreeRepository',
                'QueryRunner',
                'SelectQueryBuilder',
                'QueryBuilder',
                'InsertQueryBuilder',
                'UpdateQueryBuilder',
                'DeleteQueryBuilder',
                'Brackets',
                'NotBrackets',
                'getRepository',
                'getManager',
                'getConnection',
                'createQueryBuilder',
                'In',
                'Not',
                'IsNull',
                'Raw',
                'Like',
                'ILike',
                'Any',
                'Between',
                'Equal',
                'LessThan',
                'LessThanOrEqual',
                'MoreThan',
                'MoreThanOrEqual',
                'ArrayContains',
                'ArrayContainedBy',
                'ArrayOverlap',
              ],
              message:
                'Queries live in <feature>.repository.ts (CONVENTIONS 12): call a repository method instead (a transaction is passed on as `import type { EntityManager }`).',
            },
            {
              name: '@nestjs/typeorm',
              importNames: [
                'InjectRepository',
                'InjectDataSource',
                'InjectEntityManager',
                'getRepositoryToken',
                'getDataSourceToken',
                'getEntityManagerToken',
                'TypeOrmModule',
              ],
              message:
                'Repositories are plain providers that take the DataSource; the module setup lives in src/database.',
            },
          ],
          patterns: [
            {
              group: ['typeorm/*'],
              message: 'Queries live in <feature>.repository.ts (CONVENTIONS 12).',
            },
          ],
        },
      ],
    },
  },
  // Response bodies in HTTP tests (and the benchmark's) are read as untyped JSON: the assertions are
  // what checks their shape, so `any` may flow there; every promise rule still holds.
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  // Migrations are history: once committed they are never edited, so a rule added later cannot be
  // fixed in them. queryRunner.query answers `any`.
  {
    files: ['migrations/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  { files: ['eslint.config.mjs'], ...tseslint.configs.disableTypeChecked },
);
