import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  TemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import { approvalsServiceRef } from '@internal/plugin-approvals-node';
import { scaffolderModuleApprovals } from './module';

describe('scaffolderModuleApprovals', () => {
  it('adds gantry:approval:request to the scaffolder', async () => {
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
        scaffolderModuleApprovals,
        createServiceFactory({
          service: approvalsServiceRef,
          deps: {},
          factory: () => ({
            createRequest: jest.fn(),
            createRequestFor: jest.fn(),
            getRequest: jest.fn(),
            withdrawRequest: jest.fn(),
            reportExecution: jest.fn(),
          }),
        }),
        mockServices.rootConfig.factory({
          data: { app: { baseUrl: 'http://localhost:3000' } },
        }),
      ],
    });

    expect(added.map(action => action.id)).toEqual(['gantry:approval:request']);
    const [action] = added;
    expect(action.description).toBeTruthy();
    expect(action.examples?.length).toBeGreaterThan(0);
    const required = action.schema?.input?.required;
    expect(required).toEqual(['title', 'payload']);
    for (const { example } of action.examples ?? []) {
      // Every example runs this action with the inputs its schema requires.
      expect(example).toContain('action: gantry:approval:request');
      expect(example).toMatch(/^ +title: /m);
      expect(example).toMatch(/^ +payload:/m);
    }
  });
});
