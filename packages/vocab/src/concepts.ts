/**
 * The SKOS concepts of `vocab/sdt.ttl` that stand for the record model's enumerations, both ways.
 * Each concept's `skos:notation` in the ontology is the model value (checked by a test).
 */
import type { Sensitivity } from './categories.ts';
import type { EnergyLabel, HeatingEnergy, Tenure, TransportMode } from './model.ts';
import { SDT } from './sdt.ts';

function reverse<K extends string>(map: Readonly<Record<K, string>>): ReadonlyMap<string, K> {
  return new Map(Object.entries(map).map(([key, iri]) => [iri as string, key as K]));
}

/** `sdt:` concept of each transport mode (`walk` -> `sdt:Walk`, `ebike` -> `sdt:EBike`...). */
export const TRANSPORT_MODE_CONCEPTS: Readonly<Record<TransportMode, string>> = Object.freeze({
  walk: SDT.Walk,
  bike: SDT.Bike,
  ebike: SDT.EBike,
  bus: SDT.Bus,
  tram: SDT.Tram,
  metro: SDT.Metro,
  train: SDT.Train,
  car: SDT.Car,
  carpool: SDT.Carpool,
  motorbike: SDT.Motorbike,
  ferry: SDT.Ferry,
});

/** `sdt:` concept of each heating energy (`heat-pump` -> `sdt:HeatPump`...). */
export const HEATING_ENERGY_CONCEPTS: Readonly<Record<HeatingEnergy, string>> = Object.freeze({
  electric: SDT.ElectricHeating,
  'heat-pump': SDT.HeatPump,
  gas: SDT.GasHeating,
  district: SDT.DistrictHeating,
  wood: SDT.WoodHeating,
  oil: SDT.OilHeating,
});

/** `sdt:` concept of each tenure (`social-tenant` -> `sdt:SocialTenant`...). */
export const TENURE_CONCEPTS: Readonly<Record<Tenure, string>> = Object.freeze({
  owner: SDT.Owner,
  tenant: SDT.Tenant,
  'social-tenant': SDT.SocialTenant,
});

/** `sdt:` concept of each DPE label (`A` -> `sdt:LabelA`...). */
export const ENERGY_LABEL_CONCEPTS: Readonly<Record<EnergyLabel, string>> = Object.freeze({
  A: SDT.LabelA,
  B: SDT.LabelB,
  C: SDT.LabelC,
  D: SDT.LabelD,
  E: SDT.LabelE,
  F: SDT.LabelF,
  G: SDT.LabelG,
});

/** `sdt:` concept of each sensitivity level (`low` -> `sdt:Low`...). */
export const SENSITIVITY_CONCEPTS: Readonly<Record<Sensitivity, string>> = Object.freeze({
  low: SDT.Low,
  medium: SDT.Medium,
  high: SDT.High,
});

const modes = reverse(TRANSPORT_MODE_CONCEPTS);
const heatings = reverse(HEATING_ENERGY_CONCEPTS);
const tenures = reverse(TENURE_CONCEPTS);
const labels = reverse(ENERGY_LABEL_CONCEPTS);
const sensitivities = reverse(SENSITIVITY_CONCEPTS);

/** The transport mode of an `sdt:` concept IRI, or undefined if it is not one. */
export function getTransportMode(iri: string): TransportMode | undefined {
  return modes.get(iri);
}

/** The heating energy of an `sdt:` concept IRI, or undefined if it is not one. */
export function getHeatingEnergy(iri: string): HeatingEnergy | undefined {
  return heatings.get(iri);
}

/** The tenure of an `sdt:` concept IRI, or undefined if it is not one. */
export function getTenure(iri: string): Tenure | undefined {
  return tenures.get(iri);
}

/** The DPE label of an `sdt:` concept IRI, or undefined if it is not one. */
export function getEnergyLabel(iri: string): EnergyLabel | undefined {
  return labels.get(iri);
}

/** The sensitivity level of an `sdt:` concept IRI, or undefined if it is not one. */
export function getSensitivity(iri: string): Sensitivity | undefined {
  return sensitivities.get(iri);
}
