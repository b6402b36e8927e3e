import type { CredentialsExtractor, OperationHttpHandlerInput, ResponseDescription } from '@solid/community-server';
import {
  BadRequestHttpError,
  BasicRepresentation,
  guardedStreamFrom,
  NotImplementedHttpError,
  OperationHttpHandler,
  generateHttpErrorClass,
  UnsupportedMediaTypeHttpError,
} from '@solid/community-server';
import { Parser } from 'n3';
import type { PodRegistry } from './PodRegistry';
import { LAYOUT_PATHS } from './terms';

// CSS 7 has a 413 error class but does not export it.
const PayloadTooLargeHttpError = generateHttpErrorClass(413, 'PayloadHttpError');

const CHECKED_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Guards what is written into a pod's `inbox/`, after authorization: a POST or PUT body must be
 * `text/turtle` (415 otherwise), at most `maxBytes` (413, 64 KiB by default; the declared length
 * is checked before anything is read), not be empty and parse as Turtle (400 naming the line).
 * Only the owner may PATCH there or PUT a container. Bodies that pass are handed on to `source`.
 */
export class InboxLimitsHandler extends OperationHttpHandler {
  /**
   * @param source - Handles the operation once checked (CSS's POST, PUT and PATCH handlers).
   * @param pods - Finds the pod of a resource and its owners.
   * @param credentialsExtractor - CSS's (per-request cached) credentials extractor.
   * @param maxBytes - Largest body accepted, 65,536 bytes by default.
   */
  public constructor(
    private readonly source: OperationHttpHandler,
    private readonly pods: PodRegistry,
    private readonly credentialsExtractor: CredentialsExtractor,
    private readonly maxBytes = 64 * 1024,
  ) {
    super();
  }

  public override async canHandle({ operation }: OperationHttpHandlerInput): Promise<void> {
    if (CHECKED_METHODS.has(operation.method)) {
      const pod = await this.pods.findPod(operation.target);
      if (pod && operation.target.path.startsWith(`${pod.root}${LAYOUT_PATHS.inbox}`)) {
        return;
      }
    }
    throw new NotImplementedHttpError('Only writes into an inbox are checked here.');
  }

  public override async handle(input: OperationHttpHandlerInput): Promise<ResponseDescription> {
    const { operation, request } = input;
    // PATCH, and PUT of a container (the inbox itself, made by the layout), are the owner's alone.
    if (operation.method === 'PATCH' || (operation.method === 'PUT' && operation.target.path.endsWith('/'))) {
      const pod = await this.pods.findPod(operation.target);
      const credentials = await this.credentialsExtractor.handleSafe(request);
      if (!pod || !this.pods.isOwner(pod, credentials.agent?.webId)) {
        throw new UnsupportedMediaTypeHttpError(
          'An inbox accepts text/turtle documents by POST or PUT; only its owner may PATCH it or create containers in it.',
        );
      }
      return this.source.handleSafe(input);
    }
    const contentType = operation.body.metadata.contentType;
    if (contentType !== 'text/turtle') {
      throw new UnsupportedMediaTypeHttpError(
        `An inbox accepts text/turtle only, not ${contentType ?? 'a body without content type'}.`,
      );
    }
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxBytes) {
      throw new PayloadTooLargeHttpError(
        `An inbox accepts bodies of at most ${this.maxBytes} bytes; this one declares ${declared}.`,
      );
    }
    const body = await this.readBounded(operation.body.data);
    const text = body.toString('utf8');
    if (text.trim().length === 0) {
      throw new BadRequestHttpError('An inbox does not accept an empty body.');
    }
    try {
      new Parser({ baseIRI: operation.target.path, format: 'text/turtle' }).parse(text);
    } catch (error: unknown) {
      throw new BadRequestHttpError(`The body is not valid Turtle: ${(error as Error).message}`);
    }
    const checked = new BasicRepresentation(guardedStreamFrom([body]), operation.body.metadata, true);
    return this.source.handleSafe({ ...input, operation: { ...operation, body: checked } });
  }

  private async readBounded(data: AsyncIterable<unknown>): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of data) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      if (size > this.maxBytes) {
        throw new PayloadTooLargeHttpError(`An inbox accepts bodies of at most ${this.maxBytes} bytes.`);
      }
      chunks.push(buffer);
    }
    return Buffer.concat(chunks);
  }
}
