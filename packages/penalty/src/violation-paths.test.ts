// An item's `match.when` and a bands `measure` read fields of the violation: a misspelt one
// (`lateby`) matched nothing and priced a 200-minute lateness by the general item, or priced every
// line as pending at 0 fen. Refused when the schedule is validated, naming the field meant.
import { describe, expect, it } from 'vitest';
import { zhiduError } from '../../core/test/helpers.js';
import { defineSchedule } from './index.js';
import { penaltyLedger } from './modules.js';

const jinma = () => structuredClone(penaltyLedger.preset('example-jinma-auto-group')) as unknown;

describe('paths into the violation in a schedule', () => {
  it('a misspelt `when` attribute is refused at its path, naming the field meant', () => {
    const s = jinma() as { params: { items: { match: { when?: unknown } }[] } };
    const item = s.params.items[1] as { match: { when?: unknown } };
    item.match.when = { all: [{ attribute: ['lateby', 'units'], gt: 120 }] };
    const e = zhiduError(() => defineSchedule(s));
    expect(e.code).toBe('invalid_input');
    expect(e.path.slice(-7)).toEqual(['items', 1, 'match', 'when', 'all', 0, 'attribute']);
    expect(e.message).toContain('a violation has no field "lateby" (lateby.units); did you mean "lateBy"?');
    expect(e.message).toContain('违规记录没有字段 lateby');
  });

  it('a field inside lateBy is checked too; data takes any key', () => {
    const s = jinma() as { params: { items: { match: { when?: unknown } }[] } };
    const item = s.params.items[1] as { match: { when?: unknown } };
    item.match.when = { attribute: ['lateBy', 'untis'], gt: 120 };
    expect(zhiduError(() => defineSchedule(s)).message).toContain('did you mean "units"?');
    item.match.when = { attribute: ['data', 'anythingAtAll'], gt: 120 };
    expect(defineSchedule(s).id).toBe('example.jinma-auto-group.penalty');
  });

  it('a misspelt bands measure is refused at charges[i].outcome.measure', () => {
    const s = jinma() as {
      params: { items: { charges: { outcome: { kind: string; measure?: unknown } }[] }[] };
    };
    const at = s.params.items.findIndex((i) => i.charges.some((c) => c.outcome.kind === 'bands'));
    expect(at).toBeGreaterThanOrEqual(0);
    const item = s.params.items[at] as {
      charges: { outcome: { kind: string; measure?: unknown; lateUnit?: unknown } }[];
    };
    const c = item.charges.findIndex((x) => x.outcome.kind === 'bands');
    const outcome = item.charges[c]?.outcome as { measure?: unknown; lateUnit?: unknown };
    outcome.measure = 'quantityy';
    delete outcome.lateUnit;
    const e = zhiduError(() => defineSchedule(s));
    expect(e.path.slice(-4)).toEqual(['charges', c, 'outcome', 'measure']);
    expect(e.message).toContain('did you mean "quantity"?');
  });
});
