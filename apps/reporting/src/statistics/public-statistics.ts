import { PUBLIC_IDEA_STAGES, PublicStatisticsView, WORK_DOMAINS } from '@cirkel/contracts';
import { DISCLOSURE_RULES, gridTable, shown, Shown, suppressionPattern } from './disclosure-control';

/** The public page's figures, always suppressed: the year's jobs (of which social, hidden as the year's publication requires: PublishedFigures), and ideas by work domain × stage with their totals. */
export function publicStatistics(
  year: number,
  jobs: { total: Shown; social: Shown },
  ideas: readonly { workDomain: string; stage: string; count: number }[],
  computedAt: Date,
): PublicStatisticsView {
  const count = (d: string, s: string) => ideas.find((i) => i.workDomain === d && i.stage === s)?.count ?? 0;
  const grid = gridTable(WORK_DOMAINS.map((d) => PUBLIC_IDEA_STAGES.map((s) => count(d, s))));
  const hidden = suppressionPattern(grid);
  const cell = (i: number) => shown(grid.values[i], hidden[i]);
  const width = PUBLIC_IDEA_STAGES.length;
  return {
    year,
    jobsCreated: jobs.total,
    socialEconomyJobs: jobs.social,
    ideas: {
      stages: [...PUBLIC_IDEA_STAGES],
      rows: WORK_DOMAINS.map((workDomain, i) => ({ workDomain, byStage: PUBLIC_IDEA_STAGES.map((_, j) => cell(i * width + j)), total: cell(grid.rowTotal(i)) })),
      byStage: PUBLIC_IDEA_STAGES.map((_, j) => cell(grid.columnTotal(j))),
      total: cell(grid.grandTotal),
    },
    rules: DISCLOSURE_RULES,
    computedAt: computedAt.toISOString(),
  };
}
