import { connect, NatsConnection } from 'nats';
import { CirkelConfig } from '@cirkel/config';

/** One NATS connection per process, named after the service, reconnecting for ever. */
export function connectNats(config: CirkelConfig, purpose = 'events'): Promise<NatsConnection> {
  return connect({
    servers: config.nats.servers,
    name: `cirkel-${config.service}-${purpose}`,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
}
