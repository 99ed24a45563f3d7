import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { markAuditedRoute } from '../audit/refusal-audit';
import { NotAuthenticatedError } from '../http/domain-errors';
import { AppAbility } from './ability';
import { Actor } from './actor';
import { MFA_EXEMPT_KEY, POLICY_KEY, PUBLIC_KEY, RoutePolicy } from './policy.decorator';
import { RouteAccess } from './route-access';

/**
 * The one gate in front of every route: public routes pass; every other route needs a
 * valid token, and then the decision of RouteAccess (second factor, declared policy).
 * A route that declares nothing is refused.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: RouteAccess,
  ) {
    super();
  }

  override async canActivate(execution: ExecutionContext): Promise<boolean> {
    const targets = [execution.getHandler(), execution.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = execution.switchToHttp().getRequest<{ user: Actor; ability?: AppAbility }>();
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(POLICY_KEY, targets);
    // Whoever refuses this request from here on (this guard or a service), the refusal is recorded under the route's action.
    if (policy) markAuditedRoute(request, { action: policy.audit, idType: policy.idType });
    await super.canActivate(execution);
    request.ability = this.access.admit(request.user, {
      name: execution.getHandler().name,
      policy,
      mfaExempt: this.reflector.getAllAndOverride<boolean>(MFA_EXEMPT_KEY, targets) === true,
    });
    return true;
  }

  /**
   * Passport reports a token it refuses as no user, and anything the token verifier threw as an
   * error: a database that could not be asked in time is answered 503 (with Retry-After), not as
   * a bad token.
   */
  override handleRequest<T>(error: unknown, user: T | false): T {
    if (error) throw error as Error; // what the token verifier threw, handed on by Passport
    if (!user) throw new NotAuthenticatedError('A valid access token is required');
    return user;
  }
}
