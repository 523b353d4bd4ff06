import { describe, expect, it } from '@jest/globals';
import { buildDirectorySnapshot } from './directory-snapshot.js';
import { mayStart } from './starters.js';

const dir = buildDirectorySnapshot(
  [
    { id: 'fin', roles: ['finance'], departmentId: 'd_fin', active: true },
    { id: 'pm', roles: ['product_manager'], departmentId: 'd_prod', active: true },
    { id: 'boss', roles: [], departmentId: 'd_fin', active: true },
  ],
  [
    { id: 'd_fin', parentId: null, headId: 'boss' },
    { id: 'd_prod', parentId: null, headId: 'pm' },
  ],
);

describe('mayStart', () => {
  it('lets everyone start when starters is absent or empty', () => {
    expect(mayStart(undefined, 'pm', dir)).toBe(true);
    expect(mayStart([], 'pm', dir)).toBe(true);
  });

  it('resolves role, user and departmentHead rules for the caller', () => {
    expect(mayStart([{ kind: 'role', role: 'finance' }], 'fin', dir)).toBe(true);
    expect(mayStart([{ kind: 'role', role: 'finance' }], 'pm', dir)).toBe(false);
    expect(mayStart([{ kind: 'user', ids: ['pm'] }], 'pm', dir)).toBe(true);
    expect(mayStart([{ kind: 'departmentHead', departmentId: 'd_fin' }], 'boss', dir)).toBe(true);
    expect(mayStart([{ kind: 'departmentHead', departmentId: 'd_fin' }], 'fin', dir)).toBe(false);
    expect(
      mayStart(
        [
          { kind: 'role', role: 'finance' },
          { kind: 'user', ids: ['pm'] },
        ],
        'pm',
        dir,
      ),
    ).toBe(true);
  });

  it('reads initiator as everyone, field and manager as no one', () => {
    expect(mayStart([{ kind: 'initiator' }], 'pm', dir)).toBe(true);
    expect(mayStart([{ kind: 'field', field: 'owner' }], 'pm', dir)).toBe(false);
    expect(mayStart([{ kind: 'manager', level: 1 }], 'boss', dir)).toBe(false);
  });
});
