// SOPS.md §2 退款: customer service submits; the CS lead approves every
// refund, finance also reviews from 500 yuan (one-day SLA, reminder, then
// escalation to the operations director), the director also from 5,000.
// Goods that come back are confirmed by the warehouse before money moves;
// finance pays out and records the transaction id.
import { ROLES, edge, field, path, role, type ProcessTemplate } from './shared.js';

/** Amount tiers in yuan: below FINANCE the CS lead alone decides. */
export const REFUND_TIERS = { finance: 500, director: 5000 } as const;

const amountAtLeast = (limit: number) => ({ '>=': [{ var: 'amount' }, limit] });

export const refund: ProcessTemplate = {
  key: 'refund',
  name: '退款审批 Refund',
  description:
    '客服提交退款，按金额分级审批；退货需仓库确认收货；财务打款并记录交易号。 Customer service requests a refund; approval by amount tier; the warehouse confirms returned goods; finance pays out.',
  category: '客服售后 After-sales',
  icon: 'receipt',
  stages: ['申请 Request', '审批 Approval', '退货 Returned goods', '打款 Payout'],
  roles: [
    ROLES.customerService,
    ROLES.csLead,
    ROLES.finance,
    ROLES.operationsDirector,
    ROLES.warehouse,
  ],
  definition: {
    key: 'refund',
    name: '退款审批 Refund',
    description: `小于 ${REFUND_TIERS.finance} 元客服主管审批；${REFUND_TIERS.finance} 元起加财务；${REFUND_TIERS.director} 元起再加运营总监。`,
    category: '客服售后 After-sales',
    form: {
      schema: {
        type: 'object',
        required: ['orderNo', 'platform', 'amount', 'reason', 'goodsReturned'],
        properties: {
          orderNo: field.text('订单号', 64),
          platform: field.platform('平台'),
          amount: { ...field.money('退款金额（元）'), exclusiveMinimum: 0 },
          reason: field.choice('退款原因', [
            '质量问题',
            '发错货',
            '少件漏发',
            '物流破损',
            '七天无理由',
            '其他',
          ]),
          reasonDetail: field.longText('原因说明'),
          goodsReturned: field.yesNo('是否退货'),
          evidence: field.files('凭证图片'),
          receivedAt: field.date('仓库收货日期'),
          receiptNote: field.text('收货说明'),
          transactionId: field.text('打款交易号', 64),
          paidAt: field.date('打款日期'),
        },
      },
      uiSchema: {
        'ui:order': [
          'orderNo',
          'platform',
          'amount',
          'reason',
          'reasonDetail',
          'goodsReturned',
          'evidence',
          '*',
        ],
        reasonDetail: { 'ui:widget': 'textarea' },
      },
    },
    graph: {
      nodes: [
        {
          id: 'start',
          type: 'start',
          name: '提交退款 Submit refund',
          stage: '申请 Request',
          fieldPermissions: {
            receivedAt: 'hidden',
            receiptNote: 'hidden',
            transactionId: 'hidden',
            paidAt: 'hidden',
          },
        },
        {
          id: 'csLead',
          type: 'approval',
          name: '客服主管审批 CS lead approval',
          stage: '审批 Approval',
          assignees: [role(ROLES.csLead)],
          sla: { due: 'PT8H', remindBefore: ['PT2H'] },
        },
        { id: 'financeTier', type: 'branch', name: `金额 ≥ ${REFUND_TIERS.finance}?` },
        {
          id: 'financeReview',
          type: 'approval',
          name: '财务审核 Finance review',
          stage: '审批 Approval',
          assignees: [role(ROLES.finance)],
          // The seed article's bottleneck: a one-day SLA makes slow reviews visible and escalates them.
          sla: {
            due: 'P1D',
            remindBefore: ['PT4H'],
            onOverdue: { action: 'escalate', to: role(ROLES.operationsDirector) },
          },
        },
        { id: 'directorTier', type: 'branch', name: `金额 ≥ ${REFUND_TIERS.director}?` },
        {
          id: 'director',
          type: 'approval',
          name: '运营总监审批 Director approval',
          stage: '审批 Approval',
          assignees: [role(ROLES.operationsDirector)],
          sla: { due: 'P1D', remindBefore: ['PT4H'] },
        },
        { id: 'returned', type: 'branch', name: '是否退货? Goods coming back?' },
        {
          id: 'receipt',
          type: 'task',
          name: '仓库确认收货 Warehouse confirms receipt',
          stage: '退货 Returned goods',
          assignees: [role(ROLES.warehouse)],
          fieldPermissions: { receivedAt: 'required', receiptNote: 'edit' },
          sla: { due: 'P7D', remindBefore: ['P1D'] },
        },
        {
          id: 'payout',
          type: 'task',
          name: '财务打款 Finance pays out',
          stage: '打款 Payout',
          assignees: [role(ROLES.finance)],
          fieldPermissions: { transactionId: 'required', paidAt: 'required' },
          sla: {
            due: 'P1D',
            remindBefore: ['PT4H'],
            onOverdue: { action: 'escalate', to: role(ROLES.operationsDirector) },
          },
        },
        { id: 'done', type: 'end', name: '已退款 Refunded', outcome: 'approved' },
      ],
      edges: [
        ...path('start', 'csLead', 'financeTier'),
        edge('financeTier', 'financeReview', {
          condition: amountAtLeast(REFUND_TIERS.finance),
          label: `≥ ${REFUND_TIERS.finance}`,
        }),
        edge('financeTier', 'returned', { default: true, label: `< ${REFUND_TIERS.finance}` }),
        edge('financeReview', 'directorTier'),
        edge('directorTier', 'director', {
          condition: amountAtLeast(REFUND_TIERS.director),
          label: `≥ ${REFUND_TIERS.director}`,
        }),
        edge('directorTier', 'returned', { default: true, label: `< ${REFUND_TIERS.director}` }),
        edge('director', 'returned'),
        edge('returned', 'receipt', {
          condition: { '==': [{ var: 'goodsReturned' }, true] },
          label: '退货 Returned',
        }),
        edge('returned', 'payout', { default: true, label: '仅退款 Refund only' }),
        ...path('receipt', 'payout', 'done'),
      ],
    },
    settings: {
      allowWithdraw: true,
      forbidSelfApproval: true,
      starters: [role(ROLES.customerService)],
    },
  },
};
