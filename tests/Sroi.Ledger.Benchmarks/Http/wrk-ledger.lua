-- wrk script of the HTTP benchmark (tests/Sroi.Ledger.Benchmarks --http; docs/benchmarks.md).
--   wrk -t2 -c16 -d20s --latency --timeout 10s -s wrk-ledger.lua http://127.0.0.1:PORT -- MODE KEY TAG MAX ID [ID ...]
-- MODE post: POST /api/v1/contracts/ID/fulfilments, a social-procurement report (an invoice of 10.00 excl. VAT dated DATE,
--            see below) whose invoice number TAG-N<thread>-N<n> is unique per request; an invoice counts once across all
--            contracts, so TAG must be new for every run on the same database. TAG comes from BenchReferences.Of and n
--            stays below MAX (at most 99,999,999): every digit group is its own, behind a letter, at most eight digits,
--            so the ledger's BSN screen never finds nine digits in it (as BenchReferences.Of builds its references).
-- MODE get:  GET /api/v1/contracts/ID/balance.
-- Each thread takes the IDs in turn (thread 2 starts one further on), and stops after MAX requests: bounded in count
-- as well as by -d. KEY is the bearer key. The invoice date is the env variable BENCH_INVOICE_DATE (yyyy-mm-dd).
-- done() prints one line "BENCH key=value ..." (latency in microseconds) and one "BENCH-STATUS code=count ...".

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  mode, key, tag, max = args[1], args[2], args[3], tonumber(args[4])
  ids = {}
  for i = 5, #args do ids[#ids + 1] = args[i] end
  invoice_date = os.getenv("BENCH_INVOICE_DATE")
  headers = { ["Authorization"] = "Bearer " .. key, ["Content-Type"] = "application/json" }
  n = 0
  statuses = {}
  sample = ""
end

function request()
  n = n + 1
  local id = ids[((n + thread_id) % #ids) + 1]
  if mode == "post" then
    local body = string.format(
      '{"kind":"social-procurement","supplier":{"kvkNumber":"87654321","name":"De Groene Werkplaats B.V.",' ..
      '"recognition":"code-sociale-ondernemingen"},"invoiceNumber":"%s-N%d-N%d","invoiceDate":"%s","amountExclVat":10.00}',
      tag, thread_id, n, invoice_date)
    return wrk.format("POST", "/api/v1/contracts/" .. id .. "/fulfilments", headers, body)
  end
  return wrk.format("GET", "/api/v1/contracts/" .. id .. "/balance", headers)
end

function response(status, headers, body)
  local code = tostring(status)
  statuses[code] = (statuses[code] or 0) + 1
  if (status < 200 or status > 299) and sample == "" then sample = code .. " " .. string.sub(body or "", 1, 300) end
  if n >= max then wrk.thread:stop() end
end

function done(summary, latency, requests)
  io.write(string.format(
    "BENCH requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d mean_us=%.0f " ..
    "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status,
    summary.errors.timeout))
  local merged, samples = {}, {}
  for _, thread in ipairs(threads) do
    for code, count in pairs(thread:get("statuses")) do merged[code] = (merged[code] or 0) + count end
    local s = thread:get("sample")
    if s ~= "" then samples[#samples + 1] = s end
  end
  local line = "BENCH-STATUS"
  for code, count in pairs(merged) do line = line .. " " .. code .. "=" .. count end
  io.write(line .. "\n")
  for _, s in ipairs(samples) do io.write("BENCH-SAMPLE " .. string.gsub(s, "\n", " ") .. "\n") end
end
