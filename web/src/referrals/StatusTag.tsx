import { Tag } from '@digdir/designsystemet-react';
import { useT } from '../app/i18n';
import type { Referral } from './queries';

const COLOURS = {
  pending: 'warning',
  accepted: 'info',
  declined: 'neutral',
  in_progress: 'info',
  closed: 'success',
} as const;

/**
 * A referral's status in words: a pending one as sent or seen by the receiving agency, a closed one
 * with its outcome, and the flag when nobody there has opened it within two working days.
 */
export function StatusTag({
  referral,
}: {
  referral: Pick<Referral, 'status' | 'outcome'> & Partial<Pick<Referral, 'receipt' | 'unseenFlaggedAt'>>;
}) {
  const t = useT();
  const seen = referral.status === 'pending' && referral.receipt;
  return (
    <>
      <Tag data-color={COLOURS[referral.status]}>
        {seen ? t('referralStatus.seen') : t(`referralStatus.${referral.status}`)}
        {referral.status === 'closed' && referral.outcome && `: ${t(`referralOutcome.${referral.outcome}`)}`}
      </Tag>
      {referral.status === 'pending' && !referral.receipt && referral.unseenFlaggedAt && (
        <>
          {' '}
          <Tag data-color="danger">{t('board.unseenFlag')}</Tag>
        </>
      )}
    </>
  );
}
