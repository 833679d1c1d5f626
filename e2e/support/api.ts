/**
 * A user's Backstage token from the dev sign-in, for API calls beside the browser. Retries
 * while the catalog has not ingested the user yet (the sign-in resolver answers 404).
 */
export async function tokenFor(baseUrl: string, user: string): Promise<string> {
  return waitFor(`a token for ${user}`, async () => {
    const res = await fetch(`${baseUrl}/api/auth/gantry-dev/refresh`, {
      headers: { 'x-gantry-dev-user': user },
    });
    if (!res.ok) return undefined;
    const body = await res.json();
    return body.backstageIdentity.token as string;
  });
}

/** Calls the backend as a user; throws on a non-2xx answer unless `allow` lists it. */
export async function api<T = any>(
  baseUrl: string,
  token: string,
  path: string,
  init: { method?: string; body?: unknown; allow?: number[] } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  if (!res.ok && !init.allow?.includes(res.status)) {
    throw new Error(
      `${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`,
    );
  }
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Polls `check` until it returns a value other than undefined. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

/** Requests an S3 bucket on the sandbox for team-payments, as the user whose token it is. */
export async function submitBucketRequest(
  baseUrl: string,
  token: string,
  name: string,
  justification: string,
): Promise<{ id: string; status: string }> {
  const { body } = await api(baseUrl, token, '/api/infra/requests', {
    method: 'POST',
    body: {
      kind: 's3-bucket',
      name,
      environment: 'sandbox',
      ownerRef: 'group:default/team-payments',
      justification,
    },
  });
  return body;
}
