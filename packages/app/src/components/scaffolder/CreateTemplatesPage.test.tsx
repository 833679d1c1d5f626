import { fireEvent, screen } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { scaffolderPlugin } from '@backstage/plugin-scaffolder';
import { Route, Routes, useLocation } from 'react-router-dom';
import { CreatePageRoutes } from './CreatePageRoutes';
import { CreateTemplatesPage } from './CreateTemplatesPage';

function Scaffolder() {
  return <div>the scaffolder at {useLocation().pathname}</div>;
}

function template(
  name: string,
  title: string,
  type: string,
  tags: string[] = [],
): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name, namespace: 'default', title, tags },
    spec: { type, owner: 'group:default/platform', steps: [], parameters: [] },
  };
}

const templates = [
  template('hello-sample', 'Hello sample', 'sample'),
  template('request-vpc', 'Request a VPC', 'infrastructure', ['network']),
  template('node-service', 'Node.js service', 'service'),
  template('request-s3-bucket', 'Request an S3 bucket', 'infrastructure', [
    'storage',
  ]),
];

async function renderPage(options: { entities?: Entity[] } = {}) {
  const catalogApi = {
    getEntities: jest.fn(async () => ({
      items: [
        ...(options.entities ?? templates),
        // Not a template the scaffolder runs: left out.
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'payments-api' },
        },
      ],
    })),
  };
  const starred = new MockStarredEntitiesApi();
  starred.toggleStarred('template:default/node-service');
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApi],
        [starredEntitiesApiRef, starred],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <Routes>
        <Route
          path="/create/*"
          element={
            <CreatePageRoutes list={<CreateTemplatesPage />}>
              <Scaffolder />
            </CreatePageRoutes>
          }
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: ['/create'],
      mountedRoutes: {
        '/create': scaffolderPlugin.routes.root,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
  return { catalogApi };
}

/** The group headings and card titles in the order the page shows them. */
async function shownInOrder() {
  await screen.findByText('Request an S3 bucket');
  const names = [
    'Request infrastructure',
    'Create a component',
    'Samples (development only)',
    ...templates.map(t => t.metadata.title!),
  ];
  const text = document.body.textContent ?? '';
  return names
    .filter(name => text.includes(name))
    .sort((a, b) => text.indexOf(a) - text.indexOf(b));
}

describe('CreateTemplatesPage', () => {
  it('asks the catalog once for templates and groups them, infrastructure requests first', async () => {
    const { catalogApi } = await renderPage();

    expect(await shownInOrder()).toEqual([
      'Request infrastructure',
      'Request a VPC',
      'Request an S3 bucket',
      'Create a component',
      'Node.js service',
      'Samples (development only)',
      'Hello sample',
    ]);
    expect(
      screen.getByRole('heading', {
        name: 'Request infrastructure or create a component',
      }),
    ).toBeInTheDocument();
    expect(catalogApi.getEntities).toHaveBeenCalledTimes(1);
    expect(catalogApi.getEntities).toHaveBeenCalledWith({
      filter: { kind: 'Template' },
    });
  });

  it('narrows the list by search words and to starred templates', async () => {
    await renderPage();
    await screen.findByText('Request an S3 bucket');

    fireEvent.change(screen.getByLabelText('Search templates'), {
      target: { value: 'request STORAGE' },
    });
    expect(await shownInOrder()).toEqual([
      'Request infrastructure',
      'Request an S3 bucket',
    ]);

    fireEvent.change(screen.getByLabelText('Search templates'), {
      target: { value: 'nothing like this' },
    });
    expect(
      screen.getByText('No templates match your search and filters.'),
    ).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Search templates'), {
      target: { value: '' },
    });
    fireEvent.click(screen.getByLabelText('Starred only'));
    await screen.findByText('Node.js service');
    expect(screen.queryByText('Request an S3 bucket')).not.toBeInTheDocument();
  });

  it('opens the chosen template in the scaffolder', async () => {
    await renderPage();
    await screen.findByText('Request an S3 bucket');
    // Cards in page order: the VPC, then the bucket.
    const choose = await screen.findAllByRole('button', { name: /choose/i });
    fireEvent.click(choose[1]);
    expect(
      await screen.findByText(
        'the scaffolder at /create/templates/default/request-s3-bucket',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Request a VPC')).not.toBeInTheDocument();
  });

  it('says so when there are no templates', async () => {
    await renderPage({ entities: [] });
    expect(
      await screen.findByText(/There are no templates yet/),
    ).toBeInTheDocument();
  });
});
