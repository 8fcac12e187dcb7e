-- POST /api/v1/progress-reports as unit reporters of distinct bodies. $PAIRS names a file of
-- "token measureId" lines; each request takes the next pair, so writes spread over the bodies.
local pairs_ = {}
for line in io.lines(os.getenv("PAIRS")) do
  local token, measure = line:match("^(%S+)%s+(%S+)$")
  if token then table.insert(pairs_, { token = token, measure = measure }) end
end
local n = 0

request = function()
  n = n + 1
  local p = pairs_[(n % #pairs_) + 1]
  local body = string.format('{"measureId":"%s","text":"压力测试：已完成阶段性任务，正按计划推进剩余工作。","progress":%d}', p.measure, 40 + n % 50)
  return wrk.format("POST", "/api/v1/progress-reports",
    { ["Authorization"] = "Bearer " .. p.token, ["Content-Type"] = "application/json" }, body)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f errors=%d non2xx=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
