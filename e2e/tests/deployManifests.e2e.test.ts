import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join, posix, resolve } from 'node:path';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { parse, parseAllDocuments } from 'yaml';

// What an operator deploys (deploy/, docs/deploy.md), checked offline: no cluster and no
// docker engine here. The manifests are checked against Kubernetes' schemas by
// deploy/validate-manifests.mjs (a separate Node process: kubernetes-models is ESM-only), the
// production overlay is rendered with `kubectl kustomize` where kubectl is on PATH, and
// deploy/Dockerfile is compared with scripts/production.sh, the build the other tests run.
const repoRoot = resolve(__dirname, '../..');
const deployDir = join(repoRoot, 'deploy');
const validator = join(deployDir, 'validate-manifests.mjs');

/** Secrets the backend reads from its environment; each must come from a Secret. */
const SECRET_ENV = [
  'POSTGRES_PASSWORD',
  'GANTRY_OIDC_CLIENT_SECRET',
  'GANTRY_SESSION_SECRET',
  'PG_CONN_STR',
];
const READINESS = '/.backstage/health/v1/readiness';
const LIVENESS = '/.backstage/health/v1/liveness';

type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string };
};
type ValidationReport = {
  documents: Array<{
    source: string;
    kind?: string;
    name?: string;
    errors: string[];
  }>;
};

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

const kubectl = findOnPath('kubectl');

function validateManifests(input: {
  files?: string[];
  stdin?: string;
}): ValidationReport {
  const result = spawnSync(
    process.execPath,
    [validator, ...(input.files ?? [])],
    {
      cwd: repoRoot,
      input: input.stdin ?? '',
      encoding: 'utf8',
    },
  );
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`validate-manifests failed: ${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

function errorsOf(report: ValidationReport): string[] {
  return report.documents.flatMap(d =>
    d.errors.map(e => `${d.source} ${d.kind ?? '?'}/${d.name ?? '?'}: ${e}`),
  );
}

function render(kustomization: string): string {
  const result = spawnSync(
    kubectl!,
    ['kustomize', join(deployDir, kustomization)],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) {
    throw new Error(`kubectl kustomize ${kustomization}: ${result.stderr}`);
  }
  return result.stdout;
}

/** The manifest files a kustomization lists under `resources`, other than folders. */
function resourceFilesOf(kustomization: string): string[] {
  const dir = join(deployDir, kustomization);
  const { resources } = parse(
    readFileSync(join(dir, 'kustomization.yaml'), 'utf8'),
  ) as { resources: string[] };
  return resources.filter(r => /\.ya?ml$/.test(r)).map(r => join(dir, r));
}

function only<T extends K8sObject>(docs: K8sObject[], kind: string): T {
  const found = docs.filter(d => d.kind === kind);
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}, found ${found.length}`);
  }
  return found[0] as T;
}

function containerPortOf(container: IContainer, port: string | number) {
  return container.ports?.find(p =>
    typeof port === 'number' ? p.containerPort === port : p.name === port,
  );
}

/** Keys that look like secrets and hold a value rather than a `${ENV}` reference. */
function literalSecretsIn(value: unknown, key = ''): string[] {
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => literalSecretsIn(v, k));
  }
  return /secret|password|token/i.test(key) &&
    !(typeof value === 'string' && /^\$\{[A-Z0-9_]+\}$/.test(value))
    ? [key]
    : [];
}

function matches(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
) {
  const entries = Object.entries(selector ?? {});
  return (
    entries.length > 0 &&
    entries.every(([key, value]) => labels?.[key] === value)
  );
}

describe('deploy/: the raw manifest files', () => {
  const kustomizations = ['base', 'overlays/production'];
  let report: ValidationReport;

  beforeAll(() => {
    // One run for every file: each run type-checks, which takes about two seconds.
    report = validateManifests({
      files: kustomizations.flatMap(resourceFilesOf),
    });
  });

  it.each(kustomizations)(
    'every resource file of %s is a valid Kubernetes object',
    kustomization => {
      const files = resourceFilesOf(kustomization);
      expect(files.length).toBeGreaterThan(0);
      const ours = report.documents.filter(d => files.includes(d.source));
      expect(ours.map(d => d.source)).toEqual(expect.arrayContaining(files));
      expect(errorsOf({ documents: ours })).toEqual([]);
    },
  );

  it('the validator rejects a misspelt field, a wrong type and an unknown kind', () => {
    // The control: without it a validator that accepts everything would pass the cases above.
    const report = validateManifests({
      stdin: [
        'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80, targetPrt: http}]}',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: b}\nspec: {replicas: two}',
        'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: c}',
      ].join('\n---\n'),
    });
    expect(report.documents.map(d => d.errors.join(' '))).toEqual([
      expect.stringContaining('\'"targetPrt"\' does not exist'),
      expect.stringContaining('replicas must be integer'),
      expect.stringContaining('unknown kind Widget'),
    ]);
  });

  it('the base app-config file parses as YAML and holds no secret', () => {
    const config = parse(
      readFileSync(join(deployDir, 'base/app-config.kubernetes.yaml'), 'utf8'),
    );
    expect(config).toEqual(
      expect.objectContaining({ backend: expect.anything() }),
    );
    expect(literalSecretsIn(config)).toEqual([]);
    // The control: a literal secret is found.
    expect(literalSecretsIn({ auth: { session: { secret: 'abc' } } })).toEqual([
      'secret',
    ]);
  });
});

