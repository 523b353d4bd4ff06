// SOPS.md §3 双十一/S级直播活动: six stages with standard tasks, due dates
// counted from the live date. Selection/stock, script and rota run in
// parallel (warm-up follows the approved script); everything before the
// show turns yellow at T-3 (the warning point) and red when overdue. Low
// stock opens a purchase request and its approval. A timer holds live
// control until the live date; after the show, after-sales and the review
// report (due three days after) run in parallel.
import type { FlowNode, Sla } from '@baton/flow';
import { ROLES, edge, field, path, role, type ProcessTemplate } from './shared.js';

export const LIVESTREAM_STAGES = [
  '选品与备货 Selection and stock',
  '脚本与话术 Script and talking points',
  '主播与场控排班 Host and control-room rota',
  '预热与引流 Warm-up and traffic',
  '直播中控 Live control',
  '售后与复盘 After-sales and review',
] as const;
const [SELECTION, SCRIPT, ROTA, WARMUP, LIVE, AFTER] = LIVESTREAM_STAGES;

/**
 * Due `daysBefore` the live date, warned at T-3 (or one day ahead when the
 * due date itself is T-3 or earlier), escalated to the director when late.
 */
function beforeLive(daysBefore: number, escalate = true): Sla {
  const warnDays = daysBefore >= 3 ? 1 : 3 - daysBefore;
  return {
    due: { field: 'liveDate', offset: `-P${daysBefore}D` },
    remindBefore: [`P${warnDays}D`],
    ...(escalate ? { onOverdue: { action: 'escalate', to: role(ROLES.operationsDirector) } } : {}),
  };
}

function afterLive(daysAfter: number): Sla {
  return { due: { field: 'liveDate', offset: `P${daysAfter}D` }, remindBefore: ['P1D'] };
}

const task = (
  id: string,
  name: string,
  stage: string,
  who: string,
  sla: Sla,
  fields: Record<string, 'required' | 'edit'>,
): FlowNode => ({
  id,
  type: 'task',
  name,
  stage,
  assignees: [role(who)],
  fieldPermissions: fields,
  sla,
});

