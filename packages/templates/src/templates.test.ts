import { describe, expect, it } from '@jest/globals';
import {
  memoryDirectory,
  validateDefinition,
  type AssigneeRule,
  type ProcessDefinition,
} from '@baton/flow';
import { DEMO_DIRECTORY } from './demo-org.test-helper.js';
import { TEMPLATES, findTemplate } from './index.js';

/** Every role a definition names: assignees, cc recipients, escalations and starters. */
function rolesOf(definition: ProcessDefinition): string[] {
  const rules: AssigneeRule[] = [...(definition.settings?.starters ?? [])];
  for (const node of definition.graph.nodes) {
    if (node.type === 'approval' || node.type === 'task') {
      rules.push(...node.assignees);
      if (node.sla?.onOverdue?.to) rules.push(node.sla.onOverdue.to);
    }
    if (node.type === 'cc') rules.push(...node.recipients);
  }
  return [...new Set(rules.flatMap((rule) => (rule.kind === 'role' ? [rule.role] : [])))].sort();
}

describe('the built-in templates', () => {
  it('are the six SOPs, with unique keys', () => {
    expect(TEMPLATES.map((t) => t.key)).toEqual([
      'new-product-listing',
      'refund',
      's-level-livestream',
      'leave',
      'ad-spend',
      'design-work-order',
    ]);
    expect(findTemplate('refund')?.name).toBe('退款审批 Refund');
    expect(findTemplate('nope')).toBeUndefined();
  });

  describe.each(TEMPLATES.map((t) => [t.key, t] as const))('%s', (_key, template) => {
    const { definition } = template;

    it('validates with no problems against the demo organisation', () => {
      expect(validateDefinition(definition, memoryDirectory(DEMO_DIRECTORY))).toEqual([]);
    });

    it('has metadata that matches its definition', () => {
      expect(definition.key).toBe(template.key);
      expect(definition.name).toBe(template.name);
      // Chinese first, English beside.
      expect(template.name).toMatch(/^\S*[\u4e00-\u9fff]\S* [A-Z][A-Za-z -]+$/);
      expect(template.description.length).toBeGreaterThan(10);
      expect([...template.roles].sort()).toEqual(rolesOf(definition));
      const used = definition.graph.nodes.flatMap((node) => (node.stage ? [node.stage] : []));
      // Listed in the order the nodes first use them, which is the order they run.
      expect(template.stages).toEqual([...new Set(used)]);
    });

    it('gives every form field a Chinese title', () => {
      const properties = definition.form.schema.properties as Record<string, { title?: string }>;
      for (const [name, property] of Object.entries(properties)) {
        expect([name, /[\u4e00-\u9fff]|SKU|GMV|ROI/.test(property.title ?? '')]).toEqual([
          name,
          true,
        ]);
      }
    });

    it('is plain JSON', () => {
      expect(JSON.parse(JSON.stringify(template))).toEqual(template);
    });
  });
});
