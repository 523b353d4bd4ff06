import {
  CalendarOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  FieldNumberOutlined,
  FileTextOutlined,
  FontSizeOutlined,
  LinkOutlined,
  MoneyCollectOutlined,
  PaperClipOutlined,
  TableOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
  CheckCircleOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { FieldType } from '@baton/forms';

const ICONS: Record<FieldType, ReactNode> = {
  text: <FontSizeOutlined />,
  textarea: <FileTextOutlined />,
  number: <FieldNumberOutlined />,
  money: <MoneyCollectOutlined />,
  link: <LinkOutlined />,
  select: <CheckCircleOutlined />,
  'multi-select': <UnorderedListOutlined />,
  checkbox: <CheckSquareOutlined />,
  date: <CalendarOutlined />,
  datetime: <ClockCircleOutlined />,
  user: <UserOutlined />,
  department: <TeamOutlined />,
  attachment: <PaperClipOutlined />,
  table: <TableOutlined />,
};

export function FieldIcon({ type }: { type: FieldType }) {
  return <span className="fd-icon">{ICONS[type] ?? <FontSizeOutlined />}</span>;
}
