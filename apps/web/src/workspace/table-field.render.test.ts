// The table field as the workspace and the designer preview draw it, rendered to
// HTML on the server (the web app's tests run without a DOM): headers from the
// column labels, the add/remove controls and their limits, read-only values and
// errors on their cells. Adding and deleting themselves are in table-field.test.ts.
import { describe, expect, it, jest } from '@jest/globals';
import { createElement, type ReactElement } from 'react';
import type { FormField, JsonSchema } from '@baton/forms';

// @ant-design/icons' Node entry re-exports CommonJS that jest's ESM loader cannot
// link; the icons' own ES modules load fine.
const ICONS = [
  'ArrowDownOutlined',
  'ArrowUpOutlined',
  'CloseOutlined',
  'CopyOutlined',
  'DeleteOutlined',
  'DownloadOutlined',
  'ExclamationCircleOutlined',
  'PaperClipOutlined',
  'PlusCircleOutlined',
  'PlusOutlined',
  'UploadOutlined',
];
jest.unstable_mockModule('@ant-design/icons', async () => {
  const out: Record<string, unknown> = {};
  for (const name of ICONS)
    out[name] = (
      (await import(`@ant-design/icons/es/icons/${name}`)) as { default: unknown }
    ).default;
  return out;
});
// The app's i18n module sets up the browser page (document.title...); the test brings its own.
jest.unstable_mockModule('../shared/i18n', () => ({
  useLanguage: () => 'en',
  currentLanguage: () => 'en',
  setLanguage: async () => undefined,
  default: {},
}));

const { renderToStaticMarkup } = await import('react-dom/server');
const { default: i18next } = await import('i18next');
const { I18nextProvider } = await import('react-i18next');
const { default: en } = await import('../shared/locales/en');
const { compileForm } = await import('@baton/forms');
const { FormRenderer } = await import('./components/FormRenderer');
const { FormPreview } = await import('../designer/form/FormPreview');
const { DesignerEnvContext } = await import('../designer/env');

const i18n = i18next.createInstance();
await i18n.init({
  resources: { en: { translation: en } },
  lng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
});

const lines: FormField = {
  key: 'lines',
  type: 'table',
  label: 'Order lines',
  required: true,
  min: 1,
  max: 3,
  columns: [
    { key: 'sku', type: 'text', label: 'SKU', required: true },
    { key: 'qty', type: 'number', label: 'Quantity' },
    { key: 'price', type: 'money', label: 'Unit price' },
    { key: 'gift', type: 'checkbox', label: 'Gift' },
    { key: 'owner', type: 'user', label: 'Owner' },
  ],
};
const form = compileForm([{ key: 'title', type: 'text', label: 'Title' }, lines]);

type RendererProps = Parameters<typeof FormRenderer>[0];
function html(element: ReactElement): string {
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, element));
}
function renderForm(props: Partial<RendererProps> = {}): string {
  return html(
    createElement(FormRenderer, {
      schema: form.schema,
      uiSchema: form.uiSchema,
      formData: {},
      ...props,
    } as RendererProps),
  );
}

