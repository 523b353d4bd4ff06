import { describe, it, expect } from '@jest/globals';
import * as forms from './index.js';
import {
  applyPermissions,
  checkWrite,
  compileForm,
  mergeWrite,
  requiredAt,
  validateFormData,
} from './index.js';

describe('@baton/forms', () => {
  it('exports the public API', () => {
    expect(Object.keys(forms).sort()).toEqual(
      [
        'DRAFT_07',
        'FIELD_CATALOGUE',
        'FIELD_KEY',
        'InvalidFormError',
        'InvalidSchemaError',
        'appliesTo',
        'applyPermissions',
        'checkWrite',
        'compileForm',
        'fieldProblems',
        'fieldTypeInfo',
        'fieldsFromSchema',
        'filterData',
        'formSummary',
        'isAttachmentField',
        'isEmptyValue',
        'listFields',
        'mergeWrite',
        'permissionAt',
        'pinFieldOrder',
        'requiredAt',
        'schemaProblems',
        'validateFormData',
      ].sort(),
    );
  });

  it('runs the README example: a finance approver fills in the refund method', () => {
    const form = compileForm([
      { key: 'amount', type: 'money', label: '退款金额', required: true, min: 0 },
      { key: 'cost', type: 'money', label: '成本价' },
      {
        key: 'method',
        type: 'select',
        label: '退款方式',
        options: [
          { value: 'orig', label: '原路退回' },
          { value: 'bank', label: '银行转账' },
        ],
      },
    ]);
    const perms = { cost: 'hidden', method: 'required' } as const;
    const stored = { amount: 99.9, cost: 40 };

    const view = applyPermissions({ ...form, data: stored }, perms, { isStart: false });
    expect(view.data).toEqual({ amount: 99.9 });

    const written = { method: 'bank' };
    expect(checkWrite(perms, written, { isStart: false, schema: form.schema })).toEqual([]);
    expect(checkWrite(perms, { amount: 1 }, { isStart: false, schema: form.schema })).toEqual([
      { path: 'amount', message: '退款金额 cannot be changed at this step' },
    ]);

    const next = mergeWrite(stored, written);
    expect(
      validateFormData(form.schema, next, {
        required: requiredAt(perms, form.schema, { isStart: false }),
      }),
    ).toEqual([]);
    expect(
      validateFormData(form.schema, stored, {
        required: requiredAt(perms, form.schema, { isStart: false }),
      }),
    ).toEqual([{ path: 'method', message: '退款方式 is required' }]);
  });
});
