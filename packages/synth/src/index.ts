/**
 * Deterministic synthetic citizens for the demo, tests and benchmarks: `CitizenData` records
 * (see `@sdt/vocab`) that look like French households of Lyon, Nantes and La Rochelle.
 */
export { generateCitizen, generateCitizens, generateDemoCitizen, type SyntheticCitizen } from './generateCitizen.ts';
export { getDemoAccount, getSyntheticAccount, type CitizenAccount } from './accounts.ts';
export { resolveOptions, type ResolvedOptions, type SynthOptions } from './options.ts';
export { SynthError, type SynthErrorCode } from './SynthError.ts';
export { CO2_KG_PER_KM, MAX_TRIPS } from './mobility.ts';
export { getEnergyLabel, getGreenhouseGasLabel } from './profile.ts';
export { TERRITORY_PROFILES, type District, type TerritoryProfile } from './territories.ts';