/** The element carrying `data-testid`, from its start tag to its matching end tag. */
function element(markup: string, testId: string): string | undefined {
  const start = markup.search(new RegExp(`<(\\w+)[^>]*data-testid="${testId}"`));
  if (start < 0) return undefined;
  const tag = /^<(\w+)/.exec(markup.slice(start))![1];
  const re = new RegExp(`<${tag}[\\s>]|</${tag}>`, 'g');
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(markup); m; m = re.exec(markup)) {
    depth += m[0].startsWith('</') ? -1 : 1;
    if (depth === 0) return markup.slice(start, m.index + m[0].length);
  }
  return undefined;
}
const text = (markup: string | undefined) =>
  (markup ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .trim();
const startTag = (markup: string | undefined) => /^<[^>]*>/.exec(markup ?? '')?.[0] ?? '';
const isDisabled = (markup: string | undefined) => /\sdisabled=""/.test(startTag(markup));

const rows = [
  { sku: 'A-1', qty: 2, price: 1234.5, gift: true },
  { sku: 'B-2', qty: 1, price: 20, gift: false },
];

describe('table field, editable', () => {
  const page = renderForm({ formData: { lines: rows } });
  const table = element(page, 'table-field-lines');

  it('is a table with one column per sub-field, headed by its label', () => {
    expect(table).toBeDefined();
    expect(table).toContain('<table');
    expect(text(element(page, 'table-header-sku'))).toBe('*SKU');
    expect(text(element(page, 'table-header-qty'))).toBe('Quantity');
    expect(text(element(page, 'table-header-price'))).toBe('Unit price');
    expect(text(element(page, 'table-header-gift'))).toBe('Gift');
    expect(text(table)).toContain('No.');
    expect(text(table)).toContain('Actions');
    // not rjsf's stack of numbered mini-forms
    expect(page).not.toContain('Order lines-1');
  });

  it('has one row per entry, numbered, each cell an input holding its value', () => {
    expect(element(page, 'table-row-1')).toBeDefined();
    expect(element(page, 'table-row-2')).toBeDefined();
    expect(element(page, 'table-row-3')).toBeUndefined();
    expect(element(page, 'table-cell-1-sku')).toMatch(/<input[^>]*value="A-1"/);
    expect(element(page, 'table-cell-2-sku')).toMatch(/<input[^>]*value="B-2"/);
    expect(element(page, 'table-cell-1-sku')).toMatch(/id="root_lines_0_sku"/);
  });

  it('offers "Add row" under the table and "Delete" on every row', () => {
    const add = element(page, 'table-add-row');
    expect(text(add)).toBe('Add row');
    expect(isDisabled(add)).toBe(false);
    expect(text(element(page, 'table-remove-row-1'))).toBe('Delete');
    expect(startTag(element(page, 'table-remove-row-2'))).toContain('aria-label="Delete row 2"');
    expect(text(element(page, 'table-limit-hint'))).toBe('Rows: 1–3');
  });

  it('disables "Add row" at the maximum and says why', () => {
    const full = renderForm({ formData: { lines: [...rows, { sku: 'C' }] } });
    expect(isDisabled(element(full, 'table-add-row'))).toBe(true);
    expect(text(element(full, 'table-limit-hint'))).toBe('Row limit reached: at most 3');
  });

  it('disables deleting below the minimum', () => {
    const one = renderForm({ formData: { lines: [rows[0]] } });
    expect(isDisabled(element(one, 'table-remove-row-1'))).toBe(true);
  });

  it('starts a table that needs a row with one, ready to fill in', () => {
    const fresh = renderForm({ formData: {} });
    expect(element(fresh, 'table-row-1')).toBeDefined();
    expect(element(fresh, 'table-row-2')).toBeUndefined();
  });

  it('guides when there are no rows yet', () => {
    const optional = compileForm([{ ...lines, required: false, min: undefined }]);
    const none = renderForm({ schema: optional.schema, uiSchema: optional.uiSchema });
    expect(element(none, 'table-row-1')).toBeUndefined();
    expect(text(element(none, 'table-field-lines'))).toContain('No rows yet');
  });

  it('totals the money and number columns in a row under the table', () => {
    const totals = element(table!, 'table-totals');
    expect(totals).toBeDefined();
    expect(startTag(totals)).toMatch(/^<tr/);
    expect(text(element(totals!, 'table-totals-label'))).toBe('Total');
    expect(text(element(totals!, 'table-total-qty'))).toBe('3');
    expect(text(element(totals!, 'table-total-price'))).toBe('¥1,254.50');
    // the other columns stay empty in that row
    expect(element(totals!, 'table-total-sku')).toBeUndefined();
    expect(element(totals!, 'table-total-gift')).toBeUndefined();
    expect(text(totals).replace(/\s+/g, '')).toBe('Total3¥1,254.50');
    // it comes after the rows, in the table's footer
    expect(table!.indexOf('table-totals')).toBeGreaterThan(table!.indexOf('table-row-2'));
    expect(table).toMatch(/<tfoot[^>]*>\s*<tr[^>]*data-testid="table-totals"/);
  });

  it('adds up to the cent, and shows "—" under a column with nothing filled in', () => {
    const cents = renderForm({
      formData: {
        lines: [
          { sku: 'A', price: 0.1 },
          { sku: 'B', price: 0.2 },
        ],
      },
    });
    expect(text(element(cents, 'table-total-price'))).toBe('¥0.30');
    expect(text(element(cents, 'table-total-qty'))).toBe('—');
  });

  it('has no totals row without rows, or without money and number columns', () => {
    const optional = compileForm([{ ...lines, required: false, min: undefined }]);
    const none = renderForm({ schema: optional.schema, uiSchema: optional.uiSchema });
    expect(element(none, 'table-totals')).toBeUndefined();
    const names = compileForm([
      {
        key: 'people',
        type: 'table',
        label: 'People',
        columns: [{ key: 'name', type: 'text', label: 'Name' }],
      },
    ]);
    const page = renderForm({
      schema: names.schema,
      uiSchema: names.uiSchema,
      formData: { people: [{ name: 'Li' }] },
    });
    expect(element(page, 'table-row-1')).toBeDefined();
    expect(element(page, 'table-totals')).toBeUndefined();
  });

  it('puts an error on the cell it is about, and only there', () => {
    const failing = renderForm({
      formData: { lines: rows },
      extraErrors: { lines: { 1: { qty: { __errors: ['Not enough stock'] } } } },
    });
    expect(text(element(failing, 'table-cell-2-qty'))).toContain('Not enough stock');
    expect(text(element(failing, 'table-cell-1-qty'))).not.toContain('Not enough stock');
    expect(text(element(failing, 'table-cell-2-sku'))).not.toContain('Not enough stock');
  });
});

describe('table field, read-only', () => {
  const page = renderForm({ formData: { lines: rows }, readonly: true });

  it('is a plain table of values, without inputs or row controls', () => {
    const table = element(page, 'table-field-lines');
    expect(table).toContain('<table');
    expect(table).not.toContain('<input');
    expect(element(page, 'table-add-row')).toBeUndefined();
    expect(element(page, 'table-remove-row-1')).toBeUndefined();
    expect(text(element(page, 'table-header-sku'))).toBe('SKU');
  });

  it('shows each value as users read it', () => {
    expect(text(element(page, 'table-cell-1-sku'))).toBe('A-1');
    expect(text(element(page, 'table-cell-1-qty'))).toBe('2');
    expect(text(element(page, 'table-cell-1-price'))).toBe('¥1,234.50');
    expect(text(element(page, 'table-cell-1-gift'))).toBe('Yes');
    expect(text(element(page, 'table-cell-2-gift'))).toBe('No');
  });

  it('totals the money and number columns under the values', () => {
    const totals = element(page, 'table-totals');
    expect(text(element(totals!, 'table-totals-label'))).toBe('Total');
    expect(text(element(totals!, 'table-total-qty'))).toBe('3');
    expect(text(element(totals!, 'table-total-price'))).toBe('¥1,254.50');
    expect(element(totals!, 'table-total-sku')).toBeUndefined();
  });

  it('shows people as names, not a greyed-out picker, and "—" when nobody was picked', () => {
    const withOwner = renderForm({
      formData: { lines: [{ ...rows[0], owner: 'u-1' }, rows[1]] },
      readonly: true,
    });
    // the directory loads in the browser; on the server the id stands in for the name
    expect(text(element(withOwner, 'table-cell-1-owner'))).toBe('u-1');
    expect(element(withOwner, 'table-cell-1-owner')).not.toContain('ant-select');
    expect(text(element(withOwner, 'table-cell-2-owner'))).toBe('—');
  });

  it('says so when there are no rows', () => {
    const none = renderForm({ formData: {}, readonly: true });
    expect(text(element(none, 'table-empty'))).toBe('No rows');
    expect(element(none, 'table-field-lines')).not.toContain('<table');
  });

  it('is read-only when only this field is (a task where the step may read it)', () => {
    // what applyPermissions gives a step with `read` on the table
    const schema = structuredClone(form.schema) as JsonSchema & {
      properties: Record<string, JsonSchema>;
    };
    schema.properties.lines.readOnly = true;
    const uiSchema = {
      ...form.uiSchema,
      lines: { ...(form.uiSchema.lines as object), 'ui:readonly': true },
    };
    const view = renderForm({ schema, uiSchema, formData: { lines: rows } });
    expect(element(view, 'table-add-row')).toBeUndefined();
    expect(text(element(view, 'table-cell-2-sku'))).toBe('B-2');
    // and no blank rows made up to reach minItems when nothing was filled in
    const empty = renderForm({ schema, uiSchema, formData: {} });
    expect(text(element(empty, 'table-empty'))).toBe('No rows');
  });
});

describe('the designer preview', () => {
  it('shows the same table as the workspace', () => {
    const env = { lang: 'en', users: [], departments: [], roles: [] } as never;
    const page = html(
      createElement(
        DesignerEnvContext.Provider,
        { value: env },
        createElement(FormPreview, { fields: [lines] }),
      ),
    );
    expect(element(page, 'table-field-lines')).toContain('<table');
    expect(text(element(page, 'table-header-price'))).toBe('Unit price');
    expect(text(element(page, 'table-add-row'))).toBe('Add row');
  });
});
