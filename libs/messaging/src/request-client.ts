import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, headers, JSONCodec, Msg, NatsConnection, NatsError } from 'nats';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { AnswerOf, CommonProblem, DomainError, isRemoteProblem, RequestContract, RequestEnvelope, SentInputOf } from '@cirkel/contracts';
import { HEADER_CORRELATION_ID, NATS_CONNECTION } from './messaging.tokens';
import { requestSubject } from './requests';
import { TurnBatch } from './turn-batch';

/** A service that did not answer in time (or is not running): the caller answers 503 or retries. */
export class ServiceUnavailable extends DomainError {
  constructor(detail: string) {
    super(CommonProblem.ServiceUnavailable, 503, 'Service unavailable', detail);
  }
}

/** What Nest's NATS server (`RequestServer`) reads and answers: `{ pattern, data, id }`, then `{ id, response | err, isDisposed }`. */
interface RequestPacket {
  pattern: string;
  data: unknown;
  id: string;
}
export interface AnswerPacket {
  id?: string;
  response?: unknown;
  err?: unknown;
  isDisposed?: boolean;
}

const codec = JSONCodec<unknown>();

/**
 * Sends requests over core NATS and waits for the answer, at most the configured time. A remote
 * domain error comes back as a DomainError with the same type and status.
 *
 * It speaks the wire format of Nest's NATS transport (the services answer with `RequestServer`),
 * but sends with nats.js's own request, on the process's one connection: every request shares one
 * reply subscription. Nest's `ClientNats` subscribed to a new inbox for every request and dropped
 * it after the answer (a SUB and an UNSUB for each), wrapped in several RxJS operators; see
 * docs/measurements.md.
 */
@Injectable()
export class RequestClient {
  private readonly subjectPrefix: string;
  private readonly timeoutMs: number;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(CIRKEL_CONFIG) config: CirkelConfig,
  ) {
    this.subjectPrefix = config.nats.subjectPrefix;
    this.timeoutMs = config.nats.requestTimeoutMs;
  }

  /**
   * Sends `request` (the envelope but its version, which the contract gives) and answers what the
   * service answered, checked against the contract's answer schema: an answer of another shape is
   * a 502 problem, never passed on.
   */
  async send<C extends RequestContract>(contract: C, request: Omit<RequestEnvelope<SentInputOf<C>>, 'version'>): Promise<AnswerOf<C>> {
    const envelope: RequestEnvelope = { ...request, version: contract.version };
    // The correlation id also goes as a header, so the answering service logs with it from the start.
    const h = headers();
    h.set(HEADER_CORRELATION_ID, envelope.correlationId);
    let reply: AnswerPacket;
    try {
      reply = await sendRequestPacket(this.nc, this.subjectPrefix, contract.pattern, envelope, this.timeoutMs, h);
    } catch (error) {
      throw toDomainError(error, contract.pattern, this.timeoutMs);
    }
    if (reply.err !== undefined && reply.err !== null) throw toDomainError(reply.err, contract.pattern, this.timeoutMs);
    const answer = contract.answer.safeParse(reply.response);
    if (!answer.success) {
      throw new DomainError(CommonProblem.BadAnswer, 502, 'Bad answer from a service', `${contract.pattern} answered outside its contract: ${answer.error.issues.map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`).join('; ')}`);
    }
    return answer.data as AnswerOf<C>;
  }
}

/** The requests sent in one turn of the event loop go out in one socket write. */
const requests = new TurnBatch();

/** One request in the wire format of Nest's NATS transport, on `rpc.<pattern>`; the raw answer packet (for tests: any envelope, malformed ones too). */
export async function sendRequestPacket(nc: NatsConnection, subjectPrefix: string, pattern: string, data: unknown, timeoutMs: number, h = headers()): Promise<AnswerPacket> {
  const packet: RequestPacket = { pattern, data, id: randomUUID() };
  const subject = requestSubject(subjectPrefix, pattern);
  const payload = codec.encode(packet);
  const msg = await new Promise<Msg>((resolve, reject) =>
    requests.run(() => {
      try {
        nc.request(subject, payload, { timeout: timeoutMs, headers: h }).then(resolve, reject);
      } catch (error) {
        reject(error); // a connection closed throws at once
      }
    }),
  );
  return codec.decode(msg.data) as AnswerPacket;
}

function toDomainError(error: unknown, pattern: string, timeoutMs: number): Error {
  if (error instanceof NatsError) {
    if (error.code === ErrorCode.Timeout) return new ServiceUnavailable(`No answer to ${pattern} within ${timeoutMs} ms; try again shortly.`);
    // "No responders": no instance of the service is running.
    if (error.code === ErrorCode.NoResponders) return new ServiceUnavailable(`No service answers ${pattern}; try again shortly.`);
    // Disconnected, draining, closed: the caller may try again once NATS is back.
    return new ServiceUnavailable(`${pattern} could not be sent (${error.code}); try again shortly.`);
  }
  if (isRemoteProblem(error)) return new DomainError(error.type, error.status, error.title, error.detail, error.errors);
  if (error instanceof Error) return error;
  return new DomainError(CommonProblem.BadAnswer, 502, 'Bad answer from a service', `${pattern} failed: ${JSON.stringify(error)}`);
}
