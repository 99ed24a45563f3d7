import { ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config.service';
import { ForbiddenActionError, NotAuthenticatedError } from '../http/domain-errors';
import { AppAbility } from './ability';
import { AbilityFactory } from './ability.factory';
import { Actor } from './actor';
import { MFA_EXEMPT_KEY, POLICY_KEY, PUBLIC_KEY, RoutePolicy } from './policy.decorator';
import { RequestContext } from './request-context';

export class MfaEnrolmentRequiredError extends ForbiddenActionError {
  override readonly code = 'mfa-enrolment-required';
  constructor() {
    super(
      'Your role requires a second factor: enrol one at /api/v1/auth/totp/enrol, confirm it, then log in again with the code',
    );
  }
}

/**
 * The one gate in front of every route: public routes pass; every other route needs a
 * valid token, a second factor where the role demands one, and its declared policy.
 * A route that declares nothing is refused.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly abilities: AbilityFactory,
    private readonly context: RequestContext,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {
    super();
  }

  override async canActivate(execution: ExecutionContext): Promise<boolean> {
    const targets = [execution.getHandler(), execution.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    await super.canActivate(execution);
    const request = execution.switchToHttp().getRequest<{ user: Actor; ability?: AppAbility }>();
    const actor = request.user;

    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, targets);
    if (!policy) {
      this.logger.error({ handler: execution.getHandler().name }, 'route without an access policy refused');
      throw new ForbiddenActionError('This route declares no access policy, so nobody may use it');
    }
    if (this.secondFactorMissing(actor) && !this.reflector.getAllAndOverride<boolean>(MFA_EXEMPT_KEY, targets)) {
      throw new MfaEnrolmentRequiredError();
    }

    const ability = this.abilities.createFor(actor);
    request.ability = ability;
    this.context.authenticate(actor, ability);
    if (!ability.can(policy.action, policy.subject)) {
      await this.audit.record(this.dataSource.manager, {
        action: 'access.denied',
        resourceType: policy.subject,
        outcome: 'denied',
        details: { attempted: policy.action },
      });
      throw new ForbiddenActionError(`Your roles do not allow you to ${policy.action} ${policy.subject} records`);
    }
    return true;
  }

  private secondFactorMissing(actor: Actor): boolean {
    if (!this.config.get('MFA_ENFORCED') || actor.mfaVerified) return false;
    const required = this.config.get('MFA_REQUIRED_ROLES');
    return actor.roles.some((role) => required.includes(role));
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    if (error || !user) {
      throw new NotAuthenticatedError('A valid access token is required');
    }
    return user;
  }
}
