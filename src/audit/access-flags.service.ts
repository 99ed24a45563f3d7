import { Injectable, Logger } from '@nestjs/common';
import { AppAbility } from '../access/ability';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { Page } from '../database/pagination';
import { AuditService } from './audit.service';
import { AccessFlag } from './access-flag.entity';
import { AccessFlagsRepository, FLAG_KINDS_IN_ORDER, FlagThresholds } from './access-flags.repository';
import { FlagQuery } from './dto/audit.dto';

const HOUR_MS = 3_600_000;

/** Unusual access: the worker's rules flag it, the auditor reads the flags. */
@Injectable()
export class AccessFlagsService {
  private readonly logger = new Logger(AccessFlagsService.name);

  constructor(
    private readonly flags: AccessFlagsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Flags the last `hours` of the trail (windows already flagged stay as they are). Returns how many are new. */
  async run(hours = 26): Promise<number> {
    const until = this.clock.now();
    const since = new Date(until.getTime() - hours * HOUR_MS);
    const [start, end] = this.config.get('WORKING_HOURS').split('-');
    const thresholds: FlagThresholds = {
      subjectsPerHour: this.config.get('FLAG_SUBJECTS_PER_HOUR'),
      refusalsPerHour: this.config.get('FLAG_REFUSALS_PER_HOUR'),
      timeZone: this.config.get('WORKING_TIME_ZONE'),
      workingHours: [start, end],
    };
    let created = 0;
    for (const kind of FLAG_KINDS_IN_ORDER) {
      const fresh = await this.flags.flag(null, kind, since, until, thresholds);
      if (fresh > 0) this.logger.log({ event: 'audit.flagged', kind, flags: fresh }, 'unusual access flagged');
      created += fresh;
    }
    return created;
  }

  /** The auditor's page of flags, newest first; the read is audited with the flags shown. */
  list(ability: AppAbility, query: FlagQuery): Promise<Page<AccessFlag>> {
    return this.flags.transaction(async (tx) => {
      const page = await this.flags.page(tx, ability, query);
      await this.audit.record(tx, {
        action: 'access_flag.list',
        outcome: 'allowed',
        details: { ids: page.items.map((flag) => flag.id) },
      });
      return page;
    });
  }
}
