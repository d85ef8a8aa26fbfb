import { compareDeadlines, fineSplits, RECEIVED_AT } from './report.js';

console.log(`A complaint received at ${RECEIVED_AT} (the last workday before the National Day week)\n`);
// CJK characters take two columns in a terminal.
const columns = (s: string) => [...s].reduce((n, ch) => n + ((ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);
const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - columns(s)));
const rows = compareDeadlines();
const width = Math.max(...rows.map((r) => columns(r.label)));
console.log(`${pad('limit', width)}  ${pad('PRC statutory', 16)}  Mon–Fri only`);
for (const r of rows) console.log(`${pad(r.label, width)}  ${pad(r.prc, 16)}  ${r.weekdays}`);
console.log('\nMon–Fri ignores the holiday week (1–8 Oct) and the make-up Saturday 11 Oct (调休补班).\n');
for (const s of fineSplits()) {
  console.log(`¥100.00 fine split ${s.shares.join(' / ')}: ${s.parts.join(' + ')}`);
}
