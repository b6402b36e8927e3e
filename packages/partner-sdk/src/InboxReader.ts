import { Parser, type Quad } from 'n3';
import { GrantsError, readConsentReceipt, type ConsentReceipt } from '@sdt/grants';
import { LDP, RDF, SDT } from '@sdt/vocab';
import { PartnerError } from './PartnerError.ts';

/**
 * Reads the consent receipts of a partner's inbox incrementally: receipts are immutable inbox items,
 * so each is fetched once; a refresh costs one container read plus the new items only (the inbox of a
 * busy service grows with every answer).
 */
export class InboxReader {
  private readonly seen = new Set<string>();

  /**
   * @param inboxUrl - the partner's inbox container
   * @param fetchFn - authenticated as the partner (owner of the inbox)
   */
  public constructor(
    private readonly inboxUrl: string,
    private readonly fetchFn: typeof globalThis.fetch,
  ) {}

  private async getTurtle(url: string): Promise<Quad[] | undefined> {
    let response: Response;
    try {
      response = await this.fetchFn(url, { headers: { accept: 'text/turtle' } });
    } catch (error: unknown) {
      throw new PartnerError('server', `GET ${url} failed: the server cannot be reached.`, { cause: error });
    }
    if (response.status === 404) {
      await response.arrayBuffer();
      return undefined;
    }
    if (!response.ok) {
      await response.arrayBuffer();
      throw new PartnerError(
        response.status === 401 || response.status === 403 ? 'auth' : 'server',
        `GET ${url} answered ${response.status}.`,
        {
          statusCode: response.status,
        },
      );
    }
    return new Parser({ baseIRI: url }).parse(await response.text());
  }

  /**
   * The receipts that arrived since the last call (all of them on the first call). Items that are not
   * receipts (or not readable as such) are skipped once and for all.
   *
   * @throws PartnerError `auth` / `server` when the inbox cannot be listed
   */
  public async readNew(): Promise<ConsentReceipt[]> {
    const listing = (await this.getTurtle(this.inboxUrl)) ?? [];
    const members = listing
      .filter((quad) => quad.subject.value === this.inboxUrl && quad.predicate.value === LDP.contains)
      .map((quad) => quad.object.value)
      .filter((url) => !url.endsWith('/') && !this.seen.has(url));
    const receipts: ConsentReceipt[] = [];
    for (const url of members) {
      let quads: Quad[] | undefined;
      try {
        quads = await this.getTurtle(url);
      } catch (error: unknown) {
        if (PartnerError.isInstance(error) && error.code === 'server' && error.statusCode === undefined) throw error;
        // Unreadable item (e.g. not Turtle): not a receipt.
      }
      this.seen.add(url);
      if (!quads) continue;
      const subjects = new Set(
        quads
          .filter((q) => q.predicate.value === RDF.type && q.object.value === SDT.ConsentReceipt)
          .map((q) => q.subject.value),
      );
      for (const iri of subjects) {
        try {
          receipts.push(readConsentReceipt(quads, iri, url));
        } catch (error: unknown) {
          if (!GrantsError.isInstance(error)) throw error;
          // A malformed receipt is ignored, as listAnswers does.
        }
      }
    }
    return receipts;
  }
}
