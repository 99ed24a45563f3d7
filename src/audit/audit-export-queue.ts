import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AuditExportJob, auditExportJobId, JOBS, QUEUES } from '../queue/queues';
import { ENQUEUE_TIMEOUT_MS, withinTime } from '../queue/within-time';

/**
 * Puts an export's job on the audit queue under its one id: adding it again while it is there is a
 * no-op, so the sweep may put back every unfinished export. Best effort: the row says queued, and
 * the sweep puts back a job Redis did not take or lost.
 */
@Injectable()
export class AuditExportQueue {
  private readonly logger = new Logger(AuditExportQueue.name);

  constructor(@InjectQueue(QUEUES.audit) private readonly queue: Queue<AuditExportJob>) {}

  async enqueue(exportId: string): Promise<boolean> {
    const data: AuditExportJob = { exportId };
    const added = await withinTime(
      this.queue.add(JOBS.auditExport, data, { jobId: auditExportJobId(data) }),
      ENQUEUE_TIMEOUT_MS,
    );
    if (!added) this.logger.warn({ event: 'audit_export.deferred' }, 'queue unavailable; the sweep will put it back');
    return added;
  }
}
