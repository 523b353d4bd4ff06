// The form designer's three panes: palette (drag or click), the form (drag to
// place and reorder), properties; the middle pane switches to a live preview.
import { useRef, useState, type DragEvent } from 'react';
import { Button, Empty, Segmented, Tooltip, Typography } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  DesktopOutlined,
  HolderOutlined,
  MobileOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldType, FormField } from '@baton/forms';
import { useDesignerEnv } from '../env';
import {
  addField,
  createField,
  dropFieldFromFlow,
  moveField,
  paletteGroups,
  removeField,
  typeName,
} from '../form-model';
import type { Editor } from '../useEditor';
import { FieldIcon } from './FieldIcon';
import { FormPreview } from './FormPreview';
import { PropertyPanel } from './PropertyPanel';

type Drag = { kind: 'new'; type: FieldType } | { kind: 'move'; index: number };
const DRAG_MIME = 'application/x-baton-field';

export function FormDesigner({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const { lang } = useDesignerEnv();
  const fields = editor.doc.fields;
  const [selected, setSelected] = useState<string | undefined>(fields[0]?.key);
  const [mode, setMode] = useState<'design' | 'desktop' | 'phone'>('design');
  const drag = useRef<Drag | undefined>(undefined);
  const [dropAt, setDropAt] = useState<number | undefined>();

  const add = (type: FieldType, index?: number) => {
    const field = createField(type, fields, lang);
    editor.editFields((list) => ({ fields: addField(list, field, index) }));
    setSelected(field.key);
    setMode('design');
  };

  const remove = (key: string) => {
    editor.editFields((list, def) => ({
      fields: removeField(list, key),
      definition: dropFieldFromFlow(def, key),
    }));
    if (selected === key) setSelected(undefined);
  };

  const move = (from: number, to: number) =>
    editor.editFields((list) => ({ fields: moveField(list, from, to) }));

  const startDrag = (event: DragEvent, payload: Drag) => {
    drag.current = payload;
    event.dataTransfer.setData(DRAG_MIME, JSON.stringify(payload));
    event.dataTransfer.setData(
      'text/plain',
      payload.kind === 'new' ? payload.type : String(payload.index),
    );
    event.dataTransfer.effectAllowed = payload.kind === 'new' ? 'copy' : 'move';
  };

  const readDrag = (event: DragEvent): Drag | undefined => {
    if (drag.current) return drag.current;
    try {
      return JSON.parse(event.dataTransfer.getData(DRAG_MIME)) as Drag;
    } catch {
      return undefined;
    }
  };

  /** Where a drop over field `index` lands: before it in its top half, after it otherwise. */
  const overField = (event: DragEvent<HTMLElement>, index: number) => {
    event.preventDefault();
    event.stopPropagation();
    const box = event.currentTarget.getBoundingClientRect();
    setDropAt(event.clientY < box.top + box.height / 2 ? index : index + 1);
  };

  const drop = (event: DragEvent, at: number) => {
    event.preventDefault();
    event.stopPropagation();
    const payload = readDrag(event);
    drag.current = undefined;
    setDropAt(undefined);
    if (!payload) return;
    if (payload.kind === 'new') add(payload.type, at);
    else move(payload.index, at);
  };

  const field = fields.find((f) => f.key === selected);

  return (
    <div className="form-designer">
      <aside className="fd-palette" aria-label={t('designer.form.palette')}>
        <Typography.Text type="secondary" className="fd-hint">
          {t('designer.form.paletteHint')}
        </Typography.Text>
        {paletteGroups().map(({ group, items }) => (
          <section key={group} className="fd-group">
            <div className="fd-group-title">{t(`designer.form.group.${group}`)}</div>
            <div className="fd-group-items">
              {items.map((info) => (
                <button
                  type="button"
                  key={info.type}
                  className="fd-palette-item"
                  draggable
                  data-testid={`palette-field-${info.type}`}
                  onDragStart={(e) => startDrag(e, { kind: 'new', type: info.type })}
                  onDragEnd={() => {
                    drag.current = undefined;
                    setDropAt(undefined);
                  }}
                  onClick={() => add(info.type)}
                >
                  <FieldIcon type={info.type} />
                  <span>{info.name[lang]}</span>
                </button>
              ))}
            </div>
          </section>
        ))}
      </aside>

      <main className="fd-canvas">
        <div className="fd-canvas-head">
          <Typography.Text strong>{t('designer.form.canvas')}</Typography.Text>
          <Segmented
            size="small"
            value={mode}
            onChange={(v) => setMode(v as typeof mode)}
            options={[
              { value: 'design', label: t('designer.form.design') },
              { value: 'desktop', label: t('designer.form.desktop'), icon: <DesktopOutlined /> },
              { value: 'phone', label: t('designer.form.phone'), icon: <MobileOutlined /> },
            ]}
          />
        </div>
        {mode === 'design' ? (
          <div
            className={`fd-drop ${dropAt !== undefined ? 'is-over' : ''}`}
            data-testid="form-canvas"
            onDragOver={(e) => {
              e.preventDefault();
              if (e.target === e.currentTarget) setDropAt(fields.length);
            }}
            onDragLeave={(e) => {
              if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropAt(undefined);
            }}
            onDrop={(e) => drop(e, dropAt ?? fields.length)}
          >
            {fields.length === 0 && (
              <Empty
                className="fd-empty"
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('designer.form.empty')}
              />
            )}
            {fields.map((f, index) => (
              <div key={f.key}>
                {dropAt === index && <div className="fd-drop-line" />}
                <FieldCard
                  field={f}
                  index={index}
                  count={fields.length}
                  selected={f.key === selected}
                  onSelect={() => setSelected(f.key)}
                  onDelete={() => remove(f.key)}
                  onMove={(by) => move(index, by < 0 ? index - 1 : index + 2)}
                  onDragStart={(e) => startDrag(e, { kind: 'move', index })}
                  onDragOver={(e) => overField(e, index)}
                  onDrop={(e) => drop(e, dropAt ?? index)}
                />
              </div>
            ))}
            {dropAt === fields.length && fields.length > 0 && <div className="fd-drop-line" />}
          </div>
        ) : (
          <FormPreview fields={fields} width={mode === 'phone' ? 375 : undefined} />
        )}
      </main>

      <aside className="fd-props">
        <PropertyPanel field={field} editor={editor} onKeyChange={setSelected} />
      </aside>
    </div>
  );
}

