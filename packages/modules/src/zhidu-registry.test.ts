import { describe, expect, it } from 'vitest';
import { getModule, listModules, listPresets, registry } from './index.js';

describe('the zhidu registry: every module the rule packages export', () => {
  it('holds each module once, under its <package>.<name> id, with presets that validate', () => {
    const modules = listModules();
    console.info(`registry: ${modules.length} module(s): ${modules.map((m) => m.id).join(', ')}`);
    for (const m of modules) {
      expect(m.id.split('.')[0]).toBe(m.package.replace('@zhidu/', ''));
      expect(registry.get(m.id)).toBe(getModule(m.id));
      expect(getModule(m.id).jsonSchema.policy).toHaveProperty('type', 'object');
    }
    for (const name of listPresets()) {
      const [id, preset] = name.split('/') as [string, string];
      expect(getModule(id).preset(preset).params).toBeDefined();
    }
  });
});
