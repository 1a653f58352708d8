import { JwtService } from '@nestjs/jwt';
import { AccessTokenService, ServiceTokenSigner, TokenVerifier } from '@cirkel/auth';
import { GatewayConfig, loadConfig } from '@cirkel/config';
import { Caller } from '@cirkel/contracts';

/**
 * Tokens as the gateway signs them, with the checkout's development key pair (what every app
 * under test verifies with): a person's access token, or the gateway's service token.
 */
export class TestTokens {
  private static instance?: TestTokens;
  readonly config: GatewayConfig;
  private readonly signer: AccessTokenService;
  private readonly verifier: TokenVerifier;

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

  /** The token of a service asking on its own account (notifications), signed with the services' development key. */
  ownServiceToken(service = 'notifications'): string {
    const tokens = loadConfig('notifications', { NODE_ENV: 'test' }).tokens;
    return new ServiceTokenSigner(service, tokens.servicePrivateKey as string, tokens).serviceToken();
  }

  /** The caller a token names (null for a service token, or no token); throws as a service would for a bad one. */
  callerOf(token: string | null): Caller | null {
    return token === null ? null : this.verifier.callerOf(token);
  }
}
