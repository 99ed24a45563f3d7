import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config.service';
import { FlagKind } from './access-flag.entity';

const HOUR_MS = 3_600_000;

/** Events that touch a person's records, as opposed to logins or directory changes. */
const CASE_ACCESS = `e."subject_id" IS NOT NULL AND e."actor_id" IS NOT NULL`;

/**
 * The unusual-access rules, each one INSERT … SELECT over the trail's recent window; a flag is
 * unique per kind, user and window, so running twice (or on two workers) flags once.
 */
const RULES: Record<FlagKind, string> = {
  // More distinct subjects in an hour than anyone's work needs.
  many_subjects: `
    SELECT 'many_subjects', e."actor_id", date_trunc('hour', e."occurred_at"), date_trunc('hour', e."occurred_at") + interval '1 hour',
           count(DISTINCT e."subject_id")
      FROM audit_events e
     WHERE e."occurred_at" >= $1 AND e."occurred_at" < $2 AND e."outcome" = 'allowed' AND ${CASE_ACCESS}
     GROUP BY e."actor_id", date_trunc('hour', e."occurred_at")
    HAVING count(DISTINCT e."subject_id") > $3`,
  // Reads of people's records on a weekend or outside working hours, in the city's time zone.
  out_of_hours: `
    SELECT 'out_of_hours', e."actor_id", date_trunc('day', e."occurred_at" AT TIME ZONE $3) AT TIME ZONE $3,
           (date_trunc('day', e."occurred_at" AT TIME ZONE $3) + interval '1 day') AT TIME ZONE $3, count(*)
      FROM audit_events e
     WHERE e."occurred_at" >= $1 AND e."occurred_at" < $2 AND e."outcome" = 'allowed' AND ${CASE_ACCESS}
       AND (extract(isodow FROM e."occurred_at" AT TIME ZONE $3) > 5
            OR (e."occurred_at" AT TIME ZONE $3)::time < $4::time OR (e."occurred_at" AT TIME ZONE $3)::time >= $5::time)
     GROUP BY e."actor_id", date_trunc('day', e."occurred_at" AT TIME ZONE $3)`,
  // Records of subjects outside every district the user works in (users with districts only).
  outside_districts: `
    SELECT 'outside_districts', e."actor_id", date_trunc('day', e."occurred_at"), date_trunc('day', e."occurred_at") + interval '1 day',
           count(*)
      FROM audit_events e
      JOIN subjects s ON s."id" = e."subject_id"
     WHERE e."occurred_at" >= $1 AND e."occurred_at" < $2 AND e."outcome" = 'allowed' AND ${CASE_ACCESS}
       AND EXISTS (SELECT 1 FROM user_districts d WHERE d."user_id" = e."actor_id")
       AND NOT EXISTS (SELECT 1 FROM user_districts d WHERE d."user_id" = e."actor_id" AND d."district_id" = s."district_id")
     GROUP BY e."actor_id", date_trunc('day', e."occurred_at")`,
  // Knocking on doors: refusals in an hour beyond ordinary mistakes.
  repeated_refusals: `
    SELECT 'repeated_refusals', e."actor_id", date_trunc('hour', e."occurred_at"), date_trunc('hour', e."occurred_at") + interval '1 hour',
           count(*)
      FROM audit_events e
     WHERE e."occurred_at" >= $1 AND e."occurred_at" < $2 AND e."outcome" = 'denied' AND e."actor_id" IS NOT NULL
     GROUP BY e."actor_id", date_trunc('hour', e."occurred_at")
    HAVING count(*) >= $3`,
};

@Injectable()
export class AccessFlagsService {
  private readonly logger = new Logger(AccessFlagsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Flags the last `hours` of the trail (windows already flagged stay as they are). Returns how many are new. */
  async run(hours = 26): Promise<number> {
    const until = this.clock.now();
    const since = new Date(until.getTime() - hours * HOUR_MS);
    const [start, end] = this.config.get('WORKING_HOURS').split('-');
    const extra: Record<FlagKind, unknown[]> = {
      many_subjects: [this.config.get('FLAG_SUBJECTS_PER_HOUR')],
      out_of_hours: [this.config.get('WORKING_TIME_ZONE'), start, end],
      outside_districts: [],
      repeated_refusals: [this.config.get('FLAG_REFUSALS_PER_HOUR')],
    };
    let created = 0;
    for (const [kind, select] of Object.entries(RULES) as [FlagKind, string][]) {
      const rows: unknown[] = await this.dataSource.query(
        `INSERT INTO access_flags ("kind", "user_id", "window_start", "window_end", "count") ${select}
         ON CONFLICT ("kind", "user_id", "window_start") DO UPDATE SET "count" = EXCLUDED."count"
         WHERE access_flags."count" <> EXCLUDED."count"
         RETURNING (xmax = 0) AS inserted`,
        [since, until, ...extra[kind]],
      );
      const fresh = rows.filter((row) => (row as { inserted: boolean }).inserted).length;
      if (fresh > 0) this.logger.log({ event: 'audit.flagged', kind, flags: fresh }, 'unusual access flagged');
      created += fresh;
    }
    return created;
  }
}
