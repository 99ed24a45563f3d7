import { RetentionReportDto, RetentionRunListDto } from './dto/retention.dto';
import type { RecordedRun } from './retention.repository';
import { RetentionReport } from './retention-report';

const count = (value: unknown) => (typeof value === 'number' ? value : 0);

/** The last runs as the admin sees them: their counts, from what each run recorded. */
export function retentionRunsView(runs: RecordedRun[]): RetentionRunListDto {
  return {
    items: runs.map((run) => ({
      occurredAt: run.occurredAt.toISOString(),
      subjects: count(run.details.subjects),
      skipped: count(run.details.skipped),
      records: Object.fromEntries(
        Object.entries((run.details.records ?? {}) as Record<string, unknown>).map(([kind, n]) => [kind, count(n)]),
      ),
    })),
  };
}

/** The dry run as the admin sees it: the report as it is, which holds counts only. */
export function retentionReportView(report: RetentionReport): RetentionReportDto {
  return {
    at: report.at,
    subjectsDue: report.subjectsDue,
    subjectsHeld: report.subjectsHeld,
    records: { ...report.records },
  };
}
