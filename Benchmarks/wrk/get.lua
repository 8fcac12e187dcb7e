-- GET with a bearer token from $TOKEN; prints one RESULT line with throughput and latency percentiles.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "result.lua")
