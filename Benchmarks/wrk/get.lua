-- GET with a bearer token from $TOKEN (none if it is empty); prints one RESULT line with throughput and latency percentiles.
local token = os.getenv("TOKEN") or ""
if token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "result.lua")
