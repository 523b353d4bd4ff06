// 组织架构: the department tree (with heads) beside the people table; create,
// rename and move departments, create and edit people.
import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Row,
  Skeleton,
  Table,
  Tag,
  Tooltip,
  Tree,
  Typography,
} from 'antd';
import { EditOutlined, PlusOutlined, SearchOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Department, User } from '@baton/contracts';
import { adminApi } from './api';
import { DepartmentModal, type DepartmentEdit } from './DepartmentModal';
import { buildDepartmentTree, departmentPath, type DepartmentNode } from './org';
import { PageError } from '../shared/PageError';
import { PageHead } from './PageHead';
import { roleLabel } from './roles';
import { UserModal, type UserEdit } from './UserModal';
import { useLoad } from '../shared/useLoad';
import './admin.css';

interface TreeItem {
  key: string;
  title: React.ReactNode;
  children: TreeItem[];
}

export default function OrganisationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const load = useLoad(async (signal) => {
    const [departments, users] = await Promise.all([
      adminApi.departments(signal),
      adminApi.users(signal),
    ]);
    return { departments, users };
  }, []);
  const departments = load.data?.departments ?? [];
  const users = load.data?.users ?? [];
  const [deptEdit, setDeptEdit] = useState<DepartmentEdit | null>(null);
  const [userEdit, setUserEdit] = useState<UserEdit | null>(null);
  const [query, setQuery] = useState('');

  const tree = useMemo(() => buildDepartmentTree(departments, users), [departments, users]);

  const toItems = (nodes: DepartmentNode[]): TreeItem[] =>
    nodes.map((node) => ({
      key: node.key,
      title: (
        <span className="dept-node" data-testid="department-node">
          <span className="dept-node-main">
            <Typography.Text strong className="dept-name">
              {node.department.name}
            </Typography.Text>
            <Typography.Text type="secondary" className="dept-meta">
              {node.head
                ? t('admin.org.headOf', { name: node.head.displayName })
                : t('admin.org.noHead')}
              {' · '}
              {t('admin.org.members', { count: node.memberCount })}
            </Typography.Text>
          </span>
          <span className="dept-actions">
            <Tooltip title={t('admin.org.newSubDepartment')}>
              <Button
                type="text"
                size="small"
                icon={<PlusOutlined />}
                aria-label={`${t('admin.org.newSubDepartment')} ${node.department.name}`}
                onClick={(e) => {
                  e.stopPropagation();
                  setDeptEdit({ mode: 'create', parentId: node.key });
                }}
              />
            </Tooltip>
            <Tooltip title={t('admin.org.editDepartment')}>
              <Button
                type="text"
                size="small"
                icon={<EditOutlined />}
                aria-label={`${t('admin.org.editDepartment')} ${node.department.name}`}
                onClick={(e) => {
                  e.stopPropagation();
                  setDeptEdit({ mode: 'edit', department: node.department });
                }}
              />
            </Tooltip>
          </span>
        </span>
      ),
      children: toItems(node.children),
    }));

  const q = query.trim().toLowerCase();
  const shownUsers = q
    ? users.filter(
        (u) =>
          u.username.toLowerCase().includes(q) ||
          u.displayName.toLowerCase().includes(q) ||
          u.roles.some((r) => r.includes(q) || roleLabel(r, t).toLowerCase().includes(q)),
      )
    : users;

  const onDeptSaved = (department: Department, created: boolean) => {
    setDeptEdit(null);
    message.success(
      t(created ? 'admin.org.deptCreated' : 'admin.org.deptSaved', { name: department.name }),
    );
    load.reload();
  };
  const onUserSaved = (user: User, created: boolean) => {
    setUserEdit(null);
    message.success(
      t(created ? 'admin.org.userCreated' : 'admin.org.userSaved', { name: user.displayName }),
    );
    load.reload();
  };

  if (load.status === 'failed' && !load.data)
    return (
      <Flex vertical gap={16} className="admin-page">
        <PageHead title={t('admin.org.title')} subtitle={t('admin.org.subtitle')} />
        <PageError error={load.error} onRetry={load.reload} />
      </Flex>
    );

  return (
    <Flex vertical gap={16} className="admin-page">
      <PageHead title={t('admin.org.title')} subtitle={t('admin.org.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10} xl={9}>
          <Card
            title={t('admin.org.departments')}
            className="admin-card"
            data-testid="departments-card"
            extra={
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setDeptEdit({ mode: 'create', parentId: null })}
              >
                {t('admin.org.newDepartment')}
              </Button>
            }
          >
            {!load.data ? (
              <Skeleton active paragraph={{ rows: 6 }} />
            ) : tree.length === 0 ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('admin.org.noDepartments')}
              />
            ) : (
              <Tree
                key={departments.map((d) => d.id).join()}
                className="dept-tree"
                blockNode
                defaultExpandAll
                selectable={false}
                treeData={toItems(tree)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14} xl={15}>
          <Card
            title={t('admin.org.users')}
            className="admin-card"
            data-testid="users-card"
            extra={
              <Button
                type="primary"
                size="small"
                icon={<PlusOutlined />}
                onClick={() => setUserEdit({ mode: 'create' })}
              >
                {t('admin.org.newUser')}
              </Button>
            }
          >
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('admin.org.search')}
              aria-label={t('admin.org.search')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              className="admin-search"
            />
            <Table<User>
              rowKey="id"
              size="middle"
              loading={load.status === 'loading'}
              dataSource={shownUsers}
              scroll={{ x: 'max-content' }}
              pagination={{
                pageSize: 20,
                hideOnSinglePage: true,
                showTotal: (count) => t('admin.org.total', { count }),
              }}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={
                      q ? t('admin.org.noMatch', { q: query.trim() }) : t('admin.org.noUsers')
                    }
                  />
                ),
              }}
              columns={[
                {
                  title: t('admin.org.colDisplayName'),
                  dataIndex: 'displayName',
                  render: (name: string, row) => (
                    <Flex gap={8} align="center" className="user-cell">
                      <UserOutlined className="user-icon" />
                      <Flex vertical className="user-cell-text">
                        <Typography.Text strong ellipsis={{ tooltip: name }}>
                          {name}
                        </Typography.Text>
                        <Typography.Text type="secondary" className="user-username">
                          {row.username}
                        </Typography.Text>
                      </Flex>
                    </Flex>
                  ),
                },
                {
                  title: t('admin.org.colRoles'),
                  dataIndex: 'roles',
                  render: (roles: string[]) => (
                    <Flex gap={4} wrap className="role-tags">
                      {roles.map((role) => (
                        <Tag
                          key={role}
                          color={
                            role === 'admin' ? 'red' : role === 'designer' ? 'geekblue' : 'default'
                          }
                          className="tag-tight"
                        >
                          {roleLabel(role, t)}
                        </Tag>
                      ))}
                    </Flex>
                  ),
                },
                {
                  title: t('admin.org.colDepartment'),
                  dataIndex: 'departmentId',
                  responsive: ['sm'],
                  render: (id: string | null) => {
                    const department = id ? departments.find((d) => d.id === id) : undefined;
                    return department ? (
                      <Tooltip title={departmentPath(departments, id)}>
                        <Typography.Text className="user-department">
                          {department.name}
                        </Typography.Text>
                      </Tooltip>
                    ) : (
                      <Typography.Text type="secondary">
                        {t('admin.org.departmentNone')}
                      </Typography.Text>
                    );
                  },
                },
                {
                  title: t('admin.org.colActive'),
                  dataIndex: 'active',
                  responsive: ['sm'],
                  render: (active: boolean) =>
                    active ? (
                      <Tag color="success">{t('admin.org.active')}</Tag>
                    ) : (
                      <Tag>{t('admin.org.inactive')}</Tag>
                    ),
                },
                {
                  title: t('admin.org.colOps'),
                  key: 'ops',
                  fixed: 'right',
                  render: (_, row) => (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setUserEdit({ mode: 'edit', user: row })}
                      aria-label={`${t('admin.common.edit')} ${row.username}`}
                    >
                      {t('admin.common.edit')}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <DepartmentModal
        edit={deptEdit}
        departments={departments}
        users={users}
        onClose={() => setDeptEdit(null)}
        onSaved={onDeptSaved}
      />
      <UserModal
        edit={userEdit}
        users={users}
        departments={departments}
        onClose={() => setUserEdit(null)}
        onSaved={onUserSaved}
      />
    </Flex>
  );
}
