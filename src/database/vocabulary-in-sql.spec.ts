import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

/**
 * No query types a word of the vocabulary: every status, outcome, kind, category, legal basis, role
 * or section a query turns on is bound as a parameter from its vocabulary constant, so changing a
 * list changes every query that uses it. This reads every query the repositories can run — the
 * generated SQL (src/queries, kept current by test/e2e/generated-sql) and the SQL written in the
 * repositories' sources — and lists each quoted word of a vocabulary list it finds. Schema
 * definitions (enum types, CHECK constraints, partial indexes in entities and migrations) must spell
 * the words out and are not read.
 */

const SRC = join(__dirname, '..');

/** The vocabulary lists, by name: every exported list of words of these modules. */
function vocabulary(): Map<string, string[]> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const modules = [
    require('../referrals/referral-vocabulary'),
    require('../concerns/concern-vocabulary'),
    require('../users/role'),
    require('../agencies/agency-kind'),
    require('../follow-ups/follow-up.entity'),
    require('../follow-ups/follow-up-factory.service'),
    require('../meetings/meeting-vocabulary'),
    require('../meetings/agenda-layout'),
    require('../consents/consent.entity'),
    require('../break-glass/break-glass-grant.entity'),
    require('../audit/access-flag.entity'),
    require('../audit/audit-event.entity'),
    require('../audit/audit-actions'),
    require('../notifications/notification-kinds'),
  ] as Record<string, unknown>[];
  /* eslint-enable @typescript-eslint/no-require-imports */
  const lists = new Map<string, string[]>();
  for (const module of modules) {
    for (const [name, value] of Object.entries(module)) {
      if (Array.isArray(value) && value.length > 0 && value.every((word) => typeof word === 'string')) {
        lists.set(name, value);
      }
    }
  }
  return lists;
}

function files(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path, keep);
    return keep(path) ? [path] : [];
  });
}

/**
 * The SQL a file holds: all of a generated .sql file; of a repository's source, its template and
 * double-quoted strings, without their interpolations (`${param('open')}` binds its word).
 */
function sqlOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.sql')) return [text];
  return [...text.matchAll(/`(?:[^`\\]|\\.)*`|"(?:[^"\\\n]|\\.)*"/g)].map((match) =>
    match[0].replace(/\$\{[^}]*\}/g, ''),
  );
}

describe('the vocabulary in SQL', () => {
  const lists = vocabulary();
  const listsOf = new Map<string, string[]>();
  for (const [name, words] of lists) for (const word of words) listsOf.set(word, [...(listsOf.get(word) ?? []), name]);

  it('knows the vocabulary lists it looks for', () => {
    for (const name of ['OPEN_REFERRAL_STATUSES', 'LEGAL_BASES', 'TRIAGE_OUTCOMES', 'FOLLOW_UP_STATES', 'ROLES']) {
      expect(lists.has(name)).toBe(true);
    }
    expect(lists.get('AGENDA_SECTIONS')).toContain('referrals_due');
  });

  it('is typed into no query: each word is bound as a parameter', () => {
    const sources = [
      ...files(join(SRC, 'queries'), (path) => path.endsWith('.sql')),
      ...files(SRC, (path) => path.endsWith('.repository.ts')),
    ];
    expect(sources.length).toBeGreaterThan(20);
    const typed: string[] = [];
    for (const path of sources) {
      for (const sql of sqlOf(path)) {
        for (const [, word] of sql.matchAll(/'([a-z][a-z0-9_.]*)'/g)) {
          const names = listsOf.get(word);
          if (names) typed.push(`${relative(SRC, path)}: '${word}' (${names.join(', ')})`);
        }
      }
    }
    expect([...new Set(typed)]).toEqual([]);
  });
});
