import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { CurrentAbility } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { PersonPageDto, PersonQuery } from './dto/person.dto';
import { personPageView } from './user-view';
import { UsersService } from './users.service';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/people')
export class PeopleController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Policy('read', 'Person', 'directory.list_people')
  @ApiOkResponse({
    type: PersonPageDto,
    description:
      'Colleagues by name: a coordinator sees the active people holding a case role in their districts, a case ' +
      'worker their own agency’s active case workers. Never admins or auditors as such, never deactivated users',
  })
  async list(@CurrentAbility() ability: AppAbility, @Query() query: PersonQuery): Promise<PersonPageDto> {
    return personPageView(await this.users.people(ability, query));
  }
}
