import { JwtService } from '@nestjs/jwt';
import { AccessTokenService, ServiceTokenSigner, TokenVerifier } from '@cirkel/auth';
import { GatewayConfig, loadConfig } from '@cirkel/config';
import { AppName, Caller, RequestContract } from '@cirkel/contracts';
import { FieldOpener, FieldSealer, RequestAsker } from '@cirkel/messaging';

/**
 * Tokens as the gateway signs them, with the checkout's development key pair (what every app
 * under test verifies with): a person's access token, or the gateway's service token.
 */
export class TestTokens {
  private static instance?: TestTokens;
  readonly config: GatewayConfig;
  private readonly signer: AccessTokenService;
  private readonly verifier: TokenVerifier;
  private sealer?: FieldSealer;
  private opener?: FieldOpener;

  private constructor() {
    this.config = loadConfig('gateway', { NODE_ENV: 'test' });
    this.signer = new AccessTokenService(new JwtService(), this.config);
    this.verifier = new TokenVerifier(this.config.tokens);
  }

  static get(): TestTokens {
    return (TestTokens.instance ??= new TestTokens());
  }

  /** A person's access token, or for null the gateway's service token. */
  async tokenOf(caller: Caller | null): Promise<string> {
    return caller ? (await this.signer.sign(caller)).token : this.signer.serviceToken();
  }

  /** The token of a service asking on its own account (notifications, coaching), signed with that service's development key. */
  ownServiceToken(service: AppName = 'notifications'): string {
    const tokens = loadConfig(service, { NODE_ENV: 'test' }).tokens;
    if (!tokens.servicePrivateKey) throw new Error(`${service} does not ask on its own account (SERVICES_ASKING_ON_THEIR_OWN_ACCOUNT)`);
    return new ServiceTokenSigner(service, tokens.servicePrivateKey, tokens).serviceToken();
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

  /** Who a token names: a person, or the service whose key signed it; throws as a service would for a bad one. */
  askerOf(token: string): RequestAsker {
    return this.verifier.askerOf(token);
  }

  /** The caller a token names (null for a service token, or no token); throws as a service would for a bad one. */
  callerOf(token: string | null): Caller | null {
    return token === null ? null : this.verifier.callerOf(token);
  }
}
