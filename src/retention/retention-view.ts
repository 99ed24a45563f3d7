import { RetentionReportDto } from './dto/retention.dto';
import { RetentionReport } from './retention-report';

/** The dry run as the admin sees it: the report as it is, which holds counts only. */
export function retentionReportView(report: RetentionReport): RetentionReportDto {
  return {
    at: report.at,
    subjectsDue: report.subjectsDue,
    subjectsHeld: report.subjectsHeld,
    records: { ...report.records },
  };
}
