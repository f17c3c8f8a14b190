// What the load scripts share: the body of series the model has never seen, and waiting for readiness.

/**
 * `count` series the model has never seen, 60 months each, every one its own SKU and level, so nothing about one
 * series' fit carries to another: each is fitted at request time.
 */
function unseenSeries(count) {
  const values = (i) => Array.from({ length: 60 }, (_, t) => Math.round((100 + i) * (1 + 0.3 * Math.sin(t / 2 + i)) * 100) / 100);
  return Array.from({ length: count }, (_, i) => ({ id: `s${i}`, country: 'NSW', sku: `new_${i}`, history: { start: '2014-01', values: values(i) } }));
}

/** Resolves once `url`/health/ready answers 200, polling every 200 ms. */
async function waitForReady(url) {
  for (;;) {
    try {
      if ((await fetch(`${url}/health/ready`)).status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
}

module.exports = { unseenSeries, waitForReady };
