import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppAbility } from '../access/ability';
import { CurrentAbility } from '../access/current-actor.decorator';
import { Policy } from '../access/policy.decorator';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQuery } from './dto/user.dto';
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
}
