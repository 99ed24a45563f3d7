import { subject as asSubject } from '@casl/ability';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppAbility } from '../access/ability';
import { AuditActor, AuditService } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../audit/system-actor';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { BusinessRuleError, ConflictError, ForbiddenActionError, NotFoundError } from '../http/domain-errors';
import { RecordKind, RetentionPeriod } from '../privacy/retention-periods';
import { SubjectsService } from '../subjects/subjects.service';
import { VisibleSubject } from '../subjects/subjects.repository';
import { EraseSubjectDto } from '../subjects/dto/subject.dto';
import { addCounts, nextRunReport, noRecords, periodsFrom, RETENTION_BATCH, RetentionReport } from './retention-report';
import { RecordedRun, RetentionRepository, SubjectRecordCounts } from './retention.repository';

/** How many old notifications go per transaction. */
const NOTIFICATION_BATCH = 1000;
/** How many past runs the admin's report lists. */
const RECENT_RUNS = 20;

/** Why a subject was anonymised: its periods ran out, or it asked to be erased (Article 17). */
export type AnonymisationRule = 'retention' | 'erasure_on_request';

/** What one run did, as its audit event records it. */
export interface RetentionRunResult {
  subjects: number;
  /** Subjects found due that another run was anonymising (their row was locked) or that stopped being due. */
  skipped: number;
  records: Record<RecordKind, number>;
}

