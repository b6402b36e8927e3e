/**
 * PROV-O description of an import, written into every resource it touched, and read back when a
 * later import merges with that resource. See README.md, "Provenance RDF".
 */
import type { Quad as RdfQuad } from 'n3';
import { DataFactory, type Quad } from 'n3';
import { DCT_NS, PROV, RDF, SCHEMA_NS, SDT, XSD } from '@sdt/vocab';
import type { Provenance } from '../types.ts';

const { namedNode, literal, quad } = DataFactory;

/** `dct:format`: the provider format id of the imported file. */
export const DCT_FORMAT = `${DCT_NS}format`;
/** `schema:name`: name of the source organisation and of the importer. */
export const SCHEMA_NAME = `${SCHEMA_NS}name`;
/** Fragments of import activities (and of the nodes describing them) start with this. */
export const ACTIVITY_PREFIX = 'import-';

/** One file's import, as written in PROV-O. */
export interface ImportActivity {
  /** Fragment of the activity node, e.g. `import-20251128T191000Z-a1b2c3-1`. */
  fragment: string;
  /** When the import started (ISO instant, UTC). */
  startedAt: string;
  provenance: Provenance;
}

/**
 * The quads describing one import activity inside the resource `resourceUrl`:
 * `<#import-…> a prov:Activity; prov:startedAtTime; prov:used <#import-…-file>; prov:wasAssociatedWith
 * <#import-…-importer>; sdt:importerVersion`, the file (`prov:Entity` with `sdt:fileName`, `sdt:sha256`,
 * `dct:format`, `prov:wasAttributedTo` the organisation) and the organisation (`prov:Organization`,
 * `schema:name`).
 */
export function activityQuads(resourceUrl: string, activity: ImportActivity): Quad[] {
  const node = (suffix: string): ReturnType<typeof namedNode> =>
    namedNode(`${resourceUrl}#${activity.fragment}${suffix}`);
  const iri = namedNode;
  const self = node('');
  const file = node('-file');
  const source = node('-source');
  const importer = node('-importer');
  const p = activity.provenance;
  return [
    quad(self, iri(RDF.type), iri(PROV.Activity)),
    quad(self, iri(PROV.startedAtTime), literal(activity.startedAt, iri(XSD.dateTime))),
    quad(self, iri(PROV.used), file),
    quad(self, iri(PROV.wasAssociatedWith), importer),
    quad(self, iri(SDT.importerVersion), literal(p.importerVersion)),
    quad(file, iri(RDF.type), iri(PROV.Entity)),
    quad(file, iri(SDT.fileName), literal(p.fileName)),
    quad(file, iri(SDT.sha256), literal(p.sha256)),
    quad(file, iri(DCT_FORMAT), literal(p.format)),
    quad(file, iri(PROV.wasAttributedTo), source),
    quad(source, iri(RDF.type), iri(PROV.Organization)),
    quad(source, iri(SCHEMA_NAME), literal(p.sourceOrganisation)),
    quad(importer, iri(RDF.type), iri(PROV.SoftwareAgent)),
    quad(importer, iri(SCHEMA_NAME), literal(p.importer)),
  ];
}

/** What a resource says about where its records came from. */
export interface ResourceProvenance {
  /** Record fragment -> fragment of the activity that generated it. */
  links: Map<string, string>;
  /** Activity fragment -> the quads describing it (activity, file, source, importer). */
  activities: Map<string, RdfQuad[]>;
}

/** Reads the provenance quads of a resource written by this importer (others are ignored). */
export function readResourceProvenance(quads: Iterable<RdfQuad>, resourceUrl: string): ResourceProvenance {
  const prefix = `${resourceUrl}#`;
  const activityPrefix = `${prefix}${ACTIVITY_PREFIX}`;
  const links = new Map<string, string>();
  const described = new Map<string, RdfQuad[]>();
  for (const q of quads) {
    const subject = q.subject.value;
    if (
      q.predicate.value === PROV.wasGeneratedBy &&
      subject.startsWith(prefix) &&
      q.object.value.startsWith(activityPrefix)
    ) {
      links.set(subject.slice(prefix.length), q.object.value.slice(prefix.length));
    } else if (subject.startsWith(activityPrefix)) {
      // `import-<id>-<n>`, `import-<id>-<n>-file`, ...: grouped by their activity fragment.
      const fragment = subject.slice(prefix.length).replace(/-(file|source|importer)$/, '');
      const list = described.get(fragment);
      if (list) list.push(q);
      else described.set(fragment, [q]);
    }
  }
  return { links, activities: described };
}
