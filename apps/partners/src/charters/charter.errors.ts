import { DomainError } from '@cirkel/contracts';

export const CharterProblem = {
  CharterNotFound: 'charter-not-found',
  CharterVersionNotCurrent: 'charter-version-not-current',
  CharterAlreadySigned: 'charter-already-signed',
} as const;

export class CharterNotFound extends DomainError {
  constructor() {
    super(CharterProblem.CharterNotFound, 404, 'No charter', 'This hub has not published a charter yet.');
  }
}

export class CharterVersionNotCurrent extends DomainError {
  constructor(requested: number, current: number) {
    super(CharterProblem.CharterVersionNotCurrent, 409, 'Not the current charter', `Version ${requested} is not the current version (${current}).`);
  }
}

export class CharterAlreadySigned extends DomainError {
  constructor(version: number) {
    super(CharterProblem.CharterAlreadySigned, 409, 'Charter signed already', `The organisation has signed version ${version} already.`);
  }
}
