import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Policy } from '../access/policy.decorator';
import { PageQuery } from '../database/pagination';
import { districtPageView, districtView } from './district-view';
import { DistrictsService } from './districts.service';
import { CreateDistrictDto, DistrictDto, DistrictPageDto, UpdateDistrictDto } from './dto/district.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/districts')
export class DistrictsController {
  constructor(private readonly districts: DistrictsService) {}

  @Get()
  @Policy('read', 'District', 'district.list')
  @ApiOkResponse({ type: DistrictPageDto })
  async list(@Query() page: PageQuery): Promise<DistrictPageDto> {
    return districtPageView(await this.districts.list(page));
  }

  @Post()
  @Policy('create', 'District', 'district.create')
  @ApiCreatedResponse({ type: DistrictDto })
  async create(@Body() body: CreateDistrictDto): Promise<DistrictDto> {
    return districtView(await this.districts.create(body));
  }

  @Patch(':id')
  @Policy('update', 'District', 'district.update')
  @ApiOkResponse({ type: DistrictDto })
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateDistrictDto): Promise<DistrictDto> {
    return districtView(await this.districts.update(id, body));
  }
}
