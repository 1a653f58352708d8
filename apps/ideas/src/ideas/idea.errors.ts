import { DomainError, IdeaStage } from '@cirkel/contracts';

export const IdeaProblem = {
  IdeaNotFound: 'idea-not-found',
  TransitionNotAllowed: 'idea-transition-not-allowed',
  NeedsMentor: 'idea-needs-mentor',
  NeedsCanvas: 'idea-needs-canvas',
  LeadOrganisationNotActive: 'lead-organisation-not-active',
  IdeaClosed: 'idea-closed',
  CollaborationNotOpen: 'collaboration-not-open',
  AlreadyCollaborating: 'already-collaborating',
  CollaborationNotFound: 'collaboration-not-found',
  CollaborationDecided: 'collaboration-decided',
} as const;

/** Also the answer for an idea the caller may not see (another organisation's draft), so that drafts cannot be probed. */
export class IdeaNotFound extends DomainError {
  constructor() {
    super(IdeaProblem.IdeaNotFound, 404, 'Idea not found', 'There is no such idea in this hub.');
  }
}

export class TransitionNotAllowed extends DomainError {
  constructor(from: IdeaStage, to: IdeaStage, allowed: IdeaStage[]) {
    const next = allowed.length ? `it moves on only to ${allowed.join(', ')}` : 'it moves on no further';
    super(IdeaProblem.TransitionNotAllowed, 409, 'Transition not allowed', `An idea in ${from} cannot go to ${to}: ${next}.`);
  }
}

export class TransitionNeedsMentor extends DomainError {
  constructor() {
    super(IdeaProblem.NeedsMentor, 409, 'A mentor is needed', 'An idea enters coaching only once a mentor has accepted it.');
  }
}

export class TransitionNeedsCanvas extends DomainError {
  constructor(to: IdeaStage, missing: string[]) {
    super(IdeaProblem.NeedsCanvas, 409, 'The canvas is not filled', `An idea enters ${to} only with a filled business model canvas; missing: ${missing.join(', ')}.`);
  }
}

export class LeadOrganisationNotActive extends DomainError {
  constructor() {
    super(IdeaProblem.LeadOrganisationNotActive, 409, 'Organisation not active', 'Only an active partner organisation leads an idea; the hub has not approved this one.');
  }
}

export class IdeaClosed extends DomainError {
  constructor(stage: IdeaStage) {
    super(IdeaProblem.IdeaClosed, 409, 'Idea closed', `A ${stage} idea is no longer changed.`);
  }
}

export class CollaborationNotOpen extends DomainError {
  constructor(stage: IdeaStage) {
    super(IdeaProblem.CollaborationNotOpen, 409, 'Not open to collaboration', `Organisations join an idea from its submission until it is launched or withdrawn; this one is ${stage}.`);
  }
}

export class AlreadyCollaborating extends DomainError {
  constructor() {
    super(IdeaProblem.AlreadyCollaborating, 409, 'Already asked', 'This organisation leads the idea, works on it already, or has asked already.');
  }
}

export class CollaborationNotFound extends DomainError {
  constructor() {
    super(IdeaProblem.CollaborationNotFound, 404, 'Collaboration request not found', 'This idea has no such collaboration request.');
  }
}

export class CollaborationDecided extends DomainError {
  constructor(status: string) {
    super(IdeaProblem.CollaborationDecided, 409, 'Already answered', `This request was ${status} already.`);
  }
}
