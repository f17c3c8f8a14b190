// Runs the image suite first, so its minutes-long build overlaps everything else on the other worker, then
// the booted-app suites, then the unit tests, which fill whichever worker is free. Within a group, jest's own
// order (failed first, then slowest from its cache) stands.
const Sequencer = require('@jest/test-sequencer').default;

const GROUPS = ['image', 'e2e', 'unit'];
const rank = (test) => {
  const i = GROUPS.indexOf(test.context.config.displayName?.name);
  return i === -1 ? GROUPS.length : i;
};

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    return ordered.map((test, i) => ({ test, i })).sort((a, b) => rank(a.test) - rank(b.test) || a.i - b.i).map((e) => e.test);
  }
}

module.exports = SlowFirstSequencer;
