import 'server-only';
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import { Parser, Writer, DataFactory, type Quad } from 'n3';
import { LAYOUT, sendRequest } from '@sdt/pod';
import { buildZipEntryPath } from '../lib/exportNaming.ts';
import type { CitizenSession } from './auth.ts';

const LDP_CONTAINS = 'http://www.w3.org/ns/ldp#contains';
/** At most this many resources per export (a bound against a pod that loops or grows without end). */
const MAX_RESOURCES = 20_000;

/** The folders and resources an export covers, relative to the pod root. */
const ROOTS = [LAYOUT.catalog, LAYOUT.profile, LAYOUT.data, LAYOUT.grants, LAYOUT.audit] as const;

async function readTurtle(citizen: CitizenSession, url: string): Promise<string | undefined> {
  const response = await sendRequest(citizen.fetch, url, { headers: { accept: 'text/turtle' } }, [200, 401, 403, 404]);
  if (response.status !== 200) {
    await response.arrayBuffer();
    return undefined;
  }
  return response.text();
}

/**
 * Streams the citizen's pod as a ZIP (GDPR art. 20): one Turtle file per resource under `pod/`
 * (catalogue, profile, data with its provenance, grants, access log), a `pod.trig` with every resource
 * as a named graph, and a `manifest.json`. Containers are walked through `ldp:contains`; resources the
 * owner cannot read (there should be none) are listed as skipped in the manifest.
 *
 * @param citizen - the signed-in owner
 * @returns a byte stream of the ZIP
 */
export function exportPod(citizen: CitizenSession): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const zip = new Zip((error, chunk, final) => {
        if (error) {
          controller.error(error);
          return;
        }
        controller.enqueue(chunk);
        if (final) controller.close();
      });
      const addFile = (name: string, text: string): void => {
        const file = new ZipDeflate(name, { level: 6 });
        zip.add(file);
        file.push(strToU8(text), true);
      };
      const graphs: Quad[] = [];
      const files: string[] = [];
      const skipped: string[] = [];
      try {
        const queue: string[] = ROOTS.map((path) => `${citizen.podUrl}${path}`);
        const seen = new Set<string>();
        while (queue.length > 0 && seen.size < MAX_RESOURCES) {
          const url = queue.shift()!;
          if (seen.has(url) || !url.startsWith(citizen.podUrl)) continue;
          seen.add(url);
          const text = await readTurtle(citizen, url);
          const entry = buildZipEntryPath(url, citizen.podUrl);
          if (text === undefined || !entry) {
            skipped.push(url);
            continue;
          }
          let quads: Quad[] = [];
          try {
            quads = new Parser({ baseIRI: url }).parse(text);
          } catch {
            // Kept as it is in the ZIP, left out of the TriG file.
          }
          if (url.endsWith('/')) {
            for (const quad of quads) {
              if (quad.predicate.value === LDP_CONTAINS && quad.subject.value === url) queue.push(quad.object.value);
            }
          }
          addFile(entry, text);
          files.push(entry);
          const graph = DataFactory.namedNode(url);
          for (const quad of quads) graphs.push(DataFactory.quad(quad.subject, quad.predicate, quad.object, graph));
        }
        const writer = new Writer({ format: 'application/trig' });
        writer.addQuads(graphs);
        const trig = await new Promise<string>((resolve, reject) =>
          writer.end((error, result) => (error ? reject(error) : resolve(result))),
        );
        addFile('pod.trig', trig);
        addFile(
          'manifest.json',
          `${JSON.stringify(
            {
              exportedAt: new Date().toISOString(),
              pod: citizen.podUrl,
              webId: citizen.webId,
              format: { files: 'text/turtle', dataset: 'application/trig (one named graph per resource)' },
              files,
              skipped,
            },
            null,
            2,
          )}\n`,
        );
        zip.end();
      } catch (error: unknown) {
        controller.error(error);
      }
    },
  });
}
