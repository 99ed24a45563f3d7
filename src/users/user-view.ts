import { Page } from '../database/pagination';
import { PersonDto, PersonPageDto } from './dto/person.dto';
import { MeDto, ProfileDto, UserDto, UserPageDto } from './dto/user.dto';
import { DEFAULT_LOCALE, Locale, LOCALES } from './locale';
import { CASE_ROLES } from './role';
import { User } from './user.entity';

/** A stored language the app no longer offers reads as the default. */
export function localeOf(stored: string): Locale {
  return (LOCALES as readonly string[]).includes(stored) ? (stored as Locale) : DEFAULT_LOCALE;
}

/** A user as the caller sees themselves (GET /me): loaded with agency and districts. */
export function profileView(user: User): ProfileDto {
  if (!user.agency || !user.districts) throw new Error('user loaded without agency and districts');
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    agency: { id: user.agency.id, name: user.agency.name, kind: user.agency.kind },
    roles: user.roles,
    districts: [...user.districts]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((district) => ({ id: district.id, name: district.name, timeZone: district.timeZone })),
    mfaEnabled: user.totpConfirmedAt !== null,
    locale: localeOf(user.locale),
  };
}

/** The caller's own profile, and whether their session still lacks a required second factor. */
export function meView(user: User, secondFactorRequired: boolean): MeDto {
  return { ...profileView(user), secondFactorRequired };
}

/** A user as an admin sees them in the directory. */
export function userView(user: User): UserDto {
  return {
    ...profileView(user),
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export function userPageView(page: Page<User>): UserPageDto {
  return { items: page.items.map(userView), nextCursor: page.nextCursor };
}

/** A person as the people directory shows them: name, agency and case roles, nothing else. */
export function personView(user: User): PersonDto {
  if (!user.agency) throw new Error('person loaded without agency');
  return {
    id: user.id,
    name: user.name,
    agency: { id: user.agency.id, name: user.agency.name, kind: user.agency.kind },
    roles: user.roles.filter((role) => CASE_ROLES.includes(role)),
  };
}

export function personPageView(page: Page<User>): PersonPageDto {
  return { items: page.items.map(personView), nextCursor: page.nextCursor };
}
