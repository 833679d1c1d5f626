import { visitOf } from './visitOf';

describe('visitOf', () => {
  it('records nothing for Home, which lists the visits', () => {
    expect(visitOf('/', 'Gantry')).toBeUndefined();
  });

  it("names a page by its header title, without its sections or the app's name", () => {
    expect(visitOf('/infra', 'My infrastructure | Gantry')).toEqual({
      name: 'My infrastructure',
      pathname: '/infra',
    });
    expect(
      visitOf('/infra/requests/42', 'Create s3-bucket logs | Gantry'),
    ).toEqual({
      name: 'Create s3-bucket logs',
      pathname: '/infra/requests/42',
    });
    expect(visitOf('/settings', 'Settings | General | Gantry')).toEqual({
      name: 'Settings',
      pathname: '/settings',
    });
  });

  it("falls back to the path when the title is only the app's name", () => {
    expect(visitOf('/catalog-graph', 'Gantry')).toEqual({
      name: 'catalog-graph',
      pathname: '/catalog-graph',
    });
  });

  it('records an entity page by the entity, as upstream does', () => {
    expect(
      visitOf('/catalog/default/component/payments-api/api', 'x | Gantry'),
    ).toEqual({
      name: 'payments-api',
      pathname: '/catalog/default/component/payments-api/api',
      entityRef: 'component:default/payments-api',
    });
  });
});
