-- wrk script: register tickets (durable creates). TOKEN comes from the environment.
wrk.method = "POST"
wrk.path = "/api/v1/tickets"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"type":"complaint","channel":"phone","title":"天河路施工噪音扰民",' ..
           '"text":"晚上十一点后仍在施工，噪音很大，影响休息，请有关部门处理。",' ..
           '"caller":{"name":"陈先生","phone":"13800138000","confidential":false},' ..
           '"place":{"district":"440106","street":"440106001","address":"天河路"}}'

dofile("bench/http/report.lua")
