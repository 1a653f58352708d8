import { JwtService } from '@nestjs/jwt';
import { AccessTokenService, ServiceTokenSigner, TokenVerifier } from '@cirkel/auth';
import { GatewayConfig, loadConfig } from '@cirkel/config';
import { AppName, Caller, RequestContract } from '@cirkel/contracts';
import { answeringApp, FieldOpener, FieldSealer, RequestAsker } from '@cirkel/messaging';

/**
 * Tokens as the apps sign them, with the checkout's development key pairs (what every app under
 * test verifies with): a person's access token as the gateway signs it, or the own token of a
 * service (the gateway, notifications, coaching) for one app and hub.
 */
export class TestTokens {
  private static instance?: TestTokens;
  readonly config: GatewayConfig;
  private readonly signer: AccessTokenService;
  private readonly serviceSigners = new Map<AppName, ServiceTokenSigner>();
  private readonly verifiers = new Map<string, TokenVerifier>();
  private sealer?: FieldSealer;
  private opener?: FieldOpener;

  private constructor() {
    this.config = loadConfig('gateway', { NODE_ENV: 'test' });
    this.signer = new AccessTokenService(new JwtService(), this.config);
  }

  static get(): TestTokens {
    return (TestTokens.instance ??= new TestTokens());
  }

  /** A person's access token, as the gateway signs it. */
  async tokenOf(caller: Caller): Promise<string> {
    return (await this.signer.sign(caller)).token;
  }

  /**
   * The own token of service `asker` (the gateway by default; notifications and coaching with their
   * own development keys) for the app that answers `to` (an app's name or a request it answers) and
   * the hub `hubId`, as `RequestClient` mints it.
   */
  serviceToken(to: string | RequestContract, hubId: string | null, asker: AppName = 'gateway'): string {
    const app = typeof to === 'string' ? to : answeringApp(to.pattern);
    if (asker === 'gateway') return this.signer.serviceToken(app, hubId);
    let signer = this.serviceSigners.get(asker);
    if (!signer) {
      const tokens = loadConfig(asker, { NODE_ENV: 'test' }).tokens;
      if (!tokens.servicePrivateKey) throw new Error(`${asker} does not ask on its own account (SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT)`);
      this.serviceSigners.set(asker, (signer = new ServiceTokenSigner(asker, tokens.servicePrivateKey, tokens)));
    }
    return signer.serviceToken(app, hubId);
  }

  /** Seals a request's passwords as the gateway does (the development key partners opens them with). */
  seal<T>(contract: RequestContract, data: T): Promise<T> {
    this.sealer ??= new FieldSealer(this.config.passwords.publicKey as string);
    return this.sealer.seal(contract, data);
  }

  /** Opens a request's sealed passwords as partners does (with the development key); a field not sealed for it throws the 400. */
  open(contract: RequestContract, envelope: unknown): Promise<unknown> {
    this.opener ??= new FieldOpener(loadConfig('partners', { NODE_ENV: 'test' }).passwords.privateKey as string);
    return this.opener.open(contract, envelope);
  }

  /** Who a token names to the app `app`: a person, or the service whose key signed it; throws as that app would for a bad one. */
  askerOf(token: string, app: string): RequestAsker {
    let verifier = this.verifiers.get(app);
    if (!verifier) this.verifiers.set(app, (verifier = new TokenVerifier(this.config.tokens, app)));
    return verifier.askerOf(token);
  }

  /** The caller a token names to the app `app` (null for a service token, or no token); throws as that app would for a bad one. */
  callerOf(token: string | null, app: string): Caller | null {
    if (token === null) return null;
    const asker = this.askerOf(token, app);
    return 'caller' in asker ? asker.caller : null;
  }
}
