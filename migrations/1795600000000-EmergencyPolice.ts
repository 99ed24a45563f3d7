import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each district names the police agency that receives its emergencies; raising a concern to
 * immediate danger opens it to that agency on vital interest, recorded as an emergency share.
 * Existing districts start without one: an admin names it (until then the alert falls back to
 * a police agency serving the district, which cannot open the concern).
 */
export class EmergencyPolice1795600000000 implements MigrationInterface {
  name = 'EmergencyPolice1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "districts" ADD "emergency_police_agency_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "districts" ADD CONSTRAINT "fk_districts_emergency_police_agency" FOREIGN KEY ("emergency_police_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "emergency_shares" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "concern_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "legal_basis" "public"."legal_basis" NOT NULL DEFAULT 'vital_interest', "raised_by_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_emergency_shares_vital_interest" CHECK ("legal_basis" = 'vital_interest'), CONSTRAINT "PK_38ac70e699ce4163decf9b708bf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_emergency_shares_agency" ON "emergency_shares" ("agency_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_emergency_shares_concern_agency" ON "emergency_shares" ("concern_id", "agency_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "emergency_shares" ADD CONSTRAINT "fk_emergency_shares_concern" FOREIGN KEY ("concern_id") REFERENCES "concerns"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "emergency_shares" ADD CONSTRAINT "fk_emergency_shares_agency" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "emergency_shares" DROP CONSTRAINT "fk_emergency_shares_agency"`);
    await queryRunner.query(`ALTER TABLE "emergency_shares" DROP CONSTRAINT "fk_emergency_shares_concern"`);
    await queryRunner.query(`DROP INDEX "public"."uq_emergency_shares_concern_agency"`);
    await queryRunner.query(`DROP INDEX "public"."ix_emergency_shares_agency"`);
    await queryRunner.query(`DROP TABLE "emergency_shares"`);
    await queryRunner.query(`ALTER TABLE "districts" DROP CONSTRAINT "fk_districts_emergency_police_agency"`);
    await queryRunner.query(`ALTER TABLE "districts" DROP COLUMN "emergency_police_agency_id"`);
  }
}
