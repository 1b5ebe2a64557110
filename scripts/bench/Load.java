import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The two ways the benchmark loads an instance, on loopback only and bounded in time.
 * <ul>
 * <li>{@link #saturate}: closed loop, a fixed number of connections each sending its next
 * request as soon as the last one is answered; the requests served per second is the
 * throughput at saturation.</li>
 * <li>{@link #fixedRate}: open loop at a constant arrival rate. Request {@code k} is due
 * at {@code start + k / rate}, and its latency is measured from that due time, not from
 * when a connection got round to sending it, so a stall of the server shows in the
 * percentiles instead of silently slowing the sender (no coordinated omission).</li>
 * </ul>
 */
final class Load {

	private Load() {
	}

	/** What one run of load produced. */
	record Outcome(long requests, long unexpected, long elapsedNanos, long[] latenciesNanos) {

		double perSecond() {
			return this.requests * 1e9 / this.elapsedNanos;
		}

		/** The {@code q} quantile of the latencies, in nanoseconds (nearest rank). */
		long quantile(double q) {
			if (this.latenciesNanos.length == 0) {
				throw new IllegalStateException("No latencies were recorded");
			}
			int rank = (int) Math.ceil(q * this.latenciesNanos.length) - 1;
			return this.latenciesNanos[Math.max(0, Math.min(rank, this.latenciesNanos.length - 1))];
		}

	}

	static Outcome saturate(int port, Workload workload, Traffic traffic, int connections, long durationNanos)
			throws InterruptedException {
		LongAdder requests = new LongAdder();
		LongAdder unexpected = new LongAdder();
		long start = System.nanoTime();
		long deadline = start + durationNanos;
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			threads.add(Thread.ofPlatform().name("saturate-" + i).start(() -> {
				ThreadLocalRandom random = ThreadLocalRandom.current();
				try (HttpConnection connection = new HttpConnection(port)) {
					while (System.nanoTime() < deadline) {
						Workload.Call call = workload.next(traffic, random);
						send(connection, call, unexpected);
						requests.increment();
					}
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		return new Outcome(requests.sum(), unexpected.sum(), System.nanoTime() - start, new long[0]);
	}

	static Outcome fixedRate(int port, Workload workload, Traffic traffic, int connections, double perSecond,
			long durationNanos) throws InterruptedException {
		int planned = (int) Math.max(1, Math.round(perSecond * durationNanos / 1e9));
		double intervalNanos = 1e9 / perSecond;
		long[] latencies = new long[planned];
		AtomicLong tickets = new AtomicLong();
		LongAdder unexpected = new LongAdder();
		long start = System.nanoTime() + 1_000_000;
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			threads.add(Thread.ofPlatform().name("fixed-rate-" + i).start(() -> {
				ThreadLocalRandom random = ThreadLocalRandom.current();
				try (HttpConnection connection = new HttpConnection(port)) {
					for (long k = tickets.getAndIncrement(); k < planned; k = tickets.getAndIncrement()) {
						long due = start + (long) (k * intervalNanos);
						for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
							LockSupport.parkNanos(wait);
						}
						Workload.Call call = workload.next(traffic, random);
						send(connection, call, unexpected);
						latencies[(int) k] = System.nanoTime() - due;
					}
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		long elapsed = System.nanoTime() - start;
		Arrays.sort(latencies);
		return new Outcome(planned, unexpected.sum(), elapsed, latencies);
	}

	private static void send(HttpConnection connection, Workload.Call call, LongAdder unexpected) {
		try {
			if (connection.exchange(call.bytes(), false) != call.expectedStatus()) {
				unexpected.increment();
			}
		}
		catch (IOException ex) {
			connection.close();
			unexpected.increment();
		}
	}

}
