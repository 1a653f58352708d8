import { z } from 'zod';
import { Authenticate } from '@cirkel/contracts';

/** `POST /auth/login`: the body partners.authenticate checks. */
export const LoginBody = Authenticate.schema;
export type LoginBody = z.input<typeof LoginBody>;

/** `POST /auth/refresh`: answered by the gateway itself. */
export const RefreshBody = z.strictObject({ refreshToken: z.string().min(20).max(200) });
export type RefreshBody = z.input<typeof RefreshBody>;
