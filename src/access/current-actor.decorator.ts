import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { AppAbility } from './ability';
import { Actor } from './actor';

/** The authenticated caller, as the access guard established them. */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest<{ user: Actor }>().user,
);

/** The caller's ability, built once for this request by the access guard. */
export const CurrentAbility = createParamDecorator(
  (_: unknown, context: ExecutionContext): AppAbility =>
    context.switchToHttp().getRequest<{ ability: AppAbility }>().ability,
);
