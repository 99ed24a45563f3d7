import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../../src/database/typeorm-options';
import { BASELINE, checkMigrationHistory } from '../support/migration-history';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource({ ...typeormOptions(database.url), logging: false }).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  const pendingSchemaChanges = async () =>
    (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((query) => query.query);

  it('agree with the entities: generating a migration would yield nothing', async () => {
    expect(await pendingSchemaChanges()).toEqual([]);
  });

  it('all ran on the copied database', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('revert cleanly and run again to the same schema', async () => {
    const migrations = dataSource.migrations.length;
    for (let step = 0; step < migrations; step += 1) await dataSource.undoLastMigration({ transaction: 'each' });
    const [{ count }] = await dataSource.query(
      `SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(count).toBe(0);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await pendingSchemaChanges()).toEqual([]);
  });
});

describe('migrations are history', () => {
  it('none imports from outside migrations/, and none committed has been changed or removed', () => {
    const report = checkMigrationHistory({ root: join(__dirname, '..', '..') });
    // Only without a .git (a copy of the files, not a clone) is the history left unchecked; the imports still are.
    if (report.skipped) console.warn(report.skipped);
    expect(report.problems).toEqual([]);
  });

  describe('the check itself, on a repository of its own', () => {
    const migration = (name: string, body = 'CREATE TABLE "t" ("id" uuid)') =>
      [
        `import { MigrationInterface, QueryRunner } from 'typeorm';`,
        ``,
        `export class M${name} implements MigrationInterface {`,
        `  public async up(queryRunner: QueryRunner): Promise<void> {`,
        `    await queryRunner.query(\`${body}\`);`,
        `  }`,
        ``,
        `  public async down(): Promise<void> {}`,
        `}`,
        ``,
      ].join('\n');
    const NEXT = 'migrations/1796000000001-Next.ts';
    let root: string;
    const git = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args],
        {
          cwd: root,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
          env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_'))),
        },
      );
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    const commit = (message: string) => {
      git('add', '--all', '.');
      git('commit', '--quiet', '-m', message);
    };
    const problems = () => checkMigrationHistory({ root }).problems;

    /**
     * Two early migrations, one edited after it landed; the squash (the baseline added, both old files deleted,
     * in one commit, the baseline word for word the edited one, so git takes it for a rename); a later migration.
     */
    let fixture: string;
    beforeAll(() => {
      root = fixture = mkdtempSync(join(tmpdir(), 'samvirke-migration-history-'));
      git('init', '--quiet');
      write('src/app.ts', 'export const hash = 1;\n');
      write('migrations/1000-Old.ts', migration('Old'));
      commit('old');
      write('migrations/1000-Old.ts', migration('Old', 'CREATE TABLE "t" ("id" uuid, "x" int)'));
      commit('old, edited');
      write('migrations/1001-Other.ts', migration('Other'));
      commit('other');
      git('rm', '--quiet', 'migrations/1000-Old.ts', 'migrations/1001-Other.ts');
      write(`migrations/${BASELINE}`, migration('Old', 'CREATE TABLE "t" ("id" uuid, "x" int)'));
      commit('squash');
      write(NEXT, migration('Next'));
      commit('next');
    });
    beforeEach(() => {
      root = `${fixture}-copy`;
      cpSync(fixture, root, { recursive: true });
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));
    afterAll(() => rmSync(fixture, { recursive: true, force: true }));

    // The later migration looks like the baseline, which looks like the old one: `git log --follow` would take each
    // for the next one's continuation (it looks for copies), and report three commits where there is one.
    it('passes a history whose only deletions are the squash itself, with look-alike migrations', () => {
      expect(git('log', '--format=%s', '--follow', '--', NEXT).trim().split('\n')).toEqual([
        'next',
        'squash',
        'old, edited',
        'old',
      ]);
      expect(problems()).toEqual([]);
    });

    it('fails on a committed migration changed in a later commit', () => {
      write(NEXT, migration('Next', 'CREATE TABLE "u" ("id" uuid)'));
      commit('next, edited');
      expect(problems()).toEqual([expect.stringContaining(`${NEXT} was changed after it was committed`)]);
    });

    it('fails on the baseline changed in a later commit', () => {
      write(`migrations/${BASELINE}`, migration('Old', 'CREATE TABLE "v" ("id" uuid)'));
      commit('baseline, edited');
      expect(problems()).toEqual([
        expect.stringContaining(`migrations/${BASELINE} was changed after it was committed`),
      ]);
    });

    it('fails on an uncommitted change, staged or not', () => {
      write(NEXT, migration('Next', 'CREATE TABLE "u" ("id" uuid)'));
      expect(problems()).toEqual([expect.stringContaining(`${NEXT} has uncommitted changes`)]);
      git('add', NEXT);
      expect(problems()).toEqual([expect.stringContaining(`${NEXT} has uncommitted changes`)]);
    });

    it('fails on a migration removed, committed or not', () => {
      unlinkSync(join(root, NEXT));
      expect(problems()).toEqual([expect.stringContaining(`${NEXT} is removed in the working tree`)]);
      commit('next removed');
      expect(problems()).toEqual([expect.stringMatching(new RegExp(`^${NEXT} was deleted in commit [0-9a-f]+`))]);
    });

    it('fails on a migration renamed', () => {
      git('mv', NEXT, 'migrations/1796000000002-Renamed.ts');
      commit('renamed');
      expect(problems()).toEqual(expect.arrayContaining([expect.stringContaining(`${NEXT} was deleted in commit`)]));
    });

    it('fails when the baseline is gone, even in a commit that adds another', () => {
      git('rm', '--quiet', `migrations/${BASELINE}`);
      write('migrations/1797000000000-Baseline.ts', migration('Again'));
      commit('squash again');
      expect(problems()).toEqual([
        expect.stringContaining(`migrations/${BASELINE}, the squashed baseline, is not committed`),
      ]);
    });

    it('leaves a migration not committed yet free to change', () => {
      write('migrations/1796000000003-New.ts', migration('New'));
      expect(problems()).toEqual([]);
      write('migrations/1796000000003-New.ts', migration('New', 'CREATE TABLE "w" ("id" uuid)'));
      expect(problems()).toEqual([]);
    });

    it('fails on a migration importing application code, relatively or through baseUrl', () => {
      write('migrations/helper.ts', 'export const x = 1;\n');
      write(
        'migrations/1796000000003-New.ts',
        `import { hash } from '../src/app';\nimport 'src/app';\nimport { x } from './helper';\nimport { DataSource } from 'typeorm';\nimport { join } from 'node:path';\n` +
          migration('New'),
      );
      expect(problems()).toEqual([
        expect.stringContaining(`migrations/1796000000003-New.ts imports '../src/app', outside migrations/`),
        expect.stringContaining(`migrations/1796000000003-New.ts imports 'src/app', outside migrations/`),
      ]);
    });

    it('skips the history, saying why, only without a .git; the imports are still checked', () => {
      write(NEXT, migration('Next', 'CREATE TABLE "u" ("id" uuid)'));
      write('migrations/1796000000003-New.ts', `const app = require('../src/app');\n` + migration('New'));
      rmSync(join(root, '.git'), { recursive: true, force: true });
      const report = checkMigrationHistory({ root });
      expect(report.skipped).toMatch(/^no \.git in .*: migration history not checked/);
      expect(report.problems).toEqual([expect.stringContaining(`imports '../src/app'`)]);
    });
  });
});
