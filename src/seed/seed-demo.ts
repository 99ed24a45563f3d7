import type { DataSource, EntityManager } from 'typeorm';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { Agency } from '../agencies/agency.entity';
import { AuditEventsRepository } from '../audit/audit-events.repository';
import { auditEventRow } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../audit/system-actor';
import { Clock } from '../clock/clock';
import { District } from '../districts/district.entity';
import { DistrictsRepository } from '../districts/districts.repository';
import { PasswordHasher } from '../users/password-hasher.service';
import { UsersRepository } from '../users/users.repository';
import { DEMO_AGENCIES, DEMO_DISTRICTS, DEMO_EMERGENCY_POLICE, DEMO_USERS, demoEmail } from './demo-city';

export interface SeedResult {
  created: { districts: number; agencies: number; users: number };
  accounts: string[];
}

/** The repositories the seed writes through, on the CLI's (or the test's) own DataSource. */
interface Directory {
  districts: DistrictsRepository;
  agencies: AgenciesRepository;
  users: UsersRepository;
  events: AuditEventsRepository;
}

async function ensureDistricts(
  tx: EntityManager,
  { districts }: Directory,
): Promise<{ byName: Map<string, District>; created: number }> {
  const existing = await districts.findByNames(tx, [...DEMO_DISTRICTS]);
  const missing = DEMO_DISTRICTS.filter((name) => !existing.some((district) => district.name === name));
  const created: District[] = [];
  for (const name of missing) {
    created.push(await districts.insert(tx, { name, timeZone: 'Europe/Oslo', emergencyPoliceAgencyId: null }));
  }
  return {
    byName: new Map([...existing, ...created].map((district) => [district.name, district])),
    created: created.length,
  };
}

async function ensureAgencies(tx: EntityManager, { agencies }: Directory, districts: Map<string, District>) {
  const existing = await agencies.findByNames(
    tx,
    DEMO_AGENCIES.map((agency) => agency.name),
  );
  const missing = DEMO_AGENCIES.filter((demo) => !existing.some((agency) => agency.name === demo.name));
  const created: Agency[] = [];
  for (const demo of missing) {
    created.push(
      await agencies.insert(tx, {
        name: demo.name,
        kind: demo.kind,
        districtId: demo.district ? districts.get(demo.district)!.id : null,
      }),
    );
  }
  return { byName: new Map([...existing, ...created].map((agency) => [agency.name, agency])), created: created.length };
}

/** Names each demo district's emergency police agency where none is named yet; returns how many it named. */
async function ensureEmergencyPolice(
  tx: EntityManager,
  directory: Directory,
  districts: Map<string, District>,
  agencies: Map<string, Agency>,
): Promise<number> {
  let named = 0;
  for (const name of DEMO_DISTRICTS) {
    const district = districts.get(name)!;
    if (district.emergencyPoliceAgencyId) continue;
    district.emergencyPoliceAgencyId = agencies.get(DEMO_EMERGENCY_POLICE[name])!.id;
    await directory.districts.update(tx, district);
    named += 1;
  }
  return named;
}

/**
 * Loads the demo city. Idempotent: what exists (matched by name or e-mail) is left exactly
 * as it is — but a demo district that names no emergency police agency is given its own — so a
 * second run changes nothing.
 */
export async function seedDemo(dataSource: DataSource, password: string): Promise<SeedResult> {
  const directory: Directory = {
    districts: new DistrictsRepository(dataSource),
    agencies: new AgenciesRepository(dataSource),
    users: new UsersRepository(dataSource),
    events: new AuditEventsRepository(dataSource),
  };
  const hasher = new PasswordHasher();
  const passwordHash = await hasher.hash(password);
  return directory.users.transaction(async (tx) => {
    const districts = await ensureDistricts(tx, directory);
    const agencies = await ensureAgencies(tx, directory, districts.byName);
    const emergencyPoliceNamed = await ensureEmergencyPolice(tx, directory, districts.byName, agencies.byName);
    const existingEmails = await directory.users.existingEmails(
      tx,
      DEMO_USERS.map((user) => demoEmail(user.login)),
    );
    const missing = DEMO_USERS.filter((demo) => !existingEmails.includes(demoEmail(demo.login)));
    for (const demo of missing) {
      await directory.users.insert(tx, {
        email: demoEmail(demo.login),
        name: demo.name,
        passwordHash,
        agencyId: agencies.byName.get(demo.agency)!.id,
        roles: demo.roles,
        districts: demo.districts.map((name) => districts.byName.get(name)!),
      });
    }
    const created = { districts: districts.created, agencies: agencies.created, users: missing.length };
    if (created.districts + created.agencies + created.users + emergencyPoliceNamed > 0) {
      await directory.events.insert(tx, [
        auditEventRow(
          {
            action: 'directory.seed',
            outcome: 'allowed',
            details: { ...created, emergencyPoliceNamed },
            actor: SYSTEM_ACTOR,
          },
          null,
          new Clock().now(),
        ),
      ]);
    }
    return { created, accounts: DEMO_USERS.map((user) => demoEmail(user.login)) };
  });
}
