import { Client } from 'pg';
import { compareWithSchema, PERSONAL_DATA_REGISTRY } from '../../src/privacy/personal-data-registry';
import { recordsOfProcessing, recordsOfProcessingInput } from '../../src/privacy/records-of-processing';
import { expectCommittedFile } from '../support/generated-file';
import { createTestDatabase, TestDatabase } from '../support/test-database';

describe('records of processing', () => {
  let database: TestDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  /** Every column of the migrated schema as `table.column`, a partition's columns as its partitioned table's. */
  async function schemaColumns(): Promise<string[]> {
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      `SELECT columns.table_name, columns.column_name
         FROM information_schema.columns columns
         JOIN pg_class class ON class.relname = columns.table_name AND class.relnamespace = 'public'::regnamespace
        WHERE columns.table_schema = 'public' AND columns.table_name <> 'migrations' AND NOT class.relispartition`,
    );
    return rows.map((row) => `${row.table_name}.${row.column_name}`);
  }

  it('classifies every column of every table, and nothing the schema lacks', async () => {
    expect(compareWithSchema(PERSONAL_DATA_REGISTRY, await schemaColumns())).toEqual({
      unclassified: [],
      missing: [],
      twice: [],
    });
  });

  it('covers the partitions of the audit trail through their partitioned tables', async () => {
    const { rows } = await client.query<{ partition: string; parent: string }>(
      `SELECT child.relname AS partition, parent.relname AS parent
         FROM pg_inherits
         JOIN pg_class child ON child.oid = pg_inherits.inhrelid
         JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
        WHERE child.relnamespace = 'public'::regnamespace AND child.relispartition AND child.relkind IN ('r', 'p')`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((row) => !PERSONAL_DATA_REGISTRY[row.parent]).map((row) => row.partition)).toEqual([]);
    const { rows: orphans } = await client.query<{ relname: string }>(
      `SELECT relname FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relispartition AND relkind IN ('r', 'p')
          AND NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = pg_class.oid)`,
    );
    expect(orphans).toEqual([]);
  });

  it('matches the committed docs/records-of-processing.md (run `npm run docs` after changing the registry)', () => {
    expectCommittedFile('docs/records-of-processing.md', recordsOfProcessing(recordsOfProcessingInput()));
  });
});
