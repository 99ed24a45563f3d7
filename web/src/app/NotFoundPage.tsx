import { Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useT } from './i18n';
import { Page } from './page';

export function NotFoundPage() {
  const t = useT();
  return (
    <Page title={t('notFound.title')}>
      <Paragraph>{t('notFound.body')}</Paragraph>
      <Link asChild>
        <RouterLink to="/">{t('notFound.home')}</RouterLink>
      </Link>
    </Page>
  );
}
