import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { CirkelConfig } from '@cirkel/config';
import {
  Authenticate,
  Caller,
  ConfirmRegistration,
  HubRole,
  HubView,
  IdentityView,
  InvitationView,
  InviteMember,
  Language,
  OrganisationRole,
  RegisterOrganisation,
  RegistrationView,
  RemoteProblem,
  RequestContract,
} from '@cirkel/contracts';
import { systemCause } from '@cirkel/messaging';
import { createServiceApp } from '@cirkel/runtime';
import { cleanupNamespace, ensureTestDatabase, PrivateNatsWithAccounts, problemOf, TEST_DATABASE_URL, testConfig, testNamespace, TestRequests } from '@cirkel/testing';
import { HubService, hubView } from '../src/hubs/hub.service';
import { PartnersModule } from '../src/partners.module';
import { PeopleService } from '../src/people/people.service';
import { registrationInput, TEST_PASSWORD, uniqueEmail } from './partners-factories';

export interface SendOptions {
  caller?: Caller | null;
  hubId?: string | null;
  /** The language the request names (as the gateway does from Accept-Language); none by default. */
  language?: Language;
  /** Passwords in clear instead of sealed as the gateway seals them. */
  unsealed?: boolean;
}

/**
 * The partners service started in-process against the real Postgres and NATS, in a namespace of its
 * own. NATS is a server of the test's own with the production accounts (`PrivateNatsWithAccounts`):
 * partners connects as its own user and may publish only `partners.>` and answer `rpc.partners.>`;
 * the test asks without credentials, as the harness (standing in for the gateway). `stop()` fails
 * when the server refused partners anything. A `NATS_URL` in `env`, or `TEST_NATS_ACCOUNTS=off`,
 * runs on that server (the machine's) without accounts.
 */
export class PartnersTestApp {
  private constructor(
    readonly namespace: string,
    readonly config: CirkelConfig,
    readonly app: NestFastifyApplication,
    private readonly requests: TestRequests,
    private readonly db: Client,
    private readonly nats: PrivateNatsWithAccounts | undefined,
  ) {}

  static async start(env: Record<string, string> = {}, namespace: string = testNamespace()): Promise<PartnersTestApp> {
    await ensureTestDatabase();
    const nats = env.NATS_URL === undefined && process.env.TEST_NATS_ACCOUNTS !== 'off' ? await PrivateNatsWithAccounts.start(namespace, { harness: true }) : undefined;
    const ownConfig = testConfig('partners', namespace, { ...env, ...nats?.env('partners') });
    let app: NestFastifyApplication;
    try {
      app = await createServiceApp(PartnersModule.forRoot(ownConfig), ownConfig);
      await app.listen({ port: 0, host: '127.0.0.1' });
    } catch (error) {
      const refused = nats?.refusals() ?? [];
      await nats?.stop();
      throw new Error(`partners did not start (NATS refusals: ${refused.join(' | ') || 'none'}): ${(error as Error).message}`, { cause: error });
    }
    // the test's view: no account (the harness), as the gateway asks
    const config: CirkelConfig = { ...ownConfig, nats: { ...ownConfig.nats, auth: undefined } };
    const requests = await TestRequests.connect(config);
    const db = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${config.database.schema}` });
    await db.connect();
    return new PartnersTestApp(namespace, config, app, requests, db, nats);
  }

  /** Stops the app; with `cleanup` (the default) drops everything the namespace holds. Fails when the NATS server refused partners anything. */
  async stop(cleanup = true): Promise<void> {
    await this.app.close();
    await this.requests.close();
    await this.db.end();
    if (cleanup) await cleanupNamespace(this.namespace, this.nats ? { nats: null } : {});
    const refused = this.nats?.refusals() ?? [];
    await this.nats?.stop();
    if (refused.length > 0) throw new Error(`the NATS server refused partners (its production permissions, libs/messaging/src/nats-permissions.ts):\n${refused.join('\n')}`);
  }

  /** Sends a request as the gateway does and answers the reply; a problem answer rejects with the RemoteProblem. */
  async send<T>(contract: RequestContract, data: unknown, options: SendOptions = {}): Promise<T> {
    return this.requests.request(contract, options.caller ?? null, data as never, { hubId: options.hubId, unsealed: options.unsealed, language: options.language }) as Promise<T>;
  }

  /** Sends a request that must fail, and answers its problem. */
  problem(contract: RequestContract, data: unknown, options: SendOptions = {}): Promise<RemoteProblem> {
    return problemOf(this.send(contract, data, options), contract.pattern);
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

  /** Invites as `caller`, and reads the link from the e-mail queued for the address (the answer never holds it). */
  async invite(caller: Caller, organisationId: string, email: string = uniqueEmail('invitee'), role: OrganisationRole = 'member'): Promise<InvitationView & { link: string; token: string }> {
    const invitation = await this.send<InvitationView>(InviteMember, { organisationId, email, role }, { caller });
    const link = await this.emailedLink(invitation.id);
    if (!link) throw new Error(`no invitation link was e-mailed to ${email}`);
    return { ...invitation, link, token: link.slice(link.lastIndexOf('/') + 1) };
  }

  /** The link of the e-mail queued about `aboutId` (an invitation), or null when it had none. */
  async emailedLink(aboutId: string): Promise<string | null> {
    const [row] = await this.query<{ link: string | null }>('SELECT link FROM email_delivery WHERE about_id = $1', [aboutId]);
    if (!row) throw new Error(`no e-mail was queued about ${aboutId}`);
    return row.link;
  }

  /** Registers an organisation, confirms it with the e-mailed link, and logs its first person in. */
  async register(hub: HubView, overrides: Parameters<typeof registrationInput>[1] = {}): Promise<{ registration: RegistrationView; identity: IdentityView }> {
    const input = registrationInput(hub.slug, overrides);
    await this.send(RegisterOrganisation, input);
    const registration = await this.send<RegistrationView>(ConfirmRegistration, { token: await this.confirmationToken(input.person.email) });
    return { registration, identity: await this.login(input.person.email) };
  }

  /** The token of the newest confirmation link e-mailed to an address after its registration. */
  async confirmationToken(email: string): Promise<string> {
    const [row] = await this.query<{ link: string }>(
      `SELECT link FROM email_delivery WHERE kind = 'registration-confirmation' AND to_address = lower($1) ORDER BY created_at DESC, id DESC LIMIT 1`,
      [email],
    );
    if (!row) throw new Error(`no confirmation link was e-mailed to ${email}`);
    return row.link.slice(row.link.lastIndexOf('/') + 1);
  }
}
