import { MigrationInterface, QueryRunner } from 'typeorm';

/** A forum series can end: no meeting of it is created after its last day, and those already created after it go. */
export class ForumSeriesEnd1796154387482 implements MigrationInterface {
  name = 'ForumSeriesEnd1796154387482';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "forum_series" ADD "ends_on" date`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "forum_series" DROP COLUMN "ends_on"`);
  }
}
