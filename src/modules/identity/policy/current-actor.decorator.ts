import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '../actor';

/** The signed-in actor, set by the authentication guard. */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ user: Actor }>().user;
});
