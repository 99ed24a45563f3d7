import { DataSource, EntityManager, In } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { auditEventRow } from '../audit/audit.service';
import { SYSTEM_ACTOR } from '../audit/system-actor';
import { District } from '../districts/district.entity';
import { PasswordHasher } from '../users/password-hasher.service';
import { User } from '../users/user.entity';
import { DEMO_AGENCIES, DEMO_DISTRICTS, DEMO_EMERGENCY_POLICE, DEMO_USERS, demoEmail } from './demo-city';

export interface SeedResult {
  created: { districts: number; agencies: number; users: number };
  accounts: string[];
}

async function ensureDistricts(manager: EntityManager): Promise<{ byName: Map<string, District>; created: number }> {
  const existing = await manager.findBy(District, { name: In([...DEMO_DISTRICTS]) });
  const missing = DEMO_DISTRICTS.filter((name) => !existing.some((district) => district.name === name));
  const created = await manager.save(missing.map((name) => manager.create(District, { name })));
  return {
    byName: new Map([...existing, ...created].map((district) => [district.name, district])),
    created: created.length,
  };
}

async function ensureAgencies(manager: EntityManager, districts: Map<string, District>) {
  const existing = await manager.findBy(Agency, { name: In(DEMO_AGENCIES.map((agency) => agency.name)) });
  const missing = DEMO_AGENCIES.filter((demo) => !existing.some((agency) => agency.name === demo.name));
  const created = await manager.save(
    missing.map((demo) =>
      manager.create(Agency, {
        name: demo.name,
        kind: demo.kind,
        districtId: demo.district ? districts.get(demo.district)!.id : null,
      }),
    ),
  );
  return { byName: new Map([...existing, ...created].map((agency) => [agency.name, agency])), created: created.length };
}

/** Names each demo district's emergency police agency where none is named yet; returns how many it named. */
async function ensureEmergencyPolice(
  manager: EntityManager,
  districts: Map<string, District>,
  agencies: Map<string, Agency>,
): Promise<number> {
  let named = 0;
  for (const name of DEMO_DISTRICTS) {
    const district = districts.get(name)!;
    if (district.emergencyPoliceAgencyId) continue;
    district.emergencyPoliceAgencyId = agencies.get(DEMO_EMERGENCY_POLICE[name])!.id;
    await manager.update(District, { id: district.id }, { emergencyPoliceAgencyId: district.emergencyPoliceAgencyId });
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
  const hasher = new PasswordHasher();
  const passwordHash = await hasher.hash(password);
  return dataSource.transaction(async (manager) => {
    const districts = await ensureDistricts(manager);
    const agencies = await ensureAgencies(manager, districts.byName);
    const emergencyPoliceNamed = await ensureEmergencyPolice(manager, districts.byName, agencies.byName);
    const existingUsers = await manager.findBy(User, { email: In(DEMO_USERS.map((user) => demoEmail(user.login))) });
    const missing = DEMO_USERS.filter((demo) => !existingUsers.some((user) => user.email === demoEmail(demo.login)));
    for (const demo of missing) {
      await manager.save(
        manager.create(User, {
          email: demoEmail(demo.login),
          name: demo.name,
          passwordHash,
          agencyId: agencies.byName.get(demo.agency)!.id,
          roles: demo.roles,
          districts: demo.districts.map((name) => districts.byName.get(name)!),
          active: true,
          totpSecretEncrypted: null,
          totpConfirmedAt: null,
          totpLastStep: null,
        }),
      );
    }
    const created = { districts: districts.created, agencies: agencies.created, users: missing.length };
    if (created.districts + created.agencies + created.users + emergencyPoliceNamed > 0) {
      await manager.insert(
        AuditEvent,
        auditEventRow(
          {
            action: 'directory.demo_seeded',
            resourceType: 'Directory',
            outcome: 'allowed',
            details: { ...created, emergencyPoliceNamed },
            actor: SYSTEM_ACTOR,
          },
          null,
          new Date(),
        ),
      );
    }
    return { created, accounts: DEMO_USERS.map((user) => demoEmail(user.login)) };
  });
}
