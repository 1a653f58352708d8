import { SetMetadata } from '@nestjs/common';
import { HubRole } from '@cirkel/contracts';

export const REQUIRED_HUB_ROLES = 'cirkel:auth:hub-roles';

/** Only callers holding at least one of these hub roles pass (checked by RolesGuard; the service checks again). */
export const Roles = (...roles: HubRole[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_HUB_ROLES, roles);
