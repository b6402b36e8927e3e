/**
 * Merging imported records into one pod resource: one record per instant (readings) or id (trips),
 * the import winning over a different value already there, provenance kept per record.
 */
import type { Quad as RdfQuad } from 'n3';
import { DataFactory, Parser, Writer, type Quad } from 'n3';
import {
  DECIMALS,
  TURTLE_PREFIXES,
  contentToQuads,
  formatDecimal,
  idFragment,
  quadsToContent,
  readingFragment,
  type ResourceContent,
} from '@sdt/pod';
import { PROV_NS, PROV, type CategoryName, type Household, type Trip } from '@sdt/vocab';
import type { HouseholdFacts } from '../types.ts';
import { activityQuads, readResourceProvenance, type ImportActivity } from './provenance.ts';

const { namedNode, quad } = DataFactory;

/** Which resource: its category and, for time series, the series. */
export interface ResourceKind {
  category: CategoryName;
  series?: string;
}

/** One record of a resource with where it came from. */
export interface MergedRecord {
  item: unknown;
  /** The values as they are written (rounded), to tell a changed value from the same one. */
  signature: string;
  /** Fragment of the import activity that wrote it, if it came from an import. */
  activity: string | undefined;
}

/** A resource's records and provenance, as read from the pod or as staged so far. */
export interface ResourceState {
  /** Record fragment (`r20250102T2300Z`, a trip id, `dwelling`...) -> record. */
  records: Map<string, MergedRecord>;
  /** Descriptions of the activities the resource already names (kept while a record refers to them). */
  activities: Map<string, RdfQuad[]>;
}

/** What merging one batch did, per activity fragment. */
export interface MergeCounts {
  added: number;
  replaced: number;
  unchanged: number;
}

/** Fragment of a single resource's record. */
const SINGLE_FRAGMENT: Partial<Record<CategoryName, string>> = {
  household: 'household',
  income: 'statement',
  housing: 'dwelling',
};

/** Decimal places of each numeric field of a reading or trip (as `@sdt/pod` writes them). */
const FIELD_DIGITS: Record<string, number> = {
  kWh: DECIMALS.kWh,
  watts: DECIMALS.watts,
  volumeM3: DECIMALS.m3,
  meterIndexM3: DECIMALS.m3,
  conversionCoefficient: DECIMALS.coefficient,
  distanceKm: DECIMALS.km,
  co2Kg: DECIMALS.kg,
};

/** The fragment a record gets in its resource. */
export function recordFragment(kind: ResourceKind, item: unknown): string {
  const single = SINGLE_FRAGMENT[kind.category];
  if (single !== undefined) return single;
  if (kind.category === 'mobility') return idFragment((item as { id: string }).id);
  return readingFragment((item as { start: string }).start);
}

/** The values of a record as written (numbers rounded as `@sdt/pod` writes them), in a stable order. */
export function recordSignature(item: unknown): string {
  const record = item as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const value = record[key];
    if (value === undefined) continue;
    const digits = FIELD_DIGITS[key];
    parts.push(
      typeof value === 'number' && digits !== undefined
        ? `${key}=${formatDecimal(value, digits, key)}`
        : `${key}=${JSON.stringify(value)}`,
    );
  }
  return parts.join('|');
}

/** An empty resource state (the resource does not exist yet). */
export function emptyState(): ResourceState {
  return { records: new Map(), activities: new Map() };
}

/**
 * Reads a resource's Turtle into a merge state.
 *
 * @throws PodDataError when the resource holds records of the wrong shape; n3 errors on bad Turtle
 */
export function readState(kind: ResourceKind, url: string, turtle: string): ResourceState {
  const quads = new Parser({ baseIRI: url }).parse(turtle);
  const content = quadsToContent(kind, quads, url);
  const provenance = readResourceProvenance(quads, url);
  const state = emptyState();
  const add = (item: unknown): void => {
    const fragment = recordFragment(kind, item);
    state.records.set(fragment, { item, signature: recordSignature(item), activity: provenance.links.get(fragment) });
  };
  if ('readings' in content) content.readings.forEach(add);
  else if ('trips' in content) content.trips.forEach(add);
  else if ('record' in content) add(content.record);
  else throw new Error(`The import writer does not merge ${kind.category} resources.`);
  state.activities = provenance.activities;
  return state;
}

