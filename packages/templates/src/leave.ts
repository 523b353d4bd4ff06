// SOPS.md §4 请假: employee → department head → HR, and a leave of more than
// three days also goes to the director (the head one level further up). The
// seed article's point: it routes only where it must, not through four
// signatures in a fixed order.
import {
  ROLES,
  edge,
  field,
  headOfDepartment,
  path,
  role,
  type ProcessTemplate,
} from './shared.js';

/** Leaves longer than this many days also need the director. */
export const LEAVE_DIRECTOR_DAYS = 3;

export const leave: ProcessTemplate = {
  key: 'leave',
  name: '请假 Leave request',
  description:
    '员工请假，部门负责人审批，超过三天加总监审批，人事备案。 An employee asks for leave; the department head approves; over three days the director too; HR records it.',
  category: '人事行政 HR and admin',
  icon: 'calendar-off',
  stages: ['申请 Request', '审批 Approval', '备案 Record'],
  roles: [ROLES.hr],
  definition: {
    key: 'leave',
    name: '请假 Leave request',
    description: `超过 ${LEAVE_DIRECTOR_DAYS} 天的请假需总监审批 Leaves over ${LEAVE_DIRECTOR_DAYS} days also need the director.`,
    category: '人事行政 HR and admin',
    form: {
      schema: {
        type: 'object',
        required: ['leaveType', 'startDate', 'endDate', 'days', 'reason'],
        properties: {
          leaveType: field.choice('请假类型', [
            '年假',
            '事假',
            '病假',
            '调休',
            '婚假',
            '产假',
            '陪产假',
            '丧假',
          ]),
          startDate: field.date('开始日期'),
          endDate: field.date('结束日期'),
          days: { type: 'number', title: '请假天数', minimum: 0.5, maximum: 365, multipleOf: 0.5 },
          reason: field.longText('请假事由'),
          handover: field.text('工作交接人'),
          attachments: field.files('证明材料（如病假条）'),
          hrNote: field.text('人事备注'),
        },
      },
      uiSchema: {
        'ui:order': [
          'leaveType',
          'startDate',
          'endDate',
          'days',
          'reason',
          'handover',
          'attachments',
          '*',
        ],
        reason: { 'ui:widget': 'textarea' },
      },
    },
    graph: {
      nodes: [
        {
          id: 'start',
          type: 'start',
          name: '提交请假 Submit',
          stage: '申请 Request',
          fieldPermissions: { hrNote: 'hidden' },
        },
        {
          id: 'head',
          type: 'approval',
          name: '部门负责人审批 Department head',
          stage: '审批 Approval',
          assignees: [headOfDepartment],
          emptyAssignees: 'toAdmin',
          sla: { due: 'P1D', remindBefore: ['PT4H'] },
        },
        {
          id: 'long',
          type: 'branch',
          name: `超过 ${LEAVE_DIRECTOR_DAYS} 天? Over ${LEAVE_DIRECTOR_DAYS} days?`,
        },
        {
          id: 'director',
          type: 'approval',
          name: '总监审批 Director',
          stage: '审批 Approval',
          assignees: [{ kind: 'manager', level: 2 }],
          emptyAssignees: 'toAdmin',
          sla: { due: 'P1D', remindBefore: ['PT4H'] },
        },
        {
          id: 'hr',
          type: 'task',
          name: '人事备案 HR records the leave',
          stage: '备案 Record',
          assignees: [role(ROLES.hr)],
          fieldPermissions: { hrNote: 'edit' },
          sla: { due: 'P2D' },
        },
        { id: 'done', type: 'end', name: '已批准 Approved', outcome: 'approved' },
      ],
      edges: [
        ...path('start', 'head', 'long'),
        edge('long', 'director', {
          condition: { '>': [{ var: 'days' }, LEAVE_DIRECTOR_DAYS] },
          label: `> ${LEAVE_DIRECTOR_DAYS} 天`,
        }),
        edge('long', 'hr', { default: true, label: `≤ ${LEAVE_DIRECTOR_DAYS} 天` }),
        ...path('director', 'hr', 'done'),
      ],
    },
    // A head who also heads the next level would otherwise sign twice.
    settings: { allowWithdraw: true, dedupeApprovers: true, forbidSelfApproval: true },
  },
};
