import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { CurrentAbility } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { CreateUserDto, ResetSecondFactorDto, UpdateUserDto, UserDto, UserPageDto, UserQuery } from './dto/user.dto';
import { userPageView, userView } from './user-view';
import { UsersService } from './users.service';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Policy('read', 'User', 'user.list')
  @ApiOkResponse({ type: UserPageDto })
  async list(@CurrentAbility() ability: AppAbility, @Query() query: UserQuery): Promise<UserPageDto> {
    return userPageView(await this.users.list(ability, query));
  }

  @Post()
  @Policy('create', 'User', 'user.create')
  @ApiCreatedResponse({ type: UserDto })
  async create(@CurrentAbility() ability: AppAbility, @Body() body: CreateUserDto): Promise<UserDto> {
    return userView(await this.users.create(ability, body));
  }

  @Get(':id')
  @Policy('read', 'User', 'user.read')
  @ApiOkResponse({ type: UserDto })
  async get(@CurrentAbility() ability: AppAbility, @Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return userView(await this.users.get(ability, id));
  }

  @Patch(':id')
  @Policy('update', 'User', 'user.update')
  @ApiOkResponse({ type: UserDto })
  async update(
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return userView(await this.users.update(ability, id, body));
  }

  @Post(':id/second-factor/reset')
  @HttpCode(200)
  @Policy('update', 'User', 'user.reset_second_factor')
  @ApiOkResponse({
    type: UserDto,
    description:
      'Removes the user’s second factor (a lost phone) and ends their sessions; the reason is recorded for the auditor',
  })
  async resetSecondFactor(
    @CurrentAbility() ability: AppAbility,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ResetSecondFactorDto,
  ): Promise<UserDto> {
    return userView(await this.users.resetSecondFactor(ability, id, body.reason));
  }
}
