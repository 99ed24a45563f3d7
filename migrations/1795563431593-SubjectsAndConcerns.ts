import { MigrationInterface, QueryRunner } from 'typeorm';

/** Subjects (with trigram duplicate search), their links, concerns and notifications. */

export class SubjectsAndConcerns1795563431593 implements MigrationInterface {
  name = 'SubjectsAndConcerns1795563431593';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE TABLE "subjects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "pseudonym" character varying(12) NOT NULL, "full_name" character varying(200) NOT NULL, "name_key" text NOT NULL, "date_of_birth" date NOT NULL, "district_id" uuid NOT NULL, "created_by_id" uuid NOT NULL, "created_by_agency_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1a023685ac2b051b4e557b0b280" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_subjects_pseudonym" ON "subjects" ("pseudonym") `);
    await queryRunner.query(`CREATE INDEX "ix_subjects_district" ON "subjects" ("district_id") `);
    await queryRunner.query(`CREATE INDEX "ix_subjects_birth_date" ON "subjects" ("date_of_birth") `);
    await queryRunner.query(
      `CREATE INDEX "ix_subjects_name_key_trgm" ON "subjects" USING gin ("name_key" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE TABLE "subject_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject_id" uuid NOT NULL, "other_subject_id" uuid NOT NULL, "note" text NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "removed_at" TIMESTAMP WITH TIME ZONE, "removed_by_id" uuid, CONSTRAINT "ck_subject_links_distinct" CHECK ("subject_id" <> "other_subject_id"), CONSTRAINT "PK_bdbd92eeb9a7353adbcad7aaf2f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_subject_links_subject" ON "subject_links" ("subject_id") `);
    await queryRunner.query(`CREATE INDEX "ix_subject_links_other" ON "subject_links" ("other_subject_id") `);
    // One active link per pair, whichever way round it was made.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_subject_links_pair" ON "subject_links" (LEAST("subject_id", "other_subject_id"), GREATEST("subject_id", "other_subject_id")) WHERE "removed_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."concern_category" AS ENUM('violent_extremism', 'hate_crime', 'gang_crime', 'online_radicalisation', 'returnee', 'mental_health', 'other')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."concern_source" AS ENUM('professional', 'family', 'friend', 'anonymous_call')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."risk_level" AS ENUM('low', 'moderate', 'high', 'immediate_danger')`);
    await queryRunner.query(
      `CREATE TYPE "public"."concern_classification" AS ENUM('coordination', 'agency_restricted')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."concern_status" AS ENUM('new', 'guidance_only', 'no_further_action', 'referral_pending', 'referred', 'referral_accepted', 'closed')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."triage_outcome" AS ENUM('guidance_only', 'refer', 'no_further_action')`,
    );
    await queryRunner.query(
      `CREATE TABLE "concerns" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject_id" uuid NOT NULL, "category" "public"."concern_category" NOT NULL, "narrative" text NOT NULL, "source" "public"."concern_source" NOT NULL, "risk_level" "public"."risk_level" NOT NULL, "classification" "public"."concern_classification" NOT NULL, "owning_agency_id" uuid NOT NULL, "reporter_id" uuid NOT NULL, "district_id" uuid NOT NULL, "status" "public"."concern_status" NOT NULL DEFAULT 'new', "triage_outcome" "public"."triage_outcome", "triage_note" text, "triaged_by_id" uuid, "triaged_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_743844335346f7379d1fc28950a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_concerns_subject" ON "concerns" ("subject_id") `);
    await queryRunner.query(`CREATE INDEX "ix_concerns_reporter_created" ON "concerns" ("reporter_id", "created_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_concerns_agency_created" ON "concerns" ("owning_agency_id", "created_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_concerns_district_created" ON "concerns" ("district_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_agency_id" uuid, "recipient_user_id" uuid, "kind" character varying(60) NOT NULL, "urgent" boolean NOT NULL DEFAULT false, "resource_type" character varying(60) NOT NULL, "resource_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "delivered_at" TIMESTAMP WITH TIME ZONE, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notifications_user" ON "notifications" ("recipient_user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_notifications_agency" ON "notifications" ("recipient_agency_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "subjects" ADD CONSTRAINT "fk_subjects_district" FOREIGN KEY ("district_id") REFERENCES "districts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subject_links" ADD CONSTRAINT "fk_subject_links_subject" FOREIGN KEY ("subject_id") REFERENCES "subjects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subject_links" ADD CONSTRAINT "fk_subject_links_other" FOREIGN KEY ("other_subject_id") REFERENCES "subjects"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "concerns" ADD CONSTRAINT "fk_concerns_subject" FOREIGN KEY ("subject_id") REFERENCES "subjects"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "concerns" ADD CONSTRAINT "fk_concerns_owning_agency" FOREIGN KEY ("owning_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "concerns" ADD CONSTRAINT "fk_concerns_reporter" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "concerns" DROP CONSTRAINT "fk_concerns_reporter"`);
    await queryRunner.query(`ALTER TABLE "concerns" DROP CONSTRAINT "fk_concerns_owning_agency"`);
    await queryRunner.query(`ALTER TABLE "concerns" DROP CONSTRAINT "fk_concerns_subject"`);
    await queryRunner.query(`ALTER TABLE "subject_links" DROP CONSTRAINT "fk_subject_links_other"`);
    await queryRunner.query(`ALTER TABLE "subject_links" DROP CONSTRAINT "fk_subject_links_subject"`);
    await queryRunner.query(`ALTER TABLE "subjects" DROP CONSTRAINT "fk_subjects_district"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_agency"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notifications_user"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."ix_concerns_district_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_concerns_agency_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_concerns_reporter_created"`);
    await queryRunner.query(`DROP INDEX "public"."ix_concerns_subject"`);
    await queryRunner.query(`DROP TABLE "concerns"`);
    await queryRunner.query(`DROP TYPE "public"."triage_outcome"`);
    await queryRunner.query(`DROP TYPE "public"."concern_status"`);
    await queryRunner.query(`DROP TYPE "public"."concern_classification"`);
    await queryRunner.query(`DROP TYPE "public"."risk_level"`);
    await queryRunner.query(`DROP TYPE "public"."concern_source"`);
    await queryRunner.query(`DROP TYPE "public"."concern_category"`);
    await queryRunner.query(`DROP INDEX "public"."uq_subject_links_pair"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subject_links_other"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subject_links_subject"`);
    await queryRunner.query(`DROP TABLE "subject_links"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subjects_birth_date"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subjects_district"`);
    await queryRunner.query(`DROP INDEX "public"."uq_subjects_pseudonym"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subjects_name_key_trgm"`);
    await queryRunner.query(`DROP TABLE "subjects"`);
  }
}
