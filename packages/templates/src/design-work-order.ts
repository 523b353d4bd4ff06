// SOPS.md §6 设计工单: a requester files a design request; the design lead
// reviews it (a rejection goes back to the requester with the feedback as
// comment); a designer does it and uploads the result; the requester accepts
// it or sends it back to the designer.
import { ROLES, field, path, role, type ProcessTemplate } from './shared.js';

export const designWorkOrder: ProcessTemplate = {
  key: 'design-work-order',
  name: '设计工单 Design work order',
  description:
    '提交设计需求，设计主管审核，设计师制作并上传，需求方验收或退回修改。 File a design request; the design lead reviews; a designer delivers; the requester accepts or sends it back.',
  category: '设计协作 Design',
  icon: 'palette',
  stages: ['需求 Request', '审核 Review', '制作 Production', '验收 Acceptance'],
  roles: [ROLES.designLead, ROLES.graphicDesigner],
  definition: {
    key: 'design-work-order',
    name: '设计工单 Design work order',
    description: '设计需求从提交到验收 A design request from filing to acceptance.',
    category: '设计协作 Design',
    form: {
      schema: {
        type: 'object',
        required: ['title', 'designType', 'requirements', 'deadline'],
        properties: {
          title: field.text('需求标题'),
          designType: field.choice('设计类型', [
            '主图',
            '详情页',
            '海报',
            '直播间背景',
            '短视频封面',
            '其他',
          ]),
          platform: field.platform('投放平台'),
          sizes: field.text('尺寸规格'),
          requirements: field.longText('需求描述'),
          references: field.files('参考素材'),
          deadline: field.date('期望完成日期'),
          deliverables: field.files('设计成品'),
          designerNote: field.longText('设计说明'),
        },
      },
      uiSchema: {
        'ui:order': [
          'title',
          'designType',
          'platform',
          'sizes',
          'requirements',
          'references',
          'deadline',
          '*',
        ],
        requirements: { 'ui:widget': 'textarea' },
        designerNote: { 'ui:widget': 'textarea' },
      },
    },
    graph: {
      nodes: [
        {
          id: 'start',
          type: 'start',
          name: '提交需求 File the request',
          stage: '需求 Request',
          fieldPermissions: { deliverables: 'hidden', designerNote: 'hidden' },
        },
        {
          id: 'leadReview',
          type: 'approval',
          name: '设计主管审核 Design lead review',
          stage: '审核 Review',
          assignees: [role(ROLES.designLead)],
          onReject: { action: 'return', to: 'initiator' },
          fieldPermissions: { deadline: 'edit' },
          sla: { due: 'P1D', remindBefore: ['PT4H'] },
        },
        {
          id: 'produce',
          type: 'task',
          name: '设计制作 Design and upload',
          stage: '制作 Production',
          assignees: [role(ROLES.graphicDesigner)],
          fieldPermissions: { deliverables: 'required', designerNote: 'edit' },
          sla: {
            due: { field: 'deadline' },
            remindBefore: ['P1D'],
            onOverdue: { action: 'escalate', to: role(ROLES.designLead) },
          },
        },
        {
          id: 'accept',
          type: 'approval',
          name: '需求方验收 Requester accepts',
          stage: '验收 Acceptance',
          assignees: [{ kind: 'initiator' }],
          // Sending it back means another round of design, not the end of the order.
          onReject: { action: 'return', to: 'produce' },
          sla: { due: 'P2D', remindBefore: ['P1D'] },
        },
        { id: 'done', type: 'end', name: '已验收 Accepted', outcome: 'completed' },
      ],
      edges: path('start', 'leadReview', 'produce', 'accept', 'done'),
    },
    settings: { allowWithdraw: true },
  },
};
