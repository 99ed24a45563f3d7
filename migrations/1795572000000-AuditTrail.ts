import { MigrationInterface, QueryRunner } from 'typeorm';
import { contentHash, fieldsOfRow } from '../src/audit/audit-hash';

/**
 * The audit trail becomes tamper-evident and ready for years of events:
 * - `audit_events` is partitioned by month (retention drops whole months) and each event carries
 *   the SHA-256 of its canonical form (computed by the application, see src/audit/audit-hash.ts);
 * - `audit_chain` links every event, in commit order, to the one before: a deferred constraint
 *   trigger appends the link when the writing transaction commits, under an advisory lock held
 *   from then to the end of the commit, so writers are serialised for that moment and not for
 *   their whole transaction;
 * - `audit_checkpoints` holds the worker's signed seals of the chain, `audit_retention` where the
 *   chain starts once retention has dropped older months;
 * - triggers refuse UPDATE, DELETE and TRUNCATE on all three.
 * Existing events are carried over and chained in the order they occurred.
 */
export class AuditTrail1795572000000 implements MigrationInterface {
  name = 'AuditTrail1795572000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" RENAME TO "audit_events_legacy"`);
    for (const index of ['action', 'subject', 'resource', 'actor_time']) {
      await queryRunner.query(`DROP INDEX "ix_audit_events_${index}"`);
    }
    await queryRunner.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TABLE "audit_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "actor_id" uuid,
        "actor_agency_id" uuid,
        "actor_roles" text array NOT NULL DEFAULT '{}',
        "action" character varying(80) NOT NULL,
        "resource_type" character varying(60) NOT NULL,
        "resource_id" character varying(80),
        "subject_id" uuid,
        "purpose" text,
        "outcome" "public"."audit_outcome" NOT NULL,
        "severity" "public"."audit_severity" NOT NULL DEFAULT 'info',
        "request_id" character varying(64),
        "details" jsonb NOT NULL DEFAULT '{}',
        "content_hash" character(64) NOT NULL,
        CONSTRAINT "pk_audit_events" PRIMARY KEY ("id", "occurred_at")
      ) PARTITION BY RANGE ("occurred_at")`);
    await queryRunner.query(`
      CREATE TABLE "audit_chain" (
        "seq" bigint NOT NULL,
        "event_id" uuid NOT NULL,
        "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "content_hash" character(64) NOT NULL,
        "prev_hash" character(64) NOT NULL,
        "hash" character(64) NOT NULL,
        "chained_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "pk_audit_chain" PRIMARY KEY ("seq", "occurred_at")
      ) PARTITION BY RANGE ("occurred_at")`);
    await queryRunner.query(`CREATE TABLE "audit_events_default" PARTITION OF "audit_events" DEFAULT`);
    await queryRunner.query(`CREATE TABLE "audit_chain_default" PARTITION OF "audit_chain" DEFAULT`);
    // One month of both tables; the worker keeps the coming months created (a default partition catches the rest).
    await queryRunner.query(`
      CREATE FUNCTION audit_create_month(month date) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        first date := date_trunc('month', month)::date;
        suffix text := to_char(first, 'YYYY_MM');
      BEGIN
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)',
                       'audit_events_' || suffix, first, (first + interval '1 month')::date);
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF audit_chain FOR VALUES FROM (%L) TO (%L)',
                       'audit_chain_' || suffix, first, (first + interval '1 month')::date);
      END $$`);
    await queryRunner.query(`
      SELECT audit_create_month(month::date)
        FROM (SELECT DISTINCT date_trunc('month', occurred_at) AS month FROM audit_events_legacy
              UNION SELECT generate_series(date_trunc('month', now()), date_trunc('month', now()) + interval '3 months', interval '1 month')) AS months`);
    const indexes: [string, string][] = [
      ['ix_audit_events_time', '"occurred_at", "id"'],
      ['ix_audit_events_actor_time', '"actor_id", "occurred_at"'],
      ['ix_audit_events_agency_time', '"actor_agency_id", "occurred_at"'],
      ['ix_audit_events_subject_time', '"subject_id", "occurred_at"'],
      ['ix_audit_events_resource_time', '"resource_type", "resource_id", "occurred_at"'],
      ['ix_audit_events_action_time', '"action", "occurred_at"'],
    ];
    for (const [name, columns] of indexes) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "audit_events" (${columns})`);
    }
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_denied_time" ON "audit_events" ("occurred_at") WHERE "outcome" = 'denied'`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_chain_event" ON "audit_chain" ("event_id")`);
    await queryRunner.query(`
      CREATE TABLE "audit_checkpoints" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "seq" bigint NOT NULL,
        "event_id" uuid NOT NULL,
        "hash" character(64) NOT NULL,
        "sealed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL,
        "key_id" character varying(64) NOT NULL,
        "signature" text NOT NULL,
        CONSTRAINT "pk_audit_checkpoints" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "ix_audit_checkpoints_seq" ON "audit_checkpoints" ("seq")`);
    // Where the chain starts after retention dropped older months: the last link dropped.
    await queryRunner.query(`
      CREATE TABLE "audit_retention" (
        "seq" bigint NOT NULL,
        "hash" character(64) NOT NULL,
        "event_id" uuid NOT NULL,
        "month" date NOT NULL,
        "dropped_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT "pk_audit_retention" PRIMARY KEY ("seq")
      )`);
    // Retention: a whole month of events and links goes, its last link kept as the chain's new start.
    await queryRunner.query(`
      CREATE FUNCTION audit_drop_month(month date) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
      DECLARE
        first date := date_trunc('month', month)::date;
        suffix text := to_char(date_trunc('month', month), 'YYYY_MM');
        last record;
      BEGIN
        IF to_regclass('audit_events_' || suffix) IS NULL THEN RETURN 0; END IF;
        PERFORM pg_advisory_xact_lock(hashtext('samvirke.audit_chain'));
        EXECUTE format('SELECT "seq", "hash", "event_id" FROM %I ORDER BY "seq" DESC LIMIT 1', 'audit_chain_' || suffix) INTO last;
        IF last.seq IS NOT NULL THEN
          INSERT INTO audit_retention ("seq", "hash", "event_id", "month") VALUES (last.seq, last.hash, last.event_id, first);
        END IF;
        EXECUTE format('DROP TABLE %I', 'audit_events_' || suffix);
        EXECUTE format('DROP TABLE %I', 'audit_chain_' || suffix);
        RETURN coalesce(last.seq, 0);
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION audit_chain_append() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head text;
        last_seq bigint;
        last_hash text;
        next_seq bigint;
        next_hash text;
      BEGIN
        -- One chainer at a time, from this transaction's commit to its end.
        PERFORM pg_advisory_xact_lock(hashtext('samvirke.audit_chain'));
        -- The link this transaction appended last; the table's last link for its first event.
        head := current_setting('samvirke.audit_chain_head', true);
        IF head IS NULL OR head = '' THEN
          SELECT "seq", "hash" INTO last_seq, last_hash FROM audit_chain ORDER BY "seq" DESC LIMIT 1;
          last_seq := coalesce(last_seq, 0);
          last_hash := coalesce(last_hash, repeat('0', 64));
        ELSE
          last_seq := split_part(head, ':', 1)::bigint;
          last_hash := split_part(head, ':', 2);
        END IF;
        next_seq := last_seq + 1;
        next_hash := encode(sha256(convert_to(next_seq::text || ':' || last_hash || ':' || NEW.content_hash, 'UTF8')), 'hex');
        INSERT INTO audit_chain ("seq", "event_id", "occurred_at", "content_hash", "prev_hash", "hash")
          VALUES (next_seq, NEW.id, NEW.occurred_at, NEW.content_hash, last_hash, next_hash);
        PERFORM set_config('samvirke.audit_chain_head', next_seq::text || ':' || next_hash, true);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER "audit_events_chain" AFTER INSERT ON "audit_events"
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_chain_append()`);
    for (const table of ['audit_events', 'audit_chain', 'audit_checkpoints', 'audit_retention']) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`,
      );
    }
    await this.carryOver(queryRunner);
    await queryRunner.query(`DROP TABLE "audit_events_legacy"`);
  }

  /** The events so far, hashed and inserted in the order they occurred (the chain trigger links them at commit). */
  private async carryOver(queryRunner: QueryRunner): Promise<void> {
    const rows: Record<string, unknown>[] = await queryRunner.query(
      `SELECT * FROM "audit_events_legacy" ORDER BY "occurred_at", "id"`,
    );
    for (let start = 0; start < rows.length; start += 500) {
      const batch = rows.slice(start, start + 500).map((row) => {
        const event = fieldsOfRow(row);
        return { ...event, contentHash: contentHash(event) };
      });
      await queryRunner.query(
        `INSERT INTO "audit_events" ("id", "occurred_at", "actor_id", "actor_agency_id", "actor_roles", "action",
                "resource_type", "resource_id", "subject_id", "purpose", "outcome", "severity", "request_id", "details", "content_hash")
         SELECT e."id", e."occurredAt", e."actorId", e."actorAgencyId", e."actorRoles", e."action", e."resourceType",
                e."resourceId", e."subjectId", e."purpose", e."outcome"::audit_outcome, e."severity"::audit_severity,
                e."requestId", e."details", e."contentHash"
           FROM jsonb_to_recordset($1::jsonb) AS e("id" uuid, "occurredAt" timestamptz, "actorId" uuid, "actorAgencyId" uuid,
                "actorRoles" text[], "action" text, "resourceType" text, "resourceId" text, "subjectId" uuid, "purpose" text,
                "outcome" text, "severity" text, "requestId" text, "details" jsonb, "contentHash" text)
`,
        [JSON.stringify(batch)],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_checkpoints"`);
    await queryRunner.query(`DROP TABLE "audit_retention"`);
    await queryRunner.query(`DROP TABLE "audit_chain"`);
    await queryRunner.query(`ALTER TABLE "audit_events" RENAME TO "audit_events_partitioned"`);
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_agency_id" uuid, "actor_roles" text array NOT NULL DEFAULT '{}', "action" character varying(80) NOT NULL, "resource_type" character varying(60) NOT NULL, "resource_id" character varying(80), "subject_id" uuid, "purpose" text, "outcome" "public"."audit_outcome" NOT NULL, "severity" "public"."audit_severity" NOT NULL DEFAULT 'info', "request_id" character varying(64), "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "audit_events" SELECT "id", "occurred_at", "actor_id", "actor_agency_id", "actor_roles", "action", "resource_type", "resource_id", "subject_id", "purpose", "outcome", "severity", "request_id", "details" FROM "audit_events_partitioned"`,
    );
    await queryRunner.query(`DROP TABLE "audit_events_partitioned"`);
    await queryRunner.query(`DROP FUNCTION audit_chain_append()`);
    await queryRunner.query(`DROP FUNCTION audit_create_month(date)`);
    await queryRunner.query(`DROP FUNCTION audit_drop_month(date)`);
    await queryRunner.query(`DROP FUNCTION audit_refuse_change()`);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_action" ON "audit_events" ("action") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_events_subject" ON "audit_events" ("subject_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_audit_events_resource" ON "audit_events" ("resource_type", "resource_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_events_actor_time" ON "audit_events" ("actor_id", "occurred_at") `);
  }
}
