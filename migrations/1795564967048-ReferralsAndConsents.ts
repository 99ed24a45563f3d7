import { MigrationInterface, QueryRunner } from 'typeorm';

/** Consents, referrals with their notes, and follow-ups (a referral review creates one). */

export class ReferralsAndConsents1795564967048 implements MigrationInterface {
  name = 'ReferralsAndConsents1795564967048';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."consent_giver" AS ENUM('subject', 'guardian')`);
    await queryRunner.query(
      `CREATE TABLE "consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject_id" uuid NOT NULL, "district_id" uuid NOT NULL, "given_by" "public"."consent_giver" NOT NULL, "guardian_name" character varying(200), "agency_ids" uuid array NOT NULL, "purpose" text NOT NULL, "given_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "valid_until" TIMESTAMP(3) WITH TIME ZONE, "withdrawn_at" TIMESTAMP(3) WITH TIME ZONE, "withdrawn_by_id" uuid, "recorded_by_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9efc68eb6aba7d638fb6ea034dd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_consents_subject" ON "consents" ("subject_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."legal_basis" AS ENUM('consent', 'statutory_duty', 'vital_interest')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."referral_status" AS ENUM('pending', 'accepted', 'declined', 'in_progress', 'closed')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."referral_outcome" AS ENUM('completed', 'no_engagement', 'transferred', 'consent_withdrawn', 'escalated_to_police')`,
    );
    await queryRunner.query(
      `CREATE TABLE "referrals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "concern_id" uuid NOT NULL, "subject_id" uuid NOT NULL, "district_id" uuid NOT NULL, "to_agency_id" uuid NOT NULL, "programme" character varying(200), "legal_basis" "public"."legal_basis" NOT NULL, "consent_id" uuid, "reason" text NOT NULL, "review_date" date NOT NULL, "status" "public"."referral_status" NOT NULL DEFAULT 'pending', "case_worker_id" uuid, "decline_reason" text, "outcome" "public"."referral_outcome", "outcome_note" text, "created_by_id" uuid NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_referrals_consent_basis" CHECK ("legal_basis" <> 'consent' OR "consent_id" IS NOT NULL), CONSTRAINT "PK_ea9980e34f738b6252817326c08" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_referrals_concern" ON "referrals" ("concern_id") `);
    await queryRunner.query(`CREATE INDEX "ix_referrals_consent" ON "referrals" ("consent_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_referrals_agency_review" ON "referrals" ("to_agency_id", "review_date") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_referrals_district_review" ON "referrals" ("district_id", "review_date") `,
    );
    await queryRunner.query(
      `CREATE TABLE "referral_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "referral_id" uuid NOT NULL, "author_id" uuid NOT NULL, "author_agency_id" uuid NOT NULL, "text" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_367bbd4677f0b161506fdbc54df" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_referral_notes_referral" ON "referral_notes" ("referral_id") `);
    await queryRunner.query(`CREATE TYPE "public"."follow_up_state" AS ENUM('open', 'done', 'cancelled')`);
    await queryRunner.query(
      `CREATE TABLE "follow_ups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(40) NOT NULL, "referral_id" uuid, "owner_id" uuid NOT NULL, "text" text NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "state" "public"."follow_up_state" NOT NULL DEFAULT 'open', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d510aabdff2ec7fdc67a1092157" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_follow_ups_referral" ON "follow_ups" ("referral_id") `);
    await queryRunner.query(`CREATE INDEX "ix_follow_ups_owner_due" ON "follow_ups" ("owner_id", "due_at") `);
    await queryRunner.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "fk_consents_subject" FOREIGN KEY ("subject_id") REFERENCES "subjects"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_concern" FOREIGN KEY ("concern_id") REFERENCES "concerns"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_to_agency" FOREIGN KEY ("to_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "fk_referrals_consent" FOREIGN KEY ("consent_id") REFERENCES "consents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_notes" ADD CONSTRAINT "fk_referral_notes_referral" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referral_notes" DROP CONSTRAINT "fk_referral_notes_referral"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "fk_referrals_consent"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "fk_referrals_to_agency"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "fk_referrals_concern"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "fk_consents_subject"`);
    await queryRunner.query(`DROP INDEX "public"."ix_follow_ups_owner_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_follow_ups_referral"`);
    await queryRunner.query(`DROP TABLE "follow_ups"`);
    await queryRunner.query(`DROP TYPE "public"."follow_up_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referral_notes_referral"`);
    await queryRunner.query(`DROP TABLE "referral_notes"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_district_review"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_agency_review"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_consent"`);
    await queryRunner.query(`DROP INDEX "public"."ix_referrals_concern"`);
    await queryRunner.query(`DROP TABLE "referrals"`);
    await queryRunner.query(`DROP TYPE "public"."referral_outcome"`);
    await queryRunner.query(`DROP TYPE "public"."referral_status"`);
    await queryRunner.query(`DROP TYPE "public"."legal_basis"`);
    await queryRunner.query(`DROP INDEX "public"."ix_consents_subject"`);
    await queryRunner.query(`DROP TABLE "consents"`);
    await queryRunner.query(`DROP TYPE "public"."consent_giver"`);
  }
}
