import { PersistenceOptions } from '@cirkel/persistence';
import { RefreshTokens1764231000000 } from './migrations/1764231000000-refresh-tokens';
import { LoginFamilyLifetime1765000000000 } from './migrations/1765000000000-login-family-lifetime';
import { RefreshToken } from './sessions/refresh-token.entity';

/** What gateway keeps in its schema: its entities and its migrations, in order (used by the module and by the migration tools). */
export const GATEWAY_PERSISTENCE: PersistenceOptions = {
  entities: [RefreshToken],
  migrations: [RefreshTokens1764231000000, LoginFamilyLifetime1765000000000],
};
