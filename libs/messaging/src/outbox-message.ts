import { headers as natsHeaders, JetStreamPublishOptions } from 'nats';
import { HEADER_CORRELATION_ID, HEADER_EVENT_TYPE } from './messaging.tokens';
import { Naming, subjectOf } from './streams';

/** An outbox row as it is sent: its subject is the event type, its id the event's. */
export interface OutboxRow {
  seq: string;
  id: string;
  subject: string;
  correlation_id: string;
  envelope: string;
}

const encoder = new TextEncoder();

/** The JetStream message of an outbox row: `Nats-Msg-Id` = event id, so the stream drops a repeat within its window. */
export function outboxMessage(naming: Naming, row: OutboxRow): { subject: string; data: Uint8Array; options: Partial<JetStreamPublishOptions> } {
  const headers = natsHeaders();
  headers.set(HEADER_EVENT_TYPE, row.subject);
  headers.set(HEADER_CORRELATION_ID, row.correlation_id);
  return { subject: subjectOf(naming, row.subject), data: encoder.encode(row.envelope), options: { msgID: row.id, headers } };
}
