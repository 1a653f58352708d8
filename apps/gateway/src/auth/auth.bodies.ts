import { z } from 'zod';
import { Authenticate } from '@cirkel/contracts';

/** `POST /auth/login`: the body partners.authenticate checks. */
export const loginBodySchema = Authenticate.input;
export type LoginBody = z.input<typeof loginBodySchema>;

/** `POST /auth/refresh`: answered by the gateway itself. */
export const refreshBodySchema = z.strictObject({ refreshToken: z.string().min(20).max(200) });
export type RefreshBody = z.input<typeof refreshBodySchema>;
