// Writes one scenario per preset that pins every timer's `repeat` switch (issue 13):
//
//   node packages/sla/scripts/repeat-scenarios.mjs            writes the files
//   node packages/sla/scripts/repeat-scenarios.mjs --check    exits 1 when a file is stale
//
// The reading it pins comes from the regulations, not from the engine: a construction milestone
// (000 L350–L450) happens once per building or project, and a property-service request of
// regulation 004 is one request per subject (a new request is a new subject). So a start event for a
// subject whose clock already stopped is a data error: the clock does not start again, and the
// instance records the anomaly `start_after_completion`. With `repeat: true` the second start would
// open a new cycle instead, and the first instance would carry no such anomaly — the scenario then
// fails, which is what pins `repeat: false` of every timer. The two clocks construction-000 restarts
// per round (M31 contractor replies, 000 L455; M35 recalculations, 000 L465: `repeat: true`) expect
// the new cycle instead, which pins their `repeat: true` the other way.
//
// Per timer: a subject `again-<timer id>`, its start event(s) at 10:00 on Monday 4 March 2024, its
// stop event(s) a minute later, and the start again a minute after that. The events carry the
// attributes the timer's `appliesWhen` and start conditions ask for, so that exactly this timer
// (and any sharing its row) runs for the subject. Only the events and attributes come from the
// preset: the expected anomaly is the regulation's reading above.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

const PRESETS = {
  'construction-000': {
    ids: 'S000-MILESTONE',
    why: '工程节点每栋楼/每个项目只发生一次（000 L350–L450）',
    whyEn: 'a construction milestone happens once per building or project (000 L350–L450)',
  },
  'property-service-004': {
    ids: 'S004-SLA',
    why: '每次报修/请求是一个对象，新的请求是新的对象（004 时限表）',
    whyEn: 'each request of the 004 time-limit tables is one subject; a new request is a new subject',
  },
  // The variant reads T3-04's 10 minutes to restore traffic from the report (C6, 004 L58): its
  // restore clock starts on `request`, so the base file (which starts it on `arrive`) says nothing
  // about the variant and is left out of its inherited scenarios. The reading of `repeat` is the
  // same: one report is one subject.
  'property-service-004-restore-from-request': {
    ids: 'S004-SLA',
    why: '每次报修/请求是一个对象，新的请求是新的对象（004 时限表；車場阻塞自报告起计 10 分钟恢复）',
    whyEn:
      'each request of the 004 time-limit tables is one subject; a new request is a new subject (car-park restore timed from the report)',
  },
};

/** Attribute values that satisfy one condition (equals / in / gte / gt / lt / lte / exists; notIn holds when absent). */
function satisfy(cond, attrs) {
  const a = cond.attribute;
  if (typeof a !== 'string') return;
  if (cond.exists === true) {
    attrs[a] ??= a.endsWith('At') ? at(24 * 60) : 'yes';
  } else if ('equals' in cond) attrs[a] = cond.equals;
  else if (Array.isArray(cond.in)) attrs[a] = cond.in[0];
  else if ('gte' in cond) attrs[a] = cond.gte;
  else if ('gt' in cond) attrs[a] = cond.gt + 1;
  else if ('lt' in cond) attrs[a] = cond.lt - 1;
  else if ('lte' in cond) attrs[a] = cond.lte;
}

const T0 = Date.parse('2024-03-04T10:00:00+08:00');
const at = (minutes) => {
  const d = new Date(T0 + minutes * 60_000 + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 16)}+08:00`;
};

export function scenarioFor(name) {
  const preset = JSON.parse(readFileSync(join(root, 'presets', `${name}.json`), 'utf8'));
  const events = [];
  const expected = [];
  const rules = new Set();
  for (const t of preset.params.timers) {
    const attrs = {};
    for (const c of t.appliesWhen ?? []) satisfy(c, attrs);
    const starts = t.startMode === 'all' ? t.start : [t.start[0]];
    for (const m of starts) for (const c of m.when ?? []) satisfy(c, attrs);
    // The target's first case, and the instant a relative target reads: a day after the start.
    for (const c of t.target.cases?.[0]?.when ?? []) satisfy(c, attrs);
    if (t.target.kind === 'relative') attrs[t.target.attribute] ??= at(24 * 60);
    const stops = t.stopMode === 'all' ? t.stop : t.stop.slice(0, 1);
    for (const m of stops) for (const c of m.when ?? []) satisfy(c, attrs);
    if (stops.length === 0) continue;
    const subject = `again-${t.id}`;
    const ev = (type, minutes) => ({
      type,
      subject,
      at: at(minutes),
      ...(Object.keys(attrs).length > 0 ? { attributes: attrs } : {}),
    });
    for (const m of starts) events.push(ev(m.type, 0));
    for (const m of stops) events.push(ev(m.type, 1));
    for (const m of starts) events.push(ev(m.type, 2));
    const again = new Date(T0 + 2 * 60_000).toISOString();
    expected.push(
      t.repeat === true
        ? // A clock the regulation restarts per round (M31 replies, M35 recalculations): a new cycle, past its due time by `now` as nothing stops it.
          { timerId: t.id, subject, startedAt: again, status: 'breached' }
        : {
            timerId: t.id,
            subject,
            anomalies: { $contains: [{ kind: 'start_after_completion', at: again }] },
          },
    );
    rules.add(t.rule);
  }
  const info = PRESETS[name];
  return {
    $schema: '../../../core/schema/scenario.schema.json',
    name: `${name}: a clock that stopped does not start again for the same subject (${[...rules].sort().join(', ')})`,
    description: `${info.why}. ${info.whyEn}: every timer is started, stopped a minute later and started again; the second start is recorded as the anomaly start_after_completion and opens no new deadline. Written by packages/sla/scripts/repeat-scenarios.mjs; pins each timer's repeat: false.`,
    rules: [...rules].sort(),
    module: 'sla.timers',
    preset: name,
    context: { now: '2024-12-31T12:00:00+08:00' },
    input: { events },
    expected: { result: { $contains: expected } },
  };
}

/** The presets this script writes a scenario for. */
export const REPEAT_PRESETS = Object.keys(PRESETS);

/** Where the scenario of one preset is written, and its text. */
export function scenarioFile(name) {
  return {
    file: join(root, 'scenarios', name, 'start-again-after-completion.scenario.json'),
    text: `${JSON.stringify(scenarioFor(name), null, 2)}\n`,
  };
}

function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const name of REPEAT_PRESETS) {
    const { file, text } = scenarioFile(name);
    let old = '';
    try {
      old = readFileSync(file, 'utf8');
    } catch {}
    if (old === text) continue;
    if (check) {
      console.error(`stale: ${file} (run node packages/sla/scripts/repeat-scenarios.mjs)`);
      stale++;
    } else {
      writeFileSync(file, text);
      console.log(`wrote ${file}`);
    }
  }
  if (stale > 0) process.exit(1);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
