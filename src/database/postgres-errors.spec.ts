import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './postgres-errors';

const pgError = (code: string, message = 'error') => Object.assign(new Error(message), { code });
const failed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ["the pool's wait for a connection", new Error('timeout exceeded when trying to connect')],
    ['a connection that took too long to open', new Error('Connection terminated due to connection timeout')],
    ['a server that went away mid-query', failed(new Error('Connection terminated unexpectedly'))],
    ['a statement past statement_timeout', failed(pgError('57014', 'canceling statement due to statement timeout'))],
    ['a server shutting down', failed(pgError('57P01'))],
    ['a server starting up', pgError('57P03', 'the database system is starting up')],
    ['too many connections', pgError('53300')],
    ['a connection exception', failed(pgError('08006'))],
    ['a refused connection', socketError('ECONNREFUSED')],
    ['refused on every address', new AggregateError([socketError('ECONNREFUSED')], 'connect failed')],
  ])('is true for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', failed(pgError('23505'))],
    ['a deadlock (answered 409)', failed(pgError('40P01'))],
    ['malformed input', failed(pgError('22P02'))],
    ['an error of our own', new Error('something else')],
    ['not an error', 'timeout exceeded when trying to connect'],
  ])('is false for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
