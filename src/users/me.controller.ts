import { Controller, Get } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor.decorator';
import { MfaExempt, Policy } from '../access/policy.decorator';
import { AuditService } from '../audit/audit.service';
import { NotFoundError } from '../http/domain-errors';
import { ProfileDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  @Get()
  @MfaExempt()
  @Policy('read', 'Profile')
  @ApiOkResponse({ type: ProfileDto })
  async me(@CurrentActor() actor: Actor): Promise<ProfileDto> {
    const user = await this.users.findWithDirectory(actor.id);
    if (!user) throw new NotFoundError('user');
    await this.audit.record(this.dataSource.manager, {
      action: 'profile.read',
      resourceType: 'User',
      resourceId: actor.id,
      outcome: 'allowed',
    });
    return ProfileDto.from(user);
  }
}
