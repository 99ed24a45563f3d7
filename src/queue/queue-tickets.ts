import { Controller, HttpCode, Inject, Injectable, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { AuditEventsRepository } from '../audit/audit-events.repository';
import { AuditService } from '../audit/audit.service';
import { REDIS } from '../redis/redis.module';

/** How long a ticket may wait to be used (once), and how long the dashboard's cookie lasts. */
export const TICKET_SECONDS = 60;
export const DASHBOARD_SESSION_SECONDS = 15 * 60;

/** Whose sign-in session a ticket or a dashboard cookie stands for: the dashboard asks it afresh every request. */
export interface DashboardSession {
  sub: string;
  sid: string;
}

/**
 * The queue dashboard, reached from the web app: a browser cannot add a bearer header to a page it
 * opens, so the app asks for a one-time ticket (behind the same policy and second factor as the
 * dashboard), and the dashboard exchanges it for an HttpOnly cookie scoped to its own path. Both
 * name the admin's sign-in session, so signing out or a deactivation closes the dashboard too.
 */
@Injectable()
export class QueueTickets {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async issue(actor: Actor): Promise<string> {
    const ticket = randomBytes(32).toString('base64url');
    const session: DashboardSession = { sub: actor.id, sid: actor.sessionId };
    await this.redis.set(`queue-ticket:${ticket}`, JSON.stringify(session), 'EX', TICKET_SECONDS);
    return ticket;
  }

  /** The ticket's session, once: a second use finds nothing. */
  async redeem(ticket: string): Promise<DashboardSession | null> {
    return parse(await this.redis.getdel(`queue-ticket:${ticket}`));
  }

  async open(session: DashboardSession): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.redis.set(`queue-session:${id}`, JSON.stringify(session), 'EX', DASHBOARD_SESSION_SECONDS);
    return id;
  }

  async lookup(id: string): Promise<DashboardSession | null> {
    return parse(await this.redis.get(`queue-session:${id}`));
  }
}

function parse(value: string | null): DashboardSession | null {
  if (!value) return null;
  const session = JSON.parse(value) as Partial<DashboardSession>;
  return typeof session.sub === 'string' && typeof session.sid === 'string'
    ? { sub: session.sub, sid: session.sid }
    : null;
}

export class DashboardTicketDto {
  @ApiProperty({
    example: '/admin/queues?ticket=…',
    description: `Open it in the browser within ${TICKET_SECONDS} seconds; it works once`,
  })
  url!: string;
}

@ApiTags('queues')
@ApiBearerAuth()
@Controller('api/v1/queue-dashboard')
export class QueueTicketsController {
  constructor(
    private readonly tickets: QueueTickets,
    private readonly events: AuditEventsRepository,
    private readonly audit: AuditService,
  ) {}

  @Post('ticket')
  @HttpCode(200)
  @Policy('manage', 'Queue', 'queue.manage')
  @ApiOkResponse({ type: DashboardTicketDto, description: 'A one-time entry to the queue dashboard for this session' })
  async ticket(@CurrentActor() actor: Actor): Promise<DashboardTicketDto> {
    const ticket = await this.tickets.issue(actor);
    await this.events.transaction((tx) =>
      this.audit.record(tx, { action: 'queue.manage', outcome: 'allowed', details: { entry: 'ticket' } }),
    );
    return { url: `/admin/queues?ticket=${ticket}` };
  }
}
