// 鹭岛百货's customer-service desk (fictitious) on the zhidu HTTP service: the server starts in this
// process on 127.0.0.1, a fetch client files complaints, records their events, lists timers due and
// breaches, reads the month's fines per person, and the server stops itself.
//   npx -y pnpm@10.34.9 --filter @zhidu/example-complaint-desk start
import { COMPLAINT_PRESET, COMPLAINTS, FINES_POLICY, NOW, PERIOD, runDesk, STAFF } from './desk.js';

const name = (id: string): string => STAFF[id] ?? id;

console.log('鹭岛百货客户服务部 Ludao Department Store customer service (fictitious)');
console.log(
  `policies 政策: sla.timers/${COMPLAINT_PRESET} (投诉7日内结案 S000-COMPLAINT-17), penalty.ledger ${String(FINES_POLICY.id)}`,
);
console.log(`now 当前: ${NOW}; the service on 127.0.0.1 (a free port), its store on PGlite in memory\n`);

const report = await runDesk();
console.log(`GET /healthz → ok: ${report.health.ok}\n`);

console.log('受理投诉 Complaints filed (POST /v1/sla.timers/streams/complaint:<id>/events):');
for (const c of COMPLAINTS) {
  const after = c.later.map(
    (e) =>
      `${e.type === 'closed' ? '结案 closed' : '客户原因驳回 rejected, customer’s cause'} ${e.at.slice(5, 16).replace('T', ' ')}`,
  );
  console.log(
    `  ${c.id}  ${c.receivedAt.slice(5, 16).replace('T', ' ')}  ${name(c.specialist)}  ${c.summary}${after.length > 0 ? `  → ${after.join(', ')}` : ''}`,
  );
}
console.log(
  `  the form of ${COMPLAINTS[0]?.id} sent again with its idempotency key: replayed ${report.retry.replayed}, stream version ${report.retry.version}\n`,
);

console.log('一周内到期 Timers due in the coming week (GET /v1/timers/due):');
for (const t of report.due) console.log(`  ${t.complaint}  due 到期 ${t.dueAt}  ${t.status}`);

console.log(`\n超时 Breaches of ${PERIOD} (GET /v1/violations?period=${PERIOD}&moduleId=sla.timers):`);
for (const b of report.breaches)
  console.log(
    `  ${b.complaint}  ${name(b.personId)}  ${b.daysLate} day(s) late 逾期${b.daysLate}日  (${b.rule})`,
  );

console.log(`\n本月罚款 The month's fines per person (GET /v1/ledgers/<person>/${PERIOD}):`);
for (const f of report.fines) {
  console.log(`  ${f.name} (${f.personId}): ${f.total}`);
  for (const l of f.lines) console.log(`      ${l}`);
}

console.log('\n拒绝的请求 Requests refused (nothing written):');
for (const r of report.refused)
  console.log(`  ${r.what}: HTTP ${r.status} ${r.code} at ${JSON.stringify(r.path)}`);
console.log(`  events on complaint:LD-0319 afterwards: ${report.refusedStreamEvents}`);
console.log('\nserver stopped 服务已停止.');
