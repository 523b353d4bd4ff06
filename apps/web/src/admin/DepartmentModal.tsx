// Create, rename or move a department, and set its head.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../shared/errors';
import type { Department, UpdateDepartmentBody, User } from '@baton/contracts';
import { adminApi } from './api';
import { buildDepartmentTree, fieldErrors, selfAndDescendants, type DepartmentNode } from './org';

interface Values {
  name: string;
  parentId?: string | null;
  headId?: string | null;
}

export type DepartmentEdit =
  { mode: 'create'; parentId: string | null } | { mode: 'edit'; department: Department };

interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children: TreeOption[];
}

function treeOptions(nodes: DepartmentNode[], blocked: Set<string>): TreeOption[] {
  return nodes.map((n) => ({
    value: n.key,
    title: n.department.name,
    disabled: blocked.has(n.key),
    children: treeOptions(n.children, blocked),
  }));
}

export function DepartmentModal({
  edit,
  departments,
  users,
  onClose,
  onSaved,
}: {
  edit: DepartmentEdit | null;
  departments: readonly Department[];
  users: readonly User[];
  onClose: () => void;
  onSaved: (department: Department, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!edit) return;
    setFailure(null);
    form.resetFields();
    form.setFieldsValue(
      edit.mode === 'edit'
        ? {
            name: edit.department.name,
            parentId: edit.department.parentId,
            headId: edit.department.headId,
          }
        : { name: '', parentId: edit.parentId, headId: null },
    );
  }, [edit, form]);

  const parentOptions = useMemo(() => {
    const blocked =
      edit?.mode === 'edit'
        ? selfAndDescendants(departments, edit.department.id)
        : new Set<string>();
    return treeOptions(buildDepartmentTree(departments), blocked);
  }, [departments, edit]);

  const submit = async (values: Values) => {
    if (!edit) return;
    const name = values.name.trim();
    const parentId = values.parentId ?? null;
    const headId = values.headId ?? null;
    setBusy(true);
    setFailure(null);
    try {
      if (edit.mode === 'create') {
        onSaved(await adminApi.createDepartment({ name, parentId, headId }), true);
      } else {
        const d = edit.department;
        const patch: UpdateDepartmentBody = {};
        if (name !== d.name) patch.name = name;
        if (parentId !== d.parentId) patch.parentId = parentId;
        if (headId !== d.headId) patch.headId = headId;
        if (Object.keys(patch).length === 0) {
          onClose();
          return;
        }
        onSaved(await adminApi.updateDepartment(d.id, patch), false);
      }
    } catch (err) {
      const errors = fieldErrors((err as { body?: unknown }).body, [
        'name',
        'parentId',
        'headId',
      ] as (keyof Values)[]);
      form.setFields(
        errors.map((e) => ({
          name: e.name,
          errors: e.errors.map((m) => t('admin.common.fieldInvalid', { message: m })),
        })),
      );
      setFailure(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={edit !== null}
      title={edit?.mode === 'edit' ? t('admin.org.editDepartment') : t('admin.org.newDepartment')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={edit?.mode === 'edit' ? t('admin.common.save') : t('admin.common.create')}
      cancelText={t('admin.common.cancel')}
      okButtonProps={{ loading: busy }}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} className="admin-form-alert" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="name"
          label={t('admin.org.deptName')}
          rules={[{ required: true, whitespace: true, message: t('admin.org.deptNameRequired') }]}
        >
          <Input placeholder={t('admin.org.deptNamePlaceholder')} maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="parentId" label={t('admin.org.parent')}>
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            placeholder={t('admin.org.parentNone')}
            treeData={parentOptions}
            showSearch={{ treeNodeFilterProp: 'title' }}
          />
        </Form.Item>
        <Form.Item name="headId" label={t('admin.org.head')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('admin.org.headNone')}
            options={users
              .filter((u) => u.active)
              .map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
