import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verifications of the audit chain as records (who asked, how far the worker got, the verdict and
 * the last checkpoint it relied on), and what each unusual-access flag was judged by when it was
 * raised (threshold; working hours and their time zone). Flags raised before keep null there: the
 * auditor's screen says the threshold was not recorded rather than guess it from today's settings.
 */
export class AuditVerifications1796160583530 implements MigrationInterface {
  name = 'AuditVerifications1796160583530';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "access_flags" ADD "threshold" integer`);
    await queryRunner.query(`ALTER TABLE "access_flags" ADD "working_hours_start" character varying(5)`);
    await queryRunner.query(`ALTER TABLE "access_flags" ADD "working_hours_end" character varying(5)`);
    await queryRunner.query(`ALTER TABLE "access_flags" ADD "time_zone" character varying(64)`);
    await queryRunner.query(
      `CREATE TYPE "public"."audit_verification_state" AS ENUM('queued', 'running', 'finished', 'failed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_verifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "state" "public"."audit_verification_state" NOT NULL, "started_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP(3) WITH TIME ZONE, "finished_at" TIMESTAMP(3) WITH TIME ZONE, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "checked" integer NOT NULL DEFAULT '0', "total" integer, "intact" boolean, "first_bad_event_id" uuid, "problem" character varying(40), "checkpoints_external" boolean, "checkpoints_checked" integer, "checkpoint_seq" bigint, "checkpoint_event_id" uuid, "checkpoint_hash" character varying(64), "checkpoint_sealed_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_b0d662ddbb3679bb08f61a6e4d4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_verifications_created" ON "audit_verifications" ("created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_audit_verifications_created"`);
    await queryRunner.query(`DROP TABLE "audit_verifications"`);
    await queryRunner.query(`DROP TYPE "public"."audit_verification_state"`);
    await queryRunner.query(`ALTER TABLE "access_flags" DROP COLUMN "time_zone"`);
    await queryRunner.query(`ALTER TABLE "access_flags" DROP COLUMN "working_hours_end"`);
    await queryRunner.query(`ALTER TABLE "access_flags" DROP COLUMN "working_hours_start"`);
    await queryRunner.query(`ALTER TABLE "access_flags" DROP COLUMN "threshold"`);
  }
}
