import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The minutes record each decision once: one per agenda item, and the same words on no item once
 * per meeting (by their md5, as a decision may be longer than an index entry may hold).
 */
export class OneDecisionPerAgendaItem1795603141592 implements MigrationInterface {
  name = 'OneDecisionPerAgendaItem1795603141592';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Minutes are the meeting's record: which of two decisions stands is for the forum to say, not a migration.
    const [{ duplicates }] = await queryRunner.query(
      `SELECT (SELECT count(*) FROM (SELECT 1 FROM "meeting_minutes" WHERE "agenda_item_id" IS NOT NULL GROUP BY "agenda_item_id" HAVING count(*) > 1) i)
            + (SELECT count(*) FROM (SELECT 1 FROM "meeting_minutes" WHERE "agenda_item_id" IS NULL GROUP BY "meeting_id", md5("decision") HAVING count(*) > 1) o) AS duplicates`,
    );
    if (Number(duplicates) > 0) {
      throw new Error(
        `${duplicates} agenda items or meetings have the same decision recorded twice: settle which stands, then migrate again`,
      );
    }
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_meeting_minutes_agenda_item" ON "meeting_minutes" ("agenda_item_id") WHERE "agenda_item_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_meeting_minutes_other_business" ON "meeting_minutes" ("meeting_id", md5("decision")) WHERE "agenda_item_id" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_meeting_minutes_other_business"`);
    await queryRunner.query(`DROP INDEX "public"."uq_meeting_minutes_agenda_item"`);
  }
}
