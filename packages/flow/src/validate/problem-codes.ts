// Every code validateDefinition can report. The designer maps codes to help
// texts and the API returns them as they are, so codes never change meaning.
export const PROBLEM_CODES = [
  // the input itself
  'not_json',
  'too_deep',
  'too_large',
  'invalid_input',
  // structure (JSON Schema)
  'schema',
  // the form
  'form_not_object',
  'invalid_form_schema',
  'unknown_field',
  'not_date_field',
  // ids and edges
  'duplicate_id',
  'missing_node',
  // graph shape
  'start_count',
  'no_end',
  'start_inbound',
  'end_outbound',
  'multiple_outgoing',
  'multiple_incoming',
  'unreachable',
  'no_path_to_end',
  // gateways and conditions
  'missing_default',
  'multiple_default',
  'default_with_condition',
  'missing_condition',
  'unexpected_condition',
  'invalid_condition',
  'join_mismatch',
  'unjoined_split',
  'region_escape',
  // node settings
  'no_assignees',
  'unknown_role',
  'unknown_user',
  'unknown_department',
  'invalid_pass_ratio',
  'invalid_return_target',
  'invalid_timer',
  'invalid_duration',
  'invalid_sla',
  'invalid_automation',
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];
