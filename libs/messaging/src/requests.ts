import { INestApplicationContext, Logger } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { NatsOptions, ServerNats } from '@nestjs/microservices';
import { JSONCodec, Msg, NatsConnection, Subscription } from 'nats';
import { RequestContract, SELF } from '@cirkel/contracts';
import { settlesWithin } from './drain';
import { answeredContract, parseRequest } from './answers.decorator';
import { HEADER_CORRELATION_ID } from './messaging.tokens';
import { withCorrelation } from './correlation';
import { problemOfRequestError } from './rpc-problem.filter';
import { REQUEST_TOKEN_VERIFIER, RequestTokenVerifier } from './request-tokens';
import { FieldOpener } from './sealed-fields';
import { TurnBatch } from './turn-batch';

/**
 * The wire subject of a request pattern. Requests live under `rpc.` so that a context's stream
 * (`partners.>`) captures its events and never its requests; the namespace prefix keeps test runs apart.
 */
export function requestSubject(subjectPrefix: string, pattern: string): string {
  return `${subjectPrefix}rpc.${pattern}`;
}

/** The app that answers a request pattern: its first part (`partners.get-contact.v1` → `partners`), the audience of a service token for it. */
export function answeringApp(pattern: string): string {
  return pattern.slice(0, pattern.indexOf('.'));
}

/** A pattern as one service answers it: `~.list-dead-letters` is `partners.list-dead-letters` in partners. */
export function ownPattern(service: string, pattern: string): string {
  return pattern.startsWith(`${SELF}.`) ? `${service}${pattern.slice(SELF.length)}` : pattern;
}

type NatsTransportOptions = Required<NatsOptions>['options'];

/** An `@Answers` handler, called as is: its controller and method, and the contract it answers. */
interface Answerer {
  contract: RequestContract;
  handle: (request: unknown) => unknown;
}

const codec = JSONCodec<{ id?: string; data?: unknown } | undefined>();

/**
 * Nest's NATS server for requests (`@MessagePattern`), on prefixed subjects, in a queue group per
 * service so replicas share the load. Event handlers are left to the JetStream transport: a core
 * NATS subscription would see events without an inbox and apply them twice.
 *
 * Given the app (`answerFrom`), it calls the `@Answers` handlers of its controllers itself: the
 * envelope parsed against the contract and its token verified with the app's `RequestTokenVerifier`
 * (a request that does not verify never reaches its handler), the handler called with it, one reply published with the
 * answer or the problem (the replies of one event-loop turn in one socket write), in Nest's wire format (`{ id, response | err, isDisposed }`). Nest's
 * pipeline (its router, guards, pipes, filters, RxJS) cost more than a service's own work per
 * request; see docs/measurements.md. Other `@MessagePattern` handlers go through Nest's pipeline.
 *
 * On shutdown (`close()`, SIGTERM) it drains: its subscriptions are drained (no new request comes;
 * the queue group gives them to the other replicas), the requests it has begun are finished and
 * their replies sent, and only then is its connection closed (Nest's closes it at once, and a
 * request in progress, perhaps committed, went unanswered) — for at most `drainMs` (SHUTDOWN_DRAIN_MS), so that an
 * orchestrator's grace period can be set above it.
 */
export class RequestServer extends ServerNats {
  private readonly log = new Logger(RequestServer.name);
  /** The replies of one turn of the event loop go out in one socket write. */
  private readonly replies = new TurnBatch();
  private app?: INestApplicationContext;
  /** The app's verifier of request tokens; without one only anonymous requests are answered. */
  private verifier?: RequestTokenVerifier;
  private connection?: NatsConnection;
  private readonly requestSubscriptions: Subscription[] = [];
  /** Requests begun and not yet answered; `whenIdle` waits for none. */
  private inFlight = 0;
  private whenIdle?: () => void;

  constructor(
    options: NatsTransportOptions,
    private readonly subjectPrefix: string,
    private readonly service: string,
    /** Opens the sealed fields (passwords) of the requests this service answers; without it such a request is refused. */
    private readonly opener?: FieldOpener,
    /** On shutdown, how long the requests begun may take to be answered before the connection closes anyway (SHUTDOWN_DRAIN_MS). */
    private readonly drainMs = 30_000,
  ) {
    super(options);
  }

  /** Calls the `@Answers` handlers of the app's controllers directly (set before the app starts its microservices). */
  answerFrom(app: INestApplicationContext): this {
    this.app = app;
    return this;
  }

