import { Injectable } from '@nestjs/common';
import { DomainError, ForbiddenActionError, NotFoundError } from '../http/domain-errors';
import { AuditAction, ResourceType } from './audit-actions';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditService } from './audit.service';

/** What a route says about the trail: the action its calls are recorded under, and what its `:id` names. */
export interface AuditedRoute {
  action: AuditAction;
  /** The kind of record the route's `:id` is, where it is not the action's own (`/subjects/:id/consents`). */
  idType?: ResourceType;
}

const ROUTE = Symbol('audited route');

type Marked = { [ROUTE]?: AuditedRoute };

/** Called by the access guard (and the queue dashboard) before deciding: a refusal of this request is recorded under `route`. */
export function markAuditedRoute(request: object, route: AuditedRoute): void {
  (request as Marked)[ROUTE] = route;
}

export function auditedRouteOf(request: object): AuditedRoute | undefined {
  return (request as Marked)[ROUTE];
}

/** A refusal: every 403, every 404 of a record (not of an unknown path), and any domain error marked as one. */
export function isRefusal(error: unknown): error is DomainError {
  return (
    error instanceof ForbiddenActionError ||
    error instanceof NotFoundError ||
    (error instanceof DomainError && error.refused !== undefined)
  );
}

/**
 * The one way a refusal reaches the trail. Whatever refused the caller — the route's policy in
 * the guard, or a service that could not see or act on the record — the error is answered by
 * the exception filter, which comes here first: by then the request's transaction has rolled
 * back, and the denied event is written on its own, under the route's action, about the route's
 * record (or the one the error names). Services never record their refusals themselves.
 */
@Injectable()
export class RefusalAudit {
  constructor(
    private readonly audit: AuditService,
    private readonly events: AuditEventsRepository,
  ) {}

  /**
   * Records `error` if it refuses the request, and returns what to answer: the error itself, or,
   * failing closed as every audit write does, the 503 of an event that could not be written.
   */
  async answerFor(error: unknown, request: { params?: unknown }): Promise<unknown> {
    const route = auditedRouteOf(request);
    if (!route || !isRefusal(error)) return error;
    const facts = error.refused ?? {};
    const params = (request.params ?? {}) as Record<string, string | undefined>;
    const named = facts.resourceId !== undefined;
    try {
      await this.events.transaction((tx) =>
        this.audit.record(tx, {
          action: route.action,
          outcome: 'denied',
          resourceType: named ? facts.resourceType : (route.idType ?? facts.resourceType),
          resourceId: named ? facts.resourceId : (params.id ?? null),
          subjectId: facts.subjectId ?? null,
          severity: facts.severity,
          details: facts.details,
        }),
      );
    } catch (failure) {
      return failure;
    }
    return error;
  }
}
