// The demo organisation of apps/api (demo-organisation.ts) as a directory
// snapshot, so the scenarios run with the people a demo installation has.
// Not a test itself; excluded from the build.
import { Driver, type DirectorySnapshot, type Effect } from '@baton/flow';
import type { ProcessTemplate } from './shared.js';

export const DEMO_DIRECTORY: DirectorySnapshot = {
  departments: [
    { id: 'hq', headId: 'gm' },
    { id: 'ops', headId: 'opsdir', parentId: 'hq' },
    { id: 'product', headId: 'pm', parentId: 'hq' },
    { id: 'design', headId: 'design', parentId: 'hq' },
    { id: 'warehouse', headId: 'warehouse', parentId: 'hq' },
    { id: 'cs', headId: 'cslead', parentId: 'hq' },
    { id: 'finance', headId: 'finance', parentId: 'hq' },
    { id: 'hr', headId: 'hr', parentId: 'hq' },
    { id: 'live', headId: 'host', parentId: 'ops' },
  ],
  users: [
    { id: 'gm', roles: ['general_manager'], departmentId: 'hq' },
    { id: 'opsdir', roles: ['operations_director'], departmentId: 'ops' },
    { id: 'opsspec', roles: ['operations_specialist'], departmentId: 'ops' },
    { id: 'pm', roles: ['product_manager'], departmentId: 'product' },
    // design_lead is not in the demo organisation yet (see README).
    { id: 'design', roles: ['graphic_designer', 'design_lead'], departmentId: 'design' },
    { id: 'designer2', roles: ['graphic_designer'], departmentId: 'design' },
    { id: 'warehouse', roles: ['warehouse'], departmentId: 'warehouse' },
    { id: 'cs', roles: ['customer_service'], departmentId: 'cs' },
    { id: 'cslead', roles: ['cs_lead'], departmentId: 'cs' },
    { id: 'finance', roles: ['finance'], departmentId: 'finance' },
    { id: 'hr', roles: ['hr'], departmentId: 'hr' },
    { id: 'host', roles: ['live_host'], departmentId: 'live' },
    { id: 'flowadmin', roles: ['designer'], departmentId: 'ops' },
    { id: 'admin', roles: ['admin'] },
  ],
  admins: ['admin'],
};

/** Starts a template's definition in the pure engine, as `initiator`, at 2030-01-01 09:00 UTC. */
export function run(
  template: ProcessTemplate,
  initiator: string,
  data: Record<string, unknown>,
): Driver {
  const driver = new Driver(template.definition, DEMO_DIRECTORY);
  driver.start(initiator, data);
  return driver;
}

/** Open tasks as "node:assignee", sorted, for compact assertions. */
export function open(driver: Driver): string[] {
  return driver
    .openTasks()
    .map((task) => `${task.nodeId}:${task.assigneeId}`)
    .sort();
}

/** Fires the open timer of one purpose at one node, moving the clock to it. */
export function fire(
  driver: Driver,
  nodeId: string,
  purpose: 'node' | 'slaRemind' | 'slaOverdue',
): Effect[] {
  const timer = Object.values(driver.state.timers).find(
    (t) => t.nodeId === nodeId && t.purpose === purpose,
  );
  if (!timer) throw new Error(`no ${purpose} timer at "${nodeId}"`);
  const at = Date.parse(timer.at) - Date.parse(driver.now);
  if (at > 0) driver.advance(at);
  return driver.must({ type: 'timerFired', timerId: timer.id });
}
