import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Actor } from './actor';

/** The authenticated caller, as the access guard established them. */
export const CurrentActor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Actor => context.switchToHttp().getRequest<{ user: Actor }>().user,
);
