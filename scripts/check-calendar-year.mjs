// Warns (exit 0) when the embedded PRC holiday data of @zhidu/calendar-cn does not cover the next
// calendar year, so a release with the new State Council notice is prepared before New Year.
// Uses the real clock on purpose: this is a CI reminder, not rule code.
//   node scripts/check-calendar-year.mjs            (--year YYYY to check another year)
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const i = args.indexOf('--year');
const year = i >= 0 ? Number(args[i + 1]) : new Date().getUTCFullYear() + 1;
if (!Number.isInteger(year)) {
  console.error(`check-calendar-year: --year needs a four-digit year, got ${args[i + 1]}`);
  process.exit(2);
}
const data = readFileSync(new URL('../packages/calendar-cn/src/data/statutory.ts', import.meta.url), 'utf8');
const years = [...data.matchAll(/"year": (\d{4})/g)].map((m) => Number(m[1]));
const last = Math.max(...years);
if (years.includes(year)) {
  console.log(`calendar: the embedded PRC holiday data covers ${year} (data ${Math.min(...years)}–${last}).`);
} else {
  const message = `the embedded PRC holiday data ends in ${last} and does not cover ${year}: once the State Council publishes the ${year} notice, upgrade chinese-days and run node packages/calendar-cn/scripts/generate.mjs; until then users need a notice file (zhidu calendar import) or outsideData 'provisional'/'weekdays'.`;
  // GitHub Actions shows ::warning lines as annotations; elsewhere it is a plain warning line.
  console.log(
    process.env.GITHUB_ACTIONS ? `::warning title=calendar::${message}` : `WARNING calendar: ${message}`,
  );
}
