import { describe, expect, it } from '@jest/globals';
import { resolveAssignees } from './assignees.js';
import { orgSnapshot } from './engine/fixtures/build.js';
import { memoryDirectory } from './engine/support.js';

const directory = memoryDirectory(orgSnapshot);
const ctx = {
  directory,
  initiatorId: 'alice',
  data: { owner: 'erin', reviewers: ['dave', 'carol', 7] },
};

describe('resolveAssignees', () => {
  it('unions every rule in order without duplicates', () => {
    expect(
      resolveAssignees(
        [
          { kind: 'user', ids: ['carol'] },
          { kind: 'role', role: 'finance' },
          { kind: 'initiator' },
          { kind: 'field', field: 'owner' },
          { kind: 'field', field: 'reviewers' },
          { kind: 'departmentHead', departmentId: 'ops' },
        ],
        ctx,
      ),
    ).toEqual(['carol', 'dave', 'alice', 'erin']);
  });
  it('manager N levels up from the initiator; a head reports to the level above', () => {
    expect(resolveAssignees([{ kind: 'manager' }], ctx)).toEqual(['bob']);
    expect(resolveAssignees([{ kind: 'manager', level: 2 }], ctx)).toEqual(['frank']);
    expect(resolveAssignees([{ kind: 'manager', level: 3 }], ctx)).toEqual([]);
    expect(resolveAssignees([{ kind: 'manager' }], { ...ctx, initiatorId: 'bob' })).toEqual([
      'frank',
    ]);
    expect(resolveAssignees([{ kind: 'manager' }], { ...ctx, subjectId: 'carol' })).toEqual([
      'frank',
    ]);
  });
  it('names nobody for unknown things', () => {
    expect(
      resolveAssignees(
        [
          { kind: 'role', role: 'astronaut' },
          { kind: 'field', field: 'nothing' },
          { kind: 'departmentHead', departmentId: 'mars' },
          { kind: 'initiator' },
          { kind: 'manager' },
          { kind: 'telepathy' } as never,
        ],
        { ...ctx, initiatorId: null },
      ),
    ).toEqual([]);
    expect(resolveAssignees(undefined, ctx)).toEqual([]);
  });
  it('the memory directory answers the rest of the Directory questions', () => {
    expect([
      directory.userExists('bob'),
      directory.roleExists('finance'),
      directory.departmentExists('hq'),
    ]).toEqual([true, true, true]);
    expect([
      directory.userExists('x'),
      directory.roleExists('x'),
      directory.departmentExists('x'),
    ]).toEqual([false, false, false]);
  });
});
