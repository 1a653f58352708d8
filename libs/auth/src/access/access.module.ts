import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CIRKEL_CONFIG, CirkelConfig } from '@cirkel/config';
import { REQUEST_TOKEN_VERIFIER, SERVICE_TOKEN_ISSUER } from '@cirkel/messaging';
import { RoleCopyDirectory } from '../role-copy/role-copy.directory';
import { RoleCopyHandler } from '../role-copy/role-copy.handler';
import { RoleCopyRepository } from '../role-copy/role-copy.repository';
import { Access } from './access.service';
import { CachedRoleDirectory } from './cached-role-directory';
import { RoleDirectory } from './role-directory';
import { ServiceTokenSigner } from '../service-token.signer';
import { TokenVerifier } from '../token-verifier';

/** Every service verifies the token of each request with the public key (`RequestServer` reads this provider). */
const requestTokenVerifier = { provide: REQUEST_TOKEN_VERIFIER, inject: [CIRKEL_CONFIG], useFactory: (config: CirkelConfig) => new TokenVerifier(config.tokens, config.service) };
/** A service that asks others on its own account (it holds a service key pair of its own) signs those requests; null elsewhere. */
const serviceTokenIssuer = {
  provide: SERVICE_TOKEN_ISSUER,
  inject: [CIRKEL_CONFIG],
  useFactory: (config: CirkelConfig) => (config.tokens.servicePrivateKey ? new ServiceTokenSigner(config.service, config.tokens.servicePrivateKey, config.tokens) : null),
};

/**
 * The request guards of a service (`Access`). `forService()` keeps a copy of who holds which role
 * from partners' events (list `ROLE_COPY_PERSISTENCE` in the service's persistence); `forSource()`
 * reads a directory of the service's own (partners, the source of roles). Either way the roles read
 * are kept in memory until the tables say they changed (`CachedRoleDirectory`). Either way the
 * service verifies every request's token (`REQUEST_TOKEN_VERIFIER`) before a handler runs.
 */
@Module({})
export class AccessModule {
  static forService(): DynamicModule {
    return {
      module: AccessModule,
      global: true,
      controllers: [RoleCopyHandler],
      providers: [
        RoleCopyRepository,
        { provide: RoleDirectory, inject: [RoleCopyRepository, DataSource], useFactory: (copy: RoleCopyRepository, dataSource: DataSource) => CachedRoleDirectory.of(new RoleCopyDirectory(copy), dataSource) },
        Access,
        requestTokenVerifier,
        serviceTokenIssuer,
      ],
      exports: [Access, RoleDirectory, RoleCopyRepository, REQUEST_TOKEN_VERIFIER, SERVICE_TOKEN_ISSUER],
    };
  }

  /** For partners, the source of roles: the guards read the directory it makes from its data source. */
  static forSource(directory: RoleDirectorySource): DynamicModule {
    return {
      module: AccessModule,
      global: true,
      providers: [{ provide: RoleDirectory, inject: [DataSource], useFactory: (dataSource: DataSource) => CachedRoleDirectory.of(directory(dataSource), dataSource) }, Access, requestTokenVerifier, serviceTokenIssuer],
      exports: [Access, RoleDirectory, REQUEST_TOKEN_VERIFIER, SERVICE_TOKEN_ISSUER],
    };
  }
}

/** Makes a service's role directory from its data source. */
export type RoleDirectorySource = (dataSource: DataSource) => RoleDirectory;
