-- wrk prints the 50th, 75th, 90th and 99th percentiles with --latency; the targets name the 95th
-- (bench/http_bench.py reads this line). Microseconds.
done = function(summary, latency, requests)
  io.write(string.format("p95 %d\n", latency:percentile(95)))
end
