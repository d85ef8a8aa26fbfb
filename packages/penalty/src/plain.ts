import { plainConstructor, type TraceEntry, type Violation } from '@zhidu/core';
import type { Line, PeriodLedger, PersonLedger } from './ledger.js';
import type { Entry } from './matching.js';
import type { DraftLine } from './outcomes.js';
import type { FineItem } from './schedule.js';

/*
 * The objects a ledger keeps, built by `new` on constructors whose prototype is `Object.prototype`
 * instead of object literals: the same plain objects (prototype `Object.prototype`, `constructor`
 * `Object`, own enumerable data keys in the same order, the same JSON), made without a V8
 * allocation site. A bulk ledger's lines, trace entries, notes and parsed violations all outlive a
 * young-generation collection during the call that builds them; a literal's site whose objects did
 * so once has every later object allocated in the old generation for the rest of the process
 * ("pretenured", never reverted), so the short-lived ledgers of later calls filled the old
 * generation and paid its collections. `new` on a constructor has no allocation site (issue 21;
 * the same cure as @zhidu/records' decisions).
 *
 * Each constructor assigns its keys in the order of the literal it replaces; an optional key is
 * assigned by the caller after construction, as before.
 */

/** `{ rule, clause, message, data }`, a trace entry. */
export const Entry4 = plainConstructor(function Entry4(
  this: TraceEntry,
  rule: string,
  clause: string | undefined,
  message: TraceEntry['message'],
  data: Record<string, unknown>,
) {
  this.rule = rule;
  this.clause = clause;
  this.message = message;
  this.data = data;
});

/** `{ line, amount }`, a ledger line's trace data. */
export const LineData = plainConstructor(function LineData(
  this: Record<string, unknown>,
  line: string,
  amount: number,
) {
  this.line = line;
  this.amount = amount;
});

/** `{ personId, period, total }`, a period total's trace data. */
export const PeriodData = plainConstructor(function PeriodData(
  this: Record<string, unknown>,
  personId: string,
  period: string,
  total: number,
) {
  this.personId = personId;
  this.period = period;
  this.total = total;
});

/** `{ min, max, count }`. */
export const MinMaxCount = plainConstructor(function MinMaxCount(
  this: { min: number | null; max: number | null; count: number },
  min: number | null,
  max: number | null,
  count: number,
) {
  this.min = min;
  this.max = max;
  this.count = count;
});

/** `{ min, max }`. */
export const MinMax = plainConstructor(function MinMax(
  this: { min: number; max: number },
  min: number,
  max: number,
) {
  this.min = min;
  this.max = max;
});

/** `{ personId, periods, total }`, a person's ledger. */
export const PersonRecord = plainConstructor(function PersonRecord(
  this: PersonLedger,
  personId: string,
  periods: PeriodLedger[],
  total: number,
) {
  this.personId = personId;
  this.periods = periods;
  this.total = total;
});

/** A period's ledger before its sums: `{ period, lines, total, proposed, discretionary, demotionGrades, withheld, openItems }`. */
export const PeriodRecord = plainConstructor(function PeriodRecord(
  this: PeriodLedger,
  period: string,
  lines: Line[],
) {
  this.period = period;
  this.lines = lines;
  this.total = 0;
  this.proposed = 0;
  this.discretionary = new MinMaxCount(0, 0, 0);
  this.demotionGrades = new MinMax(0, 0);
  this.withheld = 0;
  this.openItems = 0;
});

/** `{ v, index, item }`, a matched violation. */
export const MatchedEntry = plainConstructor(function MatchedEntry(
  this: Entry,
  v: Violation,
  index: number,
  item: FineItem | undefined,
) {
  this.v = v;
  this.index = index;
  this.item = item;
});

/*
 * The bulk shape of a fine line (a role, a subject, the violator's own fine counted in a tally), one
 * constructor per key set, as there was one literal per key set: every object of a constructor has
 * the same keys, so V8 sizes them to hold all of them in the object (a key added past the size
 * V8 settled on would go to a separate property store).
 */

