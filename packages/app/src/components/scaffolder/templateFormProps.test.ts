import { transformTemplateErrors } from './templateFormProps';

type Errors = Parameters<typeof transformTemplateErrors>[0];

const uiSchema = {
  name: {
    'ui:errorMessages': {
      pattern: 'Use 3 to 42 lowercase letters, digits and dashes',
    },
  },
  network: {
    cidr: { 'ui:errorMessages': { pattern: 'Use a private range' } },
  },
};

function messagesOf(errors: Errors) {
  return transformTemplateErrors(errors, uiSchema).map(e => [
    e.property,
    e.message,
    e.stack,
  ]);
}

describe('transformTemplateErrors', () => {
  it("uses the template's own words for a field, never the regular expression", () => {
    expect(
      messagesOf([
        {
          name: 'pattern',
          property: '.name',
          message: 'must match pattern "^[a-z][a-z0-9-]{1,40}[a-z0-9]$"',
          params: { pattern: '^[a-z][a-z0-9-]{1,40}[a-z0-9]$' },
          stack: '.name must match pattern "^[a-z][a-z0-9-]{1,40}[a-z0-9]$"',
          schemaPath: '#/properties/name/pattern',
        },
        {
          name: 'pattern',
          property: '.network.cidr',
          message: 'must match pattern "^10"',
          params: { pattern: '^10' },
          stack: '.network.cidr must match pattern "^10"',
          schemaPath: '#/properties/network/properties/cidr/pattern',
        },
      ]),
    ).toEqual([
      [
        '.name',
        'Use 3 to 42 lowercase letters, digits and dashes',
        'name: Use 3 to 42 lowercase letters, digits and dashes',
      ],
      [
        '.network.cidr',
        'Use a private range',
        'network.cidr: Use a private range',
      ],
    ]);
  });

  it('says plainly what is missing or too short, and hides a pattern it has no words for', () => {
    const result = messagesOf([
      {
        name: 'required',
        property: '.owner',
        message: "must have required property 'owner'",
        params: { missingProperty: 'owner' },
        stack: "must have required property 'owner'",
        schemaPath: '#/required',
      },
      {
        name: 'minLength',
        property: '.justification',
        message: 'must NOT have fewer than 10 characters',
        params: { limit: 10 },
        stack: '.justification must NOT have fewer than 10 characters',
        schemaPath: '#/properties/justification/minLength',
      },
      {
        name: 'pattern',
        property: '.subnet',
        message: 'must match pattern "^subnet-"',
        params: { pattern: '^subnet-' },
        stack: '.subnet must match pattern "^subnet-"',
        schemaPath: '#/properties/subnet/pattern',
      },
    ]);
    expect(result.map(([, message]) => message)).toEqual([
      'Required',
      'Use at least 10 characters',
      'Not in the expected format; see the hint below the field',
    ]);
    expect(JSON.stringify(result)).not.toContain('^subnet-');
  });
});
