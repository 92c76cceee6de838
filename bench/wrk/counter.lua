-- wrk script of the placement experiment (dev.rumbl.bench.PlacementProbe): GET /counter, then the
-- figures PlacementProbe reads, one "WRK <name> <value>" line each, latencies in microseconds.

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("WRK requests %d\n", summary.requests))
  io.write(string.format("WRK duration_us %d\n", summary.duration))
  io.write(string.format("WRK errors %d\n", errors.connect + errors.read + errors.write + errors.status + errors.timeout))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("WRK p%d_us %d\n", p, latency:percentile(p)))
  end
end
