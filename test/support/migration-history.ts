import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { preProcessFile } from 'typescript';

/**
 * Migrations are history. Once committed, a migration is never edited, renamed or removed (a database
 * that ran it keeps what it did; a changed file would make new databases differ from old ones), and it
 * imports nothing outside migrations/ (application code changes after the migration is written, and
 * the migration must do then what it did the day it was written).
 *
 * All migrations before 1796000000000 were squashed into this baseline before anything was deployed.
 * The baseline is named here so that removing it, or squashing again, is a change to this file too.
 */
export const BASELINE = '1796000000000-Baseline.ts';

export interface MigrationHistoryOptions {
  /** The repository's root (holding .git and migrations/). */
  root: string;
  /** The squashed baseline's file name under migrations/: deletions are refused from the commit that added it on. */
  baseline?: string;
}

export interface MigrationHistoryReport {
  /** Why the git history could not be checked (only ever: no .git), or undefined when it was. */
  skipped?: string;
  /** One line per migration that breaks a rule; empty when all is well. */
  problems: string[];
}

const ADVICE = 'a committed migration is never edited, renamed or removed: write a new migration instead';

/** Checks migrations/ under `root` against both rules: imports (always) and git history (when there is a .git). */
export function checkMigrationHistory({ root, baseline = BASELINE }: MigrationHistoryOptions): MigrationHistoryReport {
  const problems = importProblems(root);
  if (!existsSync(join(root, '.git'))) {
    return {
      skipped: `no .git in ${root}: migration history not checked (run the tests in a git clone to check it)`,
      problems,
    };
  }
  return { problems: [...problems, ...historyProblems(root, baseline)] };
}

/** Every import of a file under migrations/ that reaches outside it (src/, test/, a relative path up). */
export function importProblems(root: string): string[] {
  const dir = join(root, 'migrations');
  const problems: string[] = [];
  for (const file of listFiles(dir)) {
    if (!/\.[cm]?[jt]s$/.test(file)) continue;
    const path = join(dir, file);
    const { importedFiles } = preProcessFile(readFileSync(path, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      const target = resolveSpecifier(root, path, specifier);
      if (target !== undefined && !within(dir, target)) {
        problems.push(
          `migrations/${file} imports '${specifier}', outside migrations/: a migration inlines what it needs (with a comment saying why)`,
        );
      }
    }
  }
  return problems;
}

/** Where an import points in the repository (relative, or through baseUrl "./"), or undefined for a package. */
function resolveSpecifier(root: string, from: string, specifier: string): string | undefined {
  if (specifier.startsWith('.')) return resolve(dirname(from), specifier);
  if (isAbsolute(specifier)) return specifier;
  const first = specifier.split('/')[0];
  if (first.startsWith('@') || first.includes(':') || first === 'node_modules') return undefined;
  return existsSync(join(root, first)) ? resolve(root, specifier) : undefined;
}

function within(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

function git(root: string, args: string[]): string {
  // The repository at root, whatever a hook or the caller's environment points git at.
  const env = { ...process.env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_CEILING_DIRECTORIES']) delete env[name];
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env }).trim();
}

function lines(output: string): string[] {
  return output.split('\n').filter((line) => line !== '');
}

/**
 * The git rules, for every file under migrations/ in the working tree or in HEAD:
 * - a committed file has one commit, the one that added it. Not `git log --follow`: to follow a file, git
 *   looks for copies in every file of the commit that added it, so a new migration that looks like an
 *   older one (they all do) would be taken for that one's continuation. A rename is caught below instead,
 *   as the deletion of the old name;
 * - it has no uncommitted change (`git diff HEAD`, so staged or not) and is not missing from the work tree;
 * - no file under migrations/ was deleted (or renamed away) in a commit after the baseline's.
 * Files not committed yet are new migrations, free to change.
 */
function historyProblems(root: string, baseline: string): string[] {
  if (git(root, ['rev-parse', '--is-shallow-repository']) === 'true') {
    return [
      'the repository is a shallow clone: the migrations history cannot be checked (git fetch --unshallow, or clone with full history)',
    ];
  }
  const problems: string[] = [];
  const committed = new Set(
    lines(git(root, ['ls-tree', '-r', '--name-only', 'HEAD', '--', 'migrations/'])).map((path) =>
      path.slice('migrations/'.length),
    ),
  );
  const files = new Set([...listFiles(join(root, 'migrations')), ...committed]);
  for (const file of [...files].sort()) {
    if (!committed.has(file)) continue;
    const path = `migrations/${file}`;
    const commits = lines(git(root, ['log', '--format=%H', 'HEAD', '--', path]));
    if (commits.length > 1) {
      problems.push(`${path} was changed after it was committed (${commits.length} commits touch it): ${ADVICE}`);
    }
    if (!existsSync(join(root, path))) {
      problems.push(`${path} is removed in the working tree: ${ADVICE}`);
    } else if (differs(root, path)) {
      problems.push(`${path} has uncommitted changes: ${ADVICE}`);
    }
  }
  if (!committed.has(baseline)) {
    problems.push(
      `migrations/${baseline}, the squashed baseline, is not committed (or was removed): the history check starts from it`,
    );
    return problems;
  }
  const added = lines(
    git(root, ['log', '--format=%H', '--diff-filter=A', '--no-renames', 'HEAD', '--', `migrations/${baseline}`]),
  );
  const since = added[added.length - 1];
  // --no-renames: a migration renamed away counts as deleted. The baseline's own commit is outside the range.
  const deleted = lines(
    git(root, [
      'log',
      '--format=commit %h',
      '--diff-filter=D',
      '--no-renames',
      '--name-only',
      `${since}..HEAD`,
      '--',
      'migrations/',
    ]),
  );
  let commit = '';
  for (const line of deleted) {
    if (line.startsWith('commit ')) commit = line.slice('commit '.length);
    else problems.push(`${line} was deleted in commit ${commit}: ${ADVICE}`);
  }
  return problems;
}

function differs(root: string, path: string): boolean {
  try {
    git(root, ['diff', '--quiet', 'HEAD', '--', path]);
    return false;
  } catch (error) {
    if ((error as { status?: number }).status === 1) return true;
    throw error;
  }
}