/** A bulk fine line outside every tier step. */
export const BulkFineLine = plainConstructor(function BulkFineLine(
  this: DraftLine & { id?: string },
  personId: string,
  period: string,
  at: string,
  item: string,
  rule: string,
  clause: string,
  code: string,
  violatorId: string,
  status: DraftLine['status'],
  amount: number,
  arithmetic: string,
  base: number,
  units: number,
  message: { zh: string; en: string },
  role: string,
  subject: { kind: string; id: string },
  tallyIndex: number,
) {
  this.personId = personId;
  this.period = period;
  this.at = at;
  this.item = item;
  this.rule = rule;
  this.clause = clause;
  this.code = code;
  this.violatorId = violatorId;
  this.kind = 'fine';
  this.status = status;
  this.amount = amount;
  this.arithmetic = arithmetic;
  this.base = base;
  this.units = units;
  this.message = message;
  this.role = role;
  this.subject = subject;
  this.tallyIndex = tallyIndex;
});

/** A bulk fine line outside every tier step, with the `id` slot (empty until filed). */
export const BulkFineLineId = plainConstructor(function BulkFineLineId(
  this: DraftLine & { id?: string },
  personId: string,
  period: string,
  at: string,
  item: string,
  rule: string,
  clause: string,
  code: string,
  violatorId: string,
  status: DraftLine['status'],
  amount: number,
  arithmetic: string,
  base: number,
  units: number,
  message: { zh: string; en: string },
  role: string,
  subject: { kind: string; id: string },
  tallyIndex: number,
) {
  this.personId = personId;
  this.period = period;
  this.at = at;
  this.item = item;
  this.rule = rule;
  this.clause = clause;
  this.code = code;
  this.violatorId = violatorId;
  this.kind = 'fine';
  this.status = status;
  this.amount = amount;
  this.arithmetic = arithmetic;
  this.base = base;
  this.units = units;
  this.message = message;
  this.role = role;
  this.subject = subject;
  this.tallyIndex = tallyIndex;
  this.id = '';
});

/** A bulk fine line the tier multiplied (`multiplier`). */
export const BulkFineLineTimes = plainConstructor(function BulkFineLineTimes(
  this: DraftLine & { id?: string },
  personId: string,
  period: string,
  at: string,
  item: string,
  rule: string,
  clause: string,
  code: string,
  violatorId: string,
  status: DraftLine['status'],
  amount: number,
  arithmetic: string,
  base: number,
  units: number,
  message: { zh: string; en: string },
  role: string,
  subject: { kind: string; id: string },
  tallyIndex: number,
  multiplier: number,
) {
  this.personId = personId;
  this.period = period;
  this.at = at;
  this.item = item;
  this.rule = rule;
  this.clause = clause;
  this.code = code;
  this.violatorId = violatorId;
  this.kind = 'fine';
  this.status = status;
  this.amount = amount;
  this.arithmetic = arithmetic;
  this.base = base;
  this.units = units;
  this.message = message;
  this.role = role;
  this.subject = subject;
  this.tallyIndex = tallyIndex;
  this.multiplier = multiplier;
});

/** A bulk fine line the tier multiplied, with the `id` slot (empty until filed). */
export const BulkFineLineTimesId = plainConstructor(function BulkFineLineTimesId(
  this: DraftLine & { id?: string },
  personId: string,
  period: string,
  at: string,
  item: string,
  rule: string,
  clause: string,
  code: string,
  violatorId: string,
  status: DraftLine['status'],
  amount: number,
  arithmetic: string,
  base: number,
  units: number,
  message: { zh: string; en: string },
  role: string,
  subject: { kind: string; id: string },
  tallyIndex: number,
  multiplier: number,
) {
  this.personId = personId;
  this.period = period;
  this.at = at;
  this.item = item;
  this.rule = rule;
  this.clause = clause;
  this.code = code;
  this.violatorId = violatorId;
  this.kind = 'fine';
  this.status = status;
  this.amount = amount;
  this.arithmetic = arithmetic;
  this.base = base;
  this.units = units;
  this.message = message;
  this.role = role;
  this.subject = subject;
  this.tallyIndex = tallyIndex;
  this.multiplier = multiplier;
  this.id = '';
});

