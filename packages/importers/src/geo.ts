/** Mean Earth radius used by the haversine formula, km (IUGG). */
const EARTH_RADIUS_KM = 6371.0088;

/** A WGS 84 position as GeoJSON writes it: longitude then latitude, degrees. */
export type LonLat = readonly [number, number];

/** Great-circle distance between two positions, km (haversine). */
export function getHaversineKm(a: LonLat, b: LonLat): number {
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length of a line (sum of haversine distances between consecutive positions), km. */
export function getLineLengthKm(positions: readonly LonLat[]): number {
  let total = 0;
  for (let i = 1; i < positions.length; i++)
    total += getHaversineKm(positions[i - 1] as LonLat, positions[i] as LonLat);
  return total;
}
