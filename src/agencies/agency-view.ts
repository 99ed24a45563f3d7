import { Page } from '../database/pagination';
import { Agency } from './agency.entity';
import { AgencyDto, AgencyPageDto } from './dto/agency.dto';

export function agencyView(agency: Agency): AgencyDto {
  return {
    id: agency.id,
    name: agency.name,
    kind: agency.kind,
    districtId: agency.districtId,
    createdAt: agency.createdAt.toISOString(),
    updatedAt: agency.updatedAt.toISOString(),
  };
}

export function agencyPageView(page: Page<Agency>): AgencyPageDto {
  return { items: page.items.map(agencyView), nextCursor: page.nextCursor };
}
