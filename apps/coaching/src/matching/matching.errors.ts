import { DomainError } from '@cirkel/contracts';

export class AssignmentNotFound extends DomainError {
  constructor() {
    super('assignment-not-found', 404, 'Assignment not found', 'You have no such assignment.');
  }
}

export class AssignmentAnswered extends DomainError {
  constructor(status: string) {
    super('assignment-answered', 409, 'Already answered', `This proposal is ${status} already.`);
  }
}

export class MentorAtCapacity extends DomainError {
  constructor(capacity: number) {
    super('mentor-at-capacity', 409, 'No free place', `You coach ${capacity} ideas already, as many as your profile allows; raise your capacity or end an assignment first.`);
  }
}
