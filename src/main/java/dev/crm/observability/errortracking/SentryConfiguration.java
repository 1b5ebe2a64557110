package dev.crm.observability.errortracking;

import dev.crm.jobs.JobCheckIns;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentry.IScopes;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Sentry is on exactly when {@code sentry.dsn} ({@code SENTRY_DSN}) is set, the same
 * condition as the Sentry starter's own auto-configuration. Everything else about it is
 * in {@code application.yml} under {@code sentry}. Either way there is one
 * {@link ServerErrorReporter}.
 */
@Configuration(proxyBeanMethods = false)
class SentryConfiguration {

	/**
	 * Registered with Sentry off too, so dashboards and the alert read zeros, not gaps.
	 */
	@Bean
	SentryEventMetrics sentryEventMetrics(MeterRegistry registry) {
		return new SentryEventMetrics(registry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("sentry.dsn")
	static class SentryOn {

		@Bean
		ServerErrorReporter sentryServerErrorReporter(IScopes scopes) {
			return new SentryServerErrorReporter(scopes);
		}

		/** Scheduled jobs check in to Sentry's cron monitors (dev.crm.jobs). */
		@Bean
		JobCheckIns sentryJobCheckIns(IScopes scopes) {
			return new SentryJobCheckIns(scopes);
		}

		/**
		 * Applied by the starter to the options it initialises Sentry with: every event
		 * is scrubbed and counted as it is handed on, and every discard is counted.
		 */
		@Bean
		Sentry.OptionsConfiguration<SentryOptions> scrubbedAndCountedSentryEvents(SentryEventMetrics metrics) {
			SentryEventScrubber scrubber = new SentryEventScrubber();
			return (options) -> {
				options.setBeforeSend((event, hint) -> {
					SentryEvent scrubbed = scrubber.scrub(event);
					metrics.sent();
					return scrubbed;
				});
				options.setOnDiscard(metrics);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(NoSentryDsn.class)
	static class SentryOff {

		@Bean
		ServerErrorReporter noServerErrorReporter() {
			return ServerErrorReporter.NONE;
		}

	}

	static class NoSentryDsn extends NoneNestedConditions {

		NoSentryDsn() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("sentry.dsn")
		static class DsnSet {

		}

	}

}
