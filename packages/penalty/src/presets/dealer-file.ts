import dealerFile from '../../presets/dealer-file.json' with { type: 'json' };
import { defineSchedule, type FineSchedule } from '../schedule.js';

// S000-PENALTY-09: "未在一个工作日内改正的,视同再次违规,可予以同额同等再次处罚,以此类推,直至改正".
// Re-charges count toward the monthly tally (catalog S000-PENALTY-06 (d)). The clause says 可 (may);
// the catalog's worked examples add them to the total, so they are charged — a company that wants a
// human to confirm each one sets `repeatUntilCorrected.status` to 'proposed' in its copy of the JSON.
// A late handover that has been made needs no correction: only an explicit order starts its clock
// (`clockStartsAt: 'order'`); a defective file's clock starts at the finding.

/**
 * The dealer customer-file fine schedule of seed 000 lines 245–265 (4S店用户档案管理: 罚则 1–10),
 * pricing the `records.*` violation codes:
 * - late handover: sales consultant 50 CNY per vehicle occasion after 3 working days (S000-PENALTY-01),
 *   service advisor 50 CNY after 1 working day (S000-PENALTY-04);
 * - missing customer signature on inspection documents: sales consultant 20 CNY per item (S000-PENALTY-02);
 * - contact person not confirmed at intake: 50 CNY per vehicle occasion (S000-PENALTY-03);
 * - service advisor's paper file: 20 CNY per missing/defective item, 50 per missing customer
 *   signature, 20 per missing internal signature (S000-PENALTY-05);
 * - doubling within a calendar month from the 2nd (sales) / 3rd (service) violation, and a
 *   discretionary 10–30 % of the service advisor's performance pay at the 3rd (S000-PENALTY-06/07);
 * - 20 CNY per lost or damaged piece (S000-PENALTY-08);
 * - the same fine again for every working day without correction (S000-PENALTY-09);
 * - levied by the customer director; the archive admin orders corrections (S000-PENALTY-11).
 *
 * Working days come from the assessment context: pass `chinaCalendar()` (statutory holidays and 调休).
 *
 * @returns the validated schedule, from `presets/dealer-file.json` (a new object on every call)
 * @example
 * const schedule = dealerFileSchedule();
 * schedule.params.items.find((i) => i.rule === 'S000-PENALTY-01')?.charges[0]?.outcome; //=> { kind: 'fine', amount: 5000, per: 'item' }
 */
export function dealerFileSchedule(): FineSchedule {
  return defineSchedule(dealerFile);
}
