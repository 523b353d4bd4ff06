// Create a person (username, name, initial password, roles as free tags,
// department) or edit one (name, roles, department, active, reset password).
// The API's answers land on the fields: 409 username taken, 400 field errors.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Form, Input, Modal, Select, Switch, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../shared/api';
import { describeError } from '../shared/errors';
import type { Department, User } from '@baton/contracts';
import { adminApi } from './api';
import {
  buildDepartmentTree,
  fieldErrors,
  invalidRoles,
  normaliseRoles,
  userPatch,
  type DepartmentNode,
} from './org';
import { roleLabel, roleOptions } from './roles';

export type UserEdit = { mode: 'create' } | { mode: 'edit'; user: User };

interface Values {
  username?: string;
  displayName: string;
  password?: string;
  roles: string[];
  departmentId?: string | null;
  active: boolean;
}

const USERNAME = /^[A-Za-z0-9_.@-]+$/;
const FORM_FIELDS: (keyof Values)[] = [
  'username',
  'displayName',
  'password',
  'roles',
  'departmentId',
  'active',
];

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}
const treeOptions = (nodes: DepartmentNode[]): TreeOption[] =>
  nodes.map((n) => ({ value: n.key, title: n.department.name, children: treeOptions(n.children) }));

export function UserModal({
  edit,
  users,
  departments,
  onClose,
  onSaved,
}: {
  edit: UserEdit | null;
  users: readonly User[];
  departments: readonly Department[];
  onClose: () => void;
  onSaved: (user: User, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const creating = edit?.mode === 'create';

  useEffect(() => {
    if (!edit) return;
    setFailure(null);
    form.resetFields();
    form.setFieldsValue(
      edit.mode === 'edit'
        ? {
            displayName: edit.user.displayName,
            roles: edit.user.roles,
            departmentId: edit.user.departmentId,
            active: edit.user.active,
            password: '',
          }
        : {
            username: '',
            displayName: '',
            password: '',
            roles: [],
            departmentId: null,
            active: true,
          },
    );
  }, [edit, form]);

  const departmentOptions = useMemo(
    () => treeOptions(buildDepartmentTree(departments)),
    [departments],
  );
  const roles = useMemo(
    () =>
      roleOptions(users.flatMap((u) => u.roles)).map((r) => ({
        value: r,
        label: roleLabel(r, t) === r ? r : `${roleLabel(r, t)} · ${r}`,
      })),
    [users, t],
  );

  const showErrors = (err: unknown) => {
    if (err instanceof ApiError && err.status === 409) {
      form.setFields([{ name: 'username', errors: [t('admin.org.usernameTaken')] }]);
      setFailure(t('admin.org.usernameTaken'));
      return;
    }
    const errors = fieldErrors(err instanceof ApiError ? err.body : null, FORM_FIELDS);
    form.setFields(
      errors.map((e) => ({
        name: e.name,
        errors: e.errors.map((m) => t('admin.common.fieldInvalid', { message: m })),
      })),
    );
    setFailure(describeError(err, t));
  };

  const submit = async (values: Values) => {
    if (!edit) return;
    setBusy(true);
    setFailure(null);
    try {
      if (edit.mode === 'create') {
        const created = await adminApi.createUser({
          username: values.username!.trim(),
          displayName: values.displayName.trim(),
          password: values.password ?? '',
          roles: normaliseRoles(values.roles ?? []),
          departmentId: values.departmentId ?? null,
        });
        onSaved(created, true);
      } else {
        const patch = userPatch(edit.user, { ...values, roles: values.roles ?? [] });
        if (!patch) {
          onClose();
          return;
        }
        onSaved(await adminApi.updateUser(edit.user.id, patch), false);
      }
    } catch (err) {
      showErrors(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={edit !== null}
      title={
        edit?.mode === 'edit'
          ? t('admin.org.editUser', { name: `${edit.user.displayName} (${edit.user.username})` })
          : t('admin.org.newUser')
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={creating ? t('admin.common.create') : t('admin.common.save')}
      cancelText={t('admin.common.cancel')}
      okButtonProps={{ loading: busy }}
      destroyOnHidden
    >
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure}
          className="admin-form-alert"
          data-testid="user-form-error"
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={creating ? undefined : false}
      >
        {creating && (
          <Form.Item
            name="username"
            label={t('admin.org.username')}
            rules={[
              { required: true, whitespace: true, message: t('admin.org.usernameRequired') },
              { pattern: USERNAME, message: t('admin.org.usernameInvalid') },
            ]}
          >
            <Input
              placeholder={t('admin.org.usernamePlaceholder')}
              maxLength={64}
              autoComplete="off"
              autoFocus
            />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('admin.org.displayName')}
          rules={[
            { required: true, whitespace: true, message: t('admin.org.displayNameRequired') },
          ]}
        >
          <Input placeholder={t('admin.org.displayNamePlaceholder')} maxLength={100} />
        </Form.Item>
        <Form.Item
          name="password"
          label={creating ? t('admin.org.password') : t('admin.org.resetPassword')}
          rules={[
            ...(creating ? [{ required: true, message: t('admin.org.passwordRequired') }] : []),
            { min: 8, message: t('admin.org.passwordMin') },
          ]}
        >
          <Input.Password
            placeholder={
              creating ? t('admin.org.passwordMin') : t('admin.org.resetPasswordPlaceholder')
            }
            autoComplete="new-password"
            maxLength={256}
          />
        </Form.Item>
        <Form.Item
          name="roles"
          label={t('admin.org.roles')}
          extra={t('admin.org.rolesHelp')}
          rules={[
            {
              validator: (_, value: string[] | undefined) => {
                const bad = invalidRoles(normaliseRoles(value ?? []));
                return bad.length === 0
                  ? Promise.resolve()
                  : Promise.reject(
                      new Error(t('admin.org.rolesInvalid', { roles: bad.join(', ') })),
                    );
              },
            },
          ]}
        >
          <Select
            mode="tags"
            placeholder={t('admin.org.rolesPlaceholder')}
            options={roles}
            tokenSeparators={[',', '，', ' ']}
            labelRender={({ value }) => roleLabel(String(value), t)}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="user-roles"
          />
        </Form.Item>
        <Form.Item name="departmentId" label={t('admin.org.department')}>
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            placeholder={t('admin.org.departmentNone')}
            treeData={departmentOptions}
            showSearch={{ treeNodeFilterProp: 'title' }}
          />
        </Form.Item>
        {!creating && (
          <Form.Item
            name="active"
            label={t('admin.org.activeLabel')}
            extra={t('admin.org.activeHelp')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
