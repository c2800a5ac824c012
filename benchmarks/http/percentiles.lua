-- wrk script: sends the key in P01_KEY as X-Api-Key and prints one JSON line with the percentiles p01 bench http reports
-- (p99.9 included, which wrk's --latency table leaves out).
--   P01_KEY=p01_… wrk -t1 -c8 -d8s -s benchmarks/http/percentiles.lua http://localhost:5104/v1/forecast/SPX
local key = os.getenv("P01_KEY")
if key == nil or key == "" then
  io.stderr:write("set P01_KEY to an API key with the forecast scope (p01 keys create --scopes forecast)\n")
  os.exit(2)
end
wrk.headers["X-Api-Key"] = key

done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('{"requests":%d,"errors":%d,"rps":%.0f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"p999_ms":%.3f,"max_ms":%.3f}\n',
    summary.requests, errors, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000))
end
