import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  TemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { repoRoot } from './__testUtils__/kitOptions';
import { scaffolderModuleGantryKit } from './module';

describe('scaffolderModuleGantryKit', () => {
  it('adds the kit actions to the scaffolder', async () => {
    const added = new Array<TemplateAction>();

    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          {
            addActions: (...actions: TemplateAction[]) =>
              added.push(...actions),
          },
        ],
      ],
      features: [
        scaffolderModuleGantryKit,
        mockServices.rootConfig.factory({
          data: { gantryKit: { rootDir: repoRoot } },
        }),
      ],
    });

    expect(added.map(action => action.id)).toEqual([
      'gantry:kit:generate',
      'gantry:kit:write-local',
    ]);
    for (const action of added) {
      expect(action.description).toBeTruthy();
      expect(action.examples?.length).toBeGreaterThan(0);
      const required = action.schema?.input?.required;
      if (!Array.isArray(required) || required.length === 0) {
        throw new Error(`${action.id} declares no required inputs`);
      }
      for (const { example } of action.examples ?? []) {
        expect(example).toContain(`action: ${action.id}`);
        for (const name of required) {
          expect(example).toMatch(new RegExp(`^ +${name}:`, 'm'));
        }
      }
    }
  });
});
