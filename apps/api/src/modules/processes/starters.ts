// Who may start a process: settings.starters (FLOW-DSL.md), resolved for the
// caller with the directory, the same way assignees are resolved.
//
// The rules are read with the caller as the would-be initiator and no form
// data yet, which decides the odd kinds:
// - absent or empty list: everyone;
// - `initiator`: everyone (whoever starts is the initiator);
// - `field`: nobody (there is no form data before the start);
// - `manager`: nobody (the caller's manager is never the caller);
// so such rules add no one, and a list made only of `field`/`manager` rules
// lets no one start. Admins follow the same rules: starting is not admin
// work, and a process restricted to finance stays restricted.
import { resolveRule, type AssigneeRule, type Directory } from '@baton/flow';

export function mayStart(
  starters: readonly AssigneeRule[] | undefined | null,
  userId: string,
  directory: Directory,
): boolean {
  if (!Array.isArray(starters) || starters.length === 0) return true;
  return starters.some((rule) =>
    resolveRule(rule, { directory, initiatorId: userId, data: {} }).includes(userId),
  );
}
