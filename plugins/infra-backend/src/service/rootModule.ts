import {
  InfraEnvironment,
  InfraParameters,
  InfraResourceKind,
} from '@internal/plugin-infra-common';

/** What a root module is rendered from. */
export type RootModuleInput = {
  resourceId: string;
  kind: InfraResourceKind;
  name: string;
  environment: InfraEnvironment;
  ownerRef: string;
  parameters: InfraParameters;
};

/** Where the rendered module finds its modules and keeps its state. */
export type RootModuleSettings = {
  /** Absolute path of `terraform/modules`. */
  modulesDir: string;
  region: string;
  state: { backend: 'local'; path: string } | { backend: 'pg' };
};

/** The outputs each module exposes, passed through by the root module. */
export const MODULE_OUTPUTS: Record<InfraResourceKind, string[]> = {
  's3-bucket': ['bucket_name', 'bucket_arn', 'region'],
  'ec2-instance': [
    'instance_id',
    'private_ip',
    'instance_type',
    'password_data',
  ],
  vpc: ['vpc_id', 'cidr_block', 'private_subnet_ids'],
};

/**
 * Outputs the modules mark `sensitive`. The root module marks them too (Terraform requires
 * it), and the applier never stores, logs or shows them.
 */
export const SENSITIVE_OUTPUTS: Partial<Record<InfraResourceKind, string[]>> = {
  'ec2-instance': ['password_data'],
};

// Terraform evaluates `${...}` and `%{...}` inside JSON strings; doubling the sigil keeps a
// user's value literal. (The schemas already refuse these characters; this is a second guard.)
function literal(value: unknown): unknown {
  return typeof value === 'string'
    ? value.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')
    : value;
}

// Template parameters become module arguments in JSON, never spliced into HCL text, so
// nothing a user types can change the configuration's structure.
function moduleArguments(
  kind: InfraResourceKind,
  parameters: InfraParameters,
): Record<string, unknown> {
  const p = parameters as Record<string, unknown>;
  switch (kind) {
    case 's3-bucket':
      return { versioning: p.versioning ?? true };
    case 'ec2-instance':
      return {
        instance_type: p.instanceType,
        subnet_id: p.subnetId,
        disk_gb: p.diskGb ?? 20,
      };
    case 'vpc':
      return { cidr_block: p.cidrBlock, subnet_count: p.subnetCount ?? 2 };
    default:
      throw new Error(`Unknown resource kind ${kind}`);
  }
}

/**
 * Renders a request's root module as Terraform JSON syntax (`main.tf.json`). The
 * environment layer sets the provider region and the tags; the module itself applies the
 * per-environment rules (prod keeps data on destroy, for example). The `sandbox` environment
 * uses the twins under `modules/sandbox/`, which need no provider.
 */
export function renderRootModule(
  input: RootModuleInput,
  settings: RootModuleSettings,
): string {
  const tags = {
    'gantry/resource-id': input.resourceId,
    'gantry/environment': input.environment,
    'gantry/owner': literal(input.ownerRef),
  };
  const backend =
    settings.state.backend === 'local'
      ? { local: { path: settings.state.path } }
      : // State and locking in PostgreSQL; PG_CONN_STR comes from the environment.
        { pg: { schema_name: `gantry_${input.resourceId.replace(/-/g, '')}` } };
  // The sandbox modules are built from Terraform's own resources: no provider to configure.
  const sandbox = input.environment === 'sandbox';
  const document = {
    terraform: {
      required_version: '>= 1.5',
      backend,
    },
    locals: { environment: input.environment, tags },
    ...(sandbox
      ? {}
      : {
          provider: {
            aws: {
              region: settings.region,
              default_tags: { tags: '${local.tags}' },
            },
          },
        }),
    module: {
      resource: {
        source: sandbox
          ? `${settings.modulesDir}/sandbox/${input.kind}`
          : `${settings.modulesDir}/${input.kind}`,
        name: literal(input.name),
        environment: '${local.environment}',
        owner: literal(input.ownerRef),
        ...Object.fromEntries(
          Object.entries(moduleArguments(input.kind, input.parameters)).map(
            ([key, value]) => [key, literal(value)],
          ),
        ),
      },
    },
    output: Object.fromEntries(
      MODULE_OUTPUTS[input.kind].map(name => [
        name,
        SENSITIVE_OUTPUTS[input.kind]?.includes(name)
          ? { value: `\${module.resource.${name}}`, sensitive: true }
          : { value: `\${module.resource.${name}}` },
      ]),
    ),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
