import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GenerateSql } from '../database/generate-sql';

/** The readiness probe's one question to PostgreSQL. */
@Injectable()
export class HealthRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether the pool is up and PostgreSQL answers `SELECT 1`; throws if it does not answer. */
  @GenerateSql({ params: [] })
  async ping(): Promise<boolean> {
    if (!this.dataSource.isInitialized) return false;
    await this.dataSource.query('SELECT 1');
    return true;
  }
}
