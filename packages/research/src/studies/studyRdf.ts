// Typings of shacl-engine (it ships none) come from @sdt/vocab.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../../vocab/src/shacl/shacl-engine.d.ts" />
import { readFileSync } from 'node:fs';
import type * as RDF from '@rdfjs/types';
import { DataFactory, Parser, Store, Writer } from 'n3';
import { Validator } from 'shacl-engine';
import {
  CATEGORIES,
  DCT_NS,
  DPV_NS,
  EU_GDPR_NS,
  LEGAL_BASES,
  RDF_NS,
  SDT_NS,
  XSD_NS,
  isCategoryName,
  type CategoryName,
} from '@sdt/vocab';
import type { AggregateBounds } from '../privacy/noise.ts';
import { LOWEST_MINIMUM_GROUP_SIZE, STUDY_PURPOSES, type Study, type StudyDescription } from './Study.ts';
import { StudyError } from './StudyError.ts';

const { namedNode, literal, quad, blankNode } = DataFactory;
const T = (local: string): string => `${SDT_NS}${local}`;
const XSD = (local: string): RDF.NamedNode => namedNode(`${XSD_NS}${local}`);
const SLUG = /^[a-z0-9][a-z0-9-]{2,59}$/u;
/** Field names of `StudyDescription` for the predicates whose local name differs. */
const FIELD_OF_PREDICATE: Readonly<Record<string, string>> = {
  hasPurpose: 'purpose',
  hasLegalBasis: 'legalBasis',
  forCategory: 'categories',
  groupKeyPredicate: 'groupKeyPredicates',
  timestampPredicate: 'timestampPredicates',
  clippingBound: 'clippingBounds',
  researchEngine: 'engineWebId',
  clientId: 'engineClientId',
  replyTo: 'engineInbox',
};

/** The subject of a study in its registry document: `<registry>studies/<slug>#study`. */
export function studyIri(registryUrl: string, slug: string): string {
  return `${registryUrl}studies/${slug}#study`;
}

/** The study's quads, subject `iri`. */
export function studyToQuads(study: StudyDescription, iri: string): RDF.Quad[] {
  const s = namedNode(iri);
  const p = (local: string, ns = SDT_NS): RDF.NamedNode => namedNode(`${ns}${local}`);
  const out: RDF.Quad[] = [
    quad(s, namedNode(`${RDF_NS}type`), p('Study')),
    quad(s, p('title', DCT_NS), literal(study.title.fr, 'fr')),
    quad(s, p('title', DCT_NS), literal(study.title.en, 'en')),
    quad(s, p('description', DCT_NS), literal(study.description.fr, 'fr')),
    quad(s, p('description', DCT_NS), literal(study.description.en, 'en')),
    quad(s, p('team'), literal(study.team)),
    quad(s, p('institution'), literal(study.institution)),
    ...(study.researchers ?? []).map((r) => quad(s, p('researcher'), namedNode(r))),
    quad(s, p('hasPurpose', DPV_NS), namedNode(study.purpose)),
    quad(s, p('hasLegalBasis', DPV_NS), namedNode(study.legalBasis)),
    ...study.categories.map((c) => quad(s, p('forCategory'), namedNode(CATEGORIES[c].iri))),
    quad(s, p('endDate'), literal(study.endDate, XSD('dateTime'))),
    quad(s, p('minimumGroupSize'), literal(String(study.minimumGroupSize), XSD('integer'))),
    quad(s, p('privacyBudget'), literal(String(study.privacyBudget), XSD('double'))),
    quad(s, p('queryEpsilon'), literal(String(study.queryEpsilon), XSD('double'))),
    quad(s, p('usesNoise'), literal(String(study.usesNoise), XSD('boolean'))),
    ...study.groupKeyPredicates.map((g) => quad(s, p('groupKeyPredicate'), namedNode(g))),
    ...study.timestampPredicates.map((g) => quad(s, p('timestampPredicate'), namedNode(g))),
    quad(s, p('maxGroupsPerPod'), literal(String(study.maxGroupsPerPod), XSD('integer'))),
    quad(s, p('researchEngine'), namedNode(study.engineWebId)),
    quad(s, p('clientId'), literal(study.engineClientId)),
    quad(s, p('replyTo'), namedNode(study.engineInbox)),
    quad(s, p('created', DCT_NS), literal(study.created, XSD('dateTime'))),
  ];
  for (const [variable, bounds] of Object.entries(study.clippingBounds)) {
    const b = blankNode();
    out.push(quad(s, p('clippingBound'), b), quad(b, p('aggregateVariable'), literal(variable)));
    if (bounds.lower !== undefined) out.push(quad(b, p('lowerBound'), literal(String(bounds.lower), XSD('double'))));
    if (bounds.upper !== undefined) out.push(quad(b, p('upperBound'), literal(String(bounds.upper), XSD('double'))));
    if (bounds.maxCount !== undefined)
      out.push(quad(b, p('maxCount'), literal(String(bounds.maxCount), XSD('integer'))));
  }
  return out;
}

