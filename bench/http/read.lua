-- wrk script: read random tickets by id. TOKEN and MAX_ID come from the environment.
local max_id = tonumber(os.getenv("MAX_ID"))
local token = "Bearer " .. os.getenv("TOKEN")

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed)
end

function request()
  return wrk.format("GET", "/api/v1/tickets/" .. math.random(1, max_id), { ["Authorization"] = token })
end

dofile("bench/http/report.lua")
