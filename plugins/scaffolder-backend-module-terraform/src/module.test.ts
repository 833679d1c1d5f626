import { createServiceFactory } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  TemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { infraServiceRef } from '@internal/plugin-infra-node';
import { createMockInfraService } from './__testUtils__/infraRequest';
import { scaffolderModuleTerraform } from './module';

describe('scaffolderModuleTerraform', () => {
  it('adds the terraform actions to the scaffolder', async () => {
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
        scaffolderModuleTerraform,
        createServiceFactory({
          service: infraServiceRef,
          deps: {},
          factory: () => createMockInfraService(),
        }),
      ],
    });

    expect(added.map(action => action.id)).toEqual([
      'infra:request:submit',
      'terraform:apply',
      'terraform:output',
    ]);
    for (const action of added) {
      expect(action.description).toBeTruthy();
      expect(action.examples?.length).toBeGreaterThan(0);
      const required = action.schema?.input?.required;
      if (!Array.isArray(required) || required.length === 0) {
        throw new Error(`${action.id} declares no required inputs`);
      }
      for (const { example } of action.examples ?? []) {
        // Every example runs this action with the inputs its schema requires.
        expect(example).toContain(`action: ${action.id}`);
        for (const name of required) {
          expect(example).toMatch(new RegExp(`^ +${name}:`, 'm'));
        }
      }
    }
  });
});
