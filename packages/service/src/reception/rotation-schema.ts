import { RotationParamsSchema } from '@zhidu/attribution';
import { z } from 'zod';
import { CitationSchema } from '../shared.js';

/**
 * Rotation reception (轮流接待) section of a service policy: the parameters of attribution's
 * `ReceptionRotation` (the one rotation of zhidu: `creditBusySkips`, `resets`, `consumesTurn` keyed by
 * attribution's `ReceptionKindSchema`) and the citations service's traces carry.
 */
export const RotationSectionSchema = z.strictObject({
  citations: z.strictObject({
    rotation: CitationSchema,
    standby: CitationSchema,
    skip: CitationSchema,
    turns: CitationSchema,
    intake: CitationSchema,
  }),
  ...RotationParamsSchema.shape,
});
/** Rotation section of a service policy. */
export type RotationSection = z.output<typeof RotationSectionSchema>;
