// Template icons are lucide names (packages/templates); we draw them with the
// antd icons already in the bundle, each with its own tint.
import type { ReactNode } from 'react';
import {
  AccountBookOutlined,
  AppstoreOutlined,
  BgColorsOutlined,
  CalendarOutlined,
  FileTextOutlined,
  NotificationOutlined,
  ShoppingOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';

const ICONS: Record<string, { icon: ReactNode; colour: string; background: string }> = {
  'package-plus': { icon: <ShoppingOutlined />, colour: '#d46b08', background: '#fff7e6' },
  receipt: { icon: <AccountBookOutlined />, colour: '#cf1322', background: '#fff1f0' },
  video: { icon: <VideoCameraOutlined />, colour: '#c41d7f', background: '#fff0f6' },
  'calendar-off': { icon: <CalendarOutlined />, colour: '#08979c', background: '#e6fffb' },
  megaphone: { icon: <NotificationOutlined />, colour: '#531dab', background: '#f9f0ff' },
  palette: { icon: <BgColorsOutlined />, colour: '#1d39c4', background: '#f0f5ff' },
  'file-text': { icon: <FileTextOutlined />, colour: '#1677ff', background: '#e6f4ff' },
};

const FALLBACK = { icon: <AppstoreOutlined />, colour: '#1677ff', background: '#e6f4ff' };

export function TemplateIcon({ name, size = 40 }: { name: string | null; size?: number }) {
  const look = (name && ICONS[name]) || FALLBACK;
  return (
    <span
      className="template-icon"
      aria-hidden
      style={{
        width: size,
        height: size,
        fontSize: Math.round(size / 2),
        color: look.colour,
        background: look.background,
      }}
    >
      {look.icon}
    </span>
  );
}
