import { Logger } from '@nestjs/common';
import { NatsOptions, ServerNats } from '@nestjs/microservices';
import { Msg, NatsConnection } from 'nats';
import { SELF } from '@cirkel/contracts';
import { HEADER_CORRELATION_ID } from './messaging.tokens';
import { withCorrelation } from './correlation';

/**
 * The wire subject of a request pattern. Requests live under `rpc.` so that a context's stream
 * (`partners.>`) captures its events and never its requests; the namespace prefix keeps test runs apart.
 */
export function requestSubject(subjectPrefix: string, pattern: string): string {
  return `${subjectPrefix}rpc.${pattern}`;
}

/** A pattern as one service answers it: `~.list-dead-letters` is `partners.list-dead-letters` in partners. */
export function ownPattern(service: string, pattern: string): string {
  return pattern.startsWith(`${SELF}.`) ? `${service}${pattern.slice(SELF.length)}` : pattern;
}

type NatsTransportOptions = Required<NatsOptions>['options'];

/**
 * Nest's NATS server for requests (`@MessagePattern`), on prefixed subjects, in a queue group per
 * service so replicas share the load. Event handlers are left to the JetStream transport: a core
 * NATS subscription would see events without an inbox and apply them twice.
 */
export class RequestServer extends ServerNats {
  private readonly log = new Logger(RequestServer.name);

  constructor(
    options: NatsTransportOptions,
    private readonly subjectPrefix: string,
    private readonly service: string,
  ) {
    super(options);
  }

  override bindEvents(client: Parameters<ServerNats['bindEvents']>[0] & NatsConnection): void {
    const queue = this.getOptionsProp(this.getOptions(), 'queue');
    const patterns: string[] = [];
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler) continue;
      client.subscribe(requestSubject(this.subjectPrefix, ownPattern(this.service, pattern)), {
        queue: handler.extras?.queue ?? queue,
        callback: this.getMessageHandler(pattern).bind(this),
      });
      patterns.push(pattern);
    }
    this.log.log(`answering ${patterns.length} request patterns`);
  }

  /** Handles a request with the correlation id of its header, so every log line of its handling carries it. */
  override handleMessage(channel: string, natsMsg: Msg): Promise<unknown> {
    const correlationId = natsMsg.headers?.get(HEADER_CORRELATION_ID);
    return correlationId ? withCorrelation(correlationId, () => super.handleMessage(channel, natsMsg)) : super.handleMessage(channel, natsMsg);
  }

  private getOptions(): NatsTransportOptions {
    return (this as unknown as { options: NatsTransportOptions }).options;
  }
}