/** The study as Turtle (relative to its document: subject `<#study>`). */
export function studyToTurtle(study: StudyDescription, documentUrl: string): string {
  const writer = new Writer({
    baseIRI: documentUrl,
    prefixes: { sdt: SDT_NS, dct: DCT_NS, dpv: DPV_NS, 'eu-gdpr': EU_GDPR_NS, xsd: XSD_NS },
  });
  writer.addQuads(studyToQuads(study, `${documentUrl}#study`));
  let out = '';
  writer.end((error, result: string) => {
    if (error) throw error;
    out = result;
  });
  return out;
}

let shapes: Store | undefined;
function loadShapes(): Store {
  shapes ??= new Store(
    // The URL is built at run time so that a bundler (Turbopack, for the portal's server code) does not
    // take the file for an asset: `import.meta.url` stays this source file's URL there (as in @sdt/vocab).
    new Parser().parse(
      readFileSync(new URL(['..', '..', 'shapes', 'StudyShape.ttl'].join('/'), import.meta.url), 'utf8'),
    ),
  );
  return shapes;
}

/**
 * Checks a study: the SHACL shape `shapes/StudyShape.ttl`, then the rules SHACL cannot say (slug,
 * k never below 5, end date ahead, categories of the catalogue, known legal basis, bounds ordered).
 * @throws StudyError `invalid-study` naming the field at fault
 */
