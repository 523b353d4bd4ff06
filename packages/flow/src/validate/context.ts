import type { Directory, Problem, ProcessDefinition } from '../definition.js';
import type { ProblemList } from './describe.js';
import type { FormFields } from './form-fields.js';
import type { GraphIndex } from './graph.js';
import { readLogic, readTemplate } from './json-logic.js';

/** What every pass after the structural one reads. */
export interface Context {
  definition: ProcessDefinition;
  graph: GraphIndex;
  form: FormFields;
  directory?: Directory;
  problems: ProblemList;
}

type Where = Omit<Problem, 'code' | 'message'>;

/**
 * Reports unknown operators (invalid_condition) and fields the form does not
 * have (unknown_field) in a condition, or in an automation value when
 * `template` is set (see readTemplate). `subject` starts the sentence.
 */
export function checkLogic(
  ctx: Context,
  logic: unknown,
  subject: string,
  where: Where,
  template = false,
): void {
  const { fields, unknownOperators, malformed } = template ? readTemplate(logic) : readLogic(logic);
  for (const op of unknownOperators) {
    ctx.problems.add(
      'invalid_condition',
      `${subject} uses "${op}", which is not a JsonLogic operator Baton allows.`,
      where,
    );
  }
  for (const op of malformed) {
    ctx.problems.add(
      'invalid_condition',
      `${subject} uses "${op}" with arguments it cannot take.`,
      where,
    );
  }
  for (const field of fields) {
    if (!ctx.form.has(field)) {
      ctx.problems.add(
        'unknown_field',
        `${subject} reads the field "${field}", which the form does not have.`,
        where,
      );
    }
  }
}
