import { z } from 'zod';
import { view } from '@cirkel/contracts';

/** The gateway's answer to logging out (`POST /auth/logout`) and to ending every login (`DELETE /me/sessions`). */
export const loginsEndedViewSchema = view(
  'LoginsEndedView',
  z.object({ ended: z.number().int().min(0).describe('How many logins (refresh-token families) this ended; their access tokens live out their minutes.') }),
);
export type LoginsEndedView = z.infer<typeof loginsEndedViewSchema>;
