// The signed-in frame: sider menu from the route table, header with the user,
// language and logout. Below md the sider becomes a drawer behind a menu button,
// because a 200px column leaves nothing for the form on a 375px phone.
import { useMemo, useState, type ReactNode } from 'react';
import { Avatar, Button, Drawer, Grid, Layout, Menu, Tooltip, type MenuProps } from 'antd';
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../shared/auth';
import { BrandMark } from '../shared/ui/BrandMark';
import { LanguageSwitch } from '../shared/ui/LanguageSwitch';
import { NotificationBell } from '../workspace/components/NotificationBell';
import { routeHref, visibleRoutes } from './routes';

const { Header, Sider, Content } = Layout;

/** The menu entry to highlight: the longest route path that prefixes the URL. */
function selectedKey(pathname: string, hrefs: string[]): string[] {
  const match = hrefs
    .filter((href) =>
      href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`),
    )
    .sort((a, b) => b.length - a.length)[0];
  return match ? [match] : [];
}

export default function AppShell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  // useBreakpoint is empty on the very first render: assume desktop until it knows.
  const isPhone = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const routes = useMemo(() => visibleRoutes(user?.roles ?? []), [user]);
  const items: MenuProps['items'] = routes.map((route) => ({
    key: routeHref(route),
    icon: route.icon,
    label: t(route.labelKey),
  }));
  const selected = selectedKey(
    pathname,
    routes.map((route) => routeHref(route)),
  );
  const onMenuClick: MenuProps['onClick'] = ({ key }) => {
    setDrawerOpen(false);
    navigate(key);
  };

  const displayName = user?.displayName || user?.username || '';
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected}
      onClick={onMenuClick}
      className="shell-menu"
    />
  );

  return (
    <Layout className="shell">
      {!isPhone && (
        <Sider
          width={208}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          theme="light"
          className="shell-sider"
        >
          <div className="shell-logo">
            <BrandMark size={28} compact={collapsed} />
          </div>
          {menu}
        </Sider>
      )}
      {isPhone && (
        <Drawer
          placement="left"
          size={240}
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          title={<BrandMark size={24} />}
          styles={{ body: { padding: 0 } }}
        >
          {menu}
        </Drawer>
      )}
      <Layout>
        <Header className="shell-header">
          {isPhone && (
            <div className="shell-header-left">
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('common.openMenu')}
                onClick={() => setDrawerOpen(true)}
              />
              <BrandMark size={24} compact />
            </div>
          )}
          <div className="shell-header-right">
            <LanguageSwitch size="small" />
            <NotificationBell />
            <span className="shell-user" data-testid="current-user" title={displayName}>
              <Avatar size={28} className="shell-avatar">
                {displayName.slice(0, 1).toUpperCase()}
              </Avatar>
              {!isPhone && <span className="shell-user-name">{displayName}</span>}
            </span>
            <Tooltip title={isPhone ? t('common.logout') : undefined}>
              <Button
                type="text"
                icon={<LogoutOutlined />}
                onClick={logout}
                aria-label={t('common.logout')}
              >
                {isPhone ? null : t('common.logout')}
              </Button>
            </Tooltip>
          </div>
        </Header>
        <Content className={isPhone ? 'shell-content shell-content-phone' : 'shell-content'}>
          {children}
        </Content>
      </Layout>
    </Layout>
  );
}
