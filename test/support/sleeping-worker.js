// A piscina worker for scheduling specs: holds its thread for `ms` milliseconds, then answers with `tag`.
const pause = new Int32Array(new SharedArrayBuffer(4));
module.exports = ({ tag, ms }) => {
  Atomics.wait(pause, 0, 0, ms);
  return tag;
};
