-- wrk script for bench/family-home.sh: each request carries the next credential of the file
-- named by the environment variable BENCH_CREDENTIALS (one a line), as the header named by
-- BENCH_HEADER ("Authorization" with "Bearer " lines, or "Cookie"), so that the load is spread
-- over many families rather than one. Each thread starts at a different place in the file.
local credentials = {}
local next_index = 1
local header = os.getenv("BENCH_HEADER") or "Authorization"
local prefix = os.getenv("BENCH_PREFIX") or ""

function init(args)
  for line in io.lines(os.getenv("BENCH_CREDENTIALS")) do
    if line ~= "" then
      credentials[#credentials + 1] = prefix .. line
    end
  end
  next_index = math.random(#credentials)
end

function request()
  local headers = {}
  headers[header] = credentials[next_index]
  headers["Accept"] = os.getenv("BENCH_ACCEPT") or "*/*"
  next_index = next_index % #credentials + 1
  return wrk.format("GET", nil, headers)
end
