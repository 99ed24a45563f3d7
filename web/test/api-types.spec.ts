import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const COMMITTED = join(ROOT, 'web', 'src', 'app', 'api-types.ts');

/**
 * The web app's API types are generated from docs/openapi.json (`npm run web:api-types`, also run
 * by `npm run docs`): when the API changes and the types do not, this fails.
 */
describe('the web app’s API types', () => {
  it('are what openapi-typescript makes of docs/openapi.json now', () => {
    const directory = mkdtempSync(join(tmpdir(), 'samvirke-api-types-'));
    try {
      const fresh = join(directory, 'api-types.ts');
      execFileSync(
        process.execPath,
        [
          join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
          join(ROOT, 'docs', 'openapi.json'),
          '-o',
          fresh,
        ],
        { cwd: ROOT, stdio: 'pipe' },
      );
      const committed = readFileSync(COMMITTED, 'utf8');
      const expected = readFileSync(fresh, 'utf8');
      // Not toEqual on 4,000 lines: say what to run.
      if (committed !== expected) throw new Error('web/src/app/api-types.ts is stale: run `npm run web:api-types`');
      expect(committed.length).toBeGreaterThan(1000);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
