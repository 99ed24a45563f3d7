import { MigrationInterface, QueryRunner } from 'typeorm';

/** The language each user reads the web app in, remembered on the account so it follows them to any computer. */
export class UserLocale1796149829764 implements MigrationInterface {
  name = 'UserLocale1796149829764';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "locale" character varying(10) NOT NULL DEFAULT 'nb'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "locale"`);
  }
}
