import { z } from 'zod';

/**
 * Bilingual text — every title, label and trace message carries its Chinese and English form, both
 * non-empty. The one `{ zh, en }` schema of the project: packages import it instead of restating it.
 *
 * @example
 * TextSchema.parse({ zh: '投诉', en: 'complaint' }); //=> { zh: '投诉', en: 'complaint' }
 */
export const TextSchema = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
/** Bilingual text (see {@link TextSchema}). */
export type BilingualText = z.output<typeof TextSchema>;

/**
 * Where a rule comes from: the stable catalog id (`rule`, e.g. `S000B-FOLLOWUP-04`) and the clause of
 * the regulation (`clause`, seed file and line, e.g. `000 L1021`). Policy rows carry it so that
 * traces and violations can name their source.
 *
 * @example
 * CitationSchema.parse({ rule: 'S000-ARCHIVE-07', clause: '000 L257' });
 */
export const CitationSchema = z.strictObject({
  /** Stable catalog id, e.g. `S000B-FOLLOWUP-04`. */
  rule: z.string().min(1),
  /** Seed file and line, e.g. `000 L1021`. */
  clause: z.string().min(1),
});
/** A rule citation (see {@link CitationSchema}). */
export type Citation = z.output<typeof CitationSchema>;
