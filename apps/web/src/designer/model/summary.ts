// One-line summaries for node cards and branch headers (UX.md "The flow
// designer"): who and how, in the words of the people who build the flow.
// Ids are shown only when the directory lookups do not know a name, so a
// card never goes blank.
import type { FormField } from '@baton/forms';
import {
  parseDuration,
  type AssigneeRule,
  type FieldTime,
  type FlowEdge,
  type FlowNode,
  type NodeType,
} from '@baton/flow';
import {
  fromJsonLogic,
  isGroup,
  type ConditionGroup,
  type ConditionItem,
  type ConditionRule,
  type ConditionScalar,
} from './condition-builder';
import { fieldIndex } from './form-fields';

export type Lang = 'zh-CN' | 'en';

export interface SummaryContext {
  lang: Lang;
  /** Display names by user id. */
  users?: Record<string, string>;
  /** Display names by role key. */
  roles?: Record<string, string>;
  /** Display names by department id. */
  departments?: Record<string, string>;
  fields?: readonly FormField[];
}

type Text = Record<Lang, string>;
const t = (lang: Lang, text: Text) => text[lang];

export const NODE_TYPE_LABELS: Record<NodeType, Text> = {
  start: { 'zh-CN': '发起人', en: 'Initiator' },
  approval: { 'zh-CN': '审批人', en: 'Approver' },
  task: { 'zh-CN': '办理人', en: 'Handler' },
  cc: { 'zh-CN': '抄送人', en: 'CC' },
  branch: { 'zh-CN': '条件分支', en: 'Condition branch' },
  inclusive: { 'zh-CN': '包容分支', en: 'Inclusive branch' },
  parallel: { 'zh-CN': '并行分支', en: 'Parallel branch' },
  join: { 'zh-CN': '汇合', en: 'Join' },
  timer: { 'zh-CN': '等待', en: 'Timer' },
  automation: { 'zh-CN': '自动化', en: 'Automation' },
  end: { 'zh-CN': '结束', en: 'End' },
};

/** The card title: the node's own name, else what kind of step it is. */
export function nodeTitle(node: FlowNode, lang: Lang): string {
  return (
    node.name?.trim() ||
    t(lang, NODE_TYPE_LABELS[node.type] ?? { 'zh-CN': node.type, en: node.type })
  );
}

const MODE: Record<string, Text> = {
  any: { 'zh-CN': '或签', en: 'any one' },
  all: { 'zh-CN': '会签', en: 'all' },
  sequential: { 'zh-CN': '依次审批', en: 'in turn' },
};

const TASK_MODE: Record<string, Text> = {
  any: { 'zh-CN': '任一人办理', en: 'any one' },
  all: { 'zh-CN': '全部办理', en: 'everyone' },
};

const OUTCOME: Record<string, Text> = {
  approved: { 'zh-CN': '审批通过', en: 'Approved' },
  rejected: { 'zh-CN': '审批拒绝', en: 'Rejected' },
  completed: { 'zh-CN': '流程结束', en: 'Completed' },
};

export function nodeSummary(node: FlowNode, ctx: SummaryContext): string {
  const { lang } = ctx;
  switch (node.type) {
    case 'start':
      return t(lang, { 'zh-CN': '发起人提交表单', en: 'The initiator fills in the form' });
    case 'approval': {
      if (node.assignees.length === 0)
        return t(lang, { 'zh-CN': '未设置审批人', en: 'No approver set' });
      const who = assigneesText(node.assignees, ctx);
      // The default mode (any one) is left unsaid unless chosen explicitly.
      if (node.mode === undefined) return who;
      if (node.mode === 'vote') {
        const pct = Math.round((node.passRatio ?? 0) * 100);
        return `${who} · ${t(lang, { 'zh-CN': `票数 ≥ ${pct}%`, en: `vote ≥ ${pct}%` })}`;
      }
      return `${who} · ${t(lang, MODE[node.mode])}`;
    }
    case 'task': {
      if (node.assignees.length === 0)
        return t(lang, { 'zh-CN': '未设置办理人', en: 'No handler set' });
      const who = assigneesText(node.assignees, ctx);
      return node.mode === undefined ? who : `${who} · ${t(lang, TASK_MODE[node.mode])}`;
    }
    case 'cc':
      if (node.recipients.length === 0)
        return t(lang, { 'zh-CN': '未设置抄送人', en: 'No one to notify' });
      return `${t(lang, { 'zh-CN': '抄送: ', en: 'CC: ' })}${assigneesText(node.recipients, ctx)}`;
    case 'branch':
      return t(lang, {
        'zh-CN': '走第一个满足条件的分支',
        en: 'Takes the first branch whose condition holds',
      });
    case 'inclusive':
      return t(lang, {
        'zh-CN': '满足条件的分支都执行',
        en: 'Takes every branch whose condition holds',
      });
    case 'parallel':
      return t(lang, { 'zh-CN': '所有分支同时进行', en: 'All branches at once' });
    case 'join':
      return t(lang, { 'zh-CN': '等待所有分支完成', en: 'Waits for all branches' });
    case 'timer':
      if (node.delay !== undefined)
        return `${t(lang, { 'zh-CN': '等待 ', en: 'Wait ' })}${durationText(node.delay, lang)}`;
      if (node.until !== undefined) return untilText(node.until, ctx);
      return t(lang, { 'zh-CN': '未设置等待时间', en: 'No wait set' });
    case 'automation':
      return automationText(node, ctx);
    case 'end':
      return t(lang, OUTCOME[node.outcome ?? 'completed']);
    default:
      return '';
  }
}

