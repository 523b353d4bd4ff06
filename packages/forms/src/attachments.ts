import { isPlainObject } from './schema-types.js';

/**
 * Whether a form property holds attachments, i.e. a list of file ids: what the
 * form designer writes (`ui:widget: attachment`), or, in hand-written schemas
 * such as the templates' `files`, a list of plain strings that no other widget
 * claims and that is neither a choice (`enum`) nor a formatted value (`format`:
 * links, dates, e-mail addresses). The API checks file references and the web
 * app shows an upload widget by this one rule.
 */
export function isAttachmentField(schema: unknown, ui: unknown): boolean {
  const widget = isPlainObject(ui) ? ui['ui:widget'] : undefined;
  if (widget === 'attachment') return true;
  if (widget !== undefined) return false;
  if (!isPlainObject(schema) || schema.type !== 'array' || !isPlainObject(schema.items))
    return false;
  const items = schema.items;
  return items.type === 'string' && !Array.isArray(items.enum) && items.format === undefined;
}
