import type { ReactNode } from 'react';
import {
  ApiOutlined,
  AuditOutlined,
  BranchesOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  ForkOutlined,
  MergeCellsOutlined,
  SendOutlined,
  ToolOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { NodeAppearance } from '../model';

const ICONS: Record<NodeAppearance, ReactNode> = {
  start: <UserOutlined />,
  approver: <AuditOutlined />,
  handler: <ToolOutlined />,
  cc: <SendOutlined />,
  condition: <BranchesOutlined />,
  parallel: <ForkOutlined />,
  join: <MergeCellsOutlined />,
  timer: <ClockCircleOutlined />,
  automation: <ApiOutlined />,
  end: <CheckCircleOutlined />,
};

export function NodeIcon({ appearance }: { appearance: NodeAppearance }) {
  return <>{ICONS[appearance]}</>;
}
