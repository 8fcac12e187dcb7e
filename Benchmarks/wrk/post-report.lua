-- POST /api/v1/progress-reports as unit reporters of distinct bodies. $PAIRS names a file of
-- "token measureId" lines. Each wrk thread takes its own share of the pairs ($THREADS threads,
-- default 2) and each request the next pair of that share, so writes spread over the bodies
-- instead of the threads posting to the same measures in step.
-- `index` is a global of each thread's own Lua state, set by setup before the thread starts.
local count = 0
setup = function(thread)
  thread:set("index", count)
  count = count + 1
end

local pairs_ = {}
init = function(args)
  local threads = tonumber(os.getenv("THREADS") or "2")
  local i = 0
  for line in io.lines(os.getenv("PAIRS")) do
    local token, measure = line:match("^(%S+)%s+(%S+)$")
    if token then
      if i % threads == index then table.insert(pairs_, { token = token, measure = measure }) end
      i = i + 1
    end
  end
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
