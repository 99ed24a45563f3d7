import { Paragraph, Tag } from '@digdir/designsystemet-react';
import { useT, type Translate } from '../app/i18n';
import { useFormat } from '../concerns/format';
import type { AgendaItem } from './queries';

/** What an item is called for this reader: the coordinator's words, the person's name where they may see it, else the pseudonym. */
export function itemLabel(item: AgendaItem, t: Translate): string {
  if (item.title) return item.title;
  if (item.identified && item.subject) return item.subject.fullName;
  if (item.pseudonym) return item.pseudonym;
  return t('agenda.untitled');
}

/** The agency to ask about a case whose identity is withheld from the reader. */
const holderOf = (item: AgendaItem) => item.concern?.owningAgency.name ?? item.referral?.toAgency.name ?? null;

/**
 * One agenda item as this reader may see it: who it is about (or, plainly, that the identity is
 * withheld from them and whom to ask), and the case's facts the agenda carries.
 */
export function AgendaItemBody({ item, districtId }: { item: AgendaItem; districtId: string }) {
  const t = useT();
  const format = useFormat();
  const holder = holderOf(item);
  return (
    <div className="agenda-item-body">
      <Paragraph className="agenda-item-title">
        <strong>{itemLabel(item, t)}</strong>
        {item.identified && item.subject && <> ({t('agenda.born', { date: format.date(item.subject.dateOfBirth) })})</>}
        {item.title && item.pseudonym && (
          <> – {item.identified && item.subject ? item.subject.fullName : item.pseudonym}</>
        )}
        {item.source === 'manual' && (
          <>
            {' '}
            <Tag data-color="neutral" data-size="sm">
              {t('agenda.manual')}
            </Tag>
          </>
        )}
      </Paragraph>
      {item.pseudonym && !item.identified && (
        <Paragraph data-size="sm" className="withheld">
          {holder ? t('agenda.withheldAsk', { agency: holder }) : t('agenda.withheld')}
        </Paragraph>
      )}
      {item.concern && (
        <Paragraph data-size="sm">
          {t('agenda.concernFacts', {
            category: t(`category.${item.concern.category}`),
            risk: t(`risk.${item.concern.riskLevel}`),
            status: t(`status.${item.concern.status}`),
            logged: format.dateTime(item.concern.loggedAt, districtId),
            agency: item.concern.owningAgency.name,
          })}
        </Paragraph>
      )}
      {item.referral && (
        <Paragraph data-size="sm">
          {t('agenda.referralFacts', {
            agency: item.referral.toAgency.name,
            status: t(`agenda.referralStatus.${item.referral.status}`),
            review: format.date(item.referral.reviewDate),
          })}
        </Paragraph>
      )}
      {item.followUp && (
        <Paragraph data-size="sm">
          {t(item.followUp.escalated ? 'agenda.followUpFactsEscalated' : 'agenda.followUpFacts', {
            owner: item.followUp.owner.name,
            agency: item.followUp.owner.agencyName,
            due: format.dateTime(item.followUp.dueAt, districtId),
          })}
        </Paragraph>
      )}
    </div>
  );
}
