import { randomUUID } from 'node:crypto';
import { CANVAS_BLOCKS, CanvasView, Caller, IDEA_STAGES, IdeaStage } from '@cirkel/contracts';
import { ALLOWED } from '../../test/allowed-moves';
import { canSeeIdea, checkTransition, IdeaFacts, MOVES } from './idea-pipeline.rules';

const hubId = randomUUID();
const lead = randomUUID();
const member: Caller = { personId: randomUUID(), hubId, hubRoles: [], memberships: [{ organisationId: lead, role: 'member' }] };
const admin: Caller = { personId: randomUUID(), hubId, hubRoles: ['hub_admin'], memberships: [] };
const outsider: Caller = { personId: randomUUID(), hubId, hubRoles: ['mentor'], memberships: [{ organisationId: randomUUID(), role: 'org_admin' }] };
const filled = Object.fromEntries(CANVAS_BLOCKS.map((b) => [b, `about ${b}`])) as CanvasView;
const idea = (stage: IdeaStage, overrides: Partial<IdeaFacts> = {}): IdeaFacts => ({ stage, leadOrganisationId: lead, canvas: filled, hasAcceptedMentor: true, ...overrides });

/** What `checkTransition` says: 'ok', or the problem type it throws. */
function outcome(caller: Caller, facts: IdeaFacts, to: IdeaStage): string {
  try {
    checkTransition(caller, facts, to);
    return 'ok';
  } catch (error) {
    return (error as { type: string }).type;
  }
}

describe('the idea pipeline', () => {
  it.each(ALLOWED)('lets %s → %s by %s', (from, to, by) => {
    expect(outcome(by === 'lead' ? member : admin, idea(from), to)).toBe('ok');
  });

  it('refuses every other pair of stages as a transition the pipeline does not have (409), whoever asks', () => {
    const allowed = new Set(ALLOWED.map(([from, to]) => `${from}→${to}`));
    const refused: string[] = [];
    for (const from of IDEA_STAGES)
      for (const to of IDEA_STAGES) {
        if (allowed.has(`${from}→${to}`)) continue;
        for (const caller of [member, admin]) {
          const result = outcome(caller, idea(from), to);
          if (result !== 'idea-transition-not-allowed') refused.push(`${from}→${to}: ${result}`);
        }
      }
    expect(refused).toEqual([]);
    expect(MOVES.length).toBeGreaterThan(0);
  });

  it('refuses an allowed move to whoever may not make it (403): admins do not submit, members do not screen', () => {
    for (const [from, to, by] of ALLOWED) {
      const wrong = by === 'lead' ? admin : member;
      // A hub admin sees drafts; an outsider does not see a draft at all.
      expect(`${from}→${to}: ${outcome(wrong, idea(from), to)}`).toBe(`${from}→${to}: forbidden`);
      expect(`${from}→${to}: ${outcome(outsider, idea(from), to)}`).toBe(`${from}→${to}: ${from === 'draft' ? 'idea-not-found' : 'forbidden'}`);
    }
  });

  it('lets an idea into coaching only with an accepted mentor, and into business_model and later only with a filled canvas', () => {
    expect(outcome(admin, idea('screening', { hasAcceptedMentor: false }), 'coaching')).toBe('idea-needs-mentor');
    for (const [from, to] of [['coaching', 'business_model'], ['business_model', 'pilot'], ['pilot', 'launched']] as [IdeaStage, IdeaStage][]) {
      expect(outcome(admin, idea(from, { canvas: null }), to)).toBe('idea-needs-canvas');
      expect(outcome(admin, idea(from, { canvas: { ...filled, revenueModel: '  ' } }), to)).toBe('idea-needs-canvas');
    }
  });

  it('shows a draft only to its lead organisation and hub admins, and a submitted idea to everyone of the hub', () => {
    expect([member, admin, outsider].map((c) => canSeeIdea(c, idea('draft')))).toEqual([true, true, false]);
    expect([member, admin, outsider].map((c) => canSeeIdea(c, idea('submitted')))).toEqual([true, true, true]);
  });
});
