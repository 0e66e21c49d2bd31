-- wrk script of boot-bench.sh: each request carries the cookie of one preloaded session ("NAME=value", one a line in
-- the file given after "--": SESSION=… for Spring Session, sessionid=… for sessions4j), picked at random, so
-- concurrent connections rarely touch the same session.
local cookies = {}

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then cookies[#cookies + 1] = line end
  end
  if #cookies == 0 then error("no cookies in " .. args[1]) end
  math.randomseed(os.time() * 1000 + math.floor(os.clock() * 1000000))
end

function request()
  return wrk.format("GET", wrk.path, { ["Cookie"] = cookies[math.random(#cookies)] })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d errors=%d non2xx=%d p50_us=%d p99_us=%d mean_us=%d\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.mean))
end
