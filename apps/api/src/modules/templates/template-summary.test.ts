import { describe, expect, it } from '@jest/globals';
import { TEMPLATES } from '@baton/templates';
import { rolesOf, stagesOf } from './template-summary.js';

describe('template summary of a definition', () => {
  it.each(TEMPLATES.map((t) => ({ key: t.key, t })))(
    'derives the stages and roles $key declares',
    ({ t }) => {
      expect(stagesOf(t.definition)).toEqual(t.stages);
      expect(new Set(rolesOf(t.definition))).toEqual(new Set(t.roles));
    },
  );

  it('reads nothing from a definition without nodes or settings', () => {
    expect(stagesOf({ key: 'x', name: 'x' } as never)).toEqual([]);
    expect(rolesOf({ key: 'x', name: 'x' } as never)).toEqual([]);
  });
});
