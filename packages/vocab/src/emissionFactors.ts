import type { TransportMode } from './model.ts';

/**
 * Emission factors in kg CO2e per passenger-km by transport mode (ADEME Base Carbone, as shown by
 * impactco2.fr, 2023): thermal car with its driver alone 0.218; car-pooling counts the car for two;
 * thermal bus 0.113; tram 0.0043; metro 0.0044; regional train (TER) 0.0277; motorbike 0.191; e-bike
 * 0.0022 (electricity only); walking and cycling 0. Ferry: no Base Carbone factor fits a harbour
 * shuttle; 0.1 is our assumption (a small diesel boat with average load, between a bus and a car).
 * One table for the synthetic data and the partner services, so that they agree.
 */
export const CO2_KG_PER_KM: Readonly<Record<TransportMode, number>> = Object.freeze({
  walk: 0,
  bike: 0,
  ebike: 0.0022,
  bus: 0.113,
  tram: 0.0043,
  metro: 0.0044,
  train: 0.0277,
  car: 0.218,
  carpool: 0.109,
  motorbike: 0.191,
  ferry: 0.1,
});
