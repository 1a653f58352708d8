import { CANVAS_BLOCKS, CanvasView, Caller, Forbidden, IdeaMoveView, IdeaStage, OPEN_IDEA_STAGES } from '@cirkel/contracts';
import { isHubAdmin, isMemberOf } from '@cirkel/auth';
import { IdeaNotFound, TransitionNeedsCanvas, TransitionNeedsMentor, TransitionNotAllowed } from './idea.errors';

/** What the rules need to know of an idea. */
export interface IdeaFacts {
  stage: IdeaStage;
  leadOrganisationId: string;
  canvas: CanvasView | null;
  /** Whether a mentor has accepted the idea (ideas learns it from coaching's events). */
  hasAcceptedMentor: boolean;
}

type Mover = IdeaMoveView['by'];

interface Move {
  from: readonly IdeaStage[];
  to: IdeaStage;
  by: Mover;
  needs?: 'mentor' | 'canvas';
}

const OPEN: readonly IdeaStage[] = OPEN_IDEA_STAGES;

/**
 * The pipeline, in one place: who moves an idea from where to where, and what it needs. The lead
 * organisation's members submit and withdraw; hub admins move it on from `submitted`, park it, and
 * take a parked idea back into screening.
 */
export const MOVES: readonly Move[] = [
  { from: ['draft'], to: 'submitted', by: 'lead' },
  { from: OPEN, to: 'withdrawn', by: 'lead' },
  { from: ['submitted'], to: 'screening', by: 'hub_admin' },
  { from: ['screening'], to: 'coaching', by: 'hub_admin', needs: 'mentor' },
  { from: ['coaching'], to: 'business_model', by: 'hub_admin', needs: 'canvas' },
  { from: ['business_model'], to: 'pilot', by: 'hub_admin', needs: 'canvas' },
  { from: ['pilot'], to: 'launched', by: 'hub_admin', needs: 'canvas' },
  { from: OPEN.filter((s) => s !== 'draft'), to: 'parked', by: 'hub_admin' },
  { from: ['parked'], to: 'screening', by: 'hub_admin' },
];

/** A draft only to its lead organisation and the hub admins; from submitted on, to everyone of the hub. */
export function canSeeIdea(caller: Caller, idea: Pick<IdeaFacts, 'stage' | 'leadOrganisationId'>): boolean {
  return idea.stage !== 'draft' || isHubAdmin(caller) || isMemberOf(caller, idea.leadOrganisationId);
}

/** Changes to an idea's description: its lead organisation's members and the hub admins. */
export function canChangeIdea(caller: Caller, idea: Pick<IdeaFacts, 'leadOrganisationId'>): boolean {
  return isHubAdmin(caller) || isMemberOf(caller, idea.leadOrganisationId);
}

/** The canvas: also the members of the organisations that collaborate on it. */
export function canEditCanvas(caller: Caller, idea: Pick<IdeaFacts, 'leadOrganisationId'>, collaborators: string[]): boolean {
  return canChangeIdea(caller, idea) || collaborators.some((organisationId) => isMemberOf(caller, organisationId));
}

/** Stages in which nothing of an idea changes any more. */
export function isClosed(stage: IdeaStage): boolean {
  return stage === 'launched' || stage === 'withdrawn';
}

/** Organisations ask to join an idea from its submission until it is launched or withdrawn. */
export function isOpenToCollaboration(stage: IdeaStage): boolean {
  return stage !== 'draft' && !isClosed(stage);
}

/** The stages an idea may go to from `from`, by anyone. */
export function nextStages(from: IdeaStage): IdeaStage[] {
  return MOVES.filter((m) => m.from.includes(from)).map((m) => m.to);
}

/**
 * The moves `caller` may ask for from the idea's stage, as the API shows them (so that the web app
 * offers those and keeps no copy of the pipeline); what a move needs is still checked when asked.
 */
export function movesFor(caller: Caller, idea: Pick<IdeaFacts, 'stage' | 'leadOrganisationId'>): IdeaMoveView[] {
  const may = (by: Mover) => (by === 'lead' ? isMemberOf(caller, idea.leadOrganisationId) : isHubAdmin(caller));
  return MOVES.filter((m) => m.from.includes(idea.stage) && may(m.by)).map((m) => ({ to: m.to, by: m.by }));
}

/** The canvas blocks still empty (all of them without a canvas). */
export function emptyCanvasBlocks(canvas: CanvasView | null): string[] {
  return CANVAS_BLOCKS.filter((block) => !canvas || canvas[block].trim() === '');
}

/**
 * Throws the first rule that refuses moving `idea` to `to` for `caller`: not found for an idea they
 * may not see, 409 for a move the pipeline does not have, 403 for one they may not make, 409 for
 * what the idea still lacks.
 */
export function checkTransition(caller: Caller, idea: IdeaFacts, to: IdeaStage): void {
  if (!canSeeIdea(caller, idea)) throw new IdeaNotFound();
  const move = MOVES.find((m) => m.to === to && m.from.includes(idea.stage));
  if (!move) throw new TransitionNotAllowed(idea.stage, to, nextStages(idea.stage));
  const allowed = move.by === 'lead' ? isMemberOf(caller, idea.leadOrganisationId) : isHubAdmin(caller);
  if (!allowed) throw new Forbidden(move.by === 'lead' ? `Only the lead organisation's members move an idea to ${to}.` : `Only hub admins move an idea to ${to}.`);
  if (move.needs === 'mentor' && !idea.hasAcceptedMentor) throw new TransitionNeedsMentor();
  const missing = emptyCanvasBlocks(idea.canvas);
  if (move.needs === 'canvas' && missing.length > 0) throw new TransitionNeedsCanvas(to, missing);
}
