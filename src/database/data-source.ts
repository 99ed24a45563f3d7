import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { readEnvironment } from '../config/environment';
import { typeormOptions } from './typeorm-options';

/**
 * The data source the TypeORM CLI uses for migration:run, :revert and :generate. The CLI loads
 * this file outside Nest and needs none of the service's secrets: only DATABASE_URL is validated.
 */
export default new DataSource(typeormOptions(readEnvironment(['DATABASE_URL']).DATABASE_URL));
