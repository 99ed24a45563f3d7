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
import { DASHBOARD_SESSION_SECONDS, QueueTickets } from './queue-tickets';

/** The dashboard's own cookie: an id of a short dashboard session (in Redis), sent to its path only. */
const DASHBOARD_COOKIE = 'samvirke_queues';

function cookieOf(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === DASHBOARD_COOKIE) return part.slice(separator + 1).trim();
  }
  return undefined;
}

function isPlainLocalhost(request: FastifyRequest): boolean {
  const host = (request.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
  return request.protocol === 'http' && ['localhost', '127.0.0.1', '[::1]'].includes(host);
}

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
  const tickets = app.get(QueueTickets);
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
        const ticket = (request.query as { ticket?: unknown }).ticket;
        if (header?.startsWith('Bearer ')) {
          const actor = await tokens.actorFromToken(header.slice(7));
          if (!actor) throw new NotAuthenticatedError('A valid access token is required');
          access.admit(actor, DASHBOARD_RULES);
          return;
        }
        // From the web app: a one-time ticket becomes this path's cookie, and the address loses the ticket.
        const session =
          typeof ticket === 'string' ? await tickets.redeem(ticket) : await lookup(cookieOf(request), tickets);
        const actor = session ? await tokens.actorForSession(session.sub, session.sid) : null;
        if (!actor || !session) throw new NotAuthenticatedError('A valid access token or dashboard ticket is required');
        access.admit(actor, DASHBOARD_RULES);
        if (typeof ticket === 'string') {
          const id = await tickets.open(session);
          const secure = isPlainLocalhost(request) ? '' : '; Secure';
          void reply.header(
            'set-cookie',
            `${DASHBOARD_COOKIE}=${id}; Path=${DASHBOARD_PATH}; Max-Age=${DASHBOARD_SESSION_SECONDS}; HttpOnly; SameSite=Strict${secure}`,
          );
          await reply.redirect(DASHBOARD_PATH, 303);
          return reply;
        }
      } catch (error) {
        // Answered here: bull-board's own error handler would turn a refusal into a 500. A refusal is recorded as any other.
        sendProblem(reply, problemFor(await refusals.answerFor(error, request), request));
        return reply;
      }
    });
    await scope.register(board.registerPlugin() as never, { prefix: DASHBOARD_PATH });
  });
}

async function lookup(id: string | undefined, tickets: QueueTickets) {
  return id ? tickets.lookup(id) : null;
}
