import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';

/**
 * How long the HTTP server waits for open requests once every plugin has stopped, before it
 * closes the connections that are left.
 */
export const SERVER_DRAIN_MS = 5_000;

/**
 * The default root HTTP router, whose server stops within {@link SERVER_DRAIN_MS} once the
 * plugins have stopped.
 *
 * Upstream's server waits for every open request before it closes. The events backend holds
 * each replica's own event-bus long polls open for up to `events.notifyTimeoutMs` (55 s) and
 * does not end them when it stops, so SIGTERM took up to a minute to exit. By the time the
 * root shutdown hooks run, readiness has answered 503 for `backend.lifecycle.serverShutdownDelay`
 * and every plugin, the infra job workers among them, has finished its own shutdown: what is
 * still open is such a long poll or a request that outlived its plugin.
 */
export const gantryRootHttpRouterServiceFactory = rootHttpRouterServiceFactory({
  configure({ applyDefaults, server, lifecycle, logger }) {
    applyDefaults();
    // Runs beside the factory's own hook, which closes the listener and idle connections
    // and resolves once the last open request has ended.
    lifecycle.addShutdownHook(
      () =>
        new Promise<void>(resolve => {
          const timer = setTimeout(() => {
            logger.info(
              `Closing the connections still open ${SERVER_DRAIN_MS} ms after shutdown`,
            );
            server.closeAllConnections();
            resolve();
          }, SERVER_DRAIN_MS);
          server.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
        }),
    );
  },
});
