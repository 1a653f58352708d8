import { randomUUID } from 'node:crypto';
import { connect, NatsConnection } from 'nats';
import { CirkelConfig } from '@cirkel/config';
import { AnswerOf, Caller, isRemoteProblem, Language, RemoteProblem, RequestContract, RequestEnvelope, SentInputOf } from '@cirkel/contracts';
import { inboxPrefixOf, sendRequestPacket } from '@cirkel/messaging';
import { TestTokens } from './test-tokens';

export interface RequestOptions {
  /** The hub the request is about; the caller's by default (required for an anonymous caller of a hub). */
  hubId?: string | null;
  language?: Language;
  /** The envelope's token as it is (a forged or expired one); by default the caller's, signed as the gateway signs it. */
  token?: string | null;
  /** Sends the contract's passwords in clear instead of sealed as the gateway seals them (which the service refuses). */
  unsealed?: boolean;
}

/**
 * Sends requests to a service under test as the gateway does (same envelope, same subjects), so a
 * test reads like the call it makes: `await requests.request(GetOrganisation, caller, { organisationId })`.
 * The caller goes as an access token signed with the development key; a null caller of a request
 * that is not anonymous goes as a service asking on its own account, with a token for the
 * answering app and the request's hub: for a request for services only, the first service its
 * contract names (its own development key); else the gateway.
 */
export class TestRequests {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly subjectPrefix: string,
    private readonly timeoutMs: number,
  ) {}

  static async connect(config: Pick<CirkelConfig, 'nats'>): Promise<TestRequests> {
    const auth = config.nats.auth;
    // an account's own inbox (`_INBOX.<app>`): the only one its NATS user may read replies on
    const account = auth && 'user' in auth ? { user: auth.user, pass: auth.password, inboxPrefix: inboxPrefixOf(auth.user) } : {};
    return new TestRequests(await connect({ servers: config.nats.servers, ...account }), config.nats.subjectPrefix, config.nats.requestTimeoutMs);
  }

  /** For a whole system under test: its namespace's subjects on the machine's NATS. */
  static forNamespace(namespace: string, servers = [process.env.NATS_URL ?? 'nats://127.0.0.1:4222']): Promise<TestRequests> {
    return TestRequests.connect({ nats: { servers, subjectPrefix: `${namespace}.`, streamPrefix: `${namespace.toUpperCase()}_`, requestTimeoutMs: 5000, lateAnswerMs: 5000 } });
  }

  /** The service's answer, as it sent it; a problem answer rejects with the RemoteProblem. */
  async request<C extends RequestContract>(contract: C, caller: Caller | null, data: SentInputOf<C>, options: RequestOptions = {}): Promise<AnswerOf<C>> {
    const hubId = options.hubId !== undefined ? options.hubId : (caller?.hubId ?? null);
    const token = options.token !== undefined ? options.token : contract.anonymous ? null : await defaultToken(contract, caller, hubId);
    const envelope: RequestEnvelope = {
      version: contract.version,
      token,
      hubId,
      correlationId: randomUUID(),
      ...(options.language ? { language: options.language } : {}),
      data: options.unsealed ? data : await TestTokens.get().seal(contract, data),
    };
    return this.raw(contract.pattern, envelope).then((answer) => {
      // As the gateway does: an answer outside the contract fails the test, never passes for one.
      const checked = contract.answer.safeParse(answer);
      if (!checked.success) throw new Error(`${contract.pattern} answered outside its contract: ${checked.error.message}`);
      return checked.data as AnswerOf<C>;
    });
  }

  /** The problem a request that must fail answers (the test fails if it succeeds). */
  async problem<C extends RequestContract>(contract: C, caller: Caller | null, data: unknown, options: RequestOptions = {}): Promise<RemoteProblem> {
    return problemOf(this.request(contract, caller, data as SentInputOf<C>, options), contract.pattern);
  }

  /** Sends anything as the envelope of a pattern: for malformed envelopes. */
  async raw(pattern: string, envelope: unknown): Promise<unknown> {
    const reply = await sendRequestPacket(this.nc, this.subjectPrefix, pattern, envelope, this.timeoutMs);
    if (reply.err !== undefined && reply.err !== null) throw reply.err; // the service's problem, as it sent it
    return reply.response;
  }

  async close(): Promise<void> {
    await this.nc.close();
  }
}

/** The RemoteProblem a promise rejects with; fails when it resolves or rejects with anything else. */
export async function problemOf(promise: Promise<unknown>, what = 'the request'): Promise<RemoteProblem> {
  let answer: unknown;
  try {
    answer = await promise;
  } catch (error) {
    if (isRemoteProblem(error)) return error;
    throw error;
  }
  throw new Error(`${what} should have failed, answered ${JSON.stringify(answer)}`);
}

/** The token a request goes with when the test names none: the caller's, or the own token of a service the contract takes (for the request's hub). */
function defaultToken(contract: RequestContract, caller: Caller | null, hubId: string | null): Promise<string> | string {
  if (caller) return TestTokens.get().tokenOf(caller);
  return TestTokens.get().serviceToken(contract, hubId, contract.askedOnOwnAccountBy[0]);
}
