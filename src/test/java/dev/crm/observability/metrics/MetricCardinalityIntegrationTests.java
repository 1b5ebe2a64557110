package dev.crm.observability.metrics;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.crm.support.ObservedIntegrationTestBase;
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
	 * Every series but the JVM's and Redis's: a GC cause seen for the first time, or a
	 * Redis command timing out on a loaded machine, adds series whatever the input was.
	 */
	private Set<String> inputDrivenSeries() {
		return scrape().series()
			.stream()
			.filter((series) -> !series.startsWith("jvm_") && !series.startsWith("lettuce_"))
			.collect(Collectors.toSet());
	}

	/**
	 * Sends random unknown paths and random ids on templated routes; returns the tokens.
	 */
	private List<String> send(int requests) {
		List<String> tokens = new ArrayList<>();
		List<CompletableFuture<?>> inFlight = new ArrayList<>();
		AtomicInteger failures = new AtomicInteger();
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
			HttpRequest request = HttpRequest.newBuilder(api().uri(path)).timeout(Duration.ofSeconds(30)).build();
			inFlight
				.add(this.client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenAccept((response) -> {
					if (response.statusCode() != 404) {
						failures.incrementAndGet();
					}
				}));
			if (inFlight.size() == 8) {
				CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
				inFlight.clear();
			}
		}
		CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
		assertThat(failures).as("requests that did not answer 404").hasValue(0);
		return tokens;
	}

}
