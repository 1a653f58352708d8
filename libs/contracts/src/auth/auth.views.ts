import { z } from 'zod';
import { view } from '../shared/views';

/** The gateway's answer to `POST /auth/login` and `POST /auth/refresh`. */
export const tokenPairViewSchema = view(
  'TokenPairView',
  z.object({
    accessToken: z.string().describe('A short-lived JWT; send it as `Authorization: Bearer <accessToken>`.'),
    refreshToken: z.string().describe('Opaque, good once: `POST /auth/refresh` with it returns a new pair.'),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().describe('Seconds until the access token expires.'),
  }),
);
export type TokenPairView = z.infer<typeof tokenPairViewSchema>;
