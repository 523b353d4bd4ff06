import { describe, expect, it } from '@jest/globals';
import { isAttachmentField } from './attachments.js';
import { compileForm } from './compile.js';

const strings = { type: 'array', items: { type: 'string' } };

describe('isAttachmentField', () => {
  it("knows the designer's attachment field and the templates' plain lists of file ids", () => {
    const { schema, uiSchema } = compileForm([{ key: 'proof', type: 'attachment', label: 'P' }]);
    expect(isAttachmentField(schema.properties!.proof, uiSchema.proof)).toBe(true);
    expect(isAttachmentField(strings, undefined)).toBe(true);
  });

  it('leaves links, choices, people and departments alone', () => {
    const links = { type: 'array', items: { type: 'string', format: 'uri' } };
    expect(isAttachmentField(links, undefined)).toBe(false);
    const choices = { type: 'array', items: { type: 'string', enum: ['a'] } };
    expect(isAttachmentField(choices, undefined)).toBe(false);
    expect(isAttachmentField(strings, { 'ui:widget': 'user' })).toBe(false);
    expect(isAttachmentField(strings, { 'ui:widget': 'department' })).toBe(false);
    expect(isAttachmentField({ type: 'string' }, undefined)).toBe(false);
    expect(isAttachmentField({ type: 'array', items: { type: 'object' } }, undefined)).toBe(false);
  });
});
