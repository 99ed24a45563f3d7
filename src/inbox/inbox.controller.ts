import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { InboxParams, InboxStateDto } from './dto/inbox.dto';
import { InboxService, InboxState } from './inbox.service';

const view = (state: InboxState): InboxStateDto => ({
  inbox: state.inbox,
  seenAt: state.seenAt?.toISOString() ?? null,
});

/** The caller's own inboxes: when they last looked, kept on the server. Whoever may list referrals has the referral inbox. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('api/v1/me/inboxes')
export class InboxController {
  constructor(private readonly inboxes: InboxService) {}

  @Get(':inbox')
  @Policy('read', 'Referral', 'inbox.read')
  @ApiOkResponse({ type: InboxStateDto, description: 'When the caller last looked at the inbox' })
  async state(@CurrentActor() actor: Actor, @Param() params: InboxParams): Promise<InboxStateDto> {
    return view(await this.inboxes.state(actor, params.inbox));
  }

  @Post(':inbox/seen')
  @HttpCode(200)
  @Policy('read', 'Referral', 'inbox.mark_seen')
  @ApiOkResponse({ type: InboxStateDto, description: 'Its `seenAt` is now: what is sent or changed after it is new' })
  async seen(@CurrentActor() actor: Actor, @Param() params: InboxParams): Promise<InboxStateDto> {
    return view(await this.inboxes.markSeen(actor, params.inbox));
  }
}
