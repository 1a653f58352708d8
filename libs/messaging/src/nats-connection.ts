import { connect, NatsConnection } from 'nats';
import { CirkelConfig } from '@cirkel/config';

/**
 * One NATS connection per process, named after the service, reconnecting for ever. Without async
 * traces: nats.js would otherwise build an Error (a stack capture) for every request and publish,
 * which costs the relay about a fifth of its time; a timeout still says which request timed out.
 */
export function connectNats(config: CirkelConfig, purpose = 'events'): Promise<NatsConnection> {
  return connect({
    servers: config.nats.servers,
    name: `cirkel-${config.service}-${purpose}`,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    noAsyncTraces: true,
  });
}
