// The route table behind both the router and the sider menu: a new screen is one
// entry here. Every page is lazy so the login page never downloads the designers.
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import { mayOpen } from './access';
import {
  FileTextOutlined,
  FormOutlined,
  HomeOutlined,
  InboxOutlined,
  SendOutlined,
} from '@ant-design/icons';
// Designer (src/designer).
import { PartitionOutlined } from '@ant-design/icons';
// Admin area (src/admin).
import { AlertOutlined, ApartmentOutlined, AppstoreAddOutlined } from '@ant-design/icons';

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
  {
    path: 'start',
    labelKey: 'nav.start',
    icon: <SendOutlined />,
    page: lazy(() => import('../workspace/StartPage')),
  },
  {
    path: 'inbox',
    labelKey: 'nav.inbox',
    icon: <InboxOutlined />,
    page: lazy(() => import('../workspace/InboxPage')),
  },
  {
    path: 'start/:key',
    labelKey: 'nav.startForm',
    icon: <FormOutlined />,
    page: lazy(() => import('../workspace/StartFormPage')),
    hideInMenu: true,
  },
  {
    path: 'tasks/:id',
    labelKey: 'nav.task',
    icon: <FormOutlined />,
    page: lazy(() => import('../workspace/TaskPage')),
    hideInMenu: true,
  },
  {
    path: 'instances/:id',
    labelKey: 'nav.instance',
    icon: <FileTextOutlined />,
    page: lazy(() => import('../workspace/InstancePage')),
    hideInMenu: true,
  },
  // Designer (src/designer): 流程设计 for designers and admins; the editor is reached from the list.
  {
    path: 'designer',
    labelKey: 'designer.nav',
    icon: <PartitionOutlined />,
    page: lazy(() => import('../designer/ProcessListPage')),
    roles: ['admin', 'designer'],
  },
  {
    path: 'designer/:key',
    labelKey: 'designer.editorTitle',
    icon: <PartitionOutlined />,
    page: lazy(() => import('../designer/EditorPage')),
    roles: ['admin', 'designer'],
    hideInMenu: true,
  },
  // Admin area (src/admin): 模板库 for designers and admins, the rest for admins.
  {
    path: 'admin/templates',
    labelKey: 'admin.nav.templates',
    icon: <AppstoreAddOutlined />,
    page: lazy(() => import('../admin/TemplateGalleryPage')),
    roles: ['admin', 'designer'],
  },
  {
    path: 'admin/organisation',
    labelKey: 'admin.nav.organisation',
    icon: <ApartmentOutlined />,
    page: lazy(() => import('../admin/OrganisationPage')),
    roles: ['admin'],
  },
  {
    path: 'admin/incidents',
    labelKey: 'admin.nav.incidents',
    icon: <AlertOutlined />,
    page: lazy(() => import('../admin/IncidentsPage')),
    roles: ['admin'],
  },
  // Coming next: designer (forms, flows), admin (templates, org).
];

export function routeHref(route: AppRoute): string {
  return `/${route.path}`;
}

export function visibleRoutes(roles: readonly string[]): AppRoute[] {
  return appRoutes.filter((route) => !route.hideInMenu && mayOpen(route, roles));
}
