import { DataSource, Logger } from 'typeorm';

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/** Records every query the app's DataSource sends while `work` runs (TypeORM hands each to its logger). */
export async function capturingQueries(dataSource: DataSource, work: () => Promise<unknown>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const original = dataSource.logger;
  const capture: Logger = {
    logQuery: (sql, params) => void captured.push({ sql, params: params ?? [] }),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  (dataSource as { logger: Logger }).logger = capture;
  try {
    await work();
  } finally {
    (dataSource as { logger: Logger }).logger = original;
  }
  return captured;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

export interface PlanSummary {
  sql: string;
  /** Tuples the scans of the watched tables read (returned plus filtered out, over every loop). */
  rowsRead: Record<string, number>;
  seqScans: string[];
  jit: boolean;
}

const SCANS = new Set(['Seq Scan', 'Index Scan', 'Index Only Scan', 'Bitmap Heap Scan']);

function walk(node: PlanNode, visit: (node: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/** EXPLAIN (ANALYZE) of each captured SELECT that touches one of `tables`, summed per table. */
export async function explainSelects(
  dataSource: DataSource,
  queries: CapturedQuery[],
  tables: string[],
): Promise<PlanSummary[]> {
  const summaries: PlanSummary[] = [];
  for (const query of queries) {
    const sql = query.sql.trim();
    if (!/^(SELECT|WITH)\b/i.test(sql) || /\bFOR (UPDATE|SHARE|NO KEY UPDATE)\b/i.test(sql)) continue;
    if (!tables.some((table) => new RegExp(`\\b${table}\\b`).test(sql))) continue;
    const [row]: { 'QUERY PLAN': [{ Plan: PlanNode; JIT?: unknown }] }[] = await dataSource.query(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
      query.params,
    );
    const [explained] = row['QUERY PLAN'];
    const summary: PlanSummary = { sql, rowsRead: {}, seqScans: [], jit: explained.JIT !== undefined };
    walk(explained.Plan, (node) => {
      const table = node['Relation Name'];
      if (!table || !tables.includes(table) || !SCANS.has(node['Node Type'])) return;
      if (node['Node Type'] === 'Seq Scan') summary.seqScans.push(table);
      const perLoop =
        (node['Actual Rows'] ?? 0) +
        (node['Rows Removed by Filter'] ?? 0) +
        (node['Rows Removed by Index Recheck'] ?? 0);
      summary.rowsRead[table] = (summary.rowsRead[table] ?? 0) + perLoop * (node['Actual Loops'] ?? 1);
    });
    summaries.push(summary);
  }
  return summaries;
}
