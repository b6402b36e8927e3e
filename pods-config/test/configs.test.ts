import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TERRITORIES } from '@sdt/vocab';
import { startPodServer, TERRITORY_SERVERS } from '@sdt/pods-config';
import { getFreePort } from '@sdt/test-utils';

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('the territory pod server configs', () => {
  it('use the default ports 3101, 3102 and 3103', () => {
    expect(TERRITORY_SERVERS.lyon.port).toBe(3101);
    expect(TERRITORY_SERVERS.nantes.port).toBe(3102);
    expect(TERRITORY_SERVERS.larochelle.port).toBe(3103);
  });

  for (const territory of TERRITORIES) {
    it(`boot for ${territory}, answer the account API and Solid-OIDC discovery, and listen on loopback only`, async () => {
      const root = await mkdtemp(path.join(tmpdir(), `sdt-config-${territory}-`));
      const port = await getFreePort();
      const server = await startPodServer({ territory, port, rootFilePath: root, loggingLevel: 'error' });
      try {
        expect(server.baseUrl).toBe(`http://localhost:${port}/`);
        const account = await fetch(`${server.baseUrl}.account/`);
        expect(account.status).toBe(200);
        expect(((await account.json()) as { controls: { account: { create: string } } }).controls.account.create).toMatch(/^http:\/\/localhost/);
        const oidc = await fetch(`${server.baseUrl}.well-known/openid-configuration`);
        expect(oidc.status).toBe(200);
        // Notifications by webhooks (several workers can run), not websockets.
        const webhooks = await fetch(`${server.baseUrl}.notifications/WebhookChannel2023/`);
        expect(webhooks.status).toBe(200);
        expect(await webhooks.text()).toContain('WebhookChannel2023');
        const websockets = await fetch(`${server.baseUrl}.notifications/WebSocketChannel2023/`);
        expect(websockets.status).not.toBe(200);
        await websockets.arrayBuffer();
        expect(await canConnect('127.0.0.1', port)).toBe(true);
        if (externalAddress) {
          expect(await canConnect(externalAddress, port)).toBe(false);
        }
      } finally {
        await server.stop();
        await rm(root, { recursive: true, force: true });
      }
    });
  }
});
