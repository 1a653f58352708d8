import { CONTRACT_TYPES, INDICATORS, SECTORS, WORK_DOMAINS } from '@cirkel/contracts';

/** The year and the groupings of the digest disclosure properties (digest-beside-statistics.spec, digests-released.spec). */
export const YEAR = 2026;
/** The jobs' groupings other than the sector, each month's groups unknowns of their own. */
export const OTHER_DIMENSIONS: [string, readonly string[]][] = [['workDomain', [...WORK_DOMAINS, 'unknown']], ['contractType', CONTRACT_TYPES], ...Object.entries(INDICATORS)];
/** Every grouping of the jobs, in the order a placement's groups are given. */
export const DIMENSIONS: [string, readonly string[]][] = [OTHER_DIMENSIONS[0], ['sector', SECTORS], ...OTHER_DIMENSIONS.slice(1)];
