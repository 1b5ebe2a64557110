package dev.crm.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.crm.support.TestTokens;

/**
 * The security scenario's traffic, beside the background load's legitimate requests: an
 * attacker sending invalid bearer tokens from one address (30 a second: the address's
 * bucket of failed authentications answers the excess with 429), a client with a
 * read-only token trying one write a second (403), and one legitimate read a second,
 * which no refusal may reach. Statuses are counted, for the timeline and the assertions.
 */
final class SecurityDrill implements AutoCloseable {

	/** Invalid tokens a second. */
	static final int ATTACK_RATE = 30;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

	private final String baseUrl;

	private final String readOnlyToken = TestTokens.builder().subject("read-only-client").scope("crm.read").sign();

	private final Map<String, Map<Integer, AtomicInteger>> statuses = new ConcurrentHashMap<>();

	private SecurityDrill(int apiPort) {
		this.baseUrl = "http://127.0.0.1:" + apiPort;
	}

	static SecurityDrill start(int apiPort) {
		SecurityDrill drill = new SecurityDrill(apiPort);
		drill.scheduler.scheduleAtFixedRate(() -> drill.send("attacker", "GET", "/api/v1/campaigns", "not-a-jwt"), 0,
				1_000_000 / ATTACK_RATE, TimeUnit.MICROSECONDS);
		drill.scheduler.scheduleAtFixedRate(() -> {
			drill.send("read-only client writing", "POST", "/api/v1/campaigns", drill.readOnlyToken);
			drill.send("legitimate", "GET", "/api/v1/campaigns", TestTokens.VALID);
		}, 0, 1, TimeUnit.SECONDS);
		return drill;
	}

	/** Answers by sender and status so far. */
	Map<String, Map<Integer, AtomicInteger>> statuses() {
		return this.statuses;
	}

	/**
	 * The statuses a sender was answered with and how often; requests that got no answer
	 * in time (status -1, a starved host) are left out.
	 */
	Map<Integer, Integer> answered(String sender) {
		Map<Integer, Integer> answered = new TreeMap<>();
		this.statuses.getOrDefault(sender, Map.of()).forEach((status, count) -> {
			if (status > 0) {
				answered.put(status, count.get());
			}
		});
		return answered;
	}

	int count(String sender, int status) {
		AtomicInteger count = this.statuses.getOrDefault(sender, Map.of()).get(status);
		return (count != null) ? count.get() : 0;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
		try {
			this.scheduler.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void send(String sender, String method, String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(5))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.method(method,
					method.equals("POST")
							? HttpRequest.BodyPublishers.ofString("{\"name\":\"Drill\",\"channel\":\"EMAIL\"}")
							: HttpRequest.BodyPublishers.noBody());
		int status;
		try {
			status = this.client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			status = -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		this.statuses.computeIfAbsent(sender, (s) -> new ConcurrentHashMap<>())
			.computeIfAbsent(status, (s) -> new AtomicInteger())
			.incrementAndGet();
	}

}
