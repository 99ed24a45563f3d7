import { Button, Card, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, call, type Schemas } from '../app/api';
import { useFormatDateTime } from '../app/dates';
import { useT } from '../app/i18n';
import { Loading } from '../app/page';
import { ProblemAlert } from '../app/problems';
import { useMe } from '../app/session';

type Explanation = Schemas['AccessExplanationDto'];
type Ground = Schemas['AccessGroundDto'];

/** The answer of the API's "why can I see this", fetched only when asked (every answer is audited). */
function useExplanation(kind: 'concern' | 'referral', id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['access', kind, id],
    enabled,
    staleTime: 0,
    queryFn: (): Promise<Explanation> =>
      kind === 'concern'
        ? call(api.GET('/api/v1/concerns/{id}/access', { params: { path: { id } } }))
        : call(api.GET('/api/v1/referrals/{id}/access', { params: { path: { id } } })),
  });
}

/**
 * "Why can I see this": on a concern's or a referral's page, the access rules that let the reader open
 * it, as the API names them (never guessed here), and for a stub which rule withholds the rest.
 */
export function WhyCanISee({ kind, id }: { kind: 'concern' | 'referral'; id: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const panel = useId();
  const explanation = useExplanation(kind, id, open);
  return (
    <Card data-color="neutral" className="why-panel">
      <Button
        variant="secondary"
        data-size="sm"
        aria-expanded={open}
        aria-controls={panel}
        onClick={() => setOpen((was) => !was)}
      >
        {t('why.show')}
      </Button>
      <div id={panel} hidden={!open}>
        {open && explanation.isPending && <Loading />}
        {open && explanation.error && (
          <ProblemAlert error={explanation.error} onRetry={() => void explanation.refetch()} />
        )}
        {open && explanation.data && <ExplanationView explanation={explanation.data} />}
      </div>
    </Card>
  );
}

function ExplanationView({ explanation }: { explanation: Explanation }) {
  const t = useT();
  return (
    <section aria-label={t('why.heading')}>
      <Heading level={2} data-size="xs">
        {t('why.heading')}
      </Heading>
      <Paragraph>{t(explanation.view === 'stub' ? 'why.viewStub' : 'why.viewFull')}</Paragraph>
      <ul>
        {explanation.grounds.map((ground, index) => (
          <li key={index}>
            <GroundText ground={ground} />
          </li>
        ))}
      </ul>
      {explanation.withheld && (
        <Paragraph>
          {t('why.withheld', {
            agency: explanation.withheld.owningAgency.name,
            kind: t(`agencyKind.${explanation.withheld.owningAgency.kind}`),
          })}
        </Paragraph>
      )}
    </section>
  );
}

function GroundText({ ground }: { ground: Ground }) {
  const t = useT();
  const me = useMe();
  const format = useFormatDateTime();
  const district = me.districts.find((each) => each.id === ground.districtId)?.name ?? t('why.theDistrict');
  const until = ground.until ? format(ground.until) : null;
  const basis = () => {
    if (ground.share === 'emergency') return t('why.basis.emergency');
    if (ground.legalBasis === 'consent') {
      const consent = ground.consentId?.slice(0, 8) ?? '';
      return until ? t('why.basis.consentUntil', { consent, until }) : t('why.basis.consentOpen', { consent });
    }
    return ground.legalBasis === 'vital_interest' ? t('why.basis.vital_interest') : t('why.basis.statutory_duty');
  };
  switch (ground.rule) {
    case 'reporter':
      return <>{t('why.rule.reporter')}</>;
    case 'owning_agency':
      return <>{t('why.rule.owning_agency', { agency: ground.agency?.name ?? me.agency.name })}</>;
    case 'district_coordinator':
      return <>{t('why.rule.district_coordinator', { district })}</>;
    case 'district_coordinator_stub':
      return <>{t('why.rule.district_coordinator_stub', { district })}</>;
    case 'vital_interest':
      return <>{t('why.rule.vital_interest', { district })}</>;
    case 'break_glass':
      return <>{t('why.rule.break_glass', { until: until ?? '' })}</>;
    case 'shared_with_agency':
      return <>{t('why.rule.shared_with_agency', { agency: me.agency.name, basis: basis() })}</>;
    case 'receiving_agency':
      return <>{t('why.rule.receiving_agency', { agency: ground.agency?.name ?? me.agency.name, basis: basis() })}</>;
  }
}

/** For a coordinator of the concern's district: where the person's legal holds, access package and erasure are. */
export function SubjectPrivacyLink({ concern }: { concern: { districtId: string; subject?: { id: string } | null } }) {
  const t = useT();
  const me = useMe();
  if (!concern.subject || !me.districts.some((district) => district.id === concern.districtId)) return null;
  return (
    <Paragraph>
      <Link asChild>
        <RouterLink to={`/subjects/${concern.subject.id}/privacy`}>{t('concern.privacyOfPerson')}</RouterLink>
      </Link>
    </Paragraph>
  );
}
