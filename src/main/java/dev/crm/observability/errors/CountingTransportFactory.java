package dev.crm.observability.errors;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sentry.AsyncHttpTransportFactory;
import io.sentry.Hint;
import io.sentry.ITransportFactory;
import io.sentry.RequestDetails;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryItemType;
import io.sentry.SentryOptions;
import io.sentry.hints.Enqueable;
import io.sentry.hints.SubmissionResult;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import io.sentry.util.HintUtils;

/**
 * Sentry's own asynchronous HTTP transport (a bounded queue drained by one background
 * thread), wrapped to count what becomes of each error event: delivered, or lost to a
 * full queue, rate limiting or a failed delivery.
 */
class CountingTransportFactory implements ITransportFactory {

	private final SentryEventMetrics metrics;

	CountingTransportFactory(SentryEventMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	public ITransport create(SentryOptions options, RequestDetails requestDetails) {
		return new CountingTransport(new AsyncHttpTransportFactory().create(options, requestDetails), this.metrics);
	}

	private record CountingTransport(ITransport delegate, SentryEventMetrics metrics) implements ITransport {

		@Override
		public void send(SentryEnvelope envelope, Hint hint) throws IOException {
			if (!carriesEvent(envelope) || HintUtils.getSentrySdkHint(hint) != null) {
				this.delegate.send(envelope, hint);
				return;
			}
			Outcome outcome = new Outcome(this.metrics);
			HintUtils.setTypeCheckHint(hint, outcome);
			this.delegate.send(envelope, hint);
			// Neither queued nor failed: the queue was full or the rate limit applied.
			outcome.droppedUnlessEnqueued();
		}

		private static boolean carriesEvent(SentryEnvelope envelope) {
			for (SentryEnvelopeItem item : envelope.getItems()) {
				if (item.getHeader().getType() == SentryItemType.Event) {
					return true;
				}
			}
			return false;
		}

		@Override
		public boolean isHealthy() {
			return this.delegate.isHealthy();
		}

		@Override
		public void flush(long timeoutMillis) {
			this.delegate.flush(timeoutMillis);
		}

		@Override
		public RateLimiter getRateLimiter() {
			return this.delegate.getRateLimiter();
		}

		@Override
		public void close(boolean isRestarting) throws IOException {
			this.delegate.close(isRestarting);
		}

		@Override
		public void close() throws IOException {
			this.delegate.close();
		}

	}

	/** Told by the transport whether the envelope was queued and then delivered. */
	private static final class Outcome implements SubmissionResult, Enqueable {

		private final SentryEventMetrics metrics;

		private final AtomicBoolean counted = new AtomicBoolean();

		private volatile boolean enqueued;

		private volatile boolean success;

		Outcome(SentryEventMetrics metrics) {
			this.metrics = metrics;
		}

		@Override
		public void markEnqueued() {
			this.enqueued = true;
		}

		@Override
		public void setResult(boolean success) {
			this.success = success;
			if (this.counted.compareAndSet(false, true)) {
				if (success) {
					this.metrics.sent();
				}
				else {
					this.metrics.dropped();
				}
			}
		}

		@Override
		public boolean isSuccess() {
			return this.success;
		}

		void droppedUnlessEnqueued() {
			if (!this.enqueued && this.counted.compareAndSet(false, true)) {
				this.metrics.dropped();
			}
		}

	}

}
