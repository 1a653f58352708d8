import { Injectable } from '@nestjs/common';
import { Forbidden, Unauthenticated } from '@cirkel/contracts';
import { Principal } from '../common/principal';
import { RequestCall } from '../common/request-call';
import { PersonRepository } from './person.repository';
import { PersonViews } from './person-views';

/**
 * Who a request acts for. The gateway has verified the token; this service decides what the person
 * may do, from the roles they hold now (not the ones the token was issued with).
 */
@Injectable()
export class PrincipalService {
  constructor(
    private readonly people: PersonRepository,
    private readonly views: PersonViews,
  ) {}

  async require(call: RequestCall): Promise<Principal> {
    if (!call.caller) throw new Unauthenticated();
    if (call.hubId && call.hubId !== call.caller.hubId) throw new Forbidden("The request names another hub than the caller's.");
    const person = await this.people.findInHub(call.caller.hubId, call.caller.personId);
    if (!person) throw new Unauthenticated('This account no longer exists.');
    return this.views.principalOf(person);
  }
}
