import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Policy } from '../access/policy.decorator';
import { AgenciesService } from './agencies.service';
import { AgencyDto, AgencyPageDto, AgencyQuery, CreateAgencyDto, UpdateAgencyDto } from './dto/agency.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  @Policy('read', 'Agency')
  @ApiOkResponse({ type: AgencyPageDto })
  async list(@Query() query: AgencyQuery): Promise<AgencyPageDto> {
    const page = await this.agencies.list(query);
    return { items: page.items.map(AgencyDto.from), nextCursor: page.nextCursor };
  }

  @Post()
  @Policy('create', 'Agency')
  @ApiCreatedResponse({ type: AgencyDto })
  async create(@Body() body: CreateAgencyDto): Promise<AgencyDto> {
    return AgencyDto.from(await this.agencies.create(body));
  }

  @Get(':id')
  @Policy('read', 'Agency')
  @ApiOkResponse({ type: AgencyDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<AgencyDto> {
    return AgencyDto.from(await this.agencies.get(id));
  }

  @Patch(':id')
  @Policy('update', 'Agency')
  @ApiOkResponse({ type: AgencyDto })
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateAgencyDto): Promise<AgencyDto> {
    return AgencyDto.from(await this.agencies.update(id, body));
  }
}
