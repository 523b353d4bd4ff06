// A table field (明细 / 子表单) as a real table: a row number, one column per
// sub-field headed by its label (required ones starred), one row per entry, a
// delete per row and "Add row" underneath, within the schema's min/max rows.
// Each editable cell is the sub-field's own rjsf field, so widgets, validation
// and server errors work as anywhere else, with the message under the cell.
// Read-only it is a plain table of values. Used by the workspace's FormRenderer
// and the designer's FormPreview alike (registered as `ui:field: table`).
import { useMemo, useState, type ReactNode } from 'react';
import {
  Button,
  Flex,
  Form,
  Grid,
  Table,
  Tooltip,
  Typography,
  theme,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  getUiOptions,
  ID_KEY,
  toFieldPathId,
  type ErrorSchema,
  type FieldProps,
  type FieldTemplateProps,
  type RegistryFieldsType,
  type UiSchema as RjsfUiSchema,
} from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import type { JsonSchema, UiSchema } from '@baton/forms';
import { isLanguage } from '../../shared/language';
import {
  cellDisplay,
  columnWidth,
  errorsAfterRemoval,
  limitHint,
  READONLY_TEXT,
  rowKeysFor,
  TABLE_FIELD,
  tableColumns,
  tableLimits,
  tableRows,
  tableTotals,
  withRowAdded,
  withRowRemoved,
  type TableColumn,
} from '../table-field';

let rowKeyCounter = 0;
const freshRowKey = () => `row-${(rowKeyCounter += 1)}`;

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A cell: no label (the column header is the label), the input outlined red and
 * the message right under it. The message is drawn here rather than as the
 * Form.Item's animated `help`, so it is there from the first render.
 */
function CellFieldTemplate({ children, rawErrors, hidden, id, readonly }: FieldTemplateProps) {
  if (hidden) return <div hidden>{children}</div>;
  // A read-only cell is text; a Form.Item would pad it to an input's height.
  if (readonly) return children;
  const failing = !!rawErrors && rawErrors.length > 0;
  return (
    <>
      <Form.Item
        className="table-field-cell"
        style={{ marginBottom: 0 }}
        htmlFor={id}
        validateStatus={failing ? 'error' : undefined}
      >
        {children}
      </Form.Item>
      {failing && (
        <Typography.Text
          type="danger"
          id={`${id}__error`}
          className="table-field-cell-error"
          style={{ display: 'block', fontSize: 12, lineHeight: '20px' }}
        >
          {rawErrors.join(' ')}
        </Typography.Text>
      )}
    </>
  );
}

const READONLY_CELL = {
  whiteSpace: 'pre-wrap',
  wordBreak: 'break-word',
  minWidth: 64,
  maxWidth: 320,
} as const;

interface RowRecord {
  key: string;
  index: number;
}

