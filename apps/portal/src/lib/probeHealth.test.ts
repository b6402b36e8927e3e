import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTerritories, getLoginUrl } from './describeTerritories.ts';
import { probeHealth } from './probeHealth.ts';

/** A real local HTTP server answering every request with `status`, or never answering when `status` is null. */
async function startServer(status: number | null): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    if (status === null) return; // hold the request open: the probe must give up on its own
    response.writeHead(status, { 'content-type': 'text/plain' }).end('pod server');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** A loopback URL on which nothing listens (a port just freed). */
async function getClosedPortUrl(): Promise<string> {
  const { server, url } = await startServer(200);
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return url;
}

describe('probeHealth', () => {
  const servers: Server[] = [];
  let okUrl = '';
  let unauthorizedUrl = '';
  let failingUrl = '';
  let silentUrl = '';
  let closedUrl = '';

  beforeAll(async () => {
    for (const [status, assign] of [
      [200, (url: string) => (okUrl = url)],
      [401, (url: string) => (unauthorizedUrl = url)],
      [503, (url: string) => (failingUrl = url)],
      [null, (url: string) => (silentUrl = url)],
    ] as const) {
      const { server, url } = await startServer(status);
      servers.push(server);
      assign(url);
    }
    closedUrl = await getClosedPortUrl();
  });

  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('reports a server answering 200 as online', async () => {
    expect(await probeHealth(okUrl, { timeoutMs: 5000 })).toBe('online');
  });

  it('reports a server asking for authentication as online', async () => {
    expect(await probeHealth(unauthorizedUrl, { timeoutMs: 5000 })).toBe('online');
  });

  it('reports a server answering 503 as offline', async () => {
    expect(await probeHealth(failingUrl, { timeoutMs: 5000 })).toBe('offline');
  });

  it('reports a closed port as offline', async () => {
    expect(await probeHealth(closedUrl, { timeoutMs: 5000 })).toBe('offline');
  });

  it('reports a server that never answers as offline once the timeout passes', async () => {
    expect(await probeHealth(silentUrl, { timeoutMs: 200 })).toBe('offline');
  });

  it('describes the three territories in order with their status and login page', async () => {
    const views = await describeTerritories({ lyon: okUrl, nantes: closedUrl, larochelle: failingUrl }, (url) =>
      probeHealth(url, { timeoutMs: 5000 }),
    );
    expect(views.map((view) => [view.id, view.name, view.status])).toEqual([
      ['lyon', 'Lyon', 'online'],
      ['nantes', 'Nantes', 'offline'],
      ['larochelle', 'La Rochelle', 'offline'],
    ]);
    expect(views[0]?.loginUrl).toBe(`${okUrl}.account/login/password/`);
  });
});

describe('getLoginUrl', () => {
  it('keeps the base path of a server that is not at the root of its host', () => {
    expect(getLoginUrl('https://pods.example/nantes/')).toBe('https://pods.example/nantes/.account/login/password/');
  });
});