/**
 * Merges records into a state: a record whose instant (or id) is new is added; one with the same
 * values is left as it is (with its provenance); one with different values replaces the old one
 * (the newer import wins, and the record then links to the new activity).
 *
 * @param counts - per activity fragment, incremented
 */
export function mergeRecords(
  kind: ResourceKind,
  state: ResourceState,
  incoming: readonly { item: unknown; activity: string }[],
  counts: Map<string, MergeCounts>,
): void {
  for (const { item, activity } of incoming) {
    const fragment = recordFragment(kind, item);
    const signature = recordSignature(item);
    const count = counts.get(activity) ?? { added: 0, replaced: 0, unchanged: 0 };
    counts.set(activity, count);
    const existing = state.records.get(fragment);
    if (existing === undefined) {
      count.added += 1;
    } else if (existing.signature === signature) {
      count.unchanged += 1;
      continue;
    } else {
      count.replaced += 1;
    }
    state.records.set(fragment, { item, signature, activity });
  }
}

/**
 * Turns the household facts of a family-quotient answer into a household record, keeping the
 * district the pod already has (an answer does not give it) or the one given by the caller.
 *
 * @returns `undefined` when no district is known
 */
export function toHousehold(
  facts: HouseholdFacts,
  current: Household | undefined,
  district: string | undefined,
): Household | undefined {
  const chosen = current?.district ?? district;
  if (chosen === undefined || chosen === '') return undefined;
  return { size: facts.size, members: facts.members, district: chosen };
}

function contentOf(kind: ResourceKind, items: unknown[]): ResourceContent {
  // Items of one resource are of one month already (they were routed by their month).
  if (kind.category === 'mobility') return { category: 'mobility', series: 'trips', trips: items as Trip[] };
  if (kind.series !== undefined)
    return { category: kind.category, series: kind.series, readings: items } as ResourceContent;
  return { category: kind.category, record: items[0] } as ResourceContent;
}

/**
 * The quads of a resource: its records (`@sdt/pod` mapping), each record linked to the activity that
 * generated it (`prov:wasGeneratedBy`), the resource linked to every activity still referenced, and
 * the description of those activities.
 *
 * @param newActivities - activities of this import (by fragment), described from their provenance
 */
export function stateToQuads(
  kind: ResourceKind,
  url: string,
  state: ResourceState,
  newActivities: ReadonlyMap<string, ImportActivity>,
): Quad[] {
  const items = [...state.records.values()].map((record) => record.item);
  const recordQuads = contentToQuads(contentOf(kind, items), url);
  const wasGeneratedBy = namedNode(PROV.wasGeneratedBy);
  const linkOf = new Map<string, string>();
  for (const [fragment, record] of state.records) {
    if (record.activity !== undefined) linkOf.set(`${url}#${fragment}`, record.activity);
  }
  const referenced = [...new Set(linkOf.values())].sort();
  const out: Quad[] = referenced.map((activity) =>
    quad(namedNode(url), wasGeneratedBy, namedNode(`${url}#${activity}`)),
  );
  // Each record's link goes right after its own quads, so the Turtle keeps one block per record.
  for (let index = 0; index < recordQuads.length; index += 1) {
    const current = recordQuads[index]!;
    out.push(current);
    const subject = current.subject.value;
    if (recordQuads[index + 1]?.subject.value !== subject) {
      const activity = linkOf.get(subject);
      if (activity !== undefined) {
        out.push(
          quad(current.subject as ReturnType<typeof namedNode>, wasGeneratedBy, namedNode(`${url}#${activity}`)),
        );
        linkOf.delete(subject);
      }
    }
  }
  for (const activity of referenced) {
    const fresh = newActivities.get(activity);
    if (fresh !== undefined) out.push(...activityQuads(url, fresh));
    else for (const q of state.activities.get(activity) ?? []) out.push(q as Quad);
  }
  return out;
}

/** Writes quads as Turtle with the platform's prefixes and `prov:`, relative to the resource. */
export function writeTurtle(quads: readonly Quad[], url: string): string {
  const writer = new Writer({ prefixes: { ...TURTLE_PREFIXES, prov: PROV_NS }, baseIRI: url });
  writer.addQuads([...quads]);
  let output = '';
  let failure: unknown;
  writer.end((error, result) => {
    failure = error;
    output = result;
  });
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return output;
}
