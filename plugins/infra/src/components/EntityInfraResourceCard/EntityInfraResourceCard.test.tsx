import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  entityPresentationApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  INFRA_ANNOTATIONS,
  InfraRequest,
  InfraResource,
  infraResourceDestroyPermission,
} from '@internal/plugin-infra-common';
import { SWRConfig } from 'swr';
import { infraApiRef } from '../../api/InfraApi';
import { InfraClient } from '../../api/InfraClient';
import { rootRouteRef } from '../../routes';
import { EntityInfraResourceCard } from './EntityInfraResourceCard';
import { isInfraResource } from './isInfraResource';
import { mockEntityPresentationApi } from '@internal/plugin-api-react/testUtils';

// Dialogs, typing and real poll intervals take seconds on a busy machine (CI, parallel runs).
jest.setTimeout(30_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'payments-logs',
    annotations: { [INFRA_ANNOTATIONS.RESOURCE_ID]: 'res-1' },
  },
  spec: { type: 's3-bucket', owner: 'group:default/team-payments' },
};

const resource: InfraResource = {
  id: 'res-1',
  kind: 's3-bucket',
  name: 'payments-logs',
  environment: 'prod',
  ownerRef: 'group:default/team-payments',
  status: 'active',
  outputs: { bucket_arn: 'arn:aws:s3:::payments-logs' },
  lastRequestId: 'req-1',
  createdAt: '2029-12-25T00:00:00.000Z',
  updatedAt: '2029-12-25T00:10:00.000Z',
};

const destroyRequest = {
  id: 'req-2',
  operation: 'destroy',
  status: 'awaiting_approval',
  approvalId: 'appr-7',
} as InfraRequest;

/**
 * Opens the destroy dialog, gives a justification, types the resource's name and submits;
 * returns the dialog.
 */
async function submitDestroy(justification: string) {
  fireEvent.click(await screen.findByTestId('request-destroy'));
  const dialog = await screen.findByRole('dialog');
  fireEvent.change(within(dialog).getByLabelText('Justification'), {
    target: { value: justification },
  });
  fireEvent.change(within(dialog).getByLabelText('Resource name'), {
    target: { value: 'payments-logs' },
  });
  fireEvent.click(
    within(dialog).getByRole('button', { name: 'Request destroy' }),
  );
  return dialog;
}

