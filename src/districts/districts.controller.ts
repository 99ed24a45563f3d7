import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Policy } from '../access/policy.decorator';
import { PageQuery } from '../database/pagination';
import { DistrictsService } from './districts.service';
import { CreateDistrictDto, DistrictDto, DistrictPageDto, UpdateDistrictDto } from './dto/district.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('api/v1/districts')
export class DistrictsController {
  constructor(private readonly districts: DistrictsService) {}

  @Get()
  @Policy('read', 'District')
  @ApiOkResponse({ type: DistrictPageDto })
  async list(@Query() page: PageQuery): Promise<DistrictPageDto> {
    const result = await this.districts.list(page);
    return { items: result.items.map(DistrictDto.from), nextCursor: result.nextCursor };
  }

  @Post()
  @Policy('create', 'District')
  @ApiCreatedResponse({ type: DistrictDto })
  async create(@Body() body: CreateDistrictDto): Promise<DistrictDto> {
    return DistrictDto.from(await this.districts.create(body));
  }

  @Patch(':id')
  @Policy('update', 'District')
  @ApiOkResponse({ type: DistrictDto })
  async update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateDistrictDto): Promise<DistrictDto> {
    return DistrictDto.from(await this.districts.update(id, body));
  }
}
