import { mockServices } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createKitGenerateAction } from './actions/kitGenerate';
import { createKitWriteLocalAction } from './actions/kitWriteLocal';
import { kitOptions, repoRoot } from './__testUtils__/kitOptions';
import {
  PLUGIN_ID_MAX_LENGTH,
  PLUGIN_ID_MIN_LENGTH,
  PLUGIN_ID_PATTERN,
} from './kit/pluginId';

/** templates/new-ops-plugin, checked against the actions it calls. */
describe('templates/new-ops-plugin', () => {
  const template = parse(
    fs.readFileSync(
      path.join(repoRoot, 'templates/new-ops-plugin/template.yaml'),
      'utf8',
    ),
  );
  const generate = createKitGenerateAction({
    kit: kitOptions(),
    rootInstanceMetadata: mockServices.rootInstanceMetadata.mock(),
  });
  const writeLocal = createKitWriteLocalAction({ kit: kitOptions() });
  const steps = Object.fromEntries(
    template.spec.steps.map((step: { id: string }) => [step.id, step]),
  );
  const outputNames = (action: typeof generate | typeof writeLocal) =>
    Object.keys(
      (action.schema?.output as { properties: object }).properties ?? {},
    );

  it('asks for the plugin id the generate action accepts', () => {
    const pluginId = template.spec.parameters[0].properties.pluginId;
    expect(pluginId).toMatchObject({
      pattern: PLUGIN_ID_PATTERN,
      minLength: PLUGIN_ID_MIN_LENGTH,
      maxLength: PLUGIN_ID_MAX_LENGTH,
    });
    expect(template.spec.parameters[0].properties.owner['ui:field']).toBe(
      'OwnerPicker',
    );
  });

  it('generates, then writes locally or opens a pull request by the publish parameter', () => {
    expect(steps.generate).toMatchObject({
      action: generate.id,
      input: {
        pluginId: '${{ parameters.pluginId }}',
        publish: '${{ parameters.publish }}',
      },
    });
    expect(steps['write-local']).toMatchObject({
      action: writeLocal.id,
      if: "${{ parameters.publish === 'local' }}",
      input: { directories: '${{ steps.generate.output.directories }}' },
    });
    expect(outputNames(generate)).toContain('directories');
    expect(steps['pull-request']).toMatchObject({
      action: 'publish:github:pull-request',
      if: "${{ parameters.publish === 'pull-request' }}",
    });
    expect(template.spec.parameters[1].properties.publish.enum.sort()).toEqual([
      'local',
      'pull-request',
    ]);
  });

  it('shows the change set the write-local action outputs', () => {
    const changeSet = template.spec.output.text.find(
      (text: { title: string }) => text.title === 'Change set',
    );
    expect(changeSet.content).toBe(
      "${{ steps['write-local'].output.markdown }}",
    );
    expect(outputNames(writeLocal)).toContain('markdown');
  });

  it('is shown to the platform roles, not to developers', () => {
    expect(template.metadata.tags).toContain('platform');
    expect(template.metadata.tags).not.toContain('developer');
  });
});
