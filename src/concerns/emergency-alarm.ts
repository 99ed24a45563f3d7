import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import { Concern } from './concern.entity';
import { EMERGENCY_RISK_LEVEL } from './concern-vocabulary';
import { ConcernsRepository } from './concerns.repository';

/** Who was alerted of an immediate danger: the reporter is told (`emergencyView`). */
export interface Emergency {
  /** The police agency alerted, or null where none serves the district. */
  police: Agency | null;
}

export interface Alarm extends Emergency {
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
    private readonly repository: ConcernsRepository,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  /** In the transaction that put the concern at immediate danger; `raisedById` is who did. */
  async raise(manager: EntityManager, concern: Concern, raisedById: string): Promise<Alarm> {
    const named = await this.repository.namedEmergencyPolice(manager, concern.districtId);
    if (!named) {
      this.logger.warn(
        { event: 'emergency.no_named_police', districtId: concern.districtId, concernId: concern.id },
        'the district names no emergency police agency: alerting by the fallback, which cannot open the concern',
      );
    }
    const police = named ?? (await this.repository.fallbackPolice(manager, concern.districtId));
    if (!police) return { police: null };
    const notificationId = await this.notifications.alertPolice(manager, police.id, concern.id);
    // Its own concern the police agency sees already.
    if (named && named.id !== concern.owningAgencyId) {
      await this.openToPolice(manager, concern, named, raisedById, notificationId);
    }
    return { police, notificationId };
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
    await this.repository.openToPolice(manager, concern.id, police.id, raisedById);
    await this.audit.record(manager, {
      action: 'concern.open_to_police',
      resourceId: concern.id,
      subjectId: concern.subjectId,
      outcome: 'allowed',
      severity: 'high',
      purpose: 'vital_interest',
      details: { agencyId: police.id, riskLevel: EMERGENCY_RISK_LEVEL, notificationId },
    });
  }
}
