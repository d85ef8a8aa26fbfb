import type { ServicePolicy } from '../policy.js';
import * as presets from './index.js';

/**
 * Every preset of this package by policy id (e.g. `s000.reception`); the modules name the same
 * presets in kebab case (`serviceReception.preset('s000-reception')`), as the files of `presets/`.
 *
 * @example
 * servicePresets['s000.reception']?.params.reception?.classes.length; //=> 4
 */
export const servicePresets: Readonly<Record<string, ServicePolicy>> = Object.freeze(
  Object.fromEntries(Object.values(presets).map((p) => [p.id, p])),
);
