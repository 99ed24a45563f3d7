import { AuditActor } from './audit.service';

/**
 * The application acting on its own — the worker's steps and sweeps, the demo seed — rather
 * than for a signed-in caller: its audit events name no user and no agency. The one definition;
 * anything that records an event without a caller passes this.
 */
export const SYSTEM_ACTOR: AuditActor = Object.freeze({
  id: null,
  agencyId: null,
  roles: Object.freeze(['system']) as unknown as string[],
});
