import construction from '../../presets/construction.json' with { type: 'json' };
import { defineSchedule, type FineSchedule } from '../schedule.js';

// Roles of the construction-management regulation (seed 000 L349–595): emcDirector 工程管理中心总监,
// cengoHead 总工室主任, supervisingEngineer 主管专业工程师, documentClerk 资料员. The violation names the
// person answerable (usually the first role of the clause); other roles a clause fines are looked up
// in the violation's `data.parties` or the assessment roster.

/**
 * The construction and settlement fine schedule of seed 000 lines 349–595: the priced penalty
 * clauses S000-PENALTY-12…39 under codes `construction.*`, and the milestone deadlines
 * S000-MILESTONE-01…41 under the codes the timer engine emits (`sla.milestone.<rule id>`, one
 * violation per responsible role). Each role a clause names is fined in full (C5). Salary-grade
 * demotions are returned as grades (C7); ranges ("降两至三级") stay ranges for a human. No monthly
 * doubling applies: the regulation has none.
 *
 * @returns the validated schedule, from `presets/construction.json` (a new object on every call)
 * @example
 * const s = constructionSchedule();
 * s.params.items.some((i) => i.rule === 'S000-MILESTONE-01'); //=> true
 */
export function constructionSchedule(): FineSchedule {
  return defineSchedule(construction);
}