async function renderCard(
  api: object,
  permissionApi = mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [infraApiRef, api],
        [permissionApiRef, permissionApi],
        [entityPresentationApiRef, mockEntityPresentationApi()],
      ]}
    >
      {/* usePermission caches answers in SWR: a fresh cache per render keeps tests apart. */}
      <SWRConfig value={{ provider: () => new Map() }}>
        <EntityProvider entity={entity}>
          <EntityInfraResourceCard />
        </EntityProvider>
      </SWRConfig>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/infra': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('EntityInfraResourceCard', () => {
  it('shows the outputs, the environment and the last request', async () => {
    const getResource = jest.fn(async () => resource);
    await renderCard({ getResource });
    expect(
      await screen.findByText('arn:aws:s3:::payments-logs'),
    ).toBeInTheDocument();
    expect(getResource).toHaveBeenCalledWith('res-1');
    expect(screen.getByText('prod')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'View the last request' }),
    ).toHaveAttribute('href', '/infra/requests/req-1');
    // The owner by its name, linked to its catalog page.
    expect(
      await screen.findByRole('link', { name: 'Team Payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/team-payments');
    expect(screen.queryByText('group:default/team-payments')).toBeNull();
    expect(screen.getByText('Active')).toBeInTheDocument();
    expect(screen.queryByTestId('infra-destroy-pending')).toBeNull();
  });

  it('links to the request that created it and, while a destroy waits, says so instead of offering another', async () => {
    await renderCard({
      getResource: async () => ({
        ...resource,
        lastRequestId: 'req-2',
        createdByRequestId: 'req-1',
        openDestroyRequest: { id: 'req-2', status: 'awaiting_approval' },
      }),
    });
    const banner = await screen.findByTestId('infra-destroy-pending');
    expect(banner).toHaveTextContent('Destroy pending approval');
    expect(
      within(banner).getByRole('link', { name: 'View the destroy request' }),
    ).toHaveAttribute('href', '/infra/requests/req-2');
    expect(
      screen.getByRole('link', { name: 'View the request that created it' }),
    ).toHaveAttribute('href', '/infra/requests/req-1');
    expect(screen.queryByTestId('request-destroy')).toBeNull();
  });

  it('asks for a justification of at least 10 characters and the name typed out before destroying', async () => {
    const destroyResource = jest.fn(async () => destroyRequest);
    await renderCard({ getResource: async () => resource, destroyResource });

    fireEvent.click(await screen.findByTestId('request-destroy'));
    const dialog = await screen.findByRole('dialog');
    const submit = within(dialog).getByRole('button', {
      name: 'Request destroy',
    });
    expect(submit).toBeDisabled();

    const field = within(dialog).getByLabelText('Justification');
    fireEvent.change(field, { target: { value: 'Too short' } });
    expect(submit).toBeDisabled();

    fireEvent.change(field, {
      target: { value: 'Replaced by the new logs bucket' },
    });
    // Not until the name is typed exactly.
    expect(submit).toBeDisabled();
    const name = within(dialog).getByLabelText('Resource name');
    fireEvent.change(name, { target: { value: 'payments-log' } });
    expect(submit).toBeDisabled();
    fireEvent.change(name, { target: { value: 'Payments-Logs' } });
    expect(submit).toBeDisabled();
    fireEvent.change(name, { target: { value: 'payments-logs' } });
    expect(submit).toBeEnabled();
    fireEvent.click(submit);

    await waitFor(() =>
      expect(destroyResource).toHaveBeenCalledWith('res-1', {
        justification: 'Replaced by the new logs bucket',
      }),
    );
    expect(
      await within(dialog).findByRole('link', {
        name: 'Open the destroy request',
      }),
    ).toHaveAttribute('href', '/infra/requests/req-2');
    expect(
      within(dialog).getByRole('link', { name: 'Open its approval request' }),
    ).toHaveAttribute('href', '/approvals/requests/appr-7');
  });

  it('shows why a destroy request failed', async () => {
    const destroyResource = jest.fn(async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'ConflictError',
              message: 'A destroy of res-1 is already waiting for approval',
            },
            response: { statusCode: 409 },
          }),
          { status: 409, headers: { 'Content-Type': 'application/json' } },
        ),
      );
    });
    await renderCard({ getResource: async () => resource, destroyResource });

    const dialog = await submitDestroy('No longer used by anything');
    expect(
      await within(dialog).findByText(
        'A destroy of res-1 is already waiting for approval',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByRole('link', { name: 'Open the destroy request' }),
    ).toBeNull();
  });

  it("offers destroy when the policy allows it on the resource's last request", async () => {
    const authorize = jest.fn(
      (_: EvaluatePermissionRequest) => AuthorizeResult.ALLOW,
    );
    await renderCard(
      { getResource: async () => resource },
      mockApis.permission({ authorize }),
    );
    expect(await screen.findByTestId('request-destroy')).toBeInTheDocument();
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: infraResourceDestroyPermission.name,
        }),
        resourceRef: 'req-1',
      }),
    );
  });

  it('hides destroy when the policy denies it', async () => {
    const authorize = jest.fn((request: EvaluatePermissionRequest) =>
      request.permission.name === infraResourceDestroyPermission.name
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    await renderCard(
      { getResource: async () => resource },
      mockApis.permission({ authorize }),
    );
    expect(
      await screen.findByText('arn:aws:s3:::payments-logs'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({ resourceRef: 'req-1' }),
      ),
    );
    expect(screen.queryByTestId('request-destroy')).toBeNull();
    expect(
      screen.queryByRole('button', { name: /Request destroy/ }),
    ).toBeNull();
  });

  it('says in a sentence when the server denies the destroy, with no status line nor stack', async () => {
    // The real client against a backend that answers the destroy with a 403.
    const fetch = jest.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') {
        return new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message:
                'You are not allowed to destroy resource payments-logs (owned by group:default/team-payments)',
              stack: 'NotAllowedError: ...\n    at router.ts:296:11',
            },
            request: { method: 'POST', url },
            response: { statusCode: 403 },
          }),
          { status: 403, headers: { 'Content-Type': 'application/json' } },
        );
      }
      return new Response(JSON.stringify(resource), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    });
    const client = new InfraClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/infra' },
      fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
    });
    await renderCard(client);

    const dialog = await submitDestroy('No longer used by anything');
    expect(
      await within(dialog).findByText(
        'You are not allowed to do this: You are not allowed to destroy resource payments-logs (owned by group:default/team-payments)',
      ),
    ).toBeInTheDocument();
    expect(dialog.textContent).not.toMatch(/403|Forbidden|router\.ts/);
  });

  it('offers no destroy for a resource already destroyed', async () => {
    await renderCard({
      getResource: async () => ({ ...resource, status: 'destroyed' }),
    });
    expect(await screen.findByText('Destroyed')).toBeInTheDocument();
    expect(screen.queryByTestId('request-destroy')).toBeNull();
  });

  it('shows the error when the resource cannot be read', async () => {
    await renderCard({
      getResource: async () => {
        throw new Error('No resource res-1');
      },
    });
    expect(
      (await screen.findAllByText(/No resource res-1/)).length,
    ).toBeGreaterThan(0);
  });

  it('shows a denied read as a sentence, without the server stack trace', async () => {
    const client = new InfraClient({
      discoveryApi: { getBaseUrl: async () => 'http://backend/api/infra' },
      fetchApi: {
        fetch: (async () =>
          new Response(
            JSON.stringify({
              error: {
                name: 'NotAllowedError',
                message: 'You may not read infrastructure',
                stack: 'NotAllowedError: ...\n    at router.ts:120:11',
              },
              request: { method: 'GET', url: '/resources/res-1' },
              response: { statusCode: 403 },
            }),
            { status: 403, headers: { 'Content-Type': 'application/json' } },
          )) as unknown as typeof globalThis.fetch,
      },
    });
    await renderCard(client);
    expect(
      (
        await screen.findAllByText(
          /You are not allowed to do this: You may not read infrastructure/,
        )
      ).length,
    ).toBeGreaterThan(0);
    expect(document.body.textContent).not.toMatch(
      /Request failed|Forbidden|router\.ts|Stack Trace/,
    );
  });
});

describe('isInfraResource', () => {
  it('holds for entities carrying the infra resource id', () => {
    expect(isInfraResource(entity)).toBe(true);
    expect(isInfraResource({ ...entity, metadata: { name: 'other' } })).toBe(
      false,
    );
  });
});
