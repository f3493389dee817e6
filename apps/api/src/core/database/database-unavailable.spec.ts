import { QueryFailedError } from 'typeorm';
import { toErrorBody } from '../errors/http-exception.filter';
import { isDatabaseUnavailable } from './database-unavailable';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const queryFailed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset socket', withCode('ECONNRESET')],
    ['an admin shutdown (57P01)', queryFailed(withCode('57P01', 'terminating connection'))],
    [
      'a server starting up (57P03)',
      queryFailed(withCode('57P03', 'the database system is starting up')),
    ],
    ['a connection exception (08006)', queryFailed(withCode('08006'))],
    ['too many connections (53300)', withCode('53300')],
    ['a terminated connection', queryFailed(new Error('Connection terminated unexpectedly'))],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    [
      'every address refused (AggregateError)',
      new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''),
    ],
    ['a wrapped cause', new Error('outer', { cause: withCode('ETIMEDOUT') })],
  ])('%s means unavailable', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['a unique violation (23505)', queryFailed(withCode('23505', 'duplicate key'))],
    ['a syntax error (42601)', queryFailed(withCode('42601'))],
    ['an undefined table (42P01)', queryFailed(withCode('42P01'))],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('%s does not', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  it('stops on a cause cycle', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});

describe('toErrorBody for an unreachable database', () => {
  it('renders 503 with Retry-After and the database code', () => {
    const { body, headers } = toErrorBody(withCode('ECONNREFUSED'));
    expect(body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The database is unavailable, try again shortly',
      code: 'database.unavailable',
    });
    expect(headers['Retry-After']).toMatch(/^\d+$/);
  });

  it('keeps other failures a 500', () => {
    expect(toErrorBody(queryFailed(withCode('42601'))).body.statusCode).toBe(500);
  });
});
