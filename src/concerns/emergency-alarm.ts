import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { AuditService } from '../audit/audit.service';
import { District } from '../districts/district.entity';
import { NotificationsService } from '../notifications/notifications.service';
import { Concern } from './concern.entity';
import { EmergencyDto } from './dto/concern.dto';
import { emergencyAdvice } from './emergency';
import { EmergencyShare } from './emergency-share.entity';

export interface Alarm {
  /** What the reporter is told. */
  advice: EmergencyDto;
  /** The urgent notification, to dispatch once the transaction has committed. */
  notificationId?: string;
}

/**
 * "Immediate danger routes to the police at once" (DESIGN, Concern): the police agency the
 * concern's district names for emergencies is alerted and may open the concern, on vital
 * interest. A reporter is never held up: where the district names none, the alert goes to a
 * police agency serving it, as it did before districts named one — which cannot open it.
 */
@Injectable()
export class EmergencyAlarm {
  private readonly logger = new Logger(EmergencyAlarm.name);

  constructor(
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  /** In the transaction that put the concern at immediate danger; `raisedById` is who did. */
  async raise(manager: EntityManager, concern: Concern, raisedById: string): Promise<Alarm> {
    const named = await this.namedPolice(manager, concern.districtId);
    if (!named) {
      this.logger.warn(
        { event: 'emergency.no_named_police', districtId: concern.districtId, concernId: concern.id },
        'the district names no emergency police agency: alerting by the fallback, which cannot open the concern',
      );
    }
    const police = named ?? (await this.fallbackPolice(manager, concern.districtId));
    if (!police) return { advice: emergencyAdvice(null) };
    const notificationId = await this.notifications.alertPolice(manager, police.id, concern.id);
    // Its own concern the police agency sees already.
    if (named && named.id !== concern.owningAgencyId) {
      await this.openToPolice(manager, concern, named, raisedById, notificationId);
    }
    return { advice: emergencyAdvice(police), notificationId };
  }

  private namedPolice(manager: EntityManager, districtId: string): Promise<Agency | null> {
    return manager
      .createQueryBuilder(Agency, 'police')
      .innerJoin(District, 'district', 'district.emergencyPoliceAgencyId = police.id')
      .where('district.id = :districtId', { districtId })
      .getOne();
  }

  /** The rule from before districts named their police: one serving the district, else a city-wide one. */
  private async fallbackPolice(manager: EntityManager, districtId: string): Promise<Agency | null> {
    return (
      (await manager.findOne(Agency, { where: { kind: 'police', districtId }, order: { name: 'ASC' } })) ??
      (await manager.findOne(Agency, { where: { kind: 'police', districtId: IsNull() }, order: { name: 'ASC' } }))
    );
  }

  /**
   * Records the share (once per concern and agency: raising it again reopens the same share, since
   * it holds while the danger does) and audits the opening, on vital interest, every time.
   */
  private async openToPolice(
    manager: EntityManager,
    concern: Concern,
    police: Agency,
    raisedById: string,
    notificationId: string,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(EmergencyShare)
      .values({ concernId: concern.id, agencyId: police.id, legalBasis: 'vital_interest', raisedById })
      .orIgnore()
      .execute();
    await this.audit.record(manager, {
      action: 'concern.opened_to_police',
      resourceType: 'Concern',
      resourceId: concern.id,
      subjectId: concern.subjectId,
      outcome: 'allowed',
      severity: 'high',
      purpose: 'vital_interest',
      details: { agencyId: police.id, riskLevel: 'immediate_danger', notificationId },
    });
  }
}