function list(items: string[], lang: Lang): string {
  return items.join(lang === 'zh-CN' ? '、' : ', ');
}

export function assigneesText(rules: readonly AssigneeRule[], ctx: SummaryContext): string {
  return list(
    rules.map((rule) => assigneeText(rule, ctx)),
    ctx.lang,
  );
}

export function assigneeText(rule: AssigneeRule, ctx: SummaryContext): string {
  const { lang } = ctx;
  switch (rule.kind) {
    case 'user': {
      const names = rule.ids.map((id) => ctx.users?.[id] ?? id);
      if (names.length <= 3) return list(names, lang);
      const shown = list(names.slice(0, 2), lang);
      return t(lang, {
        'zh-CN': `${shown}等 ${names.length} 人`,
        en: `${shown} and ${names.length - 2} more`,
      });
    }
    case 'role':
      return ctx.roles?.[rule.role] ?? rule.role;
    case 'initiator':
      return t(lang, { 'zh-CN': '发起人本人', en: 'The initiator' });
    case 'manager': {
      const level = rule.level ?? 1;
      if (level === 1)
        return t(lang, { 'zh-CN': '发起人的直属主管', en: "The initiator's manager" });
      return t(lang, {
        'zh-CN': `发起人的第 ${level} 级主管`,
        en: `The initiator's level-${level} manager`,
      });
    }
    case 'field':
      return t(lang, {
        'zh-CN': `表单字段「${fieldLabel(rule.field, ctx.fields)}」`,
        en: `People in "${fieldLabel(rule.field, ctx.fields)}"`,
      });
    case 'departmentHead': {
      const dept = ctx.departments?.[rule.departmentId] ?? rule.departmentId;
      return t(lang, { 'zh-CN': `${dept}负责人`, en: `Head of ${dept}` });
    }
    default:
      return '';
  }
}

const UNITS = [
  ['years', '年', 'year'],
  ['months', '个月', 'month'],
  ['weeks', '周', 'week'],
  ['days', '天', 'day'],
  ['hours', '小时', 'hour'],
  ['minutes', '分钟', 'minute'],
  ['seconds', '秒', 'second'],
] as const;

/** "P1DT2H" → "1 天 2 小时" / "1 day 2 hours"; text that is not a duration is shown as it is. */
export function durationText(text: string, lang: Lang): string {
  const d = parseDuration(text);
  if (!d) return text;
  const parts = UNITS.filter(([unit]) => d[unit] !== 0).map(([unit, zh, en]) =>
    lang === 'zh-CN' ? `${d[unit]} ${zh}` : `${d[unit]} ${en}${d[unit] === 1 ? '' : 's'}`,
  );
  return parts.length > 0 ? parts.join(' ') : t(lang, { 'zh-CN': '0 秒', en: '0 seconds' });
}

function untilText(until: FieldTime, ctx: SummaryContext): string {
  const { lang } = ctx;
  const field = fieldLabel(until.field, ctx.fields);
  const d = until.offset === undefined ? undefined : parseDuration(until.offset);
  if (!until.offset || !d) return t(lang, { 'zh-CN': `等到「${field}」`, en: `Until "${field}"` });
  const amount = durationText(until.offset.replace(/^[+-]/, ''), lang);
  if (d.sign < 0)
    return t(lang, {
      'zh-CN': `等到「${field}」前 ${amount}`,
      en: `Until ${amount} before "${field}"`,
    });
  return t(lang, {
    'zh-CN': `等到「${field}」后 ${amount}`,
    en: `Until ${amount} after "${field}"`,
  });
}

function automationText(node: FlowNode & { type: 'automation' }, ctx: SummaryContext): string {
  const { lang } = ctx;
  const action = node.action;
  switch (action.kind) {
    case 'setFields': {
      const fields = Object.keys(action.values).map((key) => fieldLabel(key, ctx.fields));
      if (fields.length === 0)
        return t(lang, { 'zh-CN': '未设置要填写的字段', en: 'No fields to set' });
      return `${t(lang, { 'zh-CN': '填写字段: ', en: 'Set fields: ' })}${list(fields, lang)}`;
    }
    case 'webhook':
      return `${t(lang, { 'zh-CN': '调用接口 ', en: 'Call ' })}${action.method ?? 'POST'} ${hostOf(action.url)}`;
    case 'startProcess':
      return `${t(lang, { 'zh-CN': '发起流程 ', en: 'Start process ' })}${action.key}`;
    default:
      return '';
  }
}

