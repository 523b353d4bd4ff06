export { validateDefinition } from './validate-definition.js';
export { PROBLEM_CODES, type ProblemCode } from './problem-codes.js';
export { INPUT_LIMITS } from './input-guard.js';
export { JSON_LOGIC_OPERATORS, readLogic, readTemplate, type LogicReading } from './json-logic.js';
export {
  DominatorTree,
  indexGraph,
  predecessors,
  reachable,
  successors,
  type GraphIndex,
} from './graph.js';
