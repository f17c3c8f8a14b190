import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SeriesHistory } from '../../features/feature-builder';
import { PanelForecast, PanelForecaster } from '../panel-forecaster';
import { allFinite, naiveForecast } from './short-history';

type MstlModule = typeof import('@bsull/augurs/mstl');
type EtsModule = typeof import('@bsull/augurs/ets');
interface AugursForecast {
  point: number[];
  intervals?: { lower: number[]; upper: number[] };
}

const PERIOD = 12;
const LEVEL = 0.8;
// augurs' AutoETS refuses fewer points ("not enough data"); below this the baseline is naive.
const MIN_ETS_POINTS = 10;

/** wasm-bindgen's web build fetches its .wasm by URL, which Node cannot; hand it the bytes instead. */
function wasmBytes(entry: string, file: string): Buffer {
  return readFileSync(path.join(path.dirname(require.resolve(entry)), file));
}

/**
 * Grafana's augurs (Rust, compiled to WASM), a baseline this team did not write: MSTL with an AutoETS trend
 * from two seasons of history, non-seasonal AutoETS below that, naive below MIN_ETS_POINTS; 80% intervals from
 * augurs. Forecasts and lower bounds are clipped at 0.
 */
export class AugursForecaster implements PanelForecaster {
  readonly name = 'augurs-mstl-ets';

  private constructor(
    private readonly mstl: MstlModule,
    private readonly ets: EtsModule,
  ) {}

  static async load(): Promise<AugursForecaster> {
    // The package is ESM only; this CommonJS build reaches it through a dynamic import.
    const mstl = await import('@bsull/augurs/mstl');
    const ets = await import('@bsull/augurs/ets');
    mstl.initSync({ module: wasmBytes('@bsull/augurs/mstl', 'mstl_bg.wasm') });
    ets.initSync({ module: wasmBytes('@bsull/augurs/ets', 'ets_bg.wasm') });
    return new AugursForecaster(mstl, ets);
  }

  async forecast(panel: SeriesHistory[], horizon: number): Promise<PanelForecast[]> {
    return panel.map((s) => this.forecastOne(Float64Array.from(s.values), horizon));
  }

  private forecastOne(y: Float64Array, horizon: number): PanelForecast {
    const attempts: [string, () => AugursForecast][] = [];
    if (y.length >= 2 * PERIOD) attempts.push(['augurs_mstl_ets', () => this.fitMstl(y, horizon)]);
    if (y.length >= MIN_ETS_POINTS) attempts.push(['augurs_autoets', () => this.fitEts(y, horizon)]);
    for (const [method, fit] of attempts) {
      let result: AugursForecast;
      try {
        result = fit();
      } catch {
        continue; // augurs throws on series it cannot fit (e.g. constant ones); the next method answers.
      }
      if (result.point.length !== horizon || !allFinite(result.point)) continue;
      const intervals = result.intervals && allFinite(result.intervals.lower) && allFinite(result.intervals.upper) ? result.intervals : undefined;
      return {
        values: result.point.map((v) => Math.max(0, v)),
        lower: intervals?.lower.map((v) => Math.max(0, v)),
        upper: intervals?.upper.map((v) => Math.max(0, v)),
        method,
      };
    }
    return naiveForecast(y, horizon);
  }

  private fitMstl(y: Float64Array, horizon: number): AugursForecast {
    const model = this.mstl.MSTL.ets([PERIOD]);
    try {
      model.fit(y);
      return model.predict(horizon, LEVEL);
    } finally {
      model.free();
    }
  }

  private fitEts(y: Float64Array, horizon: number): AugursForecast {
    const model = new this.ets.AutoETS(1, 'ZZN');
    try {
      model.fit(y);
      return model.predict(horizon, LEVEL);
    } finally {
      model.free();
    }
  }
}
