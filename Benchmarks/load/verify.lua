-- wrk script: send the token from $TOKEN (if any) as a Bearer header, and print one
-- machine-readable result line with requests/s, latency percentiles and error counts.
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

-- With $TOKENS_FILE (one token a line), every request carries the next token of the file, each
-- wrk thread starting at its own offset: with more tokens than the verified-token cache holds,
-- this measures verification itself rather than cache hits.
local tokens = {}
local tokens_file = os.getenv("TOKENS_FILE")
if tokens_file and tokens_file ~= "" then
  for line in io.lines(tokens_file) do tokens[#tokens + 1] = line end
end
local next_token = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("offset", threads)
end
function init(args)
  if #tokens > 0 then next_token = ((offset or 1) * 7919) % #tokens end
end
function request()
  if #tokens == 0 then return wrk.request() end
  next_token = next_token % #tokens + 1
  return wrk.format(nil, nil, { ["Authorization"] = "Bearer " .. tokens[next_token] })
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT rps=%.0f p50_us=%d p90_us=%d p99_us=%d max_us=%d requests=%d socket_errors=%d non_2xx=%d\n",
    summary.requests / seconds, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, summary.requests, e.connect + e.read + e.write + e.timeout, e.status))
end
