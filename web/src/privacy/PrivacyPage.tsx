import { Card, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useT } from '../app/i18n';
import { Page } from '../app/page';
import { useMe } from '../app/session';

/** Who the reader is to the system: their agency, roles and districts, and what each lets them see. */
export default function PrivacyPage() {
  const t = useT();
  const me = useMe();
  return (
    <Page title={t('privacy.title')}>
      <Card data-color="neutral">
        <Heading level={2} data-size="sm">
          {t('privacy.whoYouAre')}
        </Heading>
        <dl className="facts">
          <dt>{t('profile.agency')}</dt>
          <dd>
            {me.agency.name} ({t(`agencyKind.${me.agency.kind}`)})
          </dd>
          <dt>{t('profile.districts')}</dt>
          <dd>{me.districts.length ? me.districts.map((district) => district.name).join(', ') : t('profile.none')}</dd>
        </dl>
        <Heading level={3} data-size="xs">
          {t('profile.roles')}
        </Heading>
        <ul>
          {me.roles.map((role) => (
            <li key={role}>
              <strong>{t(`role.${role}`)}</strong>: {t(`privacy.role.${role}`)}
            </li>
          ))}
        </ul>
        <Paragraph>{t('privacy.agencyRule', { agency: me.agency.name })}</Paragraph>
      </Card>
      <Card data-color="neutral">
        <Heading level={2} data-size="sm">
          {t('privacy.whyTitle')}
        </Heading>
        <Paragraph>{t('privacy.whyText')}</Paragraph>
      </Card>
      {me.roles.includes('coordinator') && (
        <Card data-color="neutral">
          <Heading level={2} data-size="sm">
            {t('privacy.subjectsTitle')}
          </Heading>
          <Paragraph>{t('privacy.subjectsText')}</Paragraph>
        </Card>
      )}
      {me.roles.includes('admin') && (
        <Card data-color="neutral">
          <Heading level={2} data-size="sm">
            {t('retention.title')}
          </Heading>
          <Link asChild>
            <RouterLink to="/retention">{t('retention.open')}</RouterLink>
          </Link>
        </Card>
      )}
    </Page>
  );
}
