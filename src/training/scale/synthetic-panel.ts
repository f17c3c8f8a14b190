import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { formatMonth, MonthIndex, parseMonth } from '../../features/month';
import { seededRandom } from '../../core/seeded-random';

export interface SyntheticPanelOptions {
  series: number;
  months: number;
  seed: number;
  /** First calendar month of the panel (YYYY-MM). */
  firstMonth?: string;
}

/** What kind of series each one is, so callers and specs can check the panel has the shapes asked for. */
export type SeriesKind = 'regular' | 'intermittent' | 'late-start' | 'discontinued';

export interface SyntheticPanelSummary {
  rows: number;
  series: number;
  kinds: Record<SeriesKind, number>;
  firstMonth: string;
  lastMonth: string;
}

export const SYNTHETIC_PANEL_HEADER = 'country,sku,industry_group,month,quantity';

const COUNTRIES = ['AU', 'NZ', 'GB', 'DE', 'US'];
const INDUSTRY_GROUPS = ['food', 'household', 'clothing', 'department_stores', 'hardware', 'pharmacy', 'liquor', 'other'];
const MIN_MONTHS = 6;

interface SeriesProfile {
  kind: SeriesKind;
  /** Offsets into the panel's months: the series has rows for first..last inclusive. */
  first: number;
  last: number;
  level: number;
  growth: number;
  season: [number, number, number];
  noise: number;
  /** Intermittent only: chance of a non-zero month. */
  demandChance: number;
}

function normal(random: () => number): number {
  // Box-Muller; 1 - random() keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * Each series draws from its own stream (seed and index), so series i is the same whatever the panel size and
 * a panel's first rows do not depend on how many series follow.
 */
function profileOf(index: number, options: SyntheticPanelOptions, random: () => number): SeriesProfile {
  const { months } = options;
  const kindDraw = random();
  const kind: SeriesKind = kindDraw < 0.1 ? 'intermittent' : kindDraw < 0.2 ? 'late-start' : kindDraw < 0.25 ? 'discontinued' : 'regular';
  const span = Math.max(0, months - MIN_MONTHS);
  const first = kind === 'late-start' && span > 0 ? 1 + Math.floor(random() * span) : 0;
  const last = kind === 'discontinued' && span > 0 ? months - 2 - Math.floor(random() * Math.min(span, Math.floor(months / 2))) : months - 1;
  // Log-normal with σ = ln 10: about 95% of levels within two orders of magnitude either side of 300.
  const level = Math.min(1e6, Math.max(1, 300 * Math.exp(Math.LN10 * normal(random))));
  return {
    kind,
    first,
    last: Math.max(last, first + Math.min(MIN_MONTHS, months) - 1),
    level: kind === 'intermittent' ? 1 + random() * 6 : level,
    growth: 0.004 * normal(random),
    season: [0.4 * random(), 0.1 * random(), 12 * random()],
    noise: 0.03 + 0.2 * random(),
    demandChance: 0.15 + 0.45 * random(),
  };
}

function quantityAt(profile: SeriesProfile, month: MonthIndex, t: number, random: () => number): string {
  const [annual, semiannual, phase] = profile.season;
  const angle = (2 * Math.PI * (month + phase)) / 12;
  const seasonal = 1 + annual * Math.sin(angle) + semiannual * Math.sin(2 * angle);
  const mean = profile.level * Math.exp(profile.growth * t) * seasonal;
  if (profile.kind === 'intermittent') {
    if (random() >= profile.demandChance) return '0';
    return String(Math.max(1, Math.round(mean * Math.exp(0.5 * normal(random)))));
  }
  const value = mean * Math.exp(profile.noise * normal(random) - (profile.noise * profile.noise) / 2);
  return value >= 100 ? String(Math.round(value)) : value.toFixed(1);
}

/**
 * Writes a seeded monthly long CSV shaped like data/aus_retail/sales.csv: `series` series over `months` months
 * with log-normal levels, trend, multiplicative seasonality and noise; about 10% intermittent (many zero
 * months), 10% starting late and 5% discontinued early. Rows are streamed, one series at a time, so the
 * generator's memory does not grow with the panel.
 */
export async function writeSyntheticPanel(file: string, options: SyntheticPanelOptions): Promise<SyntheticPanelSummary> {
  if (!Number.isInteger(options.series) || options.series < 1) throw new RangeError(`series must be a positive integer, got ${options.series}`);
  if (!Number.isInteger(options.months) || options.months < 1) throw new RangeError(`months must be a positive integer, got ${options.months}`);
  const start = parseMonth(options.firstMonth ?? '2015-01');
  const kinds: Record<SeriesKind, number> = { regular: 0, intermittent: 0, 'late-start': 0, discontinued: 0 };
  const out = createWriteStream(file, { encoding: 'utf8' });
  const failed = once(out, 'error').then(([error]) => Promise.reject(error as Error));
  failed.catch(() => undefined);
  let rows = 0;
  const write = async (text: string) => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  await write(`${SYNTHETIC_PANEL_HEADER}\n`);
  for (let i = 0; i < options.series; i++) {
    const random = seededRandom((options.seed * 0x9e3779b1 + i * 0x85ebca6b) >>> 0);
    const profile = profileOf(i, options, random);
    kinds[profile.kind]++;
    // Each sku sells in every country, like aus_retail's industries in every state.
    const country = COUNTRIES[i % COUNTRIES.length];
    const skuIndex = Math.floor(i / COUNTRIES.length);
    const prefix = `${country},sku-${String(skuIndex).padStart(5, '0')},${INDUSTRY_GROUPS[skuIndex % INDUSTRY_GROUPS.length]},`;
    let chunk = '';
    for (let t = profile.first; t <= profile.last; t++) {
      chunk += `${prefix}${formatMonth(start + t)},${quantityAt(profile, start + t, t, random)}\n`;
      rows++;
    }
    await write(chunk);
  }
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return { rows, series: options.series, kinds, firstMonth: formatMonth(start), lastMonth: formatMonth(start + options.months - 1) };
}
