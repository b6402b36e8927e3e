import type { Trip } from '@sdt/vocab';
import { MODE_NAMES, resolveMode } from '../emissionFactors.ts';
import { getLineLengthKm, type LonLat } from '../geo.ts';
import type { RecordSink } from '../RecordSink.ts';
import { formatParisInstant, parseInstant, parseLocalDateTime, resolveParisWallTime } from '../time/parisTime.ts';
import { fail, isMissing, quote, readNonNegative, readString, round, type Location } from '../values.ts';

/** Raw fields of one trip, whatever the file layout. */
export interface RawTrip {
  mode: unknown;
  departure: unknown;
  arrival: unknown;
  /** Distance in km when the file gives one. */
  distanceKm?: unknown;
  /** Distance in metres when the file gives one. */
  distanceM?: unknown;
  /** The path as one or more lines, when known (for the distance). */
  lines?: readonly (readonly LonLat[])[];
}

/** Names of the fields in the file, for error messages. */
export interface TripFieldNames {
  mode: string;
  departure: string;
  arrival: string;
  distance: string;
}

/**
 * Checks a trip and adds it to the sink: times with an offset (or unambiguous Paris local times),
 * arrival after departure, a known mode, the distance given or computed over the path, CO2 from the
 * ADEME factor of the mode. The id is `t` + the UTC departure (`t20250103T073000Z`).
 * @throws ImportError
 */
export function addTrip(
  raw: RawTrip,
  names: TripFieldNames,
  location: Location,
  sink: RecordSink,
  ordinal?: number,
): void {
  const modeText = readString(raw.mode, location, names.mode);
  const resolved = resolveMode(modeText);
  if (resolved === undefined) {
    fail(location, 'invalid-value', names.mode, `${quote(modeText)} is not a known mode (${MODE_NAMES.join(', ')})`);
  }
  const departure = readTripInstant(raw.departure, location, names.departure);
  const arrival = readTripInstant(raw.arrival, location, names.arrival);
  if (!(arrival > departure)) fail(location, 'invalid-date', names.arrival, 'the arrival is not after the departure');
  let distanceKm: number;
  if (!isMissing(raw.distanceKm)) distanceKm = readNonNegative(raw.distanceKm, location, names.distance);
  else if (!isMissing(raw.distanceM)) distanceKm = readNonNegative(raw.distanceM, location, names.distance) / 1000;
  else if (raw.lines !== undefined && raw.lines.some((line) => line.length >= 2))
    distanceKm = raw.lines.reduce((sum, line) => sum + getLineLengthKm(line), 0);
  else
    return fail(
      location,
      'missing-field',
      names.distance,
      'the distance is missing and there is no path to compute it from',
    );
  distanceKm = round(distanceKm, 3);
  const trip: Trip = {
    id: `t${new Date(departure)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '')}`,
    departure: formatParisInstant(departure),
    arrival: formatParisInstant(arrival),
    mode: resolved.mode,
    distanceKm,
    co2Kg: round(distanceKm * resolved.factor.kgCo2ePerKm, 4),
  };
  sink.add('mobility/trips', trip, location, {
    start: departure,
    end: arrival,
    signature: `${trip.arrival}|${trip.mode}|${trip.distanceKm}`,
    timeField: names.departure,
    ...(ordinal === undefined ? {} : { ordinal }),
  });
}

function readTripInstant(raw: unknown, location: Location, field: string): number {
  const text = readString(raw, location, field);
  const instant = parseInstant(text);
  if (instant !== undefined) return instant;
  const wall = parseLocalDateTime(text);
  if (wall !== undefined) {
    const resolved = resolveParisWallTime(wall);
    if (resolved.kind === 'unique') return resolved.epochMs;
    if (resolved.kind === 'ambiguous')
      fail(
        location,
        'invalid-date',
        field,
        `${quote(text)} happens twice in Europe/Paris (autumn change): add an offset`,
      );
    fail(location, 'invalid-date', field, `${quote(text)} does not exist in Europe/Paris (daylight-saving gap)`);
  }
  return fail(location, 'invalid-date', field, `${quote(text)} is not a valid date-time (2025-01-03T07:30:00+01:00)`);
}
