// Types of scripts/check-guides.mjs for the TypeScript tests that import it.

/** Chinese guides not written yet, by file name under docs/ (only shrinks). */
export declare const PENDING: string[];
/** Pairs of guides whose Chinese version is not yet in step with the English one (only shrinks). */
export declare const STEP_PENDING: string[];
/** The smallest share of CJK characters among the letters of a Chinese guide's prose. */
export declare const MIN_CJK_SHARE: number;

/** The outline the step rule compares. */
export interface GuideOutline {
  headings: { level: number; text: string; line: number }[];
  tables: { rows: number; line: number }[];
  blocks: { info: string; line: number }[];
  ids: Set<string>;
  links: { target: string; line: number }[];
}
export declare function outline(markdown: string): GuideOutline;
export declare function stepProblems(
  enText: string,
  zhText: string,
  options?: { en?: string; zh?: string; exists?: (path: string) => boolean },
): string[];
export declare function checkGuides(
  root: string,
  options?: { pending?: readonly string[]; stepPending?: readonly string[] },
): {
  problems: string[];
  pending: string[];
  notes: string[];
  step: { guide: string; pending: boolean; problems: string[] }[];
  guides: number;
};
export declare function cjkShare(markdown: string): number;
export declare function prose(markdown: string): string;
export declare function slug(heading: string): string;
export declare function anchors(markdown: string): Set<string>;
export declare function links(markdown: string): { target: string; line: number }[];
