import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startTestPodServer, type TestPodServer } from '@sdt/test-utils';
import {
  ACCREDITED_RESEARCHERS_PATH,
  accreditResearcher,
  isAccreditedResearcher,
  listAccreditedResearchers,
  ResearchEngineAccount,
  revokeAccreditation,
  StudyError,
} from '@sdt/research';

type Session = Awaited<ReturnType<typeof loginAs>>;

describe('accredited researchers of a territory (real Lyon pod server)', () => {
  let lyon: TestPodServer;
  let engine: ResearchEngineAccount;
  let stranger: Session;
  const researcher = 'https://researcher.example/profile/card#me';
  const other = 'https://other.example/profile/card#me';

  beforeAll(async () => {
    lyon = await startTestPodServer({
      territory: 'lyon',
      citizens: [{ email: 'stranger@lyon.example', password: 'stranger-password', podName: 'stranger' }],
    });
    engine = await ResearchEngineAccount.open({ serverUrl: lyon.baseUrl, password: 'engine-password', create: true });
    stranger = await loginAs(lyon.baseUrl, 'stranger@lyon.example', 'stranger-password');
  }, 300_000);

  afterAll(async () => {
    await stranger?.close();
    await engine?.close();
    await lyon?.stop();
  });

  it('lists nobody before the territory accredits anyone', async () => {
    expect(await listAccreditedResearchers(engine)).toEqual([]);
    expect(await isAccreditedResearcher(engine, researcher)).toBe(false);
  });

  it('accredits researchers, idempotently, and lists them with the engine and the date', async () => {
    const now = new Date('2026-11-28T22:30:00.000Z');
    const first = await accreditResearcher(engine, researcher, now);
    expect(first).toEqual({ webId: researcher, since: now.toISOString(), accreditedBy: engine.webId });
    expect(await accreditResearcher(engine, researcher)).toEqual(first);
    await accreditResearcher(engine, other, now);
    expect((await listAccreditedResearchers(engine)).map((a) => a.webId)).toEqual([other, researcher]);
    expect(await isAccreditedResearcher(engine, researcher)).toBe(true);
    expect(await isAccreditedResearcher(engine, 'https://nobody.example/card#me')).toBe(false);
  });

  it('refuses a WebID that is not an http(s) URL, naming the field', async () => {
    const error = await accreditResearcher(engine, 'mailto:someone@example.org').catch((e: unknown) => e);
    expect(StudyError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid-study', field: 'webId' });
  });

  it('keeps the document for the engine only: anonymous and another account are refused', async () => {
    const url = `${engine.podUrl}${ACCREDITED_RESEARCHERS_PATH}`;
    const anonymous = await fetch(url);
    await anonymous.arrayBuffer();
    expect([401, 403]).toContain(anonymous.status);
    const asStranger = await stranger.fetch(url);
    await asStranger.arrayBuffer();
    expect([401, 403]).toContain(asStranger.status);
    const write = await stranger.fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'text/turtle' },
      body: `<${stranger.webId}> a <https://w3id.org/selfdata-territorial/ns#AccreditedResearcher> .`,
    });
    await write.arrayBuffer();
    expect([401, 403]).toContain(write.status);
    expect(await isAccreditedResearcher(engine, stranger.webId)).toBe(false);
  });

  it('revokes an accreditation; revoking again changes nothing', async () => {
    expect(await revokeAccreditation(engine, other)).toBe(true);
    expect(await revokeAccreditation(engine, other)).toBe(false);
    expect((await listAccreditedResearchers(engine)).map((a) => a.webId)).toEqual([researcher]);
    expect(await isAccreditedResearcher(engine, other)).toBe(false);
  });
});
