-- wrk script of benchmark scenario 6 (dev.rumbl.bench.HttpInfoSys): every request asks
-- GET /api/infosys a question never asked before ("capital of France t<thread>n<count>", which the
-- local backend still matches), so that InfoSys's cache never answers; at the end it prints the
-- figures HttpInfoSys reads, one "WRK <name> <value>" line each, latencies in microseconds.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local count = 0

function request()
  count = count + 1
  return wrk.format("GET", "/api/infosys?q=capital+of+France+t" .. id .. "n" .. count)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("WRK requests %d\n", summary.requests))
  io.write(string.format("WRK duration_us %d\n", summary.duration))
  io.write(string.format("WRK errors %d\n", errors.connect + errors.read + errors.write + errors.status + errors.timeout))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("WRK p%d_us %d\n", p, latency:percentile(p)))
  end
end
