import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const repoRoot = resolvePackagePath('@internal/plugin-api-node', '../..');

/**
 * The roles of the repo's own app-config.yaml (`gantry.rbac`), for a test backend that must
 * decide as the portal does. Read from the file, so the tests follow every roles change.
 */
export function sampleRolesConfig(): JsonObject {
  return { gantry: { rbac: repoAppConfig().gantry.rbac } };
}

/**
 * The guardrails of the repo's own app-config.yaml (`infra.guardrails`), so tests check the
 * rules the portal ships.
 */
export function sampleGuardrailsConfig(): JsonObject {
  return { infra: { guardrails: repoAppConfig().infra.guardrails } };
}

function repoAppConfig() {
  return parse(fs.readFileSync(path.join(repoRoot, 'app-config.yaml'), 'utf8'));
}

/** The sample org's entities (catalog/org.yaml), as written there. */
export function sampleOrgEntities(): Array<{
  kind: string;
  metadata: { name: string };
  spec: Record<string, any>;
}> {
  const text = fs.readFileSync(path.join(repoRoot, 'catalog/org.yaml'), 'utf8');
  return text
    .split(/^---$/m)
    .map(doc => parse(doc))
    .filter(Boolean);
}
