package dev.crm.observability.metrics;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.crm.support.ObservedIntegrationTestBase;
import dev.crm.support.PrometheusScrape.Sample;
import dev.crm.support.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No input can create series: unknown paths collapse into {@code uri="NOT_FOUND"} and ids
 * into their route template, so random requests add only the handful of series for those
 * few label combinations, once.
 */
class MetricCardinalityIntegrationTests extends ObservedIntegrationTestBase {

	/**
	 * The most 10,000 random requests may add: at most four new HTTP series (NOT_FOUND as
	 * api and as other traffic, and the 404s of the two id routes), each 13 buckets plus
	 * count, sum and max, and two new repository operations of 11 buckets plus count, sum
	 * and max, plus their in-flight timers (count, sum and max each).
	 */
	private static final int MAX_NEW_SERIES = 4 * 16 + 4 * 3 + 2 * 14 + 2 * 3;

	private static final int MAX_RETRIES = 3;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void tenThousandRandomRequestsAddAFixedSmallNumberOfSeries() {
		Set<String> before = inputDrivenSeries();

		List<String> tokens = send(10_000);

		Set<String> after = inputDrivenSeries();
		Set<String> added = after.stream().filter((series) -> !before.contains(series)).collect(Collectors.toSet());
		System.out.printf("Series before: %d, after 10,000 random requests: %d (+%d)%n", before.size(), after.size(),
				added.size());
		assertThat(added).hasSizeLessThanOrEqualTo(MAX_NEW_SERIES);
		String scrape = scrape().text();
		assertThat(tokens.subList(0, 200)).noneMatch(scrape::contains);

		// Once each kind of request has been seen, more random input adds nothing at all.
		send(1_000);
		assertThat(inputDrivenSeries()).hasSize(after.size());
	}

	/**
	 * Every series but the JVM's, Redis's and those of a failing dependency: a GC cause
	 * seen for the first time, a Redis command or a query timing out on a starved
	 * machine, and the 503 it turns into, add series whatever the input was.
	 */
	private Set<String> inputDrivenSeries() {
		return scrape().series((sample) -> !sample.name().startsWith("jvm_") && !sample.name().startsWith("lettuce_")
				&& !sample.has("outcome", "SERVER_ERROR") && !isFailedQuery(sample));
	}

	private static boolean isFailedQuery(Sample sample) {
		return sample.name().startsWith("crm_db_operation_") && sample.labels().containsKey("error")
				&& !sample.has("error", "none");
	}

	/**
	 * Sends random unknown paths and random ids on templated routes, eight at a time, and
	 * asserts that every one is answered 404; returns the tokens.
	 */
	private List<String> send(int requests) {
		List<String> tokens = new ArrayList<>();
		List<CompletableFuture<?>> inFlight = new ArrayList<>();
		Map<Integer, Integer> otherStatuses = new ConcurrentSkipListMap<>();
		AtomicInteger retried = new AtomicInteger();
		for (int i = 0; i < requests; i++) {
			String token = UUID.randomUUID().toString().replace("-", "");
			tokens.add(token);
			long id = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
			String path = switch (i % 4) {
				case 0 -> "/" + token + "/" + i;
				case 1 -> "/api/" + token;
				case 2 -> "/api/v1/leads/" + id;
				default -> "/api/v1/campaigns/" + id + "/stats";
			};
			HttpRequest request = HttpRequest.newBuilder(api().uri(path))
				.header("Authorization", "Bearer " + TestTokens.VALID)
				.timeout(Duration.ofSeconds(30))
				.build();
			inFlight.add(statusOf(request, MAX_RETRIES, retried).thenAccept((status) -> {
				if (status != 404) {
					otherStatuses.merge(status, 1, Integer::sum);
				}
			}));
			if (inFlight.size() == 8) {
				CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
				inFlight.clear();
			}
		}
		CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
		if (retried.get() > 0) {
			System.out.printf("%d answers of 503 (a dependency too slow on this host) were asked again%n",
					retried.get());
		}
		assertThat(otherStatuses).as("statuses other than 404, with their counts").isEmpty();
		return tokens;
	}

	/**
	 * The status of the request's answer. A 503 means a dependency was too slow just then
	 * (on a starved host a query can pass its 1 s timeout), not that the input was
	 * anything but unknown: it is asked again a second later, as a client honouring
	 * {@code Retry-After} would, at most {@code retries} times.
	 */
	private CompletableFuture<Integer> statusOf(HttpRequest request, int retries, AtomicInteger retried) {
		return this.client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenCompose((response) -> {
			if (response.statusCode() != 503 || retries == 0) {
				return CompletableFuture.completedFuture(response.statusCode());
			}
			retried.incrementAndGet();
			return CompletableFuture.runAsync(() -> {
			}, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS))
				.thenCompose((ignored) -> statusOf(request, retries - 1, retried));
		});
	}

}
