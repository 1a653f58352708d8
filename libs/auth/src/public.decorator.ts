import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'cirkel:auth:public';

/**
 * Opts a route (or a whole controller) out of the global access-token guard. A valid token sent to
 * a public route still names the caller; an absent or invalid one leaves the caller null.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