/** The host is what tells a webhook apart on a small card; the path rarely does. */
function hostOf(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(url);
  return match ? match[1] : url;
}

function fieldLabel(path: string, fields: readonly FormField[] | undefined): string {
  return (fields && fieldIndex(fields).get(path)?.label) || path;
}

// ---- conditions ------------------------------------------------------------

export const DEFAULT_BRANCH_LABEL: Text = { 'zh-CN': '其他情况', en: 'Otherwise' };

/** Branch header text: the edge's own label, else its condition in words; "其他情况" for the default. */
export function edgeLabel(edge: FlowEdge, fields: readonly FormField[], lang: Lang): string {
  if (edge.label) return edge.label;
  if (edge.default === true) return t(lang, DEFAULT_BRANCH_LABEL);
  return conditionLabel(edge.condition, fields, lang);
}

/** A condition in words ("金额 ≥ 500", "平台 是 抖音"). */
export function conditionLabel(logic: unknown, fields: readonly FormField[], lang: Lang): string {
  const group = fromJsonLogic(logic);
  if (!group) return t(lang, { 'zh-CN': '自定义条件', en: 'Custom condition' });
  if (group.items.length === 0) return t(lang, { 'zh-CN': '未设置条件', en: 'No condition' });
  return groupText(group, fieldIndex(fields), lang, true);
}

function groupText(
  group: ConditionGroup,
  fields: Map<string, FormField>,
  lang: Lang,
  top: boolean,
): string {
  const joiner =
    group.op === 'and'
      ? t(lang, { 'zh-CN': ' 且 ', en: ' and ' })
      : t(lang, { 'zh-CN': ' 或 ', en: ' or ' });
  const text = group.items
    .map((item: ConditionItem) =>
      isGroup(item) ? groupText(item, fields, lang, false) : ruleText(item, fields, lang),
    )
    .join(joiner);
  return top ? text : `(${text})`;
}

const SYMBOL = { gt: '>', gte: '≥', lt: '<', lte: '≤' } as const;

function ruleText(rule: ConditionRule, fields: Map<string, FormField>, lang: Lang): string {
  const field = fields.get(rule.field);
  const name = field?.label || rule.field;
  const value = (v: ConditionScalar) => valueText(v, field, lang);
  const values = () =>
    list((Array.isArray(rule.value) ? rule.value : [rule.value ?? null]).map(value), lang);
  const one = () =>
    value(Array.isArray(rule.value) ? (rule.value[0] ?? null) : (rule.value ?? null));
  const numeric =
    field?.type === 'number' ||
    field?.type === 'money' ||
    field?.type === 'date' ||
    field?.type === 'datetime';
  switch (rule.operator) {
    case 'eq':
    case 'ne': {
      if (field?.type === 'checkbox') {
        const checked = (rule.value === true) === (rule.operator === 'eq');
        return checked
          ? t(lang, { 'zh-CN': `${name} 已勾选`, en: `${name} is checked` })
          : t(lang, { 'zh-CN': `${name} 未勾选`, en: `${name} is not checked` });
      }
      if (numeric) return `${name} ${rule.operator === 'eq' ? '=' : '≠'} ${one()}`;
      return rule.operator === 'eq'
        ? t(lang, { 'zh-CN': `${name} 是 ${one()}`, en: `${name} is ${one()}` })
        : t(lang, { 'zh-CN': `${name} 不是 ${one()}`, en: `${name} is not ${one()}` });
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `${name} ${SYMBOL[rule.operator]} ${one()}`;
    case 'in':
      return t(lang, { 'zh-CN': `${name} 属于 ${values()}`, en: `${name} is one of ${values()}` });
    case 'notIn':
      return t(lang, {
        'zh-CN': `${name} 不属于 ${values()}`,
        en: `${name} is not one of ${values()}`,
      });
    case 'contains':
      return t(lang, { 'zh-CN': `${name} 包含 ${one()}`, en: `${name} contains ${one()}` });
    case 'empty':
      return t(lang, { 'zh-CN': `${name} 为空`, en: `${name} is empty` });
    case 'notEmpty':
      return t(lang, { 'zh-CN': `${name} 不为空`, en: `${name} is not empty` });
    default:
      return name;
  }
}

function valueText(value: ConditionScalar, field: FormField | undefined, lang: Lang): string {
  if (value === null) return t(lang, { 'zh-CN': '空', en: 'empty' });
  if (typeof value === 'boolean')
    return value ? t(lang, { 'zh-CN': '是', en: 'yes' }) : t(lang, { 'zh-CN': '否', en: 'no' });
  const option = field?.options?.find((o) => o.value === String(value));
  return option ? option.label : String(value);
}
