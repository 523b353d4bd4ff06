// 自动化: setFields is computed here (JsonLogic over the form data, every value
// from the same snapshot); a webhook or a child process is asked for as an
// effect and the node waits for automationResult.
import type { AutomationNode } from '../../definition.js';
import { evaluate } from '../logic.js';
import type { NodeBehavior } from './behavior.js';

export const automation: NodeBehavior<AutomationNode> = {
  enter(run, node, act) {
    const action = node.action;
    const data = run.state.data;
    if (action.kind === 'setFields') {
      const values: Record<string, unknown> = {};
      for (const [field, rule] of Object.entries(action.values ?? {}))
        values[field] = evaluate(rule, data);
      run.mergeData(values, 'system');
      run.leave(act, 'passed');
    } else if (action.kind === 'webhook') {
      act.pending = 'webhook';
      const body = action.body === undefined ? {} : { body: evaluate(action.body, data) };
      run.emit({
        type: 'callWebhook',
        nodeId: node.id,
        activationId: act.id,
        request: {
          url: action.url,
          method: action.method ?? 'POST',
          headers: { ...action.headers },
          ...body,
        },
      });
    } else {
      act.pending = 'startProcess';
      const childData = evaluate(action.data ?? {}, data) as Record<string, unknown>;
      run.emit({
        type: 'startProcess',
        nodeId: node.id,
        activationId: act.id,
        key: action.key,
        data: childData,
      });
    }
  },
  onAutomationResult(run, node, act, result) {
    delete act.pending;
    if (!result.ok) {
      run.incident(act, 'automation_failed', result.error ?? `automation "${node.id}" failed`);
      return;
    }
    run.mergeData(result.data, 'system');
    run.leave(act, 'passed');
  },
};
