// The route table behind both the router and the sider menu: a new screen is one
// entry here. Every page is lazy so the login page never downloads the designers.
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { HomeOutlined } from '@ant-design/icons';

export interface AppRoute {
  /** Path under the shell, without the leading slash ('' is the index). */
  path: string;
  /** i18n key of the menu label and document title. */
  labelKey: string;
  icon: ReactNode;
  page: LazyExoticComponent<ComponentType>;
  /** Roles allowed to see it; absent means every signed-in user. */
  roles?: string[];
  /** Routes such as a task page are reachable by link but not listed in the menu. */
  hideInMenu?: boolean;
}

export const appRoutes: AppRoute[] = [
  {
    path: '',
    labelKey: 'nav.home',
    icon: <HomeOutlined />,
    page: lazy(() => import('../workspace/HomePage')),
  },
  // Coming next: workspace (start, inbox, tasks), designer (forms, flows), admin (templates, org).
];

export function routeHref(route: AppRoute): string {
  return `/${route.path}`;
}

export function visibleRoutes(roles: readonly string[]): AppRoute[] {
  return appRoutes.filter(
    (route) => !route.hideInMenu && (!route.roles || route.roles.some((r) => roles.includes(r))),
  );
}
