/**
 * Errors the domain raises, each with a stable code. One filter turns them into
 * RFC 9457 problem documents, so services never think in HTTP.
 */
import type { ResourceType } from '../audit/audit-actions';
import type { AuditSeverity } from '../audit/audit-event.entity';

/**
 * What a refusal names beyond its route (see RefusalAudit): the record refused where the route's
 * id does not name it (one named in the body), whose record it is where the caller may know,
 * and anything the auditor should see first.
 */
export interface RefusedRecord {
  resourceType?: ResourceType;
  resourceId?: string | null;
  subjectId?: string | null;
  severity?: AuditSeverity;
  details?: Record<string, unknown>;
}

export interface FieldProblem {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  readonly extensions: Record<string, unknown> = {};
  /** Set by `refusing`: the error is a refusal to record as a denied event, with these facts. */
  refused?: RefusedRecord;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }

  /**
   * Marks the error as a refusal the trail records (every 403 and 404 is one already), naming
   * what the route alone does not say. Never put personal data in `details`.
   */
  refusing(record: RefusedRecord = {}): this {
    this.refused = { ...this.refused, ...record };
    return this;
  }
}

export class InvalidInputError extends DomainError {
  readonly status = 400;
  readonly code: string = 'invalid-input';
  constructor(
    message: string,
    readonly errors: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export class NotAuthenticatedError extends DomainError {
  readonly status = 401;
  readonly code: string = 'not-authenticated';
}

export class ForbiddenActionError extends DomainError {
  readonly status = 403;
  readonly code: string = 'forbidden';
}

/** Unknown, or not visible to the caller: the two must look the same. */
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly code: string = 'not-found';
  constructor(resource: string) {
    super(`No ${resource} with that id exists, or you may not see it`);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly code: string;
  constructor(message: string, code = 'conflict') {
    super(message);
    this.code = code;
  }
}

export class BusinessRuleError extends DomainError {
  readonly status = 422;
  readonly code: string;
  constructor(
    message: string,
    code = 'business-rule',
    readonly errors: FieldProblem[] = [],
  ) {
    super(message);
    this.code = code;
  }
}

export class TooManyAttemptsError extends DomainError {
  readonly status = 429;
  readonly code: string;
  constructor(message: string, code: string, retryAfterSeconds: number) {
    super(message);
    this.code = code;
    this.extensions.retryAfterSeconds = retryAfterSeconds;
  }
}

export class ServiceUnavailableError extends DomainError {
  readonly status = 503;
  readonly code: string = 'service-unavailable';
  constructor(message: string, checks: Record<string, unknown>) {
    super(message);
    this.extensions.checks = checks;
  }
}
