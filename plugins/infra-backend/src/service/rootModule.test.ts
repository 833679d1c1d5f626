import {
  INFRA_RESOURCE_KINDS,
  InfraParameters,
  InfraResourceKind,
} from '@internal/plugin-infra-common';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES_DIR } from '../__testUtils__/fakes';
import {
  MODULE_OUTPUTS,
  SENSITIVE_OUTPUTS,
  RootModuleInput,
  RootModuleSettings,
  renderRootModule,
} from './rootModule';

const RESOURCE_ID = '0f8c2a9e-5b7d-4c1e-9a3f-2d6b8e1c4a70';

const parametersOf: Record<InfraResourceKind, InfraParameters> = {
  's3-bucket': { versioning: false },
  'ec2-instance': {
    instanceType: 't3.small',
    subnetId: 'subnet-0abc1234',
    diskGb: 40,
  },
  vpc: { cidrBlock: '10.20.0.0/16', subnetCount: 3 },
};

const input = (
  kind: InfraResourceKind,
  overrides: Partial<RootModuleInput> = {},
): RootModuleInput => ({
  resourceId: RESOURCE_ID,
  kind,
  name: 'receipts',
  environment: 'prod',
  ownerRef: 'group:default/team-payments',
  parameters: parametersOf[kind],
  ...overrides,
});

const local: RootModuleSettings = {
  modulesDir: '/srv/gantry/terraform/modules',
  region: 'eu-central-1',
  state: { backend: 'local', path: '/srv/gantry/.data/x/terraform.tfstate' },
};

const render = (
  moduleInput: RootModuleInput,
  settings: RootModuleSettings = local,
) => JSON.parse(renderRootModule(moduleInput, settings));

