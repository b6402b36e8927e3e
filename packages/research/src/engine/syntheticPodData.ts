/** Small deterministic pod contents for the study tests and the benchmark (a dwelling and daily electricity). */
const PREFIXES = `@prefix sdt: <https://w3id.org/selfdata-territorial/ns#> .
@prefix saref: <https://saref.etsi.org/core/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
`;

/** `data/housing/dwelling` with a DPE label (`LabelA`…`LabelG`). */
export function dwellingTurtle(label: string): string {
  return `${PREFIXES}<#dwelling> a sdt:Dwelling ; sdt:energyLabel sdt:${label} .\n`;
}

/** One month of daily readings (`data/electricity/daily-YYYY-MM`), values from a seed. */
export function electricityMonthTurtle(year: number, month: number, seed: number): string {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const mm = String(month).padStart(2, '0');
  const offset = month >= 4 && month <= 10 ? '+02:00' : '+01:00';
  const lines: string[] = [PREFIXES];
  for (let day = 1; day <= days; day++) {
    const dd = String(day).padStart(2, '0');
    const kwh = (5 + ((seed * 7 + day * 13 + month * 3) % 200) / 10).toFixed(1);
    lines.push(
      `<#r${dd}> a sdt:ElectricityEnergyReading ; saref:hasTimestamp "${year}-${mm}-${dd}T00:00:00${offset}"^^xsd:dateTime ; saref:hasValue ${kwh} .`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The benchmark query: average daily kWh per month by DPE class. */
export const AVG_KWH_BY_LABEL_MONTH = `PREFIX sdt: <https://w3id.org/selfdata-territorial/ns#>
PREFIX saref: <https://saref.etsi.org/core/>
SELECT ?label ?month (AVG(?kwh) AS ?avgKwh) (COUNT(?kwh) AS ?days) WHERE {
  ?r a sdt:ElectricityEnergyReading ; saref:hasTimestamp ?t ; saref:hasValue ?kwh .
  ?d a sdt:Dwelling ; sdt:energyLabel ?label .
  BIND(SUBSTR(STR(?t), 1, 7) AS ?month)
}
GROUP BY ?label ?month
ORDER BY ?label ?month`;
