/**
 * Inputs the scaffolder must refuse for an action that takes only a `requestId`
 * (`terraform:apply`, `terraform:output`), each with a part of the error it must give.
 */
export const invalidRequestIdInputs: Array<[string, unknown, string]> = [
  ['a missing request id', {}, 'requires property "requestId"'],
  ['an empty request id', { requestId: '' }, 'does not meet minimum length'],
  [
    'a request id that is not a string',
    { requestId: 42 },
    'is not of a type(s) string',
  ],
  [
    'an unknown input',
    { requestId: 'ireq-1', wait: true },
    'additional property "wait"',
  ],
];
