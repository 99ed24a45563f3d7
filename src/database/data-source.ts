import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeormOptions } from './typeorm-options';

/**
 * The data source the TypeORM CLI uses for migration:run, :revert and :generate. The CLI loads
 * this file outside Nest and needs no secrets, so it reads DATABASE_URL itself.
 */
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  throw new Error('DATABASE_URL is not set: the migration commands need to know which database to use.');
}

export default new DataSource(typeormOptions(databaseUrl));