function FieldCard({
  field,
  index,
  count,
  selected,
  onSelect,
  onDelete,
  onMove,
  onDragStart,
  onDragOver,
  onDrop,
}: {
  field: FormField;
  index: number;
  count: number;
  selected: boolean;
  onSelect: () => void;
  onDelete: () => void;
  onMove: (by: -1 | 1) => void;
  onDragStart: (e: DragEvent) => void;
  onDragOver: (e: DragEvent<HTMLElement>) => void;
  onDrop: (e: DragEvent) => void;
}) {
  const { t } = useTranslation();
  const { lang } = useDesignerEnv();
  return (
    <div
      className={`fd-field ${selected ? 'is-selected' : ''}`}
      draggable
      data-testid={`form-field-${field.key}`}
      onClick={onSelect}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDrop={onDrop}
      role="button"
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onSelect();
      }}
    >
      <HolderOutlined className="fd-field-grip" />
      <div className="fd-field-main">
        <div className="fd-field-label">
          {field.required && <span className="fd-required">*</span>}
          {field.label}
          <span className="fd-field-type">
            <FieldIcon type={field.type} /> {typeName(field.type, lang)}
          </span>
        </div>
        <div className="fd-field-fake">{field.placeholder ?? ''}</div>
      </div>
      <div className="fd-field-actions" onClick={(e) => e.stopPropagation()}>
        <Tooltip title={t('designer.form.moveUp')}>
          <Button
            size="small"
            type="text"
            icon={<ArrowUpOutlined />}
            disabled={index === 0}
            aria-label={t('designer.form.moveUp')}
            onClick={() => onMove(-1)}
          />
        </Tooltip>
        <Tooltip title={t('designer.form.moveDown')}>
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined />}
            disabled={index === count - 1}
            aria-label={t('designer.form.moveDown')}
            onClick={() => onMove(1)}
          />
        </Tooltip>
        <Tooltip title={t('designer.form.delete')}>
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('designer.form.delete')}
            onClick={onDelete}
          />
        </Tooltip>
      </div>
    </div>
  );
}
