import {
  Alert,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Heading,
  Paragraph,
  Table,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { NavLink, useSearchParams } from 'react-router';
import { ApiError, api, call, type Schemas } from '../app/api';
import { useT } from '../app/i18n';
import { Loading, Page } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { SelectField } from '../concerns/fields';
import { agenciesKey, useAgencies } from '../referrals/queries';
import '../audit/audit.css';

type User = Schemas['UserDto'];
type Role = User['roles'][number];
const ROLES: Role[] = ['reporter', 'case_worker', 'coordinator', 'forum_member', 'auditor', 'admin'];
const LOCALES = ['nb', 'sv', 'da', 'fi', 'en'] as const;
const usersKey = ['admin-users'] as const;
const districtsKey = ['admin-districts'] as const;

function AdminNav() {
  const t = useT();
  // The dashboard lives outside the app: a one-time ticket lets this session in without a header.
  const queues = useMutation({
    mutationFn: () => call(api.POST('/api/v1/queue-dashboard/ticket')),
    onSuccess: (ticket) => window.location.assign(ticket.url),
  });
  return (
    <nav aria-label={t('admin.nav.label')} className="view-tabs">
      <ul>
        <li>
          <NavLink to="/admin/users">{t('admin.nav.users')}</NavLink>
        </li>
        <li>
          <NavLink to="/admin/agencies">{t('admin.nav.agencies')}</NavLink>
        </li>
        <li>
          <NavLink to="/admin/districts">{t('admin.nav.districts')}</NavLink>
        </li>
        <li>
          <Button variant="tertiary" data-size="sm" onClick={() => queues.mutate()} loading={queues.isPending}>
            {t('admin.nav.queues')}
          </Button>
        </li>
      </ul>
      {queues.isError && <ProblemAlert error={queues.error} />}
    </nav>
  );
}

function useDistricts() {
  return useQuery({
    queryKey: districtsKey,
    queryFn: async () => (await call(api.GET('/api/v1/districts', { params: { query: { limit: 200 } } }))).items,
  });
}

/** Users: filtered by agency, role and active; created; changed; deactivated with their work handed over. */
export function UsersPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const agencies = useAgencies();
  const agencyId = params.get('agency') ?? '';
  const role = params.get('role') ?? '';
  const active = params.get('active') ?? '';
  const users = useQuery({
    queryKey: [...usersKey, agencyId, role, active],
    staleTime: 0,
    queryFn: () =>
      call(
        api.GET('/api/v1/users', {
          params: {
            query: {
              limit: 100,
              ...(agencyId ? { agencyId } : {}),
              ...(role ? { role: role as Role } : {}),
              ...(active ? { active: active === 'true' } : {}),
            },
          },
        }),
      ),
  });
  const set = (key: string) => (value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <Page title={t('admin.users.title')}>
      <AdminNav />
      <div className="audit-filters" role="group" aria-label={t('admin.users.filters')}>
        <SelectField
          id="u-agency"
          label={t('admin.agency')}
          value={agencyId}
          onChange={set('agency')}
          emptyLabel={t('audit.any')}
          options={(agencies.data ?? []).map((agency) => ({ value: agency.id, label: agency.name }))}
        />
        <SelectField
          id="u-role"
          label={t('admin.role')}
          value={role}
          onChange={set('role')}
          emptyLabel={t('audit.any')}
          options={ROLES.map((value) => ({ value, label: t(`role.${value}`) }))}
        />
        <SelectField
          id="u-active"
          label={t('admin.active')}
          value={active}
          onChange={set('active')}
          emptyLabel={t('audit.any')}
          options={[
            { value: 'true', label: t('admin.activeYes') },
            { value: 'false', label: t('admin.activeNo') },
          ]}
        />
      </div>
      {users.isPending && <Loading />}
      {users.isError && <ProblemAlert error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && (
        <div className="table-scroll">
          <Table data-size="sm" zebra>
            <caption>{t('admin.users.list')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('admin.name')}</Table.HeaderCell>
                <Table.HeaderCell>{t('admin.agency')}</Table.HeaderCell>
                <Table.HeaderCell>{t('admin.roles')}</Table.HeaderCell>
                <Table.HeaderCell>{t('admin.active')}</Table.HeaderCell>
                <Table.HeaderCell>{t('admin.actions')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {users.data.items.map((user) => (
                <Table.Row key={user.id}>
                  <Table.Cell>
                    {user.name}
                    <br />
                    <small>{user.email}</small>
                  </Table.Cell>
                  <Table.Cell>{user.agency.name}</Table.Cell>
                  <Table.Cell>{user.roles.map((value) => t(`role.${value}`)).join(', ')}</Table.Cell>
                  <Table.Cell>
                    <Tag data-color={user.active ? 'success' : 'neutral'}>
                      {user.active ? t('admin.activeYes') : t('admin.activeNo')}
                    </Tag>
                  </Table.Cell>
                  <Table.Cell>
                    <Button
                      data-size="sm"
                      variant="secondary"
                      aria-label={t('admin.editUser', { name: user.name })}
                      onClick={() => setEditing(editing === user.id ? null : user.id)}
                    >
                      {t('admin.edit')}
                    </Button>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      {editing && users.data?.items.find((user) => user.id === editing) && (
        <EditUser key={editing} user={users.data.items.find((user) => user.id === editing)!} />
      )}
      <CreateUser />
    </Page>
  );
}

function RolesAndDistricts({
  id,
  roles,
  setRoles,
  districtIds,
  setDistrictIds,
}: {
  id: string;
  roles: Role[];
  setRoles: (roles: Role[]) => void;
  districtIds: string[];
  setDistrictIds: (ids: string[]) => void;
}) {
  const t = useT();
  const districts = useDistricts();
  const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((x) => x !== value));
  return (
    <>
      <Fieldset id={`${id}-roles`}>
        <Fieldset.Legend>{t('admin.roles')}</Fieldset.Legend>
        {ROLES.map((value) => (
          <Checkbox
            key={value}
            label={t(`role.${value}`)}
            value={value}
            checked={roles.includes(value)}
            onChange={(event) => setRoles(toggle(roles, value, event.target.checked))}
          />
        ))}
      </Fieldset>
      <Fieldset id={`${id}-districts`}>
        <Fieldset.Legend>{t('admin.districts')}</Fieldset.Legend>
        {(districts.data ?? []).map((district) => (
          <Checkbox
            key={district.id}
            label={district.name}
            value={district.id}
            checked={districtIds.includes(district.id)}
            onChange={(event) => setDistrictIds(toggle(districtIds, district.id, event.target.checked))}
          />
        ))}
      </Fieldset>
    </>
  );
}

function CreateUser() {
  const t = useT();
  const agencies = useAgencies();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: '', email: '', password: '', agencyId: '', locale: 'nb' });
  const [roles, setRoles] = useState<Role[]>([]);
  const [districtIds, setDistrictIds] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/users', {
          body: { ...form, locale: form.locale as (typeof LOCALES)[number], roles, districtIds },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: usersKey }),
  });
  const field = (key: keyof typeof form) => (value: string) => setForm((current) => ({ ...current, [key]: value }));
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }
  return (
    <Card className="stack">
      <Heading level={2} data-size="sm">
        {t('admin.users.create')}
      </Heading>
      <form className="stack" onSubmit={submit} aria-label={t('admin.users.create')}>
        <Textfield
          id="new-name"
          label={t('admin.name')}
          value={form.name}
          onChange={(e) => field('name')(e.target.value)}
        />
        <Textfield
          id="new-email"
          label={t('admin.email')}
          type="email"
          value={form.email}
          onChange={(e) => field('email')(e.target.value)}
        />
        <Textfield
          id="new-password"
          label={t('admin.password')}
          description={t('admin.passwordHint')}
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={(e) => field('password')(e.target.value)}
        />
        <SelectField
          id="new-agency"
          label={t('admin.agency')}
          value={form.agencyId}
          onChange={field('agencyId')}
          emptyLabel={t('admin.choose')}
          options={(agencies.data ?? []).map((agency) => ({ value: agency.id, label: agency.name }))}
        />
        <SelectField
          id="new-locale"
          label={t('admin.locale')}
          value={form.locale}
          onChange={field('locale')}
          options={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
        />
        <RolesAndDistricts
          id="new"
          roles={roles}
          setRoles={setRoles}
          districtIds={districtIds}
          setDistrictIds={setDistrictIds}
        />
        {create.isError && <ProblemAlert error={create.error} />}
        {create.isError && create.error instanceof ApiError && (
          <ul>
            {create.error.problem.errors?.map((problem) => (
              <li key={problem.field}>
                {problem.field}: {problem.message}
              </li>
            ))}
          </ul>
        )}
        {create.isSuccess && <Alert data-color="success">{t('admin.users.created', { name: create.data.name })}</Alert>}
        <div>
          <Button type="submit" loading={create.isPending}>
            {t('admin.users.createSubmit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** What the API counts when it refuses to deactivate someone who still owns open case work. */
interface OpenWork {
  referrals: number;
  followUps: number;
}

function EditUser({ user }: { user: User }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [districtIds, setDistrictIds] = useState<string[]>(user.districts.map((district) => district.id));
  const [reason, setReason] = useState('');
  const [colleague, setColleague] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: usersKey });
  const save = useMutation({
    mutationFn: (body: { roles?: Role[]; districtIds?: string[]; active?: boolean }) =>
      call(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body })),
    onSuccess: refresh,
  });
  const reset = useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/users/{id}/second-factor/reset', { params: { path: { id: user.id } }, body: { reason } })),
    onSuccess: refresh,
  });
  const colleagues = useQuery({
    queryKey: [...usersKey, 'colleagues', user.agency.id],
    queryFn: () =>
      call(api.GET('/api/v1/users', { params: { query: { agencyId: user.agency.id, active: true, limit: 100 } } })),
  });
  const handOver = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/users/{id}/hand-over', { params: { path: { id: user.id } }, body: { toUserId: colleague } }),
      ),
    onSuccess: () => save.mutate({ active: false }),
  });
  const openWork =
    save.error instanceof ApiError && save.error.code === 'open-work'
      ? (save.error.problem.openWork as OpenWork)
      : null;
  // Referrals go only to a case worker; follow-ups to anyone of the agency who may own them (the API says if not).
  const takers = (colleagues.data?.items ?? []).filter(
    (other) => other.id !== user.id && (!openWork?.referrals || other.roles.includes('case_worker')),
  );
  const handedTo = handOver.data && takers.find((other) => other.id === handOver.data.toUserId);
  return (
    <Card className="stack">
      <Heading level={2} data-size="sm">
        {t('admin.users.editing', { name: user.name })}
      </Heading>
      <Paragraph data-size="sm">{t('admin.users.noContent')}</Paragraph>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ roles, districtIds });
        }}
      >
        <RolesAndDistricts
          id="edit"
          roles={roles}
          setRoles={setRoles}
          districtIds={districtIds}
          setDistrictIds={setDistrictIds}
        />
        <div>
          <Button type="submit" loading={save.isPending}>
            {t('admin.save')}
          </Button>
        </div>
      </form>
      <div className="actions">
        {user.active ? (
          <Button variant="secondary" data-color="danger" onClick={() => save.mutate({ active: false })}>
            {t('admin.deactivate')}
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => save.mutate({ active: true })}>
            {t('admin.reactivate')}
          </Button>
        )}
      </div>
      {save.isSuccess && <Alert data-color="success">{t('admin.saved')}</Alert>}
      {handOver.isSuccess && save.isSuccess && (
        <Alert data-color="success">
          {t('admin.handedOver', {
            name: handedTo?.name ?? '',
            referrals: handOver.data.referralIds.length,
            followUps: handOver.data.followUpIds.length,
          })}
        </Alert>
      )}
      {openWork ? (
        <Alert data-color="warning">
          <Paragraph>{t('admin.openWork')}</Paragraph>
          <ul>
            {openWork.referrals > 0 && <li>{t('admin.openWork.referrals', { count: openWork.referrals })}</li>}
            {openWork.followUps > 0 && <li>{t('admin.openWork.followUps', { count: openWork.followUps })}</li>}
          </ul>
          <SelectField
            id="hand-over-to"
            label={t('admin.handOverTo')}
            value={colleague}
            onChange={setColleague}
            emptyLabel={t('admin.choose')}
            options={takers.map((other) => ({ value: other.id, label: other.name }))}
          />
          <Button onClick={() => handOver.mutate()} disabled={!colleague} loading={handOver.isPending}>
            {t('admin.handOver')}
          </Button>
          {handOver.isError && <ProblemAlert error={handOver.error} />}
        </Alert>
      ) : (
        save.isError && <ProblemAlert error={save.error} />
      )}
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          reset.mutate();
        }}
        aria-label={t('admin.reset')}
      >
        <Heading level={3} data-size="xs">
          {t('admin.reset')}
        </Heading>
        <Paragraph data-size="sm">{user.mfaEnabled ? t('admin.mfaOn') : t('admin.mfaOff')}</Paragraph>
        <Textfield
          id="reset-reason"
          label={t('admin.resetReason')}
          description={t('admin.resetHint')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {reset.isError && <ProblemAlert error={reset.error} />}
        {reset.isSuccess && <Alert data-color="success">{t('admin.resetDone')}</Alert>}
        <div>
          <Button type="submit" variant="secondary" loading={reset.isPending}>
            {t('admin.resetSubmit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** Agencies: created and renamed, each in a district or serving the whole city. */
export function AgenciesPage() {
  const t = useT();
  const agencies = useAgencies();
  const districts = useDistricts();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [districtId, setDistrictId] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      call(
        // The OpenAPI document types the nullable districtId loosely; the API takes a district's id or none.
        api.POST('/api/v1/agencies', {
          body: { name, kind: kind as Schemas['AgencyDto']['kind'], ...(districtId ? { districtId } : {}) } as never,
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: agenciesKey }),
  });
  const KINDS: Schemas['AgencyDto']['kind'][] = [
    'police',
    'social_services',
    'child_welfare',
    'school',
    'health',
    'youth_service',
    'job_centre',
    'ngo',
    'faith_community',
    'other',
  ];
  const districtName = (id: string | null) =>
    districts.data?.find((district) => district.id === id)?.name ?? t('admin.wholeCity');
  return (
    <Page title={t('admin.agencies.title')}>
      <AdminNav />
      {agencies.isPending && <Loading />}
      {agencies.isError && <ProblemAlert error={agencies.error} />}
      <div className="table-scroll">
        <Table data-size="sm" zebra>
          <caption>{t('admin.agencies.title')}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('admin.name')}</Table.HeaderCell>
              <Table.HeaderCell>{t('admin.kind')}</Table.HeaderCell>
              <Table.HeaderCell>{t('admin.district')}</Table.HeaderCell>
              <Table.HeaderCell>{t('admin.actions')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {(agencies.data ?? []).map((agency) => (
              <Table.Row key={agency.id}>
                <Table.Cell>{agency.name}</Table.Cell>
                <Table.Cell>{t(`agencyKind.${agency.kind}`)}</Table.Cell>
                <Table.Cell>{districtName(agency.districtId)}</Table.Cell>
                <Table.Cell>
                  <Button
                    data-size="sm"
                    variant="secondary"
                    aria-label={t('admin.editUser', { name: agency.name })}
                    onClick={() => setEditing(editing === agency.id ? null : agency.id)}
                  >
                    {t('admin.edit')}
                  </Button>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      {editing && agencies.data?.find((agency) => agency.id === editing) && (
        <RenameAgency key={editing} agency={agencies.data.find((agency) => agency.id === editing)!} />
      )}
      <Card className="stack">
        <Heading level={2} data-size="sm">
          {t('admin.agencies.create')}
        </Heading>
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <Textfield id="agency-name" label={t('admin.name')} value={name} onChange={(e) => setName(e.target.value)} />
          <SelectField
            id="agency-kind"
            label={t('admin.kind')}
            value={kind}
            onChange={setKind}
            emptyLabel={t('admin.choose')}
            options={KINDS.map((value) => ({ value, label: t(`agencyKind.${value}`) }))}
          />
          <SelectField
            id="agency-district"
            label={t('admin.district')}
            value={districtId}
            onChange={setDistrictId}
            emptyLabel={t('admin.wholeCity')}
            options={(districts.data ?? []).map((district) => ({ value: district.id, label: district.name }))}
          />
          {create.isError && <ProblemAlert error={create.error} />}
          {create.isSuccess && <Alert data-color="success">{t('admin.saved')}</Alert>}
          <div>
            <Button type="submit" loading={create.isPending}>
              {t('admin.create')}
            </Button>
          </div>
        </form>
      </Card>
    </Page>
  );
}

/** An agency renamed (its kind and district stay: the access rules hang on them). */
function RenameAgency({ agency }: { agency: Schemas['AgencyDto'] }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [name, setName] = useState(agency.name);
  const save = useMutation({
    mutationFn: () => call(api.PATCH('/api/v1/agencies/{id}', { params: { path: { id: agency.id } }, body: { name } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: agenciesKey }),
  });
  return (
    <Card className="stack">
      <Heading level={2} data-size="xs">
        {t('admin.users.editing', { name: agency.name })}
      </Heading>
      <form
        className="field-row"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Textfield
          id={`a-name-${agency.id}`}
          label={t('admin.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Button type="submit" data-size="sm" loading={save.isPending}>
          {t('admin.save')}
        </Button>
      </form>
      {save.isError && <ProblemAlert error={save.error} />}
      {save.isSuccess && <Paragraph data-size="sm">{t('admin.saved')}</Paragraph>}
    </Card>
  );
}

/** Districts: created and edited with their time zone and the police agency that receives their emergencies. */
export function DistrictsPage() {
  const t = useT();
  const districts = useDistricts();
  const agencies = useAgencies();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState('Europe/Oslo');
  const [emergency, setEmergency] = useState('');
  const refresh = () => void queryClient.invalidateQueries({ queryKey: districtsKey });
  const create = useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/districts', { body: { name, timeZone, emergencyPoliceAgencyId: emergency || null } })),
    onSuccess: refresh,
  });
  const police = (agencies.data ?? []).filter((agency) => agency.kind === 'police');
  // A district not yet created is served only by the police of the whole city.
  const cityPolice = police.filter((agency) => agency.districtId === null);
  return (
    <Page title={t('admin.districts.title')}>
      <AdminNav />
      {districts.isPending && <Loading />}
      {districts.isError && <ProblemAlert error={districts.error} />}
      <ul className="plain-list stack">
        {(districts.data ?? []).map((district) => (
          <li key={district.id}>
            <DistrictCard district={district} police={police} onSaved={refresh} />
          </li>
        ))}
      </ul>
      <Card className="stack">
        <Heading level={2} data-size="sm">
          {t('admin.districts.create')}
        </Heading>
        <form
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <Textfield
            id="district-name"
            label={t('admin.name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <Textfield
            id="district-zone"
            label={t('admin.timeZone')}
            description={t('admin.timeZoneHint')}
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
          />
          <SelectField
            id="district-police"
            label={t('admin.emergencyPolice')}
            value={emergency}
            onChange={setEmergency}
            emptyLabel={t('admin.none')}
            options={cityPolice.map((agency) => ({ value: agency.id, label: agency.name }))}
          />
          {create.isError && <ProblemAlert error={create.error} />}
          {create.isSuccess && <Alert data-color="success">{t('admin.saved')}</Alert>}
          <div>
            <Button type="submit" loading={create.isPending}>
              {t('admin.create')}
            </Button>
          </div>
        </form>
      </Card>
    </Page>
  );
}

function DistrictCard({
  district,
  police,
  onSaved,
}: {
  district: Schemas['DistrictDto'];
  police: Schemas['AgencyDto'][];
  onSaved: () => void;
}) {
  const t = useT();
  const [name, setName] = useState(district.name);
  const [timeZone, setTimeZone] = useState(district.timeZone);
  const [emergency, setEmergency] = useState(district.emergencyPoliceAgencyId ?? '');
  const save = useMutation({
    mutationFn: () =>
      call(
        api.PATCH('/api/v1/districts/{id}', {
          params: { path: { id: district.id } },
          body: { name, timeZone, emergencyPoliceAgencyId: emergency || null },
        }),
      ),
    onSuccess: onSaved,
  });
  return (
    <Card className="stack">
      <Heading level={2} data-size="xs">
        {district.name}
      </Heading>
      <Paragraph data-size="sm">{t('admin.zoneIs', { zone: district.timeZone })}</Paragraph>
      <form
        className="field-row"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Textfield
          id={`d-name-${district.id}`}
          label={t('admin.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <Textfield
          id={`d-zone-${district.id}`}
          label={t('admin.timeZone')}
          description={t('admin.timeZoneHint')}
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
        />
        <SelectField
          id={`d-police-${district.id}`}
          label={t('admin.emergencyPolice')}
          value={emergency}
          onChange={setEmergency}
          emptyLabel={t('admin.none')}
          options={police
            .filter((agency) => agency.districtId === null || agency.districtId === district.id)
            .map((agency) => ({ value: agency.id, label: agency.name }))}
        />
        <Button type="submit" data-size="sm" loading={save.isPending}>
          {t('admin.save')}
        </Button>
      </form>
      {save.isError && <ProblemAlert error={save.error} />}
      {save.isSuccess && <Paragraph data-size="sm">{t('admin.saved')}</Paragraph>}
    </Card>
  );
}
