-- wrk script: send the token from $TOKEN (if any) as a Bearer header, and print one
-- machine-readable result line with requests/s, latency percentiles and error counts.
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT rps=%.0f p50_us=%d p90_us=%d p99_us=%d max_us=%d requests=%d socket_errors=%d non_2xx=%d\n",
    summary.requests / seconds, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, summary.requests, e.connect + e.read + e.write + e.timeout, e.status))
end
