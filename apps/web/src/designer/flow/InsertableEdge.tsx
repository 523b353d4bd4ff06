// The "+" edge: a connection with an insert button (menu of step types, or a
// palette drop) and, out of a branch, its condition as a column header.
import { memo, useState } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { Dropdown } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  APPEARANCE_COLOUR,
  INSERTABLE_TYPES,
  NODE_APPEARANCE,
  NODE_TYPE_LABELS,
  type PaletteType,
  type RFEdge,
} from '../model';
import { useDesignerEnv } from '../env';
import { useCanvas } from './canvas-context';
import { NodeIcon } from './NodeIcon';
import { edgeGeometry } from './edge-geometry';

function InsertableEdgeImpl(props: EdgeProps<RFEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, data, selected, markerEnd } = props;
  const { t } = useTranslation();
  const { lang } = useDesignerEnv();
  const canvas = useCanvas();
  const [over, setOver] = useState(false);
  // 结束 is offered only where it leaves the flow sound; worked out when the menu opens.
  const [endAllowed, setEndAllowed] = useState(false);
  const geometry = edgeGeometry({
    sourceX,
    sourceY,
    targetX,
    targetY,
    choice: data?.choice ?? false,
    lane: data?.lane ?? 0,
    lanes: data?.lanes ?? 1,
  });
  const path =
    geometry.path ??
    getSmoothStepPath({
      sourceX,
      sourceY,
      targetX,
      targetY,
      borderRadius: 8,
      centerY: geometry.centerY,
    })[0];
  const problems = data?.problems.length ?? 0;
  const taken = data?.taken;
  const isDefault = data?.edge.default === true;
  const header = data?.choice
    ? data.labelText || (isDefault ? '' : t('designer.flow.noCondition'))
    : data?.labelText;

  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`ie-path ${selected ? 'is-selected' : ''} ${taken ? 'is-taken' : ''}`}
        interactionWidth={16}
      />
      <EdgeLabelRenderer>
        {header && (
          <div
            className={`ie-header nodrag nopan ${problems > 0 ? 'has-problem' : ''} ${isDefault ? 'is-default' : ''}`}
            style={{
              transform: `translate(-50%, -50%) translate(${geometry.header.x}px, ${geometry.header.y}px)`,
            }}
            data-testid={`edge-header-${id}`}
            onClick={(e) => {
              e.stopPropagation();
              if (data?.choice) canvas.openEdge(id);
            }}
            role={data?.choice ? 'button' : undefined}
          >
            {header}
          </div>
        )}
        {!canvas.readOnly && (
          <div
            className={`ie-plus-wrap nodrag nopan ${over ? 'is-over' : ''}`}
            style={{
              transform: `translate(-50%, -50%) translate(${geometry.plus.x}px, ${geometry.plus.y}px)`,
            }}
            onDragOver={(e) => {
              if (!canvas.draggingType()) return;
              e.preventDefault();
              e.stopPropagation();
              setOver(true);
            }}
            onDragLeave={() => setOver(false)}
            onDrop={(e) => {
              const type = canvas.draggingType();
              setOver(false);
              if (!type) return;
              e.preventDefault();
              e.stopPropagation();
              canvas.insertOnEdge(id, type);
            }}
          >
            <Dropdown
              trigger={['click']}
              onOpenChange={(open) => {
                if (open) setEndAllowed(canvas.canEndOn(id));
              }}
              menu={{
                items: [
                  ...INSERTABLE_TYPES.map((type) => menuItem(type, NODE_TYPE_LABELS[type][lang])),
                  ...(endAllowed
                    ? [{ type: 'divider' as const }, menuItem('end', t('designer.flow.endHere'))]
                    : []),
                ],
                onClick: ({ key }) => canvas.insertOnEdge(id, key as PaletteType),
              }}
            >
              <button
                type="button"
                className="ie-plus"
                aria-label={t('designer.flow.insert')}
                title={t('designer.flow.insert')}
                data-testid={`edge-plus-${id}`}
              >
                <PlusOutlined />
              </button>
            </Dropdown>
          </div>
        )}
      </EdgeLabelRenderer>
    </>
  );
}

function menuItem(type: PaletteType, label: string) {
  return {
    key: type,
    label,
    icon: (
      <span style={{ color: APPEARANCE_COLOUR[NODE_APPEARANCE[type]] }}>
        <NodeIcon appearance={NODE_APPEARANCE[type]} />
      </span>
    ),
  };
}

export const InsertableEdge = memo(InsertableEdgeImpl);