// The names a module declares with `variable "x"` or `output "x"` blocks.
function declared(kind: InfraResourceKind, block: 'variable' | 'output') {
  const dir = join(MODULES_DIR, kind);
  const names: string[] = [];
  for (const file of readdirSync(dir).filter(f => f.endsWith('.tf'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(new RegExp(`^${block} "([\\w-]+)"`, 'gm'))) {
      names.push(m[1]);
    }
  }
  return names;
}

describe('renderRootModule', () => {
  it.each(INFRA_RESOURCE_KINDS)(
    'renders valid JSON for %s, using the module of that kind',
    kind => {
      const text = renderRootModule(input(kind), local);
      expect(text.endsWith('\n')).toBe(true);
      const doc = JSON.parse(text);
      expect(Object.keys(doc.module)).toEqual(['resource']);
      expect(doc.module.resource).toMatchObject({
        source: `/srv/gantry/terraform/modules/${kind}`,
        name: 'receipts',
        environment: '${local.environment}',
        owner: 'group:default/team-payments',
      });
      expect(doc.locals).toEqual({
        environment: 'prod',
        tags: {
          'gantry/resource-id': RESOURCE_ID,
          'gantry/environment': 'prod',
          'gantry/owner': 'group:default/team-payments',
        },
      });
      expect(doc.provider.aws).toEqual({
        region: 'eu-central-1',
        default_tags: { tags: '${local.tags}' },
      });
      expect(doc.terraform.backend).toEqual({
        local: { path: '/srv/gantry/.data/x/terraform.tfstate' },
      });
    },
  );

  it('passes each kind its parameters as module arguments', () => {
    expect(render(input('s3-bucket')).module.resource.versioning).toBe(false);
    expect(
      render(input('s3-bucket', { parameters: {} as InfraParameters })).module
        .resource.versioning,
    ).toBe(true);
    expect(render(input('ec2-instance')).module.resource).toMatchObject({
      instance_type: 't3.small',
      subnet_id: 'subnet-0abc1234',
      disk_gb: 40,
    });
    expect(render(input('vpc')).module.resource).toMatchObject({
      cidr_block: '10.20.0.0/16',
      subnet_count: 3,
    });
    expect(
      render(
        input('vpc', {
          parameters: { cidrBlock: '10.20.0.0/16' } as InfraParameters,
        }),
      ).module.resource.subnet_count,
    ).toBe(2);
  });

  it.each(INFRA_RESOURCE_KINDS)(
    'gives the %s module only arguments it declares, and passes through its outputs',
    kind => {
      const doc = render(input(kind));
      const variables = declared(kind, 'variable');
      const args = Object.keys(doc.module.resource).filter(k => k !== 'source');
      expect(variables.length).toBeGreaterThan(0);
      for (const arg of args) expect(variables).toContain(arg);

      expect(Object.keys(doc.output).sort()).toEqual(
        [...declared(kind, 'output')].sort(),
      );
      expect(MODULE_OUTPUTS[kind].length).toBeGreaterThan(0);
      for (const name of MODULE_OUTPUTS[kind]) {
        expect(doc.output[name]).toEqual({
          value: `\${module.resource.${name}}`,
          ...(SENSITIVE_OUTPUTS[kind]?.includes(name)
            ? { sensitive: true }
            : {}),
        });
      }
    },
  );

  it('renders exactly the outputs of each kind', () => {
    expect(Object.keys(render(input('s3-bucket')).output)).toEqual([
      'bucket_name',
      'bucket_arn',
      'region',
    ]);
    expect(Object.keys(render(input('ec2-instance')).output)).toEqual([
      'instance_id',
      'private_ip',
      'instance_type',
      'password_data',
    ]);
    expect(render(input('ec2-instance')).output.password_data.sensitive).toBe(
      true,
    );
    expect(Object.keys(render(input('vpc')).output)).toEqual([
      'vpc_id',
      'cidr_block',
      'private_subnet_ids',
    ]);
  });

  it('keeps user strings literal: template sequences are escaped', () => {
    const doc = render(
      input('ec2-instance', {
        name: 'x-${file("/etc/passwd")}',
        ownerRef: 'group:default/%{if true}evil%{endif}',
        parameters: {
          instanceType: 't3.small',
          subnetId: 'subnet-${var.x}',
          diskGb: 20,
        } as InfraParameters,
      }),
    );
    expect(doc.module.resource.name).toBe('x-$${file("/etc/passwd")}');
    expect(doc.module.resource.owner).toBe(
      'group:default/%%{if true}evil%%{endif}',
    );
    expect(doc.module.resource.subnet_id).toBe('subnet-$${var.x}');
    expect(doc.locals.tags['gantry/owner']).toBe(
      'group:default/%%{if true}evil%%{endif}',
    );
    // Every `${` left in the document is one of ours, not a user's.
    const text = renderRootModule(
      input('s3-bucket', { name: 'a${b}${c}' }),
      local,
    );
    expect(JSON.parse(text).module.resource.name).toBe('a$${b}$${c}');
    const unescaped = [...text.matchAll(/(?<!\$)\$\{([^}]*)\}/g)].map(
      m => m[1],
    );
    expect(unescaped.sort()).toEqual(
      [
        'local.environment',
        'local.tags',
        'module.resource.bucket_arn',
        'module.resource.bucket_name',
        'module.resource.region',
      ].sort(),
    );
  });

  it('uses the pg backend with a schema per resource and no connection string', () => {
    const doc = render(input('s3-bucket'), {
      ...local,
      state: { backend: 'pg' },
    });
    expect(doc.terraform.backend).toEqual({
      pg: { schema_name: `gantry_${RESOURCE_ID.replace(/-/g, '')}` },
    });
    expect(doc.terraform.backend.pg.schema_name).toMatch(
      /^gantry_[0-9a-f]{32}$/,
    );
    expect(JSON.stringify(doc)).not.toMatch(/conn_str|postgres:\/\//);
    expect(doc.terraform.backend.local).toBeUndefined();
  });

  it('gives each resource its own pg schema', () => {
    const other = 'a1b2c3d4-0000-4000-8000-000000000001';
    const schemaOf = (resourceId: string) =>
      render(input('vpc', { resourceId }), {
        ...local,
        state: { backend: 'pg' },
      }).terraform.backend.pg.schema_name;
    expect(schemaOf(other)).toBe('gantry_a1b2c3d4000040008000000000000001');
    expect(schemaOf(other)).not.toBe(schemaOf(RESOURCE_ID));
  });
});
