import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * For a file generated from the code or a test's data and committed (docs/openapi.json,
 * docs/access-matrix.md): fails when the committed file is stale. `npm run docs` rewrites them.
 */
export function expectCommittedFile(relativePath: string, content: string): void {
  const path = join(__dirname, '..', '..', relativePath);
  if (process.env.UPDATE_GENERATED === '1') writeFileSync(path, content);
  expect(readFileSync(path, 'utf8')).toEqual(content);
}
