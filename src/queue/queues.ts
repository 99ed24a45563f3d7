import type { ResourceType } from '../audit/audit-actions';

/**
 * Every queue, job name, job payload, job id and schedule in one place; payloads carry ids
 * only, never personal data. Queue names are snake_case; job names are `<resource_type>.<verb>`, the
 * resource type one of the audit catalogue's (src/audit/audit-actions.ts).
 */
export const QUEUES = {
  followUps: 'follow_ups',
  notifications: 'notifications',
  maintenance: 'maintenance',
  meetings: 'meetings',
  audit: 'audit',
  consents: 'consents',
  referrals: 'referrals',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  followUpStep: 'follow_up.step',
  deliverNotification: 'notification.deliver',
  reconcile: 'queue.reconcile',
  agendaStep: 'agenda.step',
  meetingsSweep: 'meeting.sweep',
  auditSeal: 'audit_event.seal',
  auditPartitions: 'audit_event.partition',
  auditFlags: 'access_flag.detect',
  auditVerify: 'audit_verification.run',
  auditVerifySweep: 'audit_verification.sweep',
  consentExpiry: 'consent.expire',
  retentionRun: 'retention.run',
  referralUnseen: 'referral.flag_unseen',
  auditExport: 'audit_export.compile',
  auditExportSweep: 'audit_export.sweep',
} as const satisfies Record<string, `${ResourceType}.${string}`>;

export type JobName = (typeof JOBS)[keyof typeof JOBS];

export type FollowUpStepName = 'remind' | 'overdue' | 'escalate';

export interface FollowUpStepJob {
  followUpId: string;
  version: number;
  step: FollowUpStepName;
}

export interface DeliverNotificationJob {
  notificationId: string;
}

/** Generate the agenda (days before the meeting) or freeze it (at the start), for the start in the job. */
export type AgendaStepName = 'generate' | 'freeze';

export interface AgendaStepJob {
  meetingId: string;
  /** The meeting's start when the job was scheduled: a moved meeting's old jobs do nothing. */
  startsAt: string;
  step: AgendaStepName;
}

/** Close what rested on a consent at the moment it ends. */
export interface ConsentExpiryJob {
  consentId: string;
  validUntil: string;
}

/** Tell the district's coordinators of a referral nobody of the receiving agency has opened in two working days. */
export interface ReferralUnseenJob {
  referralId: string;
}

/** Write an auditor's export of the trail (its row says what and for whom). */
export interface AuditExportJob {
  exportId: string;
}

/** Verify the chain for a verification an auditor asked for (its row says how far it got). */
export interface AuditVerifyJob {
  verificationId: string;
}

/** A job that carries nothing: sweeps and upkeep read what they need from PostgreSQL. */
export type NoPayload = Record<string, never>;

/** What each job carries, and the one queue it goes on. */
export interface JobPayloads {
  'follow_up.step': FollowUpStepJob;
  'notification.deliver': DeliverNotificationJob;
  'queue.reconcile': NoPayload;
  'agenda.step': AgendaStepJob;
  'meeting.sweep': NoPayload;
  'audit_event.seal': NoPayload;
  'audit_event.partition': NoPayload;
  'access_flag.detect': NoPayload;
  'audit_verification.run': AuditVerifyJob;
  'audit_verification.sweep': NoPayload;
  'consent.expire': ConsentExpiryJob;
  'retention.run': NoPayload;
  'referral.flag_unseen': ReferralUnseenJob;
  'audit_export.compile': AuditExportJob;
  'audit_export.sweep': NoPayload;
}

export const JOB_QUEUES: { readonly [N in JobName]: QueueName } = {
  'follow_up.step': QUEUES.followUps,
  'notification.deliver': QUEUES.notifications,
  'queue.reconcile': QUEUES.maintenance,
  'agenda.step': QUEUES.meetings,
  'meeting.sweep': QUEUES.meetings,
  'audit_event.seal': QUEUES.audit,
  'audit_event.partition': QUEUES.audit,
  'access_flag.detect': QUEUES.audit,
  'audit_verification.run': QUEUES.audit,
  'audit_verification.sweep': QUEUES.audit,
  'consent.expire': QUEUES.consents,
  'retention.run': QUEUES.maintenance,
  'referral.flag_unseen': QUEUES.referrals,
  'audit_export.compile': QUEUES.audit,
  'audit_export.sweep': QUEUES.audit,
};

