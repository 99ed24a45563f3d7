import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTIONS, RESOURCE_TYPES } from '../src/audit/catalogue';

const OPENAPI = join(__dirname, '..', '..', 'docs', 'openapi.json');

/** The auditor's filters offer every action and resource type of the API's catalogue: none missing, none made up. */
describe('the audit catalogue of the event search', () => {
  const schemas = (
    JSON.parse(readFileSync(OPENAPI, 'utf8')) as { components: { schemas: Record<string, { enum: string[] }> } }
  ).components.schemas;

  it('has every action the API lists (add a new one to web/src/audit/catalogue.ts)', () => {
    expect([...ACTIONS].sort()).toEqual([...schemas.AuditAction.enum].sort());
  });

  it('has every resource type the API lists', () => {
    expect([...RESOURCE_TYPES].sort()).toEqual([...schemas.AuditResourceType.enum].sort());
  });
});
