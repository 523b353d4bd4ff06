import { describe, expect, it } from '@jest/globals';
import type { AssigneeRule, FlowNode } from '@baton/flow';
import {
  assigneeText,
  conditionLabel,
  durationText,
  edgeLabel,
  nodeSummary,
  nodeTitle,
  type SummaryContext,
} from './summary';
import { AMOUNT_OVER_500, FIELDS } from './test-fixtures';

const zh: SummaryContext = {
  lang: 'zh-CN',
  users: { u1: '张三', u2: '李四', u3: '王五', u4: '赵六' },
  roles: { director: '运营总监', finance: '财务' },
  departments: { d_ops: '运营部' },
  fields: FIELDS,
};
const en: SummaryContext = {
  ...zh,
  lang: 'en',
  roles: { director: 'Ops director', finance: 'Finance' },
  departments: { d_ops: 'Operations' },
};

const approval = (extra: Partial<FlowNode & { type: 'approval' }> = {}): FlowNode => ({
  id: 'a',
  type: 'approval',
  assignees: [{ kind: 'role', role: 'director' }],
  ...extra,
});

describe('nodeSummary', () => {
  it('reads like UX.md: "运营总监 · 会签", "发起人的直属主管", "抄送: 财务"', () => {
    expect(nodeSummary(approval({ mode: 'all' }), zh)).toBe('运营总监 · 会签');
    expect(nodeSummary(approval({ assignees: [{ kind: 'manager', level: 1 }] }), zh)).toBe(
      '发起人的直属主管',
    );
    expect(
      nodeSummary({ id: 'c', type: 'cc', recipients: [{ kind: 'role', role: 'finance' }] }, zh),
    ).toBe('抄送: 财务');
    expect(nodeSummary({ id: 't', type: 'timer', delay: 'P3D' }, zh)).toBe('等待 3 天');
  });

  it.each<[string, Partial<FlowNode & { type: 'approval' }>, string, string]>([
    ['any', { mode: 'any' }, '运营总监 · 或签', 'Ops director · any one'],
    ['all', { mode: 'all' }, '运营总监 · 会签', 'Ops director · all'],
    ['sequential', { mode: 'sequential' }, '运营总监 · 依次审批', 'Ops director · in turn'],
    [
      'vote',
      { mode: 'vote', passRatio: 0.6 },
      '运营总监 · 票数 ≥ 60%',
      'Ops director · vote ≥ 60%',
    ],
    ['the default mode', {}, '运营总监', 'Ops director'],
    ['no assignees', { assignees: [] }, '未设置审批人', 'No approver set'],
  ])('approval mode: %s', (_, extra, zhText, enText) => {
    expect(nodeSummary(approval(extra), zh)).toBe(zhText);
    expect(nodeSummary(approval(extra), en)).toBe(enText);
  });

  it.each<[AssigneeRule, string, string]>([
    [{ kind: 'user', ids: ['u1', 'u2'] }, '张三、李四', '张三, 李四'],
    [{ kind: 'user', ids: ['u1', 'u2', 'u3', 'u4'] }, '张三、李四等 4 人', '张三, 李四 and 2 more'],
    [{ kind: 'user', ids: ['ghost'] }, 'ghost', 'ghost'],
    [{ kind: 'role', role: 'director' }, '运营总监', 'Ops director'],
    [{ kind: 'role', role: 'unknown' }, 'unknown', 'unknown'],
    [{ kind: 'initiator' }, '发起人本人', 'The initiator'],
    [{ kind: 'manager' }, '发起人的直属主管', "The initiator's manager"],
    [{ kind: 'manager', level: 2 }, '发起人的第 2 级主管', "The initiator's level-2 manager"],
    [{ kind: 'field', field: 'owner' }, '表单字段「负责人」', 'People in "负责人"'],
    [{ kind: 'departmentHead', departmentId: 'd_ops' }, '运营部负责人', 'Head of Operations'],
  ])('assignee rule %j', (rule, zhText, enText) => {
    expect(assigneeText(rule, zh)).toBe(zhText);
    expect(assigneeText(rule, en)).toBe(enText);
  });

  it('joins several rules', () => {
    expect(
      nodeSummary(
        approval({
          assignees: [{ kind: 'manager' }, { kind: 'role', role: 'finance' }],
          mode: 'sequential',
        }),
        zh,
      ),
    ).toBe('发起人的直属主管、财务 · 依次审批');
  });

  it.each<[FlowNode, string, string]>([
    [{ id: 's', type: 'start' }, '发起人提交表单', 'The initiator fills in the form'],
    [
      { id: 't', type: 'task', assignees: [{ kind: 'initiator' }], mode: 'all' },
      '发起人本人 · 全部办理',
      'The initiator · everyone',
    ],
    [{ id: 't', type: 'task', assignees: [] }, '未设置办理人', 'No handler set'],
    [{ id: 'c', type: 'cc', recipients: [] }, '未设置抄送人', 'No one to notify'],
    [
      { id: 'b', type: 'branch' },
      '走第一个满足条件的分支',
      'Takes the first branch whose condition holds',
    ],
    [
      { id: 'i', type: 'inclusive' },
      '满足条件的分支都执行',
      'Takes every branch whose condition holds',
    ],
    [{ id: 'p', type: 'parallel' }, '所有分支同时进行', 'All branches at once'],
    [{ id: 'j', type: 'join' }, '等待所有分支完成', 'Waits for all branches'],
    [{ id: 't', type: 'timer', delay: 'P1DT2H' }, '等待 1 天 2 小时', 'Wait 1 day 2 hours'],
    [
      { id: 't', type: 'timer', until: { field: 'liveDate', offset: '-P3D' } },
      '等到「上线日期」前 3 天',
      'Until 3 days before "上线日期"',
    ],
    [
      { id: 't', type: 'timer', until: { field: 'liveDate', offset: 'PT4H' } },
      '等到「上线日期」后 4 小时',
      'Until 4 hours after "上线日期"',
    ],
    [
      { id: 't', type: 'timer', until: { field: 'liveDate' } },
      '等到「上线日期」',
      'Until "上线日期"',
    ],
    [{ id: 't', type: 'timer' }, '未设置等待时间', 'No wait set'],
    [
      {
        id: 'x',
        type: 'automation',
        action: { kind: 'setFields', values: { amount: 1, title: 'x' } },
      },
      '填写字段: 金额、标题',
      'Set fields: 金额, 标题',
    ],
    [
      { id: 'x', type: 'automation', action: { kind: 'setFields', values: {} } },
      '未设置要填写的字段',
      'No fields to set',
    ],
    [
      {
        id: 'x',
        type: 'automation',
        action: { kind: 'webhook', url: 'https://erp.example.com/hooks/refund?x=1' },
      },
      '调用接口 POST erp.example.com',
      'Call POST erp.example.com',
    ],
    [
      { id: 'x', type: 'automation', action: { kind: 'startProcess', key: 'payout' } },
      '发起流程 payout',
      'Start process payout',
    ],
    [{ id: 'e', type: 'end' }, '流程结束', 'Completed'],
    [{ id: 'e', type: 'end', outcome: 'approved' }, '审批通过', 'Approved'],
    [{ id: 'e', type: 'end', outcome: 'rejected' }, '审批拒绝', 'Rejected'],
  ])('%j', (node, zhText, enText) => {
    expect(nodeSummary(node, zh)).toBe(zhText);
    expect(nodeSummary(node, en)).toBe(enText);
  });

  it('shows a duration it cannot read as written', () => {
    expect(durationText('soon', 'zh-CN')).toBe('soon');
    expect(durationText('P1W', 'en')).toBe('1 week');
  });

  it('titles a node by its name, else its kind', () => {
    expect(nodeTitle(approval({ name: '总监审批' }), 'zh-CN')).toBe('总监审批');
    expect(nodeTitle(approval(), 'zh-CN')).toBe('审批人');
    expect(nodeTitle(approval(), 'en')).toBe('Approver');
  });
});

