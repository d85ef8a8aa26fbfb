import { milestoneToLedger } from './milestone.js';
import { ownershipClash } from './ownership.js';
import { compareDeadlines, fineSplits, RECEIVED_AT } from './report.js';

// CJK characters take two columns in a terminal.
const columns = (s: string) => [...s].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);
const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - columns(s)));

console.log('1. Deadlines on the PRC calendar (@zhidu/core + @zhidu/calendar-cn)\n');
console.log(`A complaint received at ${RECEIVED_AT} (the last workday before the National Day week)\n`);
const rows = compareDeadlines();
const width = Math.max(...rows.map((r) => columns(r.label)));
console.log(`${pad('limit', width)}  ${pad('PRC statutory', 16)}  Mon–Fri only`);
for (const r of rows) console.log(`${pad(r.label, width)}  ${pad(r.prc, 16)}  ${r.weekdays}`);
console.log('\nMon–Fri ignores the holiday week (1–8 Oct) and the make-up Saturday 11 Oct (调休补班).');

console.log('\n2. Who owns the customer? (@zhidu/attribution)\n');
const clash = ownershipClash();
console.log(`B and A both registered 李女士 on 1 March; owner: ${clash.owner}. Why:`);
for (const r of clash.reasons) console.log(`  ${r}`);

console.log('\n3. A missed milestone, timed and priced (@zhidu/sla → @zhidu/penalty)\n');
const m = milestoneToLedger();
console.log(`completion standard, 90 days after the main structure: ${m.status}`);
for (const l of m.lines) console.log(`  ${l}`);

console.log('\n4. Splitting money without losing a fen (allocate)\n');
for (const s of fineSplits()) {
  console.log(`¥100.00 split ${s.shares.join(' / ')}: ${s.parts.join(' + ')}`);
}
