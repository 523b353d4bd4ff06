// Engine refusals as HTTP answers (API.md): not yours → 403, no longer open
// → 409, a request the state refuses → 422, a malformed one → 400.
import { ApiError } from '../../platform/errors/api-error.js';
import type { CommandOutcome } from './command-bus.js';

const STATUS: Record<string, number> = {
  not_assignee: 403,
  not_initiator: 403,
  not_admin: 403,
  not_allowed_to_start: 403,
  self_approval_forbidden: 403,
  task_not_open: 409,
  task_not_found: 404,
  instance_not_running: 409,
  withdraw_not_allowed: 422,
  already_started: 409,
  timer_not_found: 409,
  automation_not_pending: 409,
  incident_not_found: 404,
  field_not_editable: 400,
  required_field_missing: 400,
  illegal_action: 400,
  invalid_return_target: 400,
  invalid_user: 400,
  invalid_command: 400,
  invalid_definition: 422,
};

export function refusalError(outcome: CommandOutcome): ApiError {
  const r = outcome.result as { code: string; message: string };
  const status = STATUS[r.code] ?? 422;
  // Every 409 is `conflict` (API.md); `reason` names the engine's refusal. An
  // approval racing the one that ended the instance is refused as
  // instance_not_running, and must read the same as "task no longer open".
  const code = status === 409 ? 'conflict' : r.code;
  return new ApiError(status, code, sentence(r.message), { reason: r.code });
}

function sentence(s: string): string {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
