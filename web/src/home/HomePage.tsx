import { Paragraph } from '@digdir/designsystemet-react';
import { useT } from '../app/i18n';
import { Page } from '../app/page';
import { useMe } from '../app/session';

/** What is the signed-in person's to do now. A placeholder until the home counts land. */
export function HomePage() {
  const t = useT();
  const me = useMe();
  return (
    <Page title={t('home.title')}>
      <Paragraph>{t('home.welcome', { name: me.name })}</Paragraph>
      <Paragraph>{t('home.placeholder')}</Paragraph>
    </Page>
  );
}
