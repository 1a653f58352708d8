import { Injectable } from '@nestjs/common';
import { Caller, Language, MeView } from '@cirkel/contracts';
import { HubService, hubView } from '../hubs/hub.service';
import { OrganisationRepository } from '../organisations/organisation.repository';
import { OrganisationViews } from '../organisations/organisation-views';
import { PersonNotFound } from '../people/people.errors';
import { PersonRepository } from '../people/person.repository';
import { PersonViews } from '../people/person-views';

/** What the web app shows of the person logged in: themselves, their hub and their organisations (with members, as they are members). */
@Injectable()
export class MeService {
  constructor(
    private readonly people: PersonRepository,
    private readonly hubs: HubService,
    private readonly organisations: OrganisationRepository,
    private readonly personViews: PersonViews,
    private readonly organisationViews: OrganisationViews,
  ) {}

  async get(caller: Caller): Promise<MeView> {
    const person = await this.people.findInHub(caller.hubId, caller.personId);
    if (!person) throw new PersonNotFound();
    const [view, hub, organisations] = await Promise.all([
      this.personViews.one(person),
      this.hubs.byId(caller.hubId),
      this.organisations.findManyInHub(caller.hubId, caller.memberships.map((m) => m.organisationId)),
    ]);
    return { person: view, hub: hubView(hub), organisations: await this.organisationViews.many(organisations, caller) };
  }

  /** The person's language from now on: the web app's and their e-mails' (notifications asks it when it sends). */
  async changeLanguage(caller: Caller, language: Language): Promise<MeView> {
    await this.people.setLanguage(caller.hubId, caller.personId, language);
    return this.get(caller);
  }
}
