import { makeContext } from '@zhidu/core';
import { creditDecisionTableModule } from '@zhidu/credit';
import { evaluate } from '@zhidu/modules';
const groups = [['3S', '3A'], ['3B', '3C'], ['2A'], ['2B', '2C'], ['1A', '1B', '1C']];
const tierOf = (g, b) => (g === 0 && b >= 5 ? 'vip' : g <= 2 && b >= 3 ? 'preferred' : 'qualified');
const rules = [];
groups.forEach((levels, g) => { for (let b = 0; b < 10; b++) rules.push({ id: `g${g}b${b}`, when: { hospitalLevel: { in: levels }, annualBusinessWan: b === 9 ? { gte: 900 } : { gte: b * 100, lt: (b + 1) * 100 } }, result: { tier: tierOf(g, b), points: (5 - g) * 10 + b } }); });
const table = creditDecisionTableModule.compile({ id: 'b', version: '1', effectiveFrom: '2024-01-01', source: { title: 'b' }, params: { id: 'b', hitPolicy: 'first', inputs: [{ name: 'hospitalLevel', type: 'string' }, { name: 'annualBusinessWan', type: 'number' }], outputs: [{ name: 'tier', type: 'string' }, { name: 'points', type: 'number' }], rules } });
const levels = groups.flat();
const inputs = Array.from({ length: 10000 }, (_, i) => ({ hospitalLevel: levels[i % levels.length], annualBusinessWan: (i * 37) % 1100 }));
let k = 0; let sink = 0;
const now = '2024-07-01T09:00:00+08:00';
for (let n = 0; n < 3_000_000; n++) { k = (k + 1) % inputs.length; if (evaluate('credit.decision-table', { facts: inputs[k] }, table, { now }) !== null) sink++; }
