// validateDefinition: the publish-time gate (FLOW-DSL.md "Validation at
// publish"). Passes run in a fixed order and each later pass relies on the
// earlier ones, so a problem is reported once, where it starts:
//   1. input guard: plain, bounded JSON (no cycles, depth, size)
//   2. structure: the JSON Schema; nothing below runs unless it passes
//   3. the form schema
//   4. ids and edge endpoints
//   5. graph shape: start, ends, degrees, reachability
//   6. conditions and default edges
//   7. node settings (assignees, SLA, timers, automations, return targets)
//   8. split/join pairing, only on a sound graph
import type { Directory, Problem, ProcessDefinition } from '../definition.js';
import type { Context } from './context.js';
import { ProblemList } from './describe.js';
import { checkEdges } from './edge-rules.js';
import { checkSplitsAndJoins } from './flow-structure.js';
import { checkForm } from './form-fields.js';
import { indexGraph } from './graph.js';
import { checkIds, checkShape } from './graph-rules.js';
import { guardInput } from './input-guard.js';
import { checkNodes } from './node-rules.js';
import { validateStructure } from './structure.js';

/**
 * Every problem that keeps a definition from being published; an empty list
 * means it may be published. Never throws, whatever it is given. With a
 * directory it also checks that named users, roles and departments exist.
 */
export function validateDefinition(definition: unknown, directory?: Directory): Problem[] {
  try {
    const guarded = guardInput(definition);
    if (guarded) return [guarded];
    const structural = validateStructure(definition);
    if (structural.length > 0) return structural;
    return checkSound(definition as ProcessDefinition, directory);
  } catch (error) {
    // A throwing directory, a Proxy, or a bug of ours: still an answer, never a 500.
    const reason = error instanceof Error ? error.message : String(error);
    return [{ code: 'invalid_input', message: `The definition could not be checked: ${reason}` }];
  }
}

function checkSound(definition: ProcessDefinition, directory: Directory | undefined): Problem[] {
  const problems = new ProblemList();
  const form = checkForm(definition, problems);
  checkIds({ definition, problems });
  const idsSound = problems.items.length === 0;
  const graph = indexGraph(definition.graph.nodes, definition.graph.edges);
  const ctx: Context = { definition, graph, form, problems, ...(directory ? { directory } : {}) };
  const shapeSound = checkShape(ctx);
  checkEdges(ctx);
  checkNodes(ctx);
  if (idsSound && shapeSound) checkSplitsAndJoins(ctx);
  return problems.items;
}
