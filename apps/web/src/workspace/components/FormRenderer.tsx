// The one place the workspace renders a process form: @rjsf with the antd theme,
// our widgets, errors in the user's language and the API's field errors on the
// fields. The caller decides where the buttons are.
import { forwardRef, useCallback, useMemo, useRef } from 'react';
import Form from '@rjsf/antd';
import type { RJSFValidationError, UiSchema as RjsfUiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { JsonSchema, UiSchema } from '@baton/forms';
import { withAttachmentWidgets } from '../attachments';
import { translateClientErrors, type ErrorTree } from '../form-helpers';
import { tableKeys, withTableFields } from '../table-field';
import { tableFields } from './TableField';
import { UploadActivityContext, type UploadActivity } from './upload-activity';
import { workspaceWidgets } from './widgets';

type FormHandle = { validateForm(): boolean; submit(): void };

export interface FormRendererProps {
  schema: JsonSchema;
  uiSchema: UiSchema;
  formData: Record<string, unknown>;
  onChange?: (data: Record<string, unknown>) => void;
  onSubmit?: (data: Record<string, unknown>) => void;
  /** Client validation failed on submit (the errors are already on the fields). */
  onError?: () => void;
  /** Errors from the server (invalid_form_data), already placed per field. */
  extraErrors?: ErrorTree;
  readonly?: boolean;
  disabled?: boolean;
  emptyText?: string;
  /** Attachments started or finished uploading: true while any file is on its way up. */
  onUploadingChange?: (uploading: boolean) => void;
  children?: React.ReactNode;
}

/** A JSON Schema keeps `$schema` for the server; ajv in the browser does not need it. */
function browserSchema(schema: JsonSchema): JsonSchema {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

export const FormRenderer = forwardRef<FormHandle, FormRendererProps>(function FormRenderer(
  {
    schema,
    uiSchema,
    formData,
    onChange,
    onSubmit,
    onError,
    extraErrors,
    readonly,
    disabled,
    emptyText,
    onUploadingChange,
    children,
  },
  ref,
) {
  const { t } = useTranslation();
  const uploads = useRef(0);
  const reportRef = useRef(onUploadingChange);
  reportRef.current = onUploadingChange;
  const activity = useMemo<UploadActivity>(
    () => ({
      begin() {
        uploads.current += 1;
        if (uploads.current === 1) reportRef.current?.(true);
        let ended = false;
        return () => {
          if (ended) return;
          ended = true;
          uploads.current -= 1;
          if (uploads.current === 0) reportRef.current?.(false);
        };
      },
    }),
    [],
  );
  const cleanSchema = useMemo(() => browserSchema(schema), [schema]);
  const fullUiSchema = useMemo(
    () => ({
      ...(withTableFields(schema, withAttachmentWidgets(schema, uiSchema)) as RjsfUiSchema),
      'ui:submitButtonOptions': { norender: true },
    }),
    [schema, uiSchema],
  );
  const tables = useMemo(() => tableKeys(schema), [schema]);
  const transformErrors = useCallback(
    (errors: RJSFValidationError[]) =>
      translateClientErrors(
        errors as (RJSFValidationError & { stack: string })[],
        (key, vars) => t(key, vars ?? {}),
        tables,
      ),
    [t, tables],
  );
  // rjsf fills a list up to its minItems with empty entries; a read-only table must
  // show the rows that were filled in, not blank ones that were never there.
  const defaultsBehavior = useMemo(
    () => ({
      arrayMinItems: {
        computeSkipPopulate: (_validator: unknown, field: { readOnly?: boolean }) =>
          !!readonly || field.readOnly === true,
      },
    }),
    [readonly],
  );
  const fieldCount = Object.keys((schema.properties as Record<string, unknown>) ?? {}).length;
  if (fieldCount === 0 && emptyText) {
    return (
      <>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
        {children}
      </>
    );
  }
  return (
    <UploadActivityContext.Provider value={activity}>
      <Form
        ref={ref as never}
        className="workspace-form"
        schema={cleanSchema as never}
        uiSchema={fullUiSchema}
        formData={formData}
        validator={validator}
        widgets={workspaceWidgets}
        fields={tableFields}
        experimental_defaultFormStateBehavior={defaultsBehavior as never}
        readonly={readonly}
        disabled={disabled}
        extraErrors={extraErrors as never}
        showErrorList={false}
        noHtml5Validate
        transformErrors={transformErrors}
        onChange={(event) => onChange?.((event.formData ?? {}) as Record<string, unknown>)}
        onSubmit={(event) => onSubmit?.((event.formData ?? {}) as Record<string, unknown>)}
        // Without onError @rjsf logs the failed validation with console.error.
        onError={() => onError?.()}
      >
        {children}
      </Form>
    </UploadActivityContext.Provider>
  );
});

export type { FormHandle };
