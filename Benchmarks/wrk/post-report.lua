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

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "result.lua")