export function TableField(props: FieldProps) {
  const {
    schema,
    uiSchema = {},
    formData,
    errorSchema,
    fieldPathId,
    registry,
    onChange,
    onBlur,
    onFocus,
    name,
    disabled = false,
    readonly = false,
    required = false,
    hideError,
  } = props;
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  // Unknown (before the first measure, on the server) counts as wide.
  const compact = Grid.useBreakpoint().sm === false;
  const language = isLanguage(i18n.language) ? i18n.language : 'zh-CN';
  const rows = tableRows(formData);
  const columns = useMemo(
    () => tableColumns(schema as JsonSchema, uiSchema as UiSchema),
    [schema, uiSchema],
  );
  const cellUi = useMemo(
    () =>
      Object.fromEntries(
        columns.map((c): [string, RjsfUiSchema] => {
          const options = isObj(c.ui['ui:options']) ? c.ui['ui:options'] : {};
          return [
            c.key,
            {
              ...c.ui,
              'ui:label': false,
              'ui:FieldTemplate': CellFieldTemplate,
              'ui:options': { ...options, [READONLY_TEXT]: true },
            },
          ];
        }),
      ),
    [columns],
  );
  const limits = tableLimits(schema as JsonSchema, rows.length);
  const hint = readonly ? null : limitHint(limits);

  const [keys, setKeys] = useState<string[]>(() => rowKeysFor([], rows.length, freshRowKey));
  let rowKeys = keys;
  if (keys.length !== rows.length) {
    // The rows changed from outside (a reset, data arriving): keep the keys in step.
    rowKeys = rowKeysFor(keys, rows.length, freshRowKey);
    setKeys(rowKeys);
  }

  const path = fieldPathId.path;
  const fieldId = fieldPathId[ID_KEY];
  const addRow = () => {
    const row = registry.schemaUtils.getDefaultFormState(schema.items as never, undefined);
    setKeys([...rowKeys, freshRowKey()]);
    onChange(withRowAdded(formData, row), path, errorSchema, fieldId);
  };
  const removeRow = (index: number) => {
    setKeys(rowKeys.filter((_, i) => i !== index));
    onChange(
      withRowRemoved(formData, index, required),
      path,
      errorsAfterRemoval(errorSchema as Record<string, unknown> | undefined, index) as ErrorSchema,
      fieldId,
    );
  };

  const { SchemaField } = registry.fields;
  const renderCell = (column: TableColumn, index: number): ReactNode => {
    const row = rows[index];
    const value = isObj(row) ? row[column.key] : undefined;
    if (readonly) {
      const shown = cellDisplay(column, value, language, {
        yes: t('form.table.yes'),
        no: t('form.table.no'),
      });
      if (shown.kind === 'text') return shown.text;
      if (shown.kind === 'link')
        return (
          <Typography.Link href={shown.href} target="_blank" rel="noreferrer">
            {shown.text}
          </Typography.Link>
        );
    }
    const rowPathId = toFieldPathId(index, registry.globalFormOptions, fieldPathId);
    const rowErrors = (errorSchema as Record<number, Record<string, ErrorSchema>> | undefined)?.[
      index
    ];
    return (
      <SchemaField
        name={column.key}
        schema={column.schema as never}
        uiSchema={cellUi[column.key]}
        formData={value}
        errorSchema={rowErrors?.[column.key]}
        fieldPathId={toFieldPathId(column.key, registry.globalFormOptions, rowPathId)}
        required={column.required}
        onChange={onChange}
        onBlur={onBlur}
        onFocus={onFocus}
        registry={registry}
        disabled={disabled}
        readonly={readonly}
        hideError={hideError}
      />
    );
  };

  // Inputs sit at the top of their cells, so a message under one input does not
  // push its neighbours down.
  const top = { style: { verticalAlign: 'top' as const } };
  const rowNumberWidth = compact ? 52 : 56;
  const actionsWidth = compact ? 48 : 88;
  const tableColumnsDef: TableColumnsType<RowRecord> = [
    {
      key: '#',
      title: t('form.table.rowNumber'),
      width: rowNumberWidth,
      align: 'center',
      // On a phone only the delete stays in view while the cells scroll.
      fixed: compact ? undefined : 'left',
      onCell: () => top,
      render: (_, record) => (
        <span style={readonly ? undefined : { lineHeight: '32px' }}>{record.index + 1}</span>
      ),
    },
    ...columns.map((column): TableColumnsType<RowRecord>[number] => ({
      key: column.key,
      title: (
        <span data-testid={`table-header-${column.key}`}>
          {column.required && !readonly && (
            <span aria-hidden style={{ color: token.colorError, marginInlineEnd: 4 }}>
              *
            </span>
          )}
          {column.title}
        </span>
      ),
      // Read-only columns take the width of their values instead.
      width: readonly ? undefined : columnWidth(column.kind),
      onCell: () => top,
      render: (_, record) => (
        <div
          data-testid={`table-cell-${record.index + 1}-${column.key}`}
          style={readonly ? READONLY_CELL : undefined}
        >
          {renderCell(column, record.index)}
        </div>
      ),
    })),
  ];
  if (!readonly) {
    tableColumnsDef.push({
      key: 'actions',
      title: compact ? undefined : t('form.table.actions'),
      width: actionsWidth,
      align: 'center',
      fixed: 'right',
      onCell: () => top,
      render: (_, record) => {
        const n = record.index + 1;
        const blocked = !limits.canRemove && limits.min !== undefined;
        const why = blocked
          ? t('form.table.keepMin', { min: limits.min })
          : compact
            ? t('form.table.removeRowLabel', { n })
            : undefined;
        return (
          <Tooltip title={why}>
            <Button
              type="link"
              danger
              size="small"
              icon={<DeleteOutlined />}
              style={{ marginTop: 4 }}
              disabled={disabled || !limits.canRemove}
              aria-label={t('form.table.removeRowLabel', { n })}
              data-testid={`table-remove-row-${n}`}
              onClick={() => removeRow(record.index)}
            >
              {compact ? null : t('form.table.removeRow')}
            </Button>
          </Tooltip>
        );
      },
    });
  }
  const editableWidth =
    rowNumberWidth +
    actionsWidth +
    columns.reduce((sum, column) => sum + columnWidth(column.kind), 0);

  const title = getUiOptions(uiSchema).title ?? schema.title ?? name;
  const dataSource: RowRecord[] = rows.map((_, index) => ({ key: rowKeys[index], index }));
  // 合计 under the money and number columns, labelled in the row-number column.
  const totals = tableTotals(columns, rows, language);
  const summary = totals
    ? () => (
        <Table.Summary>
          <Table.Summary.Row
            {...({ 'data-testid': 'table-totals' } as object)}
            style={{ background: token.colorFillAlter, fontWeight: 500 }}
          >
            {tableColumnsDef.map((column, index) => {
              const key = String(column.key);
              return (
                <Table.Summary.Cell
                  key={key}
                  index={index}
                  align={key === '#' ? 'center' : undefined}
                >
                  {key === '#' ? (
                    <span data-testid="table-totals-label" style={{ whiteSpace: 'nowrap' }}>
                      {t('form.table.total')}
                    </span>
                  ) : totals.has(key) ? (
                    <div
                      data-testid={`table-total-${key}`}
                      style={readonly ? READONLY_CELL : { lineHeight: '32px', paddingInline: 11 }}
                    >
                      {totals.get(key)}
                    </div>
                  ) : null}
                </Table.Summary.Cell>
              );
            })}
          </Table.Summary.Row>
        </Table.Summary>
      )
    : undefined;
  return (
    <div
      className="table-field"
      id={fieldId}
      data-testid={`table-field-${name}`}
      // A wide table scrolls inside the form instead of widening it (and the
      // page) through ancestors that size to their content, like <fieldset>.
      style={{ contain: 'inline-size' }}
    >
      {title && (
        <div className="table-field-label" style={{ paddingBottom: 8 }}>
          {required && !readonly && (
            <span
              aria-hidden
              style={{
                color: token.colorError,
                marginInlineEnd: 4,
                fontFamily: 'SimSun, sans-serif',
              }}
            >
              *
            </span>
          )}
          {title}
        </div>
      )}
      {readonly && rows.length === 0 ? (
        <Typography.Text type="secondary" data-testid="table-empty">
          {t('form.table.noRows')}
        </Typography.Text>
      ) : (
        <Table<RowRecord>
          size="small"
          bordered
          pagination={false}
          tableLayout={readonly ? 'auto' : 'fixed'}
          scroll={{ x: readonly ? 'max-content' : editableWidth }}
          columns={tableColumnsDef}
          dataSource={dataSource}
          summary={summary}
          locale={{ emptyText: t('form.table.empty') }}
          onRow={(record) =>
            ({
              'data-testid': `table-row-${record.index + 1}`,
            }) as React.HTMLAttributes<HTMLElement>
          }
        />
      )}
      {!readonly && (
        <Flex align="center" gap={12} wrap style={{ marginTop: 8 }}>
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            disabled={disabled || !limits.canAdd}
            onClick={addRow}
            data-testid="table-add-row"
          >
            {t('form.table.addRow')}
          </Button>
          {hint && (
            <Typography.Text type="secondary" data-testid="table-limit-hint">
              {t(hint.key, hint.vars)}
            </Typography.Text>
          )}
        </Flex>
      )}
    </div>
  );
}

/** The rjsf fields to pass to a Form whose uiSchema went through `withTableFields`. */
export const tableFields: RegistryFieldsType = { [TABLE_FIELD]: TableField };
