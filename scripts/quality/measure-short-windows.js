// How the model forecasts series it meets with a short history (`npm run build && node
// scripts/quality/measure-short-windows.js [m3|aus_retail] [SHARED_DIR]`): the whole training runs on the panel
// cut 18 months before each series' end, then each series' last L months before the cut are sent as a new series
// (renamed, so nothing fitted in training applies) and the 18 held-out months are scored. Prints WAPE / bias per L
// and the members that served. npm run evaluate judges full histories; this judges launches and late starts.
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const dist = (module) => require(path.join(root, 'dist', module));
const { loadSalesCsv } = dist('training/data/load-sales-csv.js');
const { trainEnsembleModel, forecastPanel } = dist('training/ensemble/train-ensemble.js');
const { DEFAULT_TRAINING_PARAMS } = dist('training/training-params.js');

const HOLDOUT = 18;
const WINDOWS = [13, 18, 23, 30, 40, 60];
const SILENT = { stage() {}, update() {}, log() {}, stop() {} };
const panelName = process.argv[2] ?? 'aus_retail';
const shared = process.argv[3] ?? process.env.SHARED_DIR ?? path.resolve(root, '..', 'shared');
const PANELS = {
  m3: { files: ['long_part1.csv', 'long_part2.csv'], dir: 'm3_monthly', sku: 'series_id' },
  aus_retail: { files: ['long.csv'], dir: 'aus_retail', sku: 'product' },
};

(async () => {
  const panel = PANELS[panelName];
  if (!panel) throw new Error(`panel must be one of ${Object.keys(PANELS).join(', ')}`);
  const columns = { country: 'region', sku: panel.sku, month: 'month', quantity: 'value', attributes: [] };
  let all = [];
  for (const file of panel.files) all = all.concat((await loadSalesCsv(path.join(shared, 'data', panel.dir, file), { columns, dropInvalid: false })).series);
  // aus_retail: the 148 series running to the panel's last month, the ones its SOURCE.md scores.
  if (panelName === 'aus_retail') {
    const last = Math.max(...all.map((s) => s.start + s.values.length - 1));
    all = all.filter((s) => s.start + s.values.length - 1 === last);
  }
  const cut = all.map((s) => ({ ...s, values: s.values.slice(0, -HOLDOUT) }));
  const params = { ...DEFAULT_TRAINING_PARAMS, features: { ...DEFAULT_TRAINING_PARAMS.features, maxHorizon: HOLDOUT, attributes: [] } };
  const model = trainEnsembleModel(cut, params, SILENT);
  console.log(`${panelName}: ${all.length} series, trained on the cut panel; each window sent as a new series`);
  for (const months of WINDOWS) {
    const kept = cut.map((s, i) => ({ s, actual: all[i].values.slice(-HOLDOUT) })).filter(({ s }) => s.values.length >= months);
    const windows = kept.map(({ s }) => ({ ...s, sku: `NEW-${s.sku}`, start: s.start + s.values.length - months, values: s.values.slice(-months) }));
    let absolute = 0;
    let signed = 0;
    let actual = 0;
    const methods = new Map();
    forecastPanel(model, windows, HOLDOUT).forEach((f, i) => {
      const method = f.method.replace(/ets\([^)]*\)/, 'ets');
      methods.set(method, (methods.get(method) ?? 0) + 1);
      for (let h = 0; h < HOLDOUT; h++) {
        absolute += Math.abs(f.values[h] - kept[i].actual[h]);
        signed += f.values[h] - kept[i].actual[h];
        actual += kept[i].actual[h];
      }
    });
    const pct = (x) => `${((100 * x) / actual).toFixed(2)}%`;
    console.log(`  last ${months} months (${kept.length} series): WAPE ${pct(absolute)}, bias ${pct(signed)}; ${[...methods].map(([m, n]) => `${m} ×${n}`).join(', ')}`);
  }
})().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
