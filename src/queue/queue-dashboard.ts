import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BoardAdapter } from '@bull-board/fastify';
import { getQueueToken } from '@nestjs/bullmq';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue } from 'bullmq';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TokenVerifier } from '../auth/token-verifier.service';
import { PROBLEM_CONTENT_TYPE, problem } from '../http/problem';
import { QUEUES } from './queues';

export const DASHBOARD_PATH = '/admin/queues';

/**
 * The queue dashboard (failed jobs can be seen and retried there), for admins only. It
 * lives outside Nest's router, so its own hook checks the bearer token the same way the
 * access guard does. Job payloads hold ids only, so it shows no personal data.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const tokens = app.get(TokenVerifier);
  const board = new BoardAdapter();
  createBullBoard({
    queues: Object.values(QUEUES).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)))),
    serverAdapter: board,
  });
  board.setBasePath(DASHBOARD_PATH);

  const refuse = (reply: FastifyReply, status: 401 | 403, code: string, detail: string) =>
    reply
      .code(status)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(problem(status, code, detail));

  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const header = request.headers.authorization;
      const actor = header?.startsWith('Bearer ') ? await tokens.actorFromToken(header.slice(7)) : null;
      if (!actor) return refuse(reply, 401, 'not-authenticated', 'A valid access token is required');
      if (!actor.roles.includes('admin')) return refuse(reply, 403, 'forbidden', 'The queue dashboard is for admins');
    });
    await scope.register(board.registerPlugin() as never, { prefix: DASHBOARD_PATH });
  });
}
