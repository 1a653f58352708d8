import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { createInbox, ErrorCode, headers, JSONCodec, Msg, MsgHdrs, NatsConnection, NatsError } from 'nats';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { AnswerOf, CommonProblem, DomainError, isRemoteProblem, RequestContract, RequestEnvelope, SentInputOf } from '@cirkel/contracts';
import { HEADER_CORRELATION_ID, NATS_CONNECTION } from './messaging.tokens';
import { answeringApp, requestSubject } from './requests';
import { SERVICE_TOKEN_ISSUER, ServiceTokenIssuer } from './request-tokens';
import { FieldSealer } from './sealed-fields';
import { TurnBatch } from './turn-batch';

/** A service that did not answer in time (or is not running): the caller answers 503 or retries. */
export class ServiceUnavailable extends DomainError {
  constructor(detail: string) {
    super(CommonProblem.ServiceUnavailable, 503, 'Service unavailable', detail);
  }
}

/**
 * A request the service did not answer within the timeout: it may still run, and commit. Its
 * answer is still awaited, up to `NATS_REQUEST_LATE_ANSWER_MS`: `lateAnswer` settles with it (or
 * rejects with the service's problem, or at that bound), so a caller that must not run a command
 * twice (the gateway's Idempotency-Key) can wait for the outcome.
 */
