// Derives sales.csv (the training pipeline's default input) from the upstream long.csv and series.csv.
// Usage: node data/aus_retail/prepare.mjs <folder with long.csv and series.csv> > data/aus_retail/sales.csv
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const source = process.argv[2];
const series = parse(readFileSync(join(source, 'series.csv')), { columns: true });
const groupOf = new Map(series.map((s) => [s.series_id, s.parent_product || s.product]));
const long = parse(readFileSync(join(source, 'long.csv')), { columns: true });
const lines = ['country,sku,industry_group,month,quantity'];
for (const row of long) lines.push([row.region, row.product, groupOf.get(row.series_id), row.month, row.value].join(','));
process.stdout.write(lines.join('\n') + '\n');
