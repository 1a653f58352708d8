import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { NatsConnection } from 'nats';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { BoundedContext, EventContract, eventRegistry, EventRegistry } from '@cirkel/contracts';
import { EVENT_REGISTRY, MESSAGING_OPTIONS, NATS_CONNECTION } from './messaging.tokens';
import { messagingOptions, MessagingOptions } from './messaging-options';
import { connectNats } from './nats-connection';
import { OutboxRelay } from './outbox-relay';
import { UnitOfWork } from './outbox';
import { ensureStreams, whileJetStreamElects } from './streams';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository';
import { DeadLetterService } from './dead-letters/dead-letter.service';
import { EventTransport } from './dead-letters/event-transport';

export interface MessagingModuleOptions {
  /** The contexts whose streams this service publishes to: its own, or none for the gateway. */
  publishes: BoundedContext[];
  overrides?: Partial<MessagingOptions>;
  /** Event contracts besides those of libs/contracts (a test's probe events). */
  events?: readonly EventContract[];
}

/** Starts the relay once the app is up and stops it (and NATS) on shutdown. */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Messaging');

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly relay: OutboxRelay,
  ) {}


  async onApplicationBootstrap(): Promise<void> {
    if (this.options.publishes.length === 0) return;
    await whileJetStreamElects('making the streams', async () =>
      ensureStreams(await this.nc.jetstreamManager(), this.options.naming, this.options.publishes, this.options.streamMaxAgeDays, this.options.streamLimits),
    );
    this.relay.start();
    this.logger.log(`outbox relay started for ${this.options.publishes.join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
  }
}

/** The event backbone of a service: its NATS connection, its outbox (UnitOfWork) and relay, the event registry. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        {
          provide: MESSAGING_OPTIONS,
          inject: [CIRKEL_CONFIG],
          useFactory: (config: CirkelConfig) => messagingOptions(config, options.publishes, options.overrides),
        },
        { provide: NATS_CONNECTION, inject: [CIRKEL_CONFIG], useFactory: (config: CirkelConfig) => connectNats(config) },
        { provide: EVENT_REGISTRY, useFactory: (): EventRegistry => eventRegistry(options.events) },
        OutboxRelay,
        UnitOfWork,
        MessagingLifecycle,
        EventTransport,
        DeadLetterRepository,
        DeadLetterService,
      ],
      exports: [MESSAGING_OPTIONS, NATS_CONNECTION, EVENT_REGISTRY, OutboxRelay, UnitOfWork, EventTransport, DeadLetterService],
    };
  }
}
