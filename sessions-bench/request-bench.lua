-- wrk script of request-bench.sh: each request carries the cookie of one preloaded session, picked at random
-- from the keys file given after "--", so concurrent connections rarely write the same session.
local keys = {}

function init(args)
  for line in io.lines(args[1]) do keys[#keys + 1] = line end
  math.randomseed(os.time() * 1000 + math.floor(os.clock() * 1000000))
end

function request()
  return wrk.format("GET", wrk.path, { ["Cookie"] = "sessionid=" .. keys[math.random(#keys)] })
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d errors=%d non2xx=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
