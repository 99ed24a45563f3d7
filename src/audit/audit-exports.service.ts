import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { AppAbility } from '../access/ability';
import { Actor } from '../access/actor';
import { Clock } from '../clock/clock';
import { ConflictError, NotFoundError } from '../http/domain-errors';
import { AuditExportQueue } from './audit-export-queue';
import { AuditEventsRepository, AuditFilter } from './audit-events.repository';
import { AuditExportsRepository, AuditExportSummary } from './audit-exports.repository';
import { filterOf } from './audit-search.service';
import { AuditService } from './audit.service';

/** The newest exports an auditor's list shows. */
const LIST_LIMIT = 50;

/**
 * An auditor's exports of the trail, on the API's side: what a search will hold (counted first),
 * starting one with its purpose (the worker writes it), the caller's own list, and the download.
 * An export is its requester's alone: another auditor is told it does not exist.
 */
@Injectable()
export class AuditExportsService {
  constructor(
    private readonly exports: AuditExportsRepository,
    private readonly events: AuditEventsRepository,
    private readonly audit: AuditService,
    private readonly queue: AuditExportQueue,
    private readonly clock: Clock,
  ) {}

  /** How many events the search finds: what an export started now would hold (the trail only grows). */
  count(ability: AppAbility, filter: AuditFilter): Promise<number> {
    return this.events.transaction(async (tx) => {
      const count = await this.events.count(tx, ability, filter);
      await this.audit.record(tx, {
        action: 'audit_event.count',
        outcome: 'allowed',
        details: { filter: filterOf(filter), count },
      });
      return count;
    });
  }

  /** Records the export (queued) with its purpose, then hands it to the worker. */
  async start(actor: Actor, filter: AuditFilter, purpose: string): Promise<AuditExportSummary> {
    const id = randomUUID();
    const filters = filterOf(filter);
    const started = await this.exports.transaction(async (tx) => {
      await this.exports.insert(tx, { id, requesterId: actor.id, filters, purpose, createdAt: this.clock.now() });
      await this.audit.record(tx, {
        action: 'audit_export.create',
        resourceId: id,
        outcome: 'allowed',
        purpose,
        details: { filter: filters, format: 'csv' },
      });
      return (await this.exports.oneOf(tx, id, actor.id))!;
    });
    await this.queue.enqueue(id);
    return started;
  }

  list(actor: Actor): Promise<AuditExportSummary[]> {
    return this.exports.transaction(async (tx) => {
      const found = await this.exports.mine(tx, actor.id, LIST_LIMIT);
      await this.audit.record(tx, {
        action: 'audit_export.list',
        outcome: 'allowed',
        details: { returned: found.length },
      });
      return found;
    });
  }

  read(actor: Actor, id: string): Promise<AuditExportSummary> {
    return this.exports.transaction(async (tx) => {
      const found = await this.exports.oneOf(tx, id, actor.id);
      if (!found) throw new NotFoundError('export');
      await this.audit.record(tx, { action: 'audit_export.read', resourceId: id, outcome: 'allowed' });
      return found;
    });
  }

  /** The CSV, unzipped as it is sent; the download is audited in the transaction that reads it. */
  file(actor: Actor, id: string): Promise<Readable> {
    return this.exports.transaction(async (tx) => {
      const found = await this.exports.oneOf(tx, id, actor.id);
      if (!found) throw new NotFoundError('export');
      if (found.state !== 'ready') {
        if (found.state === 'expired') throw new NotFoundError('export file');
        throw new ConflictError(`The export is ${found.state}, not ready`, 'export-not-ready');
      }
      const file = await this.exports.fileOf(tx, id, actor.id);
      if (!file) throw new NotFoundError('export file');
      await this.audit.record(tx, {
        action: 'audit_export.download',
        resourceId: id,
        outcome: 'allowed',
        details: { rows: found.rowCount, format: 'csv' },
      });
      return Readable.from([file]).pipe(createGunzip());
    });
  }
}
