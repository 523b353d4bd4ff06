import { describe, expect, it } from '@jest/globals';
import { PROBLEM_CODES, validateDefinition, type Problem } from '@baton/flow';
import { blocksPublish, groupProblems, problemEntries, problemMessage } from './problems';
import { sampleProcess } from './test-fixtures';

describe('groupProblems', () => {
  it('puts each problem where it is shown', () => {
    const problems: Problem[] = [
      { code: 'no_assignees', message: 'm1', nodeId: 'a' },
      { code: 'unknown_role', message: 'm2', nodeId: 'a' },
      { code: 'missing_condition', message: 'm3', edgeId: 'e3' },
      { code: 'no_end', message: 'm4' },
    ];
    const grouped = groupProblems(problems);
    expect(grouped.byNode).toEqual({ a: [problems[0], problems[1]] });
    expect(grouped.byEdge).toEqual({ e3: [problems[2]] });
    expect(grouped.general).toEqual([problems[3]]);
    expect(blocksPublish(problems)).toBe(true);
    expect(blocksPublish([])).toBe(false);
  });
});

describe('problemMessage', () => {
  it('has a Chinese message for every problem code', () => {
    for (const code of PROBLEM_CODES) {
      const message = problemMessage(
        { code, message: 'English', nodeId: 'x', edgeId: 'y' },
        'zh-CN',
      );
      expect(message).not.toBe('English');
      expect(message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('falls back to the English message for a code it does not know, and in English', () => {
    expect(problemMessage({ code: 'brand_new', message: 'Something new' }, 'zh-CN')).toBe(
      'Something new',
    );
    expect(problemMessage({ code: 'no_end', message: 'The flow has no end node' }, 'en')).toBe(
      'The flow has no end node',
    );
  });

  it('names nodes and edges the way the user named them, with the value at fault', () => {
    const def = sampleProcess();
    const big = def.graph.nodes.find((n) => n.id === 'big')!;
    (big as { assignees: unknown[] }).assignees = [];
    def.graph.edges[2] = { ...def.graph.edges[2], condition: { '>': [{ var: 'nope' }, 1] } };
    const problems = validateDefinition(def);
    expect(problems.map((p) => p.code)).toEqual(['unknown_field', 'no_assignees']);
    expect(problems.map((p) => problemMessage(p, 'zh-CN', def))).toEqual([
      '从「金额」到「总监审批」的连线引用了表单中不存在的字段「nope」。',
      '「总监审批」还没有设置处理人。',
    ]);
  });

  it('lists problems with where to jump', () => {
    const def = sampleProcess();
    const problems: Problem[] = [
      { code: 'no_assignees', message: 'x', nodeId: 'big' },
      { code: 'missing_condition', message: 'y', edgeId: 'e3' },
      { code: 'no_end', message: 'z' },
    ];
    expect(problemEntries(problems, def, 'zh-CN').map((e) => e.target)).toEqual([
      { kind: 'node', nodeId: 'big' },
      { kind: 'edge', edgeId: 'e3', nodeId: 'route' },
      { kind: 'process' },
    ]);
  });
});