export const sLevelLivestream: ProcessTemplate = {
  key: 's-level-livestream',
  name: 'S级直播活动 S-level livestream',
  description:
    '大促/S级直播的六个阶段：选品备货、脚本话术、排班、预热引流、直播中控、售后复盘；按开播日倒排截止时间，T-3 预警未完成事项。 The six stages of a flagship livestream, due dates counted back from the live date, with a T-3 warning on unfinished work.',
  category: '直播运营 Livestream',
  icon: 'video',
  stages: [...LIVESTREAM_STAGES],
  roles: [
    ROLES.operationsDirector,
    ROLES.productManager,
    ROLES.warehouse,
    ROLES.operationsSpecialist,
    ROLES.graphicDesigner,
    ROLES.liveHost,
    ROLES.customerService,
  ],
  definition: {
    key: 's-level-livestream',
    name: 'S级直播活动 S-level livestream',
    description:
      '双十一等 S 级直播活动的标准作业流程 The standard operating procedure of an S-level livestream.',
    category: '直播运营 Livestream',
    form: {
      schema: {
        type: 'object',
        required: ['title', 'liveDate', 'host', 'platforms', 'products'],
        properties: {
          title: field.text('活动名称'),
          liveDate: field.date('开播日期'),
          host: field.text('主播'),
          platforms: { ...field.platforms('直播平台'), minItems: 1 },
          products: {
            type: 'array',
            title: '商品清单',
            minItems: 1,
            maxItems: 200,
            items: {
              type: 'object',
              required: ['sku', 'name'],
              properties: {
                sku: field.text('SKU', 64),
                name: field.text('商品名称'),
                livePrice: field.money('直播价（元）'),
                plannedQuantity: field.integer('计划备货量'),
                stock: field.integer('当前库存'),
              },
            },
          },
          targetGmv: field.money('目标 GMV（元）'),
          lowStock: field.yesNo('库存不足，需要采购'),
          stockNote: field.longText('备货说明'),
          purchaseItems: field.longText('采购明细'),
          purchaseAmount: field.money('采购金额（元）'),
          goodsArrived: field.date('采购到货日期'),
          script: field.files('直播脚本与话术'),
          rota: field.files('主播与场控排班表'),
          posters: field.files('预热海报'),
          warmupLinks: {
            type: 'array',
            title: '预热发布链接',
            maxItems: 50,
            items: field.url('链接'),
          },
          incidentLog: field.longText('直播事故记录'),
          actualGmv: field.money('实际 GMV（元）'),
          afterSalesNote: field.longText('售后处理情况'),
          reviewReport: field.files('复盘报告'),
        },
      },
      uiSchema: {
        'ui:order': ['title', 'liveDate', 'host', 'platforms', 'products', 'targetGmv', '*'],
        platforms: { 'ui:widget': 'checkboxes' },
        stockNote: { 'ui:widget': 'textarea' },
        incidentLog: { 'ui:widget': 'textarea' },
      },
    },
    graph: {
      nodes: [
        { id: 'start', type: 'start', name: '发起活动 Start the campaign', stage: SELECTION },
        { id: 'prepare', type: 'parallel', name: '筹备并行 Preparation in parallel' },
        task(
          'selection',
          '选品与库存盘点 Select products and check stock',
          SELECTION,
          ROLES.productManager,
          beforeLive(14),
          {
            products: 'edit',
            lowStock: 'required',
            stockNote: 'edit',
          },
        ),
        { id: 'stockCheck', type: 'branch', name: '库存是否充足? Enough stock?' },
        task(
          'purchaseRequest',
          '采购申请 Purchase request',
          SELECTION,
          ROLES.productManager,
          beforeLive(12),
          {
            purchaseItems: 'required',
            purchaseAmount: 'required',
          },
        ),
        {
          id: 'purchaseApproval',
          type: 'approval',
          name: '采购审批 Purchase approval',
          stage: SELECTION,
          assignees: [role(ROLES.operationsDirector)],
          onReject: { action: 'return', to: 'purchaseRequest' },
          sla: { due: 'P1D', remindBefore: ['PT4H'] },
        },
        task('stockIn', '到货入库 Goods received', SELECTION, ROLES.warehouse, beforeLive(5), {
          goodsArrived: 'required',
        }),
        task(
          'scriptDraft',
          '撰写脚本与话术 Write script and talking points',
          SCRIPT,
          ROLES.operationsSpecialist,
          beforeLive(7),
          {
            script: 'required',
          },
        ),
        {
          id: 'scriptReview',
          type: 'approval',
          name: '运营审核脚本 Operations reviews the script',
          stage: SCRIPT,
          assignees: [role(ROLES.operationsDirector)],
          onReject: { action: 'return', to: 'scriptDraft' },
          // The director reviews, so escalating to the director would only notify them twice.
          sla: beforeLive(6, false),
        },
        task(
          'rota',
          '主播与场控排班 Host and control-room rota',
          ROTA,
          ROLES.operationsSpecialist,
          beforeLive(3),
          {
            rota: 'required',
          },
        ),
        task('posters', '预热海报 Warm-up posters', WARMUP, ROLES.graphicDesigner, beforeLive(4), {
          posters: 'required',
        }),
        task(
          'posting',
          '多渠道发布 Multi-channel posting',
          WARMUP,
          ROLES.operationsSpecialist,
          beforeLive(1),
          {
            warmupLinks: 'required',
          },
        ),
        { id: 'ready', type: 'join', name: '筹备完成 Ready to go live' },
        {
          id: 'waitLive',
          type: 'timer',
          name: '等待开播 Wait for the live date',
          stage: LIVE,
          until: { field: 'liveDate' },
        },
        {
          id: 'liveControl',
          type: 'task',
          name: '直播中控 Live control',
          stage: LIVE,
          assignees: [role(ROLES.operationsSpecialist), role(ROLES.liveHost)],
          mode: 'any',
          fieldPermissions: { incidentLog: 'edit', actualGmv: 'required' },
          sla: afterLive(1),
        },
        { id: 'wrapUp', type: 'parallel', name: '售后与复盘 After-sales and review' },
        task('afterSales', '售后处理 After-sales', AFTER, ROLES.customerService, afterLive(3), {
          afterSalesNote: 'required',
        }),
        task('review', '复盘报告 Review report', AFTER, ROLES.operationsSpecialist, afterLive(3), {
          reviewReport: 'required',
        }),
        { id: 'closed', type: 'join', name: '活动结束 Campaign closed' },
        { id: 'done', type: 'end', name: '完成 Done', outcome: 'completed' },
      ],
      edges: [
        ...path('start', 'prepare'),
        edge('prepare', 'selection'),
        edge('prepare', 'scriptDraft'),
        edge('prepare', 'rota'),
        edge('selection', 'stockCheck'),
        edge('stockCheck', 'purchaseRequest', {
          condition: { '==': [{ var: 'lowStock' }, true] },
          label: '库存不足 Low stock',
        }),
        edge('stockCheck', 'ready', { default: true, label: '库存充足 Enough' }),
        ...path('purchaseRequest', 'purchaseApproval', 'stockIn', 'ready'),
        // Warm-up follows the approved script: posters carry its talking points.
        ...path('scriptDraft', 'scriptReview', 'posters', 'posting', 'ready'),
        edge('rota', 'ready'),
        ...path('ready', 'waitLive', 'liveControl', 'wrapUp'),
        edge('wrapUp', 'afterSales'),
        edge('wrapUp', 'review'),
        edge('afterSales', 'closed'),
        edge('review', 'closed'),
        edge('closed', 'done'),
      ],
    },
    settings: { allowWithdraw: true, starters: [role(ROLES.operationsDirector)] },
  },
};
