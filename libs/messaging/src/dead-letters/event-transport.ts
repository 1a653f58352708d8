import { Injectable } from '@nestjs/common';
import { JetStreamServer } from '../jetstream.server';

/** Where a service's providers find its JetStream transport, which is made outside the DI container. */
@Injectable()
export class EventTransport {
  server?: JetStreamServer;
}
