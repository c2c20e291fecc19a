-- wrk script: list tickets with filters, cycling through the filter kinds. TOKEN from the environment.
local token = "Bearer " .. os.getenv("TOKEN")
local queries = {
  "/api/v1/tickets?limit=50",
  "/api/v1/tickets?state=dispatched&limit=50",
  "/api/v1/tickets?district=440106&limit=50",
  "/api/v1/tickets?unit=440104&limit=50",
  "/api/v1/tickets?type=report&state=in_progress&limit=50",
  "/api/v1/tickets?overdue=true&limit=50",
  "/api/v1/tickets?created_from=2026-10-01T00:00:00%2B08:00&created_to=2026-10-02T00:00:00%2B08:00&limit=50",
  "/api/v1/tickets?q=%E5%99%AA%E9%9F%B3&limit=50",
  "/api/v1/tickets?q=%E6%B2%BB%E5%AE%89%E9%97%AE%E9%A2%98&limit=50",
}
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", queries[(i % #queries) + 1], { ["Authorization"] = token })
end

dofile("bench/http/report.lua")
