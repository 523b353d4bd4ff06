import { describe, expect, it } from '@jest/globals';
import { actionMenuTestId, actionTestId } from './action-test-ids';
import type { TaskAction } from '@baton/contracts';

describe('task action test ids', () => {
  it('are the ids the browser tests drive', () => {
    const actions: TaskAction[] = [
      'approve',
      'reject',
      'submit',
      'return',
      'transfer',
      'addSigner',
      'comment',
    ];
    expect(actions.map(actionTestId)).toEqual([
      'action-approve',
      'action-reject',
      'action-submit',
      'action-return',
      'action-transfer',
      'action-add-signer',
      'action-comment',
    ]);
    expect(actionMenuTestId('addSigner')).toBe('action-menu-add-signer');
  });
});
