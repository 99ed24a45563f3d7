import { AgencyKind } from '../agencies/agency-kind';
import { Role } from '../users/role';

/** The demo city of the API contract: two districts, an agency of every kind, a user for each role. */
export const DEMO_EMAIL_DOMAIN = 'demo.samvirke.test';

export const DEMO_DISTRICTS = ['East', 'West'] as const;
type DemoDistrict = (typeof DEMO_DISTRICTS)[number];

export interface DemoAgency {
  name: string;
  kind: AgencyKind;
  district: DemoDistrict | null;
}

export const DEMO_AGENCIES: DemoAgency[] = [
  { name: 'Police District East', kind: 'police', district: 'East' },
  { name: 'Police District West', kind: 'police', district: 'West' },
  { name: 'Social Services East', kind: 'social_services', district: 'East' },
  { name: 'Social Services West', kind: 'social_services', district: 'West' },
  { name: 'Child Welfare Service East', kind: 'child_welfare', district: 'East' },
  { name: 'East Secondary School', kind: 'school', district: 'East' },
  { name: 'Health Service East', kind: 'health', district: 'East' },
  { name: 'City Youth Service', kind: 'youth_service', district: null },
  { name: 'City Job Centre', kind: 'job_centre', district: null },
  { name: 'Mentor Network East', kind: 'ngo', district: 'East' },
  { name: 'Interfaith Council', kind: 'faith_community', district: null },
  { name: 'City Coordination Office', kind: 'other', district: null },
  { name: 'City IT and Data Protection', kind: 'other', district: null },
];

/** The police agency that receives each district's immediate-danger alerts. */
export const DEMO_EMERGENCY_POLICE: Record<DemoDistrict, string> = {
  East: 'Police District East',
  West: 'Police District West',
};

export interface DemoUser {
  login: string;
  name: string;
  agency: string;
  roles: Role[];
  districts: DemoDistrict[];
}

export const DEMO_USERS: DemoUser[] = [
  { login: 'admin', name: 'Ada Admin', agency: 'City IT and Data Protection', roles: ['admin'], districts: [] },
  { login: 'auditor', name: 'Aud Auditor', agency: 'City IT and Data Protection', roles: ['auditor'], districts: [] },
  {
    login: 'coordinator.east',
    name: 'Kari East',
    agency: 'City Coordination Office',
    roles: ['coordinator', 'forum_member'],
    districts: ['East'],
  },
  {
    login: 'coordinator.west',
    name: 'Ola West',
    agency: 'City Coordination Office',
    roles: ['coordinator', 'forum_member'],
    districts: ['West'],
  },
  {
    login: 'police.east',
    name: 'Per Police',
    agency: 'Police District East',
    roles: ['reporter', 'case_worker', 'forum_member'],
    districts: ['East'],
  },
  {
    login: 'social.east',
    name: 'Siri Social',
    agency: 'Social Services East',
    roles: ['reporter', 'case_worker', 'forum_member'],
    districts: ['East'],
  },
  {
    login: 'school.east',
    name: 'Tor Teacher',
    agency: 'East Secondary School',
    roles: ['reporter'],
    districts: ['East'],
  },
  {
    login: 'health.east',
    name: 'Hanne Health',
    agency: 'Health Service East',
    roles: ['reporter', 'case_worker'],
    districts: ['East'],
  },
  {
    login: 'ngo.east',
    name: 'Nils Mentor',
    agency: 'Mentor Network East',
    roles: ['case_worker'],
    districts: ['East'],
  },
  {
    login: 'childwelfare.east',
    name: 'Cecilie Welfare',
    agency: 'Child Welfare Service East',
    roles: ['reporter', 'case_worker', 'forum_member'],
    districts: ['East'],
  },
  {
    login: 'police.west',
    name: 'Pål Police',
    agency: 'Police District West',
    roles: ['reporter', 'case_worker'],
    districts: ['West'],
  },
  {
    login: 'social.west',
    name: 'Sofie Social',
    agency: 'Social Services West',
    roles: ['reporter', 'case_worker'],
    districts: ['West'],
  },
];

export const demoEmail = (login: string) => `${login}@${DEMO_EMAIL_DOMAIN}`;
