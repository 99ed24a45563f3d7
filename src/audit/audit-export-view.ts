import { AuditExportSummary } from './audit-exports.repository';
import { AuditExportDto } from './dto/audit-export.dto';

/** An export as its auditor sees it: never the file, which has a route of its own. */
export function auditExportView(found: AuditExportSummary): AuditExportDto {
  return {
    id: found.id,
    state: found.state,
    filters: found.filters,
    purpose: found.purpose,
    rowCount: found.rowCount,
    createdAt: found.createdAt.toISOString(),
    finishedAt: found.finishedAt?.toISOString() ?? null,
    expiresAt: found.expiresAt?.toISOString() ?? null,
  };
}