describe('deploy/: the app-config the cluster adds', () => {
  it('matches the app config schema, laid over the two files the image runs with', () => {
    // --strict also fails on keys no plugin declares (a misspelt `infra.jobs.wrkers`) and on
    // a value of the wrong type; --lax because the environment's values are not set here.
    const result = spawnSync(
      process.execPath,
      [
        join(repoRoot, 'node_modules/@backstage/cli/bin/backstage-cli'),
        'config:check',
        '--lax',
        '--strict',
        ...['app-config.yaml', 'app-config.production.yaml'].flatMap(f => [
          '--config',
          join(repoRoot, f),
        ]),
        '--config',
        join(deployDir, 'base/app-config.kubernetes.yaml'),
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    expect({ status: result.status, stderr: result.stderr }).toEqual({
      status: 0,
      stderr: expect.any(String),
    });
  });
});

const describeRendered = kubectl ? describe : describe.skip;

describeRendered(
  kubectl
    ? 'deploy/: the base and the production overlay, rendered by kubectl kustomize'
    : 'deploy/: the rendered base and production overlay (skipped: kubectl is not on PATH)',
  () => {
    let rendered: string;
    let docs: K8sObject[];
    let deployment: IDeployment;
    let container: IContainer;

    beforeAll(() => {
      rendered = render('overlays/production');
      docs = parseAllDocuments(rendered).map(d => d.toJS() as K8sObject);
      deployment = only<IDeployment>(docs, 'Deployment');
      container = deployment.spec!.template.spec!.containers[0];
    });

    it('renders the base, and each of its objects validates', () => {
      const report = validateManifests({ stdin: render('base') });
      expect(errorsOf(report)).toEqual([]);
      expect(report.documents.map(d => d.kind).sort()).toEqual([
        'ConfigMap',
        'ConfigMap',
        'Deployment',
        'PodDisruptionBudget',
        'Service',
      ]);
    });

    it('renders the overlay, and every object validates against its schema', () => {
      const report = validateManifests({ stdin: rendered });
      expect(errorsOf(report)).toEqual([]);
      expect(report.documents.map(d => d.kind).sort()).toEqual([
        'ConfigMap',
        'ConfigMap',
        'Deployment',
        'Ingress',
        'Namespace',
        'PodDisruptionBudget',
        'Service',
      ]);
    });

    it('runs two replicas with readiness and liveness on the health endpoints', () => {
      expect(deployment.spec!.replicas).toBe(2);
      for (const [probe, path] of [
        [container.readinessProbe, READINESS],
        [container.livenessProbe, LIVENESS],
      ] as const) {
        expect(probe?.httpGet?.path).toBe(path);
        expect(containerPortOf(container, probe!.httpGet!.port)).toBeDefined();
      }
    });

    it('sets resource requests and limits', () => {
      for (const kind of ['requests', 'limits'] as const) {
        expect(container.resources?.[kind]).toEqual(
          expect.objectContaining({
            cpu: expect.anything(),
            memory: expect.anything(),
          }),
        );
      }
    });

    it('takes every secret from a Secret, never from a plain value or a ConfigMap', () => {
      const env = container.env ?? [];
      for (const name of SECRET_ENV) {
        const entries = env.filter(e => e.name === name);
        expect({ name, entries }).toEqual({
          name,
          entries: [
            {
              name,
              valueFrom: {
                secretKeyRef: {
                  name: expect.any(String),
                  key: expect.any(String),
                },
              },
            },
          ],
        });
      }
      const configMaps = docs.filter(
        d => d.kind === 'ConfigMap',
      ) as IConfigMap[];
      for (const configMap of configMaps) {
        for (const name of SECRET_ENV) {
          expect(Object.keys(configMap.data ?? {})).not.toContain(name);
        }
      }
      // envFrom may name ConfigMaps of the rendered output only (their hashed names).
      for (const source of container.envFrom ?? []) {
        expect(source.configMapRef?.name).toBeDefined();
        expect(configMaps.map(c => c.metadata!.name)).toContain(
          source.configMapRef!.name,
        );
      }
    });

    it('reads the app-config ConfigMap as a further --config, and its content parses', () => {
      const args = container.args ?? [];
      const configPath = args[args.indexOf('--config') + 1];
      expect(args.indexOf('--config')).toBeGreaterThanOrEqual(0);
      const mount = container.volumeMounts!.find(
        m => posix.dirname(configPath) === m.mountPath,
      );
      const volume = deployment.spec!.template.spec!.volumes!.find(
        v => v.name === mount?.name,
      );
      const configMap = (docs as IConfigMap[]).find(
        d =>
          d.kind === 'ConfigMap' &&
          d.metadata!.name === volume?.configMap?.name,
      );
      const content = configMap?.data?.[posix.basename(configPath)];
      expect(content).toEqual(expect.any(String));
      const config = parse(content!);
      expect(config).toEqual(expect.any(Object));
      expect(literalSecretsIn(config)).toEqual([]);
    });

    it('selects the Deployment pods with its PodDisruptionBudget, leaving room to drain', () => {
      const pdb = only<IPodDisruptionBudget>(docs, 'PodDisruptionBudget');
      const podLabels = deployment.spec!.template.metadata!.labels;
      expect(matches(pdb.spec!.selector!.matchLabels, podLabels)).toBe(true);
      expect(pdb.spec!.minAvailable).toBeGreaterThanOrEqual(1);
      expect(pdb.spec!.minAvailable).toBeLessThan(deployment.spec!.replicas!);
    });

    it('sends the Service and the Ingress to the container port', () => {
      const service = only<IService>(docs, 'Service');
      const podLabels = deployment.spec!.template.metadata!.labels;
      expect(matches(service.spec!.selector, podLabels)).toBe(true);
      for (const port of service.spec!.ports!) {
        expect(
          containerPortOf(container, port.targetPort ?? port.port),
        ).toEqual(expect.objectContaining({ containerPort: 7007 }));
      }
      const ingress = only<IIngress>(docs, 'Ingress');
      const backends = ingress.spec!.rules!.flatMap(r =>
        r.http!.paths.map(p => p.backend.service!),
      );
      for (const backend of backends) {
        expect(backend.name).toBe(service.metadata!.name);
        expect(
          service.spec!.ports!.some(p =>
            backend.port!.name
              ? p.name === backend.port!.name
              : p.port === backend.port!.number,
          ),
        ).toBe(true);
      }
    });

    it('mounts a writable Terraform volume where GANTRY_TERRAFORM_WORKDIR points', () => {
      const workDir = container.env!.find(
        e => e.name === 'GANTRY_TERRAFORM_WORKDIR',
      );
      expect(workDir?.value).toMatch(/^\//);
      const mount = container.volumeMounts!.find(
        m => m.mountPath === workDir!.value,
      );
      expect(mount).toBeDefined();
      expect(mount!.readOnly).toBeFalsy();
      const volume = deployment.spec!.template.spec!.volumes!.find(
        v => v.name === mount!.name,
      );
      expect(volume?.emptyDir ?? volume?.persistentVolumeClaim).toBeDefined();
    });
  },
);

/** The instructions of a Dockerfile, continuation lines joined, comments dropped. */
function dockerInstructions(text: string): string[] {
  return text
    .split('\n')
    .filter(line => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map(line => line.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

/** The commands of a shell function `name() { ... }`, continuation lines joined. */
function shellFunction(script: string, name: string): string[] {
  const lines = script.replace(/\\\n\s*/g, ' ').split('\n');
  const start = lines.findIndex(l => l.startsWith(`${name}() {`));
  const end = lines.findIndex((l, i) => i > start && l === '}');
  expect(start).toBeGreaterThanOrEqual(0);
  return lines
    .slice(start + 1, end)
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#'));
}

/** A Dockerfile's instructions, by stage. */
function dockerStages(path: string): string[][] {
  return dockerInstructions(readFileSync(join(repoRoot, path), 'utf8')).reduce<
    string[][]
  >((acc, instruction) => {
    if (instruction.startsWith('FROM ')) acc.push([]);
    acc[acc.length - 1]?.push(instruction);
    return acc;
  }, []);
}

const productionScript = readFileSync(
  join(repoRoot, 'scripts/production.sh'),
  'utf8',
);
const productionBuild = shellFunction(productionScript, 'build');

/** The paths production.sh copies or unpacks into the production directory. */
const productionFiles = productionBuild.flatMap(line => {
  const cp = /^cp (?:-r )?(.+) "\$dir\/(?:\.yarn\/)?"$/.exec(line);
  if (cp) return cp[1].split(' ');
  const tar = /^tar xzf (\S+) -C "\$dir"$/.exec(line);
  return tar ? [tar[1]] : [];
});

describe('scripts/production.sh, as the Dockerfile checks below read it', () => {
  it('lists the files it copies (a parser that finds none would pass anything)', () => {
    expect(productionFiles).toEqual(
      expect.arrayContaining([
        '.yarnrc.yml',
        'yarn.lock',
        'packages/backend/dist/skeleton.tar.gz',
        'packages/backend/dist/bundle.tar.gz',
        'app-config.production.yaml',
      ]),
    );
    expect(productionBuild).toContain('rm -rf "$dir/templates/dev"');
  });
});

// deploy/Dockerfile builds from source; packages/backend/Dockerfile packs a host build. Both
// must put in the image what `yarn build:production` puts in .data/production.
describe.each(['deploy/Dockerfile', 'packages/backend/Dockerfile'])(
  '%s builds what scripts/production.sh builds',
  path => {
    const stages = dockerStages(path);
    const image = stages[stages.length - 1];
    const copied = image
      .filter(i => i.startsWith('COPY '))
      .flatMap(i =>
        i
          .split(' ')
          .slice(1, -1)
          .filter(arg => !arg.startsWith('--'))
          .map(arg => arg.replace(/^\/app\//, '')),
      );

    it('copies every file production.sh puts in the production directory', () => {
      const missing = productionFiles.filter(f => !copied.includes(f));
      expect(missing).toEqual([]);
    });

    it('takes the same steps in order: skeleton, production install, samples without templates/dev, bundle', () => {
      const focus = productionBuild.find(l =>
        l.includes('yarn workspaces focus'),
      )!;
      const focusArgs = /yarn workspaces focus [^)]*/.exec(focus)![0].trim();
      const runs = image.filter(i => i.startsWith('RUN '));
      const at = (text: string) => runs.findIndex(r => r.includes(text));
      expect(at('tar xzf skeleton.tar.gz')).toBeGreaterThanOrEqual(0);
      expect(at(focusArgs)).toBeGreaterThan(at('tar xzf skeleton.tar.gz'));
      expect(at('rm -rf templates/dev')).toBeGreaterThan(at(focusArgs));
      expect(at('tar xzf bundle.tar.gz')).toBeGreaterThan(at(focusArgs));
    });

    it('starts the backend the way `yarn start:production` does', () => {
      const start = shellFunction(productionScript, 'start').join(' ');
      const startArgs = /node (packages\/backend .*) "\$@"/
        .exec(start)![1]
        .split(/\s+/);
      const command = image.find(i => /^(ENTRYPOINT|CMD) \[/.test(i))!;
      expect(JSON.parse(command.slice(command.indexOf('[')))).toEqual([
        'node',
        ...startArgs,
      ]);
      expect(image).toContain('ENV NODE_ENV=production');
    });
  },
);

describe('deploy/Dockerfile, its build and Terraform', () => {
  const stages = dockerStages('deploy/Dockerfile');
  const instructions = stages.flat();

  it('builds with the command production.sh builds with', () => {
    const buildCommand = productionBuild.find(l => l.startsWith('yarn build'));
    expect(buildCommand).toBe('yarn build:backend');
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(instructions).toContain(`RUN ${buildCommand}`);
  });

  it('puts a pinned, checksum-verified terraform in the image', () => {
    expect(instructions).toContain('ARG TERRAFORM_VERSION=1.11.4');
    expect(
      instructions.filter(i => /^ARG TERRAFORM_SHA256=[0-9a-f]{64}$/.test(i)),
    ).toHaveLength(1);
    expect(instructions.join('\n')).toContain(
      'echo "${TERRAFORM_SHA256} /tmp/terraform.zip" | sha256sum -c -',
    );
    const image = stages[stages.length - 1];
    expect(
      image.some(i => /^COPY --from=terraform .*\/terraform /.test(i)),
    ).toBe(true);
  });
});
