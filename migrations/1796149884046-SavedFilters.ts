import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved filters: a user's named filters of the concerns list, kept on the server so they follow the
 * user to another computer; a pinned one is a work queue counted on the home page, and `last_seen_at`
 * is when its owner last looked at it, so what is new to them since stands out.
 */
export class SavedFilters1796149884046 implements MigrationInterface {
  name = 'SavedFilters1796149884046';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."saved_filter_resource" AS ENUM('concerns')`);
    await queryRunner.query(
      `CREATE TABLE "saved_filters" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "owner_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "resource" "public"."saved_filter_resource" NOT NULL, "query" jsonb NOT NULL, "pinned" boolean NOT NULL DEFAULT false, "last_seen_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d30e30ca883a3bd014c9ed983ac" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_saved_filters_owner_name" ON "saved_filters" ("owner_id", "name") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_saved_filters_owner_created" ON "saved_filters" ("owner_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "saved_filters" ADD CONSTRAINT "fk_saved_filters_owner" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "saved_filters" DROP CONSTRAINT "fk_saved_filters_owner"`);
    await queryRunner.query(`DROP INDEX "public"."ix_saved_filters_owner_created"`);
    await queryRunner.query(`DROP INDEX "public"."uq_saved_filters_owner_name"`);
    await queryRunner.query(`DROP TABLE "saved_filters"`);
    await queryRunner.query(`DROP TYPE "public"."saved_filter_resource"`);
  }
}