  override bindEvents(client: Parameters<ServerNats['bindEvents']>[0] & NatsConnection): void {
    const queue = this.getOptionsProp(this.getOptions(), 'queue');
    const answerers = this.app ? answerersOf(this.app) : new Map<string, Answerer>();
    this.verifier = this.app ? verifierOf(this.app) : undefined;
    if (this.app && !this.verifier) this.log.warn('no request token verifier: only anonymous requests will be answered');
    let direct = 0;
    this.connection = client;
    for (const [pattern, handler] of this.messageHandlers) {
      if (handler.isEventHandler) continue;
      const answerer = answerers.get(pattern);
      if (answerer) direct++;
      const subscription = client.subscribe(requestSubject(this.subjectPrefix, ownPattern(this.service, pattern)), {
        queue: handler.extras?.queue ?? queue,
        callback: answerer ? (error: Error | null, msg: Msg) => (error ? this.log.error(error) : this.answer(answerer, msg)) : this.getMessageHandler(pattern).bind(this),
      });
      this.requestSubscriptions.push(subscription);
    }
    this.log.log(`answering ${this.messageHandlers.size} request patterns (${direct} by @Answers)`);
  }

  /** Drains: no new requests, those begun finished and answered, then the connection closed. */
  override async close(): Promise<void> {
    await Promise.all(this.requestSubscriptions.splice(0).map((subscription) => subscription.drain().catch(() => undefined)));
    if (this.inFlight > 0 && !(await settlesWithin(new Promise<void>((resolve) => (this.whenIdle = resolve)), this.drainMs))) {
      this.log.warn(`${this.inFlight} requests still unanswered ${this.drainMs / 1000} s after shutdown began: closing anyway (their callers time out)`);
    }
    await new Promise((resolve) => setImmediate(resolve)); // the replies of the last turn go out at its end
    await this.connection?.flush().catch(() => undefined);
    await super.close();
  }

  /** Through Nest's pipeline (a `@MessagePattern` that is not `@Answers`), with the correlation id of its header. */
  override async handleMessage(channel: string, natsMsg: Msg): Promise<unknown> {
    const correlationId = natsMsg.headers?.get(HEADER_CORRELATION_ID);
    const done = this.begin();
    try {
      return await (correlationId ? withCorrelation(correlationId, () => super.handleMessage(channel, natsMsg)) : super.handleMessage(channel, natsMsg));
    } finally {
      done();
    }
  }

  /** Counts a request in progress; the function returned ends it (once). */
  private begin(): () => void {
    this.inFlight++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      if (--this.inFlight === 0) this.whenIdle?.();
    };
  }

  /** One request to an `@Answers` handler, run with the correlation id of its header so every log line of its handling carries it. */
  private answer(answerer: Answerer, msg: Msg): void {
    let packet: { id?: string; data?: unknown } | undefined;
    try {
      packet = codec.decode(msg.data);
    } catch {
      packet = undefined; // answered below as a malformed envelope
    }
    const id = packet?.id;
    const done = this.begin();
    const reply = (answer: { response?: unknown; err?: unknown }) => {
      done();
      if (!msg.reply) return;
      try {
        const data = codec.encode({ ...answer, isDisposed: true, id } as never);
        this.replies.run(() => {
          try {
            msg.respond(data);
          } catch (error) {
            this.log.warn(`a reply could not be sent (${(error as Error).message}); its caller's request times out`);
          }
        });
      } catch (error) {
        // An answer JSON cannot carry (or a connection closing): the caller gets the problem, or its timeout.
        if (answer.err === undefined) failed(error);
        else this.log.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      }
    };
    const failed = (error: unknown) => reply({ err: problemOfRequestError(error, this.log) });
    const handle = (envelope: unknown) => {
      try {
        const answered = answerer.handle(parseRequest(answerer.contract, envelope, this.verifier));
        if (isThenable(answered)) answered.then((response) => reply({ response }), failed);
        else reply({ response: answered });
      } catch (error) {
        failed(error);
      }
    };
    const run = () => {
      if (answerer.contract.sealed.length === 0) return handle(packet?.data);
      // passwords arrive sealed to this service's key (the decryption is asynchronous, the rest is not)
      if (!this.opener) return failed(new Error(`${answerer.contract.pattern} has sealed fields and this service has no PASSWORD_PRIVATE_KEY`));
      this.opener.open(answerer.contract, packet?.data).then(handle, failed);
    };
    const correlationId = msg.headers?.get(HEADER_CORRELATION_ID);
    if (correlationId) withCorrelation(correlationId, run);
    else run();
  }

  private getOptions(): NatsTransportOptions {
    return (this as unknown as { options: NatsTransportOptions }).options;
  }
}

/** The app's `RequestTokenVerifier`, if a module provides one (looked up, not `app.get`: a missing provider can end the process). */
function verifierOf(app: INestApplicationContext): RequestTokenVerifier | undefined {
  for (const module of app.get(ModulesContainer).values()) {
    const instance = module.providers.get(REQUEST_TOKEN_VERIFIER)?.instance as RequestTokenVerifier | undefined;
    if (instance) return instance;
  }
  return undefined;
}

/** The `@Answers` handlers of an app's (static) controllers, by pattern. */
function answerersOf(app: INestApplicationContext): Map<string, Answerer> {
  const answerers = new Map<string, Answerer>();
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const method = prototype[name] as (request: unknown) => unknown;
        const contract = answeredContract(method);
        if (contract) answerers.set(contract.pattern, { contract, handle: (request) => method.call(instance, request) });
      }
    }
  }
  return answerers;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