export async function validateStudy(study: StudyDescription, now: Date = new Date()): Promise<void> {
  const fail = (field: string, message: string): never => {
    throw new StudyError('invalid-study', `Study ${field}: ${message}`, { field });
  };
  if (!SLUG.test(study.slug)) fail('slug', 'use 3 to 60 lowercase letters, digits and dashes.');
  const data = new Store(studyToQuads(study, `urn:sdt:study:${study.slug}`));
  const factory = { ...DataFactory, dataset: (): Store => new Store() };
  const validator = new Validator(loadShapes(), { factory });
  const report = await validator.validate({ dataset: data });
  if (!report.conforms) {
    const first = report.results[0];
    const path = first?.path?.[0]?.predicates[0]?.value ?? 'study';
    const local = path.replace(/^.*[#/]/u, '');
    const field = FIELD_OF_PREDICATE[local] ?? local;
    fail(field, first?.message[0]?.value ?? 'does not conform to StudyShape.');
  }
  if (!Number.isInteger(study.minimumGroupSize) || study.minimumGroupSize < LOWEST_MINIMUM_GROUP_SIZE)
    fail('minimumGroupSize', `k must be an integer of at least ${LOWEST_MINIMUM_GROUP_SIZE}.`);
  if (!(STUDY_PURPOSES as readonly string[]).includes(study.purpose))
    fail('purpose', 'must be dpv:ScientificResearch or dpv:ProvideOfficialStatistics.');
  if (!(LEGAL_BASES as readonly string[]).includes(study.legalBasis))
    fail('legalBasis', 'not a legal basis of the platform.');
  for (const c of study.categories) if (!isCategoryName(c)) fail('categories', `unknown category "${String(c)}".`);
  if (Number.isNaN(Date.parse(study.endDate))) fail('endDate', 'not an ISO date-time.');
  if (Date.parse(study.endDate) <= now.getTime()) fail('endDate', 'the end date has passed.');
  if (study.queryEpsilon > study.privacyBudget) fail('queryEpsilon', 'larger than the whole privacy budget.');
  for (const [variable, bounds] of Object.entries(study.clippingBounds)) {
    if (bounds.lower !== undefined && bounds.upper !== undefined && bounds.lower > bounds.upper)
      fail('clippingBounds', `lower bound above upper bound for ?${variable}.`);
  }
}

function one(store: Store, s: RDF.Term, p: string): RDF.Term | undefined {
  return store.getObjects(s, namedNode(p), null)[0];
}

/**
 * Reads a study from its registry document.
 * @throws StudyError `unknown-study` when the document has no `sdt:Study` at `iri`
 */
export function parseStudy(turtle: string, documentUrl: string, iri = `${documentUrl}#study`): Study {
  const store = new Store(new Parser({ baseIRI: documentUrl }).parse(turtle));
  const s = namedNode(iri);
  if (!store.has(quad(s, namedNode(`${RDF_NS}type`), namedNode(T('Study')))))
    throw new StudyError('unknown-study', `No study ${iri} in ${documentUrl}.`);
  const text = (p: string): string => one(store, s, p)?.value ?? '';
  const lang = (p: string, l: string): string =>
    store.getObjects(s, namedNode(p), null).find((o) => o.termType === 'Literal' && o.language === l)?.value ?? '';
  const num = (p: string): number => Number(text(p));
  const clippingBounds: Record<string, AggregateBounds> = {};
  for (const b of store.getObjects(s, namedNode(T('clippingBound')), null)) {
    const variable = one(store, b, T('aggregateVariable'))?.value;
    if (variable === undefined) continue;
    const value = (p: string): number | undefined => {
      const v = one(store, b, T(p))?.value;
      return v === undefined ? undefined : Number(v);
    };
    const lower = value('lowerBound');
    const upper = value('upperBound');
    const maxCount = value('maxCount');
    clippingBounds[variable] = {
      ...(lower === undefined ? {} : { lower }),
      ...(upper === undefined ? {} : { upper }),
      ...(maxCount === undefined ? {} : { maxCount }),
    };
  }
  const categories = store
    .getObjects(s, namedNode(T('forCategory')), null)
    .map((o) => o.value.slice(SDT_NS.length))
    .filter((name): name is CategoryName => isCategoryName(name));
  return {
    iri,
    slug: documentUrl.replace(/\/$/u, '').replace(/^.*\//u, ''),
    title: { fr: lang(`${DCT_NS}title`, 'fr'), en: lang(`${DCT_NS}title`, 'en') },
    description: { fr: lang(`${DCT_NS}description`, 'fr'), en: lang(`${DCT_NS}description`, 'en') },
    team: text(T('team')),
    institution: text(T('institution')),
    researchers: store.getObjects(s, namedNode(T('researcher')), null).map((o) => o.value),
    purpose: text(`${DPV_NS}hasPurpose`),
    legalBasis: text(`${DPV_NS}hasLegalBasis`),
    categories,
    endDate: text(T('endDate')),
    minimumGroupSize: num(T('minimumGroupSize')),
    privacyBudget: num(T('privacyBudget')),
    queryEpsilon: num(T('queryEpsilon')),
    usesNoise: text(T('usesNoise')) === 'true',
    groupKeyPredicates: store.getObjects(s, namedNode(T('groupKeyPredicate')), null).map((o) => o.value),
    timestampPredicates: store.getObjects(s, namedNode(T('timestampPredicate')), null).map((o) => o.value),
    clippingBounds,
    maxGroupsPerPod: num(T('maxGroupsPerPod')),
    engineWebId: text(T('researchEngine')),
    engineClientId: text(T('clientId')),
    engineInbox: text(T('replyTo')),
    created: text(`${DCT_NS}created`),
  };
}
