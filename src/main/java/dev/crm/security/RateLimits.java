package dev.crm.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * The token buckets, in memory: one per client, one per source address for failed
 * authentications. Each kind is a bounded cache: a bucket idle long enough to be full
 * again is dropped (it would allow the same as a new one), and beyond
 * {@code crm.security.rate-limit.max-tracked} the least recently used go, so no number of
 * clients or addresses can grow memory without bound. With several instances each keeps
 * its own buckets: a client may send up to the limit to each.
 */
final class RateLimits {

	/** No wait: the request may go on. */
	static final long ALLOWED = 0;

	private final Kind clients;

	private final Kind failedAuthentications;

	RateLimits(SecurityProperties.RateLimit properties) {
		this.clients = new Kind(properties.client(), properties.maxTracked());
		this.failedAuthentications = new Kind(properties.failedAuthentication(), properties.maxTracked());
	}

	/**
	 * Takes a token from the client's bucket.
	 * @return {@link #ALLOWED}, or the seconds to wait before retrying
	 */
	long client(String clientId) {
		return this.clients.take(clientId);
	}

	/**
	 * Takes a token from the address's bucket of failed authentications.
	 * @return {@link #ALLOWED}, or the seconds to wait before retrying
	 */
	long failedAuthentication(String address) {
		return this.failedAuthentications.take(address);
	}

	private static final class Kind {

		private final Bandwidth bandwidth;

		private final Cache<String, Bucket> buckets;

		Kind(SecurityProperties.Limit limit, int maxTracked) {
			this.bandwidth = Bandwidth.builder()
				.capacity(limit.capacity())
				.refillGreedy(limit.perSecond(), Duration.ofSeconds(1))
				.build();
			Duration untilFull = Duration.ofMillis(Math.ceilDiv(limit.capacity() * 1000L, limit.perSecond()));
			this.buckets = Caffeine.newBuilder().maximumSize(maxTracked).expireAfterAccess(untilFull).build();
		}

		long take(String key) {
			Bucket bucket = this.buckets.get(key, (unused) -> Bucket.builder().addLimit(this.bandwidth).build());
			ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
			if (probe.isConsumed()) {
				return ALLOWED;
			}
			return Math.max(1, Math.ceilDiv(probe.getNanosToWaitForRefill(), 1_000_000_000L));
		}

	}

}
