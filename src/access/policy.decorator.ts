import { SetMetadata } from '@nestjs/common';
import type { AuditAction, ResourceType } from '../audit/audit-actions';
import { Action, SubjectType } from './ability';

export const POLICY_KEY = 'samvirke:policy';
export const PUBLIC_KEY = 'samvirke:public';
export const MFA_EXEMPT_KEY = 'samvirke:mfa-exempt';

export interface RoutePolicy {
  action: Action;
  subject: SubjectType;
  /** The audit action of the route's calls: a refusal is recorded under it. */
  audit: AuditAction;
  /** What the route's `:id` names, where it is not the audit action's own resource type. */
  idType?: ResourceType;
}

/**
 * The one access rule of a route: the caller's ability must allow `action` on `subject`. `audit`
 * is the catalogue's action for what the route does (allowed or refused), `idType` what its
 * `:id` is when not a record of that action's resource type.
 */
export const Policy = (action: Action, subject: SubjectType, audit: AuditAction, idType?: ResourceType) =>
  SetMetadata<string, RoutePolicy>(POLICY_KEY, { action, subject, audit, ...(idType ? { idType } : {}) });

/** A route anyone may call without a token (login, refresh, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Reachable before a required second factor is set up, so that it can be set up. */
export const MfaExempt = () => SetMetadata(MFA_EXEMPT_KEY, true);
