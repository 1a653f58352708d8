import { CopiedHubRoles, CopiedMembership } from './role-copy.entities';
import { RoleCopyChangeNotices1764800000000 } from './role-change-notices.migration';
import { RoleCopyTables1764400000000 } from './role-copy-tables.migration';
import { RoleCopyVersions1764700400000 } from './role-copy-versions.migration';
import { RoleCopyMembershipEnd1765000200000 } from './role-copy-membership-end.migration';

/** What a service lists in its persistence for `AccessModule.forService()`: the copy's entities and migration. */
export const ROLE_COPY_PERSISTENCE = {
  entities: [CopiedHubRoles, CopiedMembership],
  migrations: [RoleCopyTables1764400000000, RoleCopyVersions1764700400000, RoleCopyChangeNotices1764800000000, RoleCopyMembershipEnd1765000200000],
};
