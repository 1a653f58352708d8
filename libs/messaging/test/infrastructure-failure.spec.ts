import { QueryFailedError } from 'typeorm';
import { isInfrastructureFailure } from '../src/jetstream/infrastructure-failure';
import { UnprocessableEventError } from '../src/unprocessable-event.error';

const pgError = (code: string, message = 'pg') => Object.assign(new Error(message), { code });
const queryFailed = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('what counts as a failure of the infrastructure (waited out, never counted towards a dead letter)', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['no connection from the pool in time', new Error('timeout exceeded when trying to connect')],
    ['the server shutting down (57P01) through TypeORM', queryFailed(pgError('57P01', 'terminating connection due to administrator command'))],
    ['the server starting up (57P03)', pgError('57P03')],
    ['a connection exception (08006)', pgError('08006')],
    ['too many connections (53300)', pgError('53300')],
    ['a closed NATS connection', Object.assign(new Error('closed'), { name: 'NatsError', code: 'CONNECTION_CLOSED' })],
    ['a cause that is one', Object.assign(new Error('publish failed'), { cause: pgError('08001') })],
    // two handlers of one event (or two replicas) meeting on a row: not the event's fault (issue 6, finding 1's move)
    ['a deadlock (40P01) through TypeORM', queryFailed(pgError('40P01', 'deadlock detected'))],
    ['a serialization failure (40001)', queryFailed(pgError('40001', 'could not serialize access due to concurrent update'))],
    ['a lock not available (55P03)', pgError('55P03')],
  ])('%s is one', (_what, error) => expect(isInfrastructureFailure(error)).toBe(true));

  it.each([
    ['a handler bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a unique violation', queryFailed(pgError('23505', 'duplicate key value'))],
    ['a statement timeout (57014): a handler that is always too slow', queryFailed(pgError('57014', 'canceling statement due to statement timeout'))],
    ['an event that can never be processed', new UnprocessableEventError('no such organisation')],
    ['a NATS permission error', Object.assign(new Error('denied'), { name: 'NatsError', code: 'PERMISSIONS_VIOLATION' })],
    ['something that is not an error', 'oops'],
  ])('%s is not', (_what, error) => expect(isInfrastructureFailure(error)).toBe(false));
});
