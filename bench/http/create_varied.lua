-- wrk script: register tickets with real, varied texts (durable creates; near-duplicate search
-- over different matters). BODIES names a file of JSON request bodies, one per line
-- (bench/run-http-ab writes it from data/demo/messages.csv); TOKEN comes from the environment.
local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN")}
local bodies = {}
for line in io.lines(os.getenv("BODIES")) do bodies[#bodies + 1] = line end
local next_body = math.random(#bodies)

request = function()
  next_body = next_body % #bodies + 1
  return wrk.format("POST", "/api/v1/tickets", headers, bodies[next_body])
end

dofile("bench/http/report.lua")
