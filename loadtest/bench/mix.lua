-- mix.lua: wrk script for a realistic click mix, used as redirect.lua by redirect-mix-vs-nginx.sh.
-- wrk ... -s redirect.lua URL -- SLUGFILE
-- Beside SLUGFILE: uas.tsv ("weight<TAB>user agent", the user-agents corpus) and langs.txt (one
-- Accept-Language value per line). Each prepared request draws a slug uniformly, a user agent by traffic
-- weight, a random public IPv4 address as X-Forwarded-For (the server trusts the loopback peer) and a language.
-- Requests are prepared in init() so that wrk, not Lua string building, sets the pace. With FRESH=1 in the
-- environment each request gets a new random address instead (a new visitor every time, e.g. so that every
-- coded click needs a fresh discount code); wrk then builds each request, which costs its core, not the server's.
local nthreads = 0
local reqs, n = {}, 0
local PREPARED = 20000
local FRESH = os.getenv("FRESH") == "1"
local paths, agents, languages = {}, {}, {}

function setup(thread)
  nthreads = nthreads + 1
  thread:set("tid", nthreads)
end

local function lines(path)
  local out = {}
  for line in io.lines(path) do
    if line ~= "" then out[#out + 1] = line end
  end
  assert(#out > 0, "empty file " .. path)
  return out
end

local function public_ipv4()
  while true do
    local a = math.random(1, 223)
    local b = math.random(0, 255)
    local private = a == 10 or a == 127 or a == 0 or (a == 100 and b >= 64 and b < 128)
      or (a == 169 and b == 254) or (a == 172 and b >= 16 and b < 32) or (a == 192 and b == 168)
      or (a == 198 and (b == 18 or b == 19))
    if not private then
      return string.format("%d.%d.%d.%d", a, b, math.random(0, 255), math.random(1, 254))
    end
  end
end

function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0))
  local dir = args[1]:match("^(.*/)") or "./"
  local slugs = {}
  for _, line in ipairs(lines(args[1])) do slugs[#slugs + 1] = line:match("^[^%s]+") end
  local uas, cumulative, total = {}, {}, 0
  for _, line in ipairs(lines(dir .. "uas.tsv")) do
    local w, ua = line:match("^([^\t]+)\t(.+)$")
    if w then
      total = total + tonumber(w)
      uas[#uas + 1] = ua
      cumulative[#cumulative + 1] = total
    end
  end
  local langs = lines(dir .. "langs.txt")
  local prefix = wrk.path:sub(-1) == "/" and wrk.path or wrk.path .. "/"
  for i = 1, PREPARED do
    local r, lo, hi = math.random() * total, 1, #cumulative
    while lo < hi do
      local mid = math.floor((lo + hi) / 2)
      if cumulative[mid] < r then lo = mid + 1 else hi = mid end
    end
    n = n + 1
    paths[n], agents[n], languages[n] = prefix .. slugs[math.random(#slugs)], uas[lo], langs[math.random(#langs)]
    reqs[n] = wrk.format("GET", paths[n], {
      ["User-Agent"] = uas[lo],
      ["X-Forwarded-For"] = public_ipv4(),
      ["Accept-Language"] = langs[math.random(#langs)],
    })
  end
end

function request()
  local i = math.random(n)
  if FRESH then
    return wrk.format("GET", paths[i], {
      ["User-Agent"] = agents[i], ["X-Forwarded-For"] = public_ipv4(), ["Accept-Language"] = languages[i] })
  end
  return reqs[i]
end

function done(s, lat)
  local e = s.errors
  io.write(string.format(
    "rps=%.0f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f requests=%d non23xx=%d sockerr=%d\n",
    s.requests / s.duration * 1e6, lat:percentile(50) / 1e3, lat:percentile(99) / 1e3,
    lat:percentile(99.9) / 1e3, lat.max / 1e3, s.requests, e.status,
    e.connect + e.read + e.write + e.timeout))
end
