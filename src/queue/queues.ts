/** Every queue and job name in one place; payloads carry ids only, never personal data. */
export const QUEUES = {
  followUps: 'follow-ups',
  notifications: 'notifications',
  maintenance: 'maintenance',
  meetings: 'meetings',
  audit: 'audit',
  consents: 'consents',
} as const;

export const JOBS = {
  followUpStep: 'follow-up.step',
  deliverNotification: 'notification.deliver',
  reconcile: 'maintenance.reconcile',
  agendaStep: 'meeting.agenda',
  meetingsSweep: 'meetings.sweep',
  auditSeal: 'audit.seal',
  auditPartitions: 'audit.partitions',
  auditFlags: 'audit.flags',
  consentExpiry: 'consent.expire',
} as const;

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

/** BullMQ refuses ':' in custom ids. The version makes a rescheduled follow-up's old jobs harmless. */
export const followUpStepJobId = (job: FollowUpStepJob) => `followup-${job.followUpId}-${job.step}-${job.version}`;
export const agendaStepJobId = (job: AgendaStepJob) =>
  `meeting-${job.meetingId}-${job.step}-${new Date(job.startsAt).getTime()}`;
export const consentExpiryJobId = (job: ConsentExpiryJob) =>
  `consent-${job.consentId}-expire-${new Date(job.validUntil).getTime()}`;
export const deliverJobId = (job: DeliverNotificationJob) => `notification-${job.notificationId}`;

/**
 * How long a worker's claim on a job lasts before another worker may take the job over
 * (BullMQ's stalled-job check). Read when the worker process loads its processors: a
 * worker killed mid-job has its job retried after about this long.
 */
export const WORKER_OPTIONS = {
  lockDuration: Number(process.env.WORKER_LOCK_MS ?? 30_000),
  stalledInterval: Number(process.env.WORKER_LOCK_MS ?? 30_000),
};
