import { expectArray, ZhiduError } from '@zhidu/core';

/**
 * Assigns unified register numbers (统一编号, 002 §3.4.3) to complaints in the order given,
 * company-wide per year: `2024-0001`, `2024-0002`…
 *
 * @param complaints - ids and receipt years, in registration order
 * @param existing - numbers already used (a duplicate is refused)
 * @returns the numbers by complaint id
 * @example
 * assignRegisterNumbers([{ id: 'a', year: 2024 }, { id: 'b', year: 2024 }]); //=> { a: '2024-0001', b: '2024-0002' }
 */
export function assignRegisterNumbers(
  complaints: readonly { id: string; year: number; registerNo?: string }[],
  existing: readonly string[] = [],
): Record<string, string> {
  expectArray(complaints, ['complaints'], 'object');
  expectArray(existing, ['existing']);
  const used = new Set(existing);
  const seq = new Map<number, number>();
  for (const n of existing) {
    const [y, s] = n.split('-');
    if (y && s) seq.set(Number(y), Math.max(seq.get(Number(y)) ?? 0, Number(s)));
  }
  const out: Record<string, string> = {};
  complaints.forEach((c, i) => {
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
    out[c.id] = no;
  });
  return out;
}
