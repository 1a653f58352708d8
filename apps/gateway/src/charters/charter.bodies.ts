import { z } from 'zod';
import { GetHub, PublishCharter } from '@cirkel/contracts';

/** `GET /charters/current`: anonymous callers name their hub by its code. */
export const currentCharterQuerySchema = z.strictObject({ hub: GetHub.input.shape.slug.optional() });
export type CurrentCharterQuery = z.input<typeof currentCharterQuerySchema>;

export const charterBodySchema = PublishCharter.input;
export type CharterBody = z.input<typeof charterBodySchema>;
