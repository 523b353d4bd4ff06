// A node card: type colour and icon, title, one-line summary, a red badge for
// problems, and a status ring in the simulator.
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { Tooltip } from 'antd';
import { APPEARANCE_COLOUR, type RFNode } from '../model';
import { NODE_SIZES } from '../editor-doc';
import { NodeIcon } from './NodeIcon';

function NodeCardImpl({ data, type, selected }: NodeProps<RFNode>) {
  const colour = APPEARANCE_COLOUR[data.appearance];
  const problems = data.problems.length;
  const status = data.status ? `is-${data.status}` : '';
  const handles = (
    <>
      {type !== 'start' && <Handle type="target" position={Position.Top} />}
      {type !== 'end' && <Handle type="source" position={Position.Bottom} />}
    </>
  );
  const badge =
    problems > 0 ? (
      <Tooltip title={data.problems.map((p) => p.message).join('\n')}>
        <span className="fc-badge" data-testid="node-problem-badge">
          {problems}
        </span>
      </Tooltip>
    ) : null;

  if (type === 'join')
    return (
      <div
        className={`fc-join ${selected ? 'is-selected' : ''} ${status}`}
        style={{ width: NODE_SIZES.join.width, height: NODE_SIZES.join.height }}
        data-testid={`node-${data.node.id}`}
      >
        <span className="fc-join-pill">
          <NodeIcon appearance="join" /> {data.title}
        </span>
        {badge}
        {handles}
      </div>
    );

  const size = type === 'end' ? NODE_SIZES.end : NODE_SIZES.card;
  return (
    <div
      className={`fc-card fc-${type} ${selected ? 'is-selected' : ''} ${status}`}
      style={{ width: size.width, height: size.height, ['--fc-colour' as string]: colour }}
      data-testid={`node-${data.node.id}`}
      data-type={type}
    >
      <div className="fc-head">
        <NodeIcon appearance={data.appearance} />
        <span className="fc-title" title={data.title}>
          {data.title}
        </span>
      </div>
      {data.summary && (
        <div className="fc-summary" title={data.summary}>
          {data.summary}
        </div>
      )}
      {badge}
      {handles}
    </div>
  );
}

export const NodeCard = memo(NodeCardImpl);
