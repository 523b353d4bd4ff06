// SOPS.md §5 推广费用申请: operations requests a monthly ad budget (直通车,
// 钻石展位, special promotions); the operations director approves, finance
// also approves above a threshold.
import { ROLES, edge, field, path, role, type ProcessTemplate } from './shared.js';

/** Budgets above this many yuan also need finance. */
export const AD_SPEND_FINANCE_THRESHOLD = 10_000;

export const adSpend: ProcessTemplate = {
  key: 'ad-spend',
  name: '推广费用申请 Ad-spend approval',
  description:
    '运营申请月度推广预算（直通车、钻石展位、专项推广），运营总监审批，超过阈值财务复核。 Operations requests a monthly ad budget; the operations director approves; finance also above a threshold.',
  category: '营销推广 Marketing',
  icon: 'megaphone',
  stages: ['申请 Request', '审批 Approval'],
  roles: [ROLES.operationsSpecialist, ROLES.operationsDirector, ROLES.finance],
  definition: {
    key: 'ad-spend',
    name: '推广费用申请 Ad-spend approval',
    description: `预算超过 ${AD_SPEND_FINANCE_THRESHOLD} 元需财务审批 Budgets over ${AD_SPEND_FINANCE_THRESHOLD} yuan also need finance.`,
    category: '营销推广 Marketing',
    form: {
      schema: {
        type: 'object',
        required: ['month', 'channel', 'platform', 'amount', 'plan'],
        properties: {
          month: { type: 'string', title: '投放月份', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
          channel: field.choice('推广渠道', [
            '直通车',
            '钻石展位',
            '引力魔方',
            '万相台',
            '专项推广',
            '其他',
          ]),
          platform: field.platform('平台'),
          amount: { ...field.money('预算金额（元）'), exclusiveMinimum: 0 },
          plan: field.longText('投放计划'),
          expectedRoi: { type: 'number', title: '预期 ROI', minimum: 0 },
          lastMonthRoi: { type: 'number', title: '上月 ROI', minimum: 0 },
          attachments: field.files('附件'),
        },
      },
      uiSchema: {
        'ui:order': [
          'month',
          'channel',
          'platform',
          'amount',
          'plan',
          'expectedRoi',
          'lastMonthRoi',
          'attachments',
        ],
        month: { 'ui:placeholder': '2030-11' },
        plan: { 'ui:widget': 'textarea' },
      },
    },
    graph: {
      nodes: [
        { id: 'start', type: 'start', name: '提交预算 Submit budget', stage: '申请 Request' },
        {
          id: 'director',
          type: 'approval',
          name: '运营总监审批 Director approval',
          stage: '审批 Approval',
          assignees: [role(ROLES.operationsDirector)],
          onReject: { action: 'return', to: 'initiator' },
          sla: { due: 'P1D', remindBefore: ['PT4H'] },
        },
        {
          id: 'big',
          type: 'branch',
          name: `超过 ${AD_SPEND_FINANCE_THRESHOLD} 元? Over the threshold?`,
        },
        {
          id: 'finance',
          type: 'approval',
          name: '财务审批 Finance approval',
          stage: '审批 Approval',
          assignees: [role(ROLES.finance)],
          onReject: { action: 'return', to: 'initiator' },
          sla: {
            due: 'P1D',
            remindBefore: ['PT4H'],
            onOverdue: { action: 'escalate', to: role(ROLES.operationsDirector) },
          },
        },
        { id: 'done', type: 'end', name: '已批准 Approved', outcome: 'approved' },
      ],
      edges: [
        ...path('start', 'director', 'big'),
        edge('big', 'finance', {
          condition: { '>': [{ var: 'amount' }, AD_SPEND_FINANCE_THRESHOLD] },
          label: `> ${AD_SPEND_FINANCE_THRESHOLD}`,
        }),
        edge('big', 'done', { default: true, label: `≤ ${AD_SPEND_FINANCE_THRESHOLD}` }),
        edge('finance', 'done'),
      ],
    },
    settings: {
      allowWithdraw: true,
      forbidSelfApproval: true,
      starters: [role(ROLES.operationsSpecialist), role(ROLES.operationsDirector)],
    },
  },
};
