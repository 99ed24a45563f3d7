import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Legal holds: a coordinator keeps a subject's records from retention and erasure, for a written
 * reason, until a time. A hold is active while it is not lifted and `until` is still ahead; the
 * partial index on the unlifted holds answers "is this subject held now" for retention and erasure.
 */
export class LegalHolds1796146866603 implements MigrationInterface {
  name = 'LegalHolds1796146866603';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "legal_holds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject_id" uuid NOT NULL, "district_id" uuid NOT NULL, "reason" text NOT NULL, "placed_by_id" uuid NOT NULL, "placed_by_agency_id" uuid NOT NULL, "placed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "until" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "lifted_at" TIMESTAMP(3) WITH TIME ZONE, "lifted_by_id" uuid, "lift_reason" text, "version" integer NOT NULL, CONSTRAINT "PK_bbe3e0c98678909493a90442dfb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_legal_holds_placed" ON "legal_holds" ("placed_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_legal_holds_district_placed" ON "legal_holds" ("district_id", "placed_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_legal_holds_subject_active" ON "legal_holds" ("subject_id", "until") WHERE "lifted_at" IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "legal_holds" ADD CONSTRAINT "fk_legal_holds_subject" FOREIGN KEY ("subject_id") REFERENCES "subjects"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "legal_holds" DROP CONSTRAINT "fk_legal_holds_subject"`);
    await queryRunner.query(`DROP INDEX "public"."ix_legal_holds_subject_active"`);
    await queryRunner.query(`DROP INDEX "public"."ix_legal_holds_district_placed"`);
    await queryRunner.query(`DROP INDEX "public"."ix_legal_holds_placed"`);
    await queryRunner.query(`DROP TABLE "legal_holds"`);
  }
}
