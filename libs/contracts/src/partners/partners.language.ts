import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';
import { languageSchema } from '../shared/vocabulary';
import { meViewSchema } from './partners.views';

/**
 * A signed-in person chooses their language (`nl` or `en`): the web app's wherever they log in, and
 * their e-mails' (notifications asks partners for it when it sends). Answers what `GetMe` answers.
 */
export const ChangeLanguage = defineRequest('partners.change-language', {
  input: z.strictObject({ language: languageSchema }),
  answer: meViewSchema,
});
