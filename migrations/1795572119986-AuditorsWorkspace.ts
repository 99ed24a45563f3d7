import { MigrationInterface, QueryRunner } from 'typeorm';

/** Break-glass grants awaiting and after review, and the worker's flags of unusual access. */

export class AuditorsWorkspace1795572119986 implements MigrationInterface {
  name = 'AuditorsWorkspace1795572119986';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."break_glass_reason" AS ENUM('imminent_risk', 'safeguarding_emergency', 'legal_request', 'other')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."break_glass_review" AS ENUM('justified', 'unjustified')`);
    await queryRunner.query(
      `CREATE TABLE "break_glass_grants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "resource_type" character varying(40) NOT NULL, "resource_id" uuid NOT NULL, "subject_id" uuid NOT NULL, "reason_code" "public"."break_glass_reason" NOT NULL, "justification" text NOT NULL, "granted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "reviewed_at" TIMESTAMP(3) WITH TIME ZONE, "reviewed_by_id" uuid, "review_outcome" "public"."break_glass_review", "review_note" text, CONSTRAINT "PK_b02d16f7854de523ef0f7ba9799" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_break_glass_unreviewed" ON "break_glass_grants" ("granted_at") WHERE "reviewed_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_break_glass_user_expiry" ON "break_glass_grants" ("user_id", "expires_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."access_flag_kind" AS ENUM('many_subjects', 'out_of_hours', 'outside_districts', 'repeated_refusals')`,
    );
    await queryRunner.query(
      `CREATE TABLE "access_flags" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."access_flag_kind" NOT NULL, "user_id" uuid NOT NULL, "window_start" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "window_end" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "count" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fa6c782fe0f78b508291e4a9b89" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_access_flags_created" ON "access_flags" ("created_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_access_flags_window" ON "access_flags" ("kind", "user_id", "window_start") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_access_flags_window"`);
    await queryRunner.query(`DROP INDEX "public"."ix_access_flags_created"`);
    await queryRunner.query(`DROP TABLE "access_flags"`);
    await queryRunner.query(`DROP TYPE "public"."access_flag_kind"`);
    await queryRunner.query(`DROP INDEX "public"."ix_break_glass_user_expiry"`);
    await queryRunner.query(`DROP INDEX "public"."ix_break_glass_unreviewed"`);
    await queryRunner.query(`DROP TABLE "break_glass_grants"`);
    await queryRunner.query(`DROP TYPE "public"."break_glass_review"`);
    await queryRunner.query(`DROP TYPE "public"."break_glass_reason"`);
  }
}
