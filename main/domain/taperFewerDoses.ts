import { assertZone, frequencyInWords, parseInstant, type Frequency } from './frequency';
import { stepInstant, type TaperStep } from './taper';
import { fewerDosesLadder } from './taperDaily';

/**
 * The generator's third mode (issue 8 item 4): keep the amount per dose and give one dose a day
 * fewer at each step, e.g. chlordiazepoxide 25 mg four times daily, then three times, twice,
 * at bedtime, then (with `thenStop`) stopped. Steps fall every `everyDays` calendar days at the
 * first step's clinic clock time, across DST changes, like the amount modes.
 */
export interface FewerDosesOptions {
  startAmount: number;
  /** The frequency of the dose in effect before the first step. */
  startFrequency: Frequency;
  /** ISO instant of the first step. */
  startAt: string;
  zone: string;
  everyDays: number;
  /** After the once-daily step, a last step of 0 (the drug stopped). */
  thenStop: boolean;
}

export function generateFewerDosesTaper(options: FewerDosesOptions): TaperStep[] {
  const { startAmount, startFrequency, zone, everyDays, thenStop } = options;
  assertZone(zone);
  const start = parseInstant(options.startAt, 'Taper start').setZone(zone);
  if (typeof startAmount !== 'number' || !Number.isFinite(startAmount) || startAmount <= 0) {
    throw new RangeError(`The starting dose must be above 0, got ${String(startAmount)}.`);
  }
  if (!Number.isInteger(everyDays) || everyDays < 1) throw new RangeError(`Days between steps must be a whole number of at least 1, got ${String(everyDays)}.`);
  const ladder = fewerDosesLadder(startFrequency);
  if (ladder === null) {
    throw new RangeError(`The number of doses per day of a dose given ${frequencyInWords(startFrequency)} cannot be reduced step by step; reduce the amount instead.`);
  }
  if (ladder.length === 0 && !thenStop) {
    throw new RangeError(`The dose is already given once a day (${frequencyInWords(startFrequency)}): there are no fewer doses per day to step down to. Reduce the amount, or plan the stop.`);
  }
  const frequencies: Frequency[] = [...ladder];
  const steps: TaperStep[] = frequencies.map((frequency, i) => ({ effectiveFrom: stepInstant(start, i, everyDays, zone), amount: startAmount, frequency }));
  if (thenStop) {
    const last = frequencies[frequencies.length - 1] ?? startFrequency;
    steps.push({ effectiveFrom: stepInstant(start, steps.length, everyDays, zone), amount: 0, frequency: last });
  }
  return steps;
}