/** A fine line's first fifteen keys (the general shape; optional keys are added after). */
export const FineLine = plainConstructor(function FineLine(
  this: DraftLine,
  personId: string,
  period: string,
  at: string,
  item: string,
  rule: string,
  clause: string,
  code: string,
  violatorId: string,
  status: DraftLine['status'],
  amount: number,
  arithmetic: string,
  base: number,
  units: number,
  message: { zh: string; en: string },
) {
  this.personId = personId;
  this.period = period;
  this.at = at;
  this.item = item;
  this.rule = rule;
  this.clause = clause;
  this.code = code;
  this.violatorId = violatorId;
  this.kind = 'fine';
  this.status = status;
  this.amount = amount;
  this.arithmetic = arithmetic;
  this.base = base;
  this.units = units;
  this.message = message;
});

/** `{ entry, tally, lines }`, an escalation note. */
export const Note = plainConstructor(function Note(
  this: { entry: TraceEntry; tally: string; lines: DraftLine[] },
  entry: TraceEntry,
  tally: string,
  lines: DraftLine[],
) {
  this.entry = entry;
  this.tally = tally;
  this.lines = lines;
});

/**
 * An escalation entry's data: `{ personId, period, tallyIndex, <step>, escalation, lines }`, the step
 * key named by `stepKey` (`multiplier`, `add`, `amount` or `outcome`).
 */
export const EscalationData = plainConstructor(function EscalationData(
  this: Record<string, unknown>,
  personId: string,
  period: string,
  tallyIndex: number,
  stepKey: 'multiplier' | 'add' | 'amount' | 'outcome',
  step: unknown,
  escalation: string,
  lines: readonly string[],
) {
  this.personId = personId;
  this.period = period;
  this.tallyIndex = tallyIndex;
  if (stepKey === 'multiplier') this.multiplier = step;
  else if (stepKey === 'add') this.add = step;
  else if (stepKey === 'amount') this.amount = step;
  else this.outcome = step;
  this.escalation = escalation;
  this.lines = lines;
});

/**
 * A violation of the shape bulk emitters give (every optional field but the department and data),
 * keys in the schema's order.
 */
export const BulkViolation = plainConstructor(function BulkViolation(
  this: Record<string, unknown>,
  code: string,
  personId: string,
  role: string,
  occurredAt: string,
  quantity: number,
  lateBy: Record<string, unknown>,
  subject: { kind: string; id: string },
  source: Record<string, unknown>,
  correctedAt: string,
) {
  this.code = code;
  this.personId = personId;
  this.role = role;
  this.occurredAt = occurredAt;
  this.quantity = quantity;
  this.lateBy = lateBy;
  this.subject = subject;
  this.source = source;
  this.correctedAt = correctedAt;
});

/** `{ unit, units }`, a lateness without its milliseconds (with them: core's `LateBy`). */
export const LateByUnits = plainConstructor(function LateByUnits(
  this: { unit: string; units: number },
  unit: string,
  units: number,
) {
  this.unit = unit;
  this.units = units;
});

/** `{ kind, id }`, a violation's subject. */
export const Subject = plainConstructor(function Subject(
  this: { kind: string; id: string },
  kind: string,
  id: string,
) {
  this.kind = kind;
  this.id = id;
});

/** `{ module, rule }`. */
export const Source = plainConstructor(function Source(
  this: { module: string; rule: string },
  module: string,
  rule: string,
) {
  this.module = module;
  this.rule = rule;
});

/** `{ module, rule, clause }`. */
export const SourceClause = plainConstructor(function SourceClause(
  this: { module: string; rule: string; clause: string },
  module: string,
  rule: string,
  clause: string,
) {
  this.module = module;
  this.rule = rule;
  this.clause = clause;
});
