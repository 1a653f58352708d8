import { ChangeLanguage, GetMe, HubView, MeView, RequestPasswordReset } from '@cirkel/contracts';
import { PartnersTestApp } from './partners-test-app';

/** A person's language, kept by partners: the web app's wherever they log in, and their e-mails'. */
let sut: PartnersTestApp;
let hub: HubView;

beforeAll(async () => {
  sut = await PartnersTestApp.start();
  hub = await sut.hub('taal', 'Taal');
});

afterAll(() => sut?.stop());

it('keeps the language a person chooses: the me answer says it, and their next e-mail is written in it', async () => {
  const { identity } = await sut.register(hub); // registered in Dutch
  const caller = identity.caller;
  expect((await sut.send<MeView>(GetMe, {}, { caller })).person.language).toBe('nl');

  const changed = await sut.send<MeView>(ChangeLanguage, { language: 'en' }, { caller });
  expect(changed.person).toMatchObject({ id: caller.personId, language: 'en' });
  expect((await sut.send<MeView>(GetMe, {}, { caller })).person.language).toBe('en');

  const email = changed.person.email;
  await sut.send(RequestPasswordReset, { email });
  const [mail] = await sut.query<{ language: string }>(`SELECT language FROM email_delivery WHERE kind = 'password-reset' AND to_address = $1`, [email]);
  expect(mail.language).toBe('en');

  await sut.send(ChangeLanguage, { language: 'nl' }, { caller });
  expect((await sut.send<MeView>(GetMe, {}, { caller })).person.language).toBe('nl');
});

it('refuses a language it does not speak (400) and an anonymous caller (401), changing nothing', async () => {
  const { identity } = await sut.register(hub);
  const caller = identity.caller;
  expect(await sut.problem(ChangeLanguage, { language: 'fr' }, { caller })).toMatchObject({ status: 400, errors: [{ field: 'language' }] });
  expect(await sut.problem(ChangeLanguage, { language: 'en', personId: caller.personId }, { caller })).toMatchObject({ status: 400 });
  expect(await sut.problem(ChangeLanguage, { language: 'en' })).toMatchObject({ status: 401 });
  expect((await sut.send<MeView>(GetMe, {}, { caller })).person.language).toBe('nl');
});
