import { z } from 'zod';
import { describeValue, ZhiduError } from './errors.js';
import { plainConstructor } from './plain.js';

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
 * Builds a {@link BilingualText} `{ zh, en }` with `new` (see {@link plainConstructor}): the same plain
 * object, keys and JSON as the literal, without a V8 allocation site — for rule code building many
 * trace messages in one call.
 *
 * `value instanceof BilingualText` asks for that shape (a plain object with a string `zh` and `en` of
 * its own), so it holds for a literal `{ zh, en }` too and for no other object.
 *
 * @throws ZhiduError `invalid_input` when called without `new`, or when `zh` or `en` is not a string
 * @example
 * const m = new BilingualText('已逾期', 'overdue');
 * JSON.stringify(m); //=> '{"zh":"已逾期","en":"overdue"}'
 * Object.getPrototypeOf(m) === Object.prototype; //=> true
 * ({ zh: '投诉', en: 'complaint' }) instanceof BilingualText; //=> true
 * new Date() instanceof BilingualText; //=> false
 */
export const BilingualText = plainConstructor(function BilingualText(
  this: BilingualText,
  zh: string,
  en: string,
) {
  if (new.target === undefined || typeof zh !== 'string' || typeof en !== 'string') {
    throw bilingualTextRefusal(new.target !== undefined, zh, en);
  }
  this.zh = zh;
  this.en = en;
});

// Its prototype is Object.prototype (plainConstructor), so `instanceof` would hold for every object:
// it asks for the shape instead — a plain object with a string `zh` and `en` of its own.
Object.defineProperty(BilingualText, Symbol.hasInstance, {
  value: (value: unknown): boolean =>
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    Object.hasOwn(value, 'zh') &&
    Object.hasOwn(value, 'en') &&
    typeof (value as BilingualText).zh === 'string' &&
    typeof (value as BilingualText).en === 'string',
});

/** The refusal of {@link BilingualText}'s arguments. */
function bilingualTextRefusal(withNew: boolean, zh: unknown, en: unknown): ZhiduError {
  if (!withNew) {
    return new ZhiduError(
      'invalid_input',
      [],
      'BilingualText 须用 new 调用 / BilingualText is called with new',
    );
  }
  const [key, value] = typeof zh !== 'string' ? ['zh', zh] : ['en', en];
  return new ZhiduError(
    'invalid_input',
    [key],
    `${key} 须为字符串，实际为 ${describeValue(value)} / ${key} must be a string, got ${describeValue(value)}`,
  );
}

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
