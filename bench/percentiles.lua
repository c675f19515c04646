-- wrk script: print the latency percentiles wrk's --latency table leaves out.
done = function(summary, latency, requests)
  io.write(string.format("p95_us: %d\n", latency:percentile(95.0)))
end
