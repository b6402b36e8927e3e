import { DataFactory, Writer } from 'n3';
import { DCT_DATE, RDF_TYPE, SDT, SDT_NS, XSD_DATE_TIME } from './terms';

/** One access to a pod by someone other than its owner, as journalled and logged. */
export interface AccessLogEntry {
  /** Unique id; the entry's IRI is `<audit document>#e-<id>`. */
  id: string;
  /** ISO 8601 time with milliseconds, UTC. */
  time: string;
  /** Root URL of the pod accessed. */
  pod: string;
  /** URL of the resource asked for. */
  target: string;
  /** WebID of the agent; absent for an anonymous request. */
  agent?: string;
  /** Client id of the access token; absent when there is none. */
  client?: string;
  /** ACL mode IRIs asked for. */
  modes: string[];
  outcome: 'Allowed' | 'Denied';
  /** IRI of the grant that allowed the request, when one did. */
  grant?: string;
}

/** URL of the audit resource an entry goes to: `<pod>audit/<YYYY-MM-DD>` (UTC day of the entry). */
export function getAuditDocumentUrl(entry: AccessLogEntry): string {
  return `${entry.pod}audit/${entry.time.slice(0, 10)}`;
}

const { literal, quad } = DataFactory;

/**
 * Returns an IRI safe to write between `<` and `>` in Turtle: normalised by the URL parser, with
 * the characters Turtle forbids in an IRI percent-encoded (agent WebIDs come from tokens).
 *
 * @throws TypeError when the value is not an absolute URL.
 */
export function toSafeIri(value: string): string {
  return new URL(value).href.replaceAll(
    /[\s"<>\\^`{|}]/gu,
    (character): string => `%${character.codePointAt(0)!.toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function namedNode(value: string): ReturnType<typeof DataFactory.namedNode> {
  return DataFactory.namedNode(toSafeIri(value));
}

/**
 * Serialises entries of one audit resource as Turtle (docs/grants.md "AccessLogEntry"), with the
 * prefixes repeated so that the text can be appended to what the resource already holds.
 */
export function writeAccessLogTurtle(document: string, entries: readonly AccessLogEntry[]): string {
  const writer = new Writer({
    prefixes: { sdt: SDT_NS, dct: 'http://purl.org/dc/terms/', acl: 'http://www.w3.org/ns/auth/acl#' },
  });
  for (const entry of entries) {
    const subject = namedNode(`${document}#e-${entry.id}`);
    writer.addQuad(quad(subject, namedNode(RDF_TYPE), namedNode(SDT.AccessLogEntry)));
    writer.addQuad(quad(subject, namedNode(DCT_DATE), literal(entry.time, namedNode(XSD_DATE_TIME))));
    if (entry.agent !== undefined) {
      writer.addQuad(quad(subject, namedNode(SDT.agent), namedNode(entry.agent)));
    }
    if (entry.client !== undefined) {
      writer.addQuad(quad(subject, namedNode(SDT.clientId), literal(entry.client)));
    }
    writer.addQuad(quad(subject, namedNode(SDT.target), namedNode(entry.target)));
    for (const mode of entry.modes) {
      writer.addQuad(quad(subject, namedNode(SDT.mode), namedNode(mode)));
    }
    writer.addQuad(
      quad(subject, namedNode(SDT.outcome), namedNode(entry.outcome === 'Allowed' ? SDT.Allowed : SDT.Denied)),
    );
    if (entry.grant !== undefined) {
      writer.addQuad(quad(subject, namedNode(SDT.grant), namedNode(entry.grant)));
    }
  }
  let text = '';
  writer.end((error: Error | null, result: string): void => {
    if (error) {
      throw error;
    }
    text = result;
  });
  return text;
}
