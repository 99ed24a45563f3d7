import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Policy } from '../access/policy.decorator';
import { AgenciesService } from './agencies.service';
import { agencyPageView, agencyView } from './agency-view';
import { AgencyDto, AgencyPageDto, AgencyQuery, CreateAgencyDto, UpdateAgencyDto } from './dto/agency.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Get()
  @Policy('read', 'Agency', 'agency.list')
  @ApiOkResponse({ type: AgencyPageDto })
  async list(@Query() query: AgencyQuery): Promise<AgencyPageDto> {
    return agencyPageView(await this.agencies.list(query));
  }

  @Post()
  @Policy('create', 'Agency', 'agency.create')
  @ApiCreatedResponse({ type: AgencyDto })
  async create(@Body() body: CreateAgencyDto): Promise<AgencyDto> {
    return agencyView(await this.agencies.create(body));
  }

  @Get(':id')
  @Policy('read', 'Agency', 'agency.read')
  @ApiOkResponse({ type: AgencyDto })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<AgencyDto> {
    return agencyView(await this.agencies.get(id));
  }

  @Patch(':id')
  @Policy('update', 'Agency', 'agency.update')
  @ApiOkResponse({ type: AgencyDto })
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateAgencyDto): Promise<AgencyDto> {
    return agencyView(await this.agencies.update(id, body));
  }
}
