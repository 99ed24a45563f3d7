import { SetMetadata } from '@nestjs/common';
import { Action, SubjectType } from './ability';

export const POLICY_KEY = 'samvirke:policy';
export const PUBLIC_KEY = 'samvirke:public';
export const MFA_EXEMPT_KEY = 'samvirke:mfa-exempt';

export interface RoutePolicy {
  action: Action;
  subject: SubjectType;
}

/** The one access rule of a route: the caller's ability must allow `action` on `subject`. */
export const Policy = (action: Action, subject: SubjectType) =>
  SetMetadata<string, RoutePolicy>(POLICY_KEY, { action, subject });

/** A route anyone may call without a token (login, refresh, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Reachable before a required second factor is set up, so that it can be set up. */
export const MfaExempt = () => SetMetadata(MFA_EXEMPT_KEY, true);
