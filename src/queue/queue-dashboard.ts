import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RouteAccess, RouteRules } from '../access/route-access';
import { markAuditedRoute, RefusalAudit } from '../audit/refusal-audit';
import { TokenVerifier } from '../auth/token-verifier.service';
import { NotAuthenticatedError } from '../http/domain-errors';
import { problemFor, sendProblem } from '../http/problem.filter';
import { QUEUES } from './queues';

export const DASHBOARD_PATH = '/admin/queues';

/** The dashboard's one policy, as a Nest route would declare it with @Policy. */
const DASHBOARD_RULES: RouteRules = {
  name: 'queueDashboard',
  policy: { action: 'manage', subject: 'Queue', audit: 'queue.manage' },
  mfaExempt: false,
};

/**
 * The queue dashboard (failed jobs can be seen and retried there), for admins only. It
 * lives outside Nest's router, so its own hook authenticates the bearer token and then
 * asks RouteAccess, as the access guard does: second factor, policy, audited refusal.
 * Job payloads hold ids only, so it shows no personal data.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const tokens = app.get(TokenVerifier);
  const access = app.get(RouteAccess);
  const refusals = app.get(RefusalAudit);
  const board = new BoardAdapter();
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)))),
    serverAdapter: board,
  });
  board.setBasePath(DASHBOARD_PATH);

  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      markAuditedRoute(request, { action: DASHBOARD_RULES.policy!.audit });
      try {
        const header = request.headers.authorization;
        const actor = header?.startsWith('Bearer ') ? await tokens.actorFromToken(header.slice(7)) : null;
        if (!actor) throw new NotAuthenticatedError('A valid access token is required');
        access.admit(actor, DASHBOARD_RULES);
      } catch (error) {
        // Answered here: bull-board's own error handler would turn a refusal into a 500. A refusal is recorded as any other.
        sendProblem(reply, problemFor(await refusals.answerFor(error, request), request));
        return reply;
      }
    });
    await scope.register(board.registerPlugin() as never, { prefix: DASHBOARD_PATH });
  });
}
