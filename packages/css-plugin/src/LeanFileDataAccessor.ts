import { existsSync } from 'node:fs';
import { rm, unlink } from 'node:fs/promises';
import type {
  FileIdentifierMapper,
  RepresentationMetadata,
  ResourceIdentifier,
  ResourceLink,
} from '@solid/community-server';
import {
  CONTENT_TYPE_TERM,
  createErrorMessage,
  DC,
  ExtensionBasedMapper,
  FileDataAccessor,
  isContainerIdentifier,
  LDP,
  RDF,
  serializeQuads,
  TEXT_TURTLE,
} from '@solid/community-server';

/**
 * CSS's {@link FileDataAccessor}, with cheaper handling of a document's metadata file.
 *
 * CSS stores a document's metadata in `<name>.meta` (Turtle). To find that file, CSS's
 * `ExtensionBasedMapper` lists the whole parent folder (it looks for `<name>.meta` or
 * `<name>.meta$.<ext>`), and to remove it CSS uses a recursive `rm`. Both happen on every document
 * write without extra metadata (the metadata file is removed) and on every lookup of a missing
 * document (dangling metadata is cleaned up). This accessor asks the mapper for the metadata path
 * with its known content type (Turtle, so no folder listing) and removes it with one `unlink`.
 * Containers, other mappers and anything else keep CSS's behaviour.
 */
export class LeanFileDataAccessor extends FileDataAccessor {
  /** @param resourceMapper - Maps identifiers to files (as for FileDataAccessor). */
  public constructor(resourceMapper: FileIdentifierMapper) {
    super(resourceMapper);
  }

  protected override async cleanupDanglingMetadata(identifier: ResourceIdentifier): Promise<void> {
    const metadataPath = await this.documentMetadataPath(identifier);
    if (metadataPath === undefined) {
      return super.cleanupDanglingMetadata(identifier);
    }
    try {
      await removeFileIfPresent(metadataPath);
    } catch (error: unknown) {
      this.logger.error(`Failed to remove dangling metadata for ${identifier.path}: ${createErrorMessage(error)}`);
    }
  }

  protected override async writeMetadataFile(link: ResourceLink, metadata: RepresentationMetadata): Promise<boolean> {
    const metadataPath = await this.documentMetadataPath(link.identifier);
    if (metadataPath === undefined) {
      return super.writeMetadataFile(link, metadata);
    }
    // As in CSS: these are stored by file system conventions.
    metadata.remove(RDF.terms.type, LDP.terms.Resource);
    metadata.remove(RDF.terms.type, LDP.terms.Container);
    metadata.remove(RDF.terms.type, LDP.terms.BasicContainer);
    metadata.removeAll(DC.terms.modified);
    // A supported media type is restored from the file extension; keep only unsupported ones.
    if (typeof link.contentType !== 'undefined') {
      metadata.removeAll(CONTENT_TYPE_TERM);
    }
    const quads = metadata.quads();
    if (quads.length > 0) {
      await this.writeDataFile(metadataPath, serializeQuads(quads, TEXT_TURTLE));
      return true;
    }
    await removeFileIfPresent(metadataPath);
    return false;
  }

  /** Path of a document's metadata file, without listing its folder; `undefined` to use CSS's way. */
  private async documentMetadataPath(identifier: ResourceIdentifier): Promise<string | undefined> {
    if (isContainerIdentifier(identifier) || !(this.resourceMapper instanceof ExtensionBasedMapper)) {
      return undefined;
    }
    // With the content type given, the mapper only appends `$.<ext>` when the name's own extension
    // (`.meta`, Turtle) disagrees: it never does here, so the path is `<name>.meta`.
    const link = await this.resourceMapper.mapUrlToFilePath(identifier, true, TEXT_TURTLE);
    return link.filePath.endsWith('.meta') ? link.filePath : undefined;
  }
}

async function removeFileIfPresent(filePath: string): Promise<void> {
  // Usually there is no such file: a synchronous existence check (one cached `stat`, no thrown
  // ENOENT error to build) is far cheaper than a failing asynchronous unlink.
  if (!existsSync(filePath)) {
    return;
  }
  try {
    await unlink(filePath);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return;
    }
    if (code === 'EISDIR' || code === 'EPERM') {
      // Not a file after all: remove it as CSS would.
      await rm(filePath, { recursive: true, force: true });
      return;
    }
    throw error;
  }
}