/**
 * Retention and erasure through one path: a subject is anonymised in ONE transaction holding its row lock, after the
 * rule that lets it be is checked again inside that transaction, with its `subject.anonymise` event. A run killed
 * half-way leaves every subject whole or anonymised; the next run finds the rest by the same query.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly repository: RetentionRepository,
    private readonly subjects: SubjectsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** The periods in force: `retentionPeriods` of the configuration. */
  periods(): RetentionPeriod[] {
    return periodsFrom((key) => this.config.get(key));
  }

  /** The daily run: every due subject not held, one transaction each; then old notifications; then one event. */
  async run(): Promise<RetentionRunResult> {
    const now = this.clock.now();
    const periods = this.periods();
    const records = noRecords();
    let subjects = 0;
    let skipped = 0;
    let after: string | null = null;
    for (;;) {
      const window = await this.repository.transaction((tx) =>
        this.repository.subjectsWindow(tx, periods, now, after, RETENTION_BATCH),
      );
      if (window.length === 0) break;
      for (const { id } of window.filter((subject) => subject.due && !subject.held)) {
        const counts = await this.repository.transaction(async (tx) =>
          (await this.repository.lockIfDue(tx, id, periods, now))
            ? this.anonymiseLocked(tx, id, now, 'retention', SYSTEM_ACTOR)
            : null,
        );
        if (counts) {
          subjects += 1;
          addCounts(records, counts);
        } else skipped += 1;
      }
      after = window[window.length - 1].id;
    }
    const notification = periods.find((period) => period.kind === 'notification')!;
    for (;;) {
      const deleted = await this.repository.transaction((tx) =>
        this.repository.deleteOldNotifications(tx, notification.months, now, NOTIFICATION_BATCH),
      );
      records.notification += deleted;
      if (deleted < NOTIFICATION_BATCH) break;
    }
    await this.repository.transaction((tx) =>
      this.audit.record(tx, {
        action: 'retention.run',
        outcome: 'allowed',
        actor: SYSTEM_ACTOR,
        details: {
          at: now.toISOString(),
          subjects,
          skipped,
          records,
          periods: Object.fromEntries(periods.map((period) => [period.kind, period.months])),
        },
      }),
    );
    this.logger.log({ event: 'retention.run', subjects, skipped, records }, 'retention run done');
    return { subjects, skipped, records };
  }

  /** The last runs for an admin, newest first, from the trail; the read is audited. */
  recentRuns(): Promise<RecordedRun[]> {
    return this.repository.transaction(async (tx) => {
      const runs = await this.repository.recentRuns(tx, RECENT_RUNS);
      await this.audit.record(tx, {
        action: 'retention.list_runs',
        outcome: 'allowed',
        details: { runs: runs.length },
      });
      return runs;
    });
  }

  /** The dry run for an admin: what the next run would anonymise and delete, counted; the read is audited. */
  preview(): Promise<RetentionReport> {
    return this.repository.transaction(async (tx) => {
      const report = await nextRunReport(this.repository, tx, this.periods(), this.clock.now());
      await this.audit.record(tx, {
        action: 'retention.preview',
        outcome: 'allowed',
        details: { subjectsDue: report.subjectsDue, subjectsHeld: report.subjectsHeld, records: report.records },
      });
      return report;
    });
  }

  /**
   * Erasure on request (Article 17): a coordinator of the subject's district anonymises it now, through the same
   * anonymiser as retention. Refused, with nothing written but the refusal, while a legal hold stands or a case
   * record is open; a second request finds it anonymised already. The reason is required but not stored: it may
   * name the person it erases.
   */
  erase(ability: AppAbility, id: string, input: EraseSubjectDto): Promise<VisibleSubject> {
    return this.repository.transaction(async (tx) => {
      const found = await this.subjects.findVisible(tx, ability, id);
      if (!found) throw new NotFoundError('subject');
      if (!ability.can('erase', asSubject('Subject', { ...found.subject }))) {
        throw new ForbiddenActionError("Only a coordinator of the subject's district erases it").refusing({
          subjectId: id,
        });
      }
      const locked = await this.repository.lockForErasure(tx, id);
      if (!locked) throw new NotFoundError('subject');
      if (locked.anonymised) {
        throw new ConflictError('The subject is anonymised already', 'already-anonymised').refusing({
          subjectId: id,
          details: { reason: 'already_anonymised' },
        });
      }
      const now = this.clock.now();
      const holds = await this.repository.holdsInForce(tx, id, now);
      if (holds.length > 0) {
        const error = new BusinessRuleError(
          'A legal hold keeps the subject’s records: it cannot be erased until the hold is lifted or ends',
          'legal-hold',
        ).refusing({ subjectId: id, details: { reason: 'legal_hold', holds: holds.map((hold) => hold.id) } });
        error.extensions.holds = holds.map((hold) => ({ id: hold.id, until: hold.until.toISOString() }));
        throw error;
      }
      const open = await this.repository.openRecords(tx, id);
      if (open.concerns.length + open.referrals.length + open.followUps.length > 0) {
        const error = new BusinessRuleError(
          'A case about the subject is still open: close it before erasing the subject',
          'open-case',
        ).refusing({ subjectId: id, details: { reason: 'open_case', ...open } });
        error.extensions.openRecords = open;
        throw error;
      }
      await this.anonymiseLocked(tx, id, now, 'erasure_on_request', undefined, {
        ground: input.ground,
        reasonGiven: input.reason.length > 0,
      });
      return (await this.subjects.findVisible(tx, ability, id))!;
    });
  }

  /**
   * Anonymises a subject whose row `tx` holds locked, and records it: the rule that applied and the records treated
   * per kind. `actor` is the system for retention; an erasure is the caller's own act.
   */
  private async anonymiseLocked(
    tx: EntityManager,
    id: string,
    now: Date,
    rule: AnonymisationRule,
    actor: AuditActor | undefined,
    extra: Record<string, unknown> = {},
  ): Promise<SubjectRecordCounts> {
    const counts = await this.repository.recordCounts(tx, [id]);
    await this.repository.anonymise(tx, id, now);
    await this.audit.record(tx, {
      action: 'subject.anonymise',
      resourceId: id,
      subjectId: id,
      outcome: 'allowed',
      ...(actor ? { actor } : {}),
      details: { rule, records: counts, ...extra },
    });
    return counts;
  }
}
