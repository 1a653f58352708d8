import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { lastValueFrom } from 'rxjs';
import { CirkelConfig } from '@cirkel/config';
import {
  Authenticate,
  Caller,
  HubRole,
  HubView,
  IdentityView,
  isRemoteProblem,
  RegisterOrganisation,
  RegistrationView,
  RemoteProblem,
  RequestContract,
  RequestEnvelope,
} from '@cirkel/contracts';
import { RequestProxy, systemCause } from '@cirkel/messaging';
import { createServiceApp } from '@cirkel/runtime';
import { cleanupNamespace, ensureTestDatabase, TEST_DATABASE_URL, testConfig, testNamespace } from '@cirkel/testing';
import { HubService, hubView } from '../src/hubs/hub.service';
import { PartnersModule } from '../src/partners.module';
import { PeopleService } from '../src/people/people.service';
import { registrationInput, TEST_PASSWORD, uniqueEmail } from './partners-factories';

export interface SendOptions {
  caller?: Caller | null;
  hubId?: string | null;
}

/** The partners service started in-process against the real Postgres and NATS, in a namespace of its own. */
export class PartnersTestApp {
  private constructor(
    readonly namespace: string,
    readonly config: CirkelConfig,
    readonly app: NestFastifyApplication,
    private readonly proxy: RequestProxy,
    private readonly db: Client,
  ) {}

  static async start(env: Record<string, string> = {}, namespace: string = testNamespace()): Promise<PartnersTestApp> {
    await ensureTestDatabase();
    const config = testConfig('partners', namespace, env);
    const app = await createServiceApp(PartnersModule.forRoot(config), config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const proxy = new RequestProxy({ servers: config.nats.servers }, config.nats.subjectPrefix);
    const db = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${config.database.schema}` });
    await db.connect();
    return new PartnersTestApp(namespace, config, app, proxy, db);
  }

  /** Stops the app; with `cleanup` (the default) drops everything the namespace holds. */
  async stop(cleanup = true): Promise<void> {
    await this.app.close();
    await this.proxy.close();
    await this.db.end();
    if (cleanup) await cleanupNamespace(this.namespace);
  }

  /** Sends a request as the gateway does and answers the reply; a problem answer rejects with the RemoteProblem. */
  async send<T>(contract: RequestContract, data: unknown, options: SendOptions = {}): Promise<T> {
    const envelope: RequestEnvelope = {
      version: contract.version,
      caller: options.caller ?? null,
      hubId: options.hubId !== undefined ? options.hubId : (options.caller?.hubId ?? null),
      correlationId: randomUUID(),
      data,
    };
    return lastValueFrom(this.proxy.send<T>(contract.pattern, envelope));
  }

  /** Sends a request that must fail, and answers its problem. */
  async problem(contract: RequestContract, data: unknown, options: SendOptions = {}): Promise<RemoteProblem> {
    let answer: unknown;
    try {
      answer = await this.send(contract, data, options);
    } catch (error) {
      if (isRemoteProblem(error)) return error;
      throw error;
    }
    throw new Error(`${contract.pattern} should have failed, answered ${JSON.stringify(answer)}`);
  }

  /** A query in the service's own schema. */
  async query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.db.query(sql, params)).rows as T[];
  }

  async count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const [row] = await this.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
    return row.n;
  }

  /** A hub (hubs have no request to create them; the demo seed uses the same service method). */
  async hub(slug = 'genk', name = 'Genk'): Promise<HubView> {
    return hubView((await this.app.get(HubService).ensure(slug, name)).hub);
  }

  /** A staff member of the hub with hub roles, logged in. */
  async staff(hub: HubView, roles: HubRole[], email: string = uniqueEmail('staff')): Promise<IdentityView> {
    await this.app.get(PeopleService).createStaffMember(hub.id, { name: `Staff ${email}`, email, password: TEST_PASSWORD, language: 'nl' }, roles, systemCause());
    return this.login(email);
  }

  async login(email: string, password: string = TEST_PASSWORD): Promise<IdentityView> {
    return this.send<IdentityView>(Authenticate, { email, password });
  }

  /** Registers an organisation and logs its first person in. */
  async register(hub: HubView, overrides: Parameters<typeof registrationInput>[1] = {}): Promise<{ registration: RegistrationView; identity: IdentityView }> {
    const input = registrationInput(hub.slug, overrides);
    const registration = await this.send<RegistrationView>(RegisterOrganisation, input);
    return { registration, identity: await this.login(input.person.email) };
  }
}
