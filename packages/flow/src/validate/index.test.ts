import { describe, expect, it } from '@jest/globals';
import * as validate from './index.js';

describe('the validate entry point', () => {
  it('exports the public API', () => {
    expect(Object.keys(validate).sort()).toEqual([
      'DominatorTree',
      'INPUT_LIMITS',
      'JSON_LOGIC_OPERATORS',
      'PROBLEM_CODES',
      'indexGraph',
      'predecessors',
      'reachable',
      'readLogic',
      'readTemplate',
      'successors',
      'validateDefinition',
    ]);
  });
});
