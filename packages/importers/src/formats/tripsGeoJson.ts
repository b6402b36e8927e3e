/**
 * Trips as GeoJSON (RFC 7946): a FeatureCollection of LineString (or MultiLineString) features,
 * one per trip, with properties `mode`, `start` (or `departure`, `start_time`) and `end` (or
 * `arrival`, `end_time`) as ISO date-times, and optionally `distance_km` (or `distanceKm`) or
 * `distance_m`. Without a distance, it is the haversine length of the line.
 */
import type { LonLat } from '../geo.ts';
import { feedJson } from '../json/readJson.ts';
import { JsonStreamReader } from '../json/JsonStreamReader.ts';
import { fail, isMissing, readObject, type Location } from '../values.ts';
import { addTrip } from './buildTrip.ts';
import type { FormatContext, FormatDefinition } from './FormatDefinition.ts';

const FEATURES_PATH = '$.features';

/** The trips GeoJSON format. */
export const tripsGeoJson: FormatDefinition = {
  id: 'trips-geojson',
  label: 'Trips GeoJSON (FeatureCollection of LineStrings)',
  organisation: 'Application de suivi des trajets',
  matches: (head) => /"type"\s*:\s*"FeatureCollection"/.test(head),
  parse: parseTripsGeoJson,
};

async function* parseTripsGeoJson(
  text: AsyncIterable<string>,
  context: FormatContext,
): AsyncGenerator<void, void, undefined> {
  const { file, sink } = context;
  const reader = new JsonStreamReader({
    file,
    streamedArrays: [FEATURES_PATH],
    onElement: (element, _path, index) => {
      const location: Location = { file, jsonPath: `${FEATURES_PATH}[${index}]` };
      const feature = readObject(element, location, undefined);
      if (feature.type !== 'Feature')
        fail(location, 'invalid-structure', 'type', 'each element of "features" must be a "Feature"');
      const properties = readObject(feature.properties, location, 'properties');
      const at: Location = { file, jsonPath: `${location.jsonPath}.properties` };
      const lines = isMissing(feature.geometry)
        ? undefined
        : readLines(feature.geometry, { file, jsonPath: `${location.jsonPath}.geometry` });
      const pick = (...names: string[]): [string, unknown] => {
        for (const name of names) if (!isMissing(properties[name])) return [name, properties[name]];
        return [names[0] as string, undefined];
      };
      const [modeName, mode] = pick('mode');
      const [departureName, departure] = pick('start', 'departure', 'start_time', 'startTime');
      const [arrivalName, arrival] = pick('end', 'arrival', 'end_time', 'endTime');
      const [distanceName, distanceKm] = pick('distance_km', 'distanceKm');
      addTrip(
        {
          mode,
          departure,
          arrival,
          distanceKm,
          distanceM: properties.distance_m,
          ...(lines === undefined ? {} : { lines }),
        },
        { mode: modeName, departure: departureName, arrival: arrivalName, distance: distanceName },
        at,
        sink,
        index,
      );
    },
    onTopLevel: (root) => {
      const document = readObject(root, { file, jsonPath: '$' }, undefined);
      if (document.type !== 'FeatureCollection')
        fail({ file, jsonPath: '$' }, 'invalid-structure', 'type', 'a GeoJSON "FeatureCollection" was expected');
      if (!Array.isArray(document.features))
        fail({ file, jsonPath: '$' }, 'missing-field', 'features', 'the "features" array is missing');
    },
  });
  yield* feedJson(text, reader);
}

/** The lines of a LineString / MultiLineString geometry, checked. */
function readLines(raw: unknown, location: Location): LonLat[][] {
  const geometry = readObject(raw, location, 'geometry');
  const lines: unknown[] =
    geometry.type === 'LineString'
      ? [geometry.coordinates]
      : geometry.type === 'MultiLineString' && Array.isArray(geometry.coordinates)
        ? geometry.coordinates
        : fail(location, 'invalid-structure', 'type', 'the geometry must be a LineString or MultiLineString');
  return lines.map((line) => {
    if (!Array.isArray(line))
      fail(location, 'invalid-structure', 'coordinates', 'coordinates must be an array of positions');
    return line.map((position: unknown): LonLat => {
      if (
        !Array.isArray(position) ||
        position.length < 2 ||
        typeof position[0] !== 'number' ||
        typeof position[1] !== 'number'
      ) {
        fail(location, 'invalid-structure', 'coordinates', 'each position must be [longitude, latitude]');
      }
      const [lon, lat] = position as [number, number];
      if (Math.abs(lon) > 180 || Math.abs(lat) > 90)
        fail(location, 'invalid-value', 'coordinates', 'a position is outside longitude -180..180 / latitude -90..90');
      return [lon, lat];
    });
  });
}
