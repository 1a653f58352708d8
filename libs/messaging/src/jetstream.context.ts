import { BaseRpcContext } from '@nestjs/microservices';
import { JsMsg } from 'nats';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@cirkel/contracts';

type JetStreamContextArgs = [EventEnvelope, JsMsg | undefined, EntityManager];

/**
 * What an event handler gets besides the event: the transaction its effect must use (the inbox row
 * is written in the same one), and the raw message.
 */
export class JetStreamContext extends BaseRpcContext<JetStreamContextArgs> {
  get envelope(): EventEnvelope {
    return this.args[0];
  }

  /** The JetStream message; none when a dead letter is replayed. */
  get message(): JsMsg | undefined {
    return this.args[1];
  }

  /** The transaction of this delivery: the effect and the inbox row commit together. */
  get manager(): EntityManager {
    return this.args[2];
  }
}
