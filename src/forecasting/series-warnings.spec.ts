import { CategoricalFeature } from '../features/feature-spec';
import { seriesWarnings } from './series-warnings';

const categoricals: CategoricalFeature[] = [
  { name: 'country', source: { kind: 'country' }, categories: ['DE', 'FR'] },
  { name: 'sku', source: { kind: 'sku' }, categories: ['A'] },
  { name: 'attr_channel', source: { kind: 'attribute', attribute: 'channel' }, categories: ['retail'] },
];
const history = { start: '2020-01', values: [1, 2, 3] };

describe('seriesWarnings', () => {
  it('says nothing about a known series with demand', () => {
    expect(seriesWarnings({ country: 'DE', sku: 'A', attributes: { channel: 'retail' }, history }, { categoricals })).toEqual([]);
  });

  it('warns about an all-zero history', () => {
    expect(seriesWarnings({ country: 'DE', sku: 'A', attributes: { channel: 'retail' }, history: { start: '2020-01', values: [0, 0] } }, { categoricals })).toEqual([
      'history is all zeros: the forecast has no demand signal to follow',
    ]);
  });

  it('names unknown labels and missing attributes', () => {
    expect(seriesWarnings({ country: 'XX', sku: 'A', history }, { categoricals })).toEqual([
      'country "XX" was not seen in training: the model treats it as unknown',
      'attribute "channel" is missing: the model treats it as unknown',
    ]);
    expect(seriesWarnings({ country: 'FR', sku: 'Z', attributes: { channel: 'web' }, history }, { categoricals })).toEqual([
      'sku "Z" was not seen in training: the model treats it as unknown',
      'attribute "channel" "web" was not seen in training: the model treats it as unknown',
    ]);
  });
});
