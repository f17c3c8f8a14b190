import { EvaluationSummary } from './evaluation-summary';
import { SEGMENT_DIMENSIONS } from './segments';

import { FEW_SERIES as FEW_SERIES_PER_ORIGIN, FEW_POINTS as FEW_POINTS_PER_ORIGIN, FEW_SERIES_PER_SEGMENT } from '../training/evaluation/evidence-thresholds';

/** Plain-language warnings when a figure rests on few series or points (printed and written into the report). */
export function evaluationWarnings(summary: EvaluationSummary): string[] {
  const warnings: string[] = [];
  for (const o of summary.origins) {
    if (o.series === 0) {
      warnings.push(`origin -${o.offset}: no series has ${summary.minHistory} months before its cut; this origin is not scored`);
      continue;
    }
    if (o.series < FEW_SERIES_PER_ORIGIN) warnings.push(`origin -${o.offset} rests on only ${o.series} series (fewer than ${FEW_SERIES_PER_ORIGIN})`);
    if (o.points < FEW_POINTS_PER_ORIGIN) warnings.push(`origin -${o.offset} rests on only ${o.points} points (fewer than ${FEW_POINTS_PER_ORIGIN})`);
  }
  for (const d of SEGMENT_DIMENSIONS) {
    for (const [label, count] of Object.entries(summary.segments[d])) {
      if (count.series < FEW_SERIES_PER_SEGMENT) {
        warnings.push(`segment ${d} ${label} rests on only ${count.series} series (fewer than ${FEW_SERIES_PER_SEGMENT}); its figures are anecdotal`);
      }
    }
  }
  return warnings;
}
