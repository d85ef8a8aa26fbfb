import { expectArray, parseInput, setOwn, ZhiduError } from '@zhidu/core';
import { z } from 'zod';

/** A register number in the form this function gives: the year, a hyphen, the sequence (four digits or more). */
const REGISTER_NO = /^(\d{4})-(\d{4,})$/;

const RegisterComplaintSchema = z.strictObject({
  id: z.string().min(1),
  year: z.number().int().min(1000).max(9999),
  registerNo: z.string().min(1).optional(),
});
const RegisterComplaintsSchema = z.array(RegisterComplaintSchema);
const ExistingNumbersSchema = z.array(z.string().min(1));

/**
 * Assigns unified register numbers (统一编号, 002 §3.4.3) to complaints in the order given,
 * company-wide per year: `2024-0001`, `2024-0002`… A year's sequence continues after the highest
 * number of that year already used — in `existing`, or given to an earlier complaint as its
 * `registerNo` — counting only numbers of the form `YYYY-NNNN` (four digits or more); a number of
 * another form is only kept from being given twice.
 *
 * @param complaints - ids (each once) and receipt years (four digits), in registration order; a
 *   complaint that already has its number gives it as `registerNo`
 * @param existing - numbers already used (a duplicate is refused)
 * @returns the numbers by complaint id
 * @throws ZhiduError `invalid_input` / `unknown_key` for a malformed complaint or number (at
 *   `complaints[i]…` or `existing[i]`); `duplicate` for a number used twice (at
 *   `complaints[i].registerNo`) or an id given twice (at `complaints[i].id`)
 * @example
 * assignRegisterNumbers([{ id: 'a', year: 2024 }, { id: 'b', year: 2024 }]); //=> { a: '2024-0001', b: '2024-0002' }
 * assignRegisterNumbers([{ id: 'a', year: 2024, registerNo: '2024-0007' }, { id: 'b', year: 2024 }]);
 * //=> { a: '2024-0007', b: '2024-0008' }
 */
export function assignRegisterNumbers(
  complaints: readonly { id: string; year: number; registerNo?: string }[],
  existing: readonly string[] = [],
): Record<string, string> {
  expectArray(complaints, ['complaints'], 'object');
  expectArray(existing, ['existing']);
  const list = parseInput(RegisterComplaintsSchema, complaints, ['complaints']);
  const used = new Set(parseInput(ExistingNumbersSchema, existing, ['existing']));
  const seq = new Map<number, number>();
  /** A number of the form `YYYY-NNNN` advances its year's sequence to it. */
  const advance = (no: string): void => {
    const m = REGISTER_NO.exec(no);
    if (m === null) return;
    const year = Number(m[1]);
    seq.set(year, Math.max(seq.get(year) ?? 0, Number(m[2])));
  };
  for (const n of used) advance(n);
  const out: Record<string, string> = {};
  const ids = new Set<string>();
  list.forEach((c, i) => {
    if (ids.has(c.id))
      throw new ZhiduError(
        'duplicate',
        ['complaints', i, 'id'],
        `投诉 ${c.id} 出现了两次 / complaint ${c.id} is listed twice`,
      );
    ids.add(c.id);
    let no = c.registerNo;
    if (no === undefined) {
      const next = (seq.get(c.year) ?? 0) + 1;
      seq.set(c.year, next);
      no = `${c.year}-${String(next).padStart(4, '0')}`;
    }
    if (used.has(no))
      throw new ZhiduError(
        'duplicate',
        ['complaints', i, 'registerNo'],
        `登记编号 ${no} 已被使用（DUPLICATE_REGISTER_NO） / register number ${no} is already used (DUPLICATE_REGISTER_NO)`,
      );
    used.add(no);
    advance(no);
    setOwn(out, c.id, no);
  });
  return out;
}
