import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';
import { ForbiddenActionError } from '../http/domain-errors';
import { AppAbility } from './ability';
import { AbilityFactory } from './ability.factory';
import { Actor } from './actor';
import { RoutePolicy } from './policy.decorator';
import { RequestContext } from './request-context';

export class MfaEnrolmentRequiredError extends ForbiddenActionError {
  override readonly code = 'mfa-enrolment-required';
  constructor() {
    super(
      'Your role requires a second factor: enrol one at /api/v1/auth/totp/enrol, confirm it, then log in again with the code',
    );
  }
}

/** What a route declares about access: its policy (none: nobody may use it), and whether it is for setting up a second factor. */
export interface RouteRules {
  /** For the log, when a route declares no policy. */
  name: string;
  policy: RoutePolicy | undefined;
  mfaExempt: boolean;
}

/**
 * The decision every authenticated request goes through, whoever serves it: Nest's routes
 * (through the access guard) and the routes that live beside Nest (the queue dashboard).
 * A route without a policy is refused; a role that needs a second factor must have proved
 * one; then the caller's ability must allow the route's policy. A refusal is recorded as every
 * refusal is, by RefusalAudit, where the error is answered.
 */
@Injectable()
export class RouteAccess {
  private readonly logger = new Logger(RouteAccess.name);

  constructor(
    private readonly abilities: AbilityFactory,
    private readonly context: RequestContext,
    private readonly config: AppConfig,
  ) {}

  /** Admits `actor` to the route or throws; the ability it returns is also in the request context. */
  admit(actor: Actor, route: RouteRules): AppAbility {
    const { policy } = route;
    if (!policy) {
      this.logger.error({ handler: route.name }, 'route without an access policy refused');
      throw new ForbiddenActionError('This route declares no access policy, so nobody may use it');
    }
    // Known before anything is refused, so that the refusal's event names who was refused.
    const ability = this.abilities.createFor(actor);
    this.context.authenticate(actor, ability);
    if (this.secondFactorMissing(actor) && !route.mfaExempt) throw new MfaEnrolmentRequiredError();
    if (!ability.can(policy.action, policy.subject)) {
      throw new ForbiddenActionError(`Your roles do not allow you to ${policy.action} ${policy.subject} records`);
    }
    return ability;
  }

  private secondFactorMissing(actor: Actor): boolean {
    return secondFactorMissing(this.config, actor);
  }
}

/**
 * A second factor is enforced for the actor's roles and their session was not signed in with one:
 * only the routes that set one up are open to them (the web app sends them to enrolment).
 */
export function secondFactorMissing(config: AppConfig, actor: Pick<Actor, 'roles' | 'mfaVerified'>): boolean {
  if (!config.get('MFA_ENFORCED') || actor.mfaVerified) return false;
  const required = config.get('MFA_REQUIRED_ROLES');
  return actor.roles.some((role) => required.includes(role));
}
