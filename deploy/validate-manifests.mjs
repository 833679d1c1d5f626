// Checks Kubernetes manifests offline, against the schemas of the Kubernetes API:
//
//   node deploy/validate-manifests.mjs deploy/base/deployment.yaml ...
//   kubectl kustomize deploy/overlays/production | node deploy/validate-manifests.mjs
//
// Every document goes through two checks, both generated from Kubernetes' OpenAPI schemas by
// the kubernetes-models package:
// - its JSON schema validator (`.validate()`): types, required fields, enums, formats;
// - TypeScript's excess property check against its types, because those JSON schemas allow
//   fields they do not know, so a misspelt field (`readinesProbe`) would pass the first.
// A kind kubernetes-models does not have is an error. Prints a JSON report, exits 1 on errors.
// It is an ES module because kubernetes-models is ESM-only (Jest cannot load it).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));

async function readInputs(files) {
  if (files.length > 0) {
    return Promise.all(
      files.map(async file => ({
        source: file,
        text: await readFile(file, 'utf8'),
      })),
    );
  }
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return [{ source: '<stdin>', text: Buffer.concat(chunks).toString('utf8') }];
}

function modulePathOf(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string')
    return undefined;
  const match = /^(?:([a-z0-9.-]+)\/)?(v[0-9a-z]+)$/.exec(apiVersion);
  if (!match || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  const [, group, version] = match;
  return `kubernetes-models/${group ? `${group}/` : ''}${version}/${kind}`;
}

async function validateWithSchema(doc, modulePath) {
  let model;
  try {
    model = await import(modulePath);
  } catch {
    return [`unknown kind ${doc.kind} in ${doc.apiVersion}`];
  }
  const Model = model[doc.kind];
  try {
    new Model(doc).validate();
    return [];
  } catch (error) {
    return [`schema: ${error.message}`];
  }
}

// One line per document, so that a diagnostic's line names its document.
function checkUnknownFields(entries) {
  const lines = entries.map(({ doc, modulePath }, i) =>
    modulePath
      ? `import type { I${doc.kind} as T${i} } from '${modulePath}'; ` +
        `export const doc${i}: T${i} = ${JSON.stringify(doc)};`
      : '',
  );
  const fileName = join(here, '__manifests__.ts');
  const text = lines.join('\n');
  const options = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists } = host;
  host.getSourceFile = (name, language, ...rest) =>
    name === fileName
      ? ts.createSourceFile(name, text, language)
      : getSourceFile.call(host, name, language, ...rest);
  host.fileExists = name => name === fileName || fileExists.call(host, name);
  const program = ts.createProgram([fileName], options, host);
  const errors = entries.map(() => []);
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(
      diagnostic.messageText,
      ' ',
    );
    if (
      diagnostic.file?.fileName !== fileName ||
      diagnostic.start === undefined
    ) {
      throw new Error(`Type check failed outside the manifests: ${message}`);
    }
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(
      diagnostic.start,
    );
    errors[line].push(`fields: ${message}`);
  }
  return errors;
}

async function main() {
  const inputs = await readInputs(process.argv.slice(2));
  const entries = [];
  for (const { source, text } of inputs) {
    parseAllDocuments(text).forEach((parsed, index) => {
      const errors = parsed.errors.map(e => `yaml: ${e.message}`);
      const doc = errors.length === 0 ? parsed.toJS() : undefined;
      if (errors.length === 0 && doc === null) return; // an empty document
      const modulePath =
        doc && typeof doc === 'object'
          ? modulePathOf(doc.apiVersion, doc.kind)
          : undefined;
      if (doc !== undefined && !modulePath) {
        errors.push('not a Kubernetes object with a known apiVersion and kind');
      }
      entries.push({ source, index, doc, modulePath, errors });
    });
  }
  for (const entry of entries) {
    if (entry.modulePath) {
      entry.errors.push(
        ...(await validateWithSchema(entry.doc, entry.modulePath)),
      );
    }
  }
  const unknownFields = checkUnknownFields(entries);
  const documents = entries.map((entry, i) => ({
    source: entry.source,
    index: entry.index,
    apiVersion: entry.doc?.apiVersion,
    kind: entry.doc?.kind,
    name: entry.doc?.metadata?.name,
    errors: [...entry.errors, ...unknownFields[i]],
  }));
  process.stdout.write(`${JSON.stringify({ documents }, null, 2)}\n`);
  process.exitCode = documents.some(d => d.errors.length > 0) ? 1 : 0;
}

await main();
