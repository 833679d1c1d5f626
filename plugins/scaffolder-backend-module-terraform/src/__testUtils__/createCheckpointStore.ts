import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';

/**
 * Checkpoints as the scaffolder's workflow runner keeps them for a task: a successful
 * checkpoint is replayed from its stored JSON on the next run instead of calling `fn` again.
 * The mock context's own `checkpoint` just calls `fn` every time.
 */
export function createCheckpointStore(): {
  checkpoint: ReturnType<typeof createMockActionContext>['checkpoint'];
  /** The keys of the checkpoints that succeeded. */
  keys(): string[];
} {
  const values = new Map<string, string>();
  return {
    async checkpoint({ key, fn }) {
      const stored = values.get(key);
      if (stored !== undefined) {
        return JSON.parse(stored);
      }
      const value = await fn();
      values.set(key, JSON.stringify(value ?? {}));
      return value;
    },
    keys: () => [...values.keys()],
  };
}
