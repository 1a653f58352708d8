import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CirkelConfig } from '@cirkel/config';
import { EventRegistry } from '@cirkel/contracts';
import { EventTransport } from './dead-letters/event-transport';
import { JetStreamServer } from './jetstream.server';
import { MessagingOptions } from './messaging-options';
import { natsConnectionOptions } from './nats-connection';
import { OutboxRelay } from './outbox-relay';
import { EVENT_REGISTRY, MESSAGING_OPTIONS, NATS_CONNECTION } from './messaging.tokens';
import { RequestServer } from './requests';
import { RpcProblemFilter } from './rpc-problem.filter';
import { FieldOpener } from './sealed-fields';

/**
 * Connects a service's two transports to its app: request handlers (`@Answers`, called by the
 * request server itself; other `@MessagePattern`s through Nest) on core NATS, event handlers (`@EventPattern`) on JetStream, and the filter that turns their errors into
 * problems. The app must import `MessagingModule`; start them with `app.startAllMicroservices()`.
 */
export function connectServiceTransports(app: INestApplication, config: CirkelConfig): JetStreamServer {
  app.useGlobalFilters(new RpcProblemFilter(app.getHttpAdapter()));
  app.connectMicroservice(
    {
      strategy: new RequestServer(
        { ...natsConnectionOptions(config), queue: config.service, name: `cirkel-${config.service}-requests`, maxReconnectAttempts: -1 },
        config.nats.subjectPrefix,
        config.service,
        config.passwords.privateKey ? new FieldOpener(config.passwords.privateKey) : undefined,
        config.messaging.shutdownDrainMs,
      ).answerFrom(app),
    },
    { inheritAppConfig: true },
  );
  const relay = app.get(OutboxRelay);
  const events = new JetStreamServer(
    {
      nc: app.get(NATS_CONNECTION),
      dataSource: app.get(DataSource),
      registry: app.get<EventRegistry>(EVENT_REGISTRY),
      outboxCommitted: () => relay.committed(),
    },
    app.get<MessagingOptions>(MESSAGING_OPTIONS),
  );
  app.get(EventTransport).server = events; // for dead-letter replays
  app.connectMicroservice({ strategy: events }, { inheritAppConfig: true });
  return events;
}
