import { stringify } from 'csv-stringify/sync';
import { Page } from '../database/pagination';
import { AccessFlag } from './access-flag.entity';
import { AuditEntry } from './audit-search.service';
import { VerifyResult } from './chain-verifier';
import { AccessFlagDto, AccessFlagPageDto, AuditEventDto, AuditEventPageDto, VerifyResultDto } from './dto/audit.dto';

export function auditEventView({ event, pseudonym }: AuditEntry): AuditEventDto {
  return {
    id: event.id,
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    actorAgencyId: event.actorAgencyId,
    actorRoles: event.actorRoles,
    action: event.action,
    resourceType: event.resourceType,
    resourceId: event.resourceId,
    subjectId: event.subjectId,
    pseudonym,
    purpose: event.purpose,
    outcome: event.outcome,
    severity: event.severity,
    requestId: event.requestId,
    details: event.details,
  };
}

export function auditEventPageView(page: Page<AuditEntry>): AuditEventPageDto {
  return { items: page.items.map(auditEventView), nextCursor: page.nextCursor };
}

/** The CSV's columns, in order: the event search's fields (roles space-separated, details as JSON). */
export const AUDIT_CSV_COLUMNS = [
  'occurredAt',
  'id',
  'actorId',
  'actorAgencyId',
  'actorRoles',
  'action',
  'resourceType',
  'resourceId',
  'subjectId',
  'pseudonym',
  'purpose',
  'outcome',
  'severity',
  'requestId',
  'details',
] as const;

/** The export as CSV: one row per event, roles space-separated, details as JSON; formulas escaped for spreadsheets. */
export function auditCsv(entries: AuditEntry[]): string {
  return auditCsvPart(entries, true);
}

/** A part of a CSV written a page at a time: the header with the first part only. */
export function auditCsvPart(entries: AuditEntry[], header: boolean): string {
  return stringify(
    entries.map(auditEventView).map((event) =>
      AUDIT_CSV_COLUMNS.map((column) => {
        const value = event[column];
        return Array.isArray(value)
          ? value.join(' ')
          : typeof value === 'object' && value
            ? JSON.stringify(value)
            : value;
      }),
    ),
    { header, columns: [...AUDIT_CSV_COLUMNS], escape_formulas: true },
  );
}

export function accessFlagView(flag: AccessFlag): AccessFlagDto {
  return {
    id: flag.id,
    kind: flag.kind,
    userId: flag.userId,
    windowStart: flag.windowStart.toISOString(),
    windowEnd: flag.windowEnd.toISOString(),
    count: flag.count,
    windowMinutes: Math.round((flag.windowEnd.getTime() - flag.windowStart.getTime()) / 60_000),
    threshold: flag.threshold ?? null,
    workingHours:
      flag.workingHoursStart && flag.workingHoursEnd && flag.timeZone
        ? { start: flag.workingHoursStart, end: flag.workingHoursEnd, timeZone: flag.timeZone }
        : null,
    createdAt: flag.createdAt.toISOString(),
  };
}

export function accessFlagPageView(page: Page<AccessFlag>): AccessFlagPageDto {
  return { items: page.items.map(accessFlagView), nextCursor: page.nextCursor };
}

export function verifyResultView(result: VerifyResult): VerifyResultDto {
  return {
    ok: result.ok,
    checked: result.checked,
    ...(result.firstBadEventId !== undefined ? { firstBadEventId: result.firstBadEventId } : {}),
    ...(result.problem !== undefined ? { problem: result.problem } : {}),
    checkpoints: { checked: result.checkpoints.checked, external: result.checkpoints.external },
  };
}