describe('conditionLabel / edgeLabel', () => {
  it('reads like UX.md: "金额 ≥ 500", "平台 是 抖音", "其他情况"', () => {
    expect(conditionLabel(AMOUNT_OVER_500, FIELDS, 'zh-CN')).toBe('金额 ≥ 500');
    expect(conditionLabel({ '==': [{ var: 'platform' }, 'douyin'] }, FIELDS, 'zh-CN')).toBe(
      '平台 是 抖音',
    );
    expect(conditionLabel({ '==': [{ var: 'platform' }, 'douyin'] }, FIELDS, 'en')).toBe(
      '平台 is 抖音',
    );
    expect(edgeLabel({ id: 'e', source: 'b', target: 'x', default: true }, FIELDS, 'zh-CN')).toBe(
      '其他情况',
    );
    expect(edgeLabel({ id: 'e', source: 'b', target: 'x', default: true }, FIELDS, 'en')).toBe(
      'Otherwise',
    );
  });

  it.each<[unknown, string, string]>([
    [{ '!=': [{ var: 'platform' }, 'douyin'] }, '平台 不是 抖音', '平台 is not 抖音'],
    [{ '<': [{ var: 'amount' }, 100] }, '金额 < 100', '金额 < 100'],
    [{ '==': [{ var: 'amount' }, 100] }, '金额 = 100', '金额 = 100'],
    [
      { in: [{ var: 'platform' }, ['douyin', 'kuaishou']] },
      '平台 属于 抖音、快手',
      '平台 is one of 抖音, 快手',
    ],
    [
      { '!': { in: [{ var: 'platform' }, ['taobao']] } },
      '平台 不属于 淘宝',
      '平台 is not one of 淘宝',
    ],
    [{ in: ['退款', { var: 'title' }] }, '标题 包含 退款', '标题 contains 退款'],
    [{ in: ['a', { var: 'tags' }] }, '标签 包含 A 类', '标签 contains A 类'],
    [{ '!': { var: 'title' } }, '标题 为空', '标题 is empty'],
    [{ '!!': { var: 'title' } }, '标题 不为空', '标题 is not empty'],
    [{ '==': [{ var: 'urgent' }, true] }, '加急 已勾选', '加急 is checked'],
    [{ '==': [{ var: 'urgent' }, false] }, '加急 未勾选', '加急 is not checked'],
    [
      { '<=': [{ var: 'liveDate' }, '2026-11-22'] },
      '上线日期 ≤ 2026-11-22',
      '上线日期 ≤ 2026-11-22',
    ],
    [{ '>': [{ var: 'nope' }, 1] }, 'nope > 1', 'nope > 1'],
    [
      {
        and: [
          AMOUNT_OVER_500,
          { or: [{ '==': [{ var: 'platform' }, 'douyin'] }, { '==': [{ var: 'urgent' }, true] }] },
        ],
      },
      '金额 ≥ 500 且 (平台 是 抖音 或 加急 已勾选)',
      '金额 ≥ 500 and (平台 is 抖音 or 加急 is checked)',
    ],
    [{ '+': [1, 2] }, '自定义条件', 'Custom condition'],
    [undefined, '未设置条件', 'No condition'],
  ])('%j', (logic, zhText, enText) => {
    expect(conditionLabel(logic, FIELDS, 'zh-CN')).toBe(zhText);
    expect(conditionLabel(logic, FIELDS, 'en')).toBe(enText);
  });

  it("prefers the edge's own label", () => {
    expect(
      edgeLabel(
        { id: 'e', source: 'b', target: 'x', condition: AMOUNT_OVER_500, label: '大额' },
        FIELDS,
        'zh-CN',
      ),
    ).toBe('大额');
  });
});
