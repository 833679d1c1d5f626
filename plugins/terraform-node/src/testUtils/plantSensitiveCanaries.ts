type Json = unknown;

const isContainer = (v: Json): v is Record<string, Json> | Json[] =>
  typeof v === 'object' && v !== null;

/**
 * A copy of a `terraform show -json` document where every value marked sensitive (in
 * `before_sensitive`/`after_sensitive`, `true` or nested) is replaced by a unique canary
 * string, and the canaries planted. A fixture's clear sensitive values may also appear
 * elsewhere in clear (not sensitive there); canaries appear only where Terraform marked them,
 * so finding none in an output proves the marked values never reach it.
 */
export function plantSensitiveCanaries(plan: unknown): {
  plan: unknown;
  canaries: string[];
} {
  const copy = JSON.parse(JSON.stringify(plan)) as Record<string, Json>;
  const canaries: string[] = [];
  const plant = (value: Json, mark: Json): Json => {
    if (mark === true && value !== undefined && value !== null) {
      const canary = `SENSITIVE-CANARY-${canaries.length}`;
      canaries.push(canary);
      return canary;
    }
    if (!isContainer(value) || !isContainer(mark)) return value;
    if (Array.isArray(value)) {
      return value.map((v, i) => plant(v, (mark as Json[])[i]));
    }
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        plant(v, (mark as Record<string, Json>)[k]),
      ]),
    );
  };
  const plantChange = (change: Record<string, Json>) => {
    change.before = plant(change.before, change.before_sensitive);
    change.after = plant(change.after, change.after_sensitive);
  };
  const resourceChanges = (copy.resource_changes ?? []) as Array<{
    change: Record<string, Json>;
  }>;
  resourceChanges.forEach(rc => plantChange(rc.change));
  Object.values(
    (copy.output_changes ?? {}) as Record<string, Record<string, Json>>,
  ).forEach(plantChange);
  return { plan: copy, canaries };
}
