import { Page } from '../database/pagination';
import { District } from './district.entity';
import { DistrictDto, DistrictPageDto } from './dto/district.dto';

export function districtView(district: District): DistrictDto {
  return {
    id: district.id,
    name: district.name,
    timeZone: district.timeZone,
    emergencyPoliceAgencyId: district.emergencyPoliceAgencyId,
    createdAt: district.createdAt.toISOString(),
  };
}

export function districtPageView(page: Page<District>): DistrictPageDto {
  return { items: page.items.map(districtView), nextCursor: page.nextCursor };
}
