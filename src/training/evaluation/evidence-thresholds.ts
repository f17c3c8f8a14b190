/** Below these an evaluation's figures are anecdotes rather than evidence; training and `npm run evaluate` warn. */
export const FEW_SERIES = 30;
export const FEW_POINTS = 500;
/** A segment (history length, share of zeros, volume, country) with fewer series than this is anecdotal. */
export const FEW_SERIES_PER_SEGMENT = 5;
