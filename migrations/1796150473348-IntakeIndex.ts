import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The coordinators' intake, highest risk first and oldest first: each of their rules reads one risk
 * level of the untriaged concerns in creation order from this partial index, a page at most, however
 * many concerns the district has triaged.
 */
export class IntakeIndex1796150473348 implements MigrationInterface {
  name = 'IntakeIndex1796150473348';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_concerns_intake" ON "concerns" ("district_id", "classification", "risk_level", "created_at") WHERE "status" = 'new'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_concerns_intake"`);
  }
}
