import { FormProps } from '@backstage/plugin-scaffolder-react';

type TransformErrors = NonNullable<FormProps['transformErrors']>;
type ValidationError = ReturnType<TransformErrors>[number];
type UiSchema = Parameters<TransformErrors>[1];

/** The `ui:errorMessages` a template gives a field, by failed keyword (`pattern`, ...). */
function errorMessagesOf(
  uiSchema: UiSchema,
  property: string | undefined,
): Record<string, unknown> {
  let node: unknown = uiSchema;
  for (const key of (property ?? '').split('.').filter(Boolean)) {
    node =
      node && typeof node === 'object'
        ? (node as Record<string, unknown>)[key]
        : undefined;
  }
  const messages =
    node && typeof node === 'object'
      ? (node as Record<string, unknown>)['ui:errorMessages']
      : undefined;
  return messages && typeof messages === 'object'
    ? (messages as Record<string, unknown>)
    : {};
}

function plainMessage(error: ValidationError, uiSchema: UiSchema): string {
  const own = errorMessagesOf(uiSchema, error.property)[error.name ?? ''];
  if (typeof own === 'string') return own;
  const limit = (error.params as { limit?: number } | undefined)?.limit;
  switch (error.name) {
    case 'required':
      return 'Required';
    case 'minLength':
      return `Use at least ${limit} characters`;
    case 'maxLength':
      return `Use at most ${limit} characters`;
    case 'pattern':
      // Never the raw regular expression: the field's description says what fits.
      return 'Not in the expected format; see the hint below the field';
    default:
      return error.message ?? 'Not valid';
  }
}

/**
 * Form errors in plain words: a template's `ui:errorMessages` (per failed keyword) first,
 * then readable defaults. The raw JSON-schema wording ("must match pattern ^[a-z]...") never
 * reaches the user.
 */
export const transformTemplateErrors: TransformErrors = (errors, uiSchema) =>
  errors.map(error => {
    const message = plainMessage(error, uiSchema);
    return {
      ...error,
      message,
      stack: `${error.property?.replace(/^\./, '') ?? ''}: ${message}`,
    };
  });

/**
 * The scaffolder form's settings: plain error messages, and required fields flagged inline by
 * the form rather than by the browser's native tooltip.
 */
export const templateFormProps: FormProps = {
  transformErrors: transformTemplateErrors,
  noHtml5Validate: true,
};
