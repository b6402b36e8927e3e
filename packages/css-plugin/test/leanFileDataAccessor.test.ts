import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: TestPodServer;
let owner: Awaited<ReturnType<typeof loginAs>>;
let folder: string;

beforeAll(async () => {
  server = await startTestPodServer({
    territory: 'nantes',
    citizens: [{ email: 'lean@files.example', password: 'lean-password', podName: 'lean' }],
  });
  owner = await loginAs(server.baseUrl, 'lean@files.example', 'lean-password');
  folder = path.join(server.rootFilePath, 'lean', 'scratch');
});

afterAll(async () => {
  await owner?.close();
  await server?.stop();
});

async function put(name: string, body: string, contentType: string): Promise<number> {
  const response = await owner.fetch(`${owner.podUrl}scratch/${name}`, {
    method: 'PUT',
    headers: { 'content-type': contentType },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

async function get(name: string): Promise<{ status: number; type: string | null; body: string }> {
  const response = await owner.fetch(`${owner.podUrl}scratch/${name}`);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

describe('the lean file data accessor', () => {
  it('finds a document after it is created, and not after it is deleted', async () => {
    expect(await get('note')).toMatchObject({ status: 404 });
    expect(await put('note', 'first', 'text/plain')).toBeLessThan(300);
    expect(await get('note')).toMatchObject({ status: 200, body: 'first' });
    const deleted = await owner.fetch(`${owner.podUrl}scratch/note`, { method: 'DELETE' });
    expect(deleted.status).toBeLessThan(300);
    expect(await get('note')).toMatchObject({ status: 404 });
    expect(await put('note', 'second', 'text/plain')).toBeLessThan(300);
    expect(await get('note')).toMatchObject({ status: 200, body: 'second' });
  });

  it('keeps the content type of an unknown media type in a metadata file, and removes that file when no longer needed', async () => {
    expect(await put('blob', 'opaque', 'application/x-sdt-test')).toBeLessThan(300);
    expect(await get('blob')).toMatchObject({ status: 200, type: 'application/x-sdt-test', body: 'opaque' });
    expect(await readdir(folder)).toContain('blob.meta');

    expect(await put('blob', 'plain now', 'text/plain')).toBeLessThan(300);
    const plain = await get('blob');
    expect(plain).toMatchObject({ status: 200, body: 'plain now' });
    expect(plain.type).toMatch(/^text\/plain/);
    expect((await readdir(folder)).filter((file) => file.startsWith('blob'))).toEqual(['blob$.txt']);
  });

  it('leaves no metadata file behind when a document is deleted', async () => {
    expect(await put('gone', 'soon', 'application/x-sdt-test')).toBeLessThan(300);
    expect(await readdir(folder)).toContain('gone.meta');
    await (await owner.fetch(`${owner.podUrl}scratch/gone`, { method: 'DELETE' })).arrayBuffer();
    expect((await readdir(folder)).filter((file) => file.startsWith('gone'))).toEqual([]);
    expect(await get('gone')).toMatchObject({ status: 404 });
  });

  it('serves Turtle documents and their updates', async () => {
    expect(await put('data.ttl', '<#a> <#b> "c".', 'text/turtle')).toBeLessThan(300);
    const patch = await owner.fetch(`${owner.podUrl}scratch/data.ttl`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/sparql-update' },
      body: 'INSERT DATA { <#a> <#b> "d". }',
    });
    expect(patch.status).toBeLessThan(300);
    const read = await get('data.ttl');
    expect(read.status).toBe(200);
    expect(read.body).toContain('"d"');
    expect(read.body).toContain('"c"');
  });
});