export class RequestTimedOut extends ServiceUnavailable {
  constructor(
    pattern: string,
    timeoutMs: number,
    readonly lateAnswer: Promise<unknown>,
  ) {
    super(`No answer to ${pattern} within ${timeoutMs} ms; try again shortly.`);
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
 * on the process's one connection, where every request shares one reply subscription (`ReplyInbox`).
 * Nest's `ClientNats` subscribed to a new inbox for every request and dropped it after the answer
 * (a SUB and an UNSUB for each), wrapped in several RxJS operators; see docs/measurements.md.
 */
@Injectable()
export class RequestClient {
  private readonly subjectPrefix: string;
  private readonly timeoutMs: number;
  private readonly lateAnswerMs: number;
  /** Seals passwords to the answering service's key (docs/security.md); only an app with `PASSWORD_PUBLIC_KEY` sends them. */
  private readonly sealer?: FieldSealer;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(CIRKEL_CONFIG) config: CirkelConfig,
    @Optional() @Inject(SERVICE_TOKEN_ISSUER) private readonly issuer?: ServiceTokenIssuer,
  ) {
    this.subjectPrefix = config.nats.subjectPrefix;
    this.timeoutMs = config.nats.requestTimeoutMs;
    this.lateAnswerMs = config.nats.lateAnswerMs;
    this.sealer = config.passwords.publicKey ? new FieldSealer(config.passwords.publicKey) : undefined;
  }

  /**
   * Sends `request` (the envelope but its version, which the contract gives) and answers what the
   * service answered, checked against the contract's answer schema: an answer of another shape is
   * a 502 problem, never passed on. No answer within the timeout is a `RequestTimedOut` (503),
   * whose `lateAnswer` is the same answer should it still come.
   *
   * The token: none for an anonymous contract (whatever `request` holds); otherwise the person's
   * (`request.token`, the access token the gateway verified) or, when it is null, a service token
   * of the app's own, minted for the answering app and `request.hubId` (only the gateway and the
   * apps with a service key pair of their own mint one; elsewhere the service answers 401).
   *
   * The contract's sealed fields (passwords) go encrypted to the service's key; an app without the
   * key does not send them at all.
   */
  async send<C extends RequestContract>(contract: C, request: Omit<RequestEnvelope<SentInputOf<C>>, 'version'>): Promise<AnswerOf<C>> {
    const token = contract.anonymous ? null : (request.token ?? this.issuer?.serviceToken(answeringApp(contract.pattern), request.hubId) ?? null);
    let data = request.data;
    if (contract.sealed.length > 0) {
      if (!this.sealer) throw new Error(`${contract.pattern} carries passwords, and this app has no PASSWORD_PUBLIC_KEY to seal them with`);
      data = await this.sealer.seal(contract, data);
    }
    const envelope: RequestEnvelope = { ...request, data, token, version: contract.version };
    // The correlation id also goes as a header, so the answering service logs with it from the start.
    const h = headers();
    h.set(HEADER_CORRELATION_ID, envelope.correlationId);
    const answered = sendRequestPacket(this.nc, this.subjectPrefix, contract.pattern, envelope, this.lateAnswerMs, h).then(
      (reply) => checkedAnswer(contract, reply, this.timeoutMs),
      (error: unknown) => Promise.reject(toDomainError(error, contract.pattern, this.lateAnswerMs)),
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RequestTimedOut(contract.pattern, this.timeoutMs, answered)), this.timeoutMs);
    });
    try {
      return await Promise.race([answered, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The answer of a reply packet, checked against the contract: a problem is thrown as a DomainError, an answer outside the contract as a 502. */
function checkedAnswer<C extends RequestContract>(contract: C, reply: AnswerPacket, timeoutMs: number): AnswerOf<C> {
  if (reply.err !== undefined && reply.err !== null) throw toDomainError(reply.err, contract.pattern, timeoutMs);
  const answer = contract.answer.safeParse(reply.response);
  if (!answer.success) {
    throw new DomainError(CommonProblem.BadAnswer, 502, 'Bad answer from a service', `${contract.pattern} answered outside its contract: ${answer.error.issues.map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`).join('; ')}`);
  }
  return answer.data as AnswerOf<C>;
}

/** The requests sent in one turn of the event loop go out in one socket write. */
const requests = new TurnBatch();

/** One request in the wire format of Nest's NATS transport, on `rpc.<pattern>`; the raw answer packet (for tests: any envelope, malformed ones too). */
export async function sendRequestPacket(nc: NatsConnection, subjectPrefix: string, pattern: string, data: unknown, timeoutMs: number, h = headers()): Promise<AnswerPacket> {
  const packet: RequestPacket = { pattern, data, id: randomUUID() };
  const msg = await ReplyInbox.of(nc).request(requestSubject(subjectPrefix, pattern), codec.encode(packet), timeoutMs, h);
  return codec.decode(msg.data) as AnswerPacket;
}

interface Waiting {
  resolve: (msg: Msg) => void;
  reject: (error: unknown) => void;
  /** When it times out (ms since the epoch). */
  until: number;
}

/**
 * The answers to a connection's requests, on one reply subscription (`<inbox>.*`), each request
 * known by a token; timeouts found by one sweep a tenth of a second, not a timer per request.
 * What nats.js's own `request` does too, less what it costs per request: a timer, and an error
 * (with its stack) made for every request it resolves (docs/measurements.md).
 */
class ReplyInbox {
  private static readonly inboxes = new WeakMap<NatsConnection, ReplyInbox>();
  /** Under the connection's inbox prefix (`_INBOX.<app>`), the only inbox its NATS user may subscribe to. */
  private readonly prefix: string;
  private readonly waiting = new Map<string, Waiting>();
  private next = 0;
  private readonly sweeper: NodeJS.Timeout;

  static of(nc: NatsConnection): ReplyInbox {
    let inbox = ReplyInbox.inboxes.get(nc);
    if (!inbox) ReplyInbox.inboxes.set(nc, (inbox = new ReplyInbox(nc)));
    return inbox;
  }

  private constructor(private readonly nc: NatsConnection) {
    this.prefix = createInbox((nc as { options?: { inboxPrefix?: string } }).options?.inboxPrefix);
    nc.subscribe(`${this.prefix}.*`, { callback: (error, msg) => (error ? undefined : this.answered(msg)) });
    this.sweeper = setInterval(() => this.sweep(Date.now()), 100);
    this.sweeper.unref();
    void nc.closed().then(() => {
      clearInterval(this.sweeper);
      for (const token of [...this.waiting.keys()]) this.settle(token)?.reject(NatsError.errorForCode(ErrorCode.ConnectionClosed));
    });
  }

  /** The answer to `payload` sent on `subject`: no responders, a timeout or a closed connection reject with nats.js's errors. */
  request(subject: string, payload: Uint8Array, timeoutMs: number, h: MsgHdrs): Promise<Msg> {
    return new Promise<Msg>((resolve, reject) => {
      const token = (this.next++).toString(36);
      this.waiting.set(token, { resolve, reject, until: Date.now() + timeoutMs });
      requests.run(() => {
        try {
          this.nc.publish(subject, payload, { reply: `${this.prefix}.${token}`, headers: h });
        } catch (error) {
          this.settle(token)?.reject(error); // a connection closed or draining throws at once
        }
      });
    });
  }

  private answered(msg: Msg): void {
    const waiting = this.settle(msg.subject.slice(this.prefix.length + 1));
    if (!waiting) return; // timed out already
    // Sent with headers, a request nobody subscribes to is answered by the server: 503, no data.
    if (msg.data.length === 0 && msg.headers?.code === 503) waiting.reject(NatsError.errorForCode(ErrorCode.NoResponders));
    else waiting.resolve(msg);
  }

  private sweep(now: number): void {
    for (const [token, { until }] of this.waiting) if (until <= now) this.settle(token)?.reject(NatsError.errorForCode(ErrorCode.Timeout));
  }

  private settle(token: string): Waiting | undefined {
    const waiting = this.waiting.get(token);
    this.waiting.delete(token);
    return waiting;
  }
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
