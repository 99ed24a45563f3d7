import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { Injectable, Logger } from '@nestjs/common';
import { defineAbilityFor } from '../access/ability';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { NotificationsService } from '../notifications/notifications.service';
import { AuditExportQueue } from './audit-export-queue';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditExportsRepository, ClaimedExport } from './audit-exports.repository';
import { AuditSearchService } from './audit-search.service';
import { auditCsvPart } from './audit-view';
import { AuditService } from './audit.service';
import { SYSTEM_ACTOR } from './system-actor';

const DAY_MS = 24 * 3_600_000;
/** A queued export older than this has lost its job (or Redis took none): the sweep puts it back. */
const LOST_AFTER_MS = 60_000;
/** What one sweep handles at most; the next takes the rest. */
const SWEEP_PAGE = 500;

export type WriteResult = 'done' | 'already_done' | 'refused';

/**
 * The worker's side of exports. Writing one reads the search in keyset pages (newest first, then
 * by id, from the time index), each page in its own short transaction, and gzips the CSV as it
 * goes: memory holds one page and the compressed file, never the whole search. The search is the
 * requester's own, with their access as it is now, bounded by the moment they asked.
 */
@Injectable()
export class AuditExportWriter {
  private readonly logger = new Logger(AuditExportWriter.name);

  constructor(
    private readonly exports: AuditExportsRepository,
    private readonly events: AuditEventsRepository,
    private readonly search: AuditSearchService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly queue: AuditExportQueue,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Writes the export once; `lastAttempt` marks it failed if this try throws (earlier tries are retried). */
  async write(exportId: string, lastAttempt: boolean): Promise<WriteResult> {
    const claimed = await this.exports.claim(exportId, this.clock.now());
    if (!claimed) return 'already_done';
    try {
      const requester = await this.exports.requester(claimed.requesterId);
      if (!requester?.active || !requester.roles.includes('auditor')) {
        await this.fail(exportId, 'requester_not_auditor');
        return 'refused';
      }
      const ability = defineAbilityFor({ ...requester, districtIds: [] });
      const { file, rows } = await this.compile(ability, claimed);
      const now = this.clock.now();
      const expiresAt = new Date(now.getTime() + this.config.get('AUDIT_EXPORT_KEEP_DAYS') * DAY_MS);
      const finished = await this.exports.transaction(async (tx) => {
        if (!(await this.exports.finish(tx, exportId, file, rows, now, expiresAt))) return false;
        await this.notifications.notifyUser(tx, claimed.requesterId, 'audit_export.complete', exportId);
        await this.audit.record(tx, {
          action: 'audit_export.complete',
          resourceId: exportId,
          outcome: 'allowed',
          actor: SYSTEM_ACTOR,
          details: { rows, bytes: file.length },
        });
        return true;
      });
      return finished ? 'done' : 'already_done';
    } catch (error) {
      if (lastAttempt) await this.fail(exportId, 'error');
      throw error;
    }
  }

  /** The sweep: unfinished exports get their job back (a no-op where it is still there); expired files go. */
  async sweep(): Promise<{ requeued: number; expired: number }> {
    const lost = await this.exports.unfinished(new Date(this.clock.now().getTime() - LOST_AFTER_MS), SWEEP_PAGE);
    let requeued = 0;
    for (const id of lost) if (await this.queue.enqueue(id)) requeued++;
    const expired = await this.exports.transaction(async (tx) => {
      const ids = await this.exports.expire(tx, this.clock.now(), SWEEP_PAGE);
      await this.audit.recordMany(
        tx,
        ids.map((id) => ({
          action: 'audit_export.expire' as const,
          resourceId: id,
          outcome: 'allowed' as const,
          actor: SYSTEM_ACTOR,
        })),
      );
      return ids.length;
    });
    if (expired > 0) this.logger.log({ event: 'audit_export.expired', expired }, 'expired export files removed');
    return { requeued, expired };
  }

  private async compile(ability: ReturnType<typeof defineAbilityFor>, claimed: ClaimedExport) {
    const pageSize = this.config.get('AUDIT_EXPORT_PAGE_SIZE');
    const gzip = createGzip();
    const chunks: Buffer[] = [];
    gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = once(gzip, 'end');
    let after: { occurredAt: Date; id: string } | null = null;
    let rows = 0;
    for (;;) {
      const cursor = after;
      const entries = await this.events.transaction(async (tx) => {
        const page = await this.events.exportPage(tx, ability, claimed.filters, claimed.createdAt, cursor, pageSize);
        return this.search.withPseudonyms(tx, ability, page);
      });
      if (rows === 0 || entries.length > 0) {
        if (!gzip.write(auditCsvPart(entries, rows === 0))) await once(gzip, 'drain');
      }
      rows += entries.length;
      if (entries.length < pageSize) break;
      const last = entries[entries.length - 1].event;
      after = { occurredAt: last.occurredAt, id: last.id };
    }
    gzip.end();
    await ended;
    return { file: Buffer.concat(chunks), rows };
  }

  private async fail(exportId: string, reason: string): Promise<void> {
    await this.exports.transaction(async (tx) => {
      if (!(await this.exports.fail(tx, exportId, this.clock.now()))) return;
      await this.audit.record(tx, {
        action: 'audit_export.fail',
        resourceId: exportId,
        outcome: 'allowed',
        actor: SYSTEM_ACTOR,
        details: { reason },
      });
    });
    this.logger.warn({ event: 'audit_export.failed', reason }, 'export failed');
  }
}
