import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** Property name → column name of an entity, for SQL written from access rules. */
export function entityColumns(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>): Record<string, string> {
  return Object.fromEntries(
    dataSource.getMetadata(entity).columns.map((column) => [column.propertyName, column.databaseName]),
  );
}
