/**
 * Fixed API answers for bench:web's dashboard: a city staff member of Genk and a year of figures
 * (some suppressed), shaped as the gateway answers them. Only what the dashboard and the header read.
 */
const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };
const YEAR = new Date().getUTCFullYear();
const ID = '0b5a3f0e-8a1e-4c1e-9d3a-2f6c1d7e9a01';

function statistics(key: string, groupBy: string, rows: [string, number | null][]) {
  const figure = (n: number | null) => (n === null ? hidden : shown(n));
  const total = rows.reduce((sum, [, n]) => sum + (n ?? 3), 0);
  return {
    period: { key, from: `${key.slice(0, 4)}-01-01`, to: `${key.slice(0, 4)}-12-31` },
    groupBy,
    suppressed: true,
    rules: 'counts 1–4 suppressed',
    total: { dimension: groupBy, group: 'total', jobs: shown(total), fte: shown(total * 0.6) },
    rows: rows.map(([group, n]) => ({ dimension: groupBy, group, jobs: figure(n), fte: figure(n === null ? null : n * 0.6) })),
    computedAt: `${YEAR}-11-30T02:00:00Z`,
  };
}

export function apiFixture(url: string): unknown {
  if (url === '/api/v1/auth/refresh') return { accessToken: 'bench-access', refreshToken: 'bench-refresh-token-0123456789', tokenType: 'Bearer', expiresIn: 900 };
  if (url === '/api/v1/me') {
    return {
      person: { id: ID, hubId: ID, name: 'Koen Vanderhoven', email: 'city@cirkel.test', language: 'nl', hubRoles: ['city_staff'], memberships: [] },
      hub: { id: ID, slug: 'genk', name: 'Genk' },
      organisations: [],
    };
  }
  if (url === '/api/v1/notifications/unread-count') return { unread: 2 };
  if (url.startsWith('/api/v1/statistics?')) {
    const query = new URLSearchParams(url.slice(url.indexOf('?') + 1));
    const period = query.get('period') ?? String(YEAR);
    if (query.get('groupBy') === 'sector') return statistics(period, 'sector', [['regular', 6], ['social', period.endsWith('-02') ? null : 5]]);
    return statistics(period, 'workDomain', [['green', 19], ['hospitality', 12], ['care', null], ['industry', 8], ['mobility', null]]);
  }
  if (url.startsWith('/api/v1/statistics/public')) {
    return {
      year: YEAR,
      jobsCreated: shown(59),
      socialEconomyJobs: shown(40),
      ideas: { stages: ['submitted', 'screening', 'coaching', 'business_model', 'pilot', 'launched', 'parked', 'withdrawn'], rows: [], byStage: [shown(14), shown(9), shown(7), hidden, shown(5), hidden, hidden, hidden], total: shown(42) },
      rules: 'counts 1–4 suppressed',
      computedAt: `${YEAR}-11-30T02:00:00Z`,
    };
  }
  if (url === '/api/v1/targets') {
    return { items: [{ period: String(YEAR), from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, target: { jobs: 80, socialJobs: 40, fte: 50, participants: 120 }, actual: { jobs: shown(59), socialJobs: shown(40), fte: shown(35.4), participants: shown(77) }, computedAt: `${YEAR}-11-30T02:00:00Z` }] };
  }
  return undefined;
}