/*
 * Job ids, `<resource_type>-<id>-<what>[-<when>]`: deterministic, so adding a job twice is a no-op
 * (BullMQ refuses ':' in custom ids). A follow-up's version, a meeting's start and a consent's end
 * are part of the id, so the jobs of a rescheduled follow-up, a moved meeting or a changed consent
 * are new jobs and the old ones find nothing to do. A follow-up step's id is also the delivery key
 * of its notification.
 */
export const followUpStepJobId = (job: FollowUpStepJob) => `follow_up-${job.followUpId}-${job.step}-${job.version}`;
export const agendaStepJobId = (job: AgendaStepJob) =>
  `meeting-${job.meetingId}-${job.step}-${new Date(job.startsAt).getTime()}`;
export const consentExpiryJobId = (job: ConsentExpiryJob) =>
  `consent-${job.consentId}-expire-${new Date(job.validUntil).getTime()}`;
/** Once per referral: a referral is sent once, and its flag is also the notifications' delivery key. */
export const referralUnseenJobId = (job: ReferralUnseenJob) => `referral-${job.referralId}-flag_unseen`;
/** Once per export: the sweep puts a lost one back under the same id, a no-op while it is still there. */
export const auditExportJobId = (job: AuditExportJob) => `audit_export-${job.exportId}-compile`;
/** Once per verification: the sweep puts a lost one back under the same id. */
export const auditVerifyJobId = (job: AuditVerifyJob) => `audit_verification-${job.verificationId}-run`;
export const deliverJobId = (job: DeliverNotificationJob) => `notification-${job.notificationId}`;
/** The sweep run at once for a new forum series (it creates the series' first meetings). */
export const forumSeriesSweepJobId = (seriesId: string) => `forum_series-${seriesId}-sweep`;

/** Configuration variables that set how often a scheduled job runs. */
export type ScheduleSetting =
  | 'RECONCILE_EVERY_MS'
  | 'MEETINGS_SWEEP_EVERY_MS'
  | 'AUDIT_SEAL_EVERY_MS'
  | 'AUDIT_FLAGS_EVERY_MS'
  | 'AUDIT_EXPORT_SWEEP_EVERY_MS';

export interface Schedule {
  /** The job the scheduler puts on its queue; the job name is also the scheduler's id. */
  job: JobName;
  /** Every this many milliseconds: a fixed number, or the configuration variable that sets it. */
  every: number | ScheduleSetting;
}

const DAY_MS = 24 * 3_600_000;

/**
 * The recurring jobs, registered by the worker with BullMQ's job scheduler at start-up
 * (idempotent across workers and restarts). A scheduler on a queue that is not listed here
 * (one renamed or dropped) is removed at start-up.
 */
export const SCHEDULES: readonly Schedule[] = [
  { job: JOBS.reconcile, every: 'RECONCILE_EVERY_MS' },
  { job: JOBS.meetingsSweep, every: 'MEETINGS_SWEEP_EVERY_MS' },
  { job: JOBS.auditSeal, every: 'AUDIT_SEAL_EVERY_MS' },
  { job: JOBS.auditPartitions, every: DAY_MS },
  { job: JOBS.auditFlags, every: 'AUDIT_FLAGS_EVERY_MS' },
  // A verification whose job Redis lost is run again, or marked failed: never queued for ever.
  { job: JOBS.auditVerifySweep, every: 60_000 },
  // Exports: a lost job put back from PostgreSQL, expired files removed.
  { job: JOBS.auditExportSweep, every: 'AUDIT_EXPORT_SWEEP_EVERY_MS' },
  // Daily: anonymise the subjects whose case records are all past their periods, delete old notifications.
  { job: JOBS.retentionRun, every: DAY_MS },
];
