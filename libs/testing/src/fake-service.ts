import { Controller, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern } from '@nestjs/microservices';
import { CirkelConfig } from '@cirkel/config';
import { Caller, RequestContract, RequestEnvelope } from '@cirkel/contracts';
import { answeringApp, RequestServer, RpcProblemFilter } from '@cirkel/messaging';
import { TestTokens } from './test-tokens';

/** An envelope as the fake received it, with the caller its token names (verified with the development key) for assertions. */
export type ReceivedEnvelope = RequestEnvelope & { caller: Caller | null };
export type FakeHandler = (envelope: ReceivedEnvelope) => unknown;

/**
 * Stands in for a service (partners, notifications) in the gateway's tests: answers the given
 * request patterns over the same NATS transport and namespace the real service uses, records
 * every envelope it receives, and throws DomainErrors back as the real one would. A token that
 * does not verify is answered 401 as a real service answers it.
 */
export class FakeService {
  /** `envelope` with its passwords opened as partners opens them; `sent` as it came over the bus. */
  readonly received: { pattern: string; envelope: ReceivedEnvelope; sent: RequestEnvelope }[] = [];
  private readonly handlers = new Map<string, FakeHandler>();
  private app?: INestMicroservice;

  /** Sets (or replaces) how a request is answered. */
  on(contract: RequestContract, handler: FakeHandler): this {
    this.handlers.set(contract.pattern, handler);
    return this;
  }

  envelopesOf(contract: RequestContract): ReceivedEnvelope[] {
    return this.received.filter((r) => r.pattern === contract.pattern).map((r) => r.envelope);
  }

  /** The envelopes as they crossed the bus (passwords sealed). */
  sentOf(contract: RequestContract): RequestEnvelope[] {
    return this.received.filter((r) => r.pattern === contract.pattern).map((r) => r.sent);
  }

  /** Starts answering every contract given, with the handler set by `on` at the time of each request. */
  async start(config: CirkelConfig, contracts: RequestContract[]): Promise<this> {
    class FakeController {}
    contracts.forEach((contract, i) => {
      const name = `handle${i}`;
      Object.defineProperty(FakeController.prototype, name, {
        value: async (sent: RequestEnvelope) => {
          const opened = (await TestTokens.get().open(contract, sent)) as RequestEnvelope;
          const envelope: ReceivedEnvelope = { ...opened, caller: TestTokens.get().callerOf(sent.token ?? null, answeringApp(contract.pattern)) };
          this.received.push({ pattern: contract.pattern, envelope, sent });
          const handler = this.handlers.get(contract.pattern);
          if (!handler) throw new Error(`fake: no answer set for ${contract.pattern}`);
          return handler(envelope);
        },
        writable: true,
        configurable: true,
      });
      const descriptor = Object.getOwnPropertyDescriptor(FakeController.prototype, name) as PropertyDescriptor;
      MessagePattern(contract.pattern)(FakeController.prototype, name, descriptor);
    });
    Controller()(FakeController);
    @Module({ controllers: [FakeController] })
    class FakeModule {}
    this.app = await NestFactory.createMicroservice(FakeModule, {
      strategy: new RequestServer({ servers: config.nats.servers, queue: 'fake', name: 'cirkel-fake-service' }, config.nats.subjectPrefix, 'fake'),
      logger: false,
    });
    this.app.useGlobalFilters(new RpcProblemFilter());
    await this.app.listen();
    return this;
  }

  async stop(): Promise<void> {
    await this.app?.close();
  }
}
