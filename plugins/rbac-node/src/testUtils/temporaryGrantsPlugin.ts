import {
  BackendFeature,
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  TEMPORARY_GRANTS_EVENTS_TOPIC,
  TEMPORARY_GRANTS_PATH,
  TEMPORARY_GRANTS_PLUGIN_ID,
  TemporaryGrant,
} from '@internal/plugin-rbac-common';

/** What {@link temporaryGrantsPlugin} hands a test. */
export type TemporaryGrantsFixture = {
  /** The backend plugin to start the test backend with. */
  feature: BackendFeature;
  /** The grants it serves; change them in place. */
  grants: TemporaryGrant[];
  /** When set, every read is answered with this HTTP status instead of the grants. */
  failWith?: number;
  /** When set, every read is answered this many ms late, as from a busy database. */
  delayMs?: number;
  /** The callers of each read, as `plugin:<id>`. */
  readers: string[];
  /**
   * Announces a change on `TEMPORARY_GRANTS_EVENTS_TOPIC` through the backend's events
   * service, as the granting plugin does after its commit; resolves when subscribers on this
   * instance have handled it.
   */
  announce(): Promise<void>;
};

/**
 * A stand-in for the plugin that serves temporary grants (`access-requests`): it serves
 * `GET /grants/active` from a list the test changes, to the permission and rbac plugins only.
 */
export function temporaryGrantsPlugin(): TemporaryGrantsFixture {
  let publish: (() => Promise<void>) | undefined;
  const fixture: TemporaryGrantsFixture = {
    grants: [],
    readers: [],
    feature: createBackendPlugin({
      pluginId: TEMPORARY_GRANTS_PLUGIN_ID,
      register(env) {
        env.registerInit({
          deps: {
            httpRouter: coreServices.httpRouter,
            httpAuth: coreServices.httpAuth,
            events: eventsServiceRef,
          },
          async init({ httpRouter, httpAuth, events }) {
            publish = () =>
              events.publish({
                topic: TEMPORARY_GRANTS_EVENTS_TOPIC,
                eventPayload: {},
              });
            httpRouter.use(async (req, res, next) => {
              if (req.method !== 'GET' || req.path !== TEMPORARY_GRANTS_PATH) {
                next();
                return;
              }
              try {
                const credentials = await httpAuth.credentials(req, {
                  allow: ['service'],
                });
                const caller = credentials.principal.subject;
                if (!['plugin:permission', 'plugin:rbac'].includes(caller)) {
                  throw new NotAllowedError(`${caller} may not list grants`);
                }
                fixture.readers.push(caller);
                if (fixture.delayMs) {
                  await new Promise(resolve =>
                    setTimeout(resolve, fixture.delayMs),
                  );
                }
                if (fixture.failWith) {
                  res.status(fixture.failWith).json({ error: 'failing' });
                  return;
                }
                res.json({ items: fixture.grants });
              } catch (error) {
                next(error);
              }
            });
          },
        });
      },
    }),
    async announce() {
      if (!publish) throw new Error('The backend has not started yet');
      await publish();
    },
  };
  return fixture;
}
